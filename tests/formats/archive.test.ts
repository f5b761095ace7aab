// Tests for the `ar` archive reader: archives are built in-memory by small GNU / BSD / thin
// builders below, then parsed back; error cases corrupt those archives at known offsets.
// One test reads the real wasi-libc libc.a out of @yowasp/clang's resource tarball when present.
import * as fs from 'fs';
import * as path from 'path';
import { Archive, isArchive, parseArchive } from '../../formats/archive';
import { FormatError } from '../../formats/leb128';

const enc = new TextEncoder();
const HEADER_LEN = 60;

interface Entry {
  name: string;
  data: Uint8Array;
}

interface Built {
  bytes: Uint8Array;
  /** Header offset of each regular member, in order. */
  offsets: number[];
}

function bytesOf(s: string): Uint8Array {
  return enc.encode(s);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** Pads to `width` bytes (not characters), so UTF-8 names keep the header at 60 bytes. */
function pad(s: string, width: number): string {
  const n = enc.encode(s).length;
  if (n > width) throw new Error(`field too long: ${s}`);
  return s + ' '.repeat(width - n);
}

/** A 60-byte member header; `name` is the raw 16-byte name field content. */
function header(name: string, size: number | string): Uint8Array {
  const h = pad(name, 16) + pad('0', 12) + pad('0', 6) + pad('0', 6) + pad('644', 8) + pad(String(size), 10) + '`\n';
  return bytesOf(h);
}

/** Header, data and the '\n' pad byte that keeps the next header at an even offset. */
function memberBytes(name: string, data: Uint8Array, sizeField = data.length): Uint8Array {
  return concat([header(name, sizeField), data, data.length % 2 ? bytesOf('\n') : new Uint8Array(0)]);
}

function be(value: number, width: 4 | 8): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out.subarray(8 - width);
}

function le(value: number, width: 4 | 8): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out.subarray(0, width);
}

interface GnuOptions {
  /** [symbol name, member index]; omit for an archive without an index. */
  symbols?: [string, number][];
  sym64?: boolean;
  thin?: boolean;
}

/** GNU layout: optional "/" (or "/SYM64/") index, "//" long-name table, members. */
function buildGnu(entries: Entry[], opts: GnuOptions = {}): Built {
  const w = opts.sym64 ? 8 : 4;
  const syms = opts.symbols;
  const symNames = syms ? concat(syms.map(([n]) => bytesOf(n + '\0'))) : new Uint8Array(0);
  const symtabSize = syms ? w + syms.length * w + symNames.length : 0;

  // Thin archives always use the long-name table, as llvm-ar does; otherwise only names > 15 chars.
  let table = '';
  const rawNames = entries.map((e) => {
    if (!opts.thin && e.name.length <= 15) return e.name + '/';
    const ref = '/' + table.length;
    table += e.name + '/\n';
    return ref;
  });
  const tableBytes = bytesOf(table);

  let pos = 8;
  if (syms) pos += HEADER_LEN + symtabSize + (symtabSize & 1);
  if (table) pos += HEADER_LEN + tableBytes.length + (tableBytes.length & 1);
  const offsets: number[] = [];
  const memberParts = entries.map((e, i) => {
    offsets.push(pos);
    if (opts.thin) {
      pos += HEADER_LEN;
      return header(rawNames[i], e.data.length);
    }
    const m = memberBytes(rawNames[i], e.data);
    pos += m.length;
    return m;
  });

  const parts = [bytesOf(opts.thin ? '!<thin>\n' : '!<arch>\n')];
  if (syms) {
    const symtab = concat([be(syms.length, w), ...syms.map(([, m]) => be(offsets[m], w)), symNames]);
    parts.push(memberBytes(opts.sym64 ? '/SYM64/' : '/', symtab));
  }
  if (table) parts.push(memberBytes('//', tableBytes));
  return { bytes: concat([...parts, ...memberParts]), offsets };
}

interface BsdOptions {
  symbols?: [string, number][];
  wide?: boolean;
  sorted?: boolean;
}

