// The objects, files and helpers of the --reproduce tests (reproduce.test.ts against the reference
// wasm-ld, reproduce.debian.test.ts against Debian's wasm-ld-19): each side links in its own
// directory, and what is compared is the exit status, the first error and the archive's members.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readTar, TarEntry } from '../formats/read-tar';
import { REPO_ROOT } from './inspect';

export const TIMEOUT_MS = 120_000;

const SOURCES: Record<string, string> = {
  // Calls foo (foo.o), bar (libbar.a) and ext (listed in und.txt: imported).
  'main.s': `
.functype foo () -> ()
.functype bar () -> ()
.functype ext () -> ()
.globl _start
_start:
  .functype _start () -> ()
  call foo
  call bar
  call ext
  end_function
`,
  'foo.s': `
.globl foo
foo:
  .functype foo () -> ()
  end_function
`,
  'bar.s': `
.globl bar
bar:
  .functype bar () -> ()
  end_function
`,
};

/** The test directory, made by setUp(). */
export let dir = '';

/** Assembles the objects into a new directory and makes the archive and files the cases read. */
export function setUp(): void {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-reproduce-')));
  for (const [name, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, name), text);
  const cc = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
    if (r.status !== 0) throw new Error(`yowasp-cc ${args.join(' ')} failed: ${r.stderr}`);
  };
  cc(['--target=wasm32', '-mcpu=mvp', '-c', '--', 'main.s=main.o', 'foo.s=foo.o', 'bar.s=bar.o']);
  fs.mkdirSync(path.join(dir, 'lib'));
  cc(['--ar', 'lib/libbar.a', 'bar.o']);
  fs.mkdirSync(path.join(dir, 'sp ace'));
  fs.copyFileSync(path.join(dir, 'foo.o'), path.join(dir, 'sp ace', 'foo.o'));
  fs.writeFileSync(path.join(dir, 'und.txt'), '# imported\next\n');
}

export function tearDown(): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  status: number | null;
  stderr: string;
  /** The archive's members (null: none written). */
  tar: TarEntry[] | null;
  output: Buffer | null;
}

/**
 * Runs `command` in `cwd` with `argv`, where `@T` stands for the side's own directory (so the
 * archive and output of each side have the same base names); `env` is added to the environment.
 */
export function run(command: string[], side: string, argv: string[], opts: { cwd?: string; env?: Record<string, string>; tar?: string } = {}): Run {
  const own = path.join(dir, side);
  fs.rmSync(own, { recursive: true, force: true });
  fs.mkdirSync(own);
  const args = argv.map((a) => a.split('@T').join(own));
  const env = { ...process.env, ...Object.fromEntries(Object.entries(opts.env ?? {}).map(([k, v]) => [k, v.split('@T').join(own)])) };
  const r = spawnSync(command[0], [...command.slice(1), ...args], { cwd: opts.cwd ?? dir, encoding: 'utf8', timeout: TIMEOUT_MS, env });
  const tarFile = path.join(own, opts.tar ?? 'repro.tar');
  const outFile = path.join(own, 'out.wasm');
  return {
    status: r.status,
    stderr: r.stderr.split(own).join('@T'),
    tar: fs.existsSync(tarFile) ? readTar(new Uint8Array(fs.readFileSync(tarFile))) : null,
    output: fs.existsSync(outFile) ? fs.readFileSync(outFile) : null,
  };
}

/** What is compared: each member's name and content, version.txt's content left out. */
export function members(tar: TarEntry[] | null): string[] | null {
  if (tar === null) return null;
  return tar.map((m) => (/(^|\/)version\.txt$/.test(m.name) ? m.name : `${m.name}\n${Buffer.from(m.data).toString('latin1')}`));
}

export const firstError = (stderr: string) => (stderr.split('\n').find((l) => /error: /.test(l)) ?? '').replace(/^.*?error: /, '');

/** The two sides agree on the exit status, the first error and the archive. */
export function expectSame(ours: Run, ref: Run): void {
  expect({ status: ours.status, error: firstError(ours.stderr) }).toEqual({ status: ref.status, error: firstError(ref.stderr) });
  expect(members(ours.tar)).toEqual(members(ref.tar));
}

export const abs = (name: string) => path.join(dir, name);

/** Argv of the full link, by absolute paths (the reference's virtual tree keeps them). */
export const fullLink = () => [abs('main.o'), abs('foo.o'), `-L${abs('lib')}`, '-lbar', `--allow-undefined-file=${abs('und.txt')}`,
  '--export=foo', '-o', '@T/out.wasm'];

