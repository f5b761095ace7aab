import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandResponseFiles, tokenizePosix, tokenizeWindows } from '../../linker/cli/argv';
import { helpText } from '../../linker/cli/help';
import { LARGE_LINK_BYTES, main, runCommand } from '../../linker/cli/main';
import { parseArgs, parseCommandLine } from '../../linker/cli/parse';
import { Diagnostics } from '../../linker/core/diagnostics';
import { MemoryHost } from '../../linker/core/host';
import { nodeHost } from '../../linker/host/node';
import { LinkOptions } from '../../linker/core/options';

// A temp tree shaped like a wasi-sdk sysroot, with real files.
let root: string;
let X: string; // holds lib/libc.a and libclang_rt.builtins.a
let Y: string; // holds crt1-command.o, libc.a, libm.a, libfoo.so
let T: string; // t.o
let A: string; // a.a, b.a, c.a, d.a
const file = (...parts: string[]) => {
  const p = path.join(root, ...parts);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '');
  return p;
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-cli-'));
  X = path.join(root, 'x');
  Y = path.join(root, 'y');
  A = path.join(root, 'ar');
  file('x', 'lib', 'libc.a');
  file('x', 'libclang_rt.builtins.a');
  file('y', 'crt1-command.o');
  file('y', 'libc.a');
  file('y', 'libm.a');
  file('y', 'libfoo.so');
  T = file('t.o');
  for (const n of ['a', 'b', 'c', 'd']) file('ar', `${n}.a`);
  for (const n of ['a', 'b', 'c', 'd']) file('ar', `${n}.o`);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Parses with a link's worth of inputs added (`t.o -o out.wasm`) unless `bare`. */
function parse(argv: string[], { bare = false } = {}) {
  const diag = new Diagnostics();
  diag.errorLimit = 0;
  const lines: string[] = [];
  diag.sink = (l) => lines.push(l);
  const options = parseArgs(bare ? argv : [T, ...argv, '-o', 'out.wasm'], diag, { host: nodeHost });
  return { options, errors: diag.errors, warnings: diag.warnings, lines };
}

const paths = (o: LinkOptions) => o.inputs.map((i) => (i.kind === 'file' ? i.path : i.name));

describe('clang driver argv', () => {
  test('wasm32-wasi link line', () => {
    const crt1 = path.join(Y, 'crt1-command.o');
    const builtins = path.join(X, 'libclang_rt.builtins.a');
    const { options, errors } = parse(
      ['-m', 'wasm32', `-L${X}/lib`, `-L${Y}`, crt1, T, '-lc', builtins, '-o', 'a.wasm'],
      { bare: true },
    );
    expect(errors).toEqual([]);
    expect(paths(options)).toEqual([crt1, T, path.join(X, 'lib', 'libc.a'), builtins]);
    expect(options.inputs.every((i) => !i.wholeArchive && !i.lib)).toBe(true);
    expect(options.output).toBe('a.wasm');
    expect(options.wasm64).toBe(false);
    expect(options.entry).toBe('_start');
    expect(options.entryExplicit).toBe(false);
    expect(options.exportMemory).toBe('memory');
    expect(options.gcSections).toBe(true);
  });

  test('defaults with no options', () => {
    const { options, errors } = parse([]);
    expect(errors).toEqual([]);
    expect(options).toMatchObject({
      output: 'out.wasm', entry: '_start', exports: [], importMemory: null, exportMemory: 'memory',
      unresolvedSymbols: 'report-all', importUndefined: false, gcSections: true, mergeDataSegments: true,
      globalBase: null, tableBase: 1, stackSize: 65536, initialMemory: null, maxMemory: null,
      optLevel: 1, demangle: true, checkFeatures: true, features: null, extraFeatures: [], errorLimit: 20,
    });
  });
});

describe('-flavor', () => {
  // lld's universal driver takes `-flavor NAME` first (wasm-ld-19 -flavor wasm links; compiler drivers
  // and wasm-component-ld pass it); elsewhere it is an unknown argument, as in wasm-ld.
  test('-flavor wasm first is removed', () => {
    const { options, errors } = parse(['-flavor', 'wasm', T, '--no-entry', '-o', 'a.wasm'], { bare: true });
    expect(errors).toEqual([]);
    expect(paths(options)).toEqual([T]);
    expect(options.entry).toBeNull();
  });
  test('another flavor, a missing one, or -flavor later', () => {
    expect(parse(['-flavor', 'gnu', T], { bare: true }).errors).toEqual(['-flavor gnu: wlink links only WebAssembly (-flavor wasm)']);
    expect(parse(['-flavor'], { bare: true }).errors).toEqual(["missing arg value for '-flavor'"]);
    expect(parse(['-flavor', 'wasm']).errors).toContain('unknown argument: -flavor');
  });
});

