// The wasi-threads conventions of wasm32-wasip1-threads programs (wasi-libc's pthread_create, Rust's
// std::thread), written out in a freestanding C program so that no threads build of libc is needed:
// a thread is started by the host's `wasi.thread-spawn` import, which instantiates the module again
// on the shared memory and calls its exported `wasi_thread_start(tid, start_arg)`; that function,
// in assembly as wasi-libc has it, sets the new instance's __stack_pointer and __tls_base from the
// start argument (global.set of the linker's globals) and calls into C. The spawner makes each
// thread's block with __wasm_init_tls and puts its own __tls_base back, as wasi-libc's __copy_tls
// does; the export comes from `.export_name`, the import from import_module/import_name. Linked as
// the driver links such a program (--shared-memory --import-memory --export-memory --max-memory) by
// the reference wasm-ld and by wlink; both must behave the same. This file holds the program, its
// link and its run: wasi-threads-run.test.ts compares with wasm-ld 21, the .debian one with wasm-ld-19.
import fs from 'fs';
import { Worker } from 'worker_threads';
import { linkerCommand } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileInTempDir, linkModule } from './threads-run';

const SOURCE = `
__asm__(
  "\\t.globaltype __stack_pointer, i32\\n"
  "\\t.globaltype __tls_base, i32\\n"
  "\\t.functype thread_start_c (i32, i32) -> ()\\n"
  "\\t.export_name wasi_thread_start, wasi_thread_start\\n"
  "\\t.globl wasi_thread_start\\n"
  "\\t.hidden wasi_thread_start\\n"
  "\\t.type wasi_thread_start,@function\\n"
  "wasi_thread_start:\\n"
  "\\t.functype wasi_thread_start (i32, i32) -> ()\\n"
  "\\tlocal.get 1\\n\\ti32.load 0\\n\\tglobal.set __stack_pointer\\n"
  "\\tlocal.get 1\\n\\ti32.load 4\\n\\tglobal.set __tls_base\\n"
  "\\tlocal.get 0\\n\\tlocal.get 1\\n\\tcall thread_start_c\\n"
  "\\tend_function\\n"
  "\\t.globl set_tls_base\\n"
  "\\t.hidden set_tls_base\\n"
  "\\t.type set_tls_base,@function\\n"
  "set_tls_base:\\n"
  "\\t.functype set_tls_base (i32) -> ()\\n"
  "\\tlocal.get 0\\n\\tglobal.set __tls_base\\n"
  "\\tend_function\\n");

typedef __SIZE_TYPE__ size_t;
__attribute__((import_module("wasi"), import_name("thread-spawn"))) int thread_spawn(void *start_arg);
void __wasm_init_tls(void *mem);
void set_tls_base(void *base);

/* What wasi_thread_start reads: the stack's top at 0, the thread-local block at 4. */
struct start_arg { void *stack; void *tls_base; int index; int tid; };

#define THREADS 4
#define STACK 8192
#define TLS_ROOM 512
static char stacks[THREADS][STACK] __attribute__((aligned(16)));
static unsigned char tls_room[THREADS][TLS_ROOM];
static struct start_arg args[THREADS];
static int done[THREADS];
static int result[THREADS];
static int total;

_Thread_local int tcount = 10;
_Thread_local char tname[24] = "main";
_Thread_local int tzero[8];

/* A thread's block, aligned in its room and filled by __wasm_init_tls; this thread keeps its own. */
static void *copy_tls(unsigned char *mem) {
  size_t align = __builtin_wasm_tls_align();
  void *mine = __builtin_wasm_tls_base();
  mem += align;
  mem -= (size_t)mem & (align - 1);
  __wasm_init_tls(mem);
  set_tls_base(mine);
  return mem;
}

static int work(int index) {
  int s = tcount;
  for (int i = 0; i < 8; i++) tzero[i] += index * i;
  tcount += index;
  for (int i = 0; i < 8; i++) s += tzero[i];
  tname[0] = 'a' + index;
  return s * 1000 + tcount * 10 + (tname[1] == 'a');
}

void thread_start_c(int tid, void *p) {
  struct start_arg *a = p;
  a->tid = tid;
  int r = work(a->index);
  result[a->index] = r;
  __atomic_add_fetch(&total, r, __ATOMIC_SEQ_CST);
  __atomic_store_n(&done[a->index], 1, __ATOMIC_SEQ_CST);
  __builtin_wasm_memory_atomic_notify(&done[a->index], 1);
}

int spawn_all(void) {
  if (__builtin_wasm_tls_size() + __builtin_wasm_tls_align() > TLS_ROOM) return -1;
  tcount = 99;
  tname[0] = 'M';
  int spawned = 0;
  for (int i = 0; i < THREADS; i++) {
    args[i].stack = stacks[i] + STACK;
    args[i].tls_base = copy_tls(tls_room[i]);
    args[i].index = i;
    if (thread_spawn(&args[i]) > 0) spawned++;
  }
  return spawned;
}

int finished(void) {
  int n = 0;
  for (int i = 0; i < THREADS; i++) n += __atomic_load_n(&done[i], __ATOMIC_SEQ_CST);
  return n;
}
int read_result(int i) { return result[i]; }
int read_tid(int i) { return args[i].tid; }
int read_total(void) { return __atomic_load_n(&total, __ATOMIC_SEQ_CST); }
int main_tls(void) { return tcount * 1000 + tname[0]; }
`;

