#!/usr/bin/env node
// The npm package as users get it (`npm run test-package`; CI runs it after `npm test`). Each check
// installs or packs for real, in a temp directory, offline except for registry packages the repo
// already installs (the npm cache has them):
//
//   tarball      `npm pack` (which builds through `prepare`): no tests, no sources but type
//                declarations, no code cache; LICENSE, bin/wlink.js, the bundle and the ES entry in
//   command      the tarball installed into an empty project: `npx wlink --version`, and a link of a
//                .wat file whose output is valid wasm, run through the shipped bundle (it leaves its
//                code cache in the installed dist/: the bundle is not taken as stale)
//   require      `require('wlink')` and `import { Linker } from 'wlink'`: the same Linker, and a link
//   typescript   a consumer compiled with the repo's tsc, moduleResolution node16 (an .mts and a .cts
//                file) and bundler, with skipLibCheck off, so the shipped declarations must compile
//   browser      a consumer that imports 'wlink', bundled by esbuild for the browser (platform
//                browser: package.json's `browser` condition, dist/browser/wlink.mjs), runs in a
//                bare JavaScript context (node's vm: no process, Buffer, require or module) and links
//                a .wat unit and a -r object from memory, --build-id=sha1 included, to the same bytes
//                as require('wlink') in node; the bundle imports nothing from node. TypeScript checks
//                the browser types under bundler resolution with the `browser` condition
//   windows      npm's cmd-shim (the one inside npm) makes, from bin/wlink.js, a .cmd and a .ps1
//                shim that run node (the old `#!/bin/sh` launcher made them run /bin/sh)
//   git          `npm install git+file://COPY` into an empty project, COPY a git repository of this
//                work tree (tracked and untracked files, not ignored ones): npm installs the
//                devDependencies in its clone, builds, packs and installs; its wlink must link.
//                (`npm install -g git+...` is broken in npm for any package that builds, npm/cli#8440:
//                scripts/build.mjs says so)
//   folder       `npm install -g --prefix TMP COPY`, COPY as above, without node_modules or a build
//                (a fresh clone): npm links the folder and runs `prepare` in it, which installs the
//                devDependencies there and builds; TMP/bin/wlink must link
//
//   node scripts/test-package.mjs [--keep] [--built] [--only NAME...]
//   --help lists the options. `npm test` runs the quick ones on the build it just made
//   (tests/structure/package.test.ts: --built --only tarball require windows).
//
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHECKS = ['tarball', 'command', 'require', 'typescript', 'browser', 'windows', 'git', 'folder'];
const IS_WINDOWS = process.platform === 'win32';

const cli = scriptOptions('node scripts/test-package.mjs', 'Usage: $0 [--keep] [--built] [--only NAME...]\n\nPacks and installs wlink as users do and checks what they get ' +
    '(see the header comment of scripts/test-package.mjs).')
  .option('keep', { type: 'boolean', describe: 'keep the temp directory (its path is printed)' })
  .option('built', { type: 'boolean', describe: 'dist/ and bin/wlink.js are built: pack without running prepare (which builds)' })
  .option('only', { type: 'string', array: true, choices: CHECKS, describe: 'run only these checks (tarball, command, require and typescript share one pack)' });
const opts = parseScriptOptions(cli, 'test-package');
const only = new Set(opts.only ?? CHECKS);

/**
 * The environment for npm and the commands under test: without the npm_* variables that
 * `npm run` sets, which would point the nested npm at this repo (npm_config_local_prefix) or
 * change its settings.
 */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));

/** Runs `exe args` in `cwd`; throws with its output unless it exits 0. */
function run(exe, args, cwd, env = ENV) {
  const r = spawnSync(exe, args, { cwd, env, encoding: 'utf8', shell: IS_WINDOWS && !path.isAbsolute(exe), maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`${[exe, ...args].join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}\n${r.stdout}${r.stderr}`.trimEnd());
  }
  return r.stdout;
}
const npm = (args, cwd) => run('npm', ['--no-audit', '--no-fund', '--prefer-offline', ...args], cwd);

function expect(ok, what) {
  if (!ok) throw new Error(what);
}

/** A module to link: one exported function. */
const WAT = '(module (func $answer (export "answer") (result i32) i32.const 42))\n';

