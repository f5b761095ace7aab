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
//      entries name (each once), asking `library(name)` for the bytes;
//   2. gives each module its data at a base aligned as MEM_INFO asks (above a reserved null area
//      and the stack) in one shared memory, and its table slots at the end of one shared table;
//   3. instantiates them in that order, providing env.memory, env.__indirect_function_table,
//      env.__stack_pointer (one mutable global for all), env.__memory_base and env.__table_base,
//      the GOT.mem.* / GOT.func.* globals, and functions: another module's export when one defines
//      it (the main module first, then the libraries in load order: the first definition wins, so
//      the main module overrides a library's weak function), else `imports.env`, else a stub that
//      looks the function up when first called (it may be defined by a module loaded later);
//   4. once all are instantiated, sets every GOT entry: a data symbol's address (its module's
//      __memory_base plus the exported offset), a function's table slot (the slot its own module
//      gave it if it has one, else a new slot); a symbol no module defines is 0 if the module's
//      dylink.0 IMPORT_INFO says it is weak, else an error;
//   5. then, libraries before the modules that need them (reverse load order), calls each module's
//      __wasm_apply_data_relocs and then its __wasm_call_ctors.
//
// Limits: the main module must import its memory (link it with --import-memory); wasm32 only, no
// shared memory or threads, no thread-local storage (dylink.0 EXPORT_INFO is ignored); modules are
// compiled and instantiated synchronously (a browser allows that only for small modules off the main
// thread); libraries are loaded once, at start-up (no dlopen/dlsym); the memory does not grow when
// the heap would (there is no allocator here: `heapBase` tells where free memory starts).

const PAGE = 65536;

