// The @webassemblyjs/ast front end: a JavaScript compiler builds a module with @webassemblyjs/ast's
// builders (t.module, t.func, t.instruction, ...) and hands it to unitFromAst, which lowers it
// in-process into a compiler unit through the Unit / FunctionBuilder API. No object file or
// binary is made on the way. The conventions (what becomes which symbol, symbolic addresses, how
// data is named) are those of docs/compiler-units.md, section "From @webassemblyjs/ast".
//
// Module fields are read first (types, imports, functions, globals, data, exports) so that
// functions may refer to each other in any order; then symbols are declared, data items and
// globals defined, and each function body is lowered by one walk (frontends/ast/body.ts).
import { ValType, VALTYPE_NAMES } from '../formats/wasm';
import { lowerBody, Scope } from './ast/body';
import { ADDEND, AstNode, describe, floatScratch, isNode, Reader } from './ast/read';
import { CodegenError } from '../codegen/errors';
import { BLOCK_TYPE_EMPTY, blockSig, BlockType, DataSym, FuncSym, GlobalSym, NO_SYM, SigId, TableSym } from '../codegen/ids';
import type { Mir } from '../codegen/mir';
import { DataReloc, Unit } from '../codegen/unit';

/** Lowers a @webassemblyjs/ast Program or Module node into a new Unit of `mir` named `name`. */
export function unitFromAst(mir: Mir, name: string, module: unknown): Unit {
  const unit = new Unit(mir, name);
  new ModuleLowering(unit).run(module);
  unit.finish();
  return unit;
}

/** A function or global of the module, imported or defined. */
interface Entry {
  /** Its identifier in the AST (without `$`), if any. */
  id: string | undefined;
  /** How errors name it: `$id`, or its index. */
  label: string;
  node: AstNode | undefined;
  importModule?: string;
  importName?: string;
  exportName?: string;
  sym: number;
}

interface FuncEntry extends Entry {
  /** Signature node or type reference. */
  signature: unknown;
}

interface GlobalEntry extends Entry {
  type: ValType;
  mutable: boolean;
}

interface DataEntry {
  id: string;
  node: AstNode;
  /** The `i32.const $id` offset instruction, whose namedArgs carry the options. */
  offset: AstNode;
  sym: DataSym;
}

const DATA_OPTIONS = new Set(['readonly', 'align', 'bss', 'export']);

/** The functions or the globals: an index space (imports first, as in the text format) and `$id`s. */
class Space<T extends Entry> {
  readonly imports: T[] = [];
  readonly defs: T[] = [];
  readonly byId = new Map<string, T>();

  constructor(private readonly r: Reader, readonly what: string) {}

  get count(): number {
    return this.imports.length + this.defs.length;
  }

  add(e: T): void {
    const imported = e.node === undefined;
    if (imported && this.defs.length > 0) throw this.r.fail(`${this.what} import ${e.label} after a ${this.what} definition`);
    (imported ? this.imports : this.defs).push(e);
    if (e.id === undefined) return;
    if (this.byId.has(e.id)) throw this.r.fail(`duplicate ${this.what} $${e.id}`);
    this.byId.set(e.id, e);
  }

  /** By Identifier or index. */
  find(x: unknown, what: string): T {
    const ix = this.r.index(x, what);
    const e = typeof ix === 'string' ? this.byId.get(ix)
      : ix < this.imports.length ? this.imports[ix] : this.defs[ix - this.imports.length];
    if (e === undefined) throw this.r.fail(`${what}: unknown ${this.what} ${typeof ix === 'string' ? `$${ix}` : ix}`);
    return e;
  }
}

class ModuleLowering implements Scope {
  readonly r: Reader;
  private readonly types: SigId[] = [];
  private readonly typeByName = new Map<string, SigId>();
  private readonly funcs: Space<FuncEntry>;
  private readonly globals: Space<GlobalEntry>;
  private readonly data: DataEntry[] = [];
  private readonly dataByName = new Map<string, DataEntry>();
  private readonly exports: AstNode[] = [];
  private memories = 0;
  private memoryName: string | undefined;
  private tables = 0;
  private tableName: string | undefined;