describe('option syntax', () => {
  test('long options with one dash', () => {
    const { options, errors } = parse([
      '-export=foo', '-export', 'bar', '-export-if-defined=baz', '-allow-undefined', '-entry=main',
      '-wrap=malloc', '-keep-section', 'producers', '-strip-debug', '-no-gc-sections', '-demangle',
      '-no-demangle', '-library-path', Y, '-library', 'm',
    ]);
    expect(errors).toEqual([]);
    expect(options.exports).toEqual(['foo', 'bar']);
    expect(options.exportsIfDefined).toEqual(['baz']);
    expect(options.importUndefined).toBe(true);
    expect(options.entry).toBe('main');
    expect(options.wrap).toEqual(['malloc']);
    expect(options.keepSections).toEqual(['producers']);
    expect(options.stripDebug).toBe(true);
    expect(options.gcSections).toBe(false);
    expect(options.demangle).toBe(false);
    expect(paths(options)).toEqual([T, path.join(Y, 'libm.a')]);
  });

  test('two-dash-only options are not accepted with one dash (as in wasm-ld)', () => {
    const { errors } = parse(['-stack-first', '-no-entry', '-import-memory', '-global-base=8']);
    expect(errors).toEqual([
      'unknown argument: -stack-first',
      'unknown argument: -no-entry',
      'unknown argument: -import-memory',
      'unknown argument: -global-base=8',
    ]);
    // OptTable's longest match: -export-all is `-e xport-all`, exactly like wasm-ld.
    expect(parse(['-export-all']).options).toMatchObject({ entry: 'xport-all', exportAll: false });
  });

  test('--opt value and --opt=value', () => {
    const a = parse(['--export', 'foo', '--entry', 'main', '--undefined', 'u1', '--error-limit', '7', '--wrap', 'w']);
    const b = parse(['--export=foo', '--entry=main', '--undefined=u1', '--error-limit=7', '--wrap=w']);
    for (const { options, errors } of [a, b]) {
      expect(errors).toEqual([]);
      expect(options.exports).toEqual(['foo']);
      expect(options.entry).toBe('main');
      expect(options.undefinedSymbols).toEqual(['u1']);
      expect(options.errorLimit).toBe(7);
      expect(options.wrap).toEqual(['w']);
    }
  });

  test('joined and separate short options', () => {
    const { options, errors } = parse(['-u', 's1', '-us2', '-e', 'e1', '-O', '2', '-mwasm64', '-s']);
    expect(errors).toEqual([]);
    expect(options.undefinedSymbols).toEqual(['s1', 's2']);
    expect(options.entry).toBe('e1');
    expect(options.optLevel).toBe(2);
    expect(options.wasm64).toBe(true);
    expect(options.stripAll).toBe(true);
    expect(parse(['-O0']).options.optLevel).toBe(0);
    expect(parse(['-oother.wasm'], { bare: true }).options.output).toBe('other.wasm');
    expect(parse(['-o', 'first.wasm', '-o', 'last.wasm'], { bare: true }).options.output).toBe('last.wasm');
  });

  test('options that only take --opt=value reject --opt value', () => {
    const { errors } = parse(['--global-base', '1024']);
    expect(errors).toEqual(['unknown argument: --global-base', 'cannot open 1024: No such file or directory']);
  });

  test('a value may start with a dash', () => {
    expect(parse(['--export', '-weird']).options.exports).toEqual(['-weird']);
  });

  test('values are taken verbatim, as wasm-ld does: quotes kept, empty values kept', () => {
    const { options, errors, warnings } = parse(['--export="q"', "--wrap='w'", '--export=', '-u', '', '-z', '', '--entry="m"']);
    expect(errors).toEqual([]);
    expect(options.exports).toEqual(['"q"', '']);
    expect(options.wrap).toEqual(["'w'"]);
    expect(options.undefinedSymbols).toEqual(['']);
    expect(options.entry).toBe('"m"');
    expect(warnings).toEqual(['unknown -z value: ']);
    expect(parse(['-o', '"o.wasm"'], { bare: true }).options.output).toBe('"o.wasm"');
  });

  test('an empty argument is skipped, as OptTable does (wasm-ld \'\' says no input files)', () => {
    expect(parse([''], { bare: true }).errors).toEqual(['no input files']);
    const { options, errors } = parse(['', T, '', '-o', 'x.wasm'], { bare: true });
    expect(errors).toEqual([]);
    expect(options.inputs.map((i) => (i.kind === 'file' ? i.path : i.kind))).toEqual([T]);
  });

  test('missing argument', () => {
    const { errors } = parse([T, '-o', 'x.wasm', '--export'], { bare: true });
    expect(errors).toEqual(['--export: missing argument']);
  });

  test('invalid -m', () => {
    expect(parse(['-m', 'wasm16']).errors).toEqual(['invalid target architecture: wasm16']);
  });
});

