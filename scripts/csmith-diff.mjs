#!/usr/bin/env node
// Optional differential check (needs Debian's csmith, libcsmith-dev, clang-19, lld-19 and wasi-libc): random C
// programs from csmith, each compiled once with clang-19 and linked twice through the clang driver,
// with its own wasm-ld-19 and with -fuse-ld=wlink, under a few compile and link options picked by
// the seed. The two modules must behave the same when run (exit code and output: csmith programs
// print a checksum of their globals), have the same imports and exports, and wlink's code section
// must be at most as large as wasm-ld's; with debug info (-g), the DWARF line tables must map each
// function's code to the same lines (llvm-dwarfdump-19). Prints one line per program and a summary; exits 1 on any
// difference, keeping that program's files under .cache/csmith-diff/<seed>/.
//
//   node scripts/csmith-diff.mjs [--seeds FIRST..LAST] [--wlink PATH]   (defaults: 1..20, bin/wlink.js)
//   --help lists the options; an unknown option or a bad value is an error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, '.cache', 'csmith-diff');
const CSMITH_INCLUDE = '/usr/include/csmith';
const RUN_TIMEOUT_MS = 10_000;

const lastOf = (v) => (Array.isArray(v) ? v[v.length - 1] : v); // a repeated option: the last one counts
const cli = scriptOptions('node scripts/csmith-diff.mjs', 'Usage: $0 [options]\n\n' +
    'Differential check of random csmith programs, each linked by wasm-ld-19 and by wlink through clang-19 ' +
    '(see the header comment of scripts/csmith-diff.mjs). Exits 1 on any difference.')
  .option('seeds', {
    type: 'string', default: '1..20', requiresArg: true, describe: 'the csmith seeds to try, FIRST..LAST (inclusive)',
    coerce: (v) => {
      const m = /^(\d+)\.\.(\d+)$/.exec(lastOf(v));
      if (!m) throw new Error(`--seeds: expected FIRST..LAST (e.g. 1..200), got ${lastOf(v)}`);
      return [Number(m[1]), Number(m[2])];
    },
  })
  .option('wlink', { type: 'string', requiresArg: true, coerce: lastOf, defaultDescription: 'bin/wlink.js', describe: 'the wlink to link with (given to clang as -fuse-ld=PATH)' });
const opts = parseScriptOptions(cli, 'csmith-diff');
const [first, last] = opts.seeds;
const wlink = opts.wlink === undefined ? path.join(REPO, 'bin', 'wlink.js') : path.resolve(opts.wlink);

/** Compile and link options for a seed: every combination comes up as the seeds go by. */
function optionsFor(seed) {
  const opt = ['-O0', '-O1', '-O2', '-Os', '-Oz'][seed % 5];
  const debug = seed % 3 === 0 ? ['-g'] : [];
  const link = [[], ['-Wl,--strip-debug'], ['-Wl,--export-dynamic'], ['-Wl,--no-gc-sections'], ['-Wl,-O2']][Math.floor(seed / 5) % 5];
  return { cflags: [opt, ...debug], ldflags: link };
}

function uleb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at.pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
  }
}

/** The code section's payload size and where each body starts in it (DWARF code addresses are payload offsets). */
function codeLayout(bytes) {
  const at = { pos: 8 };
  while (at.pos < bytes.length) {
    const id = bytes[at.pos++];
    const size = uleb(bytes, at);
    const payload = at.pos;
    if (id === 10) {
      const starts = [];
      const count = uleb(bytes, at);
      for (let i = 0; i < count; i++) {
        const bodySize = uleb(bytes, at);
        starts.push(at.pos - payload);
        at.pos += bodySize;
      }
      return { size, starts };
    }
    at.pos = payload + size;
  }
  return { size: 0, starts: [] };
}

/**
 * The DWARF line table as (function, offset in its body, line, column, file) rows: what a debugger
 * maps code to. Equal for both linkers when the bodies DWARF describes kept their bytes, wherever
 * they moved.
 */
