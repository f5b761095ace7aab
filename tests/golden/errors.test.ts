// Error-path tests of the linker CLI on bad input. Each case takes real objects from the golden
// cache (scripts/golden-cache.mjs, run in beforeAll), breaks them in one specific way, and links
// with the reference argv in a scratch dir that already holds an output file with known contents.
// The linker under test must:
//   - exit with 1 and print `wlink: error: <file>: <message>` (wasm-ld's wording; for duplicate
//     symbols wasm-ld's three-line form), with no JavaScript stack trace;
//   - leave the existing output file byte-identical and leave no temp files behind.
// The reference wasm-ld (scripts/wasm-ld-yowasp.mjs) must reject the same input, so every case is
// a real error. With $WLINK_CMD set, any tool name is accepted in place of "wlink".

import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  REFERENCE_LD, REPO_ROOT, WASM_COMDAT_INFO, WASM_INIT_FUNCS, WASM_SEGMENT_INFO, encodeULEB, linkerCommand,
  parseLinking, parseRelocs, readCacheIndex, readLinkJson, spliceInSection, withOutput,
} from './inspect';

const TOOL = process.env.WLINK_CMD ? '[\\w.+-]+' : 'wlink';
const OLD_OUTPUT = Buffer.from('previous output: must survive a failed link\n');
const TIMEOUT_MS = 120_000;

// The programs whose objects are used (see tests/golden/programs/): multi_tu's main.o calls
// vec_dot and friends, defined in vec.o; archive_pull pulls mathc.o, the last member of libshapes.a.
const OBJ_PROGRAM = 'multi_tu';
const VICTIM = 'vec.o';
const VICTIM_SYMBOL = 'vec_dot';
const ARCHIVE_PROGRAM = 'archive_pull';
const ARCHIVE = 'libshapes.a';

interface Case {
  name: string;
  program: string;
  /** Breaks the inputs in `dir` (a copy of the program's cache dir); returns the argv to use. */
  mutate: (dir: string, argv: string[]) => string[];
  /** What the first error line must look like (after `<tool>: error: `). */
  expect: RegExp;
  /** Extra lines that must appear in stderr, in this order, consecutively. */
  lines?: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fileMessage = (file: string) => new RegExp(`^${esc(file)}: \\S.*`);

function patch(dir: string, file: string, fn: (bytes: Uint8Array) => Uint8Array): void {
  const p = path.join(dir, file);
  fs.writeFileSync(p, fn(new Uint8Array(fs.readFileSync(p))));
}

/** Minimal ar(5) walker: yields each member's header offset, data offset and size. */
function arMembers(bytes: Uint8Array): { header: number; data: number; size: number; name: string }[] {
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (magic !== '!<arch>\n') throw new Error('not an archive');
  const members = [];
  let off = 8;
  while (off + 60 <= bytes.length) {
    const header = Buffer.from(bytes.subarray(off, off + 60)).toString('latin1');
    const size = parseInt(header.slice(48, 58).trim(), 10);
    members.push({ header: off, data: off + 60, size, name: header.slice(0, 16).trim() });
    off += 60 + size + (size & 1);
  }
  return members;
}

const CASES: Case[] = [
  {
    name: 'truncated object',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, VICTIM, (b) => b.slice(0, b.length >> 1));
      return argv;
    },
    expect: fileMessage(VICTIM),
  },
  {
    name: 'wrong magic',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, VICTIM, (b) => { b.set([0x7f, 0x45, 0x4c, 0x46], 0); return b; }); // "\x7fELF"
      return argv;
    },
    expect: fileMessage(VICTIM),
  },
  {
    name: 'bad LEB in the linking section',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, VICTIM, (b) => {
        // Segment info, init funcs and comdat info all end with a LEB: setting the continuation
        // bit of the section's last byte makes that LEB run past the end of the section.
        const linking = parseLinking(b);
        const last = linking.subsections[linking.subsections.length - 1];
        if (![WASM_SEGMENT_INFO, WASM_INIT_FUNCS, WASM_COMDAT_INFO].includes(last.type)) {
          throw new Error(`unexpected last linking subsection ${last.type} in ${VICTIM}`);
        }
        b[linking.section.end - 1] |= 0x80;
        return b;
      });
      return argv;
    },
    expect: fileMessage(VICTIM),
  },
  {
    name: 'relocation with an out-of-range symbol index',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, VICTIM, (b) => {
        // One past the last symbol. (Far larger indices crash wasm-ld itself: LLVM reads the
        // symbol's name for its message before checking the index.)
        const count = parseLinking(b).symbolCount;
        const { section, relocs } = parseRelocs(b, 'reloc.CODE');
        return spliceInSection(b, section, relocs[0].indexOffset, relocs[0].indexEnd, encodeULEB(count));
      });
      return argv;
    },
    expect: fileMessage(VICTIM),
  },
  {
    name: 'unknown relocation type',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, VICTIM, (b) => {
        b[parseRelocs(b, 'reloc.CODE').relocs[0].typeOffset] = 200;
        return b;
      });
      return argv;
    },
    expect: fileMessage(VICTIM),
  },
  {
    name: 'archive with a truncated member',
    program: ARCHIVE_PROGRAM,
    mutate: (dir, argv) => {
      patch(dir, ARCHIVE, (b) => {
        // Cut the last member (mathc.o, which the link pulls) to half its size, keeping the
        // archive itself well-formed: fix the size field, keep the 2-byte alignment padding.
        const members = arMembers(b);
        const last = members[members.length - 1];
        if (!last.name.startsWith('mathc.o')) throw new Error(`unexpected last member ${last.name}`);
        const size = last.size >> 1;
        const out = Buffer.alloc(last.data + size + (size & 1), 0x0a);
        out.set(b.subarray(0, last.data + size));
        out.write(String(size).padEnd(10, ' '), last.header + 48, 'latin1');
        return out;
      });
      return argv;
    },
    // lld's usual name for a member is libshapes.a(mathc.o); wasm-ld says just mathc.o here.
    expect: new RegExp(`^(${esc(ARCHIVE)}(\\(mathc\\.o\\))?|mathc\\.o): \\S.*`),
  },
  {
    name: 'undefined symbol',
    program: OBJ_PROGRAM,
    mutate: (_dir, argv) => argv.filter((a) => a !== VICTIM),
    expect: /^main\.o: undefined symbol: \S+$/,
    lines: [`main.o: undefined symbol: ${VICTIM_SYMBOL}`],
  },
  {
    name: 'duplicate symbol',
    program: OBJ_PROGRAM,
    mutate: (dir, argv) => {
      fs.copyFileSync(path.join(dir, VICTIM), path.join(dir, 'a.o'));
      fs.renameSync(path.join(dir, VICTIM), path.join(dir, 'b.o'));
      return argv.flatMap((a) => (a === VICTIM ? ['a.o', 'b.o'] : [a]));
    },
    expect: /^duplicate symbol: \S+$/,
    lines: [`duplicate symbol: ${VICTIM_SYMBOL}`, '>>> defined in a.o', '>>> defined in b.o'],
  },
];

