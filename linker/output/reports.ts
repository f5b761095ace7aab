// The text reports a link writes beside its output: --why-extract (once symbols are resolved) and
// the link map (--Map=FILE, -M) of the module just written. A report that cannot be written is an
// error of the link, in wasm-ld's words. Files are written through the link's host (core/host.ts).
import { LinkContext } from '../core/context';
import { writeTextFile } from '../core/host';
import { Plan } from '../core/plan';
import { mapFileText } from './map-file';

/** --Map=FILE / -M: the link map of the module just written. */
export function writeMap(ctx: LinkContext, plan: Plan, module: Uint8Array): void {
  const text = mapFileText(ctx, plan, module);
  if (ctx.options.printMap) ctx.diag.print(text);
  const file = ctx.options.mapFile;
  if (file === null) return;
  const failure = writeTextFile(ctx.host, file, text);
  if (failure !== null) ctx.diag.error(`cannot open map file ${file}: ${failure}`);
}

/** --why-extract: a tab-separated table, as wasm-ld writes it once symbols are resolved. */
export function writeWhyExtract(ctx: LinkContext): void {
  const file = ctx.options.whyExtract;
  if (file === null || ctx.whyExtract === null) return;
  const text = ['reference\textracted\tsymbol', ...ctx.whyExtract.map((r) => r.join('\t'))].join('\n') + '\n';
  if (file === '-') {
    ctx.diag.print(text);
    return;
  }
  const failure = writeTextFile(ctx.host, file, text);
  if (failure !== null) ctx.diag.error(`cannot open --why-extract= file ${file}: ${failure}`);
}
