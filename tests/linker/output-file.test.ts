// Faults around the output file (linker/host/output-file.ts): whatever happens during a link (an
// error, SIGINT or SIGTERM, a full file system, concurrent writers, an output that cannot be
// made), the previous output is never lost, a new one is complete, and no temporary file is left.
// The links are the C++ golden program cpp_classes (a 700 KB module with libc++), run as the
// command users run (bin/wlink.js).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics, LinkError } from '../../linker/core/diagnostics';
import { writeOutputFile } from '../../linker/host/output-file';
import { linkerCommand, readCacheIndex, readLinkJson, REPO_ROOT, withOutput } from '../golden/inspect';

const PROGRAM = 'cpp_classes';
const OLD = new TextEncoder().encode('the previous output\n');
let cacheDir = '';
let argv: string[] = [];
let work = '';
/** The module a complete link writes to `${work}/out.wasm` (the name section names the output). */
let complete: Buffer;

function wlink(args: string[]): { status: number | null; stderr: string } {
  const [cmd, ...lead] = linkerCommand();
  const r = spawnSync(cmd, [...lead, ...args], { cwd: cacheDir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

beforeAll(() => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), PROGRAM], { stdio: 'inherit' });
  if (cache.status !== 0) throw new Error('scripts/golden-cache.mjs failed');
  cacheDir = readCacheIndex()[PROGRAM];
  argv = readLinkJson(cacheDir).argv;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-output-'));
  const out = path.join(work, 'out.wasm');
  expect(wlink(withOutput(argv, out)).status).toBe(0);
  complete = fs.readFileSync(out);
  fs.rmSync(out);
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('a failing link leaves the previous output as it was', () => {
  const out = path.join(work, 'failing.wasm');
  fs.writeFileSync(out, OLD);
  const r = wlink([...withOutput(argv, out), '--entry', 'no_such_symbol_anywhere']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('no_such_symbol_anywhere');
  expect(fs.readFileSync(out)).toEqual(Buffer.from(OLD));
  expect(leftovers(work)).toEqual([]);
});

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a link', (signal) => {
  test('the previous output is intact or the new one complete, and no temporary file is left', async () => {
    const dir = fs.mkdtempSync(path.join(work, 'sig-'));
    const out = path.join(dir, 'out.wasm');
    const args = withOutput(argv, out);
    const [cmd, ...lead] = linkerCommand();
    // The module names its output: the complete one for this path is the same bytes as `complete`
    // with the other name, so compare against a link to this very path.
    expect(wlink(args).status).toBe(0);
    const expected = fs.readFileSync(out);
    const outcomes = { old: 0, complete: 0, signalled: 0 };
    for (let i = 0; i < 24; i++) {
      fs.writeFileSync(out, OLD);
      const child = spawn(cmd, [...lead, ...args], { cwd: cacheDir, stdio: 'ignore' });
      // Spread over the whole link, start-up to exit (~100-400 ms here).
      const delay = 5 + ((i * 37) % 24) * 15;
      const timer = setTimeout(() => child.kill(signal), delay);
      const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      clearTimeout(timer);
      const now = fs.readFileSync(out);
      if (now.equals(Buffer.from(OLD))) outcomes.old++;
      else if (now.equals(expected)) outcomes.complete++;
      else throw new Error(`run ${i} (${signal} after ${delay} ms): the output is neither the old one nor complete`);
      expect(leftovers(dir)).toEqual([]);
      if (sig !== null) {
        expect(sig).toBe(signal); // ended by the signal itself: the conventional status
        outcomes.signalled++;
      } else {
        expect(code).toBe(0); // the signal came after the link
      }
    }
    // The spread of delays interrupts some links before they write.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.signalled).toBeGreaterThan(0);
  }, 300_000);
});

test('an output that cannot be made stops the link before it reads the inputs, as wasm-ld', () => {
  const r = wlink([...withOutput(argv, path.join(work, 'no_such_dir', 'out.wasm')), '--entry', 'no_such_symbol_anywhere']);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`wlink: error: cannot open output file ${path.join(work, 'no_such_dir', 'out.wasm')}: No such file or directory\n`);
});

test('a map file that cannot be made stops the link before it reads the inputs (wasm-ld 19 natively; the WebAssembly build of the reference cannot check it)', () => {
  const map = path.join(work, 'no_such_dir', 'out.map');
  const r = wlink([...withOutput(argv, path.join(work, 'map-early.wasm')), `-Map=${map}`, '--entry', 'no_such_symbol_anywhere']);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`wlink: error: cannot open map file ${map}: No such file or directory\n`);
});

test('-o a directory: an error, and the directory is untouched', () => {
  const dir = fs.mkdtempSync(path.join(work, 'dir-'));
  fs.writeFileSync(path.join(dir, 'keep'), 'x');
  const r = wlink(withOutput(argv, dir));
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(`wlink: error: cannot open output file ${dir}: Is a directory\n`);
  expect(fs.readdirSync(dir)).toEqual(['keep']);
});