  constructor(readonly unit: Unit) {
    this.r = new Reader(unit.name);
    this.funcs = new Space(this.r, 'function');
    this.globals = new Space(this.r, 'global');
  }

  run(root: unknown): void {
    this.r.func = undefined;
    this.fields(root).forEach((f, i) => this.field(f, i));
    for (const e of this.exports) this.export(e);
    this.declare();
    for (const f of this.funcs.defs) this.lowerFunction(f);
  }

  // ---- reading the module ----------------------------------------------------------------

  private fields(root: unknown): readonly unknown[] {
    const r = this.r;
    const n = r.node(root, 'module', 'Program', 'Module');
    if (n.type === 'Module') return r.list(n.fields, 'module fields');
    const body = r.list(n.body, 'program body');
    const modules = body.filter((x) => isNode(x) && x.type === 'Module') as AstNode[];
    if (modules.length > 1) throw r.fail(`program: expected one module, got ${modules.length}`);
    return modules.length === 1 ? r.list(modules[0].fields, 'module fields') : body;
  }

  private field(x: unknown, i: number): void {
    const r = this.r;
    const n = r.node(x, `module field ${i}`);
    switch (n.type) {
      case 'TypeInstruction': {
        const sig = this.signature(n.functype, `type ${this.types.length}`);
        const id = isNode(n.id) && n.id.type === 'NumberLiteral' ? undefined : r.optIdent(n.id, 'type id');
        if (id !== undefined) this.name(this.typeByName, id, sig, 'type');
        this.types.push(sig);
        return;
      }
      case 'ModuleImport': return this.import(n);
      case 'Func': {
        const id = isNode(n.name) && n.name.type === 'NumberLiteral' ? undefined : r.optIdent(n.name, 'function name');
        const index = this.funcs.count;
        const label = id === undefined ? String(index) : `$${id}`;
        if (n.isExternal !== true) return this.funcs.add({ id, label, node: n, signature: n.signature, sym: NO_SYM });
        // A function "imported from the outside": declared here, defined by another input.
        if (id === undefined) throw r.fail(`function ${index}: an external function needs a name`);
        return this.funcs.add({ id, label, node: undefined, signature: n.signature, importModule: 'env', importName: id, sym: NO_SYM });
      }
      case 'Global': {
        const type = r.node(n.globalType, 'global type', 'GlobalType');
        const init = r.list(n.init, 'global init');
        const g = this.newGlobal(r.optIdent(n.name, 'global name'), type, n);
        const imp = init.length === 1 && isNode(init[0]) && init[0].type === 'ModuleImport' ? init[0] : undefined;
        if (imp !== undefined) {
          // The wast shorthand (global $g (import "env" "g") i32).
          g.importModule = r.str(imp.module, 'global import module');
          g.importName = r.str(imp.name, 'global import name');
          g.node = undefined;
        }
        return this.globals.add(g);
      }
      case 'Memory': return this.addMemory(n.id);
      case 'Table': return this.addTable(n);
      case 'Data': return this.dataField(n);
      case 'ModuleExport': this.exports.push(n); return;
      case 'Start': throw r.fail('start function: not supported (the linker calls constructors; export an init function)');
      case 'Elem': throw r.fail('element segment: not supported (table slots belong to the linker; use i32.const $f)');
      case 'LeadingComment':
      case 'BlockComment':
        return;
      default:
        throw r.fail(`module field ${i}: unsupported ${n.type}`);
    }
  }

  private import(n: AstNode): void {
    const r = this.r;
    const module = r.str(n.module, 'import module');
    const name = r.str(n.name, 'import name');
    const where = `import "${module}" "${name}"`;
    const d = r.node(n.descr, `${where} descr`, 'FuncImportDescr', 'GlobalType', 'Memory', 'Table');
    switch (d.type) {
      case 'FuncImportDescr': {
        const id = isNode(d.id) && d.id.type === 'Identifier' ? r.str(d.id.value, `${where} id`) : name;
        return this.funcs.add({
          id, label: `$${id}`, node: undefined, signature: d.signature, importModule: module, importName: name, sym: NO_SYM,
        });
      }
      case 'GlobalType': {
        const g = this.newGlobal(name, d, undefined);
        g.importModule = module;
        g.importName = name;
        return this.globals.add(g);
      }
      case 'Memory': return this.addMemory(d.id);
      default:
        if (module !== 'env' || name !== '__indirect_function_table') {
          throw r.fail(`${where}: the only table is env.__indirect_function_table, the linker's`);
        }
        return this.addTable(d);
    }
  }

