// Branded id types of codegen: one per index space, so a data symbol cannot be passed where a
// function symbol is expected, and a signature id never mixes with a constant id. All are plain
// numbers at run time.
//
// Symbol ids (`SymIndex` and its kinds) are local to one `Unit`, like the symbol indexes of an
// object file: the linker maps them to its global symbols when it resolves the unit. Signature,
// constant and function ids are link-wide (they live in the shared `Mir` store).

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Index into a unit's symbol table (any kind). */
export type SymIndex = Brand<number, 'SymIndex'>;
export type FuncSym = SymIndex & { readonly __kind: 'func' };
export type DataSym = SymIndex & { readonly __kind: 'data' };
export type GlobalSym = SymIndex & { readonly __kind: 'global' };
export type TableSym = SymIndex & { readonly __kind: 'table' };

/** Interned function signature (link-wide); the linker maps it to a type index. */
export type SigId = Brand<number, 'SigId'>;
/** Anonymous constant, deduplicated by content (link-wide); placed by the linker in .rodata. */
export type ConstId = Brand<number, 'ConstId'>;
/** A function record in the Mir store. */
export type MirFunc = Brand<number, 'MirFunc'>;
/** A local of the function being built (parameters first). */
export type Local = Brand<number, 'Local'>;
/**
 * A block type as stored in MIR `data`: 0x40 (empty), a value type byte, or
 * BLOCK_TYPE_SIG | SigId for a type-index block type (multivalue / block parameters).
 */
export type BlockType = Brand<number, 'BlockType'>;

export const BLOCK_TYPE_SIG = 0x80000000;
export const BLOCK_TYPE_EMPTY = 0x40 as BlockType;

export const NO_SYM = -1 as SymIndex;
export const NO_LOCAL = -1 as Local;

/** Block type whose type index is the linker's index of `sig`. */
export function blockSig(sig: SigId): BlockType {
  return ((BLOCK_TYPE_SIG | sig) >>> 0) as BlockType;
}
