// The index spaces of a .wat unit and the references into them that both passes read: `$id`s and
// numbers of functions, types, globals, tables, memories and data, type uses, block types and
// symbolic addresses. module.ts fills the spaces (WatModule extends this class); body.ts reads them
// while it lowers function bodies.
import { ValType } from '../../formats/wasm';
import { BlockType, BLOCK_TYPE_EMPTY, blockSig, DataSym, FuncSym, GlobalSym, SigId, TableSym } from '../../codegen/ids';
import { Mir } from '../../codegen/mir';
import { Binding, Unit } from '../../codegen/unit';
import { intLit, u32Lit } from './numbers';
import { Tok, Tokens } from './tokens';
import { valType } from './values';

export interface Import {
  module: string;
  name: string;
}

export interface Decl {
  /** Token index of the field's `(`. */
  field: number;
  id?: string;
  imp?: Import;
  exportName?: string;
  /** Symbol name. */
  name: string;
}

export interface FuncDecl extends Decl {
  index: number;
  sig: SigId;
  paramNames: (string | undefined)[];
  /** First token after the signature: locals, then instructions. */
  body: number;
  sym: FuncSym;
}

export interface GlobalDecl extends Decl {
  type: ValType;
  mutable: boolean;
  init: number | bigint;
  sym: GlobalSym;
  /** The imported `env.__stack_pointer`: lowered to stackPointerGet/Set. */
  isSp: boolean;
}

export interface TableDecl extends Decl {
  sym: TableSym;
}

export interface DataDecl extends Decl {
  index: number;
  rodata: boolean;
  align: number;
  bss: number | undefined;
  /** First token of the contents. */
  contents: number;
  sym: DataSym;
}

/** An index space: declarations by index and `$id`s. */
export class Space<T> {
  items: T[] = [];
  ids = new Map<string, number>();
  constructor(readonly what: string) {}
}

/** A symbolic address: a function's table slot, or a data item plus an addend. */
export type Address = { func: FuncSym } | { data: DataSym; addend: number };

export class WatScope {
  unit!: Unit;
  readonly types = new Space<SigId>('type');
  readonly funcs = new Space<FuncDecl>('function');
  readonly globals = new Space<GlobalDecl>('global');
  readonly tables = new Space<TableDecl>('table');
  readonly mems = new Space<number>('memory');
  readonly datas = new Space<DataDecl>('data');

  constructor(protected readonly mir: Mir, readonly t: Tokens) {}

  static binding(exportName: string | undefined): { binding: Binding; exportName?: true } {
    return exportName === undefined ? { binding: 'local' } : { binding: 'global', exportName: true };
  }

  // ---- shared parsing: types, constants, addresses ---------------------------------------

  /** Resolves an index (`$id` or number) of `space` at the cursor. */
  index<T>(space: Space<T>): number {
    const t: Tokens = this.t;
    const i = t.pos;
    let n: number | undefined;
    if (t.isId(i)) {
      n = space.ids.get(t.idName(i));
    } else if (t.kind[i] === Tok.Num) {
      n = u32Lit(t.text(i));
      if (n !== undefined && n >= space.items.length) n = undefined;
    } else {
      t.fail(i, `expected a ${space.what} index, found ${t.describe(i)}`);
    }
    if (n === undefined) t.fail(i, `unknown ${space.what} ${t.text(i)}`);
    t.pos++;
    return n;
  }

  /** True when the cursor is at an index or identifier (an optional immediate). */
  atIndex(): boolean {
    return this.t.isId(this.t.pos) || this.t.kind[this.t.pos] === Tok.Num;
  }

  /** An optional table index: the table symbol (table 0, or the indirect function table). */
  table(): TableSym {
    const t: Tokens = this.t;
    const none = this.tables.items.length === 0;
    if (none && t.kind[t.pos] === Tok.Num && u32Lit(t.text(t.pos)) === 0) t.pos++;
    else if (this.atIndex()) return this.tables.items[this.index(this.tables)].sym;
    return none ? this.unit.table() : this.tables.items[0].sym;
  }

  /** An optional memory index: only memory 0 exists. */
  memory(): void {
    const t: Tokens = this.t;
    if (t.isId(t.pos)) {
      this.index(this.mems);
    } else if (t.kind[t.pos] === Tok.Num) {
      if (u32Lit(t.text(t.pos)) !== 0) t.fail(t.pos, `unknown memory ${t.text(t.pos)}`);
      t.pos++;
    }
  }

