// --print-gc-sections must list what wasm-ld lists, in wasm-ld's order and wording
// (`removing unused section FILE:(NAME)` on stdout), for plain objects and archive members.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { linkerCommand, readCacheIndex, readLinkJson, REFERENCE_LD, REPO_ROOT, withOutput } from './inspect';

const PROGRAMS = ['gc_sections', 'archive_pull', 'cpp_classes'];
let scratch = '';

beforeAll(() => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), ...PROGRAMS], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cache.status !== 0) throw new Error('scripts/golden-cache.mjs failed');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-print-gc-'));
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function run(cmd: string[], argv: string[], cwd: string): string[] {
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...argv], { cwd, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('removing unused section'));
}

test.each(PROGRAMS)('%s: same --print-gc-sections report as wasm-ld', (program) => {
  const dir = readCacheIndex()[program];
  const { argv } = readLinkJson(dir);
  const ref = run([process.execPath, REFERENCE_LD], [...withOutput(argv, path.join(scratch, `${program}-ref.wasm`)), '--print-gc-sections'], dir);
  const ours = run(linkerCommand(), [...withOutput(argv, path.join(scratch, `${program}-wl.wasm`)), '--print-gc-sections'], dir);
  expect(ref.length).toBeGreaterThan(0);
  expect(ours).toEqual(ref);
});