/** Links hello.wat in `dir` with the command `argv` and checks the output is valid wasm exporting `answer`. */
function linkWith(argv, dir) {
  fs.writeFileSync(path.join(dir, 'hello.wat'), WAT);
  const out = path.join(dir, 'hello.wasm');
  fs.rmSync(out, { force: true });
  run(argv[0], [...argv.slice(1), 'hello.wat', '--no-entry', '-o', out], dir);
  const module = new WebAssembly.Module(fs.readFileSync(out));
  expect(WebAssembly.Module.exports(module).some((e) => e.name === 'answer'), `${out}: no export "answer"`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-package-'));
const results = [];
const context = {};

/** Runs check `name` if selected, recording whether it passed. */
async function check(name, body) {
  if (!only.has(name)) return;
  const start = Date.now();
  process.stderr.write(`test-package: ${name} ...\n`);
  try {
    const note = await body();
    results.push({ name, ok: true, note: note ?? '', ms: Date.now() - start });
  } catch (e) {
    results.push({ name, ok: false, note: e.stack ?? String(e), ms: Date.now() - start });
  }
}

/** The packed tarball (made once), and its file list. */
function packed() {
  if (context.tarball === undefined) {
    const dest = path.join(tmp, 'pack');
    fs.mkdirSync(dest);
    const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', dest, ...(opts.built ? ['--ignore-scripts'] : [])], REPO));
    context.tarball = path.join(dest, info.filename);
    context.files = info.files.map((f) => f.path);
  }
  return context;
}

/** An empty project with the tarball installed (made once). */
function consumer() {
  if (context.consumer === undefined) {
    const dir = path.join(tmp, 'consumer');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    npm(['install', packed().tarball], dir);
    context.consumer = dir;
  }
  return context.consumer;
}

await check('tarball', () => {
  const { files } = packed();
  const has = (f) => files.includes(f);
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/wlink.js', 'dist/wlink.bundle.js', 'dist/linker/api.js',
    'dist/linker/api.d.ts', 'dist/esm/index.mjs', 'dist/esm/index.d.mts', 'dist/linker/cli/main.js', 'scripts/build.mjs',
    'dist/browser/wlink.mjs', 'dist/browser/wlink.d.mts', 'dist/linker/browser.d.ts']) {
    expect(has(f), `the tarball lacks ${f}`);
  }
  const unwanted = files.filter((f) => /^(dist\/)?tests\//.test(f) || /(?<!\.d)\.m?ts$/.test(f) ||
    f.endsWith('wlink.bundle.cache') || f.endsWith('.tmp') || f === 'tsconfig.json' || f.startsWith('node_modules/'));
  expect(unwanted.length === 0, `the tarball holds ${unwanted.length} files it should not, e.g. ${unwanted.slice(0, 5).join(', ')}`);
  expect(fs.readFileSync(path.join(REPO, 'LICENSE'), 'utf8').includes('Apache License\n                           Version 2.0, January 2004'), 'LICENSE is not the Apache-2.0 text');
  return `${files.length} files, ${(fs.statSync(packed().tarball).size / 1024).toFixed(0)} KiB`;
});

await check('command', () => {
  const dir = consumer();
  const npx = IS_WINDOWS ? 'npx.cmd' : 'npx';
  const version = run(npx, ['--no', '--', 'wlink', '--version'], dir);
  expect(/^wlink \d+\.\d+\.\d+ \(compatible with LLD \d+\)\n$/.test(version), `npx wlink --version printed ${JSON.stringify(version)}`);
  const installed = path.join(dir, 'node_modules', 'wlink');
  expect(!fs.existsSync(path.join(installed, 'tsconfig.json')), 'the installed copy has a tsconfig.json (bin/wlink.js would take it for a checkout)');
  const cache = path.join(installed, 'dist', 'wlink.bundle.cache');
  fs.rmSync(cache, { force: true });
  linkWith([npx, '--no', '--', 'wlink'], dir);
  // Only a run of the bundle writes a code cache: a bundle judged stale would leave none.
  expect(fs.existsSync(cache), 'the installed copy did not run its bundle (no code cache in its dist/)');
  return version.trim();
});

await check('require', () => {
  const dir = consumer();
  const cjs = `const { Linker } = require('wlink');
const fs = require('node:fs');
fs.writeFileSync('hello.wat', ${JSON.stringify(WAT)});
const wasm = new Linker(['hello.wat', '--no-entry', '-o', 'api.wasm']).link();
if (!WebAssembly.validate(wasm)) throw new Error('require: invalid output');
console.log(typeof Linker);
`;
  fs.writeFileSync(path.join(dir, 'cjs.cjs'), cjs);
  expect(run(process.execPath, ['cjs.cjs'], dir) === 'function\n', 'require(\'wlink\').Linker is not a function');
  const esm = `import { Linker, parseWat } from 'wlink';
import wlink from 'wlink';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('wlink');
if (Linker !== cjs.Linker || parseWat !== cjs.parseWat || wlink !== cjs) throw new Error('import and require give different objects');
const wasm = new Linker(['hello.wat', '--no-entry', '-o', 'api.wasm']).link();
if (!WebAssembly.validate(wasm)) throw new Error('import: invalid output');
console.log(typeof Linker);
`;
  fs.writeFileSync(path.join(dir, 'esm.mjs'), esm);
  expect(run(process.execPath, ['esm.mjs'], dir) === 'function\n', 'import { Linker } from \'wlink\' failed');
});

