// The wasi-threads program of wasi-threads-program.ts, linked by Debian's wasm-ld-19 (npm run
// test-debian; apt-get install lld-19) and by wlink.
import { spawnSync } from 'child_process';
import { defineWasiThreadsTest } from './wasi-threads-program';

defineWasiThreadsTest('wasm-ld-19', () => {
  if (spawnSync('wasm-ld-19', ['--version']).status !== 0) throw new Error('this test compares with Debian\'s wasm-ld-19: apt-get install lld-19');
  return ['wasm-ld-19'];
});
