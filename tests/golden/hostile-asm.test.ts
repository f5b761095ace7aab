// Inputs an assembler will make but no compiler does, which wasm-ld mishandles (wasm-ld-19 crashes or
// writes a module that breaks its own invariants; wasm-ld 21 with assertions stops on one): wlink
// ends each with a clear error and writes nothing. Found by the fuzzer (scripts/fuzz.mjs); the
// objects are assembled at test time by @yowasp/clang.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { linkerCommand, REPO_ROOT } from './inspect';

const TIMEOUT_MS = 120_000;

const SOURCES: Record<string, string> = {
  // A second .rodata input aligned to 2^31: merged into one output segment, its padding would be 2 GiB.
  'align31.s': `
.section .rodata.a,"",@
a:
  .int32 1
  .size a, 4
.section .rodata.b,"",@
.p2align 31
b:
  .int32 2
  .size b, 4
.section .text.main,"",@
.globl _start
_start:
  .functype _start () -> ()
  i32.const a
  drop
  i32.const b
  drop
  end_function
`,
  // Group grp, kept from this file.
  'group-kept.s': `
.section .text.g,"G",@,grp,comdat
.weak g
g:
  .functype g () -> ()
  end_function
.section .text.main,"",@
.globl _start
_start:
  .functype _start () -> ()
  call g
  end_function
`,
  // The same group with a local function in it, called from outside the group: discarded here.
  'group-local.s': `
.section .text.g,"G",@,grp,comdat
.weak g
g:
  .functype g () -> ()
  end_function
lf:
  .functype lf () -> (i32)
  i32.const 7
  end_function
.section .text.user,"",@
.globl user
user:
  .functype user () -> (i32)
  call lf
  end_function
`,
};

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-hostile-'));
  for (const [name, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, name), text);
  const pairs = Object.keys(SOURCES).map((s) => `${s}=${s.replace(/\.s$/, '.o')}`);
  const cc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bench', 'yowasp-cc.mjs'),
    '--target=wasm32', '-mcpu=mvp', '-c', '--', ...pairs], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (cc.status !== 0) throw new Error(`assembling the test objects failed: ${cc.stderr}`);
}, TIMEOUT_MS);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function wlink(...argv: string[]) {
  const command = linkerCommand();
  fs.rmSync(path.join(dir, 'out.wasm'), { force: true });
  const r = spawnSync(command[0], [...command.slice(1), ...argv, '-o', 'out.wasm'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS });
  return { status: r.status, stderr: r.stderr, written: fs.existsSync(path.join(dir, 'out.wasm')) };
}

test('data whose alignment would make a module over 1 GiB is refused before it is made', () => {
  expect(wlink('align31.o')).toEqual({ status: 1, written: false, stderr: 'wlink: error: data segments need 2147483652 bytes ' +
    '(.rodata: 2147483652, aligned to 2147483648), more than a WebAssembly module may hold (1073741824)\n' });
});

test('a local symbol of a discarded COMDAT copy referenced from outside the group is an error', () => {
  expect(wlink('group-kept.o', 'group-local.o', '--export=user')).toEqual({ status: 1, written: false,
    stderr: 'wlink: error: group-local.o: local symbol lf is in a discarded COMDAT group and is referenced\n' });
});
