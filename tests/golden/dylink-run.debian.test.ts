// The dynamic-linking run test (dylink-run.test.ts) with Debian's wasm-ld-19 as the reference.
import { spawnSync } from 'child_process';
import fs from 'fs';
import { linkerCommand } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileDylinkProgram, linkAndRun } from './dylink-program';

let dir: string;

beforeAll(() => {
  const v = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error('this test compares with Debian\'s wasm-ld-19: apt-get install lld-19');
  dir = compileDylinkProgram();
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a main module and a chain of side modules run as wasm-ld-19\'s', () => {
  const ref = linkAndRun(dir, ['wasm-ld-19'], 'ref');
  expect(ref.error).toBeUndefined();
  expect(ref.log[5]).toBe(42);
  expect(linkAndRun(dir, linkerCommand(), 'ours')).toEqual(ref);
}, TIMEOUT_MS);