function lineRows(wasm, starts) {
  const r = spawnSync('llvm-dwarfdump-19', ['--debug-line', wasm], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const rows = [];
  for (const m of r.stdout.matchAll(/^0x([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)/gm)) {
    const address = parseInt(m[1], 16);
    let f = starts.length - 1;
    while (f >= 0 && starts[f] > address) f--;
    rows.push(`${f}+${address - (f >= 0 ? starts[f] : 0)}:${m[2]}:${m[3]}:${m[4]}`);
  }
  return rows.join(' ');
}

/** Runs a build step in `cwd` (csmith leaves a platform.info there); a failure is reported with the tool's own message. */
function step(exe, argv, cwd = WORK) {
  const r = spawnSync(exe, argv, { encoding: 'utf8', cwd });
  if (r.status !== 0) throw new Error(`${exe} ${argv.join(' ')} failed:\n${r.stderr}`);
}

function run(wasm) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-wasm.mjs'), wasm], { encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  if (r.error?.code === 'ETIMEDOUT') return null;
  return `${r.status}\n${r.stdout}${r.stderr}`;
}

const interface_ = (bytes) => {
  const m = new WebAssembly.Module(bytes);
  return JSON.stringify([WebAssembly.Module.imports(m), WebAssembly.Module.exports(m)]);
};

let same = 0;
let skipped = 0;
const differ = [];
for (let seed = first; seed <= last; seed++) {
  const dir = path.join(WORK, String(seed));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { cflags, ldflags } = optionsFor(seed);
  const debug = cflags.includes('-g') && !ldflags.includes('-Wl,--strip-debug');
  const src = path.join(dir, 'prog.c');
  const obj = path.join(dir, 'prog.o');
  step('csmith', ['--seed', String(seed), '-o', src], dir);
  step('clang-19', ['--target=wasm32-wasi', ...cflags, '-w', `-I${CSMITH_INCLUDE}`, '-c', src, '-o', obj]);
  const out = {};
  for (const [name, extra] of [['ref', []], ['wlink', [`-fuse-ld=${wlink}`]]]) {
    const wasm = path.join(dir, `${name}.wasm`);
    step('clang-19', ['--target=wasm32-wasi', obj, ...ldflags, ...extra, '-o', wasm]);
    const bytes = fs.readFileSync(wasm);
    const code = codeLayout(bytes);
    out[name] = { behaviour: run(wasm), iface: interface_(bytes), code: code.size, lines: debug ? lineRows(wasm, code.starts) : '' };
  }
  const what = `seed ${seed} (${[...cflags, ...ldflags].join(' ')})`;
  if (out.ref.behaviour === null) {
    skipped++;
    console.log(`${what}: skipped (wasm-ld's module runs longer than ${RUN_TIMEOUT_MS / 1000} s)`);
    fs.rmSync(dir, { recursive: true, force: true });
    continue;
  }
  const problems = [];
  if (out.ref.behaviour !== out.wlink.behaviour) problems.push('behaviour differs');
  if (out.ref.iface !== out.wlink.iface) problems.push('imports or exports differ');
  if (out.ref.lines !== out.wlink.lines) problems.push('DWARF line tables differ');
  if (out.wlink.code > out.ref.code) problems.push(`code ${out.wlink.code} B > wasm-ld's ${out.ref.code} B`);
  if (problems.length === 0) {
    same++;
    console.log(`${what}: same (code ${out.wlink.code} vs ${out.ref.code} B)`);
    fs.rmSync(dir, { recursive: true, force: true });
  } else {
    differ.push(seed);
    console.log(`${what}: ${problems.join(', ')} (kept in ${path.relative(REPO, dir)})`);
  }
}
console.log(`${same} same, ${differ.length} different${differ.length ? ` (seeds ${differ.join(' ')})` : ''}, ${skipped} skipped`);
process.exit(differ.length ? 1 : 0);
