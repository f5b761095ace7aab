// --reproduce=FILE (or the LLD_REPRODUCE environment variable) on the command line: which archive,
// and its response.txt, the command line as wasm-ld writes it back: response files expanded, one
// option per line, spelled as wasm-ld's OptTable spells it (an alias as the option it stands for),
// input paths rewritten to point into the archive (linker/output/reproduce-archive.ts), -o reduced to
// its base name, --reproduce left out. version.txt holds the version line; the inputs go in as the
// link reads them.
//
// Nothing here runs unless the option or the variable is given: `openReproduce` returns null at
// once without them.
import { Diagnostics } from '../core/diagnostics';
import { nameBytes } from '../core/file-names';
import { pathFilename } from '../core/lld-paths';
import { openReproduceArchive, ReproduceArchive } from '../host/reproduce-archive';
import { isOption, MatchedArg } from './argv';
import { OptionDef } from './option-table';

/** lld's quote: in double quotes if it holds a space, otherwise as it is. */
export function quote(s: string): string {
  return s.includes(' ') ? `"${s}"` : s;
}

// ---------------------------------------------------------------------------------------------
// response.txt
// ---------------------------------------------------------------------------------------------

/**
 * Spellings that wasm-ld's Options.td declares as aliases, by name: OptTable turns them into the
 * option they stand for, spelled with that option's first prefix. A value ending in '=' is a
 * Joined option (its value follows without a space). Besides these, every `NAME=` of an `Eq`/`EEq`
 * pair stands for its Separate `NAME` (see `canonical`).
 */
const ALIASES: Readonly<Record<string, string>> = {
  e: '--entry', 'entry=': '--entry',
  dn: '--Bstatic', non_shared: '--Bstatic', static: '--Bstatic',
  call_shared: '--Bdynamic', dy: '--Bdynamic',
  E: '--export-dynamic', i: '--initial-memory=', V: '-v',
  library: '-l', 'library=': '-l', 'library-path': '-L', 'library-path=': '-L',
  M: '--print-map', r: '--relocatable', s: '--strip-all', S: '--strip-debug', t: '--trace',
  y: '--trace-symbol', u: '--undefined',
  'allow-undefined-file': '--allow-undefined-file=', // the one-dash Separate form
};

type Style = 'flag' | 'joined' | 'separate' | 'comma';

/** How OptTable writes a matched option back: its spelling (the alias's target for an alias) and style. */
function canonical(def: OptionDef, typed: string): { text: string; style: Style } {
  const sp = def.spellings.find((s) => s.prefixes.some((p) => p + s.name === typed));
  if (!sp) return { text: typed, style: 'separate' };
  const alias = ALIASES[sp.name];
  if (alias !== undefined) {
    const style: Style = sp.kind === 'flag' ? 'flag' : alias.endsWith('=') ? 'joined' : 'separate';
    return { text: alias, style };
  }
  if (sp.kind === 'joined' && sp.name.endsWith('=')) {
    const target = def.spellings.find((s) => s.kind === 'separate' && s.name === sp.name.slice(0, -1) && ALIASES[s.name] === undefined);
    if (target) return { text: target.prefixes[0] + target.name, style: 'separate' };
  }
  const style: Style = sp.kind === 'flag' ? 'flag' : sp.kind === 'joined' ? 'joined' : sp.kind === 'commaJoined' ? 'comma' : 'separate';
  return { text: typed, style };
}

/** One line of response.txt for a matched argument (null: left out). */
function responseLine(arg: MatchedArg, memberName: (path: string) => string): string | null {
  switch (arg.kind) {
    case 'input': return quote(memberName(arg.value));
    case 'unknown': return `${arg.token} ${quote(arg.token)}`;
    case 'missing': return null; // OptTable keeps no argument for it
    case 'option': break;
  }
  const id = arg.def.id;
  if (id === 'reproduce') return null;
  // The archive has no directories for the output: `lld @response.txt` writes it in place.
  if (id === 'output') return `-o ${quote(pathFilename(arg.value))}`;
  const { text, style } = canonical(arg.def, arg.spelling);
  if (style === 'flag') return text;
  if (style === 'joined') return text + quote(arg.value);
  const values = style === 'comma' ? arg.value.split(',').filter((v) => v !== '') : [arg.value];
  return values.length === 0 ? text : `${text} ${values.map(quote).join(' ')}`;
}

/**
 * response.txt: the expanded command line rewritten for the archive, one argument per line; an
 * input is named by where the archive keeps it (`memberName`).
 */
export function responseFile(args: readonly MatchedArg[], memberName: (path: string) => string): string {
  let out = '';
  for (const arg of args) {
    const line = responseLine(arg, memberName);
    if (line !== null) out += `${line}\n`;
  }
  return out;
}

/** The archive's path: the last --reproduce, else $LLD_REPRODUCE, else none. */
export function reproducePath(args: readonly MatchedArg[], env: NodeJS.ProcessEnv = process.env): string | null {
  const last = args.filter(isOption('reproduce')).pop();
  if (last) return last.value;
  return env.LLD_REPRODUCE ?? null;
}

/**
 * Opens the archive and writes response.txt and version.txt, or reports (as wasm-ld) that it
 * cannot; the link goes on either way. Null without --reproduce and LLD_REPRODUCE.
 */
export function openReproduce(args: readonly MatchedArg[], version: string, diag: Diagnostics): ReproduceArchive | null {
  const file = reproducePath(args);
  if (file === null) return null;
  const archive = openReproduceArchive(file, diag);
  if (archive === null) return null;
  archive.add('response.txt', nameBytes(responseFile(args, (p) => archive.memberName(p))));
  archive.add('version.txt', Buffer.from(`${version}\n`));
  const undefinedFile = args.filter(isOption('allow-undefined-file')).pop();
  if (undefinedFile) archive.readAfterInputs(undefinedFile.value);
  return archive;
}
