// The output file on disk. The new module is written to a temporary file in the output's folder
// and renamed over the output, so a failed link never leaves a partial or clobbered output; a
// device or a pipe (-o /dev/null) is written to directly, as wasm-ld does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../core/diagnostics';

/**
 * Removes the previous output before the new one is written, freeing its blocks on a thread-pool
 * thread (lld's unlinkAsync): the final rename over a 20 MB output freed them on the linking
 * thread, ~13 ms of the large link. As in wasm-ld, this happens once the link has passed every
 * check up to layout; only a regular file is removed.
 */
export function releaseOldOutput(output: string): void {
  // Checked before opening: opening a FIFO waits for a writer.
  if (fs.statSync(output, { throwIfNoEntry: false })?.isFile() !== true) return;
  let fd: number;
  try {
    fd = fs.openSync(output, 'r');
  } catch {
    return; // not readable: the rename replaces it
  }
  try {
    if (fs.fstatSync(fd).isFile()) fs.unlinkSync(output);
  } catch {
    // left to the rename
  }
  fs.close(fd, () => { /* the last reference: its blocks are freed on the pool thread */ });
}

export function writeAtomically(output: string, bytes: Uint8Array, diag: Diagnostics): void {
  const existing = fs.statSync(output, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    // A device or a pipe (-o /dev/null) is written to, not replaced: as wasm-ld does.
    try {
      fs.writeFileSync(output, bytes);
    } catch (e) {
      diag.fatal(`cannot write output file ${output}: ${(e as Error).message}`);
    }
    return;
  }
  const dir = path.dirname(output);
  const tmp = path.join(dir, `.${path.basename(output)}.wlink-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o755 }); // executable, like wasm-ld's output (umask applies)
    fs.renameSync(tmp, output);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean up */ }
    diag.fatal(`cannot write output file ${output}: ${(e as Error).message}`);
  }
}
