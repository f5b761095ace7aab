// The order in which wasm-ld visits the names of --export and --export-if-defined. It keeps them in
// an llvm::StringSet and pulls archive members for them while iterating it, so that order is the
// hash table's bucket order, and it decides which archive members come first in the output (function
// order, data layout). To give the same module, wlink replays that table: LLVM's StringMap hashes a
// key with xxh3_64bits (truncated to 32 bits), starts with 16 buckets, probes quadratically, and
// doubles when more than 3/4 full, re-inserting in old bucket order with the stored hashes.
// wasm-ld's stub libraries keep their symbols in an llvm::DenseMap<StringRef>, whose order decides
// the order of their errors and of the archive members they pull in: denseMapOrder replays that one.
import { llvmHashValue } from '../../formats/llvm-hash';
import { xxh3_64 } from '../../formats/xxh3';

/** Names in StringSet iteration order after inserting `names` in order (duplicates once). */
export function stringSetOrder(names: readonly string[]): string[] {
  let size = 16;
  let table: (number | undefined)[] = new Array(size); // bucket → index into `entries`
  const entries: { name: string; hash: number }[] = [];
  const place = (t: (number | undefined)[], n: number, hash: number, entry: number) => {
    let bucket = hash & (n - 1);
    for (let probe = 1; t[bucket] !== undefined; probe++) bucket = (bucket + probe) & (n - 1);
    t[bucket] = entry;
  };
  for (const name of names) {
    const hash = Number(xxh3_64(new TextEncoder().encode(name)) & 0xffffffffn);
    let bucket = hash & (size - 1);
    let found = false;
    for (let probe = 1; table[bucket] !== undefined; probe++) {
      const e = entries[table[bucket]!];
      if (e.hash === hash && e.name === name) {
        found = true;
        break;
      }
      bucket = (bucket + probe) & (size - 1);
    }
    if (found) continue;
    table[bucket] = entries.push({ name, hash }) - 1;
    if (entries.length * 4 > size * 3) {
      const grown: (number | undefined)[] = new Array(size * 2);
      for (let b = 0; b < size; b++) if (table[b] !== undefined) place(grown, size * 2, entries[table[b]!].hash, table[b]!);
      table = grown;
      size *= 2;
    }
  }
  const order: string[] = [];
  for (let b = 0; b < size; b++) if (table[b] !== undefined) order.push(entries[table[b]!].name);
  return order;
}

/**
 * The order of `keys` (distinct) in an llvm::DenseMap<StringRef> after inserting them in order, as
 * indexes into `keys`: LLVM 19's hash_value truncated to 32 bits (formats/llvm-hash.ts), 64 buckets
 * at first, quadratic probing, doubled before an insertion that would make it 3/4 full (re-inserting
 * in old bucket order).
 */
export function denseMapOrder(keys: readonly string[]): number[] {
  const encoder = new TextEncoder();
  const hashes = keys.map((k) => Number(llvmHashValue(encoder.encode(k)) & 0xffffffffn) >>> 0);
  let size = 64;
  let table = new Int32Array(size).fill(-1);
  const place = (t: Int32Array, n: number, entry: number) => {
    let bucket = hashes[entry] & (n - 1);
    for (let probe = 1; t[bucket] >= 0; probe++) bucket = (bucket + probe) & (n - 1);
    t[bucket] = entry;
  };
  for (let i = 0; i < keys.length; i++) {
    if ((i + 1) * 4 >= size * 3) {
      const grown = new Int32Array(size * 2).fill(-1);
      for (let b = 0; b < size; b++) if (table[b] >= 0) place(grown, size * 2, table[b]);
      table = grown;
      size *= 2;
    }
    place(table, size, i);
  }
  const order: number[] = [];
  for (let b = 0; b < size; b++) if (table[b] >= 0) order.push(table[b]);
  return order;
}
