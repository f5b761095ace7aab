// `npm run test-browser`: wlink's browser entry (dist/browser/wlink.mjs) in a real browser. A page in
// Debian's Chromium (through playwright-core) imports the entry and
//   (a) links programs of the golden suite (C with an archive, C++ with libc++, C with DWARF),
//       crt1-command.o + their objects + archives + libc.a given as bytes, and runs them with @bjorn3/browser_wasi_shim: the module must equal, byte for
//       byte, what the wlink command makes in node from the same files, and print what the
//       reference wasm-ld's link printed;
//   (b) links a compiler unit built with the CodeGen API (tests/browser/unit-program.mjs) against
//       crt1 and libc and runs it: the module must equal the Node entry's for the same code.
// A small server on node's http module serves the page, dist/, the WASI shim and the inputs.
//
// Chromium is required: without it (CHROMIUM, else /usr/bin/chromium) the test fails, it does not
// skip. Not part of `npm test` (jest runs dist/tests only); .ci/run installs Chromium and runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { linkUnitProgram } from './unit-program.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Golden programs: objects and an archive given by path with libc; C++ with libc++ and debug info. */
const PROGRAMS = ['archive_pull', 'cpp_classes', 'debug_info'];
const TIMEOUT = 120_000;

/** URL prefix → folder the server may read. */
const MOUNTS = [
  ['/dist/', path.join(REPO, 'dist')],
  ['/wasi-shim/', path.join(REPO, 'node_modules', '@bjorn3', 'browser_wasi_shim', 'dist')],
  ['/run-wasi/', path.join(REPO, 'examples', 'playground')],
  ['/tests/', path.join(REPO, 'tests', 'browser')],
];
const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.html': 'text/html' };

let server;
let base;
let browser;
let page;
const pageErrors = [];
/** Input files by index (served as /input/N), for the page. */
const inputs = [];

