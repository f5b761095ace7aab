// A freestanding C program compiled by @yowasp/clang with atomics and bulk memory, linked with
// --shared-memory --import-memory by the reference wasm-ld and by wlink, and run as threads run
// it: several instances on one shared WebAssembly.Memory. The first instance's start function
// (__wasm_init_memory) copies the data in and zeroes .bss; later ones, and those that race it from
// worker threads, must find the flag set and leave memory alone. Both links must behave the same.
import fs from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import { Reader } from '../../formats/reader';
import { linkerCommand, readSections, REFERENCE_LD } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileInTempDir, linkModule } from './threads-run';

const SOURCE = `
static int counter = 41;
static const char greeting[] = "shared";
static int scratch[64];

int bump(void) {
  __atomic_add_fetch(&scratch[3], 1, __ATOMIC_SEQ_CST);
  return __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST);
}
int read_counter(void) { return __atomic_load_n(&counter, __ATOMIC_SEQ_CST); }
int read_scratch(void) { return __atomic_load_n(&scratch[3], __ATOMIC_SEQ_CST); }
int greeting_sum(void) {
  int sum = 0;
  for (const char *p = greeting; *p; p++) sum += *p;
  return sum;
}
`;

const PAGES = 16; // --max-memory=1048576
const ARGV = ['shm.o', '--shared-memory', '--import-memory', '--max-memory=1048576', '--no-entry',
  '--export=bump', '--export=read_counter', '--export=read_scratch', '--export=greeting_sum'];

let dir: string;

beforeAll(() => {
  dir = compileInTempDir('shm', SOURCE, ['-matomics', '-mbulk-memory']);
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function linkWith(command: string[], output: string): WebAssembly.Module {
  return linkModule(dir, command, ARGV, output);
}

type Exports = { bump(): number; read_counter(): number; read_scratch(): number; greeting_sum(): number };

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): Exports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
}

const sharedMemory = () => new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });

/** Two instances one after the other on one memory: the second must not initialise it again. */
function sequential(module: WebAssembly.Module): number[] {
  const memory = sharedMemory();
  const a = instantiate(module, memory);
  const first = [a.read_counter(), a.read_scratch(), a.bump(), a.bump(), a.greeting_sum()];
  const b = instantiate(module, memory);
  return [...first, b.read_counter(), b.read_scratch(), b.bump(), a.read_counter(), b.greeting_sum()];
}

/** `n` worker threads instantiate the module at once on one memory and bump once each; then the main thread looks. */
async function racing(module: WebAssembly.Module, n: number): Promise<number[]> {
  const memory = sharedMemory();
  const code = `
    const { workerData, parentPort } = require('worker_threads');
    const { module, memory } = workerData;
    const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
    parentPort.postMessage(e.bump());`;
  const bumped = await Promise.all(Array.from({ length: n }, () => new Promise<number>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { module, memory } });
    w.once('message', (v: number) => { resolve(v); void w.terminate(); });
    w.once('error', reject);
  })));
  const main = instantiate(module, memory);
  return [main.read_counter(), main.read_scratch(), main.greeting_sum(), bumped.sort((x, y) => x - y).join(',') === '42,43,44,45' ? 1 : 0];
}

test('instances one after the other on one shared memory: initialised once, as the reference', () => {
  const ref = sequential(linkWith([process.execPath, REFERENCE_LD], 'ref.wasm'));
  const ours = sequential(linkWith(linkerCommand(), 'ours.wasm'));
  const sum = [...'shared'].reduce((s, c) => s + c.charCodeAt(0), 0);
  expect(ref).toEqual([41, 0, 42, 43, sum, 43, 2, 44, 44, sum]);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);

test('four threads racing to instantiate on one shared memory: one initialises, as the reference', async () => {
  const ref = await racing(linkWith([process.execPath, REFERENCE_LD], 'ref.wasm'), 4);
  const ours = await racing(linkWith(linkerCommand(), 'ours.wasm'), 4);
  const sum = [...'shared'].reduce((s, c) => s + c.charCodeAt(0), 0);
  expect(ref).toEqual([45, 4, sum, 1]);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);

test('the sections wasm-ld writes for shared memory are its bytes, __wasm_init_memory too', () => {
  // Import (the shared memory), global, export, start, DataCount and data sections, and the start
  // function's body; the rest of the code differs only where wasm-ld pads relocated LEBs.
  linkWith([process.execPath, REFERENCE_LD], 'ref.wasm');
  linkWith(linkerCommand(), 'ours.wasm');
  const parts = (file: string) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const sections = readSections(bytes);
    const hex = (start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('hex');
    const out: Record<string, string> = {};
    for (const id of [2, 6, 7, 8, 11, 12]) {
      const s = sections.find((x) => x.id === id);
      out[id] = s ? hex(s.payloadStart, s.end) : '';
    }
    const start = sections.find((x) => x.id === 8)!;
    const startIndex = new Reader(bytes, start.payloadStart, start.end).u32();
    const code = sections.find((x) => x.id === 10)!;
    const r = new Reader(bytes, code.payloadStart, code.end);
    for (let n = r.u32(), i = 0; i < n; i++) {
      const size = r.u32();
      if (i === startIndex) out.start = hex(r.pos, r.pos + size);
      r.pos += size;
    }
    return out;
  };
  const ref = parts('ref.wasm');
  expect(ref.start).toMatch(/^00/);
  expect(parts('ours.wasm')).toEqual(ref);
}, TIMEOUT_MS);
