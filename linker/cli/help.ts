// The --help text, generated from the option table in wasm-ld's layout, and the --version line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LLD_COMPAT_VERSION, OPTIONS, Spelling } from './option-table';


function spellingText(s: Spelling): string {
  const name = s.prefixes[0] + s.name;
  const meta = s.metavar ?? '<value>';
  if (s.kind === 'flag') return name;
  if (s.kind === 'separate' || s.kind === 'joinedOrSeparate') return `${name} ${meta}`;
  return name + meta;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The --help text, in wasm-ld's layout, generated from OPTIONS. */
export function helpText(): string {
  const rows: [string, string][] = [];
  for (const def of OPTIONS) {
    if (def.support === 'no') continue;
    for (const s of def.spellings) if (s.help) rows.push([spellingText(s), s.help]);
  }
  rows.sort(([a], [b]) => a.replace(/^-+/, '').toLowerCase().localeCompare(b.replace(/^-+/, '').toLowerCase()));

  const lines = [
    'OVERVIEW: wlink, a WebAssembly static linker (command-line compatible with wasm-ld)',
    '',
    'USAGE: wlink [options] file...',
    '',
    'OPTIONS:',
  ];
  for (const [left, help] of rows) {
    if (left.length + 2 > 24) lines.push(`  ${left}`, `${' '.repeat(26)}${help}`);
    else lines.push(`  ${left.padEnd(24)}${help}`);
  }
  const unsupported = new Set<string>();
  for (const def of OPTIONS) {
    if (def.support === 'no') for (const s of def.spellings) unsupported.add((s.prefixes[0] + s.name).replace(/=$/, ''));
  }
  lines.push(
    '',
    'NOT SUPPORTED YET (wasm-ld options that wlink rejects):',
    wrap([...unsupported].join(', '), 76, '  '),
    '',
    'Response files: @FILE anywhere in the arguments is replaced by the arguments in FILE.',
    '',
  );
  return lines.join('\n');
}

export function versionText(): string {
  let version = 'unknown';
  try {
    // dist/linker/cli/help.js and linker/cli/help.ts both sit three levels below package.json.
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
    version = (JSON.parse(text) as { version: string }).version;
  } catch {
    // keep "unknown"
  }
  return `wlink ${version} (compatible with LLD ${LLD_COMPAT_VERSION})`;
}
