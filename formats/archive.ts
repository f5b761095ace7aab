// Reader for Unix `ar` static archives (llvm-ar, GNU ar, BSD/Darwin ar), including thin archives.
// Produces a table of the regular members (where each one's header, name and data lie in the input)
// and the symbol index (GNU "/" and "/SYM64/", BSD "__.SYMDEF" and "__.SYMDEF_64") mapped to member
// indices. Headers are decoded byte by byte and every malformed input becomes a FormatError with its
// offset, but a member's name becomes a string and its data a view only when asked for: a link
// extracts a few dozen of libc.a's ~750 members, and making a record of each one was most of
// reading it (~3 ms of a hello-world link).
import { FormatError } from './leb128';

export interface ArchiveMember {
  name: string;
  headerOffset: number;
  data: Uint8Array;
}

export interface ArchiveSymbol {
  name: string;
  member: number;
}

export interface Archive {
  thin: boolean;
  /** How many regular members (the index and long-name table are not members). */
  memberCount: number;
  /** Member `m`'s name (decoded on first use). */
  memberName(m: number): string;
  /** Member `m`'s bytes: a view of the archive's, or for a thin archive the file it names, read when the archive was parsed. */
  memberData(m: number): Uint8Array;
  /** Every member as a record, made on first use (for tools and tests; the linker uses the functions above). */
  readonly members: ArchiveMember[];
  /** The symbol index with names as strings (decoded on first use from `index`), or null without one. */
  symbols: ArchiveSymbol[] | null;
  /**
   * The symbol index with its names left in the archive's bytes: what the linker reads (decoding
   * the ~25k names of a large link's archives to look them up was ~3% of it). Absent without an index.
   */
  index?: ArchiveIndex;
}

export interface ArchiveIndex {
  count: number;
  /** The archive's bytes, where each name lies at [nameStart, nameStart + nameLength). */
  nameBytes: Uint8Array;
  nameStart: Uint32Array;
  nameLength: Uint32Array;
  /** Index of the member that defines each symbol. */
  member: Int32Array;
}

const MAGIC_LEN = 8;
const HEADER_LEN = 60;
// Header field offsets: name[16] date[12] uid[6] gid[6] mode[8] size[10] terminator "`\n".
const NAME_LEN = 16;
const SIZE_OFF = 48;
const SIZE_LEN = 10;
const TERM_OFF = 58;

const SPACE = 0x20;
const SLASH = 0x2f;
const NEWLINE = 0x0a;

const utf8 = new TextDecoder('utf-8', { fatal: false });

type SymtabKind = 'gnu' | 'gnu64' | 'bsd' | 'bsd64';

/** The index as stored: each symbol's name and the header offset of its member, not mapped yet. */
interface RawIndex {
  nameStart: Uint32Array;
  nameLength: Uint32Array;
  offset: Float64Array;
  /** Where each offset was read, for error reporting. */
  at: Float64Array;
}

function newRawIndex(count: number): RawIndex {
  return {
    nameStart: new Uint32Array(count), nameLength: new Uint32Array(count), offset: new Float64Array(count), at: new Float64Array(count),
  };
}

function hasMagic(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < MAGIC_LEN) return false;
  for (let i = 0; i < MAGIC_LEN; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

export function isArchive(bytes: Uint8Array): boolean {
  return hasMagic(bytes, '!<arch>\n') || hasMagic(bytes, '!<thin>\n');
}

/** Decodes a name; symbol tables hold thousands of short ASCII names, so skip TextDecoder for those. */
function decodeName(b: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return utf8.decode(b.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c >= 0x80) return utf8.decode(b.subarray(start, end));
    s += String.fromCharCode(c);
  }
  return s;
}

/** Parses decimal digits in [start, end) followed only by spaces; -1 if malformed or empty. */
function parseDecimal(b: Uint8Array, start: number, end: number): number {
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (i === start) return -1;
  for (; i < end; i++) if (b[i] !== SPACE) return -1;
  return value;
}

