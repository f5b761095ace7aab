// Module fields of a .wat unit, per docs/compiler-units.md: a first pass over the fields records
// every index space (types, functions, tables, memory, globals, data) with its `$id`s and reads
// the headers (signatures, import and export names, data annotations), so that bodies may refer
// to anything declared later in the file. Then the symbols are made in index order (imports
// first, as in a binary), data items and globals are defined, and each body is lowered by
// body.ts straight into a FunctionBuilder.
import { ValType } from '../../formats/wasm';
import { DataSym, FuncSym, GlobalSym, TableSym } from '../../codegen/ids';
import { Mir } from '../../codegen/mir';
import { Binding, DataReloc, Unit } from '../../codegen/unit';
import { BodyLowering } from './body';
import { DataDecl, Decl, Import, Space, WatScope } from './scope';
import { f32Lit, f64Lit, i64Lit, intLit, u32Lit } from './numbers';
import { Bytes, constExpr, le64, literal, v128Const, valType } from './values';
import { Tok, Tokens } from './tokens';


export class WatModule extends WatScope {
  private memory64 = false;
  private fields: number[] = [];
  private exportFields: number[] = [];
  private symbolOwner = new Map<string, string>();

  constructor(mir: Mir, t: Tokens) {
    super(mir, t);
  }

  run(): Unit {
    const t: Tokens = this.t;
    this.collectFields();
    for (const f of this.fields) if (t.isKw(f + 1, 'memory') || this.importKind(f) === 'memory') this.memoryField(f);
    this.unit = new Unit(this.mir, t.unit, { memory64: this.memory64 });
    for (const f of this.fields) if (t.isKw(f + 1, 'type')) this.typeField(f);
    // As in a binary, imports take the first indexes of each kind wherever they are in the file.
    for (const f of this.fields) if (this.isImport(f)) this.indexField(f);
    for (const f of this.fields) if (!this.isImport(f)) this.indexField(f);
    for (const f of this.exportFields) this.exportField(f);
    this.declareSymbols();
    for (const d of this.datas.items) this.defineData(d);
    const lowering = new BodyLowering(this);
    for (const d of this.funcs.items) if (!d.imp) lowering.lower(d);
    t.func = undefined;
    t.what = undefined;
    this.unit.finish();
    return this.unit;
  }

  // ---- fields ----------------------------------------------------------------------------

  /** Sets the error context: token `field` of a field named `what`. */
  private at(field: number, what: string | undefined): void {
    this.t.at = field;
    this.t.what = what;
    this.t.func = undefined;
  }

  private collectFields(): void {
    const t: Tokens = this.t;
    let end = t.count - 1;
    t.pos = 0;
    if (t.isGroup(0, 'module')) {
      end = t.match[0];
      t.pos = 2;
      t.optId();
      if (t.isKw(t.pos, 'binary') || t.isKw(t.pos, 'quote')) t.fail(t.pos, 'binary and quoted modules are not supported');
      if (t.kind[end + 1] !== Tok.Eof) t.fail(end + 1, `unexpected ${t.describe(end + 1)} after the module`);
    }
    while (t.pos < end) {
      const p = t.pos;
      if (t.kind[p] !== Tok.LParen || t.kind[p + 1] !== Tok.Keyword) t.fail(p, `expected a module field, found ${t.describe(p)}`);
      this.fields.push(p);
      t.pos = t.match[p] + 1;
    }
  }

  /** True for an import field or a function, global or table with an inline `(import ...)`. */
  private isImport(f: number): boolean {
    const t: Tokens = this.t;
    if (t.isKw(f + 1, 'import')) return true;
    if (!t.isKw(f + 1, 'func') && !t.isKw(f + 1, 'global') && !t.isKw(f + 1, 'table')) return false;
    let p = f + 2;
    if (t.isId(p)) p++;
    while (t.isGroup(p, 'export')) p = t.match[p] + 1;
    return t.isGroup(p, 'import');
  }

