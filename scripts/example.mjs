// `npm run example`: the main job end to end on a fresh machine. Compiles examples/hello/hello.c
// with @yowasp/clang (clang + wasi-libc compiled to WebAssembly, from npm), links the object with
// wlink using the same argv clang's driver gives wasm-ld, and runs the result under node:wasi.
// Then links a compiler unit built in memory (examples/unit/hello-unit.ts) against the same libc.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { runClang } from '@yowasp/clang';
import { ensureSysroot } from './sysroot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.cache', 'example');
fs.mkdirSync(work, { recursive: true });
const source = fs.readFileSync(path.join(root, 'examples/hello/hello.c'), 'utf8');

console.log('1. compiling examples/hello/hello.c with @yowasp/clang ...');
const { 'hello.o': object } = await runClang(['clang', '-O2', '-c', 'hello.c', '-o', 'hello.o'], { 'hello.c': source });
fs.writeFileSync(path.join(work, 'hello.o'), object);

const sys = ensureSysroot(root);
const argv = ['-m', 'wasm32', `-L${sys}/wasm32-unknown-wasip1`, `-L${sys}/wasm32-wasip1`, `${sys}/wasm32-wasip1/crt1-command.o`,
  path.join(work, 'hello.o'), '-lc', `${sys}/wasm32-unknown-wasip1/libclang_rt.builtins.a`, '-o', path.join(work, 'hello.wasm')];
console.log(`2. linking with wlink ${argv.join(' ')}`);
execFileSync(process.execPath, [path.join(root, 'bin/wlink.js'), ...argv], { stdio: 'inherit' });

console.log('3. running hello.wasm under node:wasi:');
const wasi = new WASI({ version: 'preview1', args: ['hello'], returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(path.join(work, 'hello.wasm')));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
const code = wasi.start(instance);
console.log(`exit code ${code}`);
process.exitCode = code;

// The same libc, linked with a compiler unit built in memory (examples/unit/hello-unit.ts).
console.log('4. linking a unit built with the CodeGen API against wasi-libc (node dist/examples/unit/hello-unit.js):');
execFileSync(process.execPath, [path.join(root, 'dist/examples/unit/hello-unit.js'), `${sys}/wasm32-wasip1`,
  path.join(work, 'hello-unit.wasm')], { stdio: 'inherit' });
