// The playground page's behaviour: loads the tools (wlink's browser entry, @yowasp/clang, the WASI
// shim) and the sysroot, wires the editors and buttons, and shows what pipeline.mjs returns. The
// status element's data-state (loading, ready, running, done, failed, error) and data-run (runs
// finished) are what a person and tests/browser/playground.test.mjs wait on.
import { DEFAULT_C, DEFAULT_WAT } from './defaults.mjs';
import { runPlayground, SYSROOT_FILES } from './pipeline.mjs';
import { sysrootFromTar } from './sysroot.mjs';

const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** Lets the browser paint before a step that blocks the page (clang and the links run on this thread). */
const paint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function loadTools() {
  const [wlink, clang, shim] = await Promise.all([
    import('wlink').catch((e) => { throw new Error(`cannot load wlink's browser entry (run npm run build): ${e.message}`); }),
    import('@yowasp/clang'),
    import('@bjorn3/browser_wasi_shim'),
  ]);
  await clang.runLLVM(null, {}, {
    fetchProgress: ({ totalLength, doneLength }) =>
      setStatus('loading', `loading the toolchain… ${(100 * doneLength / totalLength).toFixed(0)}%`),
  });
  // The tarball @yowasp's runtime has just fetched, beside clang's bundle (where the import map puts it).
  const tar = await fetch(new URL('llvm-resources.tar', import.meta.resolve('@yowasp/clang'))).then((r) => {
    if (!r.ok) throw new Error(`llvm-resources.tar: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  const tools = { clang: clang.commands.clang, wasmLd: clang.commands['wasm-ld'], link: wlink.link, shim };
  return { tools, sysroot: sysrootFromTar(new Uint8Array(tar), SYSROOT_FILES) };
}

const ms = (t) => `${t.toFixed(1)} ms`;
const size = (bytes) => `${bytes.length.toLocaleString('en')} bytes`;
const describeRun = (run) => (run.trap !== null ? `trapped: ${run.trap}` : `exit ${run.exitCode}`);

function clearResults() {
  for (const id of ['wlink-ms', 'wasmld-ms', 'wlink-size', 'wasmld-size', 'wlink-ok', 'wasmld-ok', 'wlink-run',
    'wasmld-run', 'compile-ms', 'unit-ms', 'exit-code', 'stdout', 'stderr', 'wlink-diagnostics', 'tool-messages']) {
    $(id).textContent = '';
  }
}

/** Fills the page from runPlayground's result; returns [state, status text]. */
function show(r) {
  $('compile-ms').textContent = ms(r.compile.ms);
  const messages = [r.compile.messages, r.wasmLd?.messages ?? ''].filter((m) => m !== '');
  $('tool-messages').textContent = messages.join('\n');
  if (!r.compile.ok) return ['failed', 'clang failed (see its messages below)'];

  $('wlink-ms').textContent = ms(r.wlink.ms);
  const unitLines = r.unitObject.ok ? [] : ['wlink -r unit.wat -o unit.o (the object wasm-ld links):', ...r.unitObject.diagnostics];
  $('wlink-diagnostics').textContent = [...r.wlink.diagnostics, ...unitLines].join('\n');
  $('unit-ms').textContent = r.unitObject.ok ? ms(r.unitObject.ms) : 'failed';
  if (r.wasmLd !== null) {
    $('wasmld-ms').textContent = ms(r.wasmLd.ms);
    $('wasmld-ok').textContent = r.wasmLd.ok ? (WebAssembly.validate(r.wasmLd.bytes) ? 'valid' : 'INVALID') : 'link failed';
    if (r.wasmLd.ok) $('wasmld-size').textContent = size(r.wasmLd.bytes);
  }
  if (!r.wlink.ok) {
    $('wlink-ok').textContent = 'link failed';
    return ['failed', 'wlink failed (see its diagnostics below)'];
  }

  $('wlink-size').textContent = size(r.wlink.bytes);
  $('wlink-ok').textContent = WebAssembly.validate(r.wlink.bytes) ? 'valid' : 'INVALID';
  $('wlink-run').textContent = describeRun(r.run);
  if (r.runWasmLd !== null) {
    const same = r.runWasmLd.stdout === r.run.stdout && r.runWasmLd.exitCode === r.run.exitCode;
    $('wasmld-run').textContent = `${describeRun(r.runWasmLd)}, ${same ? 'same output' : 'DIFFERENT output'}`;
  }
  $('stdout').textContent = r.run.stdout;
  $('stderr').textContent = r.run.stderr;
  $('exit-code').textContent = `: ${describeRun(r.run)}`;
  return r.run.trap === null ? ['done', `done: ${describeRun(r.run)}`] : ['failed', 'the program trapped'];
}

async function main() {
  const reset = () => { $('c-source').value = DEFAULT_C; $('wat-source').value = DEFAULT_WAT; };
  reset();
  $('reset').addEventListener('click', reset);
  let loaded;
  try {
    loaded = await loadTools();
  } catch (e) {
    setStatus('error', `could not load: ${e.message}`);
    throw e;
  }
  setStatus('ready', 'ready');
  $('run').disabled = false;
  let runs = 0; // finished runs, in the status's data-run: what a test waits on after pressing Run
  $('run').addEventListener('click', async () => {
    $('run').disabled = true;
    clearResults();
    try {
      const step = async (name) => { setStatus('running', `${name}…`); await paint(); };
      const r = await runPlayground(loaded.tools, loaded.sysroot, $('c-source').value, $('wat-source').value, step);
      setStatus(...show(r));
    } catch (e) {
      setStatus('error', `internal error: ${e.message}`);
      throw e;
    } finally {
      $('status').dataset.run = String(++runs);
      $('run').disabled = false;
    }
  });
}

main();
