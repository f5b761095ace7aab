#!/usr/bin/env node
// Runs a linked WebAssembly module under node:wasi (preview1), deterministically: no preopened
// directories, an empty environment, argv[0] = the module's file name.
//
//   node scripts/run-wasm.mjs file.wasm [args...]
//       A command: calls _start. The module's stdout/stderr are this process's; the exit code is
//       the module's. A trap prints `run-wasm: trap: <message>` to stderr and exits with 134.
//
//   node scripts/run-wasm.mjs --reactor file.wasm '<json calls>'
//       A reactor: calls _initialize (if exported), then each call in order and prints one JSON
//       line with the results after whatever the module itself printed. A call is
//       [exportName, ...args]; args are numbers, or strings like "123n" for i64 (BigInt).
//       "str:name" calls `name` and reads the NUL-terminated UTF-8 string at the returned address.
//       Each result is {"call": [...], "result": value}, {"call": [...], "trap": message} or
//       {"call": [...], "error": "no exported function ..."};
//       i64 results are printed as "<digits>n".

import fs from 'node:fs';
import path from 'node:path';

// node:wasi prints an ExperimentalWarning on first use; it is noise in compared output.
process.removeAllListeners('warning');
const { WASI } = await import('node:wasi');

function usage() {
  process.stderr.write('usage: run-wasm.mjs file.wasm [args...]\n       run-wasm.mjs --reactor file.wasm \'[["export", 1, 2], ...]\'\n');
  process.exit(2);
}

async function instantiate(file, args) {
  const wasi = new WASI({ version: 'preview1', args: [path.basename(file), ...args], env: {}, returnOnExit: true });
  const module = await WebAssembly.compile(fs.readFileSync(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  return { wasi, instance };
}

function encodeValue(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(encodeValue); // multi-value results
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON has no NaN
  return value;
}

function decodeArg(arg) {
  if (typeof arg === 'string' && /^-?\d+n$/.test(arg)) return BigInt(arg.slice(0, -1));
  return arg;
}

function readCString(memory, address) {
  const bytes = new Uint8Array(memory.buffer);
  let end = address;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(address, end)).toString('utf8');
}

async function runCommand(file, args) {
  const { wasi, instance } = await instantiate(file, args);
  try {
    process.exitCode = wasi.start(instance);
  } catch (err) {
    if (!(err instanceof WebAssembly.RuntimeError)) throw err;
    process.stderr.write(`run-wasm: trap: ${err.message}\n`);
    process.exitCode = 134;
  }
}

async function runReactor(file, callsJson) {
  const calls = JSON.parse(callsJson);
  if (!Array.isArray(calls)) usage();
  const { wasi, instance } = await instantiate(file, []);
  wasi.initialize(instance); // calls _initialize if present; throws if the module has _start
  const results = [];
  for (const call of calls) {
    const [exportName, ...args] = call;
    const asString = exportName.startsWith('str:');
    const name = asString ? exportName.slice(4) : exportName;
    const fn = instance.exports[name];
    if (typeof fn !== 'function') {
      results.push({ call, error: `no exported function "${name}"` });
      continue;
    }
    try {
      const value = fn(...args.map(decodeArg));
      results.push({ call, result: asString ? readCString(instance.exports.memory, value) : encodeValue(value) });
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      results.push({ call, trap: err.message });
    }
  }
  // Synchronous write, after everything the module wrote to fd 1 itself.
  fs.writeSync(1, JSON.stringify(results) + '\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--reactor') {
  if (argv.length !== 3) usage();
  await runReactor(argv[1], argv[2]);
} else {
  if (argv.length < 1 || argv[0].startsWith('--')) usage();
  await runCommand(argv[0], argv.slice(1));
}
