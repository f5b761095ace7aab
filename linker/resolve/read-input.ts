// What resolution needs around reading inputs, beyond the host (core/host.ts) that reads them: where
// an archive's `.imports` file is, and the --reproduce log of a link that stops before reading.
import { isArchive } from '../../formats/archive';
import type { Host } from '../core/host';
import type { LinkOptions } from '../core/options';

/** The `.imports` file that may sit beside archive `path`: its extension replaced, as LLVM's replace_extension does. */
export function archiveImportsFile(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  const stem = dot > slash + 1 && path.slice(slash + 1) !== '..' ? path.slice(0, dot) : path;
  return `${stem}.imports`;
}

/**
 * For a link that stops before it reads its inputs (a command-line error, an output that cannot be
 * written) while --reproduce records: wasm-ld has read them by then, so each input file that can be
 * read goes to the log (with an archive's `.imports` file); with `complete`, the log is then told
 * that all were read.
 */
export function logInputsOnly(options: LinkOptions, host: Host, complete: boolean): void {
  const log = options.inputLog;
  if (log === null) return;
  for (const spec of options.inputs) {
    if (spec.kind !== 'file') continue;
    let bytes: Uint8Array;
    try {
      bytes = host.readFile(spec.path);
    } catch {
      continue; // reported where the link stopped, or not an input wasm-ld could read either
    }
    log.read(spec.path, bytes);
    if (!isArchive(bytes)) continue;
    try {
      const file = archiveImportsFile(spec.path);
      if (host.exists(file)) log.read(file, host.readFile(file));
    } catch { /* as above */ }
  }
  if (complete) log.allRead();
}