  private newGlobal(id: string | undefined, type: AstNode, node: AstNode | undefined): GlobalEntry {
    const r = this.r;
    const index = this.globals.count;
    const label = id === undefined ? `global ${index}` : `global $${id}`;
    const mut = type.mutability;
    if (mut !== 'const' && mut !== 'var') throw r.fail(`${label}: mutability: expected "const" or "var", got ${describe(mut)}`);
    return { id, label, node, type: r.valtype(type.valtype, `${label} type`), mutable: mut === 'var', sym: NO_SYM };
  }

  private addMemory(id: unknown): void {
    if (++this.memories > 1) throw this.r.fail('a second memory: not supported (the module has the linked memory only)');
    this.memoryName = isNode(id) && id.type === 'Identifier' ? this.r.str(id.value, 'memory id') : undefined;
  }

  private addTable(n: AstNode): void {
    const r = this.r;
    if (++this.tables > 1) throw r.fail('a second table: not supported (the module has the indirect function table only)');
    const type = n.elementType;
    if (type !== 'anyfunc' && type !== 'funcref') throw r.fail(`table: element type ${describe(type)} is not funcref`);
    if (r.optList(n.elements, 'table elements').length > 0) {
      throw r.fail('table elements: not supported (table slots belong to the linker; use i32.const $f)');
    }
    this.tableName = r.optIdent(n.name, 'table name');
  }

  private dataField(n: AstNode): void {
    const r = this.r;
    const where = `data segment ${this.data.length}`;
    if (n.memoryIndex !== undefined && n.memoryIndex !== null) this.memory(n.memoryIndex, `${where} memory`);
    const offset = r.node(Array.isArray(n.offset) && n.offset.length === 1 ? n.offset[0] : n.offset, `${where} offset`, 'Instr');
    const args = r.list(offset.args, `${where} offset args`);
    const isConst = (offset.id === 'const' && offset.object === 'i32') || (offset.id === 'i32.const' && offset.object === undefined);
    if (!isConst || args.length !== 1 || !(isNode(args[0]) && args[0].type === 'Identifier')) {
      throw r.fail(`${where}: name it with an offset of i32.const and an Identifier (addresses belong to the linker)`);
    }
    const id = r.str(args[0].value, `${where} name`);
    const d: DataEntry = { id, node: n, offset, sym: NO_SYM as DataSym };
    this.data.push(d);
    this.name(this.dataByName, id, d, 'data');
  }

  private export(n: AstNode): void {
    const r = this.r;
    const name = r.str(n.name, 'export name');
    const where = `export "${name}"`;
    const d = r.node(n.descr, `${where} descr`, 'ModuleExportDescr');
    switch (d.exportType) {
      case 'Func':
      case 'Global': {
        const func = d.exportType === 'Func';
        const e = (func ? this.funcs : this.globals).find(d.id, where);
        if (e.node === undefined) throw r.fail(`${where}: ${e.label} is imported; only definitions can be exported`);
        if (e.exportName !== undefined) throw r.fail(`${where}: ${e.label} is already exported as "${e.exportName}"`);
        e.exportName = name;
        return;
      }
      case 'Memory':
      case 'Table':
        return; // The linker exports memory and table by its options (--export-memory, --export-table).
      default:
        throw r.fail(`${where}: unknown export type ${describe(d.exportType)}`);
    }
  }

  private name<T>(map: Map<string, T>, id: string, value: T, what: string): void {
    if (map.has(id)) throw this.r.fail(`duplicate ${what} $${id}`);
    map.set(id, value);
  }