/** dylink.0 of a module: { memorySize, memoryAlign, tableSize, tableAlign, needed, weakImports }. */
export function readDylink(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let p = 8;
  const u32 = () => {
    let v = 0, shift = 0, byte;
    do { byte = b[p++]; v |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    return v >>> 0;
  };
  const str = () => { const n = u32(); const s = new TextDecoder().decode(b.subarray(p, p + n)); p += n; return s; };
  if (b[p++] !== 0) throw new Error('not a position-independent module: dylink.0 must be the first section');
  const end = u32() + p;
  if (str() !== 'dylink.0') throw new Error('not a position-independent module: dylink.0 must be the first section');
  const info = { memorySize: 0, memoryAlign: 0, tableSize: 0, tableAlign: 0, needed: [], weakImports: new Set() };
  while (p < end) {
    const kind = b[p++];
    const subEnd = u32() + p;
    if (kind === 1) {
      info.memorySize = u32(); info.memoryAlign = u32(); info.tableSize = u32(); info.tableAlign = u32();
    } else if (kind === 2) {
      for (let n = u32(); n > 0; n--) info.needed.push(str());
    } else if (kind === 4) {
      for (let n = u32(); n > 0; n--) {
        const module = str(); const name = str(); const flags = u32();
        if (flags & 1) info.weakImports.add(`${module}.${name}`); // WASM_SYMBOL_BINDING_WEAK
      }
    }
    p = subEnd;
  }
  return info;
}

const alignTo = (v, log2) => Math.ceil(v / 2 ** log2) * 2 ** log2;

/** Exports every module has for itself alone, never bound to another module's imports. */
const OWN = new Set(['__wasm_apply_data_relocs', '__wasm_call_ctors', '__wasm_apply_global_relocs', 'memory', '__indirect_function_table']);

/**
 * Loads `main` (bytes of a -pie module) and the libraries it needs. Options: `library(name)` returns
 * a library's bytes; `imports` adds imports by module and name (what no loaded module defines);
 * `stackSize` (65536) and `nullArea` (1024 bytes kept unused at address 0).
 * Returns { exports (the main module's), modules ({ name, memoryBase, tableBase, exports }[] in load
 * order), memory, table, heapBase, symbol(name) (a function, or a data address; undefined if none) }.
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
  if (!WebAssembly.Module.imports(modules[0].module).some((i) => i.kind === 'memory')) {
    throw new Error('the main module must import its memory: link it with --import-memory');
  }

  // 2. Memory: the null area, the stack (growing down), then each module's data; the table grows per module.
  let ptr = alignTo(nullArea, 4) + alignTo(stackSize, 4);
  const stackPointer = new WebAssembly.Global({ value: 'i32', mutable: true }, ptr);
  for (const m of modules) {
    ptr = alignTo(ptr, m.dylink.memoryAlign);
    m.memoryBase = ptr;
    ptr += m.dylink.memorySize;
  }
  const heapBase = alignTo(ptr, 4);
  const pages = Math.max(1, Math.ceil((heapBase + PAGE) / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages });
  const table = new WebAssembly.Table({ initial: 0, element: 'anyfunc' });

  // Symbols: the first definition of a name wins (main, then libraries in load order).
  const symbols = new Map(); // name -> { func } | { address }
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
    const tableBase = alignTo(table.length, m.dylink.tableAlign);
    if (m.dylink.tableSize + tableBase > table.length) table.grow(tableBase + m.dylink.tableSize - table.length);
    m.tableBase = tableBase;
    const importObject = {};
    for (const imp of WebAssembly.Module.imports(m.module)) {
      const key = `${imp.module}.${imp.name}`;
      let value;
      if (imp.module === 'GOT.mem' || imp.module === 'GOT.func') {
        let entry = got.get(key);
        if (!entry) got.set(key, entry = { global: new WebAssembly.Global({ value: 'i32', mutable: true }, 0), weak: false, name: imp.name });
        if (m.dylink.weakImports.has(`env.${imp.name}`)) entry.weak = true;
        value = entry.global;
      } else if (imp.module === 'env' && imp.name === 'memory') {
        value = memory;
      } else if (imp.module === 'env' && imp.name === '__indirect_function_table') {
        value = table;
      } else if (imp.module === 'env' && imp.name === '__stack_pointer') {
        value = stackPointer;
      } else if (imp.module === 'env' && imp.name === '__memory_base') {
        value = new WebAssembly.Global({ value: 'i32', mutable: false }, m.memoryBase);
      } else if (imp.module === 'env' && imp.name === '__table_base') {
        value = new WebAssembly.Global({ value: 'i32', mutable: false }, m.tableBase);
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
      else if (value instanceof WebAssembly.Global) symbols.set(name, { address: m.memoryBase + value.value });
    }
    // The slots this module filled: a GOT.func entry of one of its functions names the same slot.
    for (let i = m.tableBase; i < m.tableBase + m.dylink.tableSize; i++) {
      const f = table.get(i);
      if (f && !slotOf.has(f)) slotOf.set(f, i);
    }
  }

  // 4. GOT entries, once every module is in.
  const missing = [];
  for (const [key, entry] of got) {
    const s = lookup(entry.name);
    if (key.startsWith('GOT.mem.')) {
      if (s && s.address !== undefined) entry.global.value = s.address;
      else if (!entry.weak) missing.push(key);
    } else if (s && s.func) {
      let slot = slotOf.get(s.func);
      if (slot === undefined) {
        slot = table.grow(1);
        table.set(slot, s.func);
        slotOf.set(s.func, slot);
      }
      entry.global.value = slot;
    } else if (!entry.weak) {
      missing.push(key);
    }
  }
  for (const m of modules) {
    for (const name of m.late ?? []) if (!lookup(name)?.func && !m.dylink.weakImports.has(`env.${name}`)) missing.push(`${m.name}: env.${name}`);
  }
  if (missing.length > 0) throw new Error(`undefined symbols: ${missing.join(', ')}`);

  // 5. Relocate data and run constructors, libraries first.
  for (const m of [...modules].reverse()) {
    m.exports.__wasm_apply_data_relocs?.();
    m.exports.__wasm_call_ctors?.();
  }
  return {
    exports: modules[0].exports,
    modules: modules.map(({ name, memoryBase, tableBase, exports }) => ({ name, memoryBase, tableBase, exports })),
    memory, table, heapBase,
    symbol: (name) => { const s = lookup(name); return s?.func ?? s?.address; },
  };
}