describe('inputs in argv order', () => {
  test('--whole-archive applies to the files after it', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => path.join(A, `${n}.a`));
    const { options, errors } = parse(
      [a, '--whole-archive', b, `-L${Y}`, '-lm', c, '--no-whole-archive', d, '-o', 'x.wasm'],
      { bare: true },
    );
    expect(errors).toEqual([]);
    expect(paths(options)).toEqual([a, b, path.join(Y, 'libm.a'), c, d]);
    expect(options.inputs.map((i) => i.wholeArchive)).toEqual([false, true, true, true, false]);
  });

  test('--start-lib/--end-lib make objects lazy', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => path.join(A, `${n}.o`));
    const { options, errors } = parse([a, '--start-lib', b, c, '--end-lib', d, '-o', 'x.wasm'], { bare: true });
    expect(errors).toEqual([]);
    expect(paths(options)).toEqual([a, b, c, d]);
    expect(options.inputs.map((i) => i.lib)).toEqual([false, true, true, false]);
  });

  test('nested --start-lib and stray --end-lib', () => {
    expect(parse(['--start-lib', '--start-lib', '--end-lib']).errors).toEqual(['nested --start-lib']);
    expect(parse(['--end-lib']).errors).toEqual(['stray --end-lib']);
  });

  test('-l searches every -L in order, wherever the -L is', () => {
    // Both x/lib and y have libc.a: the first -L wins, even when given after -lc.
    const first = parse(['-lc', `-L${X}/lib`, '-L', Y]);
    expect(first.errors).toEqual([]);
    expect(paths(first.options)).toEqual([T, path.join(X, 'lib', 'libc.a')]);
    const swapped = parse(['-lc', `-L${Y}`, `--library-path=${X}/lib`]);
    expect(paths(swapped.options)).toEqual([T, path.join(Y, 'libc.a')]);
  });

  test('-l:NAME looks for the exact file name', () => {
    const { options, errors } = parse([`-L${Y}`, '-l:crt1-command.o', '-l', ':libm.a']);
    expect(errors).toEqual([]);
    expect(paths(options)).toEqual([T, path.join(Y, 'crt1-command.o'), path.join(Y, 'libm.a')]);
  });

  test('-l not found; shared libraries are not searched', () => {
    const { errors } = parse([`-L${Y}`, '-lnothere', '-lfoo']);
    expect(errors).toEqual(['unable to find library -lnothere', 'unable to find library -lfoo']);
  });

  test('missing input file', () => {
    const missing = path.join(root, 'missing.o');
    const { options, errors } = parse([missing]);
    expect(errors).toEqual([`cannot open ${missing}: No such file or directory`]);
    expect(paths(options)).toEqual([T]);
  });

  test('no input files, no output file', () => {
    expect(parse(['-o', 'x.wasm'], { bare: true }).errors).toEqual(['no input files']);
    expect(parse([T], { bare: true }).errors).toEqual(['no output file specified']);
  });
});

describe('response files', () => {
  test('posix quoting, nested files', () => {
    const nested = path.join(root, 'nested.rsp');
    fs.writeFileSync(nested, '--entry=from_nested\n');
    const rsp = path.join(root, 'args.rsp');
    fs.writeFileSync(rsp, `-o "out file.wasm" '${T}'\n--export=a\\ b --export="q\\"uote" --export='it'"s" @${nested}\n`);
    const { options, errors } = parse([`@${rsp}`], { bare: true });
    expect(errors).toEqual([]);
    expect(options.output).toBe('out file.wasm');
    expect(paths(options)).toEqual([T]);
    expect(options.exports).toEqual(['a b', 'q"uote', 'its']);
    expect(options.entry).toBe('from_nested');
  });

  test('windows quoting with --rsp-quoting=windows', () => {
    const rsp = path.join(root, 'win.rsp');
    fs.writeFileSync(rsp, '--export="a b" --export=C:\\dir\\x --export="say ""hi""" --export=\\"q');
    const { options, errors } = parse(['--rsp-quoting=windows', `@${rsp}`]);
    expect(errors).toEqual([]);
    expect(options.exports).toEqual(['a b', 'C:\\dir\\x', 'say "hi"', '"q']);
  });

  test('a missing response file stays an argument; recursion is an error', () => {
    const missing = path.join(root, 'nope.rsp');
    expect(parse([`@${missing}`]).errors).toEqual([`cannot open @${missing}: No such file or directory`]);
    const loop = path.join(root, 'loop.rsp');
    fs.writeFileSync(loop, `@${loop}`);
    expect(parse([`@${loop}`]).errors).toEqual([`recursive expansion of: '${loop}'`]);
  });

  test('tokenizers', () => {
    expect(tokenizePosix(` a  "b c" d\\ e 'f\\'g' "" h""i\n`)).toEqual(['a', 'b c', 'd e', "f'g", 'hi']);
    expect(tokenizeWindows('a "b c" d\\e "" \\\\"x y"')).toEqual(['a', 'b c', 'd\\e', '', '\\x y']);
  });

  test('expansion with an in-memory file system', () => {
    const host = new MemoryHost({ 'r.rsp': new TextEncoder().encode('-lc "x y"') });
    const diag = new Diagnostics();
    expect(expandResponseFiles(['a', '@r.rsp', 'b'], 'posix', host, diag)).toEqual(['a', '-lc', 'x y', 'b']);
  });
});