  /** 'func', 'global', ... for an import field, else undefined. */
  private importKind(f: number): string | undefined {
    const t: Tokens = this.t;
    if (!t.isKw(f + 1, 'import')) return undefined;
    const d = f + 4;
    return t.kind[d] === Tok.LParen && t.kind[d + 1] === Tok.Keyword ? t.text(d + 1) : undefined;
  }

  /** Starts reading field `f`, `(kind $id? ...`: sets the error context and returns the identifier. */
  private fieldId(f: number, kind: string, index: number): string | undefined {
    const t: Tokens = this.t;
    t.pos = f + 2;
    const id = t.optId();
    this.at(f, id === undefined ? `${kind} #${index}` : `${kind} $${id}`);
    return id;
  }

  private typeField(f: number): void {
    const t: Tokens = this.t;
    const id = this.fieldId(f, 'type', this.types.items.length);
    const open = t.pos;
    if (!t.isGroup(open, 'func')) t.fail(open, `expected (func ...), found ${t.describe(open)}: only function types are supported`);
    t.pos += 2;
    t.optId();
    const sig = this.signature([]);
    t.close(open);
    t.close(f);
    this.add(this.types, id, f, sig);
  }

  /** Records the declaration of one field in its index space (types and memories are done). */
  private indexField(f: number): void {
    const t: Tokens = this.t;
    const kw = t.text(f + 1);
    this.at(f, undefined);
    switch (kw) {
      case 'type': case 'memory': return;
      case 'func': return this.funcOrGlobalField(f, true);
      case 'global': return this.funcOrGlobalField(f, false);
      case 'table': return this.tableField(f);
      case 'import': return this.importField(f);
      case 'data': return this.dataField(f);
      case 'elem': return this.elemField(f);
      case 'export': this.exportFields.push(f); return;
      case 'start':
        return t.fail(f, 'a start function is not supported: the linker decides what runs first (use --entry, or a constructor)');
      default: return t.fail(f + 1, `unsupported module field \`${kw}\``);
    }
  }

  private add<T>(space: Space<T>, id: string | undefined, tok: number, item: T): void {
    if (id !== undefined) {
      if (space.ids.has(id)) this.t.fail(tok, `duplicate ${space.what} $${id}`);
      space.ids.set(id, space.items.length);
    }
    space.items.push(item);
  }

  /** `(export "name")*` of a field: the one export name, if any. */
  private inlineExports(): string | undefined {
    const t: Tokens = this.t;
    let name: string | undefined;
    while (t.isGroup(t.pos, 'export')) {
      const open = t.pos;
      t.pos += 2;
      const n = t.name('an export name');
      t.close(open);
      if (name !== undefined) t.fail(open, `exported twice ("${name}" and "${n}"): a symbol has one export name`);
      name = n;
    }
    return name;
  }

  /** An optional inline `(import "m" "n")`. */
  private inlineImport(): Import | undefined {
    const t: Tokens = this.t;
    if (!t.isGroup(t.pos, 'import')) return undefined;
    const open = t.pos;
    t.pos += 2;
    const imp = { module: t.name('an import module name'), name: t.name('an import name') };
    t.close(open);
    return imp;
  }

  /** `(func ...)` or `(global ...)`: `$id? (export "n")? (import "m" "n")?`, then the declaration. */
  private funcOrGlobalField(f: number, isFunc: boolean): void {
    const t: Tokens = this.t;
    const id = this.fieldId(f, isFunc ? 'function' : 'global', (isFunc ? this.funcs : this.globals).items.length);
    const exportName = this.inlineExports();
    const imp = this.inlineImport();
    if (imp && exportName !== undefined) t.fail(f, 're-exporting an import is not supported');
    if (!isFunc) {
      this.globalDecl(f, id, imp, exportName);
      t.close(f);
    } else {
      this.funcDecl(f, id, imp, exportName);
      if (imp) t.close(f); // else the body follows
    }
  }

