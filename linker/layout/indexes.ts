// Layout, indexes: the imports (in symbol-table order, one per distinct module, name and type),
// then output indexes of synthetic and object functions, globals, tags and tables; the
// command-export wrappers; the type section; and the exports.
import { importOfKind, importTableOf } from '../../formats/imports';
import { FuncType } from '../../formats/object-model';
import { ExternalKind, SymFlag, SymKind, ValType } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { ImportEntry, Plan } from '../core/plan';
import { exportNameOf, hasLiveInitFunction, isAllowedUndefined, isExported, isShared } from '../core/rules';
import { NO_SYM, SymId, SymState, SYNTHETIC_FILE } from '../core/symbols';
import { addSyntheticFunction, functionType, referenceType } from '../core/synthetic';
import { isPic } from '../core/options';
import { calledDirectly, isInterposable } from './pic';

/**
 * wasm-ld's shouldImport. `called` (position-independent output only, else null): the functions some
 * code calls; one only address-taken is reached through its GOT.func import alone (layout/pic.ts).
 */
function shouldImport(ctx: LinkContext, id: SymId, called: Set<SymId> | null): boolean {
  const syms = ctx.syms;
  const o = ctx.options;
  if (syms.kind[id] === SymKind.Data || !syms.live[id]) return false;
  if (!syms.usedInObj[id] && id !== ctx.indirectTable) return false;
  if (syms.state[id] === SymState.Defined) return isInterposable(ctx, id);
  if (called === null) {
    if (syms.isWeak(id)) return false;
  } else {
    return syms.kind[id] !== SymKind.Function || called.has(id) || isShared(ctx, id);
  }
  if (o.importUndefined || o.unresolvedSymbols === 'import-dynamic') return true;
  if (isAllowedUndefined(ctx, id)) return true;
  return syms.importName[id] !== undefined || syms.forceImport[id] === 1;
}