interface ProcResult { status: number | null; stdout: string; stderr: string }

interface Outcome {
  dir: string;
  command: string[];
  run: ProcResult;
  listingBefore: string[];
  listingAfter: string[];
  outputAfter: Buffer | null;
  ref: ProcResult;
}

function runProcess(cmd: string[], cwd: string): Promise<ProcResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const listing = (dir: string) => fs.readdirSync(dir).sort();

let scratch = '';
let setupError: string | null = null;
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), OBJ_PROGRAM, ARCHIVE_PROGRAM], {
    cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cache.status !== 0) {
    setupError = `scripts/golden-cache.mjs failed (exit ${cache.status}); see its output above`;
    return;
  }
  const index = readCacheIndex();
  const linker = linkerCommand();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-errors-'));

  const queue = [...CASES];
  await Promise.all(Array.from({ length: os.cpus().length }, async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      const cacheDir = index[c.program];
      const dir = path.join(scratch, c.name.replace(/\W+/g, '-'));
      fs.mkdirSync(dir);
      for (const f of fs.readdirSync(cacheDir)) if (/\.(o|a)$/.test(f)) fs.copyFileSync(path.join(cacheDir, f), path.join(dir, f));
      const argv = withOutput(c.mutate(dir, readLinkJson(cacheDir).argv), 'out.wasm');
      fs.writeFileSync(path.join(dir, 'out.wasm'), OLD_OUTPUT);
      const listingBefore = listing(dir);
      const command = [...linker, ...argv];
      const run = await runProcess(command, dir);
      const listingAfter = listing(dir);
      const outPath = path.join(dir, 'out.wasm');
      const outputAfter = fs.existsSync(outPath) ? fs.readFileSync(outPath) : null;
      const ref = await runProcess([process.execPath, REFERENCE_LD, ...argv], dir);
      outcomes.set(c.name, { dir, command, run, listingBefore, listingAfter, outputAfter, ref });
    }
  }));
}, 30 * 60_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function get(name: string): Outcome {
  if (setupError) throw new Error(setupError);
  const o = outcomes.get(name);
  if (!o) throw new Error(`case ${name} did not run`);
  return o;
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
  test('exits with 1 and a wasm-ld style error, no stack trace', () => {
    const { run, command } = get(name);
    const context = `\ncommand: ${command.join(' ')}\nstderr:\n${run.stderr}`;
    if (run.status !== 1) throw new Error(`exit code ${run.status}, expected 1${context}`);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    const prefix = new RegExp(`^${TOOL}: error: `);
    if (lines.length === 0 || !prefix.test(lines[0])) throw new Error(`stderr does not start with "wlink: error: "${context}`);
    const first = lines[0].replace(prefix, '');
    if (!c.expect.test(first)) throw new Error(`first error line does not match ${c.expect}${context}`);
    if (lines.some((l) => /^\s+at /.test(l))) throw new Error(`stderr contains a stack trace${context}`);
    if (/TypeError|RangeError|ReferenceError|is not a function|Cannot read propert|\[object /.test(run.stderr)) {
      throw new Error(`stderr shows an internal error${context}`);
    }
    if (c.lines) {
      const bare = lines.map((l) => l.replace(prefix, ''));
      const at = bare.indexOf(c.lines[0]);
      expect(bare.slice(at, at + c.lines.length)).toEqual(c.lines);
    }
  });

  test('leaves the existing output file untouched and no temp files', () => {
    const o = get(name);
    expect(o.listingAfter).toEqual(o.listingBefore);
    if (o.outputAfter === null || !o.outputAfter.equals(OLD_OUTPUT)) {
      throw new Error(`out.wasm was ${o.outputAfter === null ? 'removed' : 'modified'}`);
    }
  });

  test('the reference wasm-ld rejects it too', () => {
    const { ref } = get(name);
    if (ref.status === 0) throw new Error(`wasm-ld accepted the input:\n${ref.stderr}`);
  });
});