  private funcDecl(f: number, id: string | undefined, imp: Import | undefined, exportName?: string): void {
    const t: Tokens = this.t;
    const paramNames: (string | undefined)[] = [];
    const sig = this.typeUse(paramNames);
    const index = this.funcs.items.length;
    this.add(this.funcs, id, f, {
      field: f, id, imp, exportName, index, sig, paramNames, body: t.pos, name: '', sym: -1 as FuncSym,
    });
  }

  private globalDecl(f: number, id: string | undefined, imp: Import | undefined, exportName?: string): void {
    const t: Tokens = this.t;
    let mutable = false;
    let type: ValType;
    if (t.isGroup(t.pos, 'mut')) {
      const open = t.pos;
      t.pos += 2;
      type = valType(t);
      t.close(open);
      mutable = true;
    } else {
      type = valType(t);
    }
    const init = imp ? 0 : constExpr(t, type, f);
    this.add(this.globals, id, f, {
      field: f, id, imp, exportName, type, mutable, init, name: '', sym: -1 as GlobalSym, isSp: false,
    });
  }

  private tableField(f: number): void {
    const t: Tokens = this.t;
    const id = this.fieldId(f, 'table', this.tables.items.length);
    this.inlineExports(); // the output's exports of the table follow the linker's options
    const imp = this.inlineImport();
    this.tableDecl(f, id, imp);
    t.close(f);
  }

  private tableDecl(f: number, id: string | undefined, imp: Import | undefined): void {
    const t: Tokens = this.t;
    if (t.isKw(t.pos, 'i64') || t.isKw(t.pos, 'i32')) t.pos++;
    if (t.kind[t.pos] !== Tok.Num) {
      valType(t);
      t.fail(f, 'element segments are not supported: the linker fills the table (take addresses with i32.const $f)');
    }
    this.limits();
    const type = valType(t);
    if (t.kind[t.pos] !== Tok.RParen) t.fail(t.pos, 'table initializers are not supported');
    let name = '__indirect_function_table';
    if (imp) {
      if (imp.module !== 'env') t.fail(f, `tables are imported from "env", not "${imp.module}"`);
      name = imp.name;
    } else if (type !== ValType.FuncRef) {
      t.fail(f, 'a defined table is the indirect function table and holds funcref');
    }
    if (this.tables.items.some((d) => d.name === name)) t.fail(f, `a second table ${name}`);
    this.add(this.tables, id, f, { field: f, id, imp, name, sym: -1 as TableSym });
  }

  private limits(): void {
    const t: Tokens = this.t;
    const num = () => {
      const i = t.expect(Tok.Num, 'a limit');
      const v = i64Lit(t.text(i));
      if (v === undefined || v < 0n) t.fail(i, `invalid limit ${t.describe(i)}`);
    };
    num();
    if (t.kind[t.pos] === Tok.Num) num();
    if (t.isKw(t.pos, 'shared')) t.pos++;
  }

  /** A memory (field or import): index type and limits; its limits are the linker's business. */
  private memoryField(f: number): void {
    const t: Tokens = this.t;
    let id: string | undefined;
    if (t.isKw(f + 1, 'import')) {
      t.pos = f + 2;
      t.name();
      t.name();
      const open = t.pos;
      t.pos += 2;
      id = t.optId();
      this.at(f, 'memory');
      this.memoryType();
      t.close(open);
    } else {
      t.pos = f + 2;
      id = t.optId();
      this.at(f, 'memory');
      this.inlineExports(); // exported per the linker's options (`memory` by default)
      this.inlineImport();
      this.memoryType();
    }
    t.close(f);
    if (this.mems.items.length > 0) t.fail(f, 'a second memory is not supported: the linked module has one memory');
    this.add(this.mems, id, f, 0);
  }