  /**
   * `(type x)? (param ...)* (result ...)*`: a signature. With `names`, parameter identifiers are
   * allowed and collected; with a type and inline declarations, both must agree.
   */
  typeUse(names: (string | undefined)[] | null): SigId {
    const t: Tokens = this.t;
    let typed: SigId | undefined;
    let typeTok = 0;
    if (t.isGroup(t.pos, 'type')) {
      typeTok = t.pos;
      t.pos += 2;
      typed = this.types.items[this.index(this.types)];
      t.close(typeTok);
      if (!t.isGroup(t.pos, 'param') && !t.isGroup(t.pos, 'result')) {
        if (names) for (let k = this.mir.sigParams[typed]; k > 0; k--) names.push(undefined);
        return typed;
      }
    }
    const sig = this.signature(names);
    if (typed !== undefined && sig !== typed) t.fail(typeTok, 'the inline signature differs from the type');
    return sig;
  }

  /** `(param ...)* (result ...)*` as a signature. */
  protected signature(names: (string | undefined)[] | null): SigId {
    const t: Tokens = this.t;
    const params: ValType[] = [];
    const results: ValType[] = [];
    while (t.isGroup(t.pos, 'param')) {
      const open = t.pos;
      t.pos += 2;
      if (t.isId(t.pos)) {
        if (!names) t.fail(t.pos, 'parameters cannot be named here');
        names.push(t.optId());
        params.push(valType(t));
      } else {
        while (t.pos < t.match[open]) {
          params.push(valType(t));
          names?.push(undefined);
        }
      }
      t.close(open);
    }
    while (t.isGroup(t.pos, 'result')) {
      const open = t.pos;
      t.pos += 2;
      while (t.pos < t.match[open]) results.push(valType(t));
      t.close(open);
    }
    if (t.isGroup(t.pos, 'param')) t.fail(t.pos, 'parameters come before results');
    return this.unit.signature(params, results);
  }

  /** A block type: empty, `(result t)`, or any type use (multivalue: a signature block type). */
  blockType(): BlockType | ValType {
    const t: Tokens = this.t;
    const p = t.pos;
    if (t.kind[p] !== Tok.LParen) return BLOCK_TYPE_EMPTY;
    if (t.isKw(p + 1, 'result') && t.match[p] === p + 3 && !t.isGroup(p + 4, 'result') && !t.isGroup(p + 4, 'param')) {
      t.pos = p + 2;
      const v = valType(t);
      t.pos = p + 4;
      return v;
    }
    if (!t.isKw(p + 1, 'type') && !t.isKw(p + 1, 'param') && !t.isKw(p + 1, 'result')) return BLOCK_TYPE_EMPTY;
    return blockSig(this.typeUse(null));
  }

  /**
   * `$f` (a function's table slot), `$d`, `$d+N` or `$d-N` (a data address) at the cursor; the
   * offset may also follow a quoted identifier: `$"my data"+8`.
   */
  address(): Address {
    const t: Tokens = this.t;
    const i = t.pos++;
    const name = t.idName(i);
    const f = this.funcs.ids.get(name);
    const d = this.datas.ids.get(name);
    if (f !== undefined && d !== undefined) t.fail(i, `$${name} names both a function and data`);
    let offset: string | undefined;
    let base = name;
    if (t.kind[i] === Tok.QuotedId && t.kind[i + 1] === Tok.Num && t.start[i + 1] === t.end[i]) {
      offset = t.text(t.pos++);
    } else if (f === undefined && d === undefined) {
      // Split the longest known data name off a `+N` / `-N` suffix.
      for (let k = name.length - 1; k > 0 && offset === undefined; k--) {
        const c = name.charCodeAt(k);
        if ((c === 43 || c === 45) && (this.datas.ids.has(name.slice(0, k)) || this.funcs.ids.has(name.slice(0, k)))) {
          base = name.slice(0, k);
          offset = name.slice(k);
        }
      }
    }
    const bf = this.funcs.ids.get(base);
    const bd = this.datas.ids.get(base);
    if (offset === undefined) {
      if (bf !== undefined) return { func: this.funcs.items[bf].sym };
      if (bd !== undefined) return { data: this.datas.items[bd].sym, addend: 0 };
      return t.fail(i, `unknown function or data $${name}`);
    }
    if (bd === undefined) t.fail(i, bf !== undefined ? `the address of function $${base} takes no offset` : `unknown data $${base}`);
    const c = offset.charCodeAt(0);
    const addend = c === 43 || c === 45 ? intLit(offset, 32) : undefined;
    if (addend === undefined || addend > 0x7fffffff) t.fail(i, `invalid offset ${offset} from $${base}`);
    return { data: this.datas.items[bd].sym, addend };
  }
}
