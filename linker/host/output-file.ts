// The output file on disk: the previous output is never lost. The new module is written whole to a
// temporary file beside the output and renamed over it, so until the rename the old output is
// untouched, and after it the new one is complete; nothing is deleted before its replacement
// exists. A failed write (a full disk, an I/O error) removes the temporary file and leaves the old
// output as it was. A device or a pipe (-o /dev/null) is written to directly, as wasm-ld does.
//
// The old output's blocks are freed when the last descriptor of its inode closes. Renaming over it
// would free them on the linking thread (~1 ms a MB here); instead an old output of 1 MB or more is
// held open across the rename and closed on a thread-pool thread. A smaller one is freed at the
// rename: less than starting node's thread pool costs, which the first asynchronous call does
// (~1.6 ms of a hello-world link).
//
// The command (holdSignals) also catches SIGINT, SIGTERM and SIGHUP from the moment the temporary
// file is made: node runs a signal's listener on its event loop, which the synchronous write and
// rename do not give a turn to, so they complete first (or fail and clean up), and no temporary
// file is left behind. The listener then removes the temporary file if one is still there and
// re-raises the signal, so the process ends with the signal's conventional status; bin/wlink.js
// gives the event loop that turn before it exits. Before the window the signals keep their default
// action, and nothing has been written. (SIGKILL cannot be caught: it can leave the temporary file,
// never lose the old output.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics, EXIT_IO_ERROR, LinkError } from '../core/diagnostics';
import { fsPath, reason } from './node';

const HELD_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The size from which an old output is freed off the linking thread. */
const HOLD_OPEN_BYTES = 1 << 20;

/** From now on a termination signal removes `tmp` (if it is still there) and ends the process. */
function catchSignals(tmp: string): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    unlinkQuietly(tmp);
    for (const s of HELD_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal); // default action now: the conventional status
  };
  for (const s of HELD_SIGNALS) process.on(s, onSignal);
}

/**
 * Whether a file can be made at `file`, checked before a link starts, as wasm-ld checks its output
 * and map paths: not a directory, in a folder that exists and may be written (asked of the system,
 * so that no probe file is made); the errno's words, or null.
 */
export function cannotCreate(file: string): string | null {
  if (file === '-') return null;
  try {
    if (fs.statSync(fsPath(file), { throwIfNoEntry: false })?.isDirectory()) return 'Is a directory';
    fs.accessSync(fsPath(path.dirname(file)), fs.constants.W_OK);
    return null;
  } catch (e) {
    return reason(e);
  }
}

/** Writes `bytes` as the output file `output`, replacing it only with a complete new file. */
export function writeOutputFile(output: string, bytes: Uint8Array, diag: Diagnostics, holdSignals = false): void {
  if (output === '-') return writeStandardOutput(bytes, diag);
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(fsPath(output), { throwIfNoEntry: false });
  } catch (e) {
    return diag.fatal(`cannot open output file ${output}: ${reason(e)}`);
  }
  if (existing?.isDirectory()) return diag.fatal(`cannot open output file ${output}: Is a directory`);
  if (existing !== undefined && !existing.isFile()) return writeInPlace(output, bytes, diag);

  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.wlink-${process.pid}.tmp`);
  if (holdSignals) catchSignals(tmp);
  let fd = -1;
  let old = -1;
  let stage = 'open';
  try {
    fd = fs.openSync(fsPath(tmp), 'w', 0o755); // executable, like wasm-ld's output (umask applies)
    stage = 'write';
    writeAll(fd, bytes);
    fs.closeSync(fd);
    fd = -1;
    old = holdOpen(output, existing);
    fs.renameSync(fsPath(tmp), fsPath(output));
  } catch (e) {
    if (fd >= 0) closeQuietly(fd);
    if (old >= 0) closeQuietly(old);
    if (stage !== 'open') unlinkQuietly(tmp);
    if (stage === 'open') return diag.fatal(`cannot open output file ${output}: ${reason(e)}`);
    return diag.fatal(`failed to write output '${output}': ${reason(e)}`);
  }
  if (old >= 0) fs.close(old, () => { /* the old inode's last reference: freed on the pool thread */ });
}

/** A descriptor of the old output (a regular file of HOLD_OPEN_BYTES or more), or -1. */
function holdOpen(output: string, existing: fs.Stats | undefined): number {
  if (existing === undefined || existing.size < HOLD_OPEN_BYTES) return -1;
  try {
    return fs.openSync(fsPath(output), 'r');
  } catch {
    return -1; // not readable: the rename frees it, on this thread
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

/** A device or a pipe: written to, not replaced. */
function writeInPlace(output: string, bytes: Uint8Array, diag: Diagnostics): void {
  let fd: number;
  try {
    fd = fs.openSync(fsPath(output), 'w');
  } catch (e) {
    return diag.fatal(`cannot open output file ${output}: ${reason(e)}`);
  }
  try {
    writeAll(fd, bytes);
  } catch (e) {
    closeQuietly(fd);
    return diag.fatal(`failed to write output '${output}': ${reason(e)}`);
  }
  closeQuietly(fd);
}

/**
 * `-o -`: the module on standard output. A reader that went away (`| head -c 8`) ends the link
 * quietly with wasm-ld's status for it.
 */
function writeStandardOutput(bytes: Uint8Array, diag: Diagnostics): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let at = 0; at < bytes.length;) {
    try {
      at += fs.writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1); // a non-blocking pipe that is full: wait for the reader
        continue;
      }
      if (code === 'EPIPE') throw new LinkError('standard output closed', EXIT_IO_ERROR);
      diag.fatal(`failed to write output '-': ${reason(e)}`);
    }
  }
}

function closeQuietly(fd: number): void {
  try { fs.closeSync(fd); } catch { /* already reported or nothing to do */ }
}

function unlinkQuietly(file: string): void {
  try { fs.unlinkSync(fsPath(file)); } catch { /* nothing left to remove */ }
}
