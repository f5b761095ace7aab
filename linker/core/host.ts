// The host: the only way the linker reads, stats and finds its inputs (command-line files, archives
// and their thin members, `.imports` files, -l/-L searches, response files, --allow-undefined-file).
// It is synchronous because the link is. The Node entry (linker/api.ts) and the command default to
// the Node host (linker/host/node.ts); `MemoryHost` serves browsers, workers and tests from a map of
// path to bytes. The host also writes the text files a link makes beside its output (--Map,
// --why-extract, --time-trace), and gives the clock stage times are taken on. The module itself is
// not the host's business: the command writes it (linker/host/output-file.ts) and the API returns it.
// Nothing here, and nothing the browser entry (linker/browser.ts) reaches, uses node's modules,
// `process` or `Buffer`.
//
// Paths are the project's file names (core/file-names.ts): strings that may carry surrogate-escaped
// bytes. A host gives them meaning; the linker only joins and compares them.

/** What the linker asks about a path. */
export interface HostStat {
  size: number;
  /** Changes when the contents do; a session re-reads a file whose size or mtime changed. */
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
}

/**
 * What a read is for. An `input` (object, archive, member, `.imports`) is a regular file or a pipe:
 * the Node host refuses devices, which wasm-ld would read until memory runs out. A `text` file (a
 * response file, an --allow-undefined-file list) may also be a device (`/dev/null`: an empty list).
 */
export type ReadPurpose = 'input' | 'text';

export interface Host {
  /** The whole contents; throws InputReadError (`cannot open PATH: REASON`) when it cannot be read. */
  readFile(path: string, purpose?: ReadPurpose): Uint8Array;
  /** Null when nothing is there (or it cannot be looked at). */
  stat(path: string): HostStat | null;
  exists(path: string): boolean;
  /** The directory relative paths are taken from. */
  cwd(): string;
  /** An environment variable, where the host has them. */
  env?(name: string): string | undefined;
  /**
   * `path` made absolute against cwd() (to tell two names of one response file apart); by default
   * with '/' separating, as `normalize` below.
   */
  absolute?(path: string): string;
  /** Windows' path rules: '\\' separates too, and response files use Windows quoting by default. */
  windows?: boolean;
  /** Writes a text file the link makes beside its output; throws an Error whose message is the reason. */
  writeFile?(path: string, text: string): void;
  /** Microseconds on a monotonic clock (stage times, --time-trace); performance.now() by default. */
  now?(): number;
  /** SHA-1 (--build-id=sha1), where the host has one faster than formats/sha1.ts. */
  sha1?(data: Uint8Array): Uint8Array;
}

/** `path` made absolute on `host`. */
export function absolutePath(host: Host, path: string): string {
  return host.absolute ? host.absolute(path) : normalize(host.cwd(), path);
}

/** The host's clock (Host.now), in microseconds. */
export function hostClock(host: Host): () => number {
  return host.now ? () => host.now!() : () => performance.now() * 1000;
}

/** The last component of `path` (LLVM's sys::path::filename: after the last separator). */
export function baseName(host: Host, path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), host.windows ? path.lastIndexOf('\\') : -1);
  return path.slice(slash + 1);
}

/** Writes a text file through the host, or says why it cannot (`null`: written). */
export function writeTextFile(host: Host, path: string, text: string): string | null {
  if (!host.writeFile) return 'this host does not write files';
  try {
    host.writeFile(path, text);
    return null;
  } catch (e) {
    return failureReason(e);
  }
}

/** Why a read or write failed, for `cannot open FILE: REASON`. */
export function failureReason(e: unknown): string {
  if (e instanceof InputReadError) return e.reason ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

/** An input that cannot be read; the message is the whole diagnostic, naming the file. */
export class InputReadError extends Error {
  /** `reason` is what follows `cannot open PATH: ` (strerror's text), when the message has that form. */
  constructor(message: string, readonly reason: string | null = null) {
    super(message);
  }
}

/** The usual `cannot open PATH: REASON` error. */
export function cannotOpenError(path: string, reason: string): InputReadError {
  return new InputReadError(`cannot open ${path}: ${reason}`, reason);
}

/**
 * Files held in memory, by path. Relative paths are taken against `cwd` ('/' by default), `.` and
 * `..` are resolved and repeated slashes ignored, so `lib/libc.a`, `./lib/libc.a` and `/lib/libc.a`
 * (cwd '/') are one file. A directory exists when some file lies under it. `set` replaces a file
 * and changes its mtime, so a `Linker` session over this host re-reads it.
 */
export class MemoryHost implements Host {
  private readonly files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  private readonly dirs = new Set<string>(['/']);
  private version = 0;
  private readonly dir: string;

  constructor(files: Iterable<[string, Uint8Array]> | Record<string, Uint8Array> = [], cwd = '/') {
    this.dir = normalize('/', cwd);
    const entries = Symbol.iterator in files ? files as Iterable<[string, Uint8Array]> : Object.entries(files);
    for (const [path, bytes] of entries) this.set(path, bytes);
  }

  /** Adds or replaces the file at `path`. */
  set(path: string, bytes: Uint8Array | string): void {
    const key = normalize(this.dir, path);
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    this.files.set(key, { bytes: data, mtimeMs: ++this.version });
    for (let slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) this.dirs.add(key.slice(0, slash));
  }

  readFile(path: string): Uint8Array {
    const key = normalize(this.dir, path);
    const file = this.files.get(key);
    if (file) return file.bytes;
    throw cannotOpenError(path, this.dirs.has(key) ? 'Is a directory' : 'No such file or directory');
  }

  stat(path: string): HostStat | null {
    const key = normalize(this.dir, path);
    const file = this.files.get(key);
    if (file) return { size: file.bytes.length, mtimeMs: file.mtimeMs, isFile: true, isDirectory: false };
    return this.dirs.has(key) ? { size: 0, mtimeMs: 0, isFile: false, isDirectory: true } : null;
  }

  exists(path: string): boolean {
    const key = normalize(this.dir, path);
    return this.files.has(key) || this.dirs.has(key);
  }

  cwd(): string {
    return this.dir;
  }

  absolute(path: string): string {
    return normalize(this.dir, path);
  }

  /** The text files a link writes (a map, --why-extract) land here, as files of this host. */
  writeFile(path: string, text: string): void {
    this.set(path, text);
  }
}

/** `path` made absolute against `cwd`, with `.`, `..` and empty segments resolved ('/' separates). */
export function normalize(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
