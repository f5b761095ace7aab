// The command's link: the output (and map) paths checked before anything is read, as wasm-ld does,
// then the link, and the module written to disk without ever losing the previous output
// (linker/host/output-file.ts), with termination signals held while it is written.
import { Diagnostics } from '../core/diagnostics';
import { LinkOptions } from '../core/options';
import { linkAndWrite, logInputsOnly } from '../driver';
import { cannotCreate, writeOutputFile } from '../host/output-file';

/** Links `options.inputs` into `options.output`. Throws LinkError after reporting errors. */
export function linkCommand(options: LinkOptions, diag: Diagnostics): void {
  // As wasm-ld: a path that cannot be written stops the link before it reads anything.
  const output = cannotCreate(options.output);
  if (output !== null) diag.error(`cannot open output file ${options.output}: ${output}`);
  const map = options.mapFile === null ? null : cannotCreate(options.mapFile);
  if (map !== null) diag.error(`cannot open map file ${options.mapFile}: ${map}`);
  if (diag.errors.length > 0) logInputsOnly(options, true); // wasm-ld has read them by now
  diag.check();
  linkAndWrite(options, diag, (bytes) => writeOutputFile(options.output, bytes, diag, true));
}
