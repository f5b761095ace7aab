// The package's browser entry (`exports` condition `browser`, and dist/browser/wlink.mjs, one ES
// module made by scripts/bundle-browser.mjs): the API of linker/api.ts for web pages and workers.
// Nothing it reaches uses node's modules, `process` or `Buffer` (the bundle script refuses to build
// otherwise). Inputs are bytes in memory: `link({ argv, files })`, or a session over files or a
// MemoryHost; the module comes back as a Uint8Array, and the page puts it where it likes.
//
//   import { link } from 'wlink';
//   const r = link({ argv: ['crt1-command.o', 'main.o', '-L/lib', '-lc', '-o', 'app.wasm'],
//                    files: { 'crt1-command.o': crt1, 'main.o': main, '/lib/libc.a': libc } });
//   if (r.ok) await WebAssembly.instantiate(r.bytes!, imports);
import { Mir } from '../codegen/mir';
import { MemoryHost } from './core/host';
import { hostFor, LinkSession, SessionFiles } from './session';

export class Linker extends LinkSession {
  /** `argv` is wasm-ld's (without the program name), read through `session.host` or a MemoryHost of `session.files`. */
  constructor(argv: string[] = [], mir: Mir = new Mir(), session: SessionFiles = {}) {
    super(argv, mir, hostFor(session) ?? new MemoryHost());
  }
}

export { link, LinkRequest, LinkResult, SessionFiles } from './session';
export { LinkError } from './core/diagnostics';
export { Host, HostStat, MemoryHost } from './core/host';
export { LinkOptions, defaultOptions } from './core/options';
export * from '../codegen/codegen';
export { parseWat } from '../frontends/wat';
export { unitFromAst } from '../frontends/ast';
export { ValType } from '../formats/wasm';
