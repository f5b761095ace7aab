// File names that are not UTF-8 (linker/core/file-names.ts): kept as their bytes from argv and
// response files to the file system and the module's name, shown as \xNN in messages.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeFileName, nameBytes, shown } from '../../linker/core/file-names';
import { fsPath } from '../../linker/host/node';
import { readCacheIndex, readLinkJson, REPO_ROOT, withOutput } from '../golden/inspect';

const WLINK = path.join(REPO_ROOT, 'bin', 'wlink.js');

test('decoding keeps every byte: any byte string comes back as it was', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
  const samples: Uint8Array[] = [
    Uint8Array.of(0x63, 0xff, 0x2e, 0x6f), Uint8Array.of(0xc3, 0xa9), Uint8Array.of(0xc3), Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xe0, 0x80, 0x80), Uint8Array.of(0xf4, 0x90, 0x80, 0x80), Uint8Array.of(0xf0, 0x9f, 0x98, 0x80),
  ];
  for (let i = 0; i < 2000; i++) samples.push(Uint8Array.from({ length: next() % 12 }, () => next() & 0xff));
  for (const b of samples) {
    const name = decodeFileName(b);
    expect(Buffer.from(nameBytes(name)).equals(Buffer.from(b))).toBe(true);
    // Valid UTF-8 decodes as node decodes it, so such names are plain strings.
    if (Buffer.from(Buffer.from(b).toString('utf8'), 'utf8').equals(Buffer.from(b))) {
      expect(name).toBe(Buffer.from(b).toString('utf8'));
      expect(fsPath(name)).toBe(name);
    }
  }
  expect(shown(decodeFileName(Uint8Array.of(0x63, 0xff, 0x2e, 0x6f)))).toBe('c\\xFF.o');
  expect(fsPath(decodeFileName(Uint8Array.of(0x63, 0xff)))).toEqual(Buffer.from([0x63, 0xff]));
});

describe('the command with non-UTF-8 names', () => {
  let dir = '';
  let argv: string[] = [];
  let cacheDir = '';
  // Names with bytes node cannot pass as strings go through sh: "$(printf ...)".
  const sh = (script: string) => spawnSync('/bin/sh', ['-c', script], { cwd: cacheDir, encoding: 'latin1' });
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

  beforeAll(() => {
    const cache = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'golden-cache.mjs'), 'args_exit'], { stdio: 'inherit' });
    if (cache.status !== 0) throw new Error('scripts/golden-cache.mjs failed');
    cacheDir = readCacheIndex().args_exit;
    argv = readLinkJson(cacheDir).argv;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-names-'));
  }, 300_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an input and an output named with a byte that is not UTF-8', () => {
    const object = argv.find((a) => a.endsWith('.o') && !a.includes('crt1'))!;
    fs.copyFileSync(path.join(cacheDir, object), Buffer.from(path.join(dir, 'in\xff.o'), 'latin1'));
    const args = withOutput(argv, 'OUT').map((a) => (a === object ? 'IN' : a)).map(q).join(' ')
      .replace(`'IN'`, `"$(printf '${dir}/in\\377.o')"`).replace(`'OUT'`, `"$(printf '${dir}/out\\376.wasm')"`);
    const r = sh(`exec ${q(process.execPath)} ${q(WLINK)} ${args}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = fs.readFileSync(Buffer.from(path.join(dir, 'out\xfe.wasm'), 'latin1'));
    // The name section names the module by the output's bytes, as wasm-ld does.
    expect(out.includes(Buffer.from('out\xfe.wasm', 'latin1'))).toBe(true);
  });

  test('a missing input so named: the error shows the byte as \\xFF', () => {
    const r = sh(`exec ${q(process.execPath)} ${q(WLINK)} "$(printf '${dir}/none\\377.o')" -o ${q(path.join(dir, 'x.wasm'))}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`wlink: error: cannot open ${dir}/none\\xFF.o: No such file or directory\n`);
  });

  test('names in a response file keep their bytes too', () => {
    const object = argv.find((a) => a.endsWith('.o') && !a.includes('crt1'))!;
    fs.copyFileSync(path.join(cacheDir, object), Buffer.from(path.join(dir, 'rsp\xff.o'), 'latin1'));
    const lines = withOutput(argv, 'OUT').map((a) => (a === object ? Buffer.from(`${dir}/rsp\xff.o`, 'latin1')
      : a === 'OUT' ? Buffer.from(`${dir}/rsp\xfe.wasm`, 'latin1') : Buffer.from(a, 'utf8')));
    const rsp = Buffer.concat(lines.flatMap((b) => [b, Buffer.from('\n')]));
    fs.writeFileSync(path.join(dir, 'args.rsp'), rsp);
    const r = spawnSync(process.execPath, [WLINK, `@${path.join(dir, 'args.rsp')}`], { cwd: cacheDir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(Buffer.from(path.join(dir, 'rsp\xfe.wasm'), 'latin1'))).toBe(true);
  });
});
