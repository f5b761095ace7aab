// The playground's work, without the page: compile C with @yowasp/clang, link the object and the
// .wat unit with wlink, link the same program with @yowasp's wasm-ld for comparison, and run the
// module under a WASI shim. Nothing here touches the DOM; the tools come in as arguments (clang's
// `commands`, wlink's `link`, the shim's classes), so the same code runs in a page and in Node.
import { runWasi } from './run-wasi.mjs';

/** What clang's driver passes to wasm-ld for `clang --target=wasm32-wasip1 main.o -o a.wasm`
 *  (`clang -###`), with `objects` in place of main.o. Paths are in @yowasp's virtual file system,
 *  where the sysroot is mounted at /usr; wlink is given the same files at the same paths. */
export function driverArgv(objects, output) {
  return ['-m', 'wasm32', '-L/usr/lib/wasm32-unknown-wasip1', '-L/usr/lib/wasm32-wasip1',
    '/usr/lib/wasm32-wasip1/crt1-command.o', ...objects, '-lc',
    '/usr/lib/wasm32-unknown-wasip1/libclang_rt.builtins.a', '-o', output];
}

const CLANG_ARGS = ['--target=wasm32-wasip1', '-O2', '-c', 'main.c', '-o', 'main.o'];

/** Collects a tool's output stream (callbacks of @yowasp/runtime) as text. */
function textSink() {
  const chunks = [];
  const decoder = new TextDecoder();
  return {
    write: (bytes) => { if (bytes !== null) chunks.push(decoder.decode(bytes, { stream: true })); },
    text: () => chunks.join('') + decoder.decode(),
  };
}

/** Runs one @yowasp command; returns { ok, files, messages, ms }. A failed run (exit status not 0)
 *  is a result, not an exception. */
async function runTool(command, args, files) {
  const out = textSink();
  const start = performance.now();
  try {
    const tree = await command(args, files, { stdout: out.write, stderr: out.write, decodeASCII: false });
    return { ok: true, files: tree, messages: out.text(), ms: performance.now() - start };
  } catch (e) {
    if (typeof e?.code !== 'number' || !('files' in e)) throw e; // not an Exit: a real failure
    return { ok: false, files: e.files, messages: out.text(), ms: performance.now() - start };
  }
}

/** clang -c main.c → { ok, object, messages, ms }. */
export async function compileC(clang, source) {
  const r = await runTool(clang, CLANG_ARGS, { 'main.c': source });
  return { ok: r.ok && r.files['main.o'] instanceof Uint8Array, object: r.files['main.o'] ?? null, messages: r.messages, ms: r.ms };
}

/** Times one call of wlink's link(). */
function timedLink(link, argv, files) {
  const start = performance.now();
  const result = link({ argv, files, cwd: '/' });
  return { ...result, ms: performance.now() - start };
}

/**
 * Compiles, links with both linkers and runs. `tools` = { clang, wasmLd, link, shim }: @yowasp's
 * `commands.clang` and `commands['wasm-ld']`, wlink's `link`, the browser_wasi_shim module.
 * `sysroot` maps /usr/lib/... paths to bytes. `onStep(name)` is told before each step (the page
 * shows it). Returns everything the page shows; throws only on a bug, not on a compile or link error.
 */
export async function runPlayground(tools, sysroot, cSource, watSource, onStep = async () => {}) {
  const encoder = new TextEncoder();
  const result = { compile: null, wlink: null, unitObject: null, wasmLd: null, run: null, runWasmLd: null };

  await onStep('compiling main.c with clang');
  result.compile = await compileC(tools.clang, cSource);
  if (!result.compile.ok) return result;
  const main = result.compile.object;
  const wat = encoder.encode(watSource);

  await onStep('linking with wlink');
  const files = { ...sysroot, '/main.o': main, '/unit.wat': wat };
  result.wlink = timedLink(tools.link, driverArgv(['main.o', 'unit.wat'], 'a.wasm'), files);

  // wasm-ld reads no .wat: wlink -r turns the unit into a relocatable object for it first.
  await onStep('linking with wasm-ld');
  result.unitObject = timedLink(tools.link, ['-r', 'unit.wat', '-o', 'unit.o'], { '/unit.wat': wat });
  if (result.unitObject.ok) {
    const r = await runTool(tools.wasmLd, driverArgv(['main.o', 'unit.o'], 'a.wasm'),
      { 'main.o': main, 'unit.o': result.unitObject.bytes });
    const bytes = r.files?.['a.wasm'];
    result.wasmLd = { ok: r.ok && bytes instanceof Uint8Array, bytes: bytes ?? null, messages: r.messages, ms: r.ms };
  }

  await onStep('running');
  if (result.wlink.ok) result.run = await runWasi(tools.shim, result.wlink.bytes);
  if (result.wasmLd?.ok) result.runWasmLd = await runWasi(tools.shim, result.wasmLd.bytes);
  return result;
}

/** The files of @yowasp/clang's resource tarball (paths under lib/, mounted at /usr/lib) that a
 *  C program's link reads. */
export const SYSROOT_FILES = [
  'lib/wasm32-wasip1/crt1-command.o', 'lib/wasm32-wasip1/libc.a', 'lib/wasm32-wasip1/libc.imports',
  'lib/wasm32-unknown-wasip1/libclang_rt.builtins.a',
];
