// Name interning (linker/core/byte-strings.ts, linker/core/symbols.ts): one id per distinct byte string,
// whatever the lengths (the hash reads four bytes at a time, then single bytes) and in whatever
// order lookups and additions come (add() reuses the hash of the find() that missed it).
import { ByteStrings } from '../../linker/core/byte-strings';
import { NO_SYM, Symbols } from '../../linker/core/symbols';
import { SymKind } from '../../formats/wasm';

const enc = new TextEncoder();

describe('ByteStrings', () => {
  test('interns strings of every length once, wherever they lie', () => {
    const names = Array.from({ length: 3000 }, (_, i) => 'n'.repeat(i % 23) + String(i * 7919)).concat(['', 'a', 'ab', 'abc', 'abcd', 'abcde']);
    const a = enc.encode(`xx${names.join('|')}`);
    const b = enc.encode(`yyy${names.join('/')}`);
    const s = new ByteStrings();
    const sa = s.source(a), sb = s.source(b);
    const ids: number[] = [];
    let at = 2;
    for (const n of names) {
      ids.push(s.intern(sa, at, n.length));
      at += n.length + 1;
    }
    expect(new Set(ids).size).toBe(names.length);
    at = 3;
    names.forEach((n, i) => {
      expect(s.find(sb, at, n.length)).toBe(ids[i]);
      at += n.length + 1;
    });
    expect(s.find(sb, 0, 3)).toBe(-1); // 'yyy'
  });

  test('a name added after other lookups reused its buffer is still found', () => {
    const syms = new Symbols();
    expect(syms.find('first_name')).toBe(NO_SYM);
    expect(syms.find('other_name')).toBe(NO_SYM); // encoded where 'first_name' was
    const id = syms.add('first_name', SymKind.Function, true);
    expect(syms.find('first_name')).toBe(id);
    expect(syms.find('other_name')).toBe(NO_SYM);
    expect(syms.nameOf(id)).toBe('first_name');
  });
});
