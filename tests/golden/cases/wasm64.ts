// The wasm64 (-m wasm64) option cases, compared with wasm-ld 21 (option-cases.test.ts) and with
// Debian's wasm-ld-19 (option-cases.debian.test.ts): the 64-bit memory's limits (above 4 GiB too, and
// their bounds), the i64 stack pointer, address globals and segment offsets, the 64-bit indirect
// function table and its element segment, __wasm_init_memory and __wasm_init_tls with i64
// addresses, thread-local data, -r and --emit-relocs (their 64-bit relocations), and the errors for
// mixing wasm32 and wasm64 objects. The code
// section is left out where the objects' code has relocations (wlink writes them compact; the run
// test, wasm64-run.test.ts, checks what the code computes). Objects: w64*.o in cases/sources.ts.
import { SectionKey } from './sources';

/** Type, import, function, table, memory, global, export, start, element, data and DataCount. */
const NO_CODE: SectionKey[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12];
const EXPORTS = ['--export=get_fn', '--export=load_counter', '--export=addr_bss', '--export=frame', '--export=ptrs'];
const TLS_EXPORTS = ['--export=plain', '--export=tls_a', '--export=tls_b'];

/**
 * `wasm21Only`: single-threaded, wasm-ld 19 gives thread-local symbols their addresses where 21 (and
 * wlink) give their offsets from __tls_base (README). `debianOnly`: compared with wasm-ld-19 only (npm
 * run test-debian), to keep npm test short: variations of what the other cases check against both
 * (wasm-ld 21 agreed with all of them when they were written).
 */