describe('diagnostics', () => {
  test('unknown options', () => {
    const { errors, lines } = parse(['--foo', '-bar=1', '--']);
    expect(errors).toEqual(['unknown argument: --foo', 'unknown argument: -bar=1', 'unknown argument: --']);
    expect(lines[0]).toBe('wlink: error: unknown argument: --foo');
  });

  test('wasm-ld options wlink does not support', () => {
    const { errors } = parse([
      '--lto-O2', '--thinlto-jobs=2', '--page-size=4096',
    ]);
    expect(errors).toEqual([
      'option not supported yet: --lto-O',
      'option not supported yet: --thinlto-jobs',
      'option not supported yet: --page-size',
    ]);
  });

  test('coloring and threads are accepted, and validated', () => {
    expect(parse(['--color-diagnostics', '--no-color-diagnostics', '--color-diagnostics=auto', '--threads=4']).errors).toEqual([]);
    expect(parse(['--color-diagnostics=pink', '--threads=0']).errors).toEqual([
      'unknown option: --color-diagnostics=pink',
      "--threads: expected a positive integer, but got '0'",
    ]);
  });

  test('--error-limit and --fatal-warnings apply to parsing', () => {
    const diag = new Diagnostics();
    parseArgs([T, '-o', 'x', '--error-limit=3', '--fatal-warnings', '-z', 'what'], diag, { host: nodeHost });
    expect(diag.errorLimit).toBe(3);
    expect(diag.errors).toEqual(['unknown -z value: what']);
  });
});

describe('-z', () => {
  test('stack-size, joined or separate, last wins, hex', () => {
    expect(parse(['-z', 'stack-size=1048576']).options.stackSize).toBe(1048576);
    const { options, errors, warnings } = parse(['-z', 'stack-size=1048576', '-zstack-size=0x20000']);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(options.stackSize).toBe(0x20000);
  });

  test('invalid stack-size', () => {
    expect(parse(['-z', 'stack-size=big']).errors).toEqual(['invalid stack-size: big']);
  });

  test('unknown keyword warns; muldefs', () => {
    const { options, errors, warnings, lines } = parse(['-z', 'now', '-zmuldefs']);
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['unknown -z value: now']);
    expect(lines).toEqual(['wlink: warning: unknown -z value: now']);
    expect(options.allowMultipleDefinition).toBe(true);
  });
});

describe('numbers', () => {
  test('decimal and hex', () => {
    const { options, errors } = parse([
      '--global-base=0x400', '--initial-memory=0x20000', '--max-memory=262144', '--table-base=0X10',
      '--initial-heap=65536', '--error-limit=0x5',
    ]);
    expect(errors).toEqual([]);
    expect(options).toMatchObject({
      globalBase: 1024, initialMemory: 0x20000, maxMemory: 262144, tableBase: 16, initialHeap: 65536, errorLimit: 5,
    });
  });

  test('bad numbers', () => {
    const { errors } = parse(['--initial-memory=64k', '-Ofast', '--error-limit', '-1', '--global-base=']);
    expect(errors).toEqual([
      "--initial-memory=64k: number expected, but got '64k'",
      "-Ofast: number expected, but got 'fast'",
      "--error-limit: number expected, but got '-1'",
      "--global-base=: number expected, but got ''",
    ]);
  });

  test('zero means unset where wasm-ld says so', () => {
    expect(parse(['--table-base=0', '--global-base=0', '--max-memory=0']).options)
      .toMatchObject({ tableBase: 1, globalBase: null, maxMemory: null });
  });

  test('--max-memory with --no-growable-memory', () => {
    expect(parse(['--no-growable-memory']).options.growableMemory).toBe(false);
    expect(parse(['--max-memory=65536', '--no-growable-memory']).errors)
      .toEqual(['--max-memory is incompatible with --no-growable-memory']);
  });
});