  private memoryType(): void {
    const t: Tokens = this.t;
    if (t.isKw(t.pos, 'i64')) {
      this.memory64 = true;
      t.pos++;
    } else if (t.isKw(t.pos, 'i32')) {
      t.pos++;
    }
    if (t.isGroup(t.pos, 'data')) t.fail(t.pos, 'inline data in a memory is an active data segment: not supported (see (data $name ...))');
    if (t.kind[t.pos] !== Tok.Num) t.fail(t.pos, `expected memory limits, found ${t.describe(t.pos)}`);
    this.limits();
    if (t.kind[t.pos] !== Tok.RParen) t.fail(t.pos, `unexpected ${t.describe(t.pos)} in a memory type`);
  }

  private importField(f: number): void {
    const t: Tokens = this.t;
    t.pos = f + 2;
    const imp = { module: t.name('an import module name'), name: t.name('an import name') };
    const open = t.pos;
    const kind = t.groupKeyword(open, 'an import description');
    t.pos = open + 2;
    const id = t.optId();
    this.at(f, `import "${imp.module}" "${imp.name}"`);
    switch (kind) {
      case 'func': this.funcDecl(f, id, imp); break;
      case 'global': this.globalDecl(f, id, imp); break;
      case 'table': this.tableDecl(f, id, imp); break;
      case 'memory': return; // done by memoryField
      default: t.fail(open + 1, `unsupported import of a ${kind}`);
    }
    t.close(open);
    t.close(f);
  }

  private dataField(f: number): void {
    const t: Tokens = this.t;
    const index = this.datas.items.length;
    const id = this.fieldId(f, 'data', index);
    let rodata = false;
    let align = 1;
    let bss: number | undefined;
    let exportName: string | undefined;
    const seen = new Set<string>();
    while (t.kind[t.pos] === Tok.Annot) {
      const open = t.pos++;
      const kw = t.text(open).slice(2);
      if (seen.has(kw)) t.fail(open, `(@${kw}) given twice`);
      seen.add(kw);
      if (kw === 'rodata') {
        rodata = true;
      } else if (kw === 'export') {
        exportName = t.name('a symbol name');
      } else {
        const i = t.expect(Tok.Num, kw === 'bss' ? 'a size' : 'an alignment');
        const v = u32Lit(t.text(i));
        if (v === undefined) t.fail(i, `invalid ${kw === 'bss' ? 'size' : 'alignment'} ${t.describe(i)}`);
        if (kw === 'bss') bss = v;
        else if (v === 0 || (v & (v - 1)) !== 0) t.fail(i, `alignment ${v} is not a power of two`);
        else align = v;
      }
      t.close(open);
    }
    if (bss !== undefined && rodata) t.fail(f, '(@bss) data cannot be (@rodata)');
    const p = t.pos;
    if (t.kind[p] === Tok.LParen && t.kind[p + 1] === Tok.Keyword) {
      const kw = t.text(p + 1);
      if (kw === 'memory' || kw === 'offset' || kw.includes('.')) {
        t.fail(p, 'active data segments (with an offset) are not supported: data is placed by the linker; ' +
          'name it, (data $name ...), and take its address with i32.const $name');
      }
    }
    if (bss !== undefined && p !== t.match[f]) t.fail(p, '(@bss) data has no contents');
    this.add(this.datas, id, f, {
      field: f, id, exportName, name: '', index, rodata, align, bss, contents: p, sym: -1 as DataSym,
    });
  }

  private elemField(f: number): void {
    const t: Tokens = this.t;
    t.pos = f + 2;
    t.optId();
    // `(elem declare func $f ...)` only declares what ref.func may name: the linker does that.
    if (!t.isKw(t.pos, 'declare')) {
      t.fail(f, 'element segments are not supported: the linker fills the table (take addresses with i32.const $f)');
    }
  }

