// --reproduce against Debian's wasm-ld-19 (npm run test-debian, which needs `apt-get install lld-19`):
// what the reference of npm test cannot show, since it sees relative paths against its virtual root
// and its virtual file system creates missing directories: relative paths and response files, an
// archive's `.imports` file, a working directory reached through a symbolic link, an archive that
// cannot be opened, and links that stop before resolving.
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { linkerCommand } from './inspect';
import { abs, dir, expectSame, fullLink, run, setUp, tearDown, TIMEOUT_MS } from './reproduce-fixture';

beforeAll(() => {
  const v = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error('these tests compare with Debian\'s wasm-ld-19: apt-get install lld-19');
  setUp();
}, TIMEOUT_MS);
afterAll(tearDown);

describe('the same archive as wasm-ld-19', () => {
  const both = (argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}, archive = true) => {
    const ours = run(linkerCommand(), 'ours', argv, opts);
    const ref = run(['wasm-ld-19'], 'ref', argv, opts);
    expect(ref.tar !== null).toBe(archive);
    expectSame(ours, ref);
    return ref;
  };

  test('relative paths and a response file', () => {
    fs.writeFileSync(path.join(dir, 'args.rsp'), './main.o "sp ace/foo.o"\n-Llib -lbar\n--allow-undefined-file=und.txt\n');
    expect(both(['--reproduce=@T/repro.tar', '@args.rsp', '-o', '@T/out.wasm']).status).toBe(0);
  });

  test("an archive's .imports file, after the archive (read in a link and in one that stops at its output)", () => {
    fs.mkdirSync(path.join(dir, 'lib2'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'lib', 'libbar.a'), path.join(dir, 'lib2', 'libbar.a'));
    fs.writeFileSync(path.join(dir, 'lib2', 'libbar.imports'), 'ext\n');
    expect(both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', '-Llib2', '-lbar', '-o', '@T/out.wasm']).status).toBe(0);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', '-Llib2', '-lbar', '-o', '@T/no/out.wasm']);
  });

  test('a working directory reached through a symbolic link ($PWD names it)', () => {
    const link = path.join(dir, 'via-link');
    if (!fs.existsSync(link)) fs.symlinkSync(dir, link);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', 'lib/libbar.a', '--allow-undefined', '-o', '@T/out.wasm'], { cwd: link, env: { PWD: link } });
  });

  test('an archive that cannot be opened: the same error, and no link', () => {
    const ref = both(['--reproduce=@T/no/such/dir/repro.tar', ...fullLink()], {}, false);
    expect(ref.status).toBe(1);
  });

  test('links that stop early: an output that cannot be written, a bad option, a missing input', () => {
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', `--allow-undefined-file=${abs('und.txt')}`, 'lib/libbar.a', '-o', '@T/no/out.wasm']);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', 'lib/libbar.a', '--allow-undefined-file=und.txt', '-Wl,--x', '-o', '@T/out.wasm']);
    both(['--reproduce=@T/repro.tar', 'main.o', 'missing.o', 'foo.o', '-o', '@T/out.wasm']);
  });
});
