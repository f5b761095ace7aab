// A small dynamic loader for WebAssembly modules linked with `-pie` (the main module) and `-shared`
// (side modules), after the conventions of tool-conventions DynamicLinking.md and in the spirit of
// Emscripten's loadDynamicLibrary. Plain JavaScript, no dependencies: it runs in node and in browsers.
//
//   import { loadProgram } from './loader.mjs';
//   const program = loadProgram(mainBytes, { library: (name) => bytesOf(name), imports: { env: { log } } });
//   program.exports.run();
//
// What it does, in order:
//   1. reads the dylink.0 section of the main module and, breadth first, of every library its NEEDED
//      entries name (each once), asking `library(name)` for the bytes; the main module's memory
//      import says whether the program is wasm64 (a 64-bit memory and table, i64 addresses) and
//      whether its memory is shared (linked with --shared-memory);
//   2. gives each module its data at a base aligned as MEM_INFO asks (above a reserved null area
//      and the stack) in one memory, and its table slots at the end of one table;
//   3. instantiates them in that order, providing env.memory, env.__indirect_function_table,
//      env.__stack_pointer (one mutable global for all), env.__memory_base and env.__table_base,
//      the GOT.mem.* / GOT.func.* globals, and functions: another module's export when one defines
//      it (the main module first, then the libraries in load order: the first definition wins, so
//      the main module overrides a library's weak function), else `imports.env`, else a stub that
//      looks the function up when first called (it may be defined by a module loaded later); with
//      a shared memory each module's start function copies its passive data in;
//   4. gives each module with thread-local data (it exports __wasm_init_tls, __tls_size and
//      __tls_align) a block for this thread, aligned as __tls_align asks, after all modules' data;
//   5. once all are instantiated, sets every GOT entry: a data symbol's address (its module's
//      __memory_base plus the exported offset, or for a thread-local symbol, which dylink.0's
//      EXPORT_INFO marks, its module's block plus the offset), a function's table slot (the slot its
//      own module gave it if it has one, else a new slot); a symbol no module defines is 0 if the
//      module's dylink.0 IMPORT_INFO says it is weak, else an error;
//   6. calls each module's __wasm_init_tls with its block (it copies .tdata there and relocates the
//      pointers and GOT entries that depend on the block's place);
//   7. then, libraries before the modules that need them (reverse load order), calls each module's
//      __wasm_apply_data_relocs and then its __wasm_call_ctors.
//
// Limits: the main module must import its memory (link it with --import-memory); one thread: with a
// shared memory nothing here starts another (a thread would instantiate every module again with the
// same memory, table and bases, then run steps 4-6 with its own stack and blocks), and a module with
// thread-local data must export __wasm_init_tls, __tls_size and __tls_align (link it with --export=
// for each); thread-local data without --shared-memory is not relocated by wasm-ld (its __tls_base is
// 0, not the module's place), so only a module loaded at memory base 0 could use it; modules are
// compiled and instantiated synchronously (a browser allows that only for small modules off the main
// thread); libraries are loaded once, at start-up (no dlopen/dlsym); the memory does not grow when the
// heap would (there is no allocator here: `heapBase` tells where free memory starts). A wasm64 program
// needs an engine with 64-bit memories and tables (node 24 or later).

const PAGE = 65536;

/** A reader of LEB128 numbers and names over `b` from `p` (numbers as JavaScript numbers: sizes and counts). */
function reader(b, p) {
  const r = {
    p,
    u32() {
      let v = 0, scale = 1, byte;
      do { byte = b[r.p++]; v += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
      return v;
    },
    str() { const n = r.u32(); const s = new TextDecoder().decode(b.subarray(r.p, r.p + n)); r.p += n; return s; },
  };
  return r;
}

const bytesOf = (bytes) => (bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));

/**
 * dylink.0 of a module: { memorySize, memoryAlign, tableSize, tableAlign, needed, weakImports,
 * tlsExports } (the names EXPORT_INFO flags thread-local: their exported value is an offset from the
 * module's __tls_base).
 */
