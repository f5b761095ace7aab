// Where things are in a relocatable wasm object or an `ar` archive, so that mutations can aim at
// structure instead of only at random bytes: section headers and their size LEBs, the vector counts
// that open each section, the linking section's subsections and symbol table entries, the entries of
// the reloc.* sections, function body sizes, archive member headers, the GNU symbol index and the
// long-name table.
//
// The walkers are tolerant: they record what they could read and stop quietly at the first thing that
// does not parse, so they also map an input that earlier mutations already damaged. They never decide
// whether an input is valid; that is the linker's job.
//
// A field is { at, len, value }: the byte offset, the width in bytes and the value read there.

// ---- LEB128 and byte helpers ----

/** The unsigned LEB at `pos` as { value, len }, or null if it runs past `end` or over 10 bytes. */
export function readLeb(b, pos, end = b.length) {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos + i < end; i++) {
    const byte = b[pos + i];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, len: i + 1 };
  }
  return null;
}

/** The signed LEB at `pos` as { value, len }, or null (values beyond 2^53 lose precision). */
export function readSleb(b, pos, end = b.length) {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos + i < end; i++) {
    const byte = b[pos + i];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      if (byte & 0x40) value -= scale;
      return { value, len: i + 1 };
    }
  }
  return null;
}

/** An unsigned LEB for a non-negative integer up to 2^53, padded with 0x80 bytes to `minLen`. */
export function encodeUleb(value, minLen = 1) {
  const out = [];
  let v = Math.max(0, Math.floor(value));
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0 || out.length + 1 < minLen) byte |= 0x80;
    out.push(byte);
  } while (v !== 0 || out.length < minLen);
  return Uint8Array.from(out);
}

/** A signed LEB for an integer of magnitude up to 2^53, padded to `minLen`. */
export function encodeSleb(value, minLen = 1) {
  const out = [];
  let v = Math.floor(value);
  for (;;) {
    const byte = ((v % 128) + 128) % 128;
    v = Math.floor((v - byte) / 128);
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    if (done && out.length + 1 >= minLen) {
      out.push(byte);
      return Uint8Array.from(out);
    }
    out.push(byte | 0x80);
    if (done) {
      // Pad: continue with the sign's bits until minLen.
      const pad = v === -1 ? 0x7f : 0x00;
      while (out.length + 1 < minLen) out.push(pad | 0x80);
      out.push(pad);
      return Uint8Array.from(out);
    }
  }
}

/** A copy of `b` with `removeLen` bytes at `at` replaced by `insert`. */
export function splice(b, at, removeLen, insert = new Uint8Array(0)) {
  const out = new Uint8Array(b.length - removeLen + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + removeLen), at + insert.length);
  return out;
}

// ---- wasm objects ----

/**
 * Thrown by the cursor at the end of its range: a plain object, not an Error, because a damaged
 * input can make the walkers stop a million times (each empty custom section of a run of zeros)
 * and capturing a stack each time cost seconds.
 */
const OUT_OF_BOUNDS = Object.freeze({ outOfBounds: true });
/** Sections mapped at most: enough for any real object, and a run of zero bytes stays cheap. */
const MAX_SECTIONS = 4096;

/** A cursor over b[pos, end) that records every field it reads into the map. */
class Cursor {
  constructor(b, pos, end, map) {
    this.b = b;
    this.pos = pos;
    this.end = Math.min(end, b.length);
    this.map = map;
  }

  u8() {
    if (this.pos >= this.end) throw OUT_OF_BOUNDS;
    const field = { at: this.pos, len: 1, value: this.b[this.pos] };
    this.pos++;
    return field;
  }

  leb() {
    const r = readLeb(this.b, this.pos, this.end);
    if (!r) throw OUT_OF_BOUNDS;
    const field = { at: this.pos, len: r.len, value: r.value };
    this.pos += r.len;
    this.map.lebs.push(field);
    return field;
  }

  sleb() {
    const r = readSleb(this.b, this.pos, this.end);
    if (!r) throw OUT_OF_BOUNDS;
    const field = { at: this.pos, len: r.len, value: r.value, signed: true };
    this.pos += r.len;
    this.map.lebs.push(field);
    return field;
  }