export function calculateImports(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  const add = (id: SymId) => {
    const kind = syms.kind[id];
    const entry: ImportEntry = {
      sym: id, module: syms.importModule[id] ?? 'env', name: syms.importName[id] ?? syms.nameOf(id),
      kind: kind === SymKind.Function ? ExternalKind.Function : kind === SymKind.Global ? ExternalKind.Global
        : kind === SymKind.Tag ? ExternalKind.Tag : ExternalKind.Table,
      typeIndex: 0, valType: ValType.I32, mutable: false, limits: null,
    };
    plan.imports.push(entry);
  };
  const table = ctx.indirectTable;
  // An imported table is imported when something needs it (wasm-ld-19 imports none for a module
  // without slots): first when live code names it, an MVP input calls through it, or a relocation
  // takes a function's slot; after the other imports when only a GOT entry of a function needs it
  // (wasm-ld finds that out late).
  const importTable = table >= 0 && ctx.options.importTable && syms.state[table] !== SymState.Defined;
  const tableFirst = importTable && (syms.live[table] || ctx.legacyFunctionTable || plan.slotsTaken);
  const tableLast = importTable && !tableFirst && plan.gotSymbols.some((id) => syms.kind[id] === SymKind.Function);
  if (tableFirst) {
    syms.live[table] = 1;
    add(table);
  }
  const called = isPic(ctx.options) ? calledDirectly(ctx) : null;
  for (let id = 0; id < syms.count; id++) {
    if (id === table || !syms.isGlobal[id] || !shouldImport(ctx, id, called)) continue;
    if (syms.state[id] === SymState.Defined) {
      // A weak definition of a shared library, imported as well: calls go to the import.
      if (syms.kind[id] !== SymKind.Function) {
        ctx.diag.error(`${ctx.fileName(syms.file[id])}: weak ${syms.kind[id] === SymKind.Global ? 'global' : 'symbol'} ${syms.nameOf(id)} in a shared library (-shared) is not supported yet`);
        continue;
      }
      (plan.interposed ??= new Set()).add(id);
    }
    add(id);
  }
  if (tableLast) {
    syms.live[table] = 1;
    add(table);
  }
  let nf = 0, ng = 0, nt = 0, ntag = 0;
  // Functions and globals that import the same thing (module, name and type) share one import, as in wasm-ld.
  const seen = new Map<string, number>();
  const kept: ImportEntry[] = [];
  for (const imp of plan.imports) {
    const id = imp.sym;
    let type = '';
    switch (imp.kind) {
      case ExternalKind.Function: type = functionType(ctx, id).key; break;
      case ExternalKind.Global: {
        if (syms.file[id] === SYNTHETIC_FILE) {
          // -pie/-shared: __stack_pointer (mutable), __memory_base, __table_base, which no input names;
          // i64 in wasm64 (wasm-ld 19's __table_base too).
          imp.mutable = id !== ctx.memoryBase && id !== ctx.tableBase;
          imp.valType = ctx.options.wasm64 ? ValType.I64 : ValType.I32;
          type = `${imp.valType}${imp.mutable ? ' mut' : ''}`;
          break;
        }
        const file = ctx.files[syms.file[id]];
        const g = importDesc(file, ExternalKind.Global, file.obj.symbols.index[syms.local[id]]);
        imp.valType = importTableOf(file.obj).type[g];
        imp.mutable = importTableOf(file.obj).mutable[g] === 1;
        type = `${imp.valType}${imp.mutable ? ' mut' : ''}`;
        break;
      }
      case ExternalKind.Table: {
        if (id === ctx.indirectTable) break; // one import, with the link's limits
        const file = ctx.files[syms.file[id]];
        const t = importDesc(file, ExternalKind.Table, file.obj.symbols.index[syms.local[id]]);
        const limits = importTableOf(file.obj).limits.get(t)!;
        imp.valType = importTableOf(file.obj).type[t];
        imp.limits = limits;
        type = `${imp.valType} ${limits.flags} ${limits.min} ${limits.max}`;
        break;
      }
      default: break; // tags: one import per symbol
    }
    const key = type === '' ? null : `${imp.kind}\0${imp.module}\0${imp.name}\0${type}`;
    const same = key === null ? undefined : seen.get(key);
    if (same !== undefined) {
      syms.outIndex[id] = same;
      continue;
    }
    switch (imp.kind) {
      case ExternalKind.Function: syms.outIndex[id] = nf++; break;
      case ExternalKind.Global: syms.outIndex[id] = ng++; break;
      case ExternalKind.Table: syms.outIndex[id] = nt++; break;
      case ExternalKind.Tag: syms.outIndex[id] = ntag++; break;
    }
    if (key !== null) seen.set(key, syms.outIndex[id]);
    kept.push(imp);
  }
  plan.imports = kept;
  plan.numImportedFunctions = nf;
  plan.numImportedGlobals = ng;
  plan.numImportedTables = nt;
  plan.numImportedTags = ntag;
}

/** Import index (in the file's import table) of the `index`-th import of `kind`. */
function importDesc(file: ObjFile, kind: ExternalKind, index: number): number {
  const imp = importOfKind(file.obj, kind, index);
  if (imp < 0) throw new Error(`internal: import ${index} of kind ${kind} not found in ${file.name}`);
  return imp;
}

