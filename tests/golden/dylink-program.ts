// The dynamic-linking run test's program (tests/golden/dylink/*.c: a -pie main module and two -shared
// side modules, liba needing libb), compiled once with -fPIC, linked by a given linker the way a
// build would (libb.so, then liba.so against it, then main against both), and run by the example
// loader (examples/dylink/loader.mjs, through scripts/dylink-run.mjs): what the program logged and
// returned. Three builds: wasm32; wasm32 with --shared-memory, compiled with atomics and bulk memory,
// each library with thread-local data of its own (tls-b.c, tls-a.c); and wasm64 (-mwasm64, run on a
// node that runs wasm64 modules).
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { wasm64Node } from './wasm64-program';

export type DylinkBuild = 'wasm32' | 'shared-memory' | 'wasm64';
export const DYLINK_BUILDS: DylinkBuild[] = ['wasm32', 'shared-memory', 'wasm64'];

/**
 * What main's last log is: tls_check's result with thread-local data (liba's a_tls 6, libb's
 * b_tls_bump 31 + 201, b_tls then 31, b_counter 8 after liba's constructor), else -1 (no tls_check).
 */
export function expectedTlsCheck(build: DylinkBuild): number {
  return build === 'shared-memory' ? 6 * 100000 + 232 * 1000 + 31 * 10 + 8 : -1;
}

/** What each build compiles (after -O2 -fPIC -fvisibility=default) and adds to every link. */
const BUILDS: Record<DylinkBuild, { sources: string[]; cflags: string[]; ldflags: string[] }> = {
  'wasm32': { sources: ['libb', 'liba', 'main'], cflags: ['--target=wasm32'], ldflags: [] },
  // A module with thread-local data exports what the loader needs to give it a block (its header).
  // Emscripten's triple: only there does clang read another module's thread-local data through a
  // GOT entry (elsewhere it assumes the local-exec model).
  'shared-memory': { sources: ['libb', 'liba', 'main', 'tls-b', 'tls-a'], cflags: ['--target=wasm32-unknown-emscripten', '-matomics', '-mbulk-memory'],
    ldflags: ['--shared-memory', '--export=__wasm_init_tls', '--export=__tls_size', '--export=__tls_align'] },
  'wasm64': { sources: ['libb', 'liba', 'main'], cflags: ['--target=wasm64'], ldflags: ['-mwasm64'] },
};

/** A new directory holding the build's objects (libb.o, liba.o, main.o, and tls-*.o). */
export function compileDylinkProgram(build: DylinkBuild = 'wasm32'): string {
  const { sources, cflags } = BUILDS[build];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-dylink-'));
  for (const name of sources) fs.copyFileSync(path.join(REPO_ROOT, 'tests', 'golden', 'dylink', `${name}.c`), path.join(dir, `${name}.c`));
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), ...cflags, '-O2', '-fPIC',
    '-fvisibility=default', '-c', '--', ...sources.map((s) => `${s}.c=${s}.o`)], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (cc.status !== 0) throw new Error(`compiling the dynamic-linking program failed: ${cc.stderr}`);
  return dir;
}

/** What a run printed: the values passed to env.host_log, and what `run` returned or the loader's error. */
export interface DylinkRun {
  log: number[];
  returned?: number;
  error?: string;
}

/** Links the build's three modules with `command` into `dir/out` (each link must succeed silently) and runs them. */
export function linkAndRun(dir: string, command: string[], out: string, build: DylinkBuild = 'wasm32'): DylinkRun {
  const { sources, ldflags } = BUILDS[build];
  const objects = (lib: string) => sources.filter((s) => s === lib || s === `tls-${lib.slice(-1)}`).map((s) => `${s}.o`);
  fs.mkdirSync(path.join(dir, out), { recursive: true });
  const links = [
    ['--experimental-pic', '-shared', ...ldflags, ...objects('libb'), '-o', `${out}/libb.so`],
    ['--experimental-pic', '-shared', ...ldflags, ...objects('liba'), `${out}/libb.so`, '-o', `${out}/liba.so`],
    ['--experimental-pic', '-pie', '--import-memory', ...ldflags, 'main.o', `${out}/liba.so`, `${out}/libb.so`, '--export-dynamic',
      '--no-entry', '-o', `${out}/main.wasm`],
  ];
  for (const argv of links) {
    const r = spawnSync(command[0], [...command.slice(1), ...argv], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  const node = build === 'wasm64' ? wasm64Node() : process.execPath;
  const run = spawnSync(node, [path.join(REPO_ROOT, 'scripts', 'dylink-run.mjs'), `${out}/main.wasm`],
    { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as DylinkRun;
}