/** BSD name: short names padded with spaces; long or spaced names as "#1/<len>" before the data. */
function bsdMember(name: string, data: Uint8Array, forceLong = false): Uint8Array {
  if (!forceLong && name.length <= 16 && !name.includes(' ')) return memberBytes(name, data);
  // Pad the stored name with NULs to a multiple of 8, as Darwin's ar does.
  const stored = bytesOf(name + '\0'.repeat((8 - (name.length % 8)) % 8));
  return memberBytes('#1/' + stored.length, concat([stored, data]));
}

/** BSD layout: optional "__.SYMDEF" (or "__.SYMDEF_64") index stored under a "#1/" name as llvm-ar does, members. */
function buildBsd(entries: Entry[], opts: BsdOptions = {}): Built {
  const w = opts.wide ? 8 : 4;
  const symdefName = (opts.wide ? '__.SYMDEF_64' : '__.SYMDEF') + (opts.sorted ? ' SORTED' : '');
  const syms = opts.symbols;
  let strtab = '';
  const strx = (syms ?? []).map(([n]) => {
    const at = strtab.length;
    strtab += n + '\0';
    return at;
  });
  const strBytes = bytesOf(strtab);
  const symtabSize = syms ? w + syms.length * 2 * w + w + strBytes.length : 0;

  let pos = 8;
  if (syms) pos += bsdMember(symdefName, new Uint8Array(symtabSize), true).length;
  const offsets: number[] = [];
  const memberParts = entries.map((e) => {
    offsets.push(pos);
    const m = bsdMember(e.name, e.data);
    pos += m.length;
    return m;
  });

  const parts = [bytesOf('!<arch>\n')];
  if (syms) {
    const ranlib = syms.flatMap(([, m], i) => [le(strx[i], w), le(offsets[m], w)]);
    const symtab = concat([le(syms.length * 2 * w, w), ...ranlib, le(strBytes.length, w), strBytes]);
    parts.push(bsdMember(symdefName, symtab, true));
  }
  return { bytes: concat([...parts, ...memberParts]), offsets };
}

function text(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

function expectFormatError(fn: () => unknown, offset: number, message: string | RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FormatError);
  const fe = err as FormatError;
  expect(fe.message).toMatch(message);
  expect(fe.offset).toBe(offset);
}

function symbolMap(a: Archive): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of a.symbols ?? []) out[s.name] = a.members[s.member].name;
  return out;
}

const entries: Entry[] = [
  { name: 'a.o', data: bytesOf('AAAA') },
  { name: 'printf.o', data: bytesOf('PRINTF') },
  { name: 'a_rather_long_member_name.o', data: bytesOf('LONG1!!!') },
  { name: 'another_long_member_name.o', data: bytesOf('LONG2.') },
];
const symbols: [string, number][] = [
  ['a', 0],
  ['printf', 1],
  ['vprintf', 1],
  ['long_one', 2],
  ['long_two', 3],
];
const expectedMap = { a: 'a.o', printf: 'printf.o', vprintf: 'printf.o', long_one: entries[2].name, long_two: entries[3].name };

