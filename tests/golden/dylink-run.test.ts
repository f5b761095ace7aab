// A main module and two side modules (a chain of NEEDED libraries) linked by the reference wasm-ld
// and by wlink, each set loaded by the example loader (examples/dylink/loader.mjs) and run: data
// holding pointers to data and functions in other modules, function pointers passed both ways,
// weak undefined data and functions, a constructor, and a weak definition the main module overrides
// must behave the same. Three builds (dylink-program.ts): wasm32; with --shared-memory, where each
// library also has thread-local data (its own, another module's through a GOT entry, pointers held
// in .tdata); and wasm64. The modules themselves are compared against wasm-ld in the option cases
// (cases/pic.ts, cases/pic-memory.ts); against wasm-ld-19 in dylink-run.debian.test.ts.
import fs from 'fs';
import { linkerCommand, REFERENCE_LD } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileDylinkProgram, DYLINK_BUILDS, DylinkBuild, expectedTlsCheck, linkAndRun } from './dylink-program';

const dirs = new Map<DylinkBuild, string>();

beforeAll(() => {
  for (const build of DYLINK_BUILDS) dirs.set(build, compileDylinkProgram(build));
}, 3 * TIMEOUT_MS);

afterAll(() => {
  for (const dir of dirs.values()) fs.rmSync(dir, { recursive: true, force: true });
});

test.each(DYLINK_BUILDS)('%s: a main module and a chain of side modules run as the reference wasm-ld\'s', (build) => {
  const dir = dirs.get(build)!;
  const ref = linkAndRun(dir, [process.execPath, REFERENCE_LD], 'ref', build);
  expect(ref.error).toBeUndefined();
  expect(ref.returned).toBe(7);
  // The main module's `overridable` (42) wins over libb's weak one (1): libb's call goes through its import.
  expect(ref.log[5]).toBe(42);
  expect(ref.log[9]).toBe(expectedTlsCheck(build));
  expect(linkAndRun(dir, linkerCommand(), 'ours', build)).toEqual(ref);
}, TIMEOUT_MS);
