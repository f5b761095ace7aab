// The mutations: pure functions from (generator, bytes) to new bytes plus a line saying what was
// done. Nothing here links, reads files or keeps state, so an iteration's input depends only on the
// generator it is given (prng.mjs makes one per seed and iteration) and the unmutated bytes.
//
// Objects: bit flips; boundary bytes (0x00, 0x7f, 0x80, 0xff); non-terminating LEBs (a run of 0x80
// bytes over or into a LEB); new values for section and linking-subsection sizes, vector counts
// (sections, symbol table, segment info, init functions, comdats, relocations), any LEB the map
// found, name lengths and body sizes; relocation type, offset, index and addend; the bytes at a
// relocation site (the padded LEB the linker rewrites); symbol kind, flags, index, name length and
// data symbol segment/offset/size; swapping, removing and duplicating sections; duplicating chunks;
// truncation.
//
// Archives: a member's content (any of the object mutations above, the archive rebuilt around it
// with its size and the symbol index kept consistent); header fields (size, name, other fields,
// terminator); the GNU symbol index (count, member offsets, name bytes); the long-name table; the
// magic; duplicated members; truncation; byte flips within headers and index.
import { encodeSleb, encodeUleb, mapArchive, mapObject, readBE32, relocHasAddend, replaceMember, splice, writeBE32 } from './binary-map.mjs';

const BOUNDARY = [0x00, 0x7f, 0x80, 0xff];

/**
 * Relocation types that the linker accepts against each symbol kind (function, data, global,
 * section, tag, table), GOT forms (GLOBAL_INDEX_*) included: a new type taken from these gets past
 * the parser's kind check and reaches relocation proper.
 */
const RELOC_TYPES_FOR_KIND = [
  [0, 1, 2, 7, 8, 12, 13, 18, 19, 22, 24, 26],
  [3, 4, 5, 7, 11, 13, 14, 15, 16, 17, 21, 23, 25],
  [7, 13],
  [9],
  [10],
  [20],
];

/** A value likely to matter for a field that held `old` in an input of `size` bytes. */
function interesting(rng, old, size) {
  const choices = [
    0, 1, old + 1, Math.max(0, old - 1), old * 2, Math.floor(old / 2), 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x3fff,
    0x4000, 0xffff, 0x10000, 0xfffff, 0x7fffffff, 0x80000000, 0xffffffff, 2 ** 32, 2 ** 35 - 1, 1e6, 1e7,
    1e8, 0x0fffffff, size, size + 1, rng.u32(), rng.int(old + 17),
  ];
  return rng.pick(choices);
}

/** A signed value likely to matter for an addend or offset. */
function interestingSigned(rng, old, size) {
  return rng.pick([0, -1, 1, old + 1, old - 1, -old, 0x7fffffff, -0x80000000, 0xffffffff, -size, size, 2 ** 40, -(2 ** 40), rng.u32() - 0x80000000]);
}

function hex(n) {
  return `0x${n.toString(16)}`;
}

/** Writes `value` into the LEB field, mostly at the same width (padded) so nothing else moves. */
function writeLeb(rng, b, field, value) {
  const fits = value < 2 ** (7 * field.len) && (!field.signed || Math.abs(value) < 2 ** (7 * field.len - 1));
  const width = fits && rng.chance(0.75) ? field.len : 1;
  const enc = field.signed ? encodeSleb(value, width) : encodeUleb(value, width);
  return splice(b, field.at, field.len, enc);
}

function setLeb(rng, b, field, value, label) {
  return { bytes: writeLeb(rng, b, field, value), what: `${label} @${field.at}: ${field.value} -> ${value}` };
}

/**
 * A relocation given another type that fits its symbol, kept well-formed: an addend is added (0) or
 * dropped when the new type wants one or not, and the reloc section's size follows.
 */