  // ---- symbols ---------------------------------------------------------------------------

  /**
   * Imports and exports take their exact names (a clash is an error); local symbols are
   * declared afterwards under their identifier, suffixed `.2`, `.3`... if it is taken.
   */
  private declare(): void {
    const u = this.unit;
    const funcs = [...this.funcs.imports, ...this.funcs.defs];
    const sigs = funcs.map((f) => this.funcSig(f));
    const exact = (name: string) => {
      if (u.symbol(name) !== NO_SYM) throw this.r.fail(`duplicate symbol: ${name}`);
      return name;
    };
    const local = (base: string) => {
      let name = base;
      for (let k = 2; u.symbol(name) !== NO_SYM; k++) name = `${base}.${k}`;
      return name;
    };
    const explicit = (e: Entry) => (e.importModule === 'env' ? {} : { importModule: e.importModule, importName: e.importName });
    funcs.forEach((f, i) => {
      if (f.node === undefined) f.sym = u.declareFunction(exact(f.importName!), sigs[i], explicit(f));
      else if (f.exportName !== undefined) f.sym = u.declareFunction(exact(f.exportName), sigs[i]);
    });
    for (const g of this.globals.imports) g.sym = u.declareGlobal(exact(g.importName!), g.type, g.mutable, explicit(g));
    for (const g of this.globals.defs) if (g.exportName !== undefined) this.defineGlobal(g, exact(g.exportName));
    const options = this.data.map((d) => this.dataOptions(d));
    this.data.forEach((d, i) => {
      if (options[i].exportAs !== undefined) d.sym = u.declareData(exact(options[i].exportAs!));
    });
    funcs.forEach((f, i) => {
      if (f.sym === NO_SYM) f.sym = u.declareFunction(local(f.id ?? `func${i}`), sigs[i]);
    });
    this.globals.defs.forEach((g, i) => {
      if (g.sym === NO_SYM) this.defineGlobal(g, local(g.id ?? `global${this.globals.imports.length + i}`));
    });
    for (const d of this.data) if (d.sym === NO_SYM) d.sym = u.declareData(local(d.id));
    this.data.forEach((d, i) => this.defineData(d, options[i]));
  }

  private funcSig(f: FuncEntry): SigId {
    this.r.func = f.label;
    const sig = this.sig(f.signature, 'signature');
    this.r.func = undefined;
    return sig;
  }

  private defineGlobal(g: GlobalEntry, name: string): void {
    const r = this.r;
    const init = r.list(g.node!.init, `${g.label} init`);
    if (init.length !== 1) throw r.fail(`${g.label}: expected one constant instruction as initializer, got ${init.length}`);
    const n = r.node(init[0], `${g.label} init`, 'Instr');
    const what = `${g.label} init`;
    const id = r.str(n.id, `${what} id`);
    const op = n.object === undefined || n.object === null ? id : `${r.str(n.object, `${what} object`)}.${id}`;
    const args = r.list(n.args, `${what} args`);
    const t = g.type;
    if (t === ValType.V128) throw r.fail(`${g.label}: v128 globals are not supported`);
    const ref = t === ValType.FuncRef || t === ValType.ExternRef;
    const want = ref ? 'ref.null' : `${VALTYPE_NAMES[t]}.const`;
    if (op !== want) throw r.fail(`${what}: expected ${want} (a constant), got ${op}`);
    if (!ref && args.length !== 1) throw r.fail(`${what}: ${want} takes one literal, got ${args.length}`);
    let value: number | bigint = 0;
    if (t === ValType.I32) {
      if (isNode(args[0]) && args[0].type === 'Identifier') throw r.fail(`${what}: a global cannot hold an address (use a function)`);
      value = r.int(args[0], what, -0x80000000, 0xffffffff) | 0;
    } else if (t === ValType.I64) {
      value = BigInt.asIntN(64, r.i64(args[0], what));
    } else if (t === ValType.F32 || t === ValType.F64) {
      // Globals hold numbers: a NaN other than the canonical one would lose its bits.
      const [lo, hi] = t === ValType.F32 ? [r.f32(args[0], what), 0] : r.f64(args[0], what);
      floatScratch.setUint32(0, lo, true);
      floatScratch.setUint32(4, hi, true);
      value = t === ValType.F32 ? floatScratch.getFloat32(0, true) : floatScratch.getFloat64(0, true);
      const canonical = t === ValType.F32 ? lo === 0x7fc00000 : hi === 0x7ff80000 && lo === 0;
      if (Number.isNaN(value) && !canonical) throw r.fail(`${what}: a global's NaN cannot carry a payload or sign`);
    }
    const exported = g.exportName !== undefined;
    g.sym = this.unit.global(name, {
      type: t, mutable: g.mutable, init: value, ...(exported ? { exportName: true } : { binding: 'local' as const }),
    });
  }

