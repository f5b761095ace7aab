// `npm run test-browser`: the playground in a real browser. Starts scripts/playground.mjs on a free
// port, opens the page in Debian's Chromium through playwright-core, and runs three programs as a
// person would (type into the editors, press Run): the page's default hello world with its .wat
// unit, a qsort program with another .wat unit, and one whose link fails. Checks the exact stdout,
// that wlink linked a valid module, that @yowasp's wasm-ld linked one with the same output, and
// that a failed link shows wlink's diagnostics. Saves screenshots under .cache/browser/.
//
// Chromium is required: without it (CHROMIUM, else /usr/bin/chromium) the test fails, it does not
// skip. Not part of `npm test` (jest runs dist/tests only); .ci/run installs Chromium and runs it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(REPO, '.cache', 'browser');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUN_TIMEOUT = 180_000; // one compile, two links and two runs; the first includes loading @yowasp

const QSORT_C = `#include <stdio.h>
#include <stdlib.h>

extern int wat_sum_squares(int n);

static int ascending(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void) {
  int v[] = { 42, 7, 19, 3, 88, 61, 25, 1 };
  qsort(v, 8, sizeof v[0], ascending);
  for (int i = 0; i < 8; i++) printf("%d%c", v[i], i == 7 ? '\\n' : ' ');
  printf("sum of squares 1..10 = %d\\n", wat_sum_squares(10));
  fprintf(stderr, "done\\n");
  return 3;
}
`;

const QSORT_WAT = `(module
  (func (export "wat_sum_squares") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
`;

const UNDEFINED_C = `extern int not_defined_anywhere(void);
int main(void) { return not_defined_anywhere(); }
`;

let server = null;
let browser = null;
let page = null;
const pageErrors = [];

/** Starts the playground server on a free port; resolves to its URL. */
function startServer() {
  const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'playground.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /^playground: (http:\/\/\S+)$/m.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`the playground server exited (status ${code}) before listening`)));
  });
}

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium; .ci/run does) or set CHROMIUM`);
  }
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${m.text()} (${m.location().url})`); });
  page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(server.url);
  await page.waitForSelector('#status:is([data-state="ready"], [data-state="error"])', { timeout: RUN_TIMEOUT });
  const status = await page.textContent('#status');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'ready', `the page did not load: ${status}`);
});

after(async () => {
  await browser?.close();
  server?.child.kill();
});

/** Types the sources (null: keep the page's), presses Run, waits for the end, saves a screenshot
 *  as .cache/browser/NAME.png (before anything is checked, so a failure leaves one too); returns
 *  what the page shows. */
async function run(name, cSource, watSource) {
  if (cSource !== null) await page.fill('#c-source', cSource);
  if (watSource !== null) await page.fill('#wat-source', watSource);
  const runs = Number(await page.getAttribute('#status', 'data-run') ?? 0);
  await page.click('#run');
  await page.waitForSelector(`#status[data-run="${runs + 1}"]`, { timeout: RUN_TIMEOUT });
  const text = async (id) => page.textContent(`#${id}`);
  const shown = {};
  for (const id of ['status', 'stdout', 'stderr', 'wlink-ms', 'wasmld-ms', 'wlink-size', 'wasmld-size', 'wlink-ok',
    'wasmld-ok', 'wlink-run', 'wasmld-run', 'compile-ms', 'unit-ms', 'wlink-diagnostics', 'tool-messages']) {
    shown[id] = await text(id);
  }
  shown.state = await page.getAttribute('#status', 'data-state');
  fs.mkdirSync(SHOTS, { recursive: true });
  shown.screenshot = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: shown.screenshot, fullPage: true });
  console.log(`screenshot: ${path.relative(REPO, shown.screenshot)}`);
  return shown;
}

function report(name, s) {
  console.log(`${name}: clang ${s['compile-ms']}; wlink ${s['wlink-ms']}, ${s['wlink-size']}; ` +
    `wasm-ld ${s['wasmld-ms']}, ${s['wasmld-size']}; wlink -r unit.wat ${s['unit-ms']}`);
}

test('the default program: hello world calling the .wat unit', { timeout: RUN_TIMEOUT }, async () => {
  const s = await run('playground-hello', null, null);
  report('hello', s);
  assert.equal(s.state, 'done', s.status);
  assert.equal(s.stdout, 'Hello from C, linked by wlink in the browser!\nwat_add(2, 40) = 42\n');
  assert.equal(s['wlink-ok'], 'valid');
  assert.equal(s['wlink-run'], 'exit 0');
  assert.equal(s['wasmld-ok'], 'valid');
  assert.equal(s['wasmld-run'], 'exit 0, same output');
  assert.match(s['wlink-ms'], /^\d+\.\d ms$/);
  assert.match(s['wasmld-ms'], /^\d+\.\d ms$/);
  assert.match(s['wlink-size'], /^[\d,]+ bytes$/);
  assert.equal(s['wlink-diagnostics'], '');
  assert.deepEqual(pageErrors, []);
});

test('a second program: qsort, a loop in .wat, stderr and an exit status', { timeout: RUN_TIMEOUT }, async () => {
  const s = await run('playground', QSORT_C, QSORT_WAT);
  report('qsort', s);
  assert.equal(s.state, 'done', s.status);
  assert.equal(s.stdout, '1 3 7 19 25 42 61 88\nsum of squares 1..10 = 385\n');
  assert.equal(s.stderr, 'done\n');
  assert.equal(s['wlink-ok'], 'valid');
  assert.equal(s['wlink-run'], 'exit 3');
  assert.equal(s['wasmld-run'], 'exit 3, same output');
  assert.deepEqual(pageErrors, []);
});

test('a link that fails shows wlink\'s diagnostics', { timeout: RUN_TIMEOUT }, async () => {
  const s = await run('playground-link-error', UNDEFINED_C, null);
  assert.equal(s.state, 'failed', s.status);
  assert.match(s['wlink-diagnostics'], /^wlink: error: main\.o: undefined symbol: not_defined_anywhere$/m);
  assert.equal(s['wlink-ok'], 'link failed');
  assert.equal(s['wasmld-ok'], 'link failed');
  assert.match(s['tool-messages'], /undefined symbol: not_defined_anywhere/);
  assert.equal(s.stdout, '');
  assert.deepEqual(pageErrors, []);
});
