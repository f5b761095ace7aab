// Links from bytes in memory: `link({ argv, files })` and a `Linker` session over a MemoryHost read
// nothing from disk, search -L/-l, expand response files and lower .wat inputs like the command,
// and give the command's bytes and messages for the same argv.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { link, Linker, MemoryHost, ValType } from '../../linker/api';
import { REPO_ROOT, runWasm, wasiLib } from './helpers';

const WLINK = path.join(REPO_ROOT, 'bin', 'wlink.js');

const HELLO_WAT = `(module
  (import "env" "puts" (func $puts (param i32) (result i32)))
  (data $msg (@rodata) "hello from memory\\00")
  (func (export "__main_void") (result i32) (drop (call $puts (i32.const $msg))) (i32.const 5)))`;

function wlink(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [WLINK, ...args], { cwd, encoding: 'utf8' });
}

describe('linking bytes in memory', () => {
  let dir: string;
  let lib: string;
  /** The sysroot files a hello-world link reads, at their real (absolute) paths. */
  let sysroot: Record<string, Uint8Array>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-memory-'));
    lib = wasiLib();
    sysroot = {};
    for (const name of ['crt1-command.o', 'libc.a', 'libc.imports']) sysroot[path.join(lib, name)] = fs.readFileSync(path.join(lib, name));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** main.o: hello.wat made into an object by an in-memory -r link (a .wat input over the host). */
  function mainObject(): Uint8Array {
    const r = link({ argv: ['-r', 'hello.wat', '-o', 'main.o'], files: { 'hello.wat': new TextEncoder().encode(HELLO_WAT) } });
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('main.o');
    return r.bytes!;
  }

  test('crt1 + an object + libc.a as bytes: the command\'s output, byte for byte', () => {
    const main = mainObject();
    fs.writeFileSync(path.join(dir, 'main.o'), main);
    const argv = [path.join(lib, 'crt1-command.o'), 'main.o', path.join(lib, 'libc.a'), '-o', 'hello.wasm'];
    const cli = wlink(dir, argv);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const fromDisk = fs.readFileSync(path.join(dir, 'hello.wasm'));

    const r = link({ argv, files: { ...sysroot, 'main.o': main }, cwd: dir });
    expect(r).toMatchObject({ ok: true, output: 'hello.wasm', diagnostics: [], printed: [] });
    expect(Buffer.from(r.bytes!).equals(fromDisk)).toBe(true);
    expect(runWasm(r.bytes!)).toMatchObject({ status: 5, stdout: 'hello from memory\n' });
    expect(fs.readdirSync(dir).sort()).toEqual(['hello.wasm', 'main.o']); // link() wrote nothing
  });

  test('-L/-l search and a response file over the in-memory host', () => {
    const main = mainObject();
    const fromArchive = link({ argv: [path.join(lib, 'crt1-command.o'), 'main.o', path.join(lib, 'libc.a'), '-o', 'a.wasm'], files: { ...sysroot, 'main.o': main } });
    const rsp = `${path.join(lib, 'crt1-command.o')} main.o\n-L /nowhere -L "${lib}" -lc\n`;
    const viaRsp = link({ argv: ['@link.rsp', '-o', 'a.wasm'], files: { ...sysroot, 'main.o': main, 'link.rsp': new TextEncoder().encode(rsp) } });
    expect(viaRsp.diagnostics).toEqual([]);
    expect(Buffer.from(viaRsp.bytes!).equals(Buffer.from(fromArchive.bytes!))).toBe(true);
    // -l finds only what the host has: the disk's libc is not looked at.
    const missing = link({ argv: ['main.o', `-L${lib}`, '-lc', '-o', 'c.wasm'], files: { 'main.o': main } });
    expect(missing).toMatchObject({ ok: false, bytes: null, diagnostics: ['wlink: error: unable to find library -lc'] });
  });

  test('a missing file: the command\'s message', () => {
    const r = link({ argv: ['nope.o', '-o', 'x.wasm'], files: {} });
    expect(r).toMatchObject({ ok: false, bytes: null, diagnostics: ['wlink: error: cannot open nope.o: No such file or directory'] });
    expect(wlink(dir, ['nope.o', '-o', 'x.wasm']).stderr).toBe(`${r.diagnostics[0]}\n`);
    // A directory implied by a file's path is not a file.
    const d = link({ argv: ['lib', '--no-entry'], files: { 'lib/a.o': new Uint8Array(8) } });
    expect(d.diagnostics).toEqual(['wlink: error: cannot open lib: Is a directory']);
  });

  test('a .wat input over the in-memory host, linked and run', () => {
    const r = link({ argv: ['hello.wat', path.join(lib, 'crt1-command.o'), `-L${lib}`, '-lc'], files: { ...sysroot, 'hello.wat': new TextEncoder().encode(HELLO_WAT) } });
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBeNull();
    expect(runWasm(r.bytes!)).toMatchObject({ status: 5, stdout: 'hello from memory\n' });
  });

  test('options that write files are refused; warnings and stdout lines come back', () => {
    const wat = { 'f.wat': new TextEncoder().encode('(module (func (export "f")) (func $dead))') };
    const map = link({ argv: ['f.wat', '--no-entry', '--Map=out.map'], files: wat });
    expect(map).toMatchObject({ ok: false, bytes: null });
    expect(map.diagnostics).toEqual(['wlink: error: --Map is not available from link(), which returns the module and writes nothing: use the wlink command']);
    const gc = link({ argv: ['f.wat', '--no-entry', '--export=f', '--print-gc-sections', '-z', 'odd'], files: wat });
    expect(gc.ok).toBe(true);
    expect(gc.diagnostics).toEqual(['wlink: warning: unknown -z value: odd']);
    expect(gc.printed.length).toBeGreaterThan(0);
  });

  test('a Linker session over a MemoryHost re-reads a file the host replaced', () => {
    const host = new MemoryHost({ 'f.wat': new TextEncoder().encode('(module (func (export "f") (result i32) (i32.const 1)))') }, '/work');
    const session = new Linker(['f.wat', '--no-entry', '-o', 'out.wasm'], undefined, { host });
    const first = session.link();
    host.set('/work/f.wat', '(module (func (export "f") (result i32) (i32.const 2)))');
    const second = session.link();
    const run = (bytes: Uint8Array) => (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as () => number)();
    expect([run(first), run(second)]).toEqual([1, 2]);
  });

  test('--build-id=sha1 over a MemoryHost (formats/sha1.ts) gives the command\'s id (node\'s OpenSSL)', () => {
    const main = mainObject();
    fs.writeFileSync(path.join(dir, 'main.o'), main);
    const argv = [path.join(lib, 'crt1-command.o'), 'main.o', path.join(lib, 'libc.a'), '--build-id=sha1', '-o', 'id.wasm'];
    expect(wlink(dir, argv).status).toBe(0);
    const r = link({ argv, files: { ...sysroot, 'main.o': main }, cwd: dir });
    expect(r.diagnostics).toEqual([]);
    expect(Buffer.from(r.bytes!).equals(fs.readFileSync(path.join(dir, 'id.wasm')))).toBe(true);
    fs.rmSync(path.join(dir, 'id.wasm'));
    fs.rmSync(path.join(dir, 'main.o'));
  });

  test('a session over a MemoryHost writes its map into the host; printed lines are kept', () => {
    const host = new MemoryHost({ 'f.wat': new TextEncoder().encode('(module (func (export "f")) (func $dead))') });
    const session = new Linker(['f.wat', '--no-entry', '--export=f', '--Map=out.map', '--print-gc-sections', '-o', 'f.wasm'], undefined, { host });
    session.link();
    const map = new TextDecoder().decode(host.readFile('out.map'));
    expect(map).toMatch(/^\s*Addr\s+Off\s+Size\s+Out\s+In\s+Symbol\n/);
    expect(map).toContain('f.wat');
    expect(session.printed.some((l) => l.startsWith('removing unused section'))).toBe(true);
  });

  test('a session sees a changed thin archive member and a changed .imports file', () => {
    const object = (value: number) => {
      const r = link({ argv: ['-r', 'm.wat', '-o', 'm.o'], files: { 'm.wat': new TextEncoder().encode(
        `(module (import "env" "ext" (func $ext (result i32))) (func (export "f") (result i32) (i32.add (call $ext) (i32.const ${value}))))`) } });
      expect(r.diagnostics).toEqual([]);
      return r.bytes!;
    };
    const first = object(1);
    // A GNU thin archive naming m.o (through the long-name table, as llvm-ar writes it); no index.
    const field = (v: string, n: number) => v.padEnd(n, ' ');
    const header = (name: string, size: number) => field(name, 16) + field('0', 12) + field('0', 6) + field('0', 6) + field('644', 8) + field(String(size), 10) + '`\n';
    const table = 'm.o/\n';
    const thin = new TextEncoder().encode(`!<thin>\n${header('//', table.length)}${table}\n${header('/0', first.length)}`);
    const host = new MemoryHost({ 'lib.a': thin, 'm.o': first, 'lib.imports': new TextEncoder().encode('ext\n') });
    const session = new Linker(['--whole-archive', 'lib.a', '--no-whole-archive', '--no-entry', '--export=f', '--export=g', '-o', 'out.wasm'], undefined, { host });
    // A unit too, so that a relink with no input changed is patched (incremental.ts), not done in full.
    const unit = session.unit('u');
    const g = unit.function('g', unit.signature([], [ValType.I32]));
    g.i32Const(0);
    g.finish();
    const run = (bytes: Uint8Array) =>
      (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { ext: () => 10 } }).exports.f as () => number)();
    expect(run(session.link())).toBe(11);
    host.set('m.o', object(2)); // the same size, a new mtime: the archive's own bytes are unchanged
    expect(run(session.link())).toBe(12);
    expect(session.lastLink).toBe('full');
    expect(session.link()).toBeInstanceOf(Uint8Array);
    expect(session.lastLink).toBe('patched'); // nothing changed since
    host.set('lib.imports', ''); // ext may no longer stay undefined
    expect(() => session.link()).toThrow(/undefined symbol: ext/);
  });
});