  skip(n) {
    if (this.pos + n > this.end) throw OUT_OF_BOUNDS;
    this.pos += n;
  }

  /** A length-prefixed name: its length field (recorded in map.names) and its text. */
  name() {
    const len = this.leb();
    this.map.names.push(len);
    const start = this.pos;
    this.skip(len.value);
    let text = '';
    for (let i = start; i < this.pos && i < start + 64; i++) text += String.fromCharCode(this.b[i]);
    return { len, text };
  }

  count(what) {
    const field = this.leb();
    this.map.counts.push({ ...field, what });
    return field;
  }

  limits() {
    const flags = this.u8();
    this.leb();
    if (flags.value & 1) this.leb();
  }

  initExpr() {
    for (let guard = 0; guard < 64; guard++) {
      const op = this.u8().value;
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42) this.sleb();
      else if (op === 0x43) this.skip(4);
      else if (op === 0x44) this.skip(8);
      else if (op === 0x23 || op === 0xd2) this.leb();
      else if (op === 0xd0) this.u8();
      // other opcodes (extended-const arithmetic) take no immediates
    }
  }
}

/** Linking.md's symbol flags the walker needs. */
const SYM_UNDEFINED = 0x10;
const SYM_EXPLICIT_NAME = 0x40;
const ADDEND_RELOCS = new Set([3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]);

export function relocHasAddend(type) {
  return ADDEND_RELOCS.has(type);
}

/**
 * The map of a wasm object:
 *  sections     [{ index, id, name, start, sizeField, payloadStart, end }] (end clamped to the input)
 *  sectionSizes the size fields of sections and of linking subsections
 *  counts       vector counts ({ ...field, what })
 *  lebs         every LEB the walker read
 *  names        the length fields of names
 *  bodies       the size fields of code bodies
 *  symbols      [{ kind, flags, index?, name?, segment?, offset?, size? }] (fields)
 *  relocs       [{ sectionIndex, target (field), type, offset, index, addend? }] (fields)
 */
export function mapObject(b) {
  const map = { sections: [], sectionSizes: [], counts: [], lebs: [], names: [], bodies: [], symbols: [], relocs: [], subsections: [] };
  if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) return map;
  let pos = 8;
  while (pos < b.length && map.sections.length < MAX_SECTIONS) {
    const start = pos;
    const id = b[pos];
    const size = readLeb(b, pos + 1);
    if (!size) break;
    const sizeField = { at: pos + 1, len: size.len, value: size.value };
    map.lebs.push(sizeField);
    map.sectionSizes.push({ ...sizeField, what: `section ${id}` });
    const payloadStart = pos + 1 + size.len;
    const end = payloadStart + size.value;
    const section = { index: map.sections.length, id, name: null, start, sizeField, payloadStart, end: Math.min(end, b.length) };
    map.sections.push(section);
    try {
      walkSection(new Cursor(b, payloadStart, end, map), section, map);
    } catch (e) {
      if (e !== OUT_OF_BOUNDS) throw e;
    }
    if (end > b.length) break;
    pos = end;
  }
  return map;
}

