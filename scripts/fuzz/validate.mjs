// Checking a linked module: wabt's validator (the npm package `wabt`), and the reference wasm-ld,
// which decides whether an invalid output is a finding: only when the reference links the same
// mutated input into a module that validates is wlink's invalid output wlink's fault (an input the
// reference rejects, or turns into an invalid module too, is garbage in, garbage out).
//
// The validator enables the proposals wlink's outputs can use (the golden programs use SIMD,
// exception handling for setjmp, bulk memory, reference types, and whatever the C/C++ compiler
// emits by default: mutable globals, sign extension, non-trapping float-to-int, multi-value), plus
// those a mutated input might carry into a module (tail calls, extended const, relaxed SIMD,
// atomics). Not memory64, GC or function references: wlink links neither wasm64 nor GC objects.
//
// The reference is the native /usr/bin/wasm-ld-19 when it is installed, else @yowasp/clang's
// wasm-ld through scripts/wasm-ld-yowasp.mjs (slow: seconds per link, but there are few invalid
// outputs to check).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import wabtInit from 'wabt';

export const WABT_FEATURES = {
  exceptions: true, mutable_globals: true, sat_float_to_int: true, sign_extension: true, simd: true, threads: true,
  multi_value: true, tail_call: true, bulk_memory: true, reference_types: true, extended_const: true, relaxed_simd: true,
};

/** A function from module bytes to null (valid) or wabt's complaint (its first error line first). */
export async function makeValidator() {
  const wabt = await wabtInit();
  return (bytes) => {
    try {
      // wabt reads the whole underlying ArrayBuffer: give it a buffer of its own.
      const module = wabt.readWasm(bytes.slice(), { readDebugNames: false, ...WABT_FEATURES });
      try {
        module.validate();
        return null;
      } finally {
        module.destroy();
      }
    } catch (e) {
      // "validate failed:\n<binary>:0000018: error: type mismatch ..." -> the error line, then the rest.
      const lines = String(e?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
      const first = lines.find((l) => l.includes('error:')) ?? lines[0] ?? 'invalid';
      return [`${lines[0] ?? ''} ${first.replace(/^<binary>:/, '')}`.trim(), ...lines.filter((l) => l !== first && l !== lines[0])].join('\n');
    }
  };
}

const NATIVE = '/usr/bin/wasm-ld-19';

/** The reference linker: { name, run(argv) -> Promise<{ code, stderr }> }. */
export function referenceLinker(root) {
  if (fs.existsSync(NATIVE)) {
    return { name: NATIVE, run: (argv) => runProcess(NATIVE, argv) };
  }
  const script = path.join(root, 'scripts', 'wasm-ld-yowasp.mjs');
  return { name: 'wasm-ld (@yowasp/clang)', run: (argv) => runProcess(process.execPath, [script, ...argv]) };
}

function runProcess(file, args) {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 300_000, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr: String(stderr ?? '') + (err && typeof err.code !== 'number' ? String(err.message) : '') });
    });
  });
}

/**
 * Links `argv` (whose -o names `outPath`) with the reference and validates the result.
 * Returns { verdict: 'valid' | 'invalid' | 'rejected', detail }.
 */
export async function checkWithReference(reference, validate, argv, outPath) {
  fs.rmSync(outPath, { force: true });
  const r = await reference.run(argv);
  if (r.code !== 0 || !fs.existsSync(outPath)) {
    return { verdict: 'rejected', detail: `${reference.name} exit ${r.code}: ${r.stderr.split('\n').filter(Boolean).slice(0, 3).join(' | ')}` };
  }
  const complaint = validate(new Uint8Array(fs.readFileSync(outPath)));
  return complaint ? { verdict: 'invalid', detail: `${reference.name}'s output is invalid too: ${complaint.split('\n')[0]}` } : { verdict: 'valid', detail: `${reference.name} links it into a valid module` };
}
