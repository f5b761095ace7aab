// Compiler units built with the CodeGen API, linked through the public Linker API against the
// wasi-libc of the golden tests, then run under node:wasi.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Linker, LinkError, ValType, Opcode, Unit } from '../../linker/api';
import { parseObject } from '../../formats/object';
import { SymFlag } from '../../formats/wasm';
import { inspectWasm } from '../golden/inspect';
import { REPO_ROOT, runWasm, wasiLib } from './helpers';

const I32 = ValType.I32;

function session(extra: string[] = []): Linker {
  const lib = wasiLib();
  return new Linker([path.join(lib, 'crt1-command.o'), `-L${lib}`, '-lc', ...extra, '-o', 'unused.wasm']);
}

/** hello: `__main_void` prints a constant through puts, keeps a frame, calls through a table. */
function buildHello(unit: Unit): void {
  const i_i = unit.signature([I32], [I32]);
  const ii_i = unit.signature([I32, I32], [I32]);
  const v_i = unit.signature([], [I32]);
  const puts = unit.declareFunction('puts', i_i);
  const printf = unit.declareFunction('printf', ii_i);

  let fb = unit.function('sub', ii_i, { binding: 'local' });
  fb.localGet(fb.param(0)); fb.localGet(fb.param(1)); fb.op(Opcode.I32Sub); fb.finish();
  fb = unit.function('unused', ii_i, { binding: 'local' });
  fb.localGet(fb.param(0)); fb.finish();
  // A table of operations in data: its slot is filled with sub's table index by the linker.
  const ops = unit.data('ops', { bytes: new Uint8Array(4), align: 4, relocs: [{ offset: 0, func: unit.symbol('sub') as never }] });
  const hello = unit.constant(new TextEncoder().encode('hello from a unit\0'));
  const fmt = unit.constant(new TextEncoder().encode('7 - 3 = %d\n\0'));

  fb = unit.function('__main_void', v_i);
  const frame = fb.frame(16);
  fb.constAddr(hello); fb.call(puts); fb.op(Opcode.Drop);
  // frame[0] = (*ops)(7, 3); printf(fmt, frame)
  fb.localGet(frame);
  fb.i32Const(7); fb.i32Const(3);
  fb.dataAddr(ops); fb.load(Opcode.I32Load, 0);
  fb.callIndirect(ii_i);
  fb.store(Opcode.I32Store, 0);
  fb.constAddr(fmt); fb.localGet(frame); fb.call(printf); fb.op(Opcode.Drop);
  fb.i32Const(0);
  fb.finish();
}

describe('compiler units linked with wasi-libc', () => {
  test('a unit defines main, calls libc, uses constants, data with a function address and a frame', () => {
    const linker = session();
    buildHello(linker.unit('hello'));
    const wasm = linker.link();
    const run = runWasm(wasm);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('hello from a unit\n7 - 3 = 4\n');
    expect(run.status).toBe(0);
    const names = inspectWasm(wasm).functionNames;
    expect(names).toContain('sub');
    expect(names).not.toContain('unused'); // GC: never referenced, never lowered
  });

  test('relinking a session gives the same bytes, and follows a changed function', () => {
    const linker = session();
    const unit = linker.unit('hello');
    buildHello(unit);
    const first = linker.link();
    expect(Buffer.from(linker.link()).equals(Buffer.from(first))).toBe(true);
    const fb = unit.redefine(unit.symbol('sub') as never);
    fb.localGet(fb.param(0)); fb.localGet(fb.param(1)); fb.op(Opcode.I32Add); fb.finish();
    expect(runWasm(linker.link()).stdout).toBe('hello from a unit\n7 - 3 = 10\n');
  });

  test('an undefined symbol of a unit is reported with the unit name', () => {
    const linker = session();
    const unit = linker.unit('broken');
    const v_i = unit.signature([], [I32]);
    const missing = unit.declareFunction('no_such_function', v_i);
    const fb = unit.function('__main_void', v_i);
    fb.call(missing); fb.finish();
    expect(() => linker.link()).toThrow(LinkError);
    expect(linker.messages).toContain('wlink: error: broken: undefined symbol: no_such_function');
  });

  test('an unfinished function is an error naming the unit and function', () => {
    const linker = session();
    const unit = linker.unit('half');
    unit.function('__main_void', unit.signature([], [I32]));
    expect(() => linker.link()).toThrow('half: function __main_void: body not finished');
  });
});

describe('-r output of compiler units, linked by the reference wasm-ld', () => {
  test('wlink -r, then wasm-ld: same behaviour as the in-memory link', () => {
    const lib = wasiLib();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-r-'));
    try {
      const relocatable = new Linker(['-r', '-o', path.join(dir, 'unit.o')]);
      buildHello(relocatable.unit('hello'));
      relocatable.write();
      const ld = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'wasm-ld-yowasp.mjs'),
        path.join(lib, 'crt1-command.o'), path.join(dir, 'unit.o'), `-L${lib}`, '-lc', '-o', path.join(dir, 'ref.wasm')],
      { encoding: 'utf8', cwd: dir });
      expect(ld.stderr).toBe('');
      expect(ld.status).toBe(0);
      const ref = runWasm(fs.readFileSync(path.join(dir, 'ref.wasm')));
      const inMemory = session();
      buildHello(inMemory.unit('hello'));
      const ours = runWasm(inMemory.link());
      expect(ours).toEqual(ref);
      expect(ref.stdout).toBe('hello from a unit\n7 - 3 = 4\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('-r combines an object and a unit: one symbol table, the unit resolving against the object', () => {
    const lib = wasiLib();
    const linker = new Linker(['-r', path.join(lib, 'crt1-command.o'), '-o', 'unused.o']);
    buildHello(linker.unit('hello'));
    const t = parseObject(linker.link()).symbols;
    const defined = (name: string) => t.names.filter((n, i) => n === name && !(t.flags[i] & SymFlag.Undefined)).length;
    // crt1's undefined __main_void and the unit's definition are one defined symbol.
    expect(t.names.filter((n) => n === '__main_void')).toHaveLength(1);
    expect([defined('_start'), defined('__main_void'), defined('sub')]).toEqual([1, 1, 1]);
    expect(t.names).toContain('puts'); // still undefined: resolved when this object is linked
  });
});