export function assignIndexes(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  let fi = plan.numImportedFunctions;
  for (let s = 0; s < ctx.synthFuncs.length; s++) {
    const f = ctx.synthFuncs[s];
    if (!f.live) continue;
    f.outIndex = fi++;
    plan.funcFile.push(SYNTHETIC_FILE);
    plan.funcIndex.push(s);
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.funcLive.length; i++) {
      if (!file.funcLive[i] || file.funcDiscarded[i]) continue;
      file.funcOut[i] = fi++;
      plan.funcFile.push(file.id);
      plan.funcIndex.push(i);
    }
  }
  let gi = plan.numImportedGlobals;
  for (let s = 0; s < ctx.synthGlobals.length; s++) {
    const g = ctx.synthGlobals[s];
    if (!g.live) continue;
    g.outIndex = gi++;
    syms.outIndex[g.sym] = g.outIndex;
    plan.globalFile.push(SYNTHETIC_FILE);
    plan.globalIndex.push(s);
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.globalLive.length; i++) {
      if (!file.globalLive[i] || file.globalDiscarded[i]) continue;
      file.globalOut[i] = gi++;
      plan.globalFile.push(file.id);
      plan.globalIndex.push(i);
    }
  }
  plan.gotBase = gi;
  let ti = plan.numImportedTags;
  for (const file of ctx.files) {
    for (let i = 0; i < file.tagLive.length; i++) {
      if (!file.tagLive[i]) continue;
      file.tagOut[i] = ti++;
      plan.tagFile.push(file.id);
      plan.tagIndex.push(i);
    }
  }
  let tab = plan.numImportedTables;
  const table = ctx.indirectTable;
  // As wasm-ld: the table exists when any input refers to it, even if no live code does, and when
  // a function has a GOT entry (holding its slot), even a stub's, which holds 0 and takes no slot.
  const needTable = table >= 0 && syms.state[table] === SymState.Defined
    && (syms.live[table] || syms.usedInObj[table] || plan.tableEntries.length > 0 || plan.gotSymbols.some((id) => syms.kind[id] === SymKind.Function));
  const placeTable = () => {
    syms.live[table] = 1;
    syms.outIndex[table] = tab++;
    plan.indirectTableIndex = syms.outIndex[table];
    plan.tableFile.push(SYNTHETIC_FILE);
    plan.tableIndex.push(0);
  };
  // As wasm-ld: the linker's table comes after the inputs' own, unless an MVP input calls through
  // it without relocations, which only table 0 can serve (impossible when a table is imported).
  if (needTable && ctx.legacyFunctionTable) {
    const culprit = plan.imports.find((imp) => imp.kind === ExternalKind.Table);
    if (culprit) {
      ctx.diag.error(`object file not built with 'reference-types' feature conflicts with import of table ${
        syms.nameOf(culprit.sym)} by file ${ctx.fileName(syms.file[culprit.sym])}`);
    }
    placeTable();
  } else if (!needTable && table >= 0 && syms.state[table] !== SymState.Defined && syms.live[table]) {
    plan.indirectTableIndex = syms.outIndex[table];
  }
  for (const file of ctx.files) {
    for (let i = 0; i < file.tableLive.length; i++) {
      if (!file.tableLive[i]) continue;
      file.tableOut[i] = tab++;
      plan.tableFile.push(file.id);
      plan.tableIndex.push(i);
    }
  }
  if (needTable && !ctx.legacyFunctionTable) placeTable();
  const size = ctx.options.tableBase + plan.tableEntries.length;
  plan.tableLimits = { min: size, max: ctx.options.growableTable ? null : size };
}

/**
 * A command (entry `_start`) whose ctors are not called explicitly gets each exported function
 * wrapped in `NAME.command_export`, which runs the ctors first and the dtors after.
 */
export function createCommandExportWrappers(ctx: LinkContext, plan: Plan): void {
  const syms = ctx.syms;
  if (ctx.callCtors < 0 || isPic(ctx.options)) return; // the loader calls the constructors of a position-independent module
  if (syms.usedInObj[ctx.callCtors] || isExported(ctx, ctx.callCtors)) return;
  // As wasm-ld: no wrappers when there are no constructors to run (even if --no-gc-sections
  // keeps __wasm_call_ctors) and no __wasm_call_dtors.
  if (!hasLiveInitFunction(ctx) && ctx.callDtors < 0) return;
  let fi = plan.numImportedFunctions + plan.funcFile.length;
  const count = syms.count; // wrappers added below are exported themselves: do not wrap them
  for (let id = 0; id < count; id++) {
    if (!isExported(ctx, id) || syms.kind[id] !== SymKind.Function || !syms.live[id]) continue;
    const name = `${syms.nameOf(id)}.command_export`;
    const w = syms.add(name, SymKind.Function, false);
    syms.state[w] = SymState.Defined;
    syms.file[w] = SYNTHETIC_FILE;
    syms.live[w] = 1;
    const s = addSyntheticFunction(ctx, name, functionType(ctx, id), w);
    const f = ctx.synthFuncs[s];
    f.live = true;
    f.exportName = exportNameOf(ctx, id);
    f.outIndex = fi++;
    f.wraps = id;
    syms.outIndex[w] = f.outIndex;
    plan.funcFile.push(SYNTHETIC_FILE);
    plan.funcIndex.push(s);
    syms.flags[id] |= SymFlag.VisibilityHidden;
    syms.flags[id] &= ~SymFlag.Exported;
    syms.forceExport[id] = 0;
    syms.forceExport[w] = 1;
    syms.isGlobal[w] = 1;
  }
}

