// Runs a linked WASI command module with @bjorn3/browser_wasi_shim (passed in as `shim`, the
// package's module, so this file loads in a page and in Node alike): no arguments but the program
// name, no environment, empty stdin, stdout and stderr collected as text.

/** → { exitCode, stdout, stderr, trap, ms }; `trap` is the message when the module trapped or
 *  failed to instantiate (exitCode is then null). */
export async function runWasi(shim, bytes) {
  const { WASI, File, OpenFile, ConsoleStdout } = shim;
  const out = collector(ConsoleStdout);
  const err = collector(ConsoleStdout);
  const wasi = new WASI(['main'], [], [new OpenFile(new File([])), out.fd, err.fd]);
  const start = performance.now();
  let exitCode = null;
  let trap = null;
  try {
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    exitCode = wasi.start(instance);
  } catch (e) {
    trap = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return { exitCode, stdout: out.text(), stderr: err.text(), trap, ms: performance.now() - start };
}

/** A file descriptor that keeps what is written to it. */
function collector(ConsoleStdout) {
  const decoder = new TextDecoder();
  const parts = [];
  return {
    fd: new ConsoleStdout((bytes) => parts.push(decoder.decode(bytes, { stream: true }))),
    text: () => parts.join('') + decoder.decode(),
  };
}