  /** The options of a data item: namedArgs of its `i32.const $name` offset instruction. */
  private dataOptions(d: DataEntry): { readonly: boolean; align: number; bss?: number; exportAs?: string } {
    const r = this.r;
    const where = `data $${d.id}`;
    const named = d.offset.namedArgs;
    const o: Record<string, unknown> = typeof named === 'object' && named !== null && !Array.isArray(named) ? named as Record<string, unknown> : {};
    if (named !== undefined && named !== null && o !== named) throw r.fail(`${where}: namedArgs: expected an object, got ${describe(named)}`);
    for (const k of Object.keys(o)) if (!DATA_OPTIONS.has(k)) throw r.fail(`${where}: unknown option ${k} (readonly, align, bss, export)`);
    const ro = o.readonly;
    if (ro !== undefined && typeof ro !== 'boolean') throw r.fail(`${where}: readonly: expected a boolean, got ${describe(ro)}`);
    const align = o.align === undefined ? 1 : r.int(o.align, `${where} align`, 1, 2 ** 30);
    if ((align & (align - 1)) !== 0) throw r.fail(`${where}: align ${align} is not a power of two`);
    return {
      readonly: ro === true,
      align,
      bss: o.bss === undefined ? undefined : r.int(o.bss, `${where} bss`, 0, 2 ** 31),
      exportAs: o.export === undefined ? undefined : r.name(o.export, `${where} export`),
    };
  }

  private defineData(d: DataEntry, o: ReturnType<ModuleLowering['dataOptions']>): void {
    const r = this.r;
    const where = `data $${d.id}`;
    const init = d.node.init;
    const values = init === undefined || init === null ? [] : r.list(r.node(init, `${where} init`, 'ByteArray').values, `${where} values`);
    if (o.bss !== undefined && values.length > 0) throw r.fail(`${where}: bss data has no contents`);
    // Bytes, and Identifiers standing for a 4-byte pointer (a function's table slot or data + addend).
    let size = 0;
    for (const v of values) size += isNode(v) ? 4 : 1;
    const bytes = new Uint8Array(size);
    const relocs: DataReloc[] = [];
    let pos = 0;
    values.forEach((v, i) => {
      if (isNode(v)) {
        const ref = this.address(r.name(r.node(v, `${where} value ${i}`, 'Identifier'), `${where} value ${i}`), where);
        relocs.push('func' in ref ? { offset: pos, func: ref.func } : { offset: pos, data: ref.data, addend: ref.addend });
        pos += 4;
      } else {
        bytes[pos++] = r.int(v, `${where} byte ${i}`, 0, 255);
      }
    });
    const exported = o.exportAs !== undefined;
    this.unit.data(this.unit.symName[d.sym], {
      ...(o.bss !== undefined ? { size: o.bss } : { bytes }),
      align: o.align, readonly: o.readonly, relocs, ...(exported ? {} : { binding: 'local' as const }),
    });
  }

  private lowerFunction(f: FuncEntry): void {
    const r = this.r;
    r.func = f.label;
    const n = f.node!;
    try {
      const fb = this.unit.function(this.unit.symName[f.sym], this.unit.symSig[f.sym] as SigId,
        f.exportName !== undefined ? { exportName: true } : { binding: 'local' });
      const params = isNode(f.signature) && f.signature.type === 'Signature' ? r.list(f.signature.params, 'params') : [];
      lowerBody(this, fb, params, r.list(n.body, 'body'));
      fb.finish();
    } catch (e) {
      // Builder errors name the symbol; name the function as the AST does.
      if (e instanceof CodegenError && e.func !== f.label) throw new CodegenError(e.unit, f.label, e.detail);
      throw e;
    }
    r.func = undefined;
  }