export function readDylink(bytes) {
  const b = bytesOf(bytes);
  const r = reader(b, 8);
  if (b[r.p++] !== 0) throw new Error('not a position-independent module: dylink.0 must be the first section');
  const end = r.u32() + r.p;
  if (r.str() !== 'dylink.0') throw new Error('not a position-independent module: dylink.0 must be the first section');
  const info = { memorySize: 0, memoryAlign: 0, tableSize: 0, tableAlign: 0, needed: [], weakImports: new Set(), tlsExports: new Set() };
  while (r.p < end) {
    const kind = b[r.p++];
    const subEnd = r.u32() + r.p;
    if (kind === 1) {
      info.memorySize = r.u32(); info.memoryAlign = r.u32(); info.tableSize = r.u32(); info.tableAlign = r.u32();
    } else if (kind === 2) {
      for (let n = r.u32(); n > 0; n--) info.needed.push(r.str());
    } else if (kind === 3) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.str(); const flags = r.u32();
        if (flags & 0x100) info.tlsExports.add(name); // WASM_SYMBOL_TLS
      }
    } else if (kind === 4) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.str(); const name = r.str(); const flags = r.u32();
        if (flags & 1) info.weakImports.add(`${module}.${name}`); // WASM_SYMBOL_BINDING_WEAK
      }
    }
    r.p = subEnd;
  }
  return info;
}

/** The limits of a module's imported memory: { minimum, maximum (or undefined), shared, is64 }, or null. */
export function readMemoryImport(bytes) {
  const b = bytesOf(bytes);
  const r = reader(b, 8);
  while (r.p < b.length) {
    const id = b[r.p++];
    const end = r.u32() + r.p;
    if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.str(); r.str();
        const kind = b[r.p++];
        const limits = () => {
          const flags = b[r.p++];
          const minimum = r.u32();
          return { minimum, maximum: flags & 1 ? r.u32() : undefined, shared: (flags & 2) !== 0, is64: (flags & 4) !== 0 };
        };
        if (kind === 2) return limits();
        if (kind === 0) r.u32();
        else if (kind === 1) { r.p++; limits(); } // element type, limits
        else if (kind === 3) r.p += 2; // value type, mutability
        else if (kind === 4) { r.p++; r.u32(); } // attribute, type
      }
      return null;
    }
    r.p = end;
  }
  return null;
}

const alignTo = (v, log2) => Math.ceil(v / 2 ** log2) * 2 ** log2;

/** Exports every module has for itself alone, never bound to another module's imports. */
const OWN = new Set(['__wasm_apply_data_relocs', '__wasm_call_ctors', '__wasm_apply_global_relocs', 'memory', '__indirect_function_table',
  '__wasm_init_tls', '__tls_size', '__tls_align', '__tls_base']);

/**
 * Loads `main` (bytes of a -pie module) and the libraries it needs. Options: `library(name)` returns
 * a library's bytes; `imports` adds imports by module and name (what no loaded module defines);
 * `stackSize` (65536) and `nullArea` (1024 bytes kept unused at address 0).
 * Returns { exports (the main module's), modules ({ name, memoryBase, tableBase, tlsBase, exports }[] in
 * load order), memory, table, heapBase, symbol(name) (a function, or a data address; undefined if none) }.
 * Addresses are numbers, also in a wasm64 program (whose globals hold BigInts).
 */