/** After the call_indirect signatures (scanLiveRelocations): imports, then functions and tags. */
export function calculateTypes(ctx: LinkContext, plan: Plan): void {
  for (const imp of plan.imports) {
    if (imp.kind === ExternalKind.Function) imp.typeIndex = plan.registerType(referenceType(ctx, imp.sym));
    else if (imp.kind === ExternalKind.Tag) imp.typeIndex = plan.registerType(tagRefType(ctx, imp.sym));
  }
  for (let k = 0; k < plan.funcFile.length; k++) {
    const f = plan.funcFile[k];
    if (f === SYNTHETIC_FILE) plan.registerType(ctx.synthFuncs[plan.funcIndex[k]].type);
    else {
      const file = ctx.files[f];
      plan.registerType(file.obj.types[file.obj.functionTypes[plan.funcIndex[k]]]);
    }
  }
  for (let k = 0; k < plan.tagFile.length; k++) {
    const file = ctx.files[plan.tagFile[k]];
    plan.registerType(file.obj.types[file.obj.tagTypes[plan.tagIndex[k]]]);
  }
}

function tagRefType(ctx: LinkContext, id: SymId): FuncType {
  const file = ctx.files[ctx.syms.file[id]];
  const imp = importDesc(file, ExternalKind.Tag, file.obj.symbols.index[ctx.syms.local[id]]);
  return file.obj.types[importTableOf(file.obj).type[imp]];
}

export function calculateExports(ctx: LinkContext, plan: Plan): void {
  const o = ctx.options;
  const syms = ctx.syms;
  if (o.exportMemory !== null) plan.exports.push({ name: o.exportMemory, kind: ExternalKind.Memory, index: 0, sym: NO_SYM });
  let globalIndex = plan.numImportedGlobals + plan.globalFile.length + plan.gotSymbols.length;
  for (let id = 0; id < syms.count; id++) {
    if (!syms.live[id] || !isExported(ctx, id)) continue;
    const name = syms.nameOf(id);
    switch (syms.kind[id]) {
      case SymKind.Function: {
        const f = syms.file[id];
        const index = plan.definedFunctionIndexOf(id);
        const exportName = f === SYNTHETIC_FILE ? (ctx.synthFuncs[syms.local[id]].exportName ?? name) : exportNameOf(ctx, id);
        plan.exports.push({ name: exportName, kind: ExternalKind.Function, index, sym: id });
        break;
      }
      case SymKind.Global: {
        if (syms.file[id] === SYNTHETIC_FILE) {
          const g = ctx.synthGlobals[syms.local[id]];
          if (g.mutable && !syms.forceExport[id]) continue;
        }
        plan.exports.push({ name, kind: ExternalKind.Global, index: syms.outIndex[id] >= 0 ? syms.outIndex[id] : plan.globalIndexOf(id), sym: id });
        break;
      }
      case SymKind.Tag:
        plan.exports.push({ name, kind: ExternalKind.Tag, index: plan.tagIndexOf(id), sym: id });
        break;
      case SymKind.Data:
        plan.dataAddressGlobals.push(id);
        plan.exports.push({ name, kind: ExternalKind.Global, index: globalIndex++, sym: id });
        break;
      case SymKind.Table:
        plan.exports.push({ name, kind: ExternalKind.Table, index: plan.tableIndexOf(id), sym: id });
        break;
      default:
        break;
    }
  }
  const start = ctx.wasmStart >= 0 ? ctx.wasmStart : ctx.initMemory >= 0 ? ctx.initMemory : ctx.applyGlobalRelocs;
  if (start >= 0) plan.startFunction = ctx.synthFuncs[syms.local[start]].outIndex;
}
