// formats/tar.ts: members read back by a small reader (read-tar.ts: headers, checksums, the ustar
// prefix split, PAX path records) and by the system's tar where there is one (listing and
// extracting, non-UTF-8 names included).
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { paxRecord, splitUstar, TAR_BLOCK, TAR_END, tarMember } from '../../formats/tar';
import { readTar } from './read-tar';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const archive = (members: [string, Uint8Array][]) => concat([...members.map(([n, d]) => tarMember(bytes(n), d)), TAR_END]);

const hasTar = spawnSync('tar', ['--version']).status === 0;

describe('tarMember', () => {
  test('a short name: one header, mode 0664, an empty type flag, data padded to a block', () => {
    const data = bytes('hello\n');
    const m = tarMember(bytes('repro/response.txt'), data);
    expect(m.length).toBe(2 * TAR_BLOCK);
    const [r] = readTar(concat([m, TAR_END]));
    expect(r.name).toBe('repro/response.txt');
    expect(r.mode).toBe('0000664');
    expect(r.type).toBe(0);
    expect(Buffer.from(r.data).equals(Buffer.from(data))).toBe(true);
  });

  test('data of 0, 512 and 513 bytes take 0, 1 and 2 blocks', () => {
    for (const [size, blocks] of [[0, 0], [512, 1], [513, 2]]) {
      expect(tarMember(bytes('a/b'), new Uint8Array(size)).length).toBe((1 + blocks) * TAR_BLOCK);
    }
  });

  test('names of 99 bytes fit the name field; from 100 bytes they are split at a slash', () => {
    const n99 = `d/${'x'.repeat(97)}`;
    expect(splitUstar(bytes(n99))!.prefix.length).toBe(0);
    const n100 = `d/${'x'.repeat(98)}`;
    const split = splitUstar(bytes(n100))!;
    expect(Buffer.from(split.prefix).toString()).toBe('d');
    expect(split.name.length).toBe(98);
    const [r] = readTar(archive([[n100, bytes('x')]]));
    expect(r.name).toBe(n100);
  });

  test('the prefix uses at most 137 bytes; past that, or with a last part of 100 bytes, a PAX record', () => {
    const fits = `${'p'.repeat(137)}/${'n'.repeat(99)}`;
    expect(splitUstar(bytes(fits))).not.toBeNull();
    const prefixTooLong = `${'p'.repeat(138)}/${'n'.repeat(10)}`;
    expect(splitUstar(bytes(prefixTooLong))).toBeNull();
    const lastTooLong = `p/${'n'.repeat(100)}`;
    expect(splitUstar(bytes(lastTooLong))).toBeNull();
    const noSlash = 'n'.repeat(120);
    expect(splitUstar(bytes(noSlash))).toBeNull();
    // A slash within the first 137 bytes still splits a name whose other slashes come later.
    const early = `a/${'b'.repeat(50)}/${'c'.repeat(90)}`;
    expect(Buffer.from(splitUstar(bytes(early))!.prefix).toString()).toBe(`a/${'b'.repeat(50)}`);
    const read = readTar(archive([[fits, bytes('1')], [prefixTooLong, bytes('2')], [lastTooLong, bytes('3')], [noSlash, bytes('4')]]));
    expect(read.map((r) => r.name)).toEqual([fits, prefixTooLong, lastTooLong, noSlash]);
    expect(read.map((r) => Buffer.from(r.data).toString())).toEqual(['1', '2', '3', '4']);
  });

  test('a PAX record counts its own length, also where adding the digits adds a digit', () => {
    for (const n of [...Array(16).keys()].flatMap((k) => [82 + k, 982 + k])) {
      const r = paxRecord('path', new Uint8Array(n).fill(0x61));
      const text = Buffer.from(r).toString('latin1');
      expect(Number(text.slice(0, text.indexOf(' ')))).toBe(r.length);
      expect(text.endsWith('\n')).toBe(true);
    }
  });

  test('sizes beyond 11 octal digits are refused', () => {
    expect(() => tarMember(bytes('a'), { length: 8 ** 11 } as Uint8Array)).toThrow(RangeError);
  });
});

(hasTar ? describe : describe.skip)('read back by the system tar', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-tar-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('lists and extracts short, split, PAX and non-UTF-8 names with their contents', () => {
    const names = [
      'top/response.txt',
      `top/${'d'.repeat(60)}/${'e'.repeat(60)}/f.o`,
      `top/${'g'.repeat(150)}/a.o`,
      `top/${'h'.repeat(120)}.o`,
    ];
    const members: [Uint8Array, Uint8Array][] = names.map((n, i) => [bytes(n), bytes(`member ${i}\n`.repeat(i * 100 + 1))]);
    const odd = concat([bytes('top/c'), Uint8Array.of(0xff), bytes('b.o')]);
    members.push([odd, Uint8Array.of(1, 2, 3)]);
    const file = path.join(dir, 'x.tar');
    fs.writeFileSync(file, concat([...members.map(([n, d]) => tarMember(n, d)), TAR_END]));

    const list = spawnSync('tar', ['tf', file]);
    expect(list.status).toBe(0);
    const listed = list.stdout.toString('latin1').split('\n').filter((l) => l !== '');
    // (tar escapes the 0xff byte when it lists a name: that name is checked by extracting it)
    expect(listed.slice(0, names.length)).toEqual(names);
    expect(listed.length).toBe(names.length + 1);

    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    expect(spawnSync('tar', ['xf', file, '-C', out]).status).toBe(0);
    for (const [n, d] of members) {
      expect(fs.readFileSync(Buffer.concat([Buffer.from(`${out}/`), Buffer.from(n)])).equals(Buffer.from(d))).toBe(true);
    }
  });
});
