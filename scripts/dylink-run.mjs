#!/usr/bin/env node
// Runs a main module linked with -pie and the side modules (-shared) it needs with the example
// loader (examples/dylink/loader.mjs), and prints what happened as JSON: the values the program
// passed to the host function env.host_log, and what the called export returned (or the error).
// Libraries are read from the main module's directory, or --lib-dir.
//
//   node scripts/dylink-run.mjs MAIN.wasm [--call run] [--lib-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { loadProgram } from '../examples/dylink/loader.mjs';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const cli = scriptOptions('node scripts/dylink-run.mjs', 'Usage: $0 MAIN.wasm [options]\n\nLoads a -pie main module and its shared libraries with examples/dylink/loader.mjs and calls one of its exports.', { positionals: true })
  .command('$0 <main>', false, (y) => y.positional('main', { type: 'string', describe: 'the main module (-pie, --import-memory)' }))
  .option('call', { type: 'string', default: 'run', requiresArg: true, describe: 'the export to call (no arguments)' })
  .option('lib-dir', { type: 'string', requiresArg: true, describe: 'where the libraries named by NEEDED are (default: beside MAIN)' });
const opts = parseScriptOptions(cli, 'dylink-run', { exitCode: 2 });
const mainPath = opts.main;
const libDir = opts['lib-dir'] ?? path.dirname(mainPath);
const log = [];
let result;
try {
  const program = loadProgram(fs.readFileSync(mainPath), {
    library: (name) => fs.readFileSync(path.join(libDir, name)),
    imports: { env: { host_log: (v) => { log.push(v); } } },
  });
  result = { returned: program.exports[opts.call]() };
} catch (e) {
  result = { error: String(e && e.message) };
}
process.stdout.write(`${JSON.stringify({ log, ...result })}\n`);
