// Corrupted objects must end the link with a reported error (LinkError), never with another
// exception: the CLI turns anything else into "internal error", which is a linker bug.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics, LinkError } from '../../linker/core/diagnostics';
import { linkToBytes } from '../../linker/driver';
import { defaultOptions } from '../../linker/core/options';

const root = path.resolve(__dirname, '../../..');
let lib = '';
let crt1: Uint8Array;

beforeAll(() => {
  lib = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { ensureSysroot } from ${JSON.stringify(path.join(root, 'scripts/sysroot.mjs'))}; process.stdout.write(ensureSysroot(${JSON.stringify(root)}));`]).toString();
  crt1 = new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/crt1-command.o')));
});

type Mode = 'link' | '--emit-relocs' | '-r';

function tryLink(object: Uint8Array, mode: Mode = 'link'): 'ok' | 'error' {
  const o = defaultOptions();
  o.output = '/nonexistent/never-written.wasm';
  o.emitRelocs = mode === '--emit-relocs';
  o.relocatable = mode === '-r';
  o.inputs = [
    { kind: 'bytes', name: 'crt1-command.o', bytes: object, wholeArchive: false, lib: false },
    { kind: 'file', path: path.join(lib, 'wasm32-wasip1/libc.a'), wholeArchive: false, lib: false },
  ];
  o.allowUndefinedSymbols.add('__main_void');
  const diag = new Diagnostics();
  try {
    linkToBytes(o, diag);
    return 'ok';
  } catch (e) {
    if (e instanceof LinkError) return 'error';
    throw e;
  }
}

const MODES: Mode[] = ['link', '--emit-relocs', '-r'];

test.each(MODES)('the uncorrupted input links (%s)', (mode) => {
  expect(tryLink(crt1, mode)).toBe('ok');
});

// The output writers of --emit-relocs and -r read the inputs in their own ways: each is fuzzed too.
test.each(MODES)('flipping any byte of an object never crashes the linker (%s)', (mode) => {
  let errors = 0;
  for (let at = 8; at < crt1.length; at++) {
    const copy = crt1.slice();
    copy[at] ^= Number(process.env.FUZZ_MASK ?? 0x5a);
    let r: string;
    try {
      r = tryLink(copy, mode);
    } catch (e) {
      throw new Error(`byte ${at}: ${(e as Error).stack}`);
    }
    if (r === 'error') errors++;
  }
  expect(errors).toBeGreaterThan(0);
});

test('LLVM bitcode (an -flto object) is a clear "not supported yet" error', () => {
  const o = defaultOptions();
  o.output = '/nonexistent/never-written.wasm';
  o.inputs = [{ kind: 'bytes', name: 'lto.o', bytes: Uint8Array.from([0x42, 0x43, 0xc0, 0xde, 0x35, 0x14, 0, 0]), wholeArchive: false, lib: false }];
  const diag = new Diagnostics();
  const lines: string[] = [];
  diag.sink = (l) => lines.push(l);
  expect(() => linkToBytes(o, diag)).toThrow(LinkError);
  expect(lines).toEqual(['wlink: error: lto.o: LLVM bitcode (an -flto object) is not supported yet: compile without -flto']);
});
