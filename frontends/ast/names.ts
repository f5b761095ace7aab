// Instruction names of the @webassemblyjs/ast front end. An `Instr` node's full name is
// `object.id` (or `id` alone); it is looked up in the text format's table (codegen/
// instruction-names.ts, shared with the .wat front end), after mapping the pre-standard spellings
// that @webassemblyjs itself produces (`get_local`, `i32.wrap/i64`, `grow_memory`,
// `i32.trunc_s:sat/f32`, `i32.atomic.rmw8_u.add_u`) to the standard ones.
import { INSTRUCTIONS, K } from '../instruction-names';

/** Pre-standard name → standard name. */
const ALIASES = new Map<string, string>([
  ['get_local', 'local.get'], ['set_local', 'local.set'], ['tee_local', 'local.tee'],
  ['get_global', 'global.get'], ['set_global', 'global.set'],
  ['current_memory', 'memory.size'], ['grow_memory', 'memory.grow'],
]);

const OLD_SPELLINGS: [RegExp, string][] = [
  // i32.trunc_sat_f32_s was i32.trunc_s:sat/f32 (before the conversions below).
  [/^(\w+)\.trunc_sat_(f32|f64)_([su])$/, '$1.trunc_$3:sat/$2'],
  // i32.trunc_f32_s was i32.trunc_s/f32, i32.wrap_i64 was i32.wrap/i64.
  [/^([if](?:32|64))\.(wrap|trunc|extend|convert|demote|promote|reinterpret)_([if](?:32|64))(?:_([su]))?$/, '$1.$2_$4/$3'],
  // i32.atomic.store8 was i32.atomic.store8_u, i32.atomic.rmw8.add_u was i32.atomic.rmw8_u.add_u.
  [/^(i(?:32|64)\.atomic\.store\d+)$/, '$1_u'],
  [/^(i(?:32|64)\.atomic\.rmw\d+)\.(\w+)$/, '$1_u.$2'],
];

for (const name of INSTRUCTIONS.keys()) {
  for (const [re, old] of OLD_SPELLINGS) {
    if (!re.test(name)) continue;
    ALIASES.set(name.replace(re, old).replace('_/', '/'), name);
    break;
  }
}

/** `kind << 16 | code` of an instruction name (standard or pre-standard), as in INSTRUCTIONS. */
export function astInstruction(name: string): number | undefined {
  return INSTRUCTIONS.get(ALIASES.get(name) ?? name);
}

/** Why an instruction the text format knows has no `Instr` form here, if it has none. */
export function unsupportedReason(kind: K): string | undefined {
  switch (kind) {
    case K.Block: case K.Loop: case K.If: case K.Else: case K.End: case K.Then:
      return 'structured control is a BlockInstruction, LoopInstruction or IfInstruction node';
    case K.Segment:
      return 'passive segments belong to the linker';
    default:
      return undefined;
  }
}
