// The wlink command: argv in, exit status out. Parses the command line (parse.ts), prints --help
// or --version, opens the --reproduce archive (reproduce.ts) and runs the link (link.ts);
// errors are reported as `wlink: error: ...`, never as a stack trace.
import { Diagnostics, LinkError } from '../core/diagnostics';
import type { Host } from '../core/host';
import { logInputsOnly } from '../driver';
import { commandArguments, nodeHost } from '../host/node';
import type { ReproduceArchive } from '../host/reproduce-archive';
import { helpText, versionText } from './help';
import { linkCommand } from './link';
import { parseCommandLine } from './parse';
import { isOption } from './argv';
import type * as Reproduce from './reproduce';

/** How one run of the command ended. */
export interface CommandResult {
  /** The process exit status. */
  status: number;
  /** Whether it linked (wrote an output); bin/wlink.js keeps its code cache by it. */
  linked: boolean;
}

/** What the launcher (bin/wlink.js) may ask of one run. */
export interface CommandHooks {
  /**
   * Called once, when the inputs read so far pass LARGE_LINK_BYTES: a link that size runs long
   * enough for the launcher's JIT tuning to pay for itself, which a small one does not.
   */
  largeLink?: () => void;
}

/** Input bytes from which a link counts as large (the bench's large link reads 46 MB, hello world 2.4). */
export const LARGE_LINK_BYTES = 4 << 20;

export function runCommand(argv: string[], hooks: CommandHooks = {}): CommandResult {
  const host = hooks.largeLink === undefined ? nodeHost : countingHost(nodeHost, LARGE_LINK_BYTES, hooks.largeLink);
  const diag = new Diagnostics();
  diag.sink = (line) => process.stderr.write(`${line}\n`);
  diag.out = (line) => process.stdout.write(`${line}\n`);
  let reproduce: ReproduceArchive | null = null;
  try {
    const cl = parseCommandLine(commandArguments(argv), diag, { host });
    if (cl.help) {
      process.stdout.write(helpText());
      return { status: diag.errors.length > 0 ? 1 : 0, linked: false };
    }
    if (cl.printVersion) process.stdout.write(`${versionText()}\n`);
    // Loaded for --reproduce only: it brings the tar writer and LLVM's path rules (4 modules).
    if (cl.args.some(isOption('reproduce')) || process.env.LLD_REPRODUCE !== undefined) {
      reproduce = (require('./reproduce') as typeof Reproduce).openReproduce(cl.args, versionText(), diag);
    }
    cl.options.inputLog = reproduce;
    if (cl.stopAfterVersion || diag.errors.length > 0) {
      // wasm-ld reads the inputs even after command-line errors (not after --version).
      if (!cl.stopAfterVersion) logInputsOnly(cl.options, false);
      return { status: diag.errors.length > 0 ? 1 : 0, linked: false };
    }

    diag.errorLimit = cl.options.errorLimit;
    diag.fatalWarnings = cl.options.fatalWarnings;
    linkCommand(cl.options, diag);
    const linked = diag.errors.length === 0;
    return { status: linked ? 0 : 1, linked };
  } catch (e) {
    if (e instanceof LinkError) return { status: e.status, linked: false };
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`wlink: error: internal error: ${message}\n`);
    if (process.env.WLINK_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return { status: 1, linked: false };
  } finally {
    reproduce?.close();
  }
}

/** `host`, calling `reached` once when the bytes it has read pass `limit`. */
function countingHost(host: Host, limit: number, reached: () => void): Host {
  let left = limit;
  return {
    ...host,
    readFile: (path, purpose) => {
      const bytes = host.readFile(path, purpose);
      if (left > 0 && (left -= bytes.length) <= 0) reached();
      return bytes;
    },
  };
}

/** The exit status of one run of the command. */
export function main(argv: string[]): number {
  return runCommand(argv).status;
}
