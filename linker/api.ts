// The package's Node entry (`main`, and `exports` for `require` and `import`): the link session and
// one-off links of linker/session.ts, reading through the Node host (the process's file system)
// unless given files or another host, and a session's `write`, which puts the module on disk
// without ever losing the previous output (linker/host/output-file.ts).
//
//   const linker = new Linker(['crt1-command.o', 'main.o', '-lc', '-L', libDir]);
//   const unit = linker.unit('gen');                // a Unit in the session's Mir
//   ... build functions with unit.function(...) ...
//   const wasm = linker.link();                     // Uint8Array; throws LinkError on errors
//   linker.write('app.wasm');                       // the same, written atomically (mode 0755)
//
//   const r = link({ argv: ['main.o', 'libc.a', '-o', 'app.wasm'], files: { 'main.o': ..., 'libc.a': ... } });
//
// linker/browser.ts is the same API without node: files in memory by default, and no `write`.
import { Mir } from '../codegen/mir';
import { Diagnostics, LinkError } from './core/diagnostics';
import { nodeHost } from './host/node';
import { writeOutputFile } from './host/output-file';
import { hostFor, LinkSession, SessionFiles } from './session';

export class Linker extends LinkSession {
  /**
   * `argv` is wasm-ld's (without the program name); inputs, -l and -L are resolved now, through
   * `session.host`, or a MemoryHost of `session.files`, or the process's file system.
   */
  constructor(argv: string[] = [], mir: Mir = new Mir(), session: SessionFiles = {}) {
    super(argv, mir, hostFor(session) ?? nodeHost);
  }

  /** Links and writes the output (to `output`, or the argv's -o) through a temporary file. */
  write(output: string = this.options.output): Uint8Array {
    const bytes = this.link();
    // The link's messages stay; the write's are added to them.
    const diag = new Diagnostics();
    diag.sink = (line) => this.messages.push(line);
    try {
      writeOutputFile(output, bytes, diag);
    } catch (e) {
      if (e instanceof LinkError && diag.errors.length > 1) throw new LinkError(diag.errors.join('\n'));
      throw e;
    }
    return bytes;
  }
}

export { link, LinkRequest, LinkResult, SessionFiles } from './session';
export { LinkError } from './core/diagnostics';
export { Host, HostStat, MemoryHost } from './core/host';
export { nodeHost } from './host/node';
export { LinkOptions, defaultOptions } from './core/options';
export * from '../codegen/codegen';
export { parseWat } from '../frontends/wat';
export { unitFromAst } from '../frontends/ast';
export { ValType } from '../formats/wasm';
