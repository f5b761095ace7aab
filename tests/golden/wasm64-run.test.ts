// wasm64 programs run: the program of wasm64-program.ts linked with -mwasm64 by the reference
// wasm-ld (21) and by wlink, and wlink's -r of it linked by the reference, all run on a node that
// runs wasm64 modules, must compute the same; the sections but code (whose relocated LEBs wlink
// writes compact) must be the reference's bytes, and built with -g (DWARF keeps every body padded,
// its 64-bit LEBs included) all of them but the module's name.
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { linkerCommand, readSections, REFERENCE_LD, REPO_ROOT } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { linkSilently } from './threads-run';
import { ARGV, EXPECTED_PREFIX, runWasm64, sectionsButCode, useWasm64Program } from './wasm64-program';

const REFERENCE = [process.execPath, REFERENCE_LD];
const program = useWasm64Program();
const at = (file: string) => path.join(program.dir, file);

test('a wasm64 program with data and function pointers and memory.grow runs as the reference link', () => {
  linkSilently(program.dir, REFERENCE, ARGV, 'ref.wasm');
  linkSilently(program.dir, linkerCommand(), ARGV, 'ours.wasm');
  const ref = runWasm64(program.node, at('ref.wasm'));
  expect(ref.slice(0, EXPECTED_PREFIX.length)).toEqual(EXPECTED_PREFIX);
  expect(runWasm64(program.node, at('ours.wasm'))).toEqual(ref);
}, TIMEOUT_MS);

test('wlink -r of a wasm64 object, linked by the reference, runs the same', () => {
  linkSilently(program.dir, REFERENCE, ARGV, 'ref.wasm');
  linkSilently(program.dir, linkerCommand(), ['-r', '-mwasm64', 'w64.o'], 'w64-r.o');
  linkSilently(program.dir, REFERENCE, ARGV.map((a) => (a === 'w64.o' ? 'w64-r.o' : a)), 'relinked.wasm');
  expect(runWasm64(program.node, at('relinked.wasm'))).toEqual(runWasm64(program.node, at('ref.wasm')));
}, TIMEOUT_MS);

test('the sections but code are the reference\'s bytes: 64-bit memory and table, i64 globals and offsets', () => {
  linkSilently(program.dir, REFERENCE, ARGV, 'ref.wasm');
  linkSilently(program.dir, linkerCommand(), ARGV, 'ours.wasm');
  const ref = sectionsButCode(at('ref.wasm'));
  expect(ref.find((s) => s.startsWith('5:'))).toBe('5:010402'); // one memory, i64, 2 pages
  expect(sectionsButCode(at('ours.wasm'))).toEqual(ref);
}, TIMEOUT_MS);

test('built with -g: every section but the name section is the reference\'s, code and DWARF included', () => {
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'), '--target=wasm64-unknown-unknown', '-O1', '-g',
    '-c', '--', 'w64.c=w64-g.o'], { cwd: program.dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(cc.status).toBe(0);
  const argv = ARGV.map((a) => (a === 'w64.o' ? 'w64-g.o' : a));
  linkSilently(program.dir, REFERENCE, argv, 'ref-g.wasm');
  linkSilently(program.dir, linkerCommand(), argv, 'ours-g.wasm');
  const sections = (file: string) => {
    const bytes = new Uint8Array(fs.readFileSync(at(file)));
    return readSections(bytes).filter((s) => s.name !== 'name').map((s) => `${s.name ?? s.id}:${Buffer.from(bytes.subarray(s.payloadStart, s.end)).toString('hex')}`);
  };
  const ref = sections('ref-g.wasm');
  expect(ref.some((s) => s.startsWith('.debug_info:'))).toBe(true);
  expect(sections('ours-g.wasm')).toEqual(ref);
  expect(runWasm64(program.node, at('ours-g.wasm'))).toEqual(runWasm64(program.node, at('ref-g.wasm')));
}, TIMEOUT_MS);