function walkSection(c, section, map) {
  switch (section.id) {
    case 0: {
      const name = c.name().text;
      section.name = name;
      if (name === 'linking') walkLinking(c, map);
      else if (name.startsWith('reloc.')) walkRelocs(c, section, map);
      else if (name === 'target_features') {
        const n = c.count('target_features');
        for (let i = 0; i < n.value; i++) { c.u8(); c.name(); }
      }
      return;
    }
    case 1: {
      const n = c.count('types');
      for (let i = 0; i < n.value; i++) {
        c.u8();
        const params = c.count('params');
        c.skip(params.value);
        const results = c.count('results');
        c.skip(results.value);
      }
      return;
    }
    case 2: {
      const n = c.count('imports');
      for (let i = 0; i < n.value; i++) {
        c.name();
        c.name();
        const kind = c.u8().value;
        if (kind === 0) c.leb();
        else if (kind === 1) { c.u8(); c.limits(); }
        else if (kind === 2) c.limits();
        else if (kind === 3) { c.u8(); c.u8(); }
        else if (kind === 4) { c.u8(); c.leb(); }
        else return;
      }
      return;
    }
    case 3: {
      const n = c.count('functions');
      for (let i = 0; i < n.value; i++) c.leb();
      return;
    }
    case 4: {
      const n = c.count('tables');
      for (let i = 0; i < n.value; i++) { c.u8(); c.limits(); }
      return;
    }
    case 5: {
      const n = c.count('memories');
      for (let i = 0; i < n.value; i++) c.limits();
      return;
    }
    case 6: {
      const n = c.count('globals');
      for (let i = 0; i < n.value; i++) { c.u8(); c.u8(); c.initExpr(); }
      return;
    }
    case 7: {
      const n = c.count('exports');
      for (let i = 0; i < n.value; i++) { c.name(); c.u8(); c.leb(); }
      return;
    }
    case 8:
      c.leb();
      return;
    case 9:
      c.count('elems');
      return;
    case 10: {
      const n = c.count('bodies');
      for (let i = 0; i < n.value; i++) {
        const size = c.leb();
        map.bodies.push(size);
        c.skip(size.value);
      }
      return;
    }
    case 11: {
      const n = c.count('data segments');
      for (let i = 0; i < n.value; i++) {
        const flags = c.leb().value;
        if (flags === 2) c.leb();
        if (flags === 0 || flags === 2) c.initExpr();
        const size = c.leb();
        c.skip(size.value);
      }
      return;
    }
    case 12:
      c.count('datacount');
      return;
    case 13: {
      const n = c.count('tags');
      for (let i = 0; i < n.value; i++) { c.u8(); c.leb(); }
      return;
    }
    default:
  }
}

function walkLinking(c, map) {
  c.leb(); // version
  while (c.pos < c.end) {
    const type = c.u8().value;
    const size = c.leb();
    map.sectionSizes.push({ ...size, what: `linking subsection ${type}` });
    map.subsections.push({ type, sizeField: size, start: c.pos });
    const end = c.pos + size.value;
    const sub = new Cursor(c.b, c.pos, Math.min(end, c.end), map);
    try {
      walkSubsection(sub, type, map);
    } catch (e) {
      if (e !== OUT_OF_BOUNDS) throw e;
    }
    if (end > c.end) return;
    c.pos = end;
  }
}

function walkSubsection(c, type, map) {
  if (type === 5) { // WASM_SEGMENT_INFO
    const n = c.count('segment infos');
    for (let i = 0; i < n.value; i++) { c.name(); c.leb(); c.leb(); }
  } else if (type === 6) { // WASM_INIT_FUNCS
    const n = c.count('init funcs');
    for (let i = 0; i < n.value; i++) { c.leb(); c.leb(); }
  } else if (type === 7) { // WASM_COMDAT_INFO
    const n = c.count('comdats');
    for (let i = 0; i < n.value; i++) {
      c.name();
      c.leb();
      const m = c.count('comdat entries');
      for (let j = 0; j < m.value; j++) { c.u8(); c.leb(); }
    }
  } else if (type === 8) { // WASM_SYMBOL_TABLE
    const n = c.count('symbols');
    for (let i = 0; i < n.value; i++) {
      const sym = { kind: c.u8(), flags: null };
      sym.flags = c.leb();
      map.symbols.push(sym);
      const kind = sym.kind.value;
      const flags = sym.flags.value;
      if (kind === 0 || kind === 2 || kind === 4 || kind === 5) {
        sym.index = c.leb();
        if (!(flags & SYM_UNDEFINED) || (flags & SYM_EXPLICIT_NAME)) sym.name = c.name().len;
      } else if (kind === 1) {
        sym.name = c.name().len;
        if (!(flags & SYM_UNDEFINED)) { sym.segment = c.leb(); sym.offset = c.leb(); sym.size = c.leb(); }
      } else if (kind === 3) {
        sym.index = c.leb();
      } else {
        return;
      }
    }
  }
}

function walkRelocs(c, section, map) {
  const target = c.leb();
  const n = c.count('relocations');
  for (let i = 0; i < n.value; i++) {
    const type = c.u8();
    const r = { sectionIndex: section.index, target, type, offset: c.leb(), index: c.leb() };
    if (relocHasAddend(type.value)) r.addend = c.sleb();
    map.relocs.push(r);
  }
}

