// A freestanding C program with thread-local data (_Thread_local: .tdata and .tbss) and atomics,
// compiled by @yowasp/clang with atomics and bulk memory, linked with --shared-memory
// --import-memory by the reference wasm-ld and by wlink, and run as threads run it: the main thread's
// instance uses the copy of .tdata that __wasm_init_memory put in place; then worker threads, each
// instantiating the module on the one shared WebAssembly.Memory, get their own stack
// (__stack_pointer) and their own thread-local block (__wasm_init_tls), which must start from the
// initial values whatever the main thread changed in its own; a pointer held in thread-local data
// (relocated in .tdata itself) must point at the same place in every copy. Both links must behave
// the same.
import fs from 'fs';
import { Worker } from 'worker_threads';
import { linkerCommand, REFERENCE_LD } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileInTempDir, linkModule } from './threads-run';

const SOURCE = `
_Thread_local int tcounter = 100;
_Thread_local int tbuf[16];
static int total;

int work(int id) {
  volatile int local[8];
  for (int i = 0; i < 8; i++) local[i] = id * i;
  for (int i = 0; i < 16; i++) tbuf[i] += id + i;
  tcounter += id;
  int s = local[7];
  for (int i = 0; i < 16; i++) s += tbuf[i];
  __atomic_add_fetch(&total, s + tcounter, __ATOMIC_SEQ_CST);
  return s * 1000 + tcounter;
}
int read_total(void) { return __atomic_load_n(&total, __ATOMIC_SEQ_CST); }
int read_tcounter(void) { return tcounter; }
static int cells[4] = { 1, 2, 3, 42 };
_Thread_local int *tptr = &cells[3];
int read_tptr(void) { int v = *tptr; tptr = &cells[0]; return v; }
`;

const PAGES = 16; // --max-memory=1048576
const ARGV = ['tls.o', '--shared-memory', '--import-memory', '--max-memory=1048576', '--no-entry', '--export=work',
  '--export=read_total', '--export=read_tcounter', '--export=__wasm_init_tls', '--export=__tls_size', '--export=__tls_align',
  '--export=__stack_pointer', '--export=__heap_base', '--export=read_tptr'];
/** Each worker's area above __heap_base: its thread-local block at the bottom, its stack down from the top. */
const AREA = 8192;

let dir: string;

beforeAll(() => {
  dir = compileInTempDir('tls', SOURCE, ['-matomics', '-mbulk-memory', '-mmutable-globals']);
}, TIMEOUT_MS);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function linkWith(command: string[], output: string): WebAssembly.Module {
  return linkModule(dir, command, ARGV, output);
}

/** The main thread works as thread 5, then `n` workers as threads 1..n; what each returned, and the totals. */
async function run(module: WebAssembly.Module, n: number): Promise<number[]> {
  const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });
  const main = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, any>;
  const first = [main.__tls_size.value, main.__tls_align.value, main.read_tcounter(), main.work(5), main.read_tptr(), main.read_tptr()];
  const heap = main.__heap_base.value as number;
  const code = `
    const { workerData, parentPort } = require('worker_threads');
    const { module, memory, id, block, stackTop } = workerData;
    const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
    e.__stack_pointer.value = stackTop;
    e.__wasm_init_tls(block);
    const before = e.read_tcounter();
    parentPort.postMessage([before, e.work(id), e.read_tptr()]);`;
  const results = await Promise.all(Array.from({ length: n }, (_, k) => new Promise<number[]>((resolve, reject) => {
    const base = heap + 16 + k * AREA;
    const block = Math.ceil(base / 16) * 16;
    const w = new Worker(code, { eval: true, workerData: { module, memory, id: k + 1, block, stackTop: base + AREA - 16 - (base % 16) } });
    w.once('message', (v: number[]) => { resolve(v); void w.terminate(); });
    w.once('error', reject);
  })));
  return [...first, ...results.flat(), main.read_tcounter(), main.read_total()];
}

test('threads with their own thread-local blocks on one shared memory, as the reference', async () => {
  const ref = await run(linkWith([process.execPath, REFERENCE_LD], 'ref.wasm'), 4);
  const ours = await run(linkWith(linkerCommand(), 'ours.wasm'), 4);
  // .tdata: tcounter, tbuf 16-aligned, then tptr (84 bytes). Thread `id`: tbuf[i] = id + i, tcounter = 100 + id, s = 7 * id + 16 * id + 120.
  const result = (id: number) => (23 * id + 120) * 1000 + 100 + id;
  const total = [5, 1, 2, 3, 4].reduce((t, id) => t + 23 * id + 120 + 100 + id, 0);
  // tptr starts at cells[3] (42) in every thread; the main thread's moved to cells[0] (1) after one read.
  expect(ref).toEqual([84, 16, 100, result(5), 42, 1, 100, result(1), 42, 100, result(2), 42, 100, result(3), 42, 100, result(4), 42, 105, total]);
  expect(ours).toEqual(ref);
}, TIMEOUT_MS);