describe('isArchive', () => {
  test('accepts regular and thin magic', () => {
    expect(isArchive(bytesOf('!<arch>\n'))).toBe(true);
    expect(isArchive(bytesOf('!<thin>\nrest'))).toBe(true);
  });

  test('rejects other input', () => {
    expect(isArchive(bytesOf('!<arch>'))).toBe(false);
    expect(isArchive(bytesOf('!<arcx>\n'))).toBe(false);
    expect(isArchive(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).toBe(false);
    expect(isArchive(new Uint8Array(0))).toBe(false);
  });

  test('parseArchive rejects bad magic at offset 0', () => {
    expectFormatError(() => parseArchive(bytesOf('!<arcx>\n')), 0, 'bad archive magic');
    expectFormatError(() => parseArchive(new Uint8Array(3)), 0, 'bad archive magic');
  });
});

describe('GNU archives', () => {
  test('an empty archive has no members and no index', () => {
    const a = parseArchive(bytesOf('!<arch>\n'));
    expect({ thin: a.thin, memberCount: a.memberCount, members: a.members, symbols: a.symbols, index: a.index })
      .toEqual({ thin: false, memberCount: 0, members: [], symbols: null, index: undefined });
  });

  test('members, short and long names, header offsets, contents', () => {
    const { bytes, offsets } = buildGnu(entries);
    const a = parseArchive(bytes);
    expect(a.thin).toBe(false);
    expect(a.members.map((m) => m.name)).toEqual(entries.map((e) => e.name));
    expect(a.members.map((m) => m.headerOffset)).toEqual(offsets);
    expect(a.members.map((m) => text(m.data))).toEqual(entries.map((e) => text(e.data)));
    expect(a.symbols).toBeNull();
  });

  test('the member table answers by index what the records hold, names decoded once', () => {
    const names = ['short.o', 'x'.repeat(30), 'mid.o'];
    const a = parseArchive(buildGnu(names.map((name, i) => ({ name, data: bytesOf(`d${i}`) }))).bytes);
    expect(a.memberCount).toBe(3);
    expect([0, 1, 2].map((m) => a.memberName(m))).toEqual(names);
    expect([0, 1, 2].map((m) => text(a.memberData(m)))).toEqual(['d0', 'd1', 'd2']);
    expect(a.memberName(1)).toBe(a.memberName(1));
    expect(a.members.map((m) => m.name)).toEqual(names);
  });

  test('member data are views of the input, not copies', () => {
    const { bytes, offsets } = buildGnu(entries);
    const a = parseArchive(bytes);
    const m = a.members[1];
    expect(m.data.buffer).toBe(bytes.buffer);
    expect(m.data.byteOffset).toBe(offsets[1] + HEADER_LEN);
    bytes[offsets[1] + HEADER_LEN] = 0x7a;
    expect(text(m.data)).toBe('zRINTF');
  });

  test('long names resolve through the "//" table, including names containing "/"', () => {
    const names = ['x'.repeat(16), 'dir/sub/file_with_a_long_name.o', 'y'.repeat(40)];
    const a = parseArchive(buildGnu(names.map((name) => ({ name, data: bytesOf('d') }))).bytes);
    expect(a.members.map((m) => m.name)).toEqual(names);
  });

  test('odd-sized members are padded to even offsets', () => {
    const odd = [
      { name: 'one.o', data: bytesOf('1') },
      { name: 'three.o', data: bytesOf('333') },
      { name: 'even.o', data: bytesOf('22') },
    ];
    const { bytes, offsets } = buildGnu(odd);
    expect(offsets.every((o) => o % 2 === 0)).toBe(true);
    const a = parseArchive(bytes);
    expect(a.members.map((m) => text(m.data))).toEqual(['1', '333', '22']);
    expect(a.members.map((m) => m.headerOffset)).toEqual(offsets);
  });

  test('a missing pad byte after an odd-sized last member is tolerated', () => {
    const { bytes } = buildGnu([{ name: 'last.o', data: bytesOf('abc') }]);
    expect(bytes[bytes.length - 1]).toBe(0x0a);
    const a = parseArchive(bytes.subarray(0, bytes.length - 1));
    expect(a.members.map((m) => text(m.data))).toEqual(['abc']);
  });

  test('"/" symbol index maps header offsets to member indices', () => {
    const a = parseArchive(buildGnu(entries, { symbols }).bytes);
    expect(a.members.map((m) => m.name)).toEqual(entries.map((e) => e.name));
    expect(a.symbols!.map((s) => s.name)).toEqual(symbols.map(([n]) => n));
    expect(a.symbols!.map((s) => s.member)).toEqual(symbols.map(([, m]) => m));
    expect(symbolMap(a)).toEqual(expectedMap);
  });

  test('"/SYM64/" symbol index with 64-bit big-endian offsets', () => {
    const { bytes } = buildGnu(entries, { symbols, sym64: true });
    expect(text(bytes.subarray(8, 15))).toBe('/SYM64/');
    const a = parseArchive(bytes);
    expect(a.members.length).toBe(entries.length);
    expect(symbolMap(a)).toEqual(expectedMap);
  });

  test('only the first member can be the index; later "/" and "__.SYMDEF" are not parsed as one', () => {
    const garbageIndex = be(0xffffffff, 4);
    const b = concat([
      bytesOf('!<arch>\n'),
      memberBytes('m.o/', bytesOf('M')),
      memberBytes('/', garbageIndex),
      memberBytes('__.SYMDEF', garbageIndex),
    ]);
    const a = parseArchive(b);
    expect(a.symbols).toBeNull();
    expect(a.members.map((m) => m.name)).toEqual(['m.o', '__.SYMDEF']);
  });

  test('an index with zero symbols gives an empty list, not null', () => {
    expect(parseArchive(buildGnu(entries, { symbols: [] }).bytes).symbols).toEqual([]);
  });

  test('non-ASCII names decode as UTF-8', () => {
    const a = parseArchive(buildGnu([{ name: 'été.o', data: bytesOf('x') }], { symbols: [['π_fn', 0]] }).bytes);
    expect(a.members[0].name).toBe('été.o');
    expect(a.symbols).toEqual([{ name: 'π_fn', member: 0 }]);
  });
});

describe('BSD archives', () => {
  test('"#1/" long names are read from the data and excluded from it', () => {
    const { bytes, offsets } = buildBsd(entries);
    const a = parseArchive(bytes);
    expect(a.members.map((m) => m.name)).toEqual(entries.map((e) => e.name));
    expect(a.members.map((m) => text(m.data))).toEqual(entries.map((e) => text(e.data)));
    expect(a.members.map((m) => m.headerOffset)).toEqual(offsets);
    expect(a.members[2].data.buffer).toBe(bytes.buffer);
    expect(a.symbols).toBeNull();
  });

  test('"__.SYMDEF" index', () => {
    const a = parseArchive(buildBsd(entries, { symbols }).bytes);
    expect(a.members.map((m) => m.name)).toEqual(entries.map((e) => e.name));
    expect(symbolMap(a)).toEqual(expectedMap);
  });

  test('"__.SYMDEF SORTED" index', () => {
    const a = parseArchive(buildBsd(entries, { symbols, sorted: true }).bytes);
    expect(a.members.length).toBe(entries.length);
    expect(symbolMap(a)).toEqual(expectedMap);
  });

  test('"__.SYMDEF_64" index with 64-bit little-endian fields', () => {
    const a = parseArchive(buildBsd(entries, { symbols, wide: true }).bytes);
    expect(a.members.length).toBe(entries.length);
    expect(symbolMap(a)).toEqual(expectedMap);
  });

  test('"__.SYMDEF" as a plain 16-byte short name', () => {
    // "__.SYMDEF SORTED" fills the name field exactly; older BSD ar writes it that way.
    const member = { name: 'm.o', data: bytesOf('MM') };
    const symtabSize = 4 + 8 + 4 + 4;
    const memberOffset = 8 + HEADER_LEN + symtabSize;
    const symtab = concat([le(8, 4), le(0, 4), le(memberOffset, 4), le(4, 4), bytesOf('sym\0')]);
    const bytes = concat([bytesOf('!<arch>\n'), memberBytes('__.SYMDEF SORTED', symtab), memberBytes(member.name, member.data)]);
    const a = parseArchive(bytes);
    expect(a.members.map((m) => m.name)).toEqual(['m.o']);
    expect(a.symbols).toEqual([{ name: 'sym', member: 0 }]);
  });
});

describe('thin archives', () => {
  const files: Record<string, Uint8Array> = {
    'a.o': bytesOf('thin A'),
    'lib/printf.o': bytesOf('thin printf'),
  };
  const thinEntries = Object.entries(files).map(([name, data]) => ({ name, data }));

  test('member data come from readThinMember; the index still maps', () => {
    const { bytes, offsets } = buildGnu(thinEntries, { thin: true, symbols: [['printf', 1], ['a', 0]] });
    expect(text(bytes.subarray(0, 8))).toBe('!<thin>\n');
    const asked: string[] = [];
    const a = parseArchive(bytes, (name) => {
      asked.push(name);
      return files[name];
    });
    expect(a.thin).toBe(true);
    expect(asked).toEqual(['a.o', 'lib/printf.o']);
    expect(a.members.map((m) => m.name)).toEqual(['a.o', 'lib/printf.o']);
    expect(a.members.map((m) => m.headerOffset)).toEqual(offsets);
    expect(a.members[1].data).toBe(files['lib/printf.o']);
    expect(a.symbols).toEqual([
      { name: 'printf', member: 1 },
      { name: 'a', member: 0 },
    ]);
  });

  test('size fields need not be backed by bytes in the file', () => {
    const bytes = concat([bytesOf('!<thin>\n'), header('big.o/', 999999), header('small.o/', 3)]);
    const a = parseArchive(bytes, (name) => bytesOf(name));
    expect(a.members.map((m) => [m.name, m.headerOffset])).toEqual([
      ['big.o', 8],
      ['small.o', 68],
    ]);
  });

  test('without readThinMember, a thin member throws FormatError', () => {
    const { bytes, offsets } = buildGnu(thinEntries, { thin: true });
    expectFormatError(() => parseArchive(bytes), offsets[0], /readThinMember/);
  });
});

describe('malformed archives', () => {
  const { bytes: good, offsets } = buildGnu(entries, { symbols });
  const mutated = (at: number, s: string): Uint8Array => {
    const b = good.slice();
    b.set(bytesOf(s), at);
    return b;
  };

  test('truncated member header', () => {
    expectFormatError(() => parseArchive(good.subarray(0, offsets[1] + 30)), offsets[1], 'truncated archive member header');
    expectFormatError(() => parseArchive(bytesOf('!<arch>\nx')), 8, 'truncated archive member header');
  });

  test('bad header terminator', () => {
    expectFormatError(() => parseArchive(mutated(offsets[0] + 58, '`x')), offsets[0] + 58, 'bad header terminator');
    expectFormatError(() => parseArchive(mutated(offsets[2] + 58, "'\n")), offsets[2] + 58, 'bad header terminator');
  });

  test('bad size field', () => {
    for (const size of ['12a       ', '          ', '-1        ', ' 4        ']) {
      expectFormatError(() => parseArchive(mutated(offsets[0] + 48, size)), offsets[0] + 48, 'invalid archive member size');
    }
  });

  test('member extending past end of file', () => {
    const b = concat([bytesOf('!<arch>\n'), header('x.o/', 1234), bytesOf('short')]);
    expectFormatError(() => parseArchive(b), 8, 'archive member extends past end of file (size 1234)');
    const cut = good.subarray(0, offsets[3] + HEADER_LEN + 2);
    expectFormatError(() => parseArchive(cut), offsets[3], /extends past end of file/);
  });

  test('long name offset outside the "//" table', () => {
    const b = concat([bytesOf('!<arch>\n'), memberBytes('//', bytesOf('abc/\n')), memberBytes('/99', bytesOf('x'))]);
    expectFormatError(() => parseArchive(b), 74, 'invalid long name offset 99');
  });

  test('long name reference without a "//" table', () => {
    const b = concat([bytesOf('!<arch>\n'), memberBytes('/0', bytesOf('x'))]);
    expectFormatError(() => parseArchive(b), 8, 'invalid long name offset 0');
  });

  test('unterminated long name', () => {
    const b = concat([bytesOf('!<arch>\n'), memberBytes('//', bytesOf('abcd')), memberBytes('/2', bytesOf('x'))]);
    expectFormatError(() => parseArchive(b), 8 + HEADER_LEN + 2, /unterminated long name/);
  });

  test('malformed "/" names', () => {
    const b = concat([bytesOf('!<arch>\n'), memberBytes('/12x', bytesOf('x'))]);
    expectFormatError(() => parseArchive(b), 8, 'invalid archive member name');
  });

  test('bad "#1/" name length', () => {
    // A following member makes the bytes exist in the file: the name must still fit in its member.
    const b = concat([bytesOf('!<arch>\n'), memberBytes('#1/9', bytesOf('abc')), memberBytes('next.o', bytesOf('0123456789'))]);
    expectFormatError(() => parseArchive(b), 8, 'invalid bsd long name length');
    const thin = concat([bytesOf('!<thin>\n'), header('#1/20', 20)]);
    expectFormatError(() => parseArchive(thin, () => new Uint8Array(0)), 8, 'invalid bsd long name length');
  });

  test('duplicate "//" table', () => {
    const table = memberBytes('//', bytesOf('some_long_name.o/\n'));
    const b = concat([bytesOf('!<arch>\n'), table, table]);
    expectFormatError(() => parseArchive(b), 8 + table.length, 'duplicate archive long name table');
  });

  test('GNU symbol offset that is not a member header', () => {
    // The second offset slot (symbol "printf") sits at 8 + 60 + 4 + 4.
    const at = 8 + HEADER_LEN + 8;
    const b = good.slice();
    b.set(be(offsets[1] + 2, 4), at);
    expectFormatError(() => parseArchive(b), at, /archive symbol printf refers to offset \d+ which is not a member/);
  });

  test('SYM64 symbol offset that is not a member header', () => {
    const b = buildGnu(entries, { symbols, sym64: true }).bytes;
    b.set(be(2 ** 40, 8), 8 + HEADER_LEN + 8);
    expectFormatError(() => parseArchive(b), 8 + HEADER_LEN + 8, /not a member/);
  });

  test('BSD symbol offset that is not a member header', () => {
    const { bytes, offsets: bsdOffsets } = buildBsd(entries, { symbols });
    // "__.SYMDEF" is stored as "#1/16", so the ranlib array starts 16 + 4 bytes into its data.
    const firstOffset = 8 + HEADER_LEN + 16 + 4 + 4;
    expect(bytes[firstOffset]).toBe(bsdOffsets[0] & 0xff);
    bytes.set(le(3, 4), firstOffset);
    expectFormatError(() => parseArchive(bytes), firstOffset, /archive symbol a refers to offset 3/);
  });

  test('"__.SYMDEF_64" offset with high bits set is not a member', () => {
    const { bytes, offsets: bsdOffsets } = buildBsd(entries, { symbols, wide: true });
    // "__.SYMDEF_64" is stored as "#1/16"; then the u64 ranlib size and the first (strx, offset) pair.
    const firstOffset = 8 + HEADER_LEN + 16 + 8 + 8;
    bytes.set(le(2 ** 32 + bsdOffsets[0], 8), firstOffset);
    expectFormatError(() => parseArchive(bytes), firstOffset, /archive symbol a refers to offset 4294967\d+ which/);
  });

  test('BSD string table size that does not fit', () => {
    const { bytes } = buildBsd(entries, { symbols });
    const strSizeAt = 8 + HEADER_LEN + 16 + 4 + symbols.length * 8;
    bytes.set(le(100000, 4), strSizeAt);
    expectFormatError(() => parseArchive(bytes), strSizeAt, 'invalid ranlib string table size 100000');
  });

  test('symbol count larger than the index', () => {
    const b = good.slice();
    b.set(be(100000, 4), 8 + HEADER_LEN);
    expectFormatError(() => parseArchive(b), 8 + HEADER_LEN, /symbol count 100000 exceeds/);
  });

  test('unterminated symbol name', () => {
    const symtab = concat([be(1, 4), be(8, 4), bytesOf('abc')]);
    const b = concat([bytesOf('!<arch>\n'), memberBytes('/', symtab)]);
    expectFormatError(() => parseArchive(b), 8 + HEADER_LEN + 8, 'unterminated archive symbol name');
  });

  test('BSD ranlib size that does not fit', () => {
    const { bytes } = buildBsd(entries, { symbols });
    const sizeAt = 8 + HEADER_LEN + 16;
    bytes.set(le(8 * 1000, 4), sizeAt);
    expectFormatError(() => parseArchive(bytes), sizeAt, 'invalid ranlib size 8000');
    bytes.set(le(5, 4), sizeAt);
    expectFormatError(() => parseArchive(bytes), sizeAt, 'invalid ranlib size 5');
  });

  test('BSD string index outside the string table', () => {
    const { bytes } = buildBsd(entries, { symbols });
    const strxAt = 8 + HEADER_LEN + 16 + 4;
    bytes.set(le(5000, 4), strxAt);
    expectFormatError(() => parseArchive(bytes), strxAt, 'invalid ranlib string index 5000');
  });

  test('every truncation and byte corruption yields FormatError or a valid parse', () => {
    const samples = [
      good,
      buildGnu(entries, { symbols, sym64: true }).bytes,
      buildBsd(entries, { symbols }).bytes,
      buildBsd(entries, { symbols, wide: true }).bytes,
      buildGnu(entries, { symbols, thin: true }).bytes,
    ];
    const read = (): Uint8Array => bytesOf('thin');
    let formatErrors = 0;
    const check = (b: Uint8Array): void => {
      try {
        parseArchive(b, read);
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        formatErrors++;
      }
    };
    for (const sample of samples) {
      for (let n = 0; n <= sample.length; n++) check(sample.subarray(0, n));
      for (let i = 0; i < sample.length; i++) {
        for (const v of [0x00, 0x20, 0x2f, 0x39, 0xff]) {
          const b = sample.slice();
          b[i] = v;
          check(b);
        }
      }
    }
    expect(formatErrors).toBeGreaterThan(100);
  });
});

// ---- real archive: libc.a from @yowasp/clang's resource tarball ----

/** Returns the named file's bytes from a ustar tarball (a view into `tar`), or null. */
function extractFromTar(tar: Uint8Array, wanted: string): Uint8Array | null {
  const field = (h: Uint8Array, start: number, len: number): string => {
    let end = start;
    while (end < start + len && h[end] !== 0) end++;
    return new TextDecoder().decode(h.subarray(start, end));
  };
  for (let pos = 0; pos + 512 <= tar.length; ) {
    const h = tar.subarray(pos, pos + 512);
    if (h[0] === 0) break; // end-of-archive zero blocks
    const name = field(h, 0, 100);
    const prefix = field(h, 345, 155);
    const size = parseInt(field(h, 124, 12).trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    const dataStart = pos + 512;
    if (full === wanted || full === `./${wanted}`) return tar.subarray(dataStart, dataStart + size);
    pos = dataStart + Math.ceil(size / 512) * 512;
  }
  return null;
}

function findUp(rel: string): string | null {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
    if (path.dirname(dir) === dir) return null;
  }
}

const tarPath = findUp('node_modules/@yowasp/clang/gen/llvm-resources.tar');
const testIfTar = tarPath ? test : test.skip;

describe('real archive', () => {
  testIfTar('wasi-libc libc.a parses with an index pointing at wasm objects', () => {
    const libc = extractFromTar(new Uint8Array(fs.readFileSync(tarPath!)), 'lib/wasm32-wasip1/libc.a');
    expect(libc).not.toBeNull();
    expect(isArchive(libc!)).toBe(true);
    const a = parseArchive(libc!);
    expect(a.thin).toBe(false);
    expect(a.members.length).toBeGreaterThan(500);
    expect(a.symbols).not.toBeNull();
    const isWasm = (d: Uint8Array): boolean => d[0] === 0 && d[1] === 0x61 && d[2] === 0x73 && d[3] === 0x6d;
    for (const want of ['printf', 'malloc']) {
      const sym = a.symbols!.find((s) => s.name === want);
      expect(sym).toBeDefined();
      expect(isWasm(a.members[sym!.member].data)).toBe(true);
    }
    expect(a.members[a.symbols!.find((s) => s.name === 'printf')!.member].name).toBe('printf.o');
    expect(a.members.every((m) => isWasm(m.data))).toBe(true);
  });
});
