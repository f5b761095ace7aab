// The shape of the source tree (docs/architecture.md, "Rooms"): no import cycles, type-only imports
// included; each room imports only the rooms below it; no source file grows past ~900 lines (the
// demangler's parser and node types excepted). The import graph is madge's, read from the sources.
import * as fs from 'node:fs';
import * as path from 'node:path';

// madge has no type declarations: the two calls used here.
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (paths: string[], config: object) => Promise<MadgeResult>;

const REPO = path.resolve(__dirname, '..', '..', '..');
const SOURCE_ROOMS = ['formats', 'demangle', 'codegen', 'frontends', 'linker'];

/** Which rooms each room may import (besides itself), from the bottom floor up. */
const MAY_IMPORT: [string, string[]][] = [
  ['formats/', []],
  ['demangle/', []],
  ['codegen/', ['formats/']],
  ['frontends/', ['codegen/', 'formats/']],
  ['linker/core/', ['formats/', 'codegen/', 'demangle/']],
  ['linker/host/', ['linker/core/', 'formats/']],
  ['linker/cli/', ['linker/core/', 'linker/host/', 'linker/driver.ts']],
  ['linker/resolve/', ['linker/core/', 'formats/', 'codegen/', 'frontends/', 'demangle/']],
  ['linker/checks/', ['linker/core/', 'formats/', 'demangle/']],
  ['linker/gc/', ['linker/core/', 'formats/', 'demangle/']],
  ['linker/layout/', ['linker/core/', 'formats/']],
  ['linker/output/', ['linker/core/', 'formats/', 'codegen/', 'demangle/']],
  // The top floor: the pipeline, the session API and the relink run every room.
  ['linker/', SOURCE_ROOMS.map((r) => `${r}/`)],
];

const LONG_FILES_ALLOWED = new Set(['demangle/parser.ts', 'demangle/nodes.ts']);

let graph: Record<string, string[]>;
let cycles: string[][];

beforeAll(async () => {
  const result = await madge(SOURCE_ROOMS.map((r) => path.join(REPO, r)), {
    baseDir: REPO,
    fileExtensions: ['ts'],
    tsConfig: path.join(REPO, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports: false } },
  });
  graph = result.obj();
  cycles = result.circular();
}, 60_000);

test('the import graph covers the sources', () => {
  const files = Object.keys(graph);
  for (const room of SOURCE_ROOMS) expect(files.some((f) => f.startsWith(`${room}/`))).toBe(true);
  expect(graph['linker/driver.ts']).toContain('linker/layout/layout.ts');
});

test('no import cycles', () => {
  expect(cycles).toEqual([]);
});

test('each room imports only the rooms below it', () => {
  const wrong: string[] = [];
  for (const [file, deps] of Object.entries(graph)) {
    const rule = MAY_IMPORT.find(([room]) => file.startsWith(room));
    if (!rule) continue;
    const [room, allowed] = rule;
    for (const dep of deps) {
      if (dep.startsWith(room) || allowed.some((a) => dep.startsWith(a))) continue;
      wrong.push(`${file} -> ${dep}`);
    }
  }
  expect(wrong).toEqual([]);
});

/** The files `entry` reaches through its imports (type-only ones included), itself too. */
function reachable(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const dep of graph[queue.pop()!] ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...seen].sort();
}

test('the browser entry reaches no node module, process or Buffer, and no Node-only room', () => {
  const files = reachable('linker/browser.ts');
  expect(files).toContain('linker/driver.ts');
  expect(files).toContain('linker/cli/parse.ts');
  expect(files.filter((f) => f.startsWith('linker/host/') || f === 'linker/api.ts' || f === 'linker/cli/main.ts')).toEqual([]);
  const uses: string[] = [];
  for (const file of files) {
    const code = fs.readFileSync(path.join(REPO, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // comments may name them
    for (const m of code.matchAll(/\bfrom '(node:[^']+|fs|path|os|crypto)'|require\('(?!\.)[^']*'\)|\bprocess\.|\bBuffer\b|\bNodeJS\./g)) {
      uses.push(`${file}: ${m[0]}`);
    }
  }
  expect(uses).toEqual([]);
});

test('no source file over ~900 lines but the demangler parser and node types', () => {
  const long: string[] = [];
  for (const file of Object.keys(graph)) {
    const lines = fs.readFileSync(path.join(REPO, file), 'utf8').split('\n').length;
    if (lines > 900 && !LONG_FILES_ALLOWED.has(file)) long.push(`${file}: ${lines}`);
  }
  expect(long).toEqual([]);
});
