// Helpers for linking compiler units against the wasi sysroot that @yowasp/clang ships (the same
// libc the golden tests use), and for running the result under node:wasi.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RUN_WASM = path.join(REPO_ROOT, 'scripts', 'run-wasm.mjs');

let sysrootLib: string | undefined;

/** `.cache/sysroot/lib/wasm32-wasip1`, extracted on first use (race-safe, see scripts/sysroot.mjs). */
export function wasiLib(): string {
  if (sysrootLib === undefined) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { ensureSysroot } from ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'sysroot.mjs'))};
       process.stdout.write(ensureSysroot(${JSON.stringify(REPO_ROOT)}));`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sysroot: ${r.stderr}`);
    sysrootLib = path.join(r.stdout, 'wasm32-wasip1');
  }
  return sysrootLib;
}

export interface RunResult { status: number | null; stdout: string; stderr: string }

/** Runs a linked command module (or a reactor with `calls`) under node:wasi. */
export function runWasm(bytes: Uint8Array, calls?: unknown[][]): RunResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-units-'));
  const file = path.join(dir, 'out.wasm');
  try {
    fs.writeFileSync(file, bytes);
    const args = calls ? [RUN_WASM, '--reactor', file, JSON.stringify(calls)] : [RUN_WASM, file];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