describe('undefined symbols', () => {
  test('--allow-undefined is --import-undefined plus --unresolved-symbols=ignore-all', () => {
    const { options, errors } = parse(['--allow-undefined']);
    expect(errors).toEqual([]);
    expect(options.importUndefined).toBe(true);
    expect(options.unresolvedSymbols).toBe('ignore-all');
    // It wins over --unresolved-symbols wherever it is, as in wasm-ld.
    expect(parse(['--allow-undefined', '--unresolved-symbols=report-all']).options.unresolvedSymbols).toBe('ignore-all');
  });

  test('--unresolved-symbols and --import-undefined', () => {
    expect(parse(['--unresolved-symbols', 'import-dynamic']).options.unresolvedSymbols).toBe('import-dynamic');
    expect(parse(['--import-undefined']).options).toMatchObject({ importUndefined: true, unresolvedSymbols: 'report-all' });
    expect(parse(['--unresolved-symbols=some']).errors).toEqual(['unknown --unresolved-symbols value: some']);
  });

  test('--allow-undefined-file', () => {
    const f = path.join(root, 'undef.txt');
    fs.writeFileSync(f, '  foo  \n# a comment\n\nbar\n');
    const { options, errors } = parse([`--allow-undefined-file=${f}`]);
    expect(errors).toEqual([]);
    expect([...options.allowUndefinedSymbols]).toEqual(['foo', 'bar']);
    expect(parse(['-allow-undefined-file', f]).options.allowUndefinedSymbols.has('bar')).toBe(true);
    const missing = path.join(root, 'nope.txt');
    expect(parse([`--allow-undefined-file=${missing}`]).errors).toEqual([`cannot open ${missing}: No such file or directory`]);
  });
});

describe('memory', () => {
  test('--import-memory=module,name', () => {
    const { options, errors } = parse(['--import-memory=mod,mem']);
    expect(errors).toEqual([]);
    expect(options.importMemory).toEqual({ module: 'mod', name: 'mem' });
    expect(options.exportMemory).toBeNull();
  });

  test('--import-memory defaults, and exporting an imported memory', () => {
    expect(parse(['--import-memory']).options).toMatchObject({ importMemory: { module: 'env', name: 'memory' }, exportMemory: null });
    expect(parse(['--import-memory', '--export-memory']).options.exportMemory).toBe('memory');
    expect(parse(['--export-memory=mem', '--export-memory']).options.exportMemory).toBe('mem');
    expect(parse(['--shared-memory']).options.sharedMemory).toBe(true);
  });
});

describe('entry', () => {
  test('the last --entry/-e/--no-entry wins', () => {
    expect(parse(['--entry', 'a', '-e', 'b', '--entry=c']).options).toMatchObject({ entry: 'c', entryExplicit: true });
    expect(parse(['--entry', 'a', '--no-entry']).options).toMatchObject({ entry: null, entryExplicit: false });
    expect(parse(['--no-entry', '-e', 'a']).options).toMatchObject({ entry: 'a', entryExplicit: true });
  });

  test('-r: no entry, no gc, no merging by default', () => {
    expect(parse(['-r']).options).toMatchObject({ relocatable: true, entry: null, gcSections: false, mergeDataSegments: false });
    expect(parse(['--relocatable', '--gc-sections']).options.gcSections).toBe(true);
  });
});

describe('features', () => {
  test('--features and --extra-features (the last one of each, as wasm-ld)', () => {
    const { options } = parse(['--features=atomics', '--features=simd128,,bulk-memory', '-extra-features=mutable-globals']);
    expect(options.features).toEqual(['simd128', 'bulk-memory']);
    expect(options.extraFeatures).toEqual(['mutable-globals']);
    expect(parse(['--no-check-features']).options.checkFeatures).toBe(false);
  });
});

