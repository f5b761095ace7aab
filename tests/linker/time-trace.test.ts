// --time-trace[=FILE], --time-trace-file=FILE and --time-trace-granularity=N (ld.lld's options; wasm-ld
// has none): the command writes Chrome trace JSON with an event per stage and per input read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WLINK = path.resolve(__dirname, '../../../bin/wlink.js');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-trace-'));
  fs.writeFileSync(path.join(dir, 'a.wat'), '(module (func (export "f") (result i32) i32.const 1))');
  fs.writeFileSync(path.join(dir, 'b.wat'), '(module (func (export "g") (result i32) i32.const 2))');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  return spawnSync(process.execPath, [WLINK, 'a.wat', 'b.wat', '--no-entry', ...argv], { cwd: dir, encoding: 'utf8' });
}

interface Event { name: string; ph: string; tid: number; ts: number; dur?: number; args?: Record<string, unknown> }
const events = (file: string): Event[] => (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { traceEvents: Event[] }).traceEvents;

test('--time-trace writes OUTPUT.time-trace: stages, one read per input, totals and names', () => {
  const r = run('--time-trace', '--time-trace-granularity=0', '-o', 'out.wasm');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const ev = events('out.wasm.time-trace');
  const complete = ev.filter((e) => e.ph === 'X' && e.tid === 0);
  expect(complete.map((e) => e.name)).toEqual(['Read input file', 'Read input file', 'read+resolve', 'gc', 'layout', 'write',
    'Write output file', 'ExecuteLinker']);
  expect(complete.filter((e) => e.name === 'Read input file').map((e) => e.args?.detail)).toEqual(['a.wat', 'b.wat']);
  const whole = complete[complete.length - 1];
  for (const e of complete) expect(e.ts + e.dur!).toBeLessThanOrEqual(whole.ts + whole.dur! + 1); // within the link
  expect(ev.find((e) => e.name === 'Total Read input file')?.args?.count).toBe(2);
  expect(ev.filter((e) => e.ph === 'M').map((e) => e.name)).toEqual(['process_name', 'thread_name']);
});

test('--time-trace=FILE and --time-trace-file=FILE; a coarse granularity leaves only the names', () => {
  expect(run('--time-trace=t1.json', '-o', 'out1.wasm').status).toBe(0);
  expect(events('t1.json').some((e) => e.name === 'ExecuteLinker')).toBe(true);
  expect(fs.existsSync(path.join(dir, 'out1.wasm.time-trace'))).toBe(false);
  expect(run('--time-trace-file=t2.json', '--time-trace-granularity=1000000000', '-o', 'out2.wasm').status).toBe(0);
  expect(events('t2.json').map((e) => e.ph)).toEqual(['M', 'M']);
});

test('a trace file that cannot be written is an error', () => {
  const r = run('--time-trace=no/such/dir/t.json', '-o', 'out3.wasm');
  expect(r.status).toBe(1);
  expect(r.stderr).toBe('wlink: error: cannot open time trace file no/such/dir/t.json: No such file or directory\n');
});
