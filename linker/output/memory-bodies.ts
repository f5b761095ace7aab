// The bodies of the start-up functions that fill memory, as wasm-ld writes them: `__wasm_init_memory`
// (the passive segments copied in, once for all instances under --shared-memory, at __memory_base +
// their address in position-independent output) and `__wasm_init_tls` (a thread's copy of .tdata).
// Each is written whole, its locals and its `end` included.
import { ByteWriter } from '../../formats/byte-writer';
import { ValType } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { isPic } from '../core/options';
import { Plan } from '../core/plan';
import { initializedAtStart } from '../core/rules';
import { call, globalGet, globalSet, i32Const, localGet, ptrAdd, ptrConst } from './instructions';

/**
 * `__wasm_init_memory`, the start function. Each passive segment is copied to its place (memory.init;
 * .bss: memory.fill with zeroes). Under --shared-memory every instance runs it on the one memory, so
 * it is guarded by the flag word (plan.initMemoryFlag): the instance whose compare-exchange takes it
 * from 0 to 1 initialises, stores 2 and wakes any waiters; one that finds 1 waits until woken; one
 * that finds 2 goes straight on. Every instance then drops its own copies of the segments it could
 * have copied (data.drop; not .bss, which has none, nor .tdata, which each thread copies again).
 * Position-independent, addresses are __memory_base + the link-time address; with --shared-memory
 * the flag's address is computed once into local 0, and local 1 holds .tdata's place while it is
 * given to __tls_base (the first thread's thread-local data is that copy).
 */
export function initMemoryBody(ctx: LinkContext, plan: Plan, w: ByteWriter): void {
  const shared = ctx.options.sharedMemory;
  const pic = isPic(ctx.options);
  const wasm64 = ctx.options.wasm64;
  // Addresses, and memory.fill's length, are i64 in wasm64; memory.init's offset and length stay i32.
  const ptr = (v: number) => ptrConst(w, wasm64, v);
  const memoryBase = pic ? plan.globalIndexOf(ctx.memoryBase) : -1;
  const flag = () => { if (pic) localGet(w, 0); else ptr(plan.initMemoryFlag); };
  const memarg = () => { w.u8(2); w.u8(0); }; // align 4, offset 0
  const atomic = (op: number) => { w.u8(0xfe); w.u32(op); memarg(); };
  if (shared && pic) {
    w.u32(1); w.u32(2); w.u8(wasm64 ? ValType.I64 : ValType.I32); // two locals of the address type
    globalGet(w, memoryBase); ptr(plan.initMemoryFlag); ptrAdd(w, wasm64);
    w.u8(0x21); w.u32(0); // local.set 0
  } else {
    w.u32(0); // no locals
  }
  if (shared) {
    w.u8(0x02); w.u8(0x40); // block $drop
    w.u8(0x02); w.u8(0x40); // block $wait
    w.u8(0x02); w.u8(0x40); // block $init
    flag(); i32Const(w, 0); i32Const(w, 1);
    atomic(0x48); // i32.atomic.rmw.cmpxchg
    w.u8(0x0e); w.u32(2); w.u32(0); w.u32(1); w.u32(2); // br_table $init $wait $drop
    w.u8(0x0b); // end $init
  }
  plan.segments.forEach((seg, index) => {
    if (!initializedAtStart(ctx, seg)) return;
    ptr(seg.va);
    if (pic) { globalGet(w, memoryBase); ptrAdd(w, wasm64); } // + __memory_base
    if (shared && seg.isTls) {
      if (pic) {
        w.u8(0x22); w.u32(1); // local.tee 1
      } else {
        ptr(seg.va);
      }
      globalSet(w, plan.globalIndexOf(ctx.tlsBase));
      if (pic) localGet(w, 1);
    }
    if (seg.isBss) {
      i32Const(w, 0); ptr(seg.size);
      w.u8(0xfc); w.u32(11); w.u8(0); // memory.fill
    } else {
      i32Const(w, 0); i32Const(w, seg.size);
      w.u8(0xfc); w.u32(8); w.u32(index); w.u8(0); // memory.init
    }
  });
  if (shared) {
    flag(); i32Const(w, 2);
    atomic(0x17); // i32.atomic.store
    flag(); i32Const(w, -1);
    atomic(0x00); // memory.atomic.notify
    w.u8(0x1a); // drop
    w.u8(0x0c); w.u32(1); // br $drop
    w.u8(0x0b); // end $wait
    flag(); i32Const(w, 1);
    w.u8(0x42); w.s64(-1n); // i64.const -1: no timeout
    atomic(0x01); // memory.atomic.wait32
    w.u8(0x1a); // drop
    w.u8(0x0b); // end $drop
    plan.segments.forEach((seg, index) => {
      // .tdata is kept: each thread's __wasm_init_tls copies it again.
      if (!seg.isBss && !seg.isTls) { w.u8(0xfc); w.u32(9); w.u32(index); } // data.drop
    });
  }
  w.u8(0x0b);
}

/**
 * `__wasm_init_tls(block)` (--shared-memory), as wasm-ld writes it: a thread points __tls_base at its
 * own block and copies .tdata there (memory.init; its .tbss part is zeroes in the segment), then runs
 * the relocations that depend on the block's place (__wasm_apply_tls_relocs, position-independent
 * only, and __wasm_apply_global_tls_relocs). Without thread-local data the body is empty.
 */
export function initTlsBody(ctx: LinkContext, plan: Plan, w: ByteWriter): void {
  w.u32(0); // no locals
  const index = plan.segments.findIndex((s) => s.isTls);
  if (index >= 0) {
    localGet(w, 0);
    globalSet(w, plan.globalIndexOf(ctx.tlsBase));
    localGet(w, 0);
    i32Const(w, 0); i32Const(w, plan.segments[index].size);
    w.u8(0xfc); w.u32(8); w.u32(index); w.u8(0); // memory.init
  }
  if (ctx.applyTlsRelocs >= 0) call(w, plan.functionIndexOf(ctx.applyTlsRelocs));
  if (ctx.applyGlobalTlsRelocs >= 0) call(w, plan.functionIndexOf(ctx.applyGlobalTlsRelocs));
  w.u8(0x0b);
}