function retypeReloc(b, map, r, type) {
  let out = b.slice();
  out[r.type.at] = type;
  const what = `relocation type @${r.type.at}: ${r.type.value} -> ${type} (fits the symbol's kind)`;
  const had = relocHasAddend(r.type.value);
  const wants = relocHasAddend(type);
  if (had === wants) return { bytes: out, what };
  const section = map.sections[r.sectionIndex];
  const end = r.index.at + r.index.len;
  const delta = wants ? 1 : -r.addend.len;
  out = wants ? splice(out, end, 0, Uint8Array.of(0)) : splice(out, end, r.addend.len);
  const size = section.sizeField;
  const enc = encodeUleb(size.value + delta, size.len);
  if (enc.length !== size.len) return { bytes: out, what: `${what}, addend ${wants ? 'added' : 'dropped'} (section size left alone)` };
  out.set(enc, size.at);
  return { bytes: out, what: `${what}, addend ${wants ? 'added' : 'dropped'}` };
}

// ---- object mutators: (rng, bytes, map) -> { bytes, what } or null when they do not apply ----

const objectMutators = {
  bitflip(rng, b) {
    if (b.length === 0) return null;
    const at = rng.int(b.length);
    const mask = rng.chance(0.5) ? 1 << rng.int(8) : rng.range(1, 255);
    const out = b.slice();
    out[at] ^= mask;
    return { bytes: out, what: `bitflip @${at} ^${hex(mask)}` };
  },

  boundary(rng, b, map) {
    if (b.length === 0) return null;
    const at = map.lebs.length > 0 && rng.chance(0.5) ? (() => { const f = rng.pick(map.lebs); return f.at + rng.int(f.len); })() : rng.int(b.length);
    const value = rng.pick(BOUNDARY);
    const out = b.slice();
    out[at] = value;
    return { bytes: out, what: `boundary byte @${at} = ${hex(value)}` };
  },

  lebRun(rng, b, map) {
    if (map.lebs.length === 0) return null;
    const f = rng.pick(map.lebs);
    const toEnd = rng.chance(0.1);
    const len = toEnd ? b.length - f.at : rng.pick([f.len, f.len + 1, 5, 6, 10, 11, 16]);
    const run = new Uint8Array(len).fill(0x80);
    if (rng.chance(0.7) || toEnd) {
      return { bytes: splice(b, f.at, Math.min(len, b.length - f.at), run), what: `0x80 run of ${len} over the LEB @${f.at}` };
    }
    return { bytes: splice(b, f.at, 0, run), what: `0x80 run of ${len} inserted before the LEB @${f.at}` };
  },

  sectionSize(rng, b, map) {
    if (map.sectionSizes.length === 0) return null;
    const f = rng.pick(map.sectionSizes);
    return setLeb(rng, b, f, interesting(rng, f.value, b.length), `size of ${f.what}`);
  },

  count(rng, b, map) {
    if (map.counts.length === 0) return null;
    const f = rng.pick(map.counts);
    return setLeb(rng, b, f, interesting(rng, f.value, b.length), `count of ${f.what}`);
  },

  anyLeb(rng, b, map) {
    if (map.lebs.length === 0) return null;
    const f = rng.pick(map.lebs);
    const value = f.signed ? interestingSigned(rng, f.value, b.length) : interesting(rng, f.value, b.length);
    return setLeb(rng, b, f, value, 'LEB');
  },

  nameLength(rng, b, map) {
    if (map.names.length === 0) return null;
    const f = rng.pick(map.names);
    return setLeb(rng, b, f, interesting(rng, f.value, b.length), 'name length');
  },

  bodySize(rng, b, map) {
    if (map.bodies.length === 0) return null;
    const f = rng.pick(map.bodies);
    return setLeb(rng, b, f, interesting(rng, f.value, b.length), 'code body size');
  },

  relocField(rng, b, map) {
    if (map.relocs.length === 0) return null;
    // Relocations of custom sections (DWARF) are their own path through the linker: give them a
    // fair share even where code relocations outnumber them, or the other way round.
    const custom = map.relocs.filter((x) => map.sections[x.target.value]?.id === 0);
    const r = custom.length > 0 && rng.chance(0.3) ? rng.pick(custom) : rng.pick(map.relocs);
    const which = rng.pick(r.addend ? ['type', 'offset', 'index', 'addend', 'target'] : ['type', 'offset', 'index', 'target']);
    if (which === 'type') {
      const symbol = map.symbols[r.index.value];
      const fitting = symbol && RELOC_TYPES_FOR_KIND[symbol.kind.value];
      if (fitting && rng.chance(0.6)) return retypeReloc(b, map, r, rng.pick(fitting));
      const value = rng.pick([rng.int(27), rng.int(256), r.type.value + 1, Math.max(0, r.type.value - 1), 27, 0xff]);
      const out = b.slice();
      out[r.type.at] = value & 0xff;
      return { bytes: out, what: `relocation type @${r.type.at}: ${r.type.value} -> ${value & 0xff}` };
    }
    if (which === 'index') {
      const value = rng.chance(0.5) ? rng.int(map.symbols.length + 3) : interesting(rng, r.index.value, b.length);
      return setLeb(rng, b, r.index, value, 'relocation index');
    }
    if (which === 'addend') return setLeb(rng, b, r.addend, interestingSigned(rng, r.addend.value, b.length), 'relocation addend');
    if (which === 'target') return setLeb(rng, b, r.target, rng.chance(0.5) ? rng.int(map.sections.length + 2) : interesting(rng, r.target.value, b.length), 'reloc section target');
    const value = rng.chance(0.5) ? r.offset.value + rng.range(-6, 6) : interesting(rng, r.offset.value, b.length);
    return setLeb(rng, b, r.offset, Math.max(0, value), 'relocation offset');
  },

  relocSite(rng, b, map) {
    if (map.relocs.length === 0) return null;
    const r = rng.pick(map.relocs);
    const section = map.sections[r.target.value];
    if (!section) return null;
    const at = section.payloadStart + r.offset.value;
    if (at >= b.length) return null;
    const kind = rng.pick(['short', 'unterminated', 'overflow', 'max', 'random']);
    const bytes = {
      short: [0x00],
      unterminated: [0x80, 0x80, 0x80, 0x80, 0x80],
      overflow: [0xff, 0xff, 0xff, 0xff, 0x7f],
      max: [0xff, 0xff, 0xff, 0xff, 0x0f],
      random: [rng.int(256), rng.int(256), rng.int(256), rng.int(256), rng.int(256)],
    }[kind];
    const out = b.slice();
    for (let i = 0; i < bytes.length && at + i < out.length; i++) out[at + i] = bytes[i];
    return { bytes: out, what: `relocation site @${at} (type ${r.type.value}) overwritten (${kind})` };
  },

  symbolField(rng, b, map) {
    if (map.symbols.length === 0) return null;
    const s = rng.pick(map.symbols);
    const which = rng.pick(['kind', 'flags', ...['index', 'name', 'segment', 'offset', 'size'].filter((k) => s[k])]);
    if (which === 'kind') {
      const value = rng.pick([rng.int(6), rng.int(256), 6]);
      const out = b.slice();
      out[s.kind.at] = value;
      return { bytes: out, what: `symbol kind @${s.kind.at}: ${s.kind.value} -> ${value}` };
    }
    if (which === 'flags') {
      const value = rng.chance(0.7) ? s.flags.value ^ rng.pick([0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100]) : interesting(rng, s.flags.value, b.length);
      return setLeb(rng, b, s.flags, value, 'symbol flags');
    }
    const f = s[which];
    const value = rng.chance(0.4) ? rng.int(f.value + 4) : interesting(rng, f.value, b.length);
    return setLeb(rng, b, f, value, `symbol ${which}`);
  },

  sectionSwap(rng, b, map) {
    const n = map.sections.length;
    if (n < 2) return null;
    const i = rng.int(n - 1);
    const j = rng.chance(0.7) ? i + 1 : rng.range(i + 1, n - 1);
    const si = map.sections[i];
    const sj = map.sections[j];
    const parts = [b.subarray(0, si.start), b.subarray(sj.start, sj.end), b.subarray(si.end, sj.start), b.subarray(si.start, si.end), b.subarray(sj.end)];
    return { bytes: concat(parts), what: `sections ${i} (id ${si.id}${si.name ? ` ${si.name}` : ''}) and ${j} (id ${sj.id}${sj.name ? ` ${sj.name}` : ''}) swapped` };
  },

  sectionRemove(rng, b, map) {
    if (map.sections.length === 0) return null;
    const s = rng.pick(map.sections);
    return { bytes: splice(b, s.start, s.end - s.start), what: `section ${s.index} (id ${s.id}${s.name ? ` ${s.name}` : ''}) removed` };
  },

  duplicate(rng, b, map) {
    if (map.sections.length > 0 && rng.chance(0.4)) {
      const s = rng.pick(map.sections);
      const copy = b.slice(s.start, s.end);
      return { bytes: splice(b, s.end, 0, copy), what: `section ${s.index} (id ${s.id}${s.name ? ` ${s.name}` : ''}) duplicated` };
    }
    if (b.length === 0) return null;
    const from = rng.int(b.length);
    const len = Math.min(rng.range(1, 64), b.length - from);
    const to = rng.chance(0.5) ? from + len : rng.int(b.length + 1);
    return { bytes: splice(b, to, 0, b.slice(from, from + len)), what: `${len} bytes @${from} duplicated at ${to}` };
  },

  truncate(rng, b, map) {
    if (b.length === 0) return null;
    let at;
    if (map.sections.length > 0 && rng.chance(0.5)) {
      const s = rng.pick(map.sections);
      at = Math.max(0, Math.min(b.length - 1, rng.pick([s.start, s.payloadStart, s.end]) + rng.range(-2, 2)));
    } else {
      at = rng.int(b.length);
    }
    return { bytes: b.slice(0, at), what: `truncated to ${at} of ${b.length} bytes` };
  },
};

