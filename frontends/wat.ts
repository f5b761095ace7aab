// The .wat front end: WebAssembly text → a compiler unit, in-process, through the public CodeGen
// API (Unit, FunctionBuilder). No binary module or object file is made on the way. The conventions
// (what imports, exports, data and symbolic addresses become) are in docs/compiler-units.md; the
// implementation is in wat/: tokens.ts (tokenizer), numbers.ts and values.ts (literals and
// typed values), scope.ts (index spaces and references), module.ts (module fields, symbols, data)
// and body.ts (instructions); the name → opcode table, shared with the
// @webassemblyjs/ast front end, is ../instruction-names.ts.
import { CodegenError } from '../codegen/errors';
import { Mir } from '../codegen/mir';
import { Unit } from '../codegen/unit';
import { WatModule } from './wat/module';
import { Tokens } from './wat/tokens';

/**
 * Parses `.wat` source into a new Unit of `mir` named `name` (the file name, used in errors).
 * Every problem in the source throws a CodegenError naming `name:line:column` and the function.
 */
export function parseWat(mir: Mir, name: string, source: string): Unit {
  let t: Tokens | undefined;
  try {
    t = new Tokens(source, name);
    return new WatModule(mir, t).run();
  } catch (e) {
    if (e instanceof CodegenError && e.line !== undefined) throw e;
    // Raised by the builder or the unit (no position yet), or a bug: point at what was lowered.
    const detail = e instanceof CodegenError ? e.detail : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    if (!t) throw new CodegenError(name, undefined, detail);
    throw t.errorAt(t.start[Math.min(t.at, t.count - 1)], detail);
  }
}
