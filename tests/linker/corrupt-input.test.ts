// Corrupted objects must end the link with a reported error (LinkError), never with another
// exception: the CLI turns anything else into "internal error", which is a linker bug.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseObject } from '../../formats/object';
import { Reloc, SectionId } from '../../formats/wasm';
import { Diagnostics, LinkError } from '../../linker/core/diagnostics';
import { linkToBytes } from '../../linker/driver';
import { defaultOptions } from '../../linker/core/options';
import { nodeHost } from '../../linker/host/node';
import { findSection, joinSections, splitSections, writeRelocs } from '../formats/edit-object';

const root = path.resolve(__dirname, '../../..');
let lib = '';
let crt1: Uint8Array;

beforeAll(() => {
  lib = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { ensureSysroot } from ${JSON.stringify(path.join(root, 'scripts/sysroot.mjs'))}; process.stdout.write(ensureSysroot(${JSON.stringify(root)}));`]).toString();
  crt1 = new Uint8Array(fs.readFileSync(path.join(lib, 'wasm32-wasip1/crt1-command.o')));
});

type Mode = 'link' | '--emit-relocs' | '-r';

function tryLink(object: Uint8Array, mode: Mode = 'link'): 'ok' | 'error' {
  return link(object, mode).result;
}

/** Links the object with libc.a; the output, or the error lines. */
function link(object: Uint8Array, mode: Mode = 'link'): { result: 'ok' | 'error'; bytes: Uint8Array | null; lines: string[] } {
  const o = defaultOptions(nodeHost);
  o.output = '/nonexistent/never-written.wasm';
  o.emitRelocs = mode === '--emit-relocs';
  o.relocatable = mode === '-r';
  o.inputs = [
    { kind: 'bytes', name: 'crt1-command.o', bytes: object, wholeArchive: false, lib: false },
    { kind: 'file', path: path.join(lib, 'wasm32-wasip1/libc.a'), wholeArchive: false, lib: false },
  ];
  o.allowUndefinedSymbols.add('__main_void');
  const diag = new Diagnostics();
  const lines: string[] = [];
  diag.sink = (l) => lines.push(l);
  try {
    return { result: 'ok', bytes: linkToBytes(o, diag), lines };
  } catch (e) {
    if (e instanceof LinkError) return { result: 'error', bytes: null, lines };
    throw e;
  }
}

const MODES: Mode[] = ['link', '--emit-relocs', '-r'];

test.each(MODES)('the uncorrupted input links (%s)', (mode) => {
  expect(tryLink(crt1, mode)).toBe('ok');
});

// The output writers of --emit-relocs and -r read the inputs in their own ways: each is fuzzed too.
test.each(MODES)('flipping any byte of an object never crashes the linker (%s)', (mode) => {
  let errors = 0;
  for (let at = 8; at < crt1.length; at++) {
    const copy = crt1.slice();
    copy[at] ^= Number(process.env.FUZZ_MASK ?? 0x5a);
    let r: string;
    try {
      r = tryLink(copy, mode);
    } catch (e) {
      throw new Error(`byte ${at}: ${(e as Error).stack}`);
    }
    if (r === 'error') errors++;
  }
  expect(errors).toBeGreaterThan(0);
});

test('LLVM bitcode (an -flto object) is a clear "not supported yet" error', () => {
  const o = defaultOptions(nodeHost);
  o.output = '/nonexistent/never-written.wasm';
  o.inputs = [{ kind: 'bytes', name: 'lto.o', bytes: Uint8Array.from([0x42, 0x43, 0xc0, 0xde, 0x35, 0x14, 0, 0]), wholeArchive: false, lib: false }];
  const diag = new Diagnostics();
  const lines: string[] = [];
  diag.sink = (l) => lines.push(l);
  expect(() => linkToBytes(o, diag)).toThrow(LinkError);
  expect(lines).toEqual(['wlink: error: lto.o: LLVM bitcode (an -flto object) is not supported yet: compile without -flto']);
});

// wasm-ld writes the whole field of a relocation (5 bytes for a 32-bit LEB) whatever the input
// holds there. A padded LEB that lost a continuation bit ends early; keeping its length left the
// rest of the field in the code as garbage, and the output did not validate.
test.each(MODES)('a padded LEB at a relocation site that lost a continuation bit is replaced whole (%s)', (mode) => {
  const obj = parseObject(crt1);
  const code = obj.relocs.find((r) => r.targetSection === obj.codeSectionIndex)!;
  const expected = link(crt1, mode).bytes!;
  let tried = 0;
  for (let r = 0; r < code.type.length; r++) {
    const site = obj.codeSectionStart + code.offset[r];
    if (code.type[r] === Reloc.FUNCTION_INDEX_I32) continue;
    for (let k = 0; k < 4; k++) {
      if ((crt1[site + k] & 0x80) === 0) continue;
      const copy = crt1.slice();
      copy[site + k] &= 0x7f;
      const { result, bytes, lines } = link(copy, mode);
      expect(lines).toEqual([]);
      expect(result).toBe('ok');
      if (mode !== '-r') expect(WebAssembly.validate(bytes!)).toBe(true);
      expect(Buffer.from(bytes!).equals(Buffer.from(expected))).toBe(true);
      tried++;
    }
  }
  expect(tried).toBeGreaterThan(20);
});

/** crt1-command.o with a custom section `extra` of 16 bytes that has one relocation. */
function withCustomRelocation(type: number, symbol: number): Uint8Array {
  const sections = splitSections(crt1);
  const at = findSection(sections, SectionId.Data) + 1;
  sections.splice(at, 0, { id: SectionId.Custom, name: 'extra', body: new Uint8Array(16) });
  sections.push({ id: SectionId.Custom, name: 'reloc.extra', body: writeRelocs({ target: at, entries: [{ type, offset: 0, index: symbol, addend: 0 }] }) });
  return joinSections(sections);
}

test('a GOT relocation in a custom section against a function without a GOT entry is an input error', () => {
  // Symbol 0 is _start: only relocations in code and data make GOT entries.
  for (const mode of ['link', '--emit-relocs'] as Mode[]) {
    const { result, lines } = link(withCustomRelocation(Reloc.GLOBAL_INDEX_LEB, 0), mode);
    expect(result).toBe('error');
    expect(lines).toEqual(['wlink: error: crt1-command.o: R_WASM_GLOBAL_INDEX_LEB against function symbol _start outside live code and data: '
      + 'the symbol has no GOT entry']);
  }
  // wasm-ld: "invalid global relocation: _start".
  const { lines } = link(withCustomRelocation(Reloc.GLOBAL_INDEX_I32, 0));
  expect(lines).toEqual([expect.stringMatching(/^wlink: error: crt1-command\.o: invalid global relocation: _start \(R_WASM_GLOBAL_INDEX_I32 against a function symbol\) \(at offset \d+\)$/)]);
});

test('every relocation type against every symbol of a custom section ends in output or an input error', () => {
  for (let type = 0; type <= 26; type++) {
    for (let symbol = 0; symbol < 8; symbol++) {
      for (const mode of MODES) {
        let r: string;
        try {
          r = tryLink(withCustomRelocation(type, symbol), mode);
        } catch (e) {
          throw new Error(`type ${type}, symbol ${symbol}, ${mode}: ${(e as Error).stack}`);
        }
        expect(['ok', 'error']).toContain(r);
      }
    }
  }
});

describe('inputs that are not regular files', () => {
  let dir = '';
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-inputs-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The command's stderr and status, in a child with a time limit: read as a file, /dev/zero never ends. */
  const wlink = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin/wlink.js'), ...args, '-o', path.join(dir, 'out.wasm')],
      { encoding: 'utf8', timeout: 20000, env: { ...process.env, WLINK_NO_BUNDLE: '1' } });
    return { stderr: r.stderr, status: r.status, signal: r.signal };
  };

  test('a character device (/dev/zero) is refused at once, not read until memory runs out', () => {
    expect(wlink('/dev/zero')).toEqual({ stderr: 'wlink: error: /dev/zero: not a regular file or a pipe (a character device)\n', status: 1, signal: null });
  });

  test('so is a thin archive member that names one', () => {
    // A GNU thin archive: the long-name table holds "/dev/zero/", the member's name is "/0".
    const header = (name: string, size: number) => name.padEnd(16) + '0'.padEnd(12) + '0'.padEnd(6) + '0'.padEnd(6) + '644'.padEnd(8) + String(size).padEnd(10) + '`\n';
    const names = '/dev/zero/\n';
    const thin = path.join(dir, 'thin.a');
    fs.writeFileSync(thin, '!<thin>\n' + header('//', names.length) + names + (names.length % 2 ? '\n' : '') + header('/0', 8));
    expect(wlink(thin)).toEqual({ stderr: `wlink: error: ${thin}: /dev/zero: not a regular file or a pipe (a character device)\n`, status: 1, signal: null });
  });

  test('a directory is "Is a directory", as wasm-ld says', () => {
    const o = defaultOptions(nodeHost);
    o.output = path.join(dir, 'never.wasm');
    o.inputs = [{ kind: 'file', path: dir, wholeArchive: false, lib: false }];
    const diag = new Diagnostics();
    const lines: string[] = [];
    diag.sink = (l) => lines.push(l);
    expect(() => linkToBytes(o, diag)).toThrow(LinkError);
    expect(lines).toEqual([`wlink: error: cannot open ${dir}: Is a directory`]);
  });

  test('a file larger than readFileSync reads (2 GiB) is read in pieces', async () => {
    const { readInputFile } = await import('../../linker/host/node');
    const file = path.join(dir, 'pieces.bin');
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
    fs.writeFileSync(file, bytes);
    // The limit lowered: the same path as a file of 2 GiB or more takes.
    expect(Buffer.from(readInputFile(file, undefined, 'input', 4096)).equals(Buffer.from(bytes))).toBe(true);
  });

  test('a pipe is read to its end, and no further than the limit', async () => {
    const { readInputFile } = await import('../../linker/host/node');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const obj = path.join(dir, 'crt1.o');
    fs.writeFileSync(obj, crt1);
    // The writers are other processes: reading blocks this one.
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', obj, fifo]);
    expect(Buffer.from(readInputFile(fifo)).equals(Buffer.from(crt1))).toBe(true);
    await new Promise((resolve) => writer.on('close', resolve));
    const endless = spawn('sh', ['-c', 'exec cat /dev/zero > "$1"', 'sh', fifo]);
    expect(() => readInputFile(fifo, 1 << 20)).toThrow(`${fifo}: more than 1048576 bytes read from a pipe, the most an input read from a pipe may have`);
    endless.kill();
    await new Promise((resolve) => endless.on('close', resolve));
  });
});
