// The Node host (core/host.ts): the process's file system and environment, the default of the
// command and of the `Linker` session. It owns how an input file is read: a regular file whole
// (its size bounds what is allocated); a pipe or FIFO (`<(cat a.o)`, /dev/stdin) up to a limit;
// anything else refused. wasm-ld reads /dev/zero until it runs out of memory; wlink says what the
// input is instead. Response files and symbol lists may also be devices (`@/dev/null`).
import * as fs from 'node:fs';
import { fsPath } from '../core/file-names';
import { cannotOpenError, Host, HostStat, InputReadError, ReadPurpose } from '../core/host';

/** The most read from a pipe: far more than any object or archive, far less than memory. */
export const PIPE_INPUT_LIMIT = 1 << 30;

/** strerror's text for the usual codes, as wasm-ld prints them (`cannot open FILE: REASON`). */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EACCES: 'Permission denied', ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links', ENAMETOOLONG: 'File name too long', EMFILE: 'Too many open files',
};

export const nodeHost: Host = {
  readFile: (path, purpose) => readInputFile(path, PIPE_INPUT_LIMIT, purpose),
  stat: (path): HostStat | null => {
    try {
      const st = fs.statSync(fsPath(path));
      return { size: st.size, mtimeMs: st.mtimeMs, isFile: st.isFile(), isDirectory: st.isDirectory() };
    } catch {
      return null;
    }
  },
  exists: (path) => fs.existsSync(fsPath(path)),
  cwd: () => process.cwd(),
  env: (name) => process.env[name],
};

export function readInputFile(path: string, pipeLimit = PIPE_INPUT_LIMIT, purpose: ReadPurpose = 'input'): Uint8Array {
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
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    }
    if (stat.isDirectory()) throw cannotOpenError(path, STRERROR.EISDIR);
    if (purpose === 'input' && !stat.isFIFO() && !stat.isSocket()) {
      const what = stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : 'not a file';
      throw new InputReadError(`${path}: not a regular file or a pipe (${what})`);
    }
    return readPipe(path, fd, pipeLimit);
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
  return cannotOpenError(path, code !== undefined && STRERROR[code] ? STRERROR[code] : (e as Error).message);
}
