// The dynamic-linking run test (dylink-run.test.ts, its three builds) with Debian's wasm-ld-19 as the reference.
import { spawnSync } from 'child_process';
import fs from 'fs';
import { linkerCommand } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileDylinkProgram, DYLINK_BUILDS, DylinkBuild, expectedTlsCheck, linkAndRun } from './dylink-program';

const dirs = new Map<DylinkBuild, string>();

beforeAll(() => {
  const v = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error('this test compares with Debian\'s wasm-ld-19: apt-get install lld-19');
  for (const build of DYLINK_BUILDS) dirs.set(build, compileDylinkProgram(build));
}, 3 * TIMEOUT_MS);

afterAll(() => {
  for (const dir of dirs.values()) fs.rmSync(dir, { recursive: true, force: true });
});

test.each(DYLINK_BUILDS)('%s: a main module and a chain of side modules run as wasm-ld-19\'s', (build) => {
  const dir = dirs.get(build)!;
  const ref = linkAndRun(dir, ['wasm-ld-19'], 'ref', build);
  expect(ref.error).toBeUndefined();
  expect(ref.log[5]).toBe(42);
  expect(ref.log[9]).toBe(expectedTlsCheck(build));
  expect(linkAndRun(dir, linkerCommand(), 'ours', build)).toEqual(ref);
}, TIMEOUT_MS);