const OBJECT_WEIGHTS = {
  bitflip: 8, boundary: 8, lebRun: 8, sectionSize: 8, count: 10, anyLeb: 10, nameLength: 4, bodySize: 4,
  relocField: 14, relocSite: 6, symbolField: 12, sectionSwap: 4, sectionRemove: 2, duplicate: 6, truncate: 6,
};

function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** One mutation of an object (tries other mutators when the chosen one does not apply). */
export function mutateObjectOnce(rng, bytes) {
  const map = mapObject(bytes);
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = rng.weighted(OBJECT_WEIGHTS);
    const r = objectMutators[name](rng, bytes, map);
    if (r) return { ...r, kind: name };
  }
  const r = objectMutators.bitflip(rng, bytes, map);
  return r ? { ...r, kind: 'bitflip' } : { bytes, what: 'unchanged (empty input)', kind: 'none' };
}

// ---- archive mutators ----

function asciiBytes(text, len) {
  return Uint8Array.from(text.padEnd(len, ' ').slice(0, len), (ch) => ch.charCodeAt(0) & 0xff);
}

function writeText(b, at, text, len) {
  const out = b.slice();
  out.set(asciiBytes(text, len).subarray(0, Math.max(0, Math.min(len, out.length - at))), at);
  return out;
}

