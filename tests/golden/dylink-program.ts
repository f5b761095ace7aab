// The dynamic-linking run test's program (tests/golden/dylink/*.c: a -pie main module and two -shared
// side modules, liba needing libb), compiled once with -fPIC, linked by a given linker the way a
// build would (libb.so, then liba.so against it, then main against both), and run by the example
// loader (examples/dylink/loader.mjs, through scripts/dylink-run.mjs): what the program logged and returned.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from './inspect';
import { TIMEOUT_MS } from './cases/sources';

const SOURCES = ['libb', 'liba', 'main'];

/** A new directory holding libb.o, liba.o and main.o. */
export function compileDylinkProgram(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-dylink-'));
  for (const name of SOURCES) fs.copyFileSync(path.join(REPO_ROOT, 'tests', 'golden', 'dylink', `${name}.c`), path.join(dir, `${name}.c`));
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), '--target=wasm32', '-O2', '-fPIC',
    '-fvisibility=default', '-c', '--', ...SOURCES.map((s) => `${s}.c=${s}.o`)], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (cc.status !== 0) throw new Error(`compiling the dynamic-linking program failed: ${cc.stderr}`);
  return dir;
}

/** What a run printed: the values passed to env.host_log, and what `run` returned or the loader's error. */
export interface DylinkRun {
  log: number[];
  returned?: number;
  error?: string;
}

/** Links the three modules with `command` into `dir/out` (each link must succeed silently) and runs them. */
export function linkAndRun(dir: string, command: string[], out: string): DylinkRun {
  fs.mkdirSync(path.join(dir, out), { recursive: true });
  const links = [
    ['--experimental-pic', '-shared', 'libb.o', '-o', `${out}/libb.so`],
    ['--experimental-pic', '-shared', 'liba.o', `${out}/libb.so`, '-o', `${out}/liba.so`],
    ['--experimental-pic', '-pie', '--import-memory', 'main.o', `${out}/liba.so`, `${out}/libb.so`, '--export-dynamic', '--no-entry',
      '-o', `${out}/main.wasm`],
  ];
  for (const argv of links) {
    const r = spawnSync(command[0], [...command.slice(1), ...argv], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'dylink-run.mjs'), `${out}/main.wasm`],
    { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as DylinkRun;
}