  private exportField(f: number): void {
    const t: Tokens = this.t;
    t.pos = f + 2;
    const name = t.name('an export name');
    this.at(f, `export "${name}"`);
    const open = t.pos;
    const kind = t.groupKeyword(open, 'an export description');
    t.pos = open + 2;
    let decl: Decl | undefined;
    switch (kind) {
      case 'func': decl = this.funcs.items[this.index(this.funcs)]; break;
      case 'global': decl = this.globals.items[this.index(this.globals)]; break;
      case 'memory': this.index(this.mems); break; // exported per the linker's options
      case 'table': this.index(this.tables); break;
      default: t.fail(open + 1, `unsupported export of a ${kind}`);
    }
    t.close(open);
    t.close(f);
    if (!decl) return;
    if (decl.imp) t.fail(f, 're-exporting an import is not supported');
    if (decl.exportName !== undefined) t.fail(f, `exported twice ("${decl.exportName}" and "${name}"): a symbol has one export name`);
    decl.exportName = name;
  }

  // ---- symbols ---------------------------------------------------------------------------

  private claim(name: string, what: string, tok: number): void {
    const other = this.symbolOwner.get(name);
    if (other !== undefined) this.t.fail(tok, `symbol name ${name} is used by both ${other} and ${what}`);
    this.symbolOwner.set(name, what);
  }

  private static describe(kind: string, d: Decl, index: number): string {
    return d.id !== undefined ? `${kind} $${d.id}` : `${kind} #${index}`;
  }

  /**
   * Symbol names: imports and exports keep the names other inputs see (a clash is an error); local
   * names come from `$id`s (or `func3`, `data0`, `global1` by index) and, since wat ids have one
   * namespace per kind but a unit has one for all symbols, get a `.2`, `.3`... suffix on a clash.
   */
  private declareSymbols(): void {
    const u = this.unit;
    const t: Tokens = this.t;
    const owner = this.symbolOwner;
    owner.set('__stack_pointer', 'the stack pointer');
    owner.set('__indirect_function_table', 'the indirect function table');
    const kinds: [string, Space<Decl>, string][] = [
      ['function', this.funcs, 'func'], ['data', this.datas, 'data'], ['global', this.globals, 'global'],
    ];
    for (const [kind, space] of kinds) {
      space.items.forEach((d, i) => {
        const fixed = d.imp ? d.imp.name : d.exportName;
        d.name = fixed ?? '';
        if (fixed === undefined || (kind === 'global' && d.imp?.module === 'env' && fixed === '__stack_pointer')) return;
        this.at(d.field, WatModule.describe(kind, d, i));
        this.claim(fixed, t.what!, d.field);
      });
    }
    for (const [kind, space, prefix] of kinds) {
      space.items.forEach((d, i) => {
        if (d.name !== '') return;
        const base = d.id ?? `${prefix}${i}`;
        let name = base;
        for (let n = 2; owner.has(name); n++) name = `${base}.${n}`;
        owner.set(name, WatModule.describe(kind, d, i));
        d.name = name;
      });
    }
    this.funcs.items.forEach((d, i) => {
      this.at(d.field, WatModule.describe('function', d, i));
      const explicit = d.imp && d.imp.module !== 'env' ? { importModule: d.imp.module, importName: d.imp.name } : {};
      d.sym = u.declareFunction(d.name, d.sig, explicit);
    });
    for (const d of this.tables.items) {
      this.at(d.field, 'table');
      d.sym = u.table(d.name);
    }
    this.datas.items.forEach((d, i) => {
      this.at(d.field, WatModule.describe('data', d, i));
      d.sym = u.declareData(d.name);
    });
    this.globals.items.forEach((d, i) => {
      this.at(d.field, WatModule.describe('global', d, i));
      if (d.imp?.module === 'env' && d.name === '__stack_pointer') {
        const addr = this.memory64 ? ValType.I64 : ValType.I32;
        if (d.type !== addr || !d.mutable) t.fail(d.field, `__stack_pointer must be (mut ${this.memory64 ? 'i64' : 'i32'})`);
        d.sym = u.stackPointer();
        d.isSp = true;
      } else if (d.imp) {
        const o = d.imp.module === 'env' ? {} : { importModule: d.imp.module, importName: d.imp.name };
        d.sym = u.declareGlobal(d.name, d.type, d.mutable, o);
      } else {
        const init = d.type === ValType.I32 ? Number(d.init) | 0 : d.type === ValType.I64 ? BigInt.asIntN(64, BigInt(d.init)) : d.init;
        d.sym = u.global(d.name, { type: d.type, mutable: d.mutable, init, ...WatModule.binding(d.exportName) });
      }
    });
  }

