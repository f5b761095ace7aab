// The public codegen API: what a compiler calls to put functions, data and globals into a link
// session in memory, and what the linker calls to lower them at flush.
//
// Building (compiler side)
//   const mir = new Mir();                          // one per link session, shared by all units
//   const unit = new Unit(mir, 'unit.wat');         // one per compiled unit (like one object file)
//   const sig = unit.signature([ValType.I32], [ValType.I32]);
//   const puts = unit.declareFunction('puts', sig); // undefined: another input defines it
//   const msg = unit.data('msg', { bytes, align: 1, readonly: true });
//   const fb = unit.function('main', sig, { exportName: true });
//   const frame = fb.frame(32);                     // stack frame on __stack_pointer
//   fb.dataAddr(msg); fb.call(puts); fb.finish();
//   unit.finish();                                  // every defined function has a body
//
// Every reference to a function, data, constant, global, table, the stack pointer or a signature
// stays symbolic in MIR; only Emit, after GC and layout, turns it into an index or address.
// Misuse that is cheap to detect throws CodegenError (`unit.wat: function main: unbalanced block`).
//
// Linking (linker side)
//   resolve  unit.symCount / symName / symKind / symFlags / importModule / importName / exportName,
//            symSig (functions), globalType / globalMutable (globals)
//   GC       mir.forEachReference(unit.funcOf(sym), cb), unit.forEachDataReference(dataSym, cb)
//   layout   mir.sigCount (+ sigParamTypes/sigResultTypes), mir constants (constContents, constAlign),
//            unit data items (dataSize, dataAlign, dataSection)
//   output   emitFunction(mir, f, target, codeWriter), emitData(unit, d, target, bytes, pos),
//            emitGlobalInit(unit, g, writer); `target` implements EmitTarget for the unit.
export { CodegenError } from './errors';
export {
  BlockType, blockSig, BLOCK_TYPE_EMPTY, ConstId, DataSym, FuncSym, GlobalSym, Local, MirFunc, NO_SYM, SigId, SymIndex,
  TableSym,
} from './ids';
export { FuncFlag, Mir, RefCallback, RefKind } from './mir';
export { AtomicOp, MiscOp, MirTag, Opcode, SimdOp } from './opcodes';
export { Binding, DataOptions, DataReloc, GlobalOptions, SymbolOptions, UndefinedOptions, Unit, UnitOptions } from './unit';
export { FunctionBuilder } from './function-builder';
export { emitFunction, EmitTarget } from './emit';
export { emitData, emitGlobalInit } from './emit-data';
