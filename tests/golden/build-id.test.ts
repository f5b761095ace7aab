// --build-id must give wasm-ld's id. wlink's code is compact where wasm-ld's is padded, so the
// comparison is with wasm-ld --compress-relocations and -S on both sides: then the modules are the
// same bytes, and so must be the ids hashed from them (fast, sha1) or given (0x...).
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { linkerCommand, readCacheIndex, readLinkJson, readSections, REFERENCE_LD, REPO_ROOT, withOutput } from './inspect';

const PROGRAMS = ['printf_varargs', 'cpp_classes'];
let scratch = '';

beforeAll(() => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), ...PROGRAMS], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cache.status !== 0) throw new Error('scripts/golden-cache.mjs failed');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-build-id-'));
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Links `program` with `extra` into scratch/NAME/out.wasm (same base name on both sides: the name section holds it). */
function link(cmd: string[], program: string, name: string, extra: string[]): Buffer {
  const dir = readCacheIndex()[program];
  const out = path.join(scratch, name, 'out.wasm');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...withOutput(readLinkJson(dir).argv, out), '-S', ...extra], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
  return fs.readFileSync(out);
}

function buildId(module: Buffer): Buffer {
  const s = readSections(module).find((x) => x.id === 0 && x.name === 'build_id');
  if (!s) throw new Error('no build_id section');
  return module.subarray(s.payloadStart + 1, s.end); // after the id's length byte
}

describe.each(PROGRAMS)('%s', (program) => {
  test.each(['fast', 'sha1', '0x0123456789abcdef'])('--build-id=%s: the same module and id as wasm-ld', (style) => {
    const ref = link([process.execPath, REFERENCE_LD], program, `${program}-${style}-ref`, ['--compress-relocations', `--build-id=${style}`]);
    const ours = link(linkerCommand(), program, `${program}-${style}-wl`, [`--build-id=${style}`]);
    expect(buildId(ours).toString('hex')).toBe(buildId(ref).toString('hex'));
    expect(ours.equals(ref)).toBe(true);
  });

  test('--build-id=uuid: a random version-4 UUID', () => {
    const a = buildId(link(linkerCommand(), program, `${program}-uuid-a`, ['--build-id=uuid']));
    const b = buildId(link(linkerCommand(), program, `${program}-uuid-b`, ['--build-id=uuid']));
    expect(a.length).toBe(16);
    expect(a[6] >> 4).toBe(4);
    expect(a[8] & 0xc0).toBe(0x80);
    expect(a.equals(b)).toBe(false);
  });
});
