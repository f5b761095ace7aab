// linker/core/lld-paths.ts: the path functions of LLVM's sys::path that --reproduce relies on, at
// the corners the end-to-end comparison (tests/golden/reproduce.test.ts) does not reach.
import { pathFilename, pathStem, relativeToRoot } from '../../linker/core/lld-paths';

test('relativeToRoot: absolute against the working directory, dots removed, the root dropped', () => {
  expect(relativeToRoot('a.o', '/home/j')).toBe('home/j/a.o');
  expect(relativeToRoot('a.o', '/')).toBe('a.o');
  expect(relativeToRoot('./x/../a.o', '/home/j/')).toBe('home/j/a.o');
  expect(relativeToRoot('../../../../a.o', '/home/j')).toBe('a.o');
  expect(relativeToRoot('/usr//lib/./libc.a', '/ignored')).toBe('usr/lib/libc.a');
  expect(relativeToRoot('///usr/lib', '/ignored')).toBe('usr/lib');
  // A network root name (`//host`) stays, and `..` cannot climb above it.
  expect(relativeToRoot('//host/a/../../b', '/ignored')).toBe('host/b');
  // Escaped bytes of a non-UTF-8 name pass through untouched.
  expect(relativeToRoot('c\udcffb.o', '/d')).toBe('d/c\udcffb.o');
});

test('pathFilename and pathStem, as LLVM has them', () => {
  expect(pathFilename('dir/out.wasm')).toBe('out.wasm');
  expect(pathFilename('dir/')).toBe('.');
  expect(pathFilename('/')).toBe('/');
  expect(pathStem('/tmp/repro.tar')).toBe('repro');
  expect(pathStem('repro.tar.gz')).toBe('repro.tar');
  expect(pathStem('repro')).toBe('repro');
  expect(pathStem('.tar')).toBe('');
  expect(pathStem('..')).toBe('..');
});