/** The server: the mounts above, /input/N, and an empty page at /. */
function serve() {
  const s = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = null;
    const input = /^\/input\/(\d+)$/.exec(url.pathname);
    if (input) file = inputs[Number(input[1])] ?? null;
    for (const [prefix, dir] of MOUNTS) {
      if (file === null && url.pathname.startsWith(prefix)) {
        const p = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
        if (p.startsWith(dir + path.sep) && fs.statSync(p, { throwIfNoEntry: false })?.isFile()) file = p;
      }
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>wlink browser entry</title>');
    } else if (file === null) {
      res.writeHead(404);
      res.end();
    } else {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

/** Registers `file` for the page; returns its URL path. */
function offer(file) {
  inputs.push(file);
  return `/input/${inputs.length - 1}`;
}

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium; .ci/run does) or set CHROMIUM`);
  }
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The argv's -o value replaced. */
function withOutput(argv, output) {
  const i = argv.indexOf('-o');
  return [...argv.slice(0, i + 1), output, ...argv.slice(i + 2)];
}

/** Every file the link reads: the inputs named in argv, and for each -lNAME the first libNAME.a (and its .imports) on the -L path. */
function filesOf(argv, cwd) {
  const files = new Map();
  const dirs = argv.filter((a) => a.startsWith('-L')).map((a) => a.slice(2));
  const add = (name) => files.set(name, path.resolve(cwd, name));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '-m') i++;
    else if (a.startsWith('-l')) {
      const found = dirs.map((d) => path.join(d, `lib${a.slice(2)}.a`)).find((p) => fs.existsSync(p));
      assert.ok(found, `${a} not found`);
      add(found);
      if (fs.existsSync(found.replace(/\.a$/, '.imports'))) add(found.replace(/\.a$/, '.imports'));
    } else if (!a.startsWith('-')) add(a);
  }
  return files;
}

/** In the page: fetch the inputs, link them with the browser entry, run the module; what it saw. */
async function linkInPage(request) {
  return page.evaluate(async ({ manifest, argv, cwd }) => {
    const wlink = await import('/dist/browser/wlink.mjs');
    const shim = await import('/wasi-shim/index.js');
    const { runWasi } = await import('/run-wasi/run-wasi.mjs');
    const files = {};
    for (const [name, url] of manifest) files[name] = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const start = performance.now();
    const r = wlink.link({ argv, files, cwd });
    const ms = performance.now() - start;
    const run = r.ok ? await runWasi(shim, r.bytes) : null;
    return { ok: r.ok, diagnostics: r.diagnostics, bytes: r.ok ? Array.from(r.bytes) : null, run, ms,
      nodeGlobals: [typeof process, typeof Buffer, typeof require] };
  }, request);
}

for (const PROGRAM of PROGRAMS) {
  test(`${PROGRAM}: crt1 + objects + archives as bytes, linked in the page as the command links them, and run`, { timeout: TIMEOUT }, async () => {
    const cache = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'golden-cache.mjs'), PROGRAM], { cwd: REPO, encoding: 'utf8' });
    assert.equal(cache.status, 0, `golden-cache ${PROGRAM} failed:\n${cache.stderr}`);
    const index = JSON.parse(fs.readFileSync(path.join(REPO, '.cache', 'golden', 'index.json'), 'utf8'));
    const dir = path.join(REPO, '.cache', 'golden', index[PROGRAM]);
    const { argv } = JSON.parse(fs.readFileSync(path.join(dir, 'link.json'), 'utf8'));
    // The command, in node.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-browser-'));
    const out = path.join(tmp, 'out.wasm'); // the page's output has the same name: the name section holds it
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin', 'wlink.js'), ...withOutput(argv, out)], { cwd: dir, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = fs.readFileSync(out);
    fs.rmSync(tmp, { recursive: true, force: true });

    const manifest = [...filesOf(argv, dir)].map(([name, file]) => [name, offer(file)]);
    const got = await linkInPage({ manifest, argv: withOutput(argv, 'out.wasm'), cwd: dir });
    assert.deepEqual(got.nodeGlobals, ['undefined', 'undefined', 'undefined']);
    assert.deepEqual(got.diagnostics, []);
    assert.ok(Buffer.from(got.bytes).equals(expected), `the page's module (${got.bytes.length} bytes) differs from the command's (${expected.length})`);
    assert.equal(got.run.trap, null);
    assert.equal(got.run.stdout, fs.readFileSync(path.join(dir, 'ref.stdout'), 'utf8'));
    assert.deepEqual(pageErrors, []);
    console.log(`${PROGRAM}: ${manifest.length} files, ${got.bytes.length} bytes, linked in the page in ${got.ms.toFixed(1)} ms, exit ${got.run.exitCode}`);
  });
}

test('a compiler unit built with the CodeGen API in the page: the Node entry\'s bytes, and it runs', { timeout: TIMEOUT }, async () => {
  const lib = path.join(REPO, '.cache', 'sysroot', 'lib', 'wasm32-wasip1');
  const names = [`${lib}/crt1-command.o`, `${lib}/libc.a`];
  const manifest = names.map((name) => [name, offer(name)]);
  const got = await page.evaluate(async ({ manifest, lib }) => {
    const wlink = await import('/dist/browser/wlink.mjs');
    const shim = await import('/wasi-shim/index.js');
    const { runWasi } = await import('/run-wasi/run-wasi.mjs');
    const { linkUnitProgram } = await import('/tests/unit-program.mjs');
    const files = {};
    for (const [name, url] of manifest) files[name] = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const bytes = linkUnitProgram(wlink, files, lib);
    return { bytes: Array.from(bytes), run: await runWasi(shim, bytes) };
  }, { manifest, lib });
  const api = createRequire(import.meta.url)(path.join(REPO, 'dist', 'linker', 'api.js'));
  const files = Object.fromEntries(names.map((n) => [n, fs.readFileSync(n)]));
  const expected = linkUnitProgram(api, files, lib);
  assert.ok(Buffer.from(got.bytes).equals(Buffer.from(expected)), 'the page\'s module differs from the Node entry\'s');
  assert.deepEqual({ trap: got.run.trap, exitCode: got.run.exitCode, stdout: got.run.stdout },
    { trap: null, exitCode: 0, stdout: 'hello from a unit\n7 - 3 = 4\n' });
  assert.deepEqual(pageErrors, []);
  console.log(`unit program: ${got.bytes.length} bytes, the same as the Node entry's`);
});
