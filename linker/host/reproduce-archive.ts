// The --reproduce archive (wasm-ld's --reproduce=FILE, or LLD_REPRODUCE): a tar file written member
// by member as the link reads its inputs (formats/tar.ts makes the bytes). The archive's top
// directory is FILE's base name without its extension (repro.tar -> repro/); each input goes in
// under its absolute path without the leading '/', as lld's relativeToRoot makes it. After each
// member the file ends with tar's two zero blocks, so the archive is complete whenever the link
// stops, and a link that fails leaves what it read. The command line (linker/cli/reproduce.ts)
// opens it and writes response.txt and version.txt first.
import * as nodeFs from 'node:fs';
import { TAR_END, tarMember } from '../../formats/tar';
import { Diagnostics } from '../core/diagnostics';
import { nameBytes } from '../core/file-names';
import { pathStem, relativeToRoot } from '../core/lld-paths';
import { InputLog } from '../core/options';
import { fsPath, reason } from './node';

// ---------------------------------------------------------------------------------------------
// The working directory
// ---------------------------------------------------------------------------------------------

/**
 * The working directory as LLVM finds it: $PWD when it is absolute and names the same directory as
 * ".", so a path reached through a symbolic link keeps that link; otherwise getcwd's answer; null
 * when there is none (it was removed).
 */
export function lldWorkingDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const pwd = env.PWD;
  if (pwd !== undefined && pwd.startsWith('/')) {
    try {
      const a = nodeFs.statSync(pwd);
      const b = nodeFs.statSync('.');
      if (a.dev === b.dev && a.ino === b.ino) return pwd;
    } catch { /* fall back to getcwd */ }
  }
  try {
    return process.cwd();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The archive
// ---------------------------------------------------------------------------------------------

/** The archive being written: members go in as the link reads its inputs (an InputLog). */
export class ReproduceArchive implements InputLog {
  private readonly names = new Set<string>();
  private end = 0;
  private failed = false;
  /** Files the command line names that wasm-ld reads after every input (--allow-undefined-file). */
  private readonly afterInputs: string[] = [];

  constructor(
    private readonly fd: number,
    private readonly file: string,
    private readonly base: string,
    private readonly cwd: string | null,
    private readonly diag: Diagnostics,
  ) {}

  /** Adds a member under the archive's top directory; a name already there is not added again. */
  add(name: string, data: Uint8Array): void {
    const full = `${this.base}/${name}`;
    if (this.failed || this.names.has(full)) return;
    this.names.add(full);
    try {
      const member = tarMember(nameBytes(full), data);
      nodeFs.writeSync(this.fd, member, 0, member.length, this.end);
      this.end += member.length;
      nodeFs.writeSync(this.fd, TAR_END, 0, TAR_END.length, this.end);
    } catch (e) {
      this.failed = true;
      this.diag.error(`--reproduce: cannot write ${this.file}: ${reason(e)}`);
    }
  }

  /** Where a file the link reads goes in the archive (lld's relativeToRoot in the working directory). */
  memberName(path: string): string {
    // Without a working directory, LLVM cannot make a relative path absolute and leaves it as it is.
    if (this.cwd === null && !path.startsWith('/')) return path;
    return relativeToRoot(path, this.cwd ?? '/');
  }

  /** An input file as the link read it. */
  read(path: string, bytes: Uint8Array): void {
    this.add(this.memberName(path), bytes);
  }

  /** Every input is read: the files wasm-ld reads next go in now. */
  allRead(): void {
    for (const p of this.afterInputs.splice(0)) {
      let bytes: Uint8Array;
      try {
        bytes = nodeFs.readFileSync(fsPath(p));
      } catch {
        continue; // reported by the command line already
      }
      this.read(p, bytes);
    }
  }

  readAfterInputs(path: string): void {
    this.afterInputs.push(path);
  }

  close(): void {
    nodeFs.closeSync(this.fd);
  }
}

/** Opens the archive (its top directory named after `file`), or reports as wasm-ld that it cannot. */
export function openReproduceArchive(file: string, diag: Diagnostics): ReproduceArchive | null {
  let fd: number;
  try {
    fd = nodeFs.openSync(fsPath(file), 'w');
  } catch {
    diag.error(`--reproduce: cannot open ${file}`);
    return null;
  }
  return new ReproduceArchive(fd, file, pathStem(file), lldWorkingDirectory(), diag);
}
