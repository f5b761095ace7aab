// The wasi-threads program of wasi-threads-program.ts, linked by @yowasp's wasm-ld 21 and by wlink.
import { REFERENCE_LD } from './inspect';
import { defineWasiThreadsTest } from './wasi-threads-program';

defineWasiThreadsTest('wasm-ld 21', () => [process.execPath, REFERENCE_LD]);