  // ---- data ------------------------------------------------------------------------------

  private defineData(d: DataDecl): void {
    const t: Tokens = this.t;
    this.at(d.field, WatModule.describe('data', d, d.index));
    const base = d.id ?? `data${d.index}`;
    const binding: Binding = d.exportName === undefined ? 'local' : 'global';
    if (d.bss !== undefined) {
      this.unit.data(d.name, { size: d.bss, align: d.align, section: `.bss.${base}`, binding });
      return;
    }
    const out = new Bytes();
    const relocs: DataReloc[] = [];
    const end = t.match[d.field];
    t.pos = d.contents;
    while (t.pos < end) {
      const p = t.pos;
      if (t.kind[p] === Tok.String) {
        out.append(t.bytes(p));
        t.pos++;
        continue;
      }
      if (t.kind[p] === Tok.Annot) t.fail(p, 'annotations come right after the data\'s name');
      const kw = t.groupKeyword(p, 'a string or a value list such as (i32 ...)');
      t.pos = p + 2;
      const close = t.match[p];
      if (kw === 'v128') {
        while (t.pos < close) v128Const(t, out.room(16));
      } else {
        while (t.pos < close) this.dataValue(kw, out, relocs);
      }
      t.close(p);
    }
    this.unit.data(d.name, {
      bytes: out.finish(), align: d.align, readonly: d.rodata, relocs, binding,
      section: `${d.rodata ? '.rodata' : '.data'}.${base}`,
    });
  }

  private dataValue(kw: string, out: Bytes, relocs: DataReloc[]): void {
    const t: Tokens = this.t;
    const i = t.pos;
    if (t.isId(i) && (kw === 'i32' || kw === 'i64')) {
      if ((kw === 'i64') !== this.memory64) t.fail(i, `a pointer is (${this.memory64 ? 'i64' : 'i32'} ...) in this unit`);
      const a = this.address();
      relocs.push('func' in a ? { offset: out.n, func: a.func } : { offset: out.n, data: a.data, addend: a.addend });
      out.room(this.memory64 ? 8 : 4);
      return;
    }
    t.pos++;
    const text = literal(t, i, kw);
    const bad = (): never => t.fail(i, `invalid ${kw} value ${t.describe(i)}`);
    switch (kw) {
      case 'i8': case 'i16': case 'i32': {
        const bits = kw === 'i8' ? 8 : kw === 'i16' ? 16 : 32;
        const v = intLit(text, bits) ?? bad();
        const b = out.room(bits / 8);
        for (let k = 0; k < bits / 8; k++) b[k] = v >>> (8 * k);
        return;
      }
      case 'i64': {
        const v = i64Lit(text) ?? bad();
        le64(out.room(8), Number(BigInt.asUintN(32, v)), Number(BigInt.asUintN(32, v >> 32n)));
        return;
      }
      case 'f32': {
        const v = f32Lit(text) ?? bad();
        le64(out.room(4), v, 0);
        return;
      }
      case 'f64': {
        const v = f64Lit(text) ?? bad();
        le64(out.room(8), v[0], v[1]);
        return;
      }
      default: t.fail(i - 1, `unknown value list \`(${kw}\`: expected i8, i16, i32, i64, f32, f64 or v128`);
    }
  }
}