export function loadProgram(main, { library = () => { throw new Error('no library loader given'); }, imports = {}, stackSize = 65536, nullArea = 1024 } = {}) {
  // 1. The modules, main first, then the libraries breadth first.
  const modules = [{ name: '<main>', bytes: main }];
  const seen = new Set();
  for (let k = 0; k < modules.length; k++) {
    const m = modules[k];
    m.dylink = readDylink(m.bytes);
    m.module = new WebAssembly.Module(m.bytes);
    for (const name of m.dylink.needed) {
      if (seen.has(name)) continue;
      seen.add(name);
      modules.push({ name, bytes: library(name) });
    }
  }
  const limits = readMemoryImport(modules[0].bytes);
  if (limits === null) throw new Error('the main module must import its memory: link it with --import-memory');
  // wasm64: addresses, table slots and the bases are i64, BigInts in JavaScript.
  const wasm64 = limits.is64;
  const ptr = (v) => (wasm64 ? BigInt(v) : v);
  const addressGlobal = (value, mutable) => new WebAssembly.Global({ value: wasm64 ? 'i64' : 'i32', mutable }, ptr(value));
  const address = wasm64 ? { address: 'i64' } : {};

  // 2. Memory: the null area, the stack (growing down), then each module's data; the table grows per module.
  let top = alignTo(nullArea, 4) + alignTo(stackSize, 4);
  const stackPointer = addressGlobal(top, true);
  for (const m of modules) {
    top = alignTo(top, m.dylink.memoryAlign);
    m.memoryBase = top;
    top += m.dylink.memorySize;
  }
  // The thread-local blocks of step 4 come after the data: up to a page for them, more once sizes are known.
  const pages = Math.max(1, Math.ceil((top + 2 * PAGE) / PAGE));
  const memory = new WebAssembly.Memory({
    initial: ptr(Math.max(pages, limits.minimum)), ...(limits.maximum !== undefined ? { maximum: ptr(limits.maximum) } : {}),
    ...(limits.shared ? { shared: true } : {}), ...address,
  });
  const table = new WebAssembly.Table({ initial: ptr(0), element: 'anyfunc', ...address });
  const tableLength = () => Number(table.length);

  // Symbols: the first definition of a name wins (main, then libraries in load order).
  const symbols = new Map(); // name -> { func } | { address } | { module, offset } (thread-local)
  const got = new Map(); // `GOT.mem.NAME` / `GOT.func.NAME` -> { global, weak }
  const slotOf = new Map(); // function -> table slot
  const lookup = (name) => symbols.get(name);
  const callLater = (name) => (...args) => {
    const s = lookup(name);
    if (!s || !s.func) throw new Error(`undefined function called: ${name}`);
    return s.func(...args);
  };

  // 3. Instantiate in load order.
  for (const m of modules) {
    const tableBase = alignTo(tableLength(), m.dylink.tableAlign);
    if (m.dylink.tableSize + tableBase > tableLength()) table.grow(ptr(tableBase + m.dylink.tableSize - tableLength()));
    m.tableBase = tableBase;
    const importObject = {};
    for (const imp of WebAssembly.Module.imports(m.module)) {
      const key = `${imp.module}.${imp.name}`;
      let value;
      if (imp.module === 'GOT.mem' || imp.module === 'GOT.func') {
        let entry = got.get(key);
        if (!entry) got.set(key, entry = { global: addressGlobal(0, true), weak: false, name: imp.name });
        if (m.dylink.weakImports.has(`env.${imp.name}`)) entry.weak = true;
        value = entry.global;
      } else if (imp.module === 'env' && imp.name === 'memory') {
        value = memory;
      } else if (imp.module === 'env' && imp.name === '__indirect_function_table') {
        value = table;
      } else if (imp.module === 'env' && imp.name === '__stack_pointer') {
        value = stackPointer;
      } else if (imp.module === 'env' && imp.name === '__memory_base') {
        value = addressGlobal(m.memoryBase, false);
      } else if (imp.module === 'env' && imp.name === '__table_base') {
        value = addressGlobal(m.tableBase, false);
      } else if (imp.kind === 'function') {
        const defined = imp.module === 'env' ? lookup(imp.name) : undefined;
        value = defined?.func ?? imports[imp.module]?.[imp.name] ?? callLater(imp.name);
        if (!defined && !imports[imp.module]?.[imp.name]) (m.late ??= []).push(imp.name);
      } else {
        value = imports[imp.module]?.[imp.name];
        if (value === undefined) throw new Error(`${m.name}: cannot provide import ${key} (${imp.kind})`);
      }
      (importObject[imp.module] ??= {})[imp.name] = value;
    }
    m.instance = new WebAssembly.Instance(m.module, importObject);
    m.exports = m.instance.exports;
    for (const [name, value] of Object.entries(m.exports)) {
      if (OWN.has(name) || name.startsWith('__start_') || name.startsWith('__stop_') || symbols.has(name)) continue;
      if (typeof value === 'function') symbols.set(name, { func: value });
      else if (value instanceof WebAssembly.Global && m.dylink.tlsExports.has(name)) symbols.set(name, { module: m, offset: Number(value.value) });
      else if (value instanceof WebAssembly.Global) symbols.set(name, { address: m.memoryBase + Number(value.value) });
    }
    // The slots this module filled: a GOT.func entry of one of its functions names the same slot.
    for (let i = m.tableBase; i < m.tableBase + m.dylink.tableSize; i++) {
      const f = table.get(ptr(i));
      if (f && !slotOf.has(f)) slotOf.set(f, i);
    }
  }

  // 4. This thread's blocks of thread-local data, after the modules' data.
  for (const m of modules) {
    const { __wasm_init_tls: init, __tls_size: size, __tls_align: align } = m.exports;
    if (!init || !size || !align) continue;
    top = alignTo(top, Math.log2(Math.max(1, Number(align.value)))); // 0 without thread-local data
    m.tlsBase = top;
    top += Number(size.value);
  }
  const heapBase = alignTo(top, 4);
  const needed = Math.ceil((heapBase + PAGE) / PAGE) - Number(memory.buffer.byteLength / PAGE);
  if (needed > 0) memory.grow(ptr(needed));

  // 5. GOT entries, once every module is in.
  const missing = [];
  const addressOf = (s) => (s.module ? (s.module.tlsBase ?? NaN) + s.offset : s.address);
  for (const [key, entry] of got) {
    const s = lookup(entry.name);
    if (key.startsWith('GOT.mem.')) {
      if (s && !s.func) {
        const a = addressOf(s);
        if (Number.isNaN(a)) throw new Error(`${entry.name} is thread-local data of ${s.module.name}, which does not export __wasm_init_tls, __tls_size and __tls_align`);
        entry.global.value = ptr(a);
      } else if (!entry.weak) {
        missing.push(key);
      }
    } else if (s && s.func) {
      let slot = slotOf.get(s.func);
      if (slot === undefined) {
        slot = Number(table.grow(ptr(1)));
        table.set(ptr(slot), s.func);
        slotOf.set(s.func, slot);
      }
      entry.global.value = ptr(slot);
    } else if (!entry.weak) {
      missing.push(key);
    }
  }
  for (const m of modules) {
    for (const name of m.late ?? []) if (!lookup(name)?.func && !m.dylink.weakImports.has(`env.${name}`)) missing.push(`${m.name}: env.${name}`);
  }
  if (missing.length > 0) throw new Error(`undefined symbols: ${missing.join(', ')}`);

  // 6. Thread-local data: each block filled and relocated by its module.
  for (const m of modules) if (m.tlsBase !== undefined) m.exports.__wasm_init_tls(ptr(m.tlsBase));

  // 7. Relocate data and run constructors, libraries first.
  for (const m of [...modules].reverse()) {
    m.exports.__wasm_apply_data_relocs?.();
    m.exports.__wasm_call_ctors?.();
  }
  return {
    exports: modules[0].exports,
    modules: modules.map(({ name, memoryBase, tableBase, tlsBase, exports }) => ({ name, memoryBase, tableBase, tlsBase, exports })),
    memory, table, heapBase,
    symbol: (name) => { const s = lookup(name); return s?.func ?? (s ? addressOf(s) : undefined); },
  };
}
