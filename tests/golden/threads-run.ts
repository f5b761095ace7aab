// What the run tests of threaded and wasm64 programs (shared-memory-run.test.ts, tls-run.test.ts,
// wasm64-run.test.ts) share: a C source compiled by @yowasp/clang in a temporary directory, and
// links there that must succeed silently, read back as modules to instantiate on a shared memory.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from './inspect';
import { TIMEOUT_MS } from './cases/sources';

/** A new directory holding `NAME.o`, compiled from `source` for `target` (wasm32 unless given) at -O2 with `flags`. */
export function compileInTempDir(name: string, source: string, flags: string[], target = 'wasm32'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wlink-${name}-`));
  fs.writeFileSync(path.join(dir, `${name}.c`), source);
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'),
    `--target=${target}`, '-O2', ...flags, '-c', '--', `${name}.c=${name}.o`], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (cc.status !== 0) throw new Error(`compiling ${name}.c failed: ${cc.stderr}`);
  return dir;
}

/** linkSilently, and the output compiled (for this node: wasm32). */
export function linkModule(dir: string, command: string[], argv: string[], output: string): WebAssembly.Module {
  linkSilently(dir, command, argv, output);
  return new WebAssembly.Module(fs.readFileSync(path.join(dir, output)));
}

/** Links `argv` in `dir` with `command` into `output`, which must succeed without a word. */
export function linkSilently(dir: string, command: string[], argv: string[], output: string): void {
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', output], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}
