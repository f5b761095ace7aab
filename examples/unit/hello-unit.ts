// A compiler's-eye view of wlink: build a unit in memory with the CodeGen API, link it against
// wasi-libc with the Linker API (no object file is written for the unit), and run the result.
//
//   node dist/examples/unit/hello-unit.js <dir with crt1-command.o and libc.a> [out.wasm]
//
// (`npm run example` runs it with the wasi sysroot that @yowasp/clang ships.) Outside this
// repository, import from the package instead: `import { Linker, Opcode, ValType } from 'wlink'`.
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';
import { Linker, Opcode, ValType } from '../../linker/api';

const [libDir, output = 'hello-unit.wasm'] = process.argv.slice(2);
if (!libDir) {
  process.stderr.write('usage: hello-unit.js <wasi lib dir> [out.wasm]\n');
  process.exit(2);
}

// The session: wasm-ld's argv for the libc side; the unit is added in memory.
const linker = new Linker([path.join(libDir, 'crt1-command.o'), `-L${libDir}`, '-lc', '-o', output]);
const unit = linker.unit('fib-unit');
const I32 = ValType.I32;

const fibSig = unit.signature([I32], [I32]);
const printfSig = unit.signature([I32, I32], [I32]);
const mainSig = unit.signature([], [I32]);
const printf = unit.declareFunction('printf', printfSig); // resolved against libc.a

// int fib(int n) { int a = 0, b = 1; while (n--) { int t = a + b; a = b; b = t; } return a; }
{
  const fb = unit.function('fib', fibSig, { binding: 'local' });
  const n = fb.param(0);
  const a = fb.local(I32);
  const b = fb.local(I32);
  const t = fb.local(I32);
  fb.i32Const(1); fb.localSet(b);
  fb.block(); fb.loop();
  fb.localGet(n); fb.op(Opcode.I32Eqz); fb.brIf(1);
  fb.localGet(n); fb.i32Const(1); fb.op(Opcode.I32Sub); fb.localSet(n);
  fb.localGet(a); fb.localGet(b); fb.op(Opcode.I32Add); fb.localSet(t);
  fb.localGet(b); fb.localSet(a);
  fb.localGet(t); fb.localSet(b);
  fb.br(0);
  fb.end(); fb.end();
  fb.localGet(a);
  fb.finish();
}

// int main(void): for (i = 0; i < 10; i++) printf("fib(%d) = %d\n", i, fib(i)) with the varargs
// in a stack frame on __stack_pointer, as clang would do it.
{
  const format = unit.constant(new TextEncoder().encode('fib(%d) = %d\n\0'));
  const fb = unit.function('__main_void', mainSig);
  const frame = fb.frame(16);
  const i = fb.local(I32);
  fb.block(); fb.loop();
  fb.localGet(i); fb.i32Const(10); fb.op(Opcode.I32GeS); fb.brIf(1);
  fb.localGet(frame); fb.localGet(i); fb.store(Opcode.I32Store, 0);
  fb.localGet(frame); fb.localGet(i); fb.call(unit.symbol('fib') as never); fb.store(Opcode.I32Store, 4);
  fb.constAddr(format); fb.localGet(frame); fb.call(printf); fb.op(Opcode.Drop);
  fb.localGet(i); fb.i32Const(1); fb.op(Opcode.I32Add); fb.localSet(i);
  fb.br(0);
  fb.end(); fb.end();
  fb.i32Const(0);
  fb.finish();
}

const wasm = linker.write(); // links (resolve, GC, layout, Emit) and writes `output` atomically
process.stdout.write(`linked ${output}: ${wasm.length} bytes\n`);

const wasi = new WASI({ version: 'preview1', args: ['hello-unit'], returnOnExit: true });
void WebAssembly.instantiate(fs.readFileSync(output), { wasi_snapshot_preview1: wasi.wasiImport }).then(({ instance }) => {
  process.exitCode = wasi.start(instance);
});
