// The option cases where wasm-ld 21 (the reference of npm test) says otherwise and wlink follows
// Debian's wasm-ld-19 (npm run test-debian; apt-get install lld-19): its `=` (required) target-feature
// prefix (the feature counts as used, and every input must use it; 21 refuses the prefix), and the
// words of the table 0 conflict (21 adds "or 'call-indirect-overlong'"). The --shared-memory cases
// and wasm64 cases are checked against wasm-ld-19 here as well as against 21 in option-cases.test.ts,
// and so are the stub library cases (those in the order of 19's hash map only here) and the
// position-independent ones (cases/pic.ts, cases/pic-memory.ts), most of them against 19 only.
import { spawnSync } from 'child_process';
import fs from 'fs';
import { linkerCommand } from './inspect';
import { CaseLinks, caseLinks } from './cases/outcome';
import { SHARED_MEMORY_CASES } from './cases/shared-memory';
import { TLS_CASES } from './cases/tls';
import { WASM64_CASES } from './cases/wasm64';
import { PIC_CASES } from './cases/pic';
import { STUB_CASES } from './cases/stubs';
import { PIC_MEMORY_CASES } from './cases/pic-memory';
import { prepareCaseDir, TIMEOUT_MS } from './cases/sources';

let dir: string;
let cases: CaseLinks;

beforeAll(() => {
  const v = spawnSync('wasm-ld-19', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error('these cases compare with Debian\'s wasm-ld-19: apt-get install lld-19');
  dir = prepareCaseDir();
  cases = caseLinks(dir);
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test.each([
  { name: 'an MVP call_indirect needs table 0, which an imported table has', argv: ['tables-rt.o', 'calls-indirect.o', '--allow-undefined', '--export-dynamic', '--no-entry'] },
  { name: 'a required feature not in --features', argv: ['requires-foo.o', '--features=bar,baz'] },
  { name: 'a required feature alone is written as used', argv: ['requires-foo.o'] },
  { name: 'a required feature another input uses', argv: ['requires-foo.o', 'uses-foo.o'] },
  { name: 'a required feature another input lacks', argv: ['requires-foo.o', 'no-features.o'] },
  { name: 'a required feature another input lacks, --no-check-features', argv: ['requires-foo.o', 'no-features.o', '--no-check-features'] },
  { name: 'a required feature another input disallows', argv: ['requires-foo.o', 'disallows-foo.o'] },
])('$name: as wasm-ld-19', ({ argv }) => {
  const ref = cases.link(['wasm-ld-19'], argv, 'ref.wasm', true, ['target_features']);
  const ours = cases.link(linkerCommand(), argv, 'ours.wasm', true, ['target_features']);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);


test.each([...SHARED_MEMORY_CASES, ...TLS_CASES.filter((c) => !c.wasm21Only), ...WASM64_CASES.filter((c) => !c.wasm21Only),
  ...PIC_CASES.filter((c) => !c.wasm21Only), ...STUB_CASES, ...PIC_MEMORY_CASES])('$name: as wasm-ld-19', ({ argv, sections, ...c }) => {
  const bodies = 'bodies' in c ? c.bodies as string[] | undefined : undefined;
  const ref = cases.link(['wasm-ld-19'], argv, 'ref.wasm', false, sections, false, bodies);
  const ours = cases.link(linkerCommand(), argv, 'ours.wasm', false, sections, false, bodies);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);
