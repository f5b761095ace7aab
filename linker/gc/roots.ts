// The roots GC starts from that the command line names, checked once resolution is done, as
// wasm-ld checks them: the entry must be a defined function, and each --export a defined symbol (or
// a `__start_`/`__stop_` symbol layout may still define); both are then forced exported.
import { SymKind } from '../../formats/wasm';
import { LinkContext } from '../core/context';
import { isLayoutDataName, reportUnresolved } from '../core/rules';
import { SymState } from '../core/symbols';

/** Entry and explicit-export checks that wasm-ld makes after resolution. */
export function checkRoots(ctx: LinkContext): void {
  const o = ctx.options;
  const syms = ctx.syms;
  if (o.entry !== null) {
    const e = syms.find(o.entry);
    if (e < 0 || syms.state[e] !== SymState.Defined) ctx.diag.error(`entry symbol not defined (pass --no-entry to suppress): ${o.entry}`);
    else if (syms.kind[e] !== SymKind.Function) ctx.diag.error(`entry symbol is not a function: ${o.entry}`);
    else syms.forceExport[e] = 1;
  }
  for (const name of o.exports) {
    let id = syms.find(name);
    if (id >= 0 && syms.state[id] === SymState.Defined) {
      syms.forceExport[id] = 1;
    } else if (isLayoutDataName(ctx, name) && (id < 0 || syms.kind[id] === SymKind.Data || !syms.usedInObj[id])) {
      // Layout defines it if a segment has that name; wasm-ld reports it missing only after layout
      // (layout/memory.ts). Until then it is an undefined data symbol, entered here if no input
      // names it, live already: it keeps no chunk alive, and the GC roots only defined symbols.
      if (id < 0) {
        id = syms.add(name, SymKind.Data, true);
        syms.state[id] = SymState.Undefined;
      }
      syms.kind[id] = SymKind.Data;
      syms.forceExport[id] = 1;
      syms.live[id] = 1;
    } else {
      reportUnresolved(ctx, `symbol exported via --export not found: ${name}`);
    }
  }
  for (const name of o.exportsIfDefined) {
    const id = syms.find(name);
    if (id >= 0 && syms.state[id] === SymState.Defined) syms.forceExport[id] = 1;
  }
}
