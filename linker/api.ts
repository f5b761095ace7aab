// The programmatic entry point of wlink (the package's `main`). A `Linker` is a link session: it
// takes wasm-ld's argv (objects, archives, .wat files and options) plus compiler units built in
// memory with the CodeGen API, and links them as often as asked. The session keeps what it read:
// files are re-read only when they change, objects and archives are parsed once, and the units'
// MIR stays alive between links, so a relink after recompiling one function re-runs resolution,
// GC, layout and Emit without reading or parsing anything again.
//
//   const linker = new Linker(['crt1-command.o', 'main.o', '-lc', '-L', libDir]);
//   const unit = linker.unit('gen');                // a Unit in the session's Mir
//   ... build functions with unit.function(...) ...
//   const wasm = linker.link();                     // Uint8Array; throws LinkError on errors
//   linker.write('app.wasm');                       // the same, written atomically (mode 0755)
import * as fs from 'node:fs';
import { Mir } from '../codegen/mir';
import { Unit, UnitOptions } from '../codegen/unit';
import { parseArgs } from './cli/parse';
import { InputCache } from './core/context';
import { Diagnostics, LinkError } from './core/diagnostics';
import { fsPath } from './core/file-names';
import { linkFull } from './driver';
import { writeOutputFile } from './output/output-file';
import { SessionState, snapshot, tryPatch } from './incremental';
import { InputSpec, LinkOptions } from './core/options';

export class Linker {
  /** The MIR store every unit of this session uses. */
  readonly mir: Mir;
  readonly options: LinkOptions;
  /** Warnings and errors of the last link, as wlink prints them (`wlink: warning: ...`). */
  messages: string[] = [];
  /** How the last link was done: all stages, or only changed bodies lowered into the last output. */
  lastLink: 'full' | 'patched' | null = null;
  private readonly argvInputs: InputSpec[];
  private readonly units: Unit[] = [];
  private readonly cache: InputCache = { files: new Map(), objects: new WeakMap(), archives: new WeakMap(), units: new WeakMap() };
  /** The last full link and the snapshot its units were taken at (see incremental.ts). */
  private state: SessionState | null = null;

  /** `argv` is wasm-ld's (without the program name); inputs, -l and -L are resolved now. */
  constructor(argv: string[] = [], mir: Mir = new Mir()) {
    this.mir = mir;
    const diag = this.diagnostics();
    this.options = parseArgs(argv, diag);
    // A session may hold only units: inputs can come later, so an empty argv is no error here.
    diag.errors = diag.errors.filter((e) => e !== 'no input files');
    diag.check();
    this.argvInputs = this.options.inputs;
  }

  /** A new compiler unit of this session, linked after the command-line inputs. */
  unit(name: string, options?: UnitOptions): Unit {
    const unit = new Unit(this.mir, name, options);
    this.units.push(unit);
    return unit;
  }

  /** Adds a unit built on this session's Mir (e.g. by a front end). */
  add(unit: Unit): void {
    if (unit.mir !== this.mir) throw new Error(`${unit.name}: unit belongs to another Mir store`);
    if (!this.units.includes(unit)) this.units.push(unit);
  }

  /** Takes a unit out of the link. */
  remove(unit: Unit): void {
    const i = this.units.indexOf(unit);
    if (i >= 0) this.units.splice(i, 1);
  }

  /** Links the current inputs; throws LinkError (its message lists the errors) when the link fails. */
  link(): Uint8Array {
    const diag = this.diagnostics();
    const units: InputSpec[] = this.units.map((unit) => ({ kind: 'unit', name: unit.name, unit, wholeArchive: false, lib: false }));
    const options: LinkOptions = { ...this.options, inputs: [...this.argvInputs, ...units] };
    try {
      if (this.state && this.inputsUnchanged()) {
        const patched = tryPatch(this.state, this.units);
        if (patched) {
          this.lastLink = 'patched';
          return patched;
        }
      }
      this.state = null;
      const outcome = linkFull(options, diag, this.cache);
      this.state = snapshot(outcome, this.units);
      this.lastLink = 'full';
      return outcome.bytes;
    } catch (e) {
      if (e instanceof LinkError && diag.errors.length > 1) throw new LinkError(diag.errors.join('\n'));
      throw e;
    }
  }

  /** Links and writes the output (to `output`, or the argv's -o) through a temporary file. */
  write(output: string = this.options.output): Uint8Array {
    const bytes = this.link();
    writeOutputFile(output, bytes, this.diagnostics());
    return bytes;
  }

  /** True when no command-line input file changed on disk since it was read. */
  private inputsUnchanged(): boolean {
    for (const spec of this.argvInputs) {
      if (spec.kind !== 'file') continue;
      const known = this.cache.files.get(spec.path);
      let st;
      try { st = fs.statSync(fsPath(spec.path)); } catch { return false; }
      if (!known || known.mtimeMs !== st.mtimeMs || known.size !== st.size) return false;
    }
    return true;
  }

  private diagnostics(): Diagnostics {
    const diag = new Diagnostics();
    this.messages = [];
    diag.sink = (line) => this.messages.push(line);
    return diag;
  }
}

export { LinkError } from './core/diagnostics';
export { LinkOptions, defaultOptions } from './core/options';
export * from '../codegen/codegen';
export { parseWat } from '../frontends/wat';
export { unitFromAst } from '../frontends/ast';
export { ValType } from '../formats/wasm';
