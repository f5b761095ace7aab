// A node that runs wasm64 modules as wasm-ld writes them: a 64-bit memory and a 64-bit indirect
// function table (memory64, part of Wasm 3.0). Node 20 runs neither without a flag, and with
// --experimental-wasm-memory64 still not a 64-bit table; V8 ships both from node 24. So the wasm64
// run test (tests/golden/wasm64-run.test.ts) runs its modules on this node when it can, and
// otherwise on node NODE_VERSION from the npm registry (scripts/lib/node-binary.mjs: the official
// binary's package, fetched once with `npm pack`, kept in .cache/node/).
//
//   node scripts/wasm64-node.mjs        prints the path of that node (fetching it first if needed)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './lib/node-binary.mjs';
export const NODE_VERSION = '26.12.1';

/** A module with a 64-bit table and a 64-bit memory (both empty). */
const MEMORY64_TABLE64 = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 4, 4, 1, 0x70, 4, 0, 5, 3, 1, 4, 0]);

/** Whether `node` (this process's when omitted) compiles a module with a 64-bit memory and table. */
export function runsWasm64(node) {
  if (node === undefined) return WebAssembly.validate(MEMORY64_TABLE64);
  const r = spawnSync(node, ['-e', `process.exit(WebAssembly.validate(new Uint8Array([${MEMORY64_TABLE64}])) ? 0 : 1)`]);
  return r.status === 0;
}

/** The path of a node that runs wasm64 modules: this one, or node NODE_VERSION from the registry. */
export function wasm64Node(log = () => {}) {
  if (runsWasm64()) return process.execPath;
  const node = nodeBinary(NODE_VERSION, { log });
  if (!runsWasm64(node)) throw new Error(`${node} does not run wasm64 modules`);
  return node;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${wasm64Node((m) => process.stderr.write(`${m}\n`))}\n`);
}