export const WASM64_CASES: { name: string; argv: string[]; sections?: SectionKey[]; wasm21Only?: true; debianOnly?: true }[] = [
  { name: '-mwasm64: i64 memory, stack pointer and segment offsets, a 64-bit table, data and function pointers', argv: ['w64.o', '-mwasm64', ...EXPORTS],
    sections: NO_CODE },
  { name: '-m wasm64 (two arguments)', argv: ['w64.o', '-m', 'wasm64', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --no-gc-sections', argv: ['w64.o', '-mwasm64', '--no-gc-sections'], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --export of layout symbols: i64 address globals', argv: ['w64.o', '-mwasm64', '--export=__data_end', '--export=__heap_base',
    '--export=__stack_low', '--export=__stack_high', '--export=__global_base', '--export=__dso_handle', '--export=__memory_base', '--export=__table_base',
    '--export=__heap_end', ...EXPORTS], sections: NO_CODE },
  { name: '-mwasm64 --stack-first -z stack-size', argv: ['w64.o', '-mwasm64', '--stack-first', '-z', 'stack-size=65536', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --global-base --table-base', argv: ['w64.o', '-mwasm64', '--global-base=4096', '--table-base=3', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --initial-memory and --max-memory above 4 GiB', argv: ['w64.o', '-mwasm64', '--initial-memory=8589934592',
    '--max-memory=17179869184', ...EXPORTS], sections: NO_CODE },
  { name: '-mwasm64 --global-base above 4 GiB: data there, and 64-bit pointers to it', argv: ['w64.o', '-mwasm64', '--global-base=4294967296',
    '--export=__data_end', ...EXPORTS], sections: NO_CODE },
  { name: '-mwasm64 --global-base above 8 GiB --emit-relocs: padded code with addresses above 4 GiB, code included', argv: ['w64.o', '-mwasm64',
    '--global-base=8589934000', '--emit-relocs', ...EXPORTS], sections: [...NO_CODE, 10] },
  { name: '-mwasm64 --max-memory above 16 GiB', argv: ['w64.o', '-mwasm64', '--max-memory=17179934720'] },
  { name: '-mwasm64 --initial-memory above 16 GiB', argv: ['w64.o', '-mwasm64', '--initial-memory=17179934720'] , debianOnly: true },
  { name: '-mwasm64 --no-growable-memory --initial-heap', argv: ['w64.o', '-mwasm64', '--no-growable-memory', '--initial-heap=131072', ...EXPORTS],
    sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --import-memory', argv: ['w64.o', '-mwasm64', '--import-memory', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --import-memory: .bss zeroed by __wasm_init_memory (i64 addresses), code included', argv: ['w64.o', '-mwasm64', '--import-memory',
    '--extra-features=bulk-memory', '--no-entry', '--export=ptrs'], sections: [...NO_CODE, 10] },
  { name: '-mwasm64 --export-table --growable-table', argv: ['w64.o', '-mwasm64', '--export-table', '--growable-table', ...EXPORTS], sections: NO_CODE },
  { name: '-mwasm64 --import-table', argv: ['w64.o', '-mwasm64', '--import-table', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --shared-memory: __wasm_init_memory with i64 addresses, code included', argv: ['w64-feat.o', '-mwasm64', '--shared-memory',
    '--max-memory=131072', '--no-entry', '--export=ptrs'], sections: [...NO_CODE, 10] },
  { name: '-mwasm64 --shared-memory', argv: ['w64-feat.o', '-mwasm64', '--shared-memory', '--max-memory=131072', ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 --shared-memory --import-memory', argv: ['w64-feat.o', '-mwasm64', '--shared-memory', '--import-memory', '--max-memory=262144',
    ...EXPORTS], sections: NO_CODE },
  { name: '-mwasm64 --shared-memory --max-memory above 4 GiB', argv: ['w64-feat.o', '-mwasm64', '--shared-memory', '--max-memory=8589934592',
    ...EXPORTS], sections: NO_CODE , debianOnly: true },
  { name: '-mwasm64 TLS --shared-memory: i64 TLS globals, __wasm_init_tls(i64)', argv: ['w64-tls-feat.o', '-mwasm64', '--shared-memory',
    '--max-memory=131072', '--export=__tls_base', '--export=__tls_size', '--export=__tls_align', '--export=__wasm_init_tls', ...TLS_EXPORTS],
  sections: NO_CODE },
  { name: '-mwasm64 TLS, single-threaded', argv: ['w64-tls-feat.o', '-mwasm64', ...TLS_EXPORTS], sections: NO_CODE, wasm21Only: true },
  { name: '-mwasm64 --emit-relocs: 64-bit relocations kept for the final module', argv: ['w64.o', '-mwasm64', '--emit-relocs', ...EXPORTS] },
  { name: '-mwasm64 --emit-relocs --shared-memory, thread-local data', argv: ['w64-tls-feat.o', '-mwasm64', '--emit-relocs', '--shared-memory',
    '--max-memory=131072', ...TLS_EXPORTS] , debianOnly: true },
  { name: '-r -mwasm64: 64-bit relocations, a 64-bit table import and memory, i64 offsets', argv: ['-r', '-mwasm64', 'w64.o'], sections: [2, 4, 5, 9, 11] },
  { name: '-r -mwasm64, thread-local data', argv: ['-r', '-mwasm64', 'w64-tls-feat.o'], sections: [2, 5, 11] },
  { name: '-r of a wasm64 object without -mwasm64', argv: ['-r', 'w64.o'] , debianOnly: true },
  { name: '-mwasm64: GOT entries of an undefined weak function and of data are i64 globals', argv: ['w64-got.o', '-mwasm64'], sections: NO_CODE },
  { name: '-mwasm64: addends beyond 32 bits in code and data', argv: ['w64-far.o', '-mwasm64', '--export=ptr'], sections: NO_CODE },
  { name: '-mwasm64 --emit-relocs: addends beyond 32 bits kept, code included', argv: ['w64-far.o', '-mwasm64', '--emit-relocs', '--export=ptr'],
    sections: [...NO_CODE, 10] , debianOnly: true },
  { name: '-r -mwasm64: addends beyond 32 bits', argv: ['-r', '-mwasm64', 'w64-far.o'], sections: [10, 11] },
  { name: 'a wasm64 object without -mwasm64', argv: ['w64.o'] },
  { name: 'a wasm32 object with -mwasm64', argv: ['plain.o', '-mwasm64'] },
  { name: 'a wasm32 object after a wasm64 one with -mwasm64', argv: ['w64.o', 'plain.o', '-mwasm64'] , debianOnly: true },
  { name: 'a wasm64 object after a wasm32 one', argv: ['plain.o', 'w64.o'] , debianOnly: true },
  { name: '-m wasm32 with a wasm64 object', argv: ['-m', 'wasm32', 'w64.o'] },
  { name: '-m of another target', argv: ['-m', 'wasm128', 'w64.o'] , debianOnly: true },
];