await check('typescript', () => {
  const dir = consumer();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // The same body for each: a wrong argument must be an error (the types are not `any`).
  const body = `const linker: Linker = new Linker(['--no-entry']);
const unit = linker.unit('gen');
const wasm: Uint8Array = linker.link();
const options: LinkOptions = linker.options;
// @ts-expect-error: argv is a string array
new Linker(42);
export { unit, wasm, options };
`;
  const imports = "import { Linker } from 'wlink';\nimport type { LinkOptions } from 'wlink';\n";
  fs.writeFileSync(path.join(dir, 'esm.mts'), imports + body);
  fs.writeFileSync(path.join(dir, 'cjs.cts'), imports + body);
  fs.writeFileSync(path.join(dir, 'bundler.ts'), imports + body);
  const common = { strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(REPO, 'node_modules', '@types')] };
  const configs = {
    node16: { compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' }, files: ['esm.mts', 'cjs.cts'] },
    bundler: { compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler' }, files: ['bundler.ts'] },
    'bundler-browser': {
      compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', customConditions: ['browser'], types: [], lib: ['es2022', 'dom'] },
      files: ['browser.ts'],
    },
  };
  // The browser entry has no write() and needs no node types.
  fs.writeFileSync(path.join(dir, 'browser.ts'), `${imports}import { link, MemoryHost } from 'wlink';
${body}const r = link({ argv: ['a.o'], host: new MemoryHost() });
const ok: boolean = r.ok;
// @ts-expect-error: the browser entry's Linker cannot write files
linker.write('x.wasm');
export { ok };
`);
  for (const [name, config] of Object.entries(configs)) {
    fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
    run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], dir);
  }
  return 'node16 (.mts, .cts), bundler, bundler with the browser condition';
});

