#!/usr/bin/env node
// Symbolizes code addresses of a linked wasm module with @yowasp/clang's llvm-symbolizer (DWARF line
// tables and inlining information), for tests that compare two linkers' debug info:
//
//   node scripts/symbolize-yowasp.mjs FILE.wasm ADDRESS...
//
// Addresses are offsets in the code section's payload (what DWARF holds for wasm). Prints one JSON
// object per address (llvm-symbolizer --output-style=JSON --inlines --functions).

import fs from 'node:fs';

const [file, ...addresses] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: symbolize-yowasp.mjs FILE.wasm ADDRESS...\n');
  process.exit(2);
}
const { commands, Exit } = await import('@yowasp/clang');
const write = (stream) => (bytes) => { if (bytes) stream.write(bytes); };
try {
  await commands.symbolizer(['--obj=in.wasm', '--output-style=JSON', '--inlines', '--functions=linkage', ...addresses],
    { 'in.wasm': fs.readFileSync(file) },
    { stdout: write(process.stdout), stderr: write(process.stderr), decodeASCII: false, fetchProgress: () => {} });
} catch (err) {
  process.exitCode = err instanceof Exit ? err.code : 134;
  if (!(err instanceof Exit)) process.stderr.write(`symbolize-yowasp: ${err?.message ?? err}\n`);
}