  // ---- Scope: references from function bodies --------------------------------------------

  funcSym(x: unknown, what: string): FuncSym {
    return this.funcs.find(x, what).sym as FuncSym;
  }

  globalSym(x: unknown, what: string): GlobalSym {
    return this.globals.find(x, what).sym as GlobalSym;
  }

  sig(x: unknown, what: string): SigId {
    const n = this.r.node(x, what, 'Signature', 'Identifier', 'NumberLiteral');
    if (n.type === 'Signature') return this.signature(n, what);
    const ix = this.r.index(n, what);
    const sig = typeof ix === 'string' ? this.typeByName.get(ix) : this.types[ix];
    if (sig === undefined) throw this.r.fail(`${what}: unknown type ${typeof ix === 'string' ? `$${ix}` : ix}`);
    return sig;
  }

  private signature(x: unknown, what: string): SigId {
    const r = this.r;
    const n = r.node(x, what, 'Signature');
    const params = r.list(n.params, `${what} params`).map((p, i) => {
      const t = typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as { valtype?: unknown }).valtype : p;
      return r.valtype(t, `${what} param ${i}`);
    });
    const results = r.list(n.results, `${what} results`).map((t, i) => r.valtype(t, `${what} result ${i}`));
    return this.unit.signature(params, results);
  }

  blockType(x: unknown, what: string): BlockType | ValType {
    if (x === undefined || x === null) return BLOCK_TYPE_EMPTY;
    if (typeof x === 'string' || (isNode(x) && x.type === 'ValtypeLiteral')) return this.r.valtype(x, what);
    // Multivalue: a list of result types, a Signature, or a type reference.
    if (Array.isArray(x)) return blockSig(this.unit.signature([], x.map((t, i) => this.r.valtype(t, `${what} ${i}`))));
    return blockSig(this.sig(x, what));
  }

  address(name: string, what: string): { func: FuncSym } | { data: DataSym; addend: number } {
    const f = this.funcs.byId.get(name);
    const d = this.dataByName.get(name);
    if (f !== undefined && d !== undefined) throw this.r.fail(`${what}: $${name} names both a function and data`);
    if (f !== undefined) return { func: f.sym as FuncSym };
    if (d !== undefined) return { data: d.sym, addend: 0 };
    const m = ADDEND.exec(name);
    const base = m === null ? undefined : this.dataByName.get(m[1]);
    if (m !== null && base !== undefined) {
      const addend = Number(m[3]) * (m[2] === '-' ? -1 : 1);
      if (!(addend >= -0x80000000 && addend <= 0x7fffffff)) throw this.r.fail(`${what}: addend of $${name} out of range`);
      return { data: base.sym, addend };
    }
    if (m !== null && this.funcs.byId.has(m[1])) throw this.r.fail(`${what}: the address of a function takes no addend ($${name})`);
    throw this.r.fail(`${what}: unknown symbol $${name}`);
  }

  memory(x: unknown, what: string): number {
    if (x === undefined) return 0;
    const ix = this.r.index(x, `${what} memory`);
    if (ix !== 0 && (typeof ix === 'number' || ix !== this.memoryName)) {
      throw this.r.fail(`${what}: unknown memory ${typeof ix === 'string' ? `$${ix}` : ix} (only memory 0 exists)`);
    }
    return 0;
  }

  table(x: unknown, what: string): TableSym | undefined {
    if (x === undefined) return undefined;
    const ix = this.r.index(x, `${what} table`);
    if (ix !== 0 && (typeof ix === 'number' || ix !== this.tableName)) {
      throw this.r.fail(`${what}: unknown table ${typeof ix === 'string' ? `$${ix}` : ix} (only the indirect function table exists)`);
    }
    return undefined;
  }
}
