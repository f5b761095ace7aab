// Reading an input file's bytes. A regular file is read whole (its size bounds what is allocated);
// a pipe or FIFO (`<(cat a.o)`, /dev/stdin) is read up to a limit; anything else is refused. wasm-ld
// reads /dev/zero until it runs out of memory; wlink says what the input is instead.
import * as fs from 'node:fs';
import { isArchive } from '../../formats/archive';
import { fsPath } from '../core/file-names';
import type { LinkOptions } from '../core/options';

/** The most read from a pipe: far more than any object or archive, far less than memory. */
export const PIPE_INPUT_LIMIT = 1 << 30;

/** An input that cannot be read; the message is the whole diagnostic, naming the file. */
export class InputReadError extends Error {}

/** strerror's text for the usual codes, as wasm-ld prints them (`cannot open FILE: REASON`). */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EACCES: 'Permission denied', ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links', ENAMETOOLONG: 'File name too long', EMFILE: 'Too many open files',
};

export function readInputFile(path: string, pipeLimit = PIPE_INPUT_LIMIT): { bytes: Uint8Array; stat: fs.Stats } {
  let fd: number;
  try {
    fd = fs.openSync(fsPath(path), 'r');
  } catch (e) {
    throw cannotOpen(path, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile()) {
      const b = fs.readFileSync(fd);
      return { bytes: new Uint8Array(b.buffer, b.byteOffset, b.length), stat };
    }
    if (stat.isDirectory()) throw new InputReadError(`cannot open ${path}: ${STRERROR.EISDIR}`);
    if (!stat.isFIFO() && !stat.isSocket()) {
      const what = stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : 'not a file';
      throw new InputReadError(`${path}: not a regular file or a pipe (${what})`);
    }
    return { bytes: readPipe(path, fd, pipeLimit), stat };
  } catch (e) {
    throw e instanceof InputReadError ? e : cannotOpen(path, e);
  } finally {
    fs.closeSync(fd);
  }
}

/** Everything a pipe gives until its end, or an error past `limit` bytes (`yes |` never ends). */
function readPipe(path: string, fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 16);
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // a non-blocking pipe with nothing yet
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new InputReadError(`${path}: more than ${limit} bytes read from a pipe, the most an input read from a pipe may have`);
    chunks.push(chunk.subarray(0, n));
  }
  const b = Buffer.concat(chunks, total);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function cannotOpen(path: string, e: unknown): InputReadError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputReadError(`cannot open ${path}: ${code !== undefined && STRERROR[code] ? STRERROR[code] : (e as Error).message}`);
}

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
export function logInputsOnly(options: LinkOptions, complete: boolean): void {
  const log = options.inputLog;
  if (log === null) return;
  for (const spec of options.inputs) {
    if (spec.kind !== 'file') continue;
    let bytes: Uint8Array;
    try {
      bytes = readInputFile(spec.path).bytes;
    } catch {
      continue; // reported where the link stopped, or not an input wasm-ld could read either
    }
    log.read(spec.path, bytes);
    if (!isArchive(bytes)) continue;
    try {
      const file = archiveImportsFile(spec.path);
      if (fs.existsSync(fsPath(file))) log.read(file, readInputFile(file).bytes);
    } catch { /* as above */ }
  }
  if (complete) log.allRead();
}
