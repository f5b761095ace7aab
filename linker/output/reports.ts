// The text reports a link writes beside its output: --why-extract (once symbols are resolved) and
// the link map (--Map=FILE, -M) of the module just written. A report that cannot be written is an
// error of the link, in wasm-ld's words.
import * as fs from 'node:fs';
import { LinkContext } from '../core/context';
import { fsPath } from '../core/file-names';
import { Plan } from '../core/plan';
import { mapFileText } from './map-file';
import { reason } from './output-file';

/** --Map=FILE / -M: the link map of the module just written. */
export function writeMap(ctx: LinkContext, plan: Plan, module: Uint8Array): void {
  const text = mapFileText(ctx, plan, module);
  if (ctx.options.printMap) process.stdout.write(text);
  const file = ctx.options.mapFile;
  if (file === null) return;
  try {
    fs.writeFileSync(fsPath(file), text);
  } catch (e) {
    ctx.diag.error(`cannot open map file ${file}: ${reason(e)}`);
  }
}

/** --why-extract: a tab-separated table, as wasm-ld writes it once symbols are resolved. */
export function writeWhyExtract(ctx: LinkContext): void {
  const file = ctx.options.whyExtract;
  if (file === null || ctx.whyExtract === null) return;
  const text = ['reference\textracted\tsymbol', ...ctx.whyExtract.map((r) => r.join('\t'))].join('\n') + '\n';
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(fsPath(file), text);
  } catch (e) {
    ctx.diag.error(`cannot open --why-extract= file ${file}: ${reason(e)}`);
  }
}
