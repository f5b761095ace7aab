// A compiler unit built with the CodeGen API and linked against crt1 and wasi-libc: the same code
// runs in the browser test's page (on wlink's browser entry) and in node (on its Node entry), so the
// two modules can be compared byte for byte. `wlink` is the entry's module namespace.

/**
 * Links the unit program: `__main_void` prints through puts and printf, keeps a stack frame, and
 * calls a local function through a table slot the linker fills in. `files` holds crt1-command.o and
 * libc.a under `lib`.
 */
export function linkUnitProgram(wlink, files, lib) {
  const { Opcode, ValType } = wlink;
  const linker = new wlink.Linker([`${lib}/crt1-command.o`, `-L${lib}`, '-lc', '-o', 'unit.wasm'], undefined, { files });
  const unit = linker.unit('hello');
  const I32 = ValType.I32;
  const i_i = unit.signature([I32], [I32]);
  const ii_i = unit.signature([I32, I32], [I32]);
  const v_i = unit.signature([], [I32]);
  const puts = unit.declareFunction('puts', i_i);
  const printf = unit.declareFunction('printf', ii_i);

  let fb = unit.function('sub', ii_i, { binding: 'local' });
  fb.localGet(fb.param(0)); fb.localGet(fb.param(1)); fb.op(Opcode.I32Sub); fb.finish();
  const ops = unit.data('ops', { bytes: new Uint8Array(4), align: 4, relocs: [{ offset: 0, func: unit.symbol('sub') }] });
  const hello = unit.constant(new TextEncoder().encode('hello from a unit\0'));
  const fmt = unit.constant(new TextEncoder().encode('7 - 3 = %d\n\0'));

  fb = unit.function('__main_void', v_i);
  const frame = fb.frame(16);
  fb.constAddr(hello); fb.call(puts); fb.op(Opcode.Drop);
  fb.localGet(frame);
  fb.i32Const(7); fb.i32Const(3);
  fb.dataAddr(ops); fb.load(Opcode.I32Load, 0);
  fb.callIndirect(ii_i);
  fb.store(Opcode.I32Store, 0);
  fb.constAddr(fmt); fb.localGet(frame); fb.call(printf); fb.op(Opcode.Drop);
  fb.i32Const(0);
  fb.finish();
  return linker.link();
}