/** Byte ranges that are archive structure: headers, the symbol index and the long-name table. */
function structureRanges(map) {
  const ranges = [[0, 8]];
  for (const m of map.members) {
    ranges.push([m.headerAt, m.headerAt + 60]);
    if (m.kind !== 'member') ranges.push([m.dataStart, m.dataEnd]);
  }
  return ranges.filter(([s, e]) => e > s);
}

const archiveMutators = {
  member(rng, b, map, target) {
    const candidates = map.members.map((m, i) => ({ m, i })).filter(({ m }) => m.kind === 'member' && m.dataEnd > m.dataStart
      && (!target.members || target.members.includes(m.name)));
    if (candidates.length === 0) return null;
    const { m, i } = rng.pick(candidates);
    const inner = mutateObjectOnce(rng, b.subarray(m.dataStart, m.dataEnd));
    return { bytes: replaceMember(b, map, i, inner.bytes), what: `member ${m.name}: ${inner.what}`, kind: `member:${inner.kind}` };
  },

  headerSize(rng, b, map) {
    if (map.members.length === 0) return null;
    const m = rng.pick(map.members);
    const old = m.sizeField.value;
    const text = rng.pick([
      String(interesting(rng, old, b.length)), String(old + rng.range(-3, 3)), '9999999999', '-1', ' 12', '0x10', '1e3', 'abc', '',
      String(b.length - m.dataStart), String(b.length - m.dataStart + 1),
    ]);
    return { bytes: writeText(b, m.sizeField.at, text, 10), what: `size field of member ${m.name} @${m.headerAt}: ${old} -> '${text}'` };
  },

  headerName(rng, b, map) {
    if (map.members.length === 0) return null;
    const m = rng.pick(map.members);
    const longLen = map.longnames ? map.longnames.dataEnd - map.longnames.dataStart : 0;
    const text = rng.pick([
      '/999999', `/${rng.int(longLen + 2)}`, `/${longLen}`, '#1/20', '#1/99999', '//', '/', '/SYM64/', '__.SYMDEF', 'x'.repeat(16), '',
      m.rawName.replace('/', ' '), '/-1', '/ 12',
    ]);
    return { bytes: writeText(b, m.headerAt, text, 16), what: `name field of member ${m.name} @${m.headerAt}: '${m.rawName.trimEnd()}' -> '${text}'` };
  },

  headerOther(rng, b, map) {
    if (map.members.length === 0) return null;
    const m = rng.pick(map.members);
    const field = rng.pick([[16, 12, 'date'], [28, 6, 'uid'], [34, 6, 'gid'], [40, 8, 'mode'], [58, 2, 'terminator']]);
    const text = field[2] === 'terminator' ? rng.pick(['\n`', '  ', '`\0', 'xx']) : rng.pick(['', 'zzzz', '-1', '99999999999999']);
    return { bytes: writeText(b, m.headerAt + field[0], text, field[1]), what: `${field[2]} of member ${m.name} @${m.headerAt} -> '${text}'` };
  },

  symtabCount(rng, b, map) {
    if (!map.symtab) return null;
    const old = map.symtab.count.value;
    const value = rng.pick([0, old + 1, old - 1, old * 2, 0x7fffffff, 0xffffffff, 0x40000000, 0x10000000, rng.u32()]) >>> 0;
    const out = b.slice();
    writeBE32(out, map.symtab.count.at, value);
    return { bytes: out, what: `symbol index count: ${old} -> ${value}` };
  },

  symtabOffset(rng, b, map) {
    const st = map.symtab;
    if (!st || st.count.value === 0) return null;
    const i = rng.int(Math.min(st.count.value, Math.floor((b.length - st.offsetsAt) / 4)));
    const at = st.offsetsAt + 4 * i;
    if (at + 4 > b.length) return null;
    const old = readBE32(b, at);
    const other = rng.pick(map.members);
    const value = rng.pick([0, 8, old + 1, old - 1, other.headerAt, other.headerAt + 1, st.member.headerAt, b.length, b.length - 1, 0xffffffff, rng.u32()]) >>> 0;
    const out = b.slice();
    writeBE32(out, at, value);
    return { bytes: out, what: `symbol index entry ${i} member offset: ${old} -> ${value}` };
  },

  symtabNames(rng, b, map) {
    const st = map.symtab;
    if (!st || st.stringsStart >= st.end) return null;
    const at = rng.range(st.stringsStart, st.end - 1);
    const out = b.slice();
    const value = out[at] === 0 ? rng.pick([0x41, 0xff]) : 0;
    out[at] = value;
    return { bytes: out, what: `symbol index name byte @${at} -> ${hex(value)}` };
  },

  longnames(rng, b, map) {
    const ln = map.longnames;
    if (!ln || ln.dataEnd <= ln.dataStart) return null;
    const at = rng.range(ln.dataStart, ln.dataEnd - 1);
    const value = rng.pick([0x0a, 0x2f, 0x00, 0x41]);
    const out = b.slice();
    out[at] = value;
    return { bytes: out, what: `long-name table byte @${at} -> ${hex(value)}` };
  },

  magic(rng, b) {
    if (b.length < 8) return null;
    const thin = rng.chance(0.5);
    const out = b.slice();
    if (thin) out.set(asciiBytes('!<thin>\n', 8), 0);
    else out[rng.int(8)] ^= 1 << rng.int(8);
    return { bytes: out, what: thin ? 'magic set to !<thin>' : 'magic byte flipped' };
  },

  duplicateMember(rng, b, map) {
    if (map.members.length === 0) return null;
    const m = rng.pick(map.members);
    const end = Math.min(b.length, m.dataEnd + (m.dataEnd & 1));
    const copy = b.slice(m.headerAt, end);
    const to = rng.chance(0.5) ? end : b.length;
    return { bytes: splice(b, to, 0, copy), what: `member ${m.name} @${m.headerAt} duplicated at ${to}` };
  },

  truncate(rng, b, map) {
    if (b.length <= 8) return null;
    const at = map.members.length > 0 && rng.chance(0.6)
      ? Math.min(b.length - 1, rng.pick(map.members).headerAt + rng.pick([0, 1, 16, 48, 59, 60, 61, 64]))
      : rng.range(8, b.length - 1);
    return { bytes: b.slice(0, at), what: `truncated to ${at} of ${b.length} bytes` };
  },

  structureBytes(rng, b, map) {
    const ranges = structureRanges(map);
    if (ranges.length === 0) return null;
    const [s, e] = rng.pick(ranges);
    const at = rng.range(s, Math.min(e, b.length) - 1);
    const out = b.slice();
    const value = rng.chance(0.5) ? rng.pick(BOUNDARY) : out[at] ^ (1 << rng.int(8));
    out[at] = value;
    return { bytes: out, what: `structure byte @${at} -> ${hex(value)}` };
  },
};

