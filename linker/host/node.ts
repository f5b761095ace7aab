// The Node host (core/host.ts): the process's file system and environment, the default of the
// command and of the `Linker` session. It owns how an input file is read: a regular file whole
// (its size bounds what is allocated; from 2 GiB, which readFileSync refuses, in pieces); a pipe or
// FIFO (`<(cat a.o)`, /dev/stdin) up to a limit; anything else refused. wasm-ld reads /dev/zero
// until it runs out of memory; wlink says what the input is instead. Response files and symbol lists may also be devices (`@/dev/null`). It also
// holds what the other Node-only files of this room share: file names as node's fs takes them
// (fsPath), strerror's words for a failed call (reason), and the command's arguments as bytes.
import { constants as bufferConstants } from 'node:buffer';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { decodeFileName, hasEscapes, nameBytes } from '../core/file-names';
import { cannotOpenError, Host, HostStat, InputReadError, ReadPurpose } from '../core/host';

/** The largest file node's readFileSync reads (its I/O limit, 2 GiB - 1). */
const READ_FILE_LIMIT = 0x7fffffff;

/** The most one typed array holds (node 20: 4 GiB; newer nodes more). */
const ARRAY_LIMIT = bufferConstants.MAX_LENGTH;

/** The most read from a pipe: far more than any object or archive, far less than memory. */
export const PIPE_INPUT_LIMIT = 1 << 30;

/** strerror's words for the errors a read or a write can meet, as wasm-ld prints them (`cannot open FILE: REASON`). */
const STRERROR: Record<string, string> = {
  EACCES: 'Permission denied', EPERM: 'Operation not permitted', ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded', EROFS: 'Read-only file system', EIO: 'Input/output error',
  ENAMETOOLONG: 'File name too long', EFBIG: 'File too large', EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy', ETXTBSY: 'Text file busy', ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
};

/** The words of a failed fs call's errno, as LLVM's tools print them (node's message otherwise). */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code !== undefined && STRERROR[code]) || (e as Error).message;
}

/** What node's fs takes for the name: the string itself, or its bytes when it holds escapes (core/file-names.ts). */
export function fsPath(name: string): string | Buffer {
  return hasEscapes(name) ? Buffer.from(nameBytes(name)) : name;
}

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
  absolute: (path) => nodePath.resolve(path),
  windows: process.platform === 'win32',
  writeFile: (path, text) => {
    try {
      fs.writeFileSync(fsPath(path), text);
    } catch (e) {
      throw new Error(reason(e));
    }
  },
  // Loaded when asked: importing node:crypto costs ~9 ms (OpenSSL's set-up) of any link.
  sha1: (data) => {
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const digest = createHash('sha1').update(data).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
  },
  // Not performance.now(): its first use loads perf_hooks (~1 ms of every link).
  now: () => {
    const [s, ns] = process.hrtime();
    return s * 1e6 + ns / 1e3;
  },
};

/**
 * The command's arguments as the bytes they were. Node decodes argv as UTF-8 and replaces bytes
 * that are not with U+FFFD, which loses a file name such as `c\xffjson.o`; where that happened,
 * the arguments are read again from /proc/self/cmdline (Linux) and decoded losslessly
 * (core/file-names.ts). Elsewhere, or if the two disagree, argv is kept as node gave it.
 */
export function commandArguments(argv: readonly string[]): string[] {
  if (!argv.some((a) => a.includes('\uFFFD'))) return [...argv];
  let raw: Buffer;
  try {
    raw = fs.readFileSync('/proc/self/cmdline');
  } catch {
    return [...argv];
  }
  const all: Buffer[] = [];
  for (let start = 0; start < raw.length;) {
    let end = raw.indexOf(0, start);
    if (end < 0) end = raw.length;
    all.push(raw.subarray(start, end));
    start = end + 1;
  }
  if (all.length < argv.length) return [...argv];
  const mine = all.slice(all.length - argv.length);
  if (mine.some((b, i) => b.toString('utf8') !== argv[i])) return [...argv];
  return mine.map((b) => decodeFileName(b));
}

/**
 * The bytes of input `path`. `pipeLimit`: the most read from a pipe; `fileLimit`: the largest
 * regular file read by readFileSync (larger ones are read in pieces; smaller in tests).
 */
export function readInputFile(path: string, pipeLimit = PIPE_INPUT_LIMIT, purpose: ReadPurpose = 'input', fileLimit = READ_FILE_LIMIT): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(fsPath(path), 'r');
  } catch (e) {
    throw cannotOpen(path, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isFile()) {
      if (stat.size > fileLimit) return readLargeFile(path, fd, stat.size);
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

/**
 * A regular file of 2 GiB or more (a debug build's archive), which readFileSync refuses: read in
 * pieces into one array, as far as one array can hold.
 */
function readLargeFile(path: string, fd: number, size: number): Uint8Array {
  if (size > ARRAY_LIMIT) throw new InputReadError(`${path}: file of ${size} bytes is larger than this JavaScript engine's largest array (${ARRAY_LIMIT} bytes)`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(size);
  } catch {
    throw new InputReadError(`${path}: cannot allocate ${size} bytes to read it`);
  }
  for (let at = 0; at < size;) {
    const n = fs.readSync(fd, bytes, at, Math.min(size - at, 1 << 30), at);
    if (n === 0) throw new InputReadError(`${path}: file shrank while it was read (${at} of ${size} bytes)`);
    at += n;
  }
  return bytes;
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
  return cannotOpenError(path, reason(e));
}
