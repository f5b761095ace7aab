// The Emit target of a compiler unit in a final link: Emit lowers each live MIR function of a unit
// with the indexes and addresses this target answers. Every question is the value of the relocation
// the reference stands for (refRelocType in resolve/unit-view.ts), asked of the Relocator, so units
// and objects get their indexes and addresses from the same code. With a recorder (--emit-relocs),
// Emit writes padded LEBs and reports each relocated field.
import { ConstId, DataSym, EmitTarget, FuncSym, GlobalSym, RefKind, SigId, TableSym, Unit } from '../../codegen/codegen';
import { Reloc } from '../../formats/wasm';
import type { ObjFile } from '../core/context';
import type { UnitRelocs } from './emit-relocs';
import type { Relocator } from './relocate';

/**
 * EmitTarget for one unit input: every question is the value of the relocation the reference
 * stands for, so units and objects get their indexes and addresses from the same code.
 */
export class UnitEmitTarget implements EmitTarget {
  readonly relocatable: boolean;
  /** Output function being lowered (for the recorder of --emit-relocs). */
  func = 0;
  private readonly spSym: number;

  /** With `recorder` (--emit-relocs), Emit writes padded LEBs and reports each relocated field. */
  constructor(private readonly reloc: Relocator, private readonly file: ObjFile, private readonly unit: Unit,
    private readonly recorder: UnitRelocs | null = null) {
    this.spSym = unit.symbol('__stack_pointer');
    this.relocatable = recorder !== null;
  }

  addReloc(type: Reloc, offsetInBody: number, index: number, addend: number, ref: RefKind): void {
    const target = ref === RefKind.Signature ? this.file.typeMap[index]
      : this.file.symIds[ref === RefKind.Const ? this.unit.symCount + index : index];
    this.recorder!.add(this.func, type, offsetInBody, target, addend);
  }

  private v(type: Reloc, index: number): number {
    return this.reloc.value(this.file, type, index, 0, 0, 0);
  }

  functionIndex(sym: FuncSym): number { return this.v(Reloc.FUNCTION_INDEX_LEB, sym); }
  tableSlot(sym: FuncSym): number { return this.v(Reloc.TABLE_INDEX_SLEB, sym); }
  dataAddress(sym: DataSym): number { return this.v(Reloc.MEMORY_ADDR_SLEB, sym); }
  constAddress(c: ConstId): number { return this.v(Reloc.MEMORY_ADDR_SLEB, this.unit.symCount + c); }
  globalIndex(sym: GlobalSym): number { return this.v(Reloc.GLOBAL_INDEX_LEB, sym); }
  stackPointerGlobal(): number { return this.v(Reloc.GLOBAL_INDEX_LEB, this.spSym); }
  typeIndex(sig: SigId): number { return this.file.typeMap[sig]; }
  tableNumber(sym: TableSym): number { return this.v(Reloc.TABLE_NUMBER_LEB, sym); }
}
