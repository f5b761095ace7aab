// A main module and two side modules (a chain of NEEDED libraries) linked by the reference wasm-ld
// and by wlink, each set loaded by the example loader (examples/dylink/loader.mjs) and run: data
// holding pointers to data and functions in other modules, function pointers passed both ways,
// weak undefined data and functions, a constructor, and a weak definition the main module overrides
// must behave the same. The modules themselves are compared against wasm-ld in the option cases
// (cases/pic.ts); against wasm-ld-19 in dylink-run.debian.test.ts.
import fs from 'fs';
import { linkerCommand, REFERENCE_LD } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileDylinkProgram, linkAndRun } from './dylink-program';

let dir: string;

beforeAll(() => {
  dir = compileDylinkProgram();
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a main module and a chain of side modules run as the reference wasm-ld\'s', () => {
  const ref = linkAndRun(dir, [process.execPath, REFERENCE_LD], 'ref');
  expect(ref.error).toBeUndefined();
  expect(ref.returned).toBe(7);
  // The main module's `overridable` (42) wins over libb's weak one (1): libb's call goes through its import.
  expect(ref.log[5]).toBe(42);
  expect(linkAndRun(dir, linkerCommand(), 'ours')).toEqual(ref);
}, TIMEOUT_MS);
