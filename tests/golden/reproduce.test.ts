// --reproduce and LLD_REPRODUCE against the reference wasm-ld (scripts/wasm-ld-yowasp.mjs, which
// writes the archive back from its virtual file system): for the same link, wlink's archive must
// hold the same members in the same order with the same contents (version.txt aside, which names
// each linker), for links that succeed and links that fail. A wlink archive unpacked and linked
// again with `wlink @response.txt` must give the same output bytes. The reference sees relative
// paths against its virtual root rather than the working directory, so the cases compared with it
// name their inputs by absolute paths; where Debian's wasm-ld-19 is installed, it checks relative
// paths, response files, an archive's `.imports` file, a working directory reached through a
// symbolic link, the links that stop before resolving and an archive that cannot be opened (which
// the reference cannot show: its virtual file system creates missing directories). The objects
// are assembled at test time by @yowasp/clang.

import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readTar, TarEntry } from '../formats/read-tar';
import { linkerCommand, REFERENCE_LD, REPO_ROOT } from './inspect';

const TIMEOUT_MS = 120_000;

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

let dir: string;
const hasWasmLd19 = spawnSync('wasm-ld-19', ['--version']).status === 0;

beforeAll(() => {
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
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
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
function run(command: string[], side: string, argv: string[], opts: { cwd?: string; env?: Record<string, string>; tar?: string } = {}): Run {
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
function members(tar: TarEntry[] | null): string[] | null {
  if (tar === null) return null;
  return tar.map((m) => (/(^|\/)version\.txt$/.test(m.name) ? m.name : `${m.name}\n${Buffer.from(m.data).toString('latin1')}`));
}

const firstError = (stderr: string) => (stderr.split('\n').find((l) => /error: /.test(l)) ?? '').replace(/^.*?error: /, '');

/** The two sides agree on the exit status, the first error and the archive. */
function expectSame(ours: Run, ref: Run): void {
  expect({ status: ours.status, error: firstError(ours.stderr) }).toEqual({ status: ref.status, error: firstError(ref.stderr) });
  expect(members(ours.tar)).toEqual(members(ref.tar));
}

const abs = (name: string) => path.join(dir, name);

/** Argv of the full link, by absolute paths (the reference's virtual tree keeps them). */
const fullLink = () => [abs('main.o'), abs('foo.o'), `-L${abs('lib')}`, '-lbar', `--allow-undefined-file=${abs('und.txt')}`,
  '--export=foo', '-o', '@T/out.wasm'];

describe('the same archive as the reference wasm-ld', () => {
  test('--reproduce=FILE: objects, an archive found by -l, --allow-undefined-file', () => {
    const argv = ['--reproduce=@T/repro.tar', ...fullLink()];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(0);
    expect(ref.tar!.map((m) => m.name)).toEqual(['repro/response.txt', 'repro/version.txt',
      ...['main.o', 'foo.o', 'lib/libbar.a', 'und.txt'].map((f) => `repro${abs(f)}`)]);
    expectSame(ours, ref);
    expect(Buffer.from(ours.tar![1].data).toString()).toMatch(/^wlink .*\n$/);
  });

  test('--reproduce FILE, options spelled as aliases, quoted values, a path with a space', () => {
    const argv = ['--reproduce', '@T/repro.tar', abs('main.o'), abs('sp ace/foo.o'), '--library-path', abs('lib'), '--library=bar',
      '-e', '_start', '-y', 'foo', '-u', 'bar', '--export-if-defined=foo', '-z', 'stack-size=131072', '-s', '-E',
      '--allow-undefined', '--keep-section=a b', `-Map=${abs('out.map')}`, '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(0);
    expectSame(ours, ref);
  });

  test('LLD_REPRODUCE, and --reproduce before it', () => {
    const viaEnv = { env: { LLD_REPRODUCE: '@T/repro2.tar' }, tar: 'repro2.tar' };
    const ours = run(linkerCommand(), 'ours', fullLink(), viaEnv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', fullLink(), viaEnv);
    expect(ref.tar![0].name).toBe('repro2/response.txt');
    expectSame(ours, ref);
    const both = { env: { LLD_REPRODUCE: '@T/not.tar' } };
    const argv = ['--reproduce=@T/repro.tar', ...fullLink()];
    const ours2 = run(linkerCommand(), 'ours', argv, both);
    expect(fs.existsSync(path.join(dir, 'ours', 'not.tar'))).toBe(false);
    expectSame(ours2, run([process.execPath, REFERENCE_LD], 'ref', argv, both));
  });

  test('a link that fails still writes what it read', () => {
    const argv = ['--reproduce=@T/repro.tar', abs('main.o'), abs('foo.o'), '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(1);
    expect(ref.tar).not.toBeNull();
    expectSame(ours, ref);
  });
});

test('an archive that cannot be opened: wlink: error, exit status 1, no output', () => {
  const ours = run(linkerCommand(), 'ours', ['--reproduce=@T/no/such/dir/repro.tar', ...fullLink()]);
  expect(ours.status).toBe(1);
  expect(ours.stderr).toBe('wlink: error: --reproduce: cannot open @T/no/such/dir/repro.tar\n');
  expect(ours.output).toBeNull();
});

(fs.existsSync('/dev/full') ? test : test.skip)('an archive that cannot be written to: wlink: error, exit status 1, no output', () => {
  const ours = run(linkerCommand(), 'ours', ['--reproduce=/dev/full', ...fullLink()]);
  expect(ours.status).toBe(1);
  expect(ours.stderr).toBe('wlink: error: --reproduce: cannot write /dev/full: No space left on device\n');
  expect(ours.output).toBeNull();
});

/** Unpacks the archive of side `side` and links it again there with `wlink @response.txt`. */
function relink(side: string, tar: TarEntry[]): Buffer {
  const root = path.join(dir, side, 'unpacked');
  for (const m of tar) {
    const file = path.join(root, m.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, m.data);
  }
  const top = path.join(root, tar[0].name.split('/')[0]);
  const command = linkerCommand();
  const r = spawnSync(command[0], [...command.slice(1), '@response.txt'], { cwd: top, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return fs.readFileSync(path.join(top, 'out.wasm'));
}

describe('linking again from the unpacked archive gives the same bytes', () => {
  test('absolute paths', () => {
    const ours = run(linkerCommand(), 'ours', ['--reproduce=@T/repro.tar', ...fullLink()]);
    expect(ours.status).toBe(0);
    expect(relink('ours', ours.tar!).equals(ours.output!)).toBe(true);
  });

  test('relative paths, ./ and ../ in them, and -o into a directory', () => {
    const argv = ['--reproduce=@T/repro.tar', './main.o', 'lib/../sp ace/foo.o', 'lib/libbar.a', '--allow-undefined', '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    expect(ours.status).toBe(0);
    expect(ours.tar!.map((m) => m.name).slice(2)).toEqual(['main.o', 'sp ace/foo.o', 'lib/libbar.a'].map((f) => `repro${abs(f)}`));
    expect(relink('ours', ours.tar!).equals(ours.output!)).toBe(true);
  });
});

(hasWasmLd19 ? describe : describe.skip)('the same archive as wasm-ld-19', () => {
  const both = (argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}, archive = true) => {
    const ours = run(linkerCommand(), 'ours', argv, opts);
    const ref = run(['wasm-ld-19'], 'ref', argv, opts);
    expect(ref.tar !== null).toBe(archive);
    expectSame(ours, ref);
    return ref;
  };

  test('relative paths and a response file', () => {
    fs.writeFileSync(path.join(dir, 'args.rsp'), './main.o "sp ace/foo.o"\n-Llib -lbar\n--allow-undefined-file=und.txt\n');
    expect(both(['--reproduce=@T/repro.tar', '@args.rsp', '-o', '@T/out.wasm']).status).toBe(0);
  });

  test("an archive's .imports file, after the archive (read in a link and in one that stops at its output)", () => {
    fs.mkdirSync(path.join(dir, 'lib2'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'lib', 'libbar.a'), path.join(dir, 'lib2', 'libbar.a'));
    fs.writeFileSync(path.join(dir, 'lib2', 'libbar.imports'), 'ext\n');
    expect(both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', '-Llib2', '-lbar', '-o', '@T/out.wasm']).status).toBe(0);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', '-Llib2', '-lbar', '-o', '@T/no/out.wasm']);
  });

  test('a working directory reached through a symbolic link ($PWD names it)', () => {
    const link = path.join(dir, 'via-link');
    if (!fs.existsSync(link)) fs.symlinkSync(dir, link);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', 'lib/libbar.a', '--allow-undefined', '-o', '@T/out.wasm'], { cwd: link, env: { PWD: link } });
  });

  test('an archive that cannot be opened: the same error, and no link', () => {
    const ref = both(['--reproduce=@T/no/such/dir/repro.tar', ...fullLink()], {}, false);
    expect(ref.status).toBe(1);
  });

  test('links that stop early: an output that cannot be written, a bad option, a missing input', () => {
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', `--allow-undefined-file=${abs('und.txt')}`, 'lib/libbar.a', '-o', '@T/no/out.wasm']);
    both(['--reproduce=@T/repro.tar', 'main.o', 'foo.o', 'lib/libbar.a', '--allow-undefined-file=und.txt', '-Wl,--x', '-o', '@T/out.wasm']);
    both(['--reproduce=@T/repro.tar', 'main.o', 'missing.o', 'foo.o', '-o', '@T/out.wasm']);
  });
});
