// Emit's questions for one compiler unit's functions and data in -r output (linker/output/relocatable.ts),
// answered with that object's indexes, slots and addresses; each reference is recorded as a relocation.
import { EmitTarget } from '../../codegen/emit';
import { ConstId, DataSym, FuncSym, GlobalSym, SigId, TableSym } from '../../codegen/ids';
import { RefKind } from '../../codegen/mir';
import { FuncType } from '../../formats/object-model';
import { RelocList } from '../../formats/reloc-list';
import { Reloc } from '../../formats/wasm';
import { ObjFile } from '../core/context';
import { SymId } from '../core/symbols';

/** What the -r writer answers about its output: symbol, function/global/table indexes, slots, addresses, types. */
export interface RelocatableIndexes {
  /** Output symbols that ref.func names (they need an element segment to declare them). */
  readonly refFuncTargets: Set<number>;
  symbolIndex(id: SymId): number;
  indexOf(id: SymId): number;
  slotOf(id: SymId): number;
  addressOf(id: SymId): number;
  typeOf(t: FuncType): number;
  constSymbol(c: number): SymId;
}

/** Emit's questions for one unit, answered with the -r output's indexes; relocations recorded. */
export class UnitTarget implements EmitTarget {
  readonly relocatable = true;
  /** Section offset of the body (or data item) being emitted. */
  base = 0;

  constructor(private readonly w: RelocatableIndexes, private readonly file: ObjFile, private readonly relocs: RelocList) {}

  private id(sym: number): SymId {
    return this.file.symIds[sym];
  }

  functionIndex(sym: FuncSym): number { return this.w.indexOf(this.id(sym)); }
  tableSlot(sym: FuncSym): number { return this.w.slotOf(this.id(sym)); }
  dataAddress(sym: DataSym): number { return this.w.addressOf(this.id(sym)); }
  constAddress(c: ConstId): number { return this.w.addressOf(this.w.constSymbol(c)); }
  globalIndex(sym: GlobalSym): number { return this.w.indexOf(this.id(sym)); }
  stackPointerGlobal(): number { return this.w.indexOf(this.id(this.file.unit!.unit.symbol('__stack_pointer'))); }
  typeIndex(sig: SigId): number { return this.w.typeOf(this.file.obj.types[sig]); }
  tableNumber(sym: TableSym): number { return this.w.indexOf(this.id(sym)); }

  addReloc(type: Reloc, offsetInBody: number, index: number, addend: number, ref: RefKind): void {
    let out: number;
    if (ref === RefKind.Signature) out = this.typeIndex(index as SigId);
    else if (ref === RefKind.Const) out = this.w.symbolIndex(this.w.constSymbol(index));
    else out = this.w.symbolIndex(this.id(index));
    if (ref === RefKind.RefFunc) this.w.refFuncTargets.add(out);
    this.relocs.add(type, this.base + offsetInBody, out, addend);
  }
}