function u32be(b: Uint8Array, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

function u32le(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

// 64-bit fields become plain numbers; values beyond 2^53 are not real offsets and fail later checks.
function u64be(b: Uint8Array, p: number): number {
  return u32be(b, p) * 0x100000000 + u32be(b, p + 4);
}

function u64le(b: Uint8Array, p: number): number {
  return u32le(b, p + 4) * 0x100000000 + u32le(b, p);
}

/** End of the name field with trailing spaces removed. */
function nameFieldEnd(b: Uint8Array, pos: number): number {
  let end = pos + NAME_LEN;
  while (end > pos && b[end - 1] === SPACE) end--;
  return end;
}

function fieldEquals(b: Uint8Array, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

function startsWith(b: Uint8Array, start: number, end: number, s: string): boolean {
  if (end - start < s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Finds "/123" in the GNU "//" table (into st.nameStart/nameEnd); names end with "/\n" (or NUL in COFF-style tables). */
function gnuLongName(st: State, nameOff: number, at: number): void {
  const table = st.longNames;
  if (table === null || nameOff >= table.length) throw new FormatError(at, `invalid long name offset ${nameOff}`);
  let end = nameOff;
  while (end < table.length && table[end] !== NEWLINE && table[end] !== 0) end++;
  if (end === table.length) throw new FormatError(st.longNamesOffset + nameOff, `unterminated long name at offset ${nameOff}`);
  if (end > nameOff && table[end - 1] === SLASH) end--;
  st.nameStart = st.longNamesOffset + nameOff;
  st.nameEnd = st.longNamesOffset + end;
}

/** BSD index member names (at [start, end) of `b`); the GNU ones ("/", "/SYM64/") are recognized from the raw header field. */
function bsdSymtabKind(b: Uint8Array, start: number, end: number): SymtabKind | null {
  if (!startsWith(b, start, end, '__.SYMDEF')) return null;
  if (fieldEquals(b, start, end, '__.SYMDEF') || fieldEquals(b, start, end, '__.SYMDEF SORTED')) return 'bsd';
  if (fieldEquals(b, start, end, '__.SYMDEF_64') || fieldEquals(b, start, end, '__.SYMDEF_64 SORTED')) return 'bsd64';
  return null;
}

/** End of the NUL-terminated string that starts at `start` in [start, limit); the terminator must be present. */
function cStringEnd(b: Uint8Array, start: number, limit: number, at: number): number {
  // indexOf is native code: an index is read before V8 has compiled this loop, so a loop of our own
  // would run in the interpreter, a byte at a time.
  const end = start < limit ? b.indexOf(0, start) : -1;
  if (end < 0 || end >= limit) throw new FormatError(at, 'unterminated archive symbol name');
  return end;
}

/** GNU index: count, big-endian offsets, then NUL-terminated names in the same order. */
function readGnuSymtab(b: Uint8Array, start: number, end: number, wide: boolean): RawIndex {
  const w = wide ? 8 : 4;
  if (end - start < w) throw new FormatError(start, 'truncated archive symbol table');
  const count = wide ? u64be(b, start) : u32be(b, start);
  if (count > (end - start - w) / w) throw new FormatError(start, `archive symbol count ${count} exceeds symbol table size`);
  const out = newRawIndex(count);
  let str = start + w + count * w;
  for (let i = 0; i < count; i++) {
    const at = start + w + i * w;
    const nameEnd = cStringEnd(b, str, end, str);
    out.nameStart[i] = str;
    out.nameLength[i] = nameEnd - str;
    out.offset[i] = wide ? u64be(b, at) : u32be(b, at);
    out.at[i] = at;
    str = nameEnd + 1;
  }
  return out;
}

/** BSD index: byte size of (strx, offset) pairs, the pairs, string table size, strings (little-endian). */
function readBsdSymtab(b: Uint8Array, start: number, end: number, wide: boolean): RawIndex {
  const w = wide ? 8 : 4;
  const read = wide ? u64le : u32le;
  if (end - start < w) throw new FormatError(start, 'truncated archive symbol table');
  const ranlibSize = read(b, start);
  if (ranlibSize % (2 * w) !== 0 || ranlibSize > end - start - 2 * w) {
    throw new FormatError(start, `invalid ranlib size ${ranlibSize}`);
  }
  const ranlib = start + w;
  const strSizeAt = ranlib + ranlibSize;
  const strSize = read(b, strSizeAt);
  const strStart = strSizeAt + w;
  if (strSize > end - strStart) throw new FormatError(strSizeAt, `invalid ranlib string table size ${strSize}`);
  const strEnd = strStart + strSize;
  const count = ranlibSize / (2 * w);
  const out = newRawIndex(count);
  for (let i = 0; i < count; i++) {
    const at = ranlib + i * 2 * w;
    const strx = read(b, at);
    if (strx >= strSize) throw new FormatError(at, `invalid ranlib string index ${strx}`);
    out.nameStart[i] = strStart + strx;
    out.nameLength[i] = cStringEnd(b, strStart + strx, strEnd, at) - out.nameStart[i];
    out.offset[i] = read(b, at + w);
    out.at[i] = at + w;
  }
  return out;
}

function readSymtab(kind: SymtabKind, b: Uint8Array, start: number, end: number): RawIndex {
  return kind === 'gnu' || kind === 'gnu64'
    ? readGnuSymtab(b, start, end, kind === 'gnu64')
    : readBsdSymtab(b, start, end, kind === 'bsd64');
}

/**
 * The regular members, five numbers each (stride MEMBER_FIELDS): where the header starts, where the
 * name lies (in the header, the long-name table or, BSD "#1/", before the data), where the data lies.
 */
const MEMBER_FIELDS = 5;
const M_HEADER = 0;
const M_NAME_START = 1;
const M_NAME_END = 2;
const M_DATA_START = 3;
const M_DATA_END = 4;

/** The member table as it is filled: grown by doubling. */
interface MemberTable {
  fields: Float64Array;
  count: number;
}

function addMember(t: MemberTable, header: number, nameStart: number, nameEnd: number, dataStart: number, dataEnd: number): void {
  let f = t.fields;
  const at = t.count * MEMBER_FIELDS;
  if (at + MEMBER_FIELDS > f.length) {
    f = new Float64Array(f.length * 2);
    f.set(t.fields);
    t.fields = f;
  }
  f[at + M_HEADER] = header;
  f[at + M_NAME_START] = nameStart;
  f[at + M_NAME_END] = nameEnd;
  f[at + M_DATA_START] = dataStart;
  f[at + M_DATA_END] = dataEnd;
  t.count++;
}

/**
 * The index of the member whose header is at `offset`, or -1. Indexes list symbols member by
 * member, so `hint` (the previous symbol's member) and the one after it are tried first.
 */
function memberAt(t: MemberTable, offset: number, hint: number): number {
  const f = t.fields;
  if (hint < t.count && f[hint * MEMBER_FIELDS + M_HEADER] === offset) return hint;
  if (hint + 1 < t.count && f[(hint + 1) * MEMBER_FIELDS + M_HEADER] === offset) return hint + 1;
  let lo = 0;
  let hi = t.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const h = f[mid * MEMBER_FIELDS + M_HEADER];
    if (h === offset) return mid;
    if (h < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Maps each symbol's header offset to the index of the member whose header is there. */
function resolveSymbols(b: Uint8Array, raw: RawIndex, members: MemberTable): ArchiveIndex {
  const count = raw.nameStart.length;
  const member = new Int32Array(count);
  let m = 0;
  for (let i = 0; i < count; i++) {
    m = memberAt(members, raw.offset[i], m);
    if (m < 0) {
      const name = decodeName(b, raw.nameStart[i], raw.nameStart[i] + raw.nameLength[i]);
      throw new FormatError(raw.at[i], `archive symbol ${name} refers to offset ${raw.offset[i]} which is not a member`);
    }
    member[i] = m;
  }
  return { count, nameBytes: b, nameStart: raw.nameStart, nameLength: raw.nameLength, member };
}

/** The Archive over `bytes` and its member table; names, views and `symbols` are made when read. */
function makeArchive(thin: boolean, bytes: Uint8Array, table: MemberTable, thinData: Uint8Array[] | null, index: ArchiveIndex | undefined): Archive {
  const f = table.fields;
  const names: (string | undefined)[] = [];
  let symbols: ArchiveSymbol[] | null | undefined;
  let records: ArchiveMember[] | undefined;
  const memberName = (m: number): string => names[m] ??= decodeName(bytes, f[m * MEMBER_FIELDS + M_NAME_START], f[m * MEMBER_FIELDS + M_NAME_END]);
  const memberData = (m: number): Uint8Array => thinData !== null ? thinData[m]
    : bytes.subarray(f[m * MEMBER_FIELDS + M_DATA_START], f[m * MEMBER_FIELDS + M_DATA_END]);
  return {
    thin,
    memberCount: table.count,
    memberName,
    memberData,
    get members() {
      return records ??= Array.from({ length: table.count }, (_, m) => ({
        name: memberName(m), headerOffset: f[m * MEMBER_FIELDS + M_HEADER], data: memberData(m),
      }));
    },
    get symbols() {
      if (symbols === undefined) {
        symbols = index === undefined ? null : Array.from({ length: index.count }, (_, i) => ({
          name: decodeName(index.nameBytes, index.nameStart[i], index.nameStart[i] + index.nameLength[i]), member: index.member[i],
        }));
      }
      return symbols;
    },
    index,
  };
}

/** An archive of one member, `data` named `name`, without an index (an object between --start-lib and --end-lib). */
export function singleMemberArchive(name: string, data: Uint8Array): Archive {
  const member: ArchiveMember = { name, headerOffset: 0, data };
  return {
    thin: false, memberCount: 1, memberName: () => name, memberData: () => data, members: [member], symbols: null,
  };
}

/** Validated fixed part of a member header. */
interface Header {
  size: number;
  nameEnd: number; // end of the name field without trailing spaces
  special: 'gnu' | 'gnu64' | 'longnames' | null; // internal GNU members, recognized by raw name
}

function readHeader(b: Uint8Array, pos: number): Header {
  if (b.length - pos < HEADER_LEN) throw new FormatError(pos, 'truncated archive member header');
  if (b[pos + TERM_OFF] !== 0x60 || b[pos + TERM_OFF + 1] !== NEWLINE) {
    throw new FormatError(pos + TERM_OFF, 'bad header terminator');
  }
  const size = parseDecimal(b, pos + SIZE_OFF, pos + SIZE_OFF + SIZE_LEN);
  if (size < 0) throw new FormatError(pos + SIZE_OFF, 'invalid archive member size');
  const nameEnd = nameFieldEnd(b, pos);
  let special: Header['special'] = null;
  if (nameEnd - pos <= 7 && b[pos] === SLASH) {
    if (nameEnd - pos === 1) special = 'gnu';
    else if (fieldEquals(b, pos, nameEnd, '/SYM64/')) special = 'gnu64';
    else if (fieldEquals(b, pos, nameEnd, '//')) special = 'longnames';
  }
  return { size, nameEnd, special };
}

/** Parsing state shared by the member loop. */
interface State {
  bytes: Uint8Array;
  longNames: Uint8Array | null;
  longNamesOffset: number;
  /** Where the current member's name lies in `bytes`, and how many leading data bytes it takes (BSD "#1/<len>"). */
  nameStart: number;
  nameEnd: number;
  nameLen: number;
}

/** Finds the current member's name (into st.nameStart/nameEnd/nameLen), validated but not decoded. */
function findMemberName(st: State, pos: number, h: Header): void {
  const b = st.bytes;
  st.nameLen = 0;
  if (b[pos] === SLASH) {
    const off = parseDecimal(b, pos + 1, pos + NAME_LEN);
    if (off < 0) throw new FormatError(pos, 'invalid archive member name');
    gnuLongName(st, off, pos);
    return;
  }
  if (startsWith(b, pos, h.nameEnd, '#1/')) {
    const dataStart = pos + HEADER_LEN;
    const nameLen = parseDecimal(b, pos + 3, pos + NAME_LEN);
    // The second bound matters for thin archives, whose size is not backed by file bytes.
    if (nameLen < 0 || nameLen > h.size || nameLen > b.length - dataStart) {
      throw new FormatError(pos, 'invalid bsd long name length');
    }
    let end = dataStart + nameLen;
    // Darwin pads the stored name with NULs to keep member data aligned.
    while (end > dataStart && b[end - 1] === 0) end--;
    st.nameStart = dataStart;
    st.nameEnd = end;
    st.nameLen = nameLen;
    return;
  }
  // GNU terminates short names with '/'; BSD pads with spaces only.
  st.nameStart = pos;
  st.nameEnd = h.nameEnd > pos && b[h.nameEnd - 1] === SLASH ? h.nameEnd - 1 : h.nameEnd;
}

export function parseArchive(bytes: Uint8Array, readThinMember?: (memberName: string) => Uint8Array): Archive {
  const thin = hasMagic(bytes, '!<thin>\n');
  if (!thin && !hasMagic(bytes, '!<arch>\n')) throw new FormatError(0, 'bad archive magic');
  const len = bytes.length;
  const st: State = { bytes, longNames: null, longNamesOffset: 0, nameStart: 0, nameEnd: 0, nameLen: 0 };
  const table: MemberTable = { fields: new Float64Array(64 * MEMBER_FIELDS), count: 0 };
  const thinData: Uint8Array[] | null = thin ? [] : null;
  let rawSymbols: RawIndex | null = null;

  // A missing pad byte after the last member is tolerated, hence `pos < len` rather than exact fit.
  for (let pos = MAGIC_LEN; pos < len; ) {
    const h = readHeader(bytes, pos);
    const isFirst = pos === MAGIC_LEN;
    // Internal members ("/", "//", "/SYM64/") keep their data in the file even in thin archives.
    const inFile = !thin || h.special !== null;
    const dataStart = pos + HEADER_LEN;
    if (inFile && h.size > len - dataStart) {
      throw new FormatError(pos, `archive member extends past end of file (size ${h.size})`);
    }
    const dataEnd = inFile ? dataStart + h.size : dataStart;
    const next = dataEnd + (dataEnd & 1);

    if (h.special === 'longnames') {
      if (st.longNames !== null) throw new FormatError(pos, 'duplicate archive long name table');
      st.longNames = bytes.subarray(dataStart, dataEnd);
      st.longNamesOffset = dataStart;
    } else if (h.special !== null) {
      // Only the first member is the index (as in LLVM); later ones are skipped internal members.
      if (isFirst) rawSymbols = readSymtab(h.special, bytes, dataStart, dataEnd);
    } else {
      findMemberName(st, pos, h);
      const kind = isFirst && inFile ? bsdSymtabKind(bytes, st.nameStart, st.nameEnd) : null;
      if (kind !== null) {
        rawSymbols = readSymtab(kind, bytes, dataStart + st.nameLen, dataEnd);
      } else if (inFile) {
        addMember(table, pos, st.nameStart, st.nameEnd, dataStart + st.nameLen, dataEnd);
      } else {
        const name = decodeName(bytes, st.nameStart, st.nameEnd);
        if (!readThinMember) throw new FormatError(pos, `thin archive member ${name} needs readThinMember`);
        addMember(table, pos, st.nameStart, st.nameEnd, dataStart, dataStart);
        thinData!.push(readThinMember(name));
      }
    }
    pos = next;
  }

  const index = rawSymbols === null ? undefined : resolveSymbols(bytes, rawSymbols, table);
  return makeArchive(thin, bytes, table, thinData, index);
}
