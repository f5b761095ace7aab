import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ByteWriter } from '../../formats/byte-writer';
import { FormatError } from '../../formats/leb128';
import { parseObject } from '../../formats/object';
import { Reloc, SectionId, SymFlag, SymKind } from '../../formats/wasm';
import { editRelocs, findSection, joinSections, readRelocs, splitSections, withCount, writeRelocs } from './edit-object';

const root = path.resolve(__dirname, '../../..');
let crt1: Uint8Array;
let printfObj: Uint8Array;
let randomObj: Uint8Array; // 4 functions and 5 data segments, with code and data relocations

beforeAll(() => {
  // The wasi sysroot shipped inside @yowasp/clang, extracted once into .cache/sysroot.
  const lib = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { ensureSysroot } from ${JSON.stringify(path.join(root, 'scripts/sysroot.mjs'))}; process.stdout.write(ensureSysroot(${JSON.stringify(root)}));`]).toString();
  crt1 = new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/crt1-command.o')));
  const { parseArchive } = require('../../formats/archive');
  const libc = parseArchive(new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/libc.a'))));
  printfObj = libc.members.find((m: { name: string }) => m.name === 'printf.o').data;
  randomObj = libc.members.find((m: { name: string }) => m.name === 'random.o').data;
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
  expect(() => parseObject(v2)).toThrow('invalid version number: 2');
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
  expect(() => parseObject(bytes)).toThrow('invalid function relocation: _start.started (R_WASM_FUNCTION_INDEX_LEB against a data symbol)');
});

test('a function-offset relocation (DWARF\'s) in the code section is rejected', () => {
  // An 8-byte function offset written over a call's index made an invalid module; no compiler
  // puts one in code.
  const obj = parseObject(crt1);
  const code = obj.relocs.find((r) => r.targetSection === obj.codeSectionIndex)!;
  const call = [...code.type].indexOf(Reloc.FUNCTION_INDEX_LEB);
  const bytes = crt1.slice();
  let patched = false;
  for (let at = 0; at + 2 < bytes.length && !patched; at++) {
    if (bytes[at] === Reloc.FUNCTION_INDEX_LEB && bytes[at + 1] === code.offset[call] && bytes[at + 2] === code.index[call]) {
      bytes[at] = Reloc.FUNCTION_OFFSET_I64;
      patched = true;
    }
  }
  expect(patched).toBe(true);
  expect(() => parseObject(bytes)).toThrow('relocation R_WASM_FUNCTION_OFFSET_I64 in the code section: it is for debug sections');
});

/** The FormatError parsing `bytes` throws (fails the test if it parses). */
function formatError(bytes: Uint8Array): FormatError {
  try {
    parseObject(bytes);
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('parsed');
}

/** crt1-command.o with the section (id, name) changed by `edit`. */
function editSection(id: number, name: string | undefined, edit: (body: Uint8Array) => Uint8Array, bytes = crt1): Uint8Array {
  const sections = splitSections(bytes);
  const s = sections[findSection(sections, id, name)];
  s.body = edit(s.body);
  return joinSections(sections);
}

/** A linking section whose only subsection is (type, payload), after crt1's own symbol table. */
function withLinkingSubsection(type: number, payload: Uint8Array): Uint8Array {
  return editSection(SectionId.Custom, 'linking', (body) => {
    const w = new ByteWriter();
    w.bytes(body);
    w.u8(type);
    w.u32(payload.length);
    w.bytes(payload);
    return w.finish();
  });
}

test('a symbol whose binding bits are both set (3) is global, as LLVM reads it', () => {
  // crt1's linking section: version, then the symbol table subsection (type, size, count) whose
  // first entry is _start (kind, then flags as a one-byte LEB).
  const bytes = editSection(SectionId.Custom, 'linking', (body) => {
    const out = body.slice();
    let at = 2; // version 2, type 8
    while (out[at] & 0x80) at++; // the subsection's size
    at++;
    expect(out[at]).toBe(8); // the count of crt1's symbols
    at++;
    expect(out[at]).toBe(SymKind.Function);
    out[at + 1] |= SymFlag.BindingWeak | SymFlag.BindingLocal;
    return out;
  });
  const obj = parseObject(bytes);
  const start = obj.symbols.names.indexOf('_start');
  expect(obj.symbols.flags[start] & (SymFlag.BindingWeak | SymFlag.BindingLocal)).toBe(0);
});

describe('a count larger than what is left is an error before anything is sized by it', () => {
  const HUGE = 0xffffffff;
  const cases: [string, () => Uint8Array, string][] = [
    // wasm-ld's own words for the code section: there must be one body per function.
    ['code', () => editSection(SectionId.Code, undefined, (b) => withCount(b, HUGE)), 'invalid function count: 4294967295 bodies for 1 functions'],
    ['function', () => editSection(SectionId.Function, undefined, (b) => withCount(b, HUGE)), 'function count 4294967295 exceeds section size'],
    ['type', () => editSection(SectionId.Type, undefined, (b) => withCount(b, HUGE)), 'type count 4294967295 exceeds section size'],
    ['import', () => editSection(SectionId.Import, undefined, (b) => withCount(b, HUGE)), 'import count 4294967295 exceeds section size'],
    ['export', () => editSection(SectionId.Export, undefined, (b) => withCount(b, HUGE)), 'export count 4294967295 exceeds section size'],
    ['data', () => editSection(SectionId.Data, undefined, (b) => withCount(b, HUGE)), 'data segment count 4294967295 exceeds section size'],
    ['tag', () => {
      const sections = splitSections(crt1);
      sections.splice(findSection(sections, SectionId.Function) + 1, 0, { id: SectionId.Tag, body: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0]) });
      return joinSections(sections);
    }, 'tag count 4294967295 exceeds section size'],
    ['relocation', () => editSection(SectionId.Custom, 'reloc.CODE', (b) => {
      const w = new ByteWriter();
      w.u8(b[0]); // the target section
      w.bytes(withCount(b.subarray(1), HUGE));
      return w.finish();
    }), 'relocation count 4294967295 exceeds section size'],
    ['init function', () => withLinkingSubsection(6, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])), 'init function count 4294967295 exceeds section size'],
    ['comdat', () => withLinkingSubsection(7, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])), 'comdat count 4294967295 exceeds section size'],
    ['comdat entry', () => withLinkingSubsection(7, Uint8Array.from([1, 1, 0x61, 0, 0xff, 0xff, 0xff, 0xff, 0x0f])), 'comdat entry count 4294967295 exceeds section size'],
  ];
  test.each(cases)('%s', (_, make, message) => {
    const e = formatError(make());
    expect(e.message).toBe(message);
  });
});

describe('sections out of order are rejected as wasm-ld rejects them', () => {
  const swap = (a: [number, string?], b: [number, string?]) => {
    const sections = splitSections(crt1);
    const i = findSection(sections, a[0], a[1]), j = findSection(sections, b[0], b[1]);
    [sections[i], sections[j]] = [sections[j], sections[i]];
    return joinSections(sections);
  };
  test('DataCount after Code', () => {
    expect(formatError(swap([SectionId.DataCount], [SectionId.Code])).message).toBe('out of order section type: 12');
  });
  test('producers after target_features', () => {
    expect(formatError(swap([SectionId.Custom, 'producers'], [SectionId.Custom, 'target_features'])).message).toBe('out of order section type: 0');
  });
  test('linking after a reloc section', () => {
    expect(formatError(swap([SectionId.Custom, 'linking'], [SectionId.Custom, 'reloc.CODE'])).message).toBe('out of order section type: 0');
  });
  test('a second data section', () => {
    const sections = splitSections(crt1);
    sections.splice(findSection(sections, SectionId.Data) + 1, 0, { id: SectionId.Data, body: Uint8Array.from([0]) });
    const e = formatError(joinSections(sections));
    expect(e.message).toBe('out of order section type: 11');
  });
  test('an empty section', () => {
    const sections = splitSections(crt1);
    sections.splice(findSection(sections, SectionId.Export) + 1, 0, { id: SectionId.Start, body: new Uint8Array(0) });
    expect(formatError(joinSections(sections)).message).toBe('zero length section (id 8)');
  });
  test('a data section that does not match DataCount', () => {
    expect(formatError(editSection(SectionId.DataCount, undefined, () => Uint8Array.from([2]))).message)
      .toBe('number of data segments does not match DataCount section (1 vs 2)');
  });
  test('an export of a function that does not exist', () => {
    // _start is function 4 (after 4 imports); 5 is past the end.
    const bytes = editSection(SectionId.Export, undefined, (b) => { const c = b.slice(); c[c.length - 1] = 5; return c; });
    expect(formatError(bytes).message).toBe('invalid function export');
  });
});

describe('relocations', () => {
  test('out of offset order (wasm-ld: relocations not in offset order)', () => {
    const bytes = editRelocs(crt1, 'reloc.CODE', (rs) => { [rs.entries[0], rs.entries[1]] = [rs.entries[1], rs.entries[0]]; });
    expect(formatError(bytes).message).toMatch(/^relocations not in offset order: \d+ after \d+$/);
  });
  test('bytes after the last one (wasm-ld: reloc section ended prematurely)', () => {
    const bytes = editSection(SectionId.Custom, 'reloc.CODE', (b) => Uint8Array.from([...b, 0]));
    expect(formatError(bytes).message).toBe('reloc section ended prematurely: 1 byte after the last relocation');
  });
  test('a site in the code section\'s count, outside every function body', () => {
    const bytes = editRelocs(crt1, 'reloc.CODE', (rs) => { rs.entries[0].offset = 0; });
    expect(formatError(bytes).message).toBe('invalid relocation offset: R_WASM_GLOBAL_INDEX_LEB at 0 is not within a function body');
  });
  test('a site past the end of its section (wasm-ld: invalid relocation offset)', () => {
    const obj = parseObject(crt1);
    const size = obj.codeStart[0] + obj.codeSize[0] - obj.codeSectionStart;
    const bytes = editRelocs(crt1, 'reloc.CODE', (rs) => { rs.entries[rs.entries.length - 1].offset = size - 2; });
    expect(formatError(bytes).message).toBe(`invalid relocation offset: R_WASM_FUNCTION_INDEX_LEB at ${size - 2} (5 bytes) past the end of its section (${size} bytes)`);
  });
  test('a site that crosses the end of its function, or lies in the next one\'s size', () => {
    const obj = parseObject(randomObj);
    const code = obj.relocs.find((r) => r.targetSection === obj.codeSectionIndex)!;
    const end0 = obj.codeStart[0] + obj.codeSize[0] - obj.codeSectionStart;
    const last = [...code.offset].filter((o) => o < end0).length - 1; // function 0's last relocation
    expect(last).toBeGreaterThanOrEqual(0);
    const fn0 = obj.numImportedFunctions;
    const crossing = editRelocs(randomObj, 'reloc.CODE', (rs) => { rs.entries[last].offset = end0 - 2; });
    expect(formatError(crossing).message).toMatch(new RegExp(`^invalid relocation offset: R_WASM_\\w+ at ${end0 - 2} \\(\\d+ bytes\\) crosses the end of function ${fn0} at ${end0}$`));
    const inSize = editRelocs(randomObj, 'reloc.CODE', (rs) => { rs.entries[last + 1].offset = end0; });
    expect(formatError(inSize).message).toMatch(new RegExp(`^invalid relocation offset: R_WASM_\\w+ at ${end0} is not within a function body$`));
  });
  test('a data site that crosses the end of its segment', () => {
    const obj = parseObject(randomObj);
    const data = obj.relocs.find((r) => r.targetSection === obj.dataSectionIndex)!;
    const segOf = (offset: number) => obj.segments.findIndex((s) => s.sectionOffset <= offset && offset < s.sectionOffset + s.size);
    // The last relocation of a segment that is not the last one.
    const r = [...data.offset].findIndex((o, i) => segOf(o) < obj.segments.length - 1 && (i + 1 === data.offset.length || segOf(data.offset[i + 1]) !== segOf(o)));
    expect(r).toBeGreaterThanOrEqual(0);
    const seg = segOf(data.offset[r]);
    const end = obj.segments[seg].sectionOffset + obj.segments[seg].size;
    const bytes = editRelocs(randomObj, 'reloc.DATA', (rs) => { rs.entries[r].offset = end - 2; });
    expect(formatError(bytes).message).toBe(`invalid relocation offset: R_WASM_MEMORY_ADDR_I32 at ${end - 2} (4 bytes) crosses the end of data segment ${seg} at ${end}`);
  });
  test('a second reloc section for the same section', () => {
    const sections = splitSections(crt1);
    const i = findSection(sections, SectionId.Custom, 'reloc.CODE');
    sections.splice(i + 1, 0, { ...sections[i] });
    expect(formatError(joinSections(sections)).message).toBe(`a second reloc section for section ${readRelocs(sections[i].body).target}`);
  });
  test('every target kind is checked, custom sections included (wasm-ld: invalid global relocation: NAME)', () => {
    // A custom section after the data section, with a GLOBAL_INDEX_I32 relocation against _start.
    const sections = splitSections(crt1);
    const at = findSection(sections, SectionId.Data) + 1;
    sections.splice(at, 0, { id: SectionId.Custom, name: 'extra', body: new Uint8Array(8) });
    const relocs = { target: at, entries: [{ type: Reloc.GLOBAL_INDEX_I32, offset: 0, index: 0, addend: 0 }] };
    sections.push({ id: SectionId.Custom, name: 'reloc.extra', body: writeRelocs(relocs) });
    expect(formatError(joinSections(sections)).message).toBe('invalid global relocation: _start (R_WASM_GLOBAL_INDEX_I32 against a function symbol)');
  });
});


describe('data symbols (LLVM\'s reader: the offset within the segment, the size unchecked)', () => {
  // random.o's `n`: local (flags 2), segment 0 of 4 bytes, offset 0, size 4.
  const N = [SymKind.Data, 2, 1, 0x6e, 0, 0, 4];
  const withN = (offset: number, size: number) => editSection(SectionId.Custom, 'linking', (body) => {
    const at = body.findIndex((_, k) => N.every((b, j) => body[k + j] === b));
    expect(at).toBeGreaterThanOrEqual(0);
    const c = body.slice();
    c[at + 5] = offset;
    c[at + 6] = size;
    return c;
  }, randomObj);
  const nOf = (bytes: Uint8Array) => {
    const t = parseObject(bytes).symbols;
    const i = t.names.indexOf('n');
    return [t.offset[i], t.size[i]];
  };
  test('a symbol at the end of its segment whose size reaches past it parses', () => {
    expect(nOf(withN(4, 4))).toEqual([4, 4]);
    expect(nOf(withN(0, 100))).toEqual([0, 100]);
  });
  test('a symbol that starts past the end of its segment is rejected', () => {
    expect(formatError(withN(5, 0)).message).toBe('invalid data symbol offset: `n` (offset: 5 segment size: 4)');
  });
});
