// argv tokens to matched options, with LLVM OptTable's rules, and @response-file expansion.
//
// wasm-ld parses its argv with LLVM's OptTable, whose rules differ from getopt/yargs in ways that
// compiler drivers rely on:
//   - each option has a kind: Flag (`--gc-sections`), Joined (`--export=x`, `-lc`), Separate
//     (`--export x`), JoinedOrSeparate (`-o x` and `-ox`) or CommaJoined (`--features=a,b`);
//   - each option lists the prefixes it accepts: most long options take `--` or `-`, the newer
//     wasm-specific ones only `--`, and the one-letter ones only `-`;
//   - a token is matched against every `prefix+name` it starts with, longest first, and the first
//     option whose kind accepts the rest of the token wins. So `-export=x` is --export, and
//     `-export-all` is `-e xport-all` (as in wasm-ld: --export-all takes two dashes only);
//   - inputs, -l, --whole-archive and --start-lib take effect in argv order.
import { Diagnostics } from '../core/diagnostics';
import { decodeFileName } from '../core/file-names';
import { absolutePath, failureReason, Host } from '../core/host';
import { OptionDef, OPTIONS, Spelling } from './option-table';

/** A text file the command line names (a response file, a symbol list), names kept as bytes. */
export function readTextFile(host: Host, file: string): string {
  return decodeFileName(host.readFile(file, 'text'));
}

/** Why `file` could not be read, for `cannot open FILE: REASON`. */
export const readFailure = failureReason;

// ---------------------------------------------------------------------------------------------
// Pre-pass: OptTable matching
// ---------------------------------------------------------------------------------------------

/** One argv token (or a Separate option with its value token) after matching. */
export type MatchedArg =
  | { kind: 'input'; value: string }
  | { kind: 'option'; def: OptionDef; spelling: string /* prefix+name, e.g. "--export=" */; token: string; value: string }
  | { kind: 'unknown'; token: string }
  | { kind: 'missing'; token: string }; // a Separate option at the end of argv

interface Candidate {
  text: string; // prefix + name
  spelling: Spelling;
  def: OptionDef;
}

/** Every `prefix+name`, longest first: OptTable tries the longest match first. */
const CANDIDATES: readonly Candidate[] = OPTIONS.flatMap((def) =>
  def.spellings.flatMap((spelling) => spelling.prefixes.map((p) => ({ text: p + spelling.name, spelling, def }))),
).sort((a, b) => b.text.length - a.text.length);

type OptionMatch = Extract<MatchedArg, { kind: 'option' }>;

/** A filter for the matches of option `id`. */
export const isOption = (id: string) => (a: MatchedArg): a is OptionMatch => a.kind === 'option' && a.def.id === id;

export function matchArgs(argv: readonly string[]): MatchedArg[] {
  const out: MatchedArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '') continue; // OptTable skips an empty argument (an option's empty value is kept)
    if (!token.startsWith('-') || token === '-') {
      out.push({ kind: 'input', value: token });
      continue;
    }
    let matched: MatchedArg | null = null;
    for (const c of CANDIDATES) {
      if (!token.startsWith(c.text)) continue;
      const rest = token.slice(c.text.length);
      const option = (value: string): MatchedArg => ({ kind: 'option', def: c.def, spelling: c.text, token, value });
      const { kind } = c.spelling;
      if (kind === 'flag') {
        if (rest !== '') continue; // `-s` does not match `-stack-first`
        matched = option(c.spelling.value ?? 'true');
      } else if (kind === 'joined' || kind === 'commaJoined' || (kind === 'joinedOrSeparate' && rest !== '')) {
        matched = option(rest);
      } else {
        if (rest !== '') continue; // Separate: the name must be the whole token
        matched = i + 1 < argv.length ? option(argv[++i]) : { kind: 'missing', token };
      }
      break;
    }
    out.push(matched ?? { kind: 'unknown', token });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Response files
// ---------------------------------------------------------------------------------------------

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** LLVM's cl::TokenizeGNUCommandLine: quotes (' and "), backslash escapes outside and inside quotes. */
export function tokenizePosix(src: string): string[] {
  const out: string[] = [];
  let token = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (token === '' && isSpace(c)) continue;
    if (c === '\\' && i + 1 < src.length) {
      token += src[++i];
    } else if (c === '"' || c === "'") {
      for (i++; i < src.length && src[i] !== c; i++) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        token += src[i];
      }
    } else if (isSpace(c)) {
      out.push(token);
      token = '';
    } else {
      token += c;
    }
  }
  if (token !== '') out.push(token);
  return out;
}

/**
 * Windows (MSVC CRT) rules: double quotes group, `""` inside quotes is a literal quote; 2n
 * backslashes before a quote are n backslashes and the quote is special, 2n+1 are n and a literal
 * quote; other backslashes are literal.
 */
export function tokenizeWindows(src: string): string[] {
  const out: string[] = [];
  let token = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (!quoted && isSpace(c)) {
      if (started) out.push(token);
      token = '';
      started = false;
      continue;
    }
    started = true;
    if (c === '\\') {
      let n = 0;
      while (src[i] === '\\') { n++; i++; }
      if (src[i] === '"') {
        token += '\\'.repeat(n >> 1);
        if (n % 2 === 1) token += '"';
        else i--; // let the quote be handled as a quote
      } else {
        token += '\\'.repeat(n);
        i--;
      }
    } else if (c === '"') {
      if (quoted && src[i + 1] === '"') {
        token += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else {
      token += c;
    }
  }
  if (started) out.push(token);
  return out;
}

export type RspQuoting = 'posix' | 'windows';

/**
 * Replaces every `@file` token by the tokens of the file, recursively (nested names are relative
 * to the working directory, as in wasm-ld). An `@file` that does not exist stays as it is, so it
 * is later reported as a missing input, like wasm-ld does.
 */
export function expandResponseFiles(argv: readonly string[], quoting: RspQuoting, host: Host, diag: Diagnostics): string[] {
  const tokenize = quoting === 'windows' ? tokenizeWindows : tokenizePosix;
  const out: string[] = [];
  const expand = (args: readonly string[], open: readonly string[]) => {
    for (const arg of args) {
      const file = arg.slice(1);
      if (!arg.startsWith('@') || !host.exists(file)) {
        out.push(arg);
        continue;
      }
      const key = absolutePath(host, file);
      if (open.includes(key)) {
        diag.error(`recursive expansion of: '${file}'`);
        continue;
      }
      let text: string;
      try {
        text = readTextFile(host, file);
      } catch (e) {
        diag.error(`cannot open ${file}: ${readFailure(e)}`);
        continue;
      }
      expand(tokenize(text.replace(/^\uFEFF/, '')), [...open, key]);
    }
  };
  expand(argv, []);
  return out;
}

/** wasm-ld reads --rsp-quoting from argv before expanding response files, so one inside a file has no effect on expansion. */
export function responseFileQuoting(argv: readonly string[], host: Host): RspQuoting {
  const last = matchArgs(argv).filter(isOption('rsp-quoting')).pop();
  if (last) return last.value === 'windows' ? 'windows' : 'posix';
  return host.windows ? 'windows' : 'posix';
}

