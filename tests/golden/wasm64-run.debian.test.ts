// The wasm64 run test against Debian's wasm-ld-19 (npm run test-debian; apt-get install lld-19):
// the program of wasm64-program.ts linked by wasm-ld-19 and by wlink runs the same on a node that
// runs wasm64 modules, and the sections but code are wasm-ld-19's bytes.
import path from 'path';
import { linkerCommand } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { linkSilently } from './threads-run';
import { ARGV, EXPECTED_PREFIX, runWasm64, sectionsButCode, useWasm64Program } from './wasm64-program';

const program = useWasm64Program();

test('a wasm64 program runs as wasm-ld-19\'s link, and its sections but code are wasm-ld-19\'s', () => {
  linkSilently(program.dir, ['wasm-ld-19'], ARGV, 'ref19.wasm');
  linkSilently(program.dir, linkerCommand(), ARGV, 'ours.wasm');
  const ref = runWasm64(program.node, path.join(program.dir, 'ref19.wasm'));
  expect(ref.slice(0, EXPECTED_PREFIX.length)).toEqual(EXPECTED_PREFIX);
  expect(runWasm64(program.node, path.join(program.dir, 'ours.wasm'))).toEqual(ref);
  expect(sectionsButCode(path.join(program.dir, 'ours.wasm'))).toEqual(sectionsButCode(path.join(program.dir, 'ref19.wasm')));
}, TIMEOUT_MS);
