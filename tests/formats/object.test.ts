import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FormatError } from '../../formats/leb128';
import { parseObject } from '../../formats/object';
import { Reloc, SymFlag, SymKind } from '../../formats/wasm';

const root = path.resolve(__dirname, '../../..');
let crt1: Uint8Array;
let printfObj: Uint8Array;

beforeAll(() => {
  // The wasi sysroot shipped inside @yowasp/clang, extracted once into .cache/sysroot.
  const lib = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { ensureSysroot } from ${JSON.stringify(path.join(root, 'scripts/sysroot.mjs'))}; process.stdout.write(ensureSysroot(${JSON.stringify(root)}));`]).toString();
  crt1 = new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/crt1-command.o')));
  const { parseArchive } = require('../../formats/archive');
  const libc = parseArchive(new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/libc.a'))));
  printfObj = libc.members.find((m: { name: string }) => m.name === 'printf.o').data;
});

test('parses crt1-command.o: symbols, imports and sorted code relocations', () => {
  const obj = parseObject(crt1);
  const start = obj.symbols.names.indexOf('_start');
  expect(start).toBeGreaterThanOrEqual(0);
  expect(obj.symbols.kind[start]).toBe(SymKind.Function);
  expect(obj.symbols.flags[start] & SymFlag.Undefined).toBe(0);
  const ctors = obj.symbols.names.indexOf('__wasm_call_ctors');
  expect(obj.symbols.flags[ctors] & SymFlag.Undefined).toBe(SymFlag.Undefined);
  const code = obj.relocs.find((r) => r.targetSection === obj.codeSectionIndex)!;
  expect(code.type.length).toBeGreaterThan(0);
  for (let i = 1; i < code.offset.length; i++) expect(code.offset[i]).toBeGreaterThanOrEqual(code.offset[i - 1]);
  expect([...code.type]).toContain(Reloc.FUNCTION_INDEX_LEB);
  expect(obj.functionTypes.length).toBe(obj.codeStart.length);
});

test('parses a libc member with data segments and segment info', () => {
  const obj = parseObject(printfObj);
  expect(obj.symbols.names).toContain('printf');
  for (const seg of obj.segments) expect(seg.dataStart + seg.size).toBeLessThanOrEqual(printfObj.length);
});

test('every truncation of an object is a FormatError, never a crash', () => {
  for (let len = 0; len < crt1.length; len += 7) {
    expect(() => parseObject(crt1.subarray(0, len))).toThrow(FormatError);
  }
});

test('corrupted bytes give FormatErrors or parse, never other exceptions', () => {
  let errors = 0;
  for (let at = 8; at < crt1.length; at += 3) {
    const copy = crt1.slice();
    copy[at] ^= 0xff;
    try {
      parseObject(copy);
    } catch (e) {
      if (!(e instanceof FormatError)) throw new Error(`byte ${at}: ${(e as Error).stack}`);
      errors++;
    }
  }
  expect(errors).toBeGreaterThan(0);
});

test('wrong magic and version are reported at their offsets', () => {
  const bad = crt1.slice();
  bad[1] = 0x62;
  expect(() => parseObject(bad)).toThrow('bad magic');
  const v2 = crt1.slice();
  v2[4] = 2;
  expect(() => parseObject(v2)).toThrow('unsupported wasm version 2');
});

test('a relocation whose type does not fit its symbol kind is rejected', () => {
  const obj = parseObject(crt1);
  const code = obj.relocs.find((r) => r.targetSection === obj.codeSectionIndex)!;
  const dataSym = [...obj.symbols.kind].indexOf(SymKind.Data);
  const call = [...code.type].indexOf(Reloc.FUNCTION_INDEX_LEB);
  // Find the call relocation's symbol index LEB in the file and point it at the data symbol.
  const bytes = crt1.slice();
  const funcSym = code.index[call];
  let patched = false;
  for (let at = 0; at + 2 < bytes.length && !patched; at++) {
    if (bytes[at] === Reloc.FUNCTION_INDEX_LEB && bytes[at + 1] === code.offset[call] && bytes[at + 2] === funcSym) {
      bytes[at + 2] = dataSym;
      patched = true;
    }
  }
  expect(patched).toBe(true);
  expect(() => parseObject(bytes)).toThrow(/R_WASM_FUNCTION_INDEX_LEB cannot refer to data symbol/);
});