const PAGES = 16; // --max-memory=1048576
const ARGV = ['wt.o', '--shared-memory', '--import-memory', '--export-memory', '--max-memory=1048576', '--no-entry',
  '--export=spawn_all', '--export=finished', '--export=read_result', '--export=read_tid', '--export=read_total', '--export=main_tls'];

/**
 * Runs the program as a wasi-threads host does: `thread-spawn` starts a worker that instantiates the
 * module on the shared memory and calls wasi_thread_start(tid, start_arg). What the program read back.
 */
async function run(module: WebAssembly.Module): Promise<number[]> {
  const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });
  const code = `
    const { workerData } = require('worker_threads');
    const { module, memory, tid, arg } = workerData;
    const refuse = () => -1; // a thread that spawns is not part of this test
    const e = new WebAssembly.Instance(module, { env: { memory }, wasi: { 'thread-spawn': refuse } }).exports;
    e.wasi_thread_start(tid, arg);`;
  const threads: Promise<void>[] = [];
  let nextTid = 1;
  const spawn = (arg: number): number => {
    const tid = nextTid++;
    threads.push(new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: { module, memory, tid, arg } });
      w.once('error', reject);
      w.once('exit', (status) => (status === 0 ? resolve() : reject(new Error(`thread ${tid} exited with ${status}`))));
    }));
    return tid;
  };
  const main = new WebAssembly.Instance(module, { env: { memory }, wasi: { 'thread-spawn': spawn } }).exports as Record<string, any>;
  expect(Object.keys(main)).toContain('wasi_thread_start');
  expect(Object.keys(main)).toContain('memory');
  const spawned = main.spawn_all() as number;
  await Promise.all(threads);
  const each = [0, 1, 2, 3].flatMap((i) => [main.read_result(i), main.read_tid(i)]);
  return [spawned, main.finished(), ...each, main.read_total(), main.main_tls()];
}

/** Compiles the program, and checks that `reference` and wlink link it into modules that run the same. */
export function defineWasiThreadsTest(referenceName: string, reference: () => string[]): void {
  let dir: string;

  beforeAll(() => {
    dir = compileInTempDir('wt', SOURCE, ['-matomics', '-mbulk-memory', '-mmutable-globals']);
  }, TIMEOUT_MS);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test(`wasi-threads: thread-spawn, wasi_thread_start setting __stack_pointer and __tls_base, as ${referenceName}`, async () => {
    const ref = await run(linkModule(dir, reference(), ARGV, 'ref.wasm'));
    const ours = await run(linkModule(dir, linkerCommand(), ARGV, 'ours.wasm'));
    // Thread i starts from .tdata's values (tcount 10, "main", tzero zero): s = 10 + 28 i, tcount 10 + i.
    const result = (i: number) => (10 + 28 * i) * 1000 + (10 + i) * 10 + 1;
    expect(ref.slice(0, 2)).toEqual([4, 4]);
    expect(ref.slice(2, 10).filter((_, k) => k % 2 === 0)).toEqual([0, 1, 2, 3].map(result));
    expect(ref.slice(10)).toEqual([[0, 1, 2, 3].reduce((t, i) => t + result(i), 0), 99 * 1000 + 'M'.charCodeAt(0)]);
    expect(ours).toEqual(ref);
  }, TIMEOUT_MS);
}
