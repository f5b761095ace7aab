// .wat files given to the wlink command: linked as compiler units; a bad one is a clear error that
// names the file, the position and the function, exits with 1 and leaves the output untouched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runWasm, wasiLib } from './helpers';

const WLINK = path.join(REPO_ROOT, 'bin', 'wlink.js');

function wlink(dir: string, args: string[]) {
  return spawnSync(process.execPath, [WLINK, ...args], { cwd: dir, encoding: 'utf8' });
}

describe('.wat inputs on the command line', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-wat-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a .wat unit defines main and calls libc', () => {
    const lib = wasiLib();
    fs.writeFileSync(path.join(dir, 'hello.wat'), `(module
      (import "env" "puts" (func $puts (param i32) (result i32)))
      (data $msg (@rodata) "hello from hello.wat\\00")
      (func (export "__main_void") (result i32) (drop (call $puts (i32.const $msg))) (i32.const 3)))`);
    const r = wlink(dir, [path.join(lib, 'crt1-command.o'), 'hello.wat', `-L${lib}`, '-lc', '-o', 'hello.wasm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const run = runWasm(fs.readFileSync(path.join(dir, 'hello.wasm')));
    expect(run).toMatchObject({ status: 3, stdout: 'hello from hello.wat\n' });
  });

  test('a unit that exports a global is taken to use mutable-globals (wasm-ld refuses it for an object without the feature)', () => {
    fs.writeFileSync(path.join(dir, 'g.wat'), '(module (global (export "counter") (mut i32) (i32.const 5)) (func (export "f")))');
    const r = wlink(dir, ['g.wat', '--no-entry', '-o', 'g.wasm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'g.wasm')));
    expect(WebAssembly.Module.exports(m)).toContainEqual({ name: 'counter', kind: 'global' });
    const features = WebAssembly.Module.customSections(m, 'target_features');
    expect(Buffer.from(features[0]).includes('mutable-globals')).toBe(true);
    // An exported immutable global too (wasm-ld 19 and 21 refuse any exported global without it).
    fs.writeFileSync(path.join(dir, 'c.wat'), '(module (global (export "limit") i32 (i32.const 5)) (func (export "f")))');
    expect(wlink(dir, ['c.wat', '--no-entry', '-o', 'c.wasm']).status).toBe(0);
    const limit = WebAssembly.Module.customSections(new WebAssembly.Module(fs.readFileSync(path.join(dir, 'c.wasm'))), 'target_features');
    expect(Buffer.from(limit[0]).includes('mutable-globals')).toBe(true);
    // A global that is neither imported nor exported asks for nothing: no target_features section.
    fs.writeFileSync(path.join(dir, 'l.wat'), '(module (global $local i32 (i32.const 5)) (func (export "f") (result i32) (global.get $local)))');
    expect(wlink(dir, ['l.wat', '--no-entry', '-o', 'l.wasm']).status).toBe(0);
    expect(WebAssembly.Module.customSections(new WebAssembly.Module(fs.readFileSync(path.join(dir, 'l.wasm'))), 'target_features')).toEqual([]);
  });

  test('a bad .wat: file:line:column, the function, exit 1, output untouched', () => {
    fs.writeFileSync(path.join(dir, 'bad.wat'), '(module\n  (func $f (result i32)\n    (br $nowhere)))\n');
    fs.writeFileSync(path.join(dir, 'out.wasm'), 'previous');
    const r = wlink(dir, ['bad.wat', '--no-entry', '-o', 'out.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wlink: error: bad\.wat:3:9: function \$f: unknown label \$nowhere\n$/);
    expect(fs.readFileSync(path.join(dir, 'out.wasm'), 'utf8')).toBe('previous');
    expect(fs.readdirSync(dir).sort()).toEqual(['bad.wat', 'out.wasm']);
  });

  test('a link replaces an existing output (also one that is open or hard-linked) and leaves no temp file; /dev/null stays', () => {
    fs.writeFileSync(path.join(dir, 'f.wat'), '(module (func (export "f") (result i32) (i32.const 7)))');
    fs.writeFileSync(path.join(dir, 'out.wasm'), 'previous');
    fs.linkSync(path.join(dir, 'out.wasm'), path.join(dir, 'other-name'));
    const open = fs.openSync(path.join(dir, 'out.wasm'), 'r');
    const r = wlink(dir, ['f.wat', '--no-entry', '-o', 'out.wasm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = fs.readFileSync(path.join(dir, 'out.wasm'));
    expect(WebAssembly.validate(out)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'other-name'), 'utf8')).toBe('previous'); // the other name keeps the old file
    fs.closeSync(open);
    expect(fs.readdirSync(dir).sort()).toEqual(['f.wat', 'other-name', 'out.wasm']);
    // A device is written to, not removed or replaced (wlink once replaced /dev/null when run as root).
    expect(wlink(dir, ['f.wat', '--no-entry', '-o', '/dev/null']).status).toBe(0);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('an undefined symbol of a .wat unit is reported like an object\'s', () => {
    fs.writeFileSync(path.join(dir, 'u.wat'), `(module
      (import "env" "missing" (func $m))
      (func (export "run") (call $m)))`);
    const r = wlink(dir, ['u.wat', '--no-entry', '-o', 'out.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wlink: error: u.wat: undefined symbol: missing\n');
  });
});
