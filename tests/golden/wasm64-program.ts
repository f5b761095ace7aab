// The wasm64 run tests' program (wasm64-run.test.ts against wasm-ld 21, wasm64-run.debian.test.ts
// against wasm-ld-19): freestanding C compiled by @yowasp/clang for wasm64-unknown-unknown (no libc
// needed) with data pointers in static data (a linked list, a table of strings), function pointers
// (a table of operations, comparators passed to a sort), .bss, the stack, bulk memory and
// memory.grow; linked by the reference and by wlink, and run on a node that runs wasm64 modules
// (scripts/wasm64-node.mjs: node 26 from the npm registry when this one cannot). Each run calls the
// exports in one order (the sorts and counters keep state) and reports what they return.
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { readSections, REPO_ROOT } from './inspect';
import { TIMEOUT_MS } from './cases/sources';
import { compileInTempDir } from './threads-run';

export const SOURCE = `
typedef unsigned long size_t;
typedef long ptrdiff_t;

struct node { const char *name; int value; struct node *next; };
static struct node c = { "gamma", 3, 0 };
static struct node b = { "beta", 2, &c };
static struct node a = { "alpha", 1, &b };
struct node *head = &a;

static const char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
static int numbers[] = { 42, -7, 19, 0, 1000, -300, 5 };
static char scratch[256];          /* .bss */
static long long counters[4];      /* .bss */

typedef int (*cmp_fn)(const void *, const void *);
typedef long long (*op_fn)(long long, long long);

static long long add(long long x, long long y) { return x + y; }
static long long sub(long long x, long long y) { return x - y; }
static long long mul(long long x, long long y) { return x * y; }
static op_fn ops[] = { add, sub, mul };

static int cmp_int(const void *p, const void *q) { return *(const int *)p - *(const int *)q; }
static int cmp_str(const void *p, const void *q) {
  const unsigned char *s = *(const unsigned char *const *)p, *t = *(const unsigned char *const *)q;
  while (*s && *s == *t) { s++; t++; }
  return *s - *t;
}

static void swap(char *x, char *y, size_t n) { while (n--) { char t = *x; *x++ = *y; *y++ = t; } }
__attribute__((noinline)) static void sort(void *base, size_t n, size_t size, cmp_fn cmp) {
  char *p = base;
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cmp(p + (j - 1) * size, p + j * size) > 0; j--) swap(p + (j - 1) * size, p + j * size, size);
}

int list_sum(void) { int s = 0; for (struct node *n = head; n; n = n->next) s += n->value * (int)n->name[0]; return s; }
int sorted_numbers(int i) { sort(numbers, sizeof numbers / sizeof numbers[0], sizeof numbers[0], cmp_int); return numbers[i]; }
int sorted_word(int i) { sort(words, 5, sizeof words[0], cmp_str); return words[i][0] * 256 + words[i][1]; }
long long apply(int op, long long x, long long y) { counters[op & 3]++; return ops[op % 3](x, y); }
long long counter(int i) { return counters[i & 3]; }
int fill(int n) {
  __builtin_memset(scratch, 'x', (size_t)n);
  char local[64];
  __builtin_memcpy(local, scratch, 32);
  int s = 0;
  for (int i = 0; i < 32; i++) s += local[i];
  return s + scratch[n - 1] + scratch[n];
}
ptrdiff_t spread(void) { return (char *)&numbers[6] - (char *)&numbers[0] + (&c.next - &a.next); }
long long pages(void) { return (long long)__builtin_wasm_memory_size(0); }
long long grow_and_touch(int n) {
  long long old = (long long)__builtin_wasm_memory_grow(0, (size_t)n);
  if (old < 0) return -1;
  volatile long long *p = (volatile long long *)(size_t)(old * 65536 + 8);
  *p = 0x123456789abcdefLL;
  p[n * 8192 - 2] = old;
  return *p + p[n * 8192 - 2];
}
size_t address_of_head(void) { return (size_t)&head; }
int fn_is_nonzero(void) { return ops[2] != 0 && (size_t)ops[1] != (size_t)ops[0]; }
`;

export const EXPORTS = ['list_sum', 'sorted_numbers', 'sorted_word', 'apply', 'counter', 'fill', 'spread', 'pages', 'grow_and_touch',
  'address_of_head', 'fn_is_nonzero'];
export const ARGV = ['w64.o', '-mwasm64', '--no-entry', ...EXPORTS.map((e) => `--export=${e}`)];

/** The calls, in order, as JavaScript run by the wasm64 node (i64 arguments are BigInts). */
const CALLS = `[
  e.list_sum(),
  ...[0, 1, 2, 3, 4, 5, 6].map((i) => e.sorted_numbers(i)),
  ...[0, 1, 2, 3, 4].map((i) => e.sorted_word(i)),
  e.apply(0, 5n, 7n), e.apply(1, 5n, 7n), e.apply(2, -3n, 1n << 40n), e.apply(3, 2n, 2n),
  ...[0, 1, 2, 3].map((i) => e.counter(i)),
  e.fill(40), e.spread(), e.pages(), e.grow_and_touch(2), e.pages(), e.address_of_head(), e.fn_is_nonzero(),
]`;

/** The path of a node that runs wasm64 modules (fetched into .cache/node/ when this one cannot). */
export function wasm64Node(): string {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'wasm64-node.mjs')], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`no node for wasm64 modules: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Runs the module `file` on `node` and returns what each call returned (as strings: some are i64);
 * `calls` is a JavaScript array expression over the exports `e` (the program's CALLS by default).
 */
export function runWasm64(node: string, file: string, calls = CALLS): string[] {
  const script = `const e = new WebAssembly.Instance(new WebAssembly.Module(require('fs').readFileSync(process.argv[1])), {}).exports;
    process.stdout.write(JSON.stringify(${calls}.map(String)));`;
  const r = spawnSync(node, ['-e', script, file], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`running ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/**
 * What the program must compute, whichever linker: the list's sum, the sorted numbers and words,
 * the operations and their counters; the rest (fill, spread, addresses, pages) is compared between
 * the links only.
 */
export const EXPECTED_PREFIX = ['602', '-300', '-7', '0', '5', '19', '42', '1000',
  String(0x6170), String(0x6261), String(0x6368), String(0x6669), String(0x7065),
  '12', '-2', String(-3 * 2 ** 40), '4', '1', '1', '1', '1'];

/** A test file's program: `dir` holds w64.o (compiled before its tests, removed after them), `node` runs wasm64. */
export function useWasm64Program(): { dir: string; node: string } {
  const fixture = { dir: '', node: '' };
  beforeAll(() => {
    fixture.dir = compileInTempDir('w64', SOURCE, [], 'wasm64-unknown-unknown');
    fixture.node = wasm64Node();
  }, TIMEOUT_MS);
  afterAll(() => {
    if (fixture.dir) fs.rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** The module's sections but custom ones and code, as `ID:payload hex`. */
export function sectionsButCode(file: string): string[] {
  const bytes = new Uint8Array(fs.readFileSync(file));
  return readSections(bytes).filter((s) => s.id !== 0 && s.id !== 10).map((s) => `${s.id}:${Buffer.from(bytes.subarray(s.payloadStart, s.end)).toString('hex')}`);
}
