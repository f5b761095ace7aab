// --reproduce and LLD_REPRODUCE against the reference wasm-ld (scripts/wasm-ld-yowasp.mjs, which
// writes the archive back from its virtual file system): for the same link, wlink's archive must
// hold the same members in the same order with the same contents (version.txt aside, which names
// each linker), for links that succeed and links that fail. A wlink archive unpacked and linked
// again with `wlink @response.txt` must give the same output bytes. The reference sees relative
// paths against its virtual root rather than the working directory, so the cases compared with it
// name their inputs by absolute paths; reproduce.debian.test.ts (npm run test-debian) checks with
// Debian's wasm-ld-19 relative paths, response files, an archive's `.imports` file, a working
// directory reached through a symbolic link, the links that stop before resolving and an archive
// that cannot be opened (which the reference cannot show: its virtual file system creates missing
// directories). The objects are assembled at test time by @yowasp/clang.

import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { TarEntry } from '../formats/read-tar';
import { linkerCommand, REFERENCE_LD } from './inspect';
import { abs, dir, expectSame, fullLink, run, setUp, tearDown, TIMEOUT_MS } from './reproduce-fixture';

beforeAll(setUp, TIMEOUT_MS);
afterAll(tearDown);

describe('the same archive as the reference wasm-ld', () => {
  test('--reproduce=FILE: objects, an archive found by -l, --allow-undefined-file', () => {
    const argv = ['--reproduce=@T/repro.tar', ...fullLink()];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(0);
    expect(ref.tar!.map((m) => m.name)).toEqual(['repro/response.txt', 'repro/version.txt',
      ...['main.o', 'foo.o', 'lib/libbar.a', 'und.txt'].map((f) => `repro${abs(f)}`)]);
    expectSame(ours, ref);
    expect(Buffer.from(ours.tar![1].data).toString()).toMatch(/^wlink .*\n$/);
  });

  test('--reproduce FILE, options spelled as aliases, quoted values, a path with a space', () => {
    const argv = ['--reproduce', '@T/repro.tar', abs('main.o'), abs('sp ace/foo.o'), '--library-path', abs('lib'), '--library=bar',
      '-e', '_start', '-y', 'foo', '-u', 'bar', '--export-if-defined=foo', '-z', 'stack-size=131072', '-s', '-E',
      '--allow-undefined', '--keep-section=a b', `-Map=${abs('out.map')}`, '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(0);
    expectSame(ours, ref);
  });

  test('LLD_REPRODUCE, and --reproduce before it', () => {
    const viaEnv = { env: { LLD_REPRODUCE: '@T/repro2.tar' }, tar: 'repro2.tar' };
    const ours = run(linkerCommand(), 'ours', fullLink(), viaEnv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', fullLink(), viaEnv);
    expect(ref.tar![0].name).toBe('repro2/response.txt');
    expectSame(ours, ref);
    const both = { env: { LLD_REPRODUCE: '@T/not.tar' } };
    const argv = ['--reproduce=@T/repro.tar', ...fullLink()];
    const ours2 = run(linkerCommand(), 'ours', argv, both);
    expect(fs.existsSync(path.join(dir, 'ours', 'not.tar'))).toBe(false);
    expectSame(ours2, run([process.execPath, REFERENCE_LD], 'ref', argv, both));
  });

  test('a link that fails still writes what it read', () => {
    const argv = ['--reproduce=@T/repro.tar', abs('main.o'), abs('foo.o'), '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    const ref = run([process.execPath, REFERENCE_LD], 'ref', argv);
    expect(ref.status).toBe(1);
    expect(ref.tar).not.toBeNull();
    expectSame(ours, ref);
  });
});

test('an archive that cannot be opened: wlink: error, exit status 1, no output', () => {
  const ours = run(linkerCommand(), 'ours', ['--reproduce=@T/no/such/dir/repro.tar', ...fullLink()]);
  expect(ours.status).toBe(1);
  expect(ours.stderr).toBe('wlink: error: --reproduce: cannot open @T/no/such/dir/repro.tar\n');
  expect(ours.output).toBeNull();
});

test('an archive that cannot be written to: wlink: error, exit status 1, no output', () => {
  const ours = run(linkerCommand(), 'ours', ['--reproduce=/dev/full', ...fullLink()]);
  expect(ours.status).toBe(1);
  expect(ours.stderr).toBe('wlink: error: --reproduce: cannot write /dev/full: No space left on device\n');
  expect(ours.output).toBeNull();
});

/** Unpacks the archive of side `side` and links it again there with `wlink @response.txt`. */
function relink(side: string, tar: TarEntry[]): Buffer {
  const root = path.join(dir, side, 'unpacked');
  for (const m of tar) {
    const file = path.join(root, m.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, m.data);
  }
  const top = path.join(root, tar[0].name.split('/')[0]);
  const command = linkerCommand();
  const r = spawnSync(command[0], [...command.slice(1), '@response.txt'], { cwd: top, encoding: 'utf8', timeout: TIMEOUT_MS });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return fs.readFileSync(path.join(top, 'out.wasm'));
}

describe('linking again from the unpacked archive gives the same bytes', () => {
  test('absolute paths', () => {
    const ours = run(linkerCommand(), 'ours', ['--reproduce=@T/repro.tar', ...fullLink()]);
    expect(ours.status).toBe(0);
    expect(relink('ours', ours.tar!).equals(ours.output!)).toBe(true);
  });

  test('relative paths, ./ and ../ in them, and -o into a directory', () => {
    const argv = ['--reproduce=@T/repro.tar', './main.o', 'lib/../sp ace/foo.o', 'lib/libbar.a', '--allow-undefined', '-o', '@T/out.wasm'];
    const ours = run(linkerCommand(), 'ours', argv);
    expect(ours.status).toBe(0);
    expect(ours.tar!.map((m) => m.name).slice(2)).toEqual(['main.o', 'sp ace/foo.o', 'lib/libbar.a'].map((f) => `repro${abs(f)}`));
    expect(relink('ours', ours.tar!).equals(ours.output!)).toBe(true);
  });
});

