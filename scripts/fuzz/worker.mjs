// The fuzzer's worker thread: links one input at a time, in-process, with wlink's built linker
// (dist/), and answers how the link ended:
//
//   ok        a module (its bytes are sent back when the driver asked for them, to be validated)
//   error     a LinkError after at least one reported `wlink: error: ...` line
//   internal  anything else thrown: a TypeError, a RangeError such as 'Array buffer allocation
//             failed' or 'Invalid typed array length', a stack overflow, or a LinkError that
//             reported nothing. Always a linker bug.
//
// A job is { id, argv, overrides: [{ path, bytes }], wantOutput, trace }: wasm-ld's argv with
// absolute paths; every input file is given to the linker as bytes (kind 'bytes'), the mutated
// one from `overrides`, the others from the files the driver read at its start
// (workerData.files: the fixtures may be rebuilt on disk while a run goes on) or, failing that,
// read from disk once and kept for the worker's life. With `trace`, the answer also lists the
// inputs and what -t printed (the driver learns from it which archive members a program pulls in).
//
// Memory: before each link the worker collects garbage if earlier links left more than 64 MiB of
// array buffers, so that the array-buffer figure after the link is what this link allocated
// (buffers it dropped are usually not collected yet, so a large transient allocation still shows).
// It answers process.memoryUsage() before and after; rss is the whole process's, so the driver
// samples it too. The JS heap is capped by the Worker's resourceLimits (see runner.mjs).
//
// A probe worker (workerData.allocationProbe = N bytes) finds where an over-cap link allocates: the
// global ArrayBuffer and typed-array constructors are wrapped before the linker loads, and the first
// single allocation over N bytes throws, its stack (without this file's frames) answered as
// `probe`. Only the driver's re-run of an over-cap input uses it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

let probeHit = null;
if (workerData.allocationProbe) installProbe(workerData.allocationProbe);

function installProbe(limit) {
  const names = ['ArrayBuffer', 'SharedArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  const here = import.meta.url.replace('file://', '');
  for (const name of names) {
    const Target = globalThis[name];
    const width = Target.BYTES_PER_ELEMENT ?? 1;
    globalThis[name] = new Proxy(Target, {
      construct(target, args, newTarget) {
        const n = typeof args[0] === 'number' ? args[0] * width : 0;
        if (n > limit && !probeHit) {
          const e = new Error(`allocation of ${n} bytes (new ${name}(${args[0]}))`);
          probeHit = { message: e.message, stack: e.stack.split('\n').filter((l) => !l.includes(here)).join('\n') };
          throw e;
        }
        return Reflect.construct(target, args, newTarget);
      },
    });
  }
}

const require = createRequire(import.meta.url);
const dist = path.join(workerData.root, 'dist');
const { parseArgs } = require(path.join(dist, 'linker/cli/parse.js'));
const { Diagnostics, LinkError } = require(path.join(dist, 'linker/core/diagnostics.js'));
const { linkToBytes } = require(path.join(dist, 'linker/driver.js'));
const { nodeHost } = require(path.join(dist, 'linker/host/node.js'));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const NEVER_WRITTEN = '/nonexistent/wlink-fuzz/never-written.wasm';
const GC_SLACK = 64 * 1024 * 1024;
let floor = process.memoryUsage().arrayBuffers;

/** Input files by path, given or read once. null: unreadable (the linker then reports it). */
const files = new Map(workerData.files ?? []);

function fileBytes(p) {
  if (!files.has(p)) {
    try {
      const b = fs.readFileSync(p);
      files.set(p, new Uint8Array(b.buffer, b.byteOffset, b.length));
    } catch {
      files.set(p, null);
    }
    floor = process.memoryUsage().arrayBuffers;
  }
  return files.get(p);
}

function link(job) {
  const overrides = new Map(job.overrides.map((o) => [o.path, o.bytes]));
  const diag = new Diagnostics();
  const lines = [];
  const traced = [];
  diag.sink = (line) => { if (lines.length < 20) lines.push(line); };
  diag.out = (line) => { if (job.trace) traced.push(line); };
  let inputs = [];
  try {
    // The output is never written (linkToBytes), but the command line must name one.
    const options = parseArgs([...job.argv, '-o', NEVER_WRITTEN], diag, { host: nodeHost });
    diag.check();
    options.trace = job.trace;
    options.inputs = options.inputs.map((spec) => {
      if (spec.kind !== 'file') return spec;
      const bytes = overrides.get(spec.path) ?? fileBytes(spec.path);
      return bytes ? { kind: 'bytes', name: spec.path, bytes, wholeArchive: spec.wholeArchive, lib: spec.lib } : spec;
    });
    inputs = options.inputs.map((spec) => spec.name ?? spec.path);
    const out = linkToBytes(options, diag);
    return { status: 'ok', size: out.length, output: job.wantOutput ? out.slice() : null, inputs, traced };
  } catch (e) {
    if (e instanceof LinkError) {
      if (diag.errors.length > 0) return { status: 'error', message: lines.find((l) => l.startsWith('wlink: error:')) ?? `wlink: error: ${diag.errors[0]}`, inputs, traced };
      return { status: 'internal', name: 'LinkError', message: `LinkError with no reported error: ${e.message}`, stack: e.stack, inputs };
    }
    const err = e instanceof Error ? e : new Error(`non-Error thrown: ${String(e)}`);
    return { status: 'internal', name: err.name, message: err.message, stack: err.stack ?? String(err), inputs };
  }
}

parentPort.on('message', (job) => {
  probeHit = null;
  let before = process.memoryUsage();
  if (before.arrayBuffers > floor + GC_SLACK) {
    gc();
    before = process.memoryUsage();
  }
  const t0 = performance.now();
  const result = link(job);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const mem = {
    arrayBuffersBefore: before.arrayBuffers, arrayBuffers: after.arrayBuffers,
    heapUsedBefore: before.heapUsed, heapUsed: after.heapUsed, rss: after.rss,
  };
  const transfer = result.output ? [result.output.buffer] : [];
  parentPort.postMessage({ id: job.id, ...result, ms, mem, probe: probeHit }, transfer);
});

parentPort.postMessage({ ready: true });