test('concurrent links to one output leave one complete output', async () => {
  const out = path.join(work, 'out.wasm');
  fs.writeFileSync(out, OLD);
  const [cmd, ...lead] = linkerCommand();
  const runs = Array.from({ length: 4 }, () => new Promise<number | null>((resolve) => {
    spawn(cmd, [...lead, ...withOutput(argv, out)], { cwd: cacheDir, stdio: 'ignore' }).on('exit', (c) => resolve(c));
  }));
  expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
  expect(fs.readFileSync(out).equals(complete)).toBe(true);
  expect(leftovers(work)).toEqual([]);
}, 120_000);

/** A tmpfs of `kib` KiB at a fresh mount point, or null where this machine cannot mount one. */
function mountTmpfs(kib: number, readOnly = false): string | null {
  const dir = fs.mkdtempSync(path.join(work, 'mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  if (readOnly) {
    fs.writeFileSync(path.join(dir, 'out.wasm'), OLD);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
  }
  return dir;
}

function unmount(dir: string): void {
  execFileSync('umount', [dir]);
}

/**
 * The same fault without a mount: writeOutputFile with the file system failing `syscall` with
 * `code` once the temporary file is open (the fake host).
 */
function withFailingWrites(code: string, syscall: 'writeSync' | 'openSync', run: () => void): void {
  // The module object itself (the one output-file.ts calls through), not an import's copy.
  const nodeFs = require('node:fs') as typeof fs;
  const original = nodeFs[syscall].bind(nodeFs) as (...a: unknown[]) => unknown;
  const spy = jest.spyOn(nodeFs, syscall).mockImplementation(((...a: unknown[]) => {
    if (syscall === 'openSync' && !String(a[0]).endsWith('.tmp')) return original(...a);
    throw Object.assign(new Error(`${code}: fake`), { code });
  }) as never);
  try {
    run();
  } finally {
    spy.mockRestore();
  }
}

test('a full file system: an error, the previous output kept, no temporary file', () => {
  const dir = mountTmpfs(Math.ceil(complete.length / 1024 / 2));
  if (dir !== null) {
    try {
      const out = path.join(dir, 'out.wasm');
      fs.writeFileSync(out, OLD);
      const r = wlink(withOutput(argv, out));
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`wlink: error: failed to write output '${out}': No space left on device\n`);
      expect(fs.readFileSync(out)).toEqual(Buffer.from(OLD));
      expect(leftovers(dir)).toEqual([]);
    } finally {
      unmount(dir);
    }
  } else {
    console.log('no tmpfs can be mounted here: a full file system is faked');
  }
  // Faked in-process as well, so that this runs wherever tests run.
  const out = path.join(work, 'full.wasm');
  fs.writeFileSync(out, OLD);
  const diag = new Diagnostics();
  withFailingWrites('ENOSPC', 'writeSync', () => {
    expect(() => writeOutputFile(out, complete, diag)).toThrow(LinkError);
  });
  expect(diag.errors).toEqual([`failed to write output '${out}': No space left on device`]);
  expect(fs.readFileSync(out)).toEqual(Buffer.from(OLD));
  expect(leftovers(work)).toEqual([]);
}, 120_000);

test('a read-only directory: an error, the previous output kept', () => {
  const dir = mountTmpfs(1024, true);
  if (dir !== null) {
    try {
      const out = path.join(dir, 'out.wasm');
      const r = wlink(withOutput(argv, out));
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`wlink: error: cannot open output file ${out}: Read-only file system\n`);
      expect(fs.readFileSync(out)).toEqual(Buffer.from(OLD));
    } finally {
      unmount(dir);
    }
  } else {
    console.log('no tmpfs can be mounted here: a read-only directory is faked');
  }
  const out = path.join(work, 'readonly.wasm');
  fs.writeFileSync(out, OLD);
  const diag = new Diagnostics();
  withFailingWrites('EACCES', 'openSync', () => {
    expect(() => writeOutputFile(out, complete, diag)).toThrow(LinkError);
  });
  expect(diag.errors).toEqual([`cannot open output file ${out}: Permission denied`]);
  expect(fs.readFileSync(out)).toEqual(Buffer.from(OLD));
});

test('-o - writes the module to standard output', () => {
  const dir = fs.mkdtempSync(path.join(work, 'stdout-'));
  const file = path.join(dir, '-'); // the same name in the name section
  expect(wlink(withOutput(argv, file)).status).toBe(0);
  const [cmd, ...lead] = linkerCommand();
  const r = spawnSync(cmd, [...lead, ...withOutput(argv, '-')], { cwd: cacheDir });
  expect(r.stderr.toString()).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.equals(fs.readFileSync(file))).toBe(true);
  expect(fs.existsSync(path.join(cacheDir, '-'))).toBe(false);
});

describe('a closed standard output ends quietly with wasm-ld\'s status (74)', () => {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const piped = (args: string[], reader: string) => {
    const command = linkerCommand().map(q).join(' ');
    // The module is ~700 KB: more than a pipe holds, so the writer meets the closed pipe.
    const r = spawnSync('/bin/bash', ['-c', `${command} ${args.map(q).join(' ')} | ${reader} > /dev/null; echo "status \${PIPESTATUS[0]}"`],
      { cwd: cacheDir, encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr };
  };

  test('-o - into head -c 1', () => {
    const r = piped(withOutput(argv, '-'), 'head -c 1');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 74\n');
  });

  test('--print-map into head -n 1', () => {
    const r = piped([...withOutput(argv, path.join(work, 'map.wasm')), '--print-map'], 'head -n 1');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 74\n');
  });
});
