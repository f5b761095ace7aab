// Stub libraries (wasm-ld's StubFile, as Emscripten writes them): a text file whose first line is
// `#STUB`, then one line per symbol a JavaScript host provides, `NAME: DEP1,DEP2,...`, the DEPs
// being symbols the module must define and export when it imports NAME. Lines are trimmed, a line
// starting with `#` is a comment, a line without `:` names a symbol without dependencies, and
// names and dependencies are trimmed of spaces. A symbol listed twice keeps its first place and its
// last dependencies, as wasm-ld's map does. Nothing else is read; the rules are in
// linker/resolve/stub-library.ts.

/** One symbol of a stub library: its name and the symbols importing it needs. */
export interface StubEntry {
  name: string;
  deps: string[];
}

/** Whether `bytes` is a stub library (starts with `#STUB`). */
export function isStubLibrary(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x23 && bytes[1] === 0x53 && bytes[2] === 0x54 && bytes[3] === 0x55 && bytes[4] === 0x42;
}

/** LLVM's StringRef::trim(): spaces, tabs, newlines, vertical tabs, form feeds and returns off both ends. */
const trim = (s: string): string => s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
/** wasm-ld's strip(): spaces only. */
const strip = (s: string): string => s.replace(/^ +| +$/g, '');

/** The symbols of stub library `text`, in the order they first appear (an empty line is the symbol ``). */
export function parseStubLibrary(text: string): StubEntry[] {
  const entries: StubEntry[] = [];
  const index = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = trim(raw);
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const name = strip(colon < 0 ? line : line.slice(0, colon));
    let rest = colon < 0 ? '' : strip(line.slice(colon + 1));
    const deps: string[] = [];
    while (rest.length > 0) {
      const comma = rest.indexOf(',');
      deps.push(strip(comma < 0 ? rest : rest.slice(0, comma)));
      rest = comma < 0 ? '' : rest.slice(comma + 1);
    }
    const at = index.get(name);
    if (at === undefined) {
      index.set(name, entries.length);
      entries.push({ name, deps });
    } else {
      entries[at].deps = deps;
    }
  }
  return entries;
}