const ARCHIVE_WEIGHTS = {
  member: 50, headerSize: 8, headerName: 8, headerOther: 3, symtabCount: 5, symtabOffset: 8, symtabNames: 3,
  longnames: 3, magic: 1, duplicateMember: 4, truncate: 3, structureBytes: 6,
};

/** One mutation of an archive; `target.members` (names) limits which members' content may change. */
export function mutateArchiveOnce(rng, bytes, target) {
  const map = mapArchive(bytes);
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = rng.weighted(ARCHIVE_WEIGHTS);
    const r = archiveMutators[name](rng, bytes, map, target);
    if (r) return { kind: name, ...r };
  }
  return { bytes: bytes.slice(0, Math.max(8, bytes.length - 1)), what: 'last byte removed', kind: 'truncate' };
}

/**
 * The mutated input of one iteration: one to four stacked mutations of the target's bytes.
 * target: { kind: 'object' } or { kind: 'archive', members: string[] | null }.
 * Returns { bytes, mutations (what each did), kinds (the mutators' names) }.
 */
export function mutate(rng, bytes, target) {
  const steps = rng.weighted({ 1: 60, 2: 25, 3: 10, 4: 5 });
  const mutations = [];
  const kinds = [];
  let b = bytes;
  for (let i = 0; i < Number(steps); i++) {
    const r = target.kind === 'archive' ? mutateArchiveOnce(rng, b, target) : mutateObjectOnce(rng, b);
    b = r.bytes;
    mutations.push(r.what);
    kinds.push(r.kind);
  }
  return { bytes: b, mutations, kinds };
}