await check('browser', async () => {
  const dir = consumer();
  const esbuild = createRequire(import.meta.url)('esbuild');
  // Links from memory: a .wat unit made into a -r object, then that object with another unit into a module.
  const app = `import { link, Linker, MemoryHost } from 'wlink';
const wat = (s) => new TextEncoder().encode(s);
const files = {
  'answer.wat': wat(${JSON.stringify(WAT)}),
  'twice.wat': wat('(module (import "env" "answer" (func $a (result i32))) (func (export "twice") (result i32) (i32.mul (call $a) (i32.const 2))))'),
};
const object = link({ argv: ['-r', 'answer.wat', '-o', 'answer.o'], files });
if (!object.ok) throw new Error(object.diagnostics.join('\\n'));
const host = new MemoryHost({ ...files, 'answer.o': object.bytes });
const module = link({ argv: ['answer.o', 'twice.wat', '--no-entry', '--export=twice', '--build-id=sha1', '-o', 'app.wasm'], host });
if (!module.ok) throw new Error(module.diagnostics.join('\\n'));
const session = new Linker(['answer.o', 'twice.wat', '--no-entry', '--export=twice', '--build-id=sha1', '-o', 'app.wasm'], undefined, { host });
const again = session.link();
globalThis.result = { object: Array.from(object.bytes), module: Array.from(module.bytes), same: again.length === module.bytes.length && again.every((b, i) => b === module.bytes[i]) };
`;
  fs.writeFileSync(path.join(dir, 'browser-app.mjs'), app);
  const built = await esbuild.build({ entryPoints: [path.join(dir, 'browser-app.mjs')], bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent', absWorkingDir: dir });
  const code = built.outputFiles[0].text;
  expect(!/\bfrom\s*["']node:|require\(["']node:/.test(code), 'the browser bundle imports a node built-in');
  // A context with the language's globals and the few web ones the linker uses; node's are absent.
  const vm = await import('node:vm');
  const sandbox = { TextEncoder, TextDecoder, performance: { now: () => performance.now() }, console, crypto: globalThis.crypto };
  vm.runInNewContext(code, sandbox, { filename: 'browser-bundle.js' });
  expect(sandbox.process === undefined && sandbox.Buffer === undefined, 'the bundle defined process or Buffer');
  const { object, module, same } = sandbox.result;
  // The same links through the Node entry, in this process.
  const node = createRequire(path.join(dir, 'package.json'))('wlink');
  const files = { 'answer.wat': new TextEncoder().encode(WAT),
    'twice.wat': new TextEncoder().encode('(module (import "env" "answer" (func $a (result i32))) (func (export "twice") (result i32) (i32.mul (call $a) (i32.const 2))))') };
  const o = node.link({ argv: ['-r', 'answer.wat', '-o', 'answer.o'], files });
  const m = node.link({ argv: ['answer.o', 'twice.wat', '--no-entry', '--export=twice', '--build-id=sha1', '-o', 'app.wasm'], files: { ...files, 'answer.o': o.bytes } });
  expect(Buffer.from(object).equals(Buffer.from(o.bytes)), 'the -r object made in the bare context differs from node\'s');
  expect(Buffer.from(module).equals(Buffer.from(m.bytes)), 'the module made in the bare context differs from node\'s');
  expect(same, 'a Linker session in the bare context gave other bytes than link()');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(module)));
  expect(instance.exports.twice() === 84, 'the module linked in the bare context does not compute 84');
  return `${(code.length / 1024).toFixed(0)} KiB bundle, ran without node's globals`;
});

await check('windows', async () => {
  const npmRoot = run(IS_WINDOWS ? 'npm.cmd' : 'npm', ['root', '-g'], tmp).trim();
  const cmdShim = createRequire(path.join(npmRoot, 'npm', 'package.json'))('cmd-shim');
  /** The .cmd and .ps1 shims npm would make on Windows for the command `script`. */
  const shimsOf = async (script, name) => {
    const dir = path.join(tmp, `shims-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    await cmdShim(script, path.join(dir, 'wlink'));
    return { cmd: fs.readFileSync(path.join(dir, 'wlink.cmd'), 'utf8'), ps1: fs.readFileSync(path.join(dir, 'wlink.ps1'), 'utf8') };
  };
  const runsNode = (s) => /SET "_prog=node"/.test(s.cmd) && /"node\$exe"/.test(s.ps1);
  const runsSh = (s) => s.cmd.includes('/bin/sh') || s.ps1.includes('/bin/sh');
  const node = await shimsOf(path.join(REPO, 'bin', 'wlink.js'), 'node');
  expect(runsNode(node) && !runsSh(node), `cmd-shim's shims for bin/wlink.js do not run node:\n${node.cmd}\n${node.ps1}`);
  // A shell start line, as bin/wlink.js had: the same test finds /bin/sh there, so it can fail.
  const shLauncher = path.join(tmp, 'sh-launcher.js');
  fs.writeFileSync(shLauncher, "#!/bin/sh\n':' //; exec node \"$0\" \"$@\"\n");
  const sh = await shimsOf(shLauncher, 'sh');
  expect(runsSh(sh) && !runsNode(sh), 'cmd-shim\'s shims for a #!/bin/sh launcher do not name /bin/sh: the check tells nothing');
  return 'the .cmd and .ps1 shims run node';
});

/** A git repository holding this work tree's files (tracked and untracked, not ignored), made once. */
function gitCopy() {
  if (context.gitCopy !== undefined) return context.gitCopy;
  const src = path.join(tmp, 'git-src');
  const list = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO).split('\0').filter(Boolean);
  for (const f of list) {
    if (!fs.existsSync(path.join(REPO, f))) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO, f), path.join(src, f));
  }
  const git = (...args) => run('git', ['-c', 'user.name=test-package', '-c', 'user.email=test-package@localhost', ...args], src);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'work tree');
  context.gitCopy = src;
  return src;
}

/** `TMP/bin/wlink` of a global install into the prefix TMP links; returns the command's path. */
function globalCommandWorks(prefix) {
  const bin = IS_WINDOWS ? path.join(prefix, 'wlink.cmd') : path.join(prefix, 'bin', 'wlink');
  expect(fs.existsSync(bin), `${bin} was not made`);
  const dir = path.join(prefix, 'work');
  fs.mkdirSync(dir, { recursive: true });
  linkWith([bin], dir);
  return run(bin, ['--version'], dir).trim();
}

await check('git', () => {
  const dir = path.join(tmp, 'consumer-git');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer-git', version: '1.0.0', private: true }));
  npm(['install', `git+file://${gitCopy()}`], dir);
  const bin = path.join(dir, 'node_modules', '.bin', IS_WINDOWS ? 'wlink.cmd' : 'wlink');
  linkWith([bin], dir);
  return run(bin, ['--version'], dir).trim();
});

await check('folder', () => {
  const prefix = path.join(tmp, 'prefix-folder');
  npm(['install', '-g', '--prefix', prefix, gitCopy()], tmp);
  return globalCommandWorks(prefix);
});

for (const r of results) {
  process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.ok ? r.note : ''}\n`);
  if (!r.ok) process.stdout.write(`${String(r.note).replace(/^/gm, '       ')}\n`);
}
if (opts.keep) process.stdout.write(`kept ${tmp}\n`);
else fs.rmSync(tmp, { recursive: true, force: true });
process.exit(results.every((r) => r.ok) ? 0 : 1);