// ---- ar archives ----

const AR_HEADER = 60;

function ascii(b, at, len) {
  let s = '';
  for (let i = at; i < at + len && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/**
 * The map of an archive:
 *  thin      whether it is a thin archive
 *  members   [{ headerAt, rawName, name, kind: 'symtab'|'longnames'|'member', sizeField, dataStart, dataEnd }]
 *  symtab    the GNU "/" index: { count: field (4-byte big-endian), offsetsAt, stringsStart, end } or null
 *  longnames the "//" member or null
 */
export function mapArchive(b) {
  const map = { thin: ascii(b, 0, 8) === '!<thin>\n', members: [], symtab: null, longnames: null };
  let pos = 8;
  while (pos + AR_HEADER <= b.length) {
    const rawName = ascii(b, pos, 16);
    const sizeText = ascii(b, pos + 48, 10);
    const size = /^\s*\d+\s*$/.test(sizeText) ? Number(sizeText.trim()) : NaN;
    if (!Number.isFinite(size)) break;
    const dataStart = pos + AR_HEADER;
    const name = rawName.trimEnd();
    const kind = name === '/' || name === '/SYM64/' ? 'symtab' : name === '//' ? 'longnames' : 'member';
    const inFile = !map.thin || kind !== 'member';
    const dataEnd = inFile ? dataStart + size : dataStart;
    const member = { headerAt: pos, rawName, name, kind, sizeField: { at: pos + 48, len: 10, value: size }, dataStart, dataEnd: Math.min(dataEnd, b.length) };
    map.members.push(member);
    if (kind === 'longnames') map.longnames = member;
    if (name === '/' && dataStart + 4 <= b.length) {
      const count = ((b[dataStart] << 24) | (b[dataStart + 1] << 16) | (b[dataStart + 2] << 8) | b[dataStart + 3]) >>> 0;
      map.symtab = { member, count: { at: dataStart, len: 4, value: count }, offsetsAt: dataStart + 4, stringsStart: dataStart + 4 + 4 * count, end: member.dataEnd };
    }
    if (dataEnd > b.length) break;
    pos = dataEnd + (dataEnd & 1);
  }
  // Long names: "/123" refers to offset 123 of the "//" member, terminated by "/\n".
  for (const m of map.members) {
    if (m.kind !== 'member') continue;
    const long = /^\/(\d+)$/.exec(m.name);
    if (long && map.longnames) {
      const start = map.longnames.dataStart + Number(long[1]);
      let end = start;
      while (end < map.longnames.dataEnd && b[end] !== 0x0a) end++;
      m.name = ascii(b, start, end - start).replace(/\/$/, '');
    } else {
      m.name = m.name.replace(/\/$/, '');
    }
  }
  return map;
}

function readBE32(b, at) {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function writeBE32(b, at, v) {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** The header size field's 10 bytes for `size` (decimal, left-aligned, space-padded). */
export function arSizeField(size) {
  const text = String(size).padEnd(10, ' ').slice(0, 10);
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/**
 * A copy of the archive with one member's data replaced, its header's size field rewritten, the even
 * padding kept, and the GNU symbol index's member offsets after it moved by the change, so that the
 * only damage is the one the new data carries.
 */
export function replaceMember(b, map, memberIndex, data) {
  const m = map.members[memberIndex];
  const oldEnd = m.dataEnd + (m.dataEnd & 1);
  const padded = data.length + (data.length & 1);
  const middle = new Uint8Array(padded);
  middle.set(data);
  if (data.length & 1) middle[data.length] = 0x0a;
  const out = splice(b, m.dataStart, Math.min(oldEnd, b.length) - m.dataStart, middle);
  out.set(arSizeField(data.length), m.sizeField.at);
  const delta = padded - (oldEnd - m.dataStart);
  const st = map.symtab;
  if (delta !== 0 && st && st.member.headerAt < m.headerAt) {
    for (let i = 0; i < st.count.value; i++) {
      const at = st.offsetsAt + 4 * i;
      if (at + 4 > st.end) break;
      const off = readBE32(out, at);
      if (off > m.headerAt) writeBE32(out, at, off + delta);
    }
  }
  return out;
}

export { readBE32, writeBE32 };
