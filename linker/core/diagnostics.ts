// Diagnostics: errors and warnings accumulate on a Diagnostics object owned by one link; the
// driver checks it between stages. Messages follow wasm-ld's wording: `wlink: error: FILE: what`.
// A file name that is not UTF-8 is printed with its odd bytes as \xNN (core/file-names.ts).
import { shown } from './file-names';

/** Thrown to stop a link at once (fatal input errors, or the error limit). Caught by the CLI. */
export class LinkError extends Error {
  /** The command's exit status: 1, or 74 (EX_IOERR, as LLVM's tools) when standard output was closed. */
  constructor(message: string, readonly status = 1) {
    super(message);
  }
}

/** wasm-ld's exit status when a write to a closed standard output fails (LLVM's EX_IOERR). */
export const EXIT_IO_ERROR = 74;

export class Diagnostics {
  errors: string[] = [];
  warnings: string[] = [];
  errorLimit = 20;
  fatalWarnings = false;
  /** Where messages go as they are reported (the CLI prints them to stderr). */
  sink: (line: string) => void = () => {};
  /**
   * Where informational output goes, a line at a time (wasm-ld prints --print-gc-sections, --trace
   * and -M to stdout): the command sets standard output, link() a list; console.log by default.
   */
  out: (line: string) => void = (line) => { console.log(line); };

  /** Prints `text` (lines, each ending in a newline) through `out`. */
  print(text: string): void {
    const lines = text.endsWith('\n') ? text.slice(0, -1) : text;
    this.out(lines);
  }

  error(message: string): void {
    this.errors.push(message);
    this.sink(`wlink: error: ${shown(message)}`);
    if (this.errorLimit > 0 && this.errors.length >= this.errorLimit) {
      this.sink('wlink: error: too many errors emitted, stopping now (use -error-limit=0 to see all errors)');
      throw new LinkError('too many errors');
    }
  }

  warn(message: string): void {
    if (this.fatalWarnings) return this.error(message);
    this.warnings.push(message);
    this.sink(`wlink: warning: ${shown(message)}`);
  }

  /** Stops the link at a stage boundary if any error was reported. */
  check(): void {
    if (this.errors.length > 0) throw new LinkError(this.errors[0]);
  }

  /** Reports and stops at once. */
  fatal(message: string): never {
    this.errors.push(message);
    this.sink(`wlink: error: ${shown(message)}`);
    throw new LinkError(message);
  }
}