describe('help and version', () => {
  test('flags', () => {
    const run = (argv: string[]) => parseCommandLine(argv, new Diagnostics(), { host: nodeHost });
    expect(run(['--help'])).toMatchObject({ help: true });
    expect(run(['--version'])).toMatchObject({ printVersion: true, stopAfterVersion: true });
    expect(run(['-v'])).toMatchObject({ printVersion: true, stopAfterVersion: true });
    expect(run(['-V', T, '-o', 'x'])).toMatchObject({ printVersion: true, stopAfterVersion: false });
  });

  test('help text comes from the option table', () => {
    const [options, unsupported] = helpText().split('NOT SUPPORTED YET');
    expect(options).toMatch(/^ {2}--export=<value> +Force a symbol to be exported$/m);
    expect(options).toMatch(/^ {2}-o <path> +Path to file to write output$/m);
    expect(options).toMatch(/^ {2}--threads=<value> +.*single-threaded/m);
    expect(options).toMatch(/^ {2}--Map=<file> +Print a link map/m);
    expect(unsupported).toContain('--page-size');
    expect(options).toMatch(/^ {2}--rpath=<value> +Add a DT_RUNPATH to the output$/m);
    expect(options).toMatch(/^ {2}--shared +Build a shared object$/m);
  });

  test('main: --version, --help, errors', () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(main(['--version'])).toBe(0);
      expect(out.join('')).toMatch(/^wlink \d+\.\d+\.\d+ \(compatible with LLD 21\)\n$/);
      expect(main(['--help'])).toBe(0);
      expect(out.join('')).toContain('USAGE: wlink [options] file...');
      expect(main(['--bogus', T, '-o', 'x'])).toBe(1);
      expect(err.join('')).toBe('wlink: error: unknown argument: --bogus\n');
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  test('runCommand calls the largeLink hook once, when the inputs read pass LARGE_LINK_BYTES', () => {
    const err: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-large-'));
    try {
      // An archive whose one member is not wasm: read, warned about, and the link goes on.
      const half = path.join(dir, 'half.a');
      const size = LARGE_LINK_BYTES / 2;
      const header = `${'pad/'.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'644'.padEnd(8)}${String(size).padEnd(10)}\x60\n`;
      fs.writeFileSync(half, Buffer.concat([Buffer.from(`!<arch>\n${header}`, 'latin1'), Buffer.alloc(size)]));
      let calls = 0;
      const largeLink = () => calls++;
      expect(runCommand([half, '-o', path.join(dir, 'out.wasm')], { largeLink }).status).toBe(1);
      expect(calls).toBe(0);
      expect(runCommand([half, half, half, '-o', path.join(dir, 'out.wasm')], { largeLink }).status).toBe(1);
      expect(calls).toBe(1);
      expect(err.join('')).toContain("half.a: archive member 'pad' is neither Wasm object file nor LLVM bitcode");
    } finally {
      stderr.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// bin/wlink.js runs dist/wlink.bundle.js (scripts/bundle.mjs) through a V8 code cache when the
// bundle is current, else dist/linker/cli/main.js. Checked on a copy of bin/ with a stand-in dist/ whose
// cli tells which way it was loaded (the bundle's module objects are plain objects) and prints
// non-ASCII text from its sources (the bundle is ASCII, with \u escapes).
describe('bin/wlink.js: bundle and code cache', () => {
  const repo = path.resolve(__dirname, '..', '..', '..');
  let dir: string;
  let dist: string;
  const cacheFile = () => path.join(dist, 'wlink.bundle.cache');
  const header = () => fs.readFileSync(cacheFile()).toString('latin1', 0, 64).trim().split(' ');
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'wlink.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.stderr).toBe('');
    return { status: r.status, stdout: r.stdout };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-bin-'));
    dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(repo, 'bin', 'wlink.js'), path.join(dir, 'bin', 'wlink.js'));
    fs.mkdirSync(path.join(dist, 'linker', 'cli'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'linker', 'cli', 'main.js'), [
      "'use strict';",
      'let linked = false;',
      "const how = module.constructor === Object ? 'bundle' : 'dist';",
      "const main = (argv) => {",
      "  if (argv[0] === 'execargv') { process.stdout.write(JSON.stringify(process.execArgv)); return 0; }",
      // Prints nothing through process.stdout: reports at exit whether node made its stream modules.
      "  if (argv[0] === 'quiet') { process.on('exit', () => require('fs').writeSync(1, String(process.moduleLoadList.includes('NativeModule net')))); return 0; }",
      "  linked = argv[0] === 'link'; process.stdout.write(`${how} ${require('./name').name} ${JSON.stringify(argv)} \u2192`); return argv[0] === 'fail' ? 1 : 0;",
      '};',
      // 'large': a link that calls the launcher's largeLink hook; prints whether node:v8 (what sets
      // V8's flags) was loaded before it and after it.
      "const v8Loaded = () => process.moduleLoadList.includes('NativeModule v8');",
      "const large = (hooks) => { const before = v8Loaded(); hooks.largeLink();",
      "  process.stdout.write(`v8 loaded: ${before} ${v8Loaded()}`); linked = true; return 0; };",
      "exports.runCommand = (argv, hooks) => { linked = false; const status = argv[0] === 'large' ? large(hooks) : main(argv); return { status, linked }; };",
    ].join('\n'));
    fs.writeFileSync(path.join(dist, 'linker', 'cli', 'name.js'), "'use strict';\nexports.name = 'caf\u00e9'; // non-ASCII in the source: the bundle escapes it\n");
    const b = spawnSync(process.execPath, [path.join(repo, 'scripts', 'bundle.mjs'), '--dist', dist], { encoding: 'utf8' });
    expect(b.status).toBe(0);
    expect(fs.existsSync(path.join(dist, 'wlink.bundle.js'))).toBe(true);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('runs as a command (a plain node script): arguments and exit status pass through', () => {
    const bin = path.join(dir, 'bin', 'wlink.js');
    fs.chmodSync(bin, 0o755);
    // npm writes Windows shims from the first line: it must name node, not a shell.
    expect(fs.readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const exec = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8' });
    const ok = exec(['link', 'a b.o', '', "it's", '$HOME', '*']);
    expect({ status: ok.status, stdout: ok.stdout, stderr: ok.stderr }).toEqual({ status: 0, stdout: 'bundle café ["link","a b.o","","it\'s","$HOME","*"] →', stderr: '' });
    expect(exec(['fail']).status).toBe(1);
    expect(exec(['execargv']).stdout).toBe('[]');
    expect(exec(['quiet']).stdout).toBe('false'); // a run that printed nothing never made process.stdout (~3 ms)
    fs.rmSync(cacheFile(), { force: true }); // the next test starts without a code cache
  });

  test('runs the bundle and keeps a code cache, rewritten once a run links', () => {
    expect(run(['--version'])).toEqual({ status: 0, stdout: 'bundle café ["--version"] →' });
    expect(header()).toEqual(['wlink-code-cache', expect.stringMatching(/^[0-9a-f]{16}$/), 'other', '2']);
    expect(run(['fail'])).toEqual({ status: 1, stdout: 'bundle café ["fail"] →' });
    expect(header()[2]).toBe('other');
    expect(run(['link', 'a.o'])).toEqual({ status: 0, stdout: 'bundle café ["link","a.o"] →' });
    expect(header()[2]).toBe('link');
    const cache = fs.readFileSync(cacheFile());
    run(['link', 'b.o']);
    expect(fs.readFileSync(cacheFile()).equals(cache)).toBe(true); // accepted by V8, so kept
  });

  test('the JIT flag is set when a link turns out large, and that run leaves the code cache alone (V8 rejects a cache made under other flags)', () => {
    const bin = path.join(dir, 'bin', 'wlink.js');
    fs.chmodSync(bin, 0o755);
    fs.rmSync(cacheFile(), { force: true });
    expect(run(['large']).stdout).toBe('v8 loaded: false true');
    expect(fs.existsSync(cacheFile())).toBe(false); // it linked, but under other flags than a small link's
    expect(run(['link', 'a.o']).stdout).toBe('bundle café ["link","a.o"] →');
    const cache = fs.readFileSync(cacheFile());
    const r = spawnSync(bin, ['link', 'b.o'], { encoding: 'utf8' });
    expect(r.stdout).toBe('bundle café ["link","b.o"] →');
    expect(fs.readFileSync(cacheFile()).equals(cache)).toBe(true); // accepted: made under the same flags
    expect(run(['large']).stdout).toBe('v8 loaded: false true');
    expect(fs.readFileSync(cacheFile()).equals(cache)).toBe(true);
    // A value given on node's command line is left alone.
    const withFlag = spawnSync(process.execPath, ['--max-inlined-bytecode-size-cumulative=920', bin, 'large'], { encoding: 'utf8' });
    expect(withFlag.stdout).toBe('v8 loaded: false false');
  });

  test('a cache V8 rejects, or made for another bundle, is replaced', () => {
    run(['link']);
    const good = fs.readFileSync(cacheFile());
    fs.writeFileSync(cacheFile(), Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 7)]));
    expect(run(['link']).stdout).toBe('bundle café ["link"] →');
    expect(fs.readFileSync(cacheFile()).subarray(64, 80).equals(Buffer.alloc(16, 7))).toBe(false);
    fs.writeFileSync(cacheFile(), Buffer.concat([Buffer.from('wlink-code-cache 0123456789abcdef link 99'.padEnd(64)), good.subarray(64)]));
    expect(run(['link']).stdout).toBe('bundle café ["link"] →');
    expect(header()[1]).not.toBe('0123456789abcdef');
  });

  test('when dist/ cannot take the cache, it goes to a private directory under the temp dir', () => {
    if (typeof process.getuid !== 'function') return;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wlink-tmpdir-'));
    try {
      fs.rmSync(cacheFile(), { force: true });
      fs.mkdirSync(cacheFile()); // a directory where the cache file would go: writing it fails
      expect(run(['link'], { TMPDIR: tmp }).stdout).toBe('bundle café ["link"] →');
      const privateDir = path.join(tmp, `wlink-${process.getuid()}`);
      expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700);
      const cache = fs.readFileSync(path.join(privateDir, 'wlink.bundle.cache'));
      expect(cache.toString('latin1', 0, 16)).toBe('wlink-code-cache');
      run(['link'], { TMPDIR: tmp });
      expect(fs.readFileSync(path.join(privateDir, 'wlink.bundle.cache')).equals(cache)).toBe(true); // read, accepted
    } finally {
      fs.rmSync(cacheFile(), { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('falls back to dist/ when asked, and when the bundle is stale', () => {
    expect(run(['x'], { WLINK_NO_BUNDLE: '1' }).stdout).toBe('dist café ["x"] →');
    expect(run(['x'], { WLINK_NO_CODE_CACHE: '1' }).stdout).toBe('bundle café ["x"] →');
    const name = path.join(dist, 'linker', 'cli', 'name.js');
    const original = fs.readFileSync(name);
    const touch = () => fs.utimesSync(name, new Date(), new Date(Date.now() + 5000));
    // An installed copy (no tsconfig.json beside dist/) is never rebuilt: its bundle is taken as it
    // is, whatever its modules' mtimes and sizes (README: a hand-patched copy sets WLINK_NO_BUNDLE=1).
    touch();
    expect(run(['x']).stdout).toBe('bundle café ["x"] →');
    fs.appendFileSync(name, '// changed after bundling\n');
    expect(run(['x']).stdout).toBe('bundle café ["x"] →');
    // In a checkout, where dist/ is rebuilt from the sources, a module with another mtime or size
    // makes the bundle stale.
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{}');
    try {
      expect(run(['x']).stdout).toBe('dist café ["x"] →'); // another size
      fs.writeFileSync(name, original);
      expect(run(['x']).stdout).toBe('dist café ["x"] →'); // its size again, another mtime
    } finally {
      fs.rmSync(path.join(dir, 'tsconfig.json'));
    }
    expect(run(['x']).stdout).toBe('bundle café ["x"] →');
    fs.rmSync(path.join(dist, 'wlink.bundle.js'));
    expect(run(['x']).stdout).toBe('dist café ["x"] →');
  });

  test('a copy that was never built says so (no stack trace)', () => {
    fs.rmSync(path.join(dist, 'linker'), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'wlink.js'), '--version'], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: '' });
    expect(r.stderr).toBe(`wlink: error: ${path.join(dist, 'linker', 'cli', 'main.js')} is missing: this copy of wlink is not built; run \`npm install\` in ${dir} (it builds dist/)\n`);
  });
});

describe('--build-id', () => {
  const style = (args: string[]) => {
    const { options, errors } = parse(args);
    return errors.length > 0 ? errors : options.buildId;
  };
  test('styles as wasm-ld takes them', () => {
    expect(style([])).toBeNull();
    expect(style(['--build-id'])).toEqual({ kind: 'fast' });
    expect(style(['--build-id=sha1'])).toEqual({ kind: 'sha1' });
    expect(style(['--build-id=tree'])).toEqual({ kind: 'sha1' });
    expect(style(['--build-id=uuid'])).toEqual({ kind: 'uuid' });
    expect(style(['--build-id=none'])).toBeNull();
    expect(style(['--build-id=0xA0b1'])).toEqual({ kind: 'hex', bytes: Uint8Array.from([0xa0, 0xb1]) });
    expect(style(['--build-id=md5'])).toEqual(['unknown --build-id style: md5']);
  });
});

describe('unresolved symbol policy', () => {
  const policy = (args: string[]) => parse(args).options.unresolvedSymbols;
  test('as wasm-ld: report-all reports as errors, or as warnings after --warn-unresolved-symbols (last flag wins)', () => {
    expect(policy([])).toBe('report-all');
    expect(policy(['--warn-unresolved-symbols'])).toBe('warn');
    expect(policy(['--warn-unresolved-symbols', '--unresolved-symbols=report-all'])).toBe('warn');
    expect(policy(['--warn-unresolved-symbols', '--error-unresolved-symbols'])).toBe('report-all');
    expect(policy(['--warn-unresolved-symbols', '--unresolved-symbols=ignore-all'])).toBe('ignore-all');
    expect(policy(['--allow-undefined'])).toBe('ignore-all');
  });
});
