// Minimal reading of a linked wasm module for the benchmark: section sizes, imports, exports.
const KINDS = ['func', 'table', 'memory', 'global', 'tag'];

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(v) { pos = v; },
    byte: () => bytes[pos++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[pos++];
        result += (b & 0x7f) * 2 ** shift;
        if (!(b & 0x80)) return result;
        shift += 7;
      }
    },
    name() {
      const len = r.u32();
      const s = Buffer.from(bytes.buffer, bytes.byteOffset + pos, len).toString('utf8');
      pos += len;
      return s;
    },
  };
  return r;
}

export function wasmInfo(buf) {
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('not a wasm module');
  }
  const r = reader(bytes);
  r.pos = 8;
  const sections = [];
  const imports = [];
  const exports = [];
  let codeSize = 0;
  let functions = 0;
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    let name = null;
    if (id === 0) name = r.name();
    sections.push({ id, name, size });
    if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const module = r.name();
        const field = r.name();
        const kind = r.byte();
        imports.push({ module, name: field, kind: KINDS[kind] ?? String(kind) });
        // Skip the import's type; only the kinds' encodings we may meet are handled.
        if (kind === 0) r.u32();
        else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 3) { r.byte(); r.byte(); }
        else if (kind === 4) { r.byte(); r.u32(); }
      }
    } else if (id === 7) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const field = r.name();
        const kind = r.byte();
        const index = r.u32();
        exports.push({ name: field, kind: KINDS[kind] ?? String(kind), index });
      }
    } else if (id === 10) {
      codeSize = size;
      functions = r.u32();
    }
    r.pos = end;
  }
  return { size: bytes.length, codeSize, functions, sections, imports, exports };
}
