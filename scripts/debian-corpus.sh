#!/usr/bin/env bash
# Links real third-party C programs, built from Debian source packages, with wasm-ld-19 and with wlink
# using the exact same argv, and compares the results. Optional (not part of `npm test`); needs Debian
# with clang-19, wasm-ld-19 (lld-19), llvm-19 (llvm-ar-19), wasi-libc, wabt, node, and for the sqlite
# amalgamation a host cc and tclsh.
#
#   scripts/debian-corpus.sh [PROJECT...]      PROJECT: zlib bzip2 lua sqlite (default: all)
#
# Steps:
#   1. enables deb-src in /etc/apt/sources.list.d/debian.sources if needed and `apt-get source`s the
#      packages into $DEBIAN_CORPUS_DIR/src (default .cache/debian-src, gitignored);
#   2. compiles each translation unit with `clang-19 --target=wasm32-wasi -O2 -c` (and -O0 for lua),
#      puts the library parts in static archives (llvm-ar-19), so archive member extraction is used;
#   3. takes the linker command clang-19 would run (`clang-19 -### ...`; clang itself never links, since
#      Debian's clang runs wasm-opt afterwards when binaryen is installed) and runs wasm-ld-19 and wlink
#      with it, only the output path differing (ld/NAME.wasm vs wl/NAME.wasm, same basename, so that
#      the name section's module name is the same);
#   4. checks: both validate (wasm-validate --enable-all); both behave the same under node's WASI on a
#      workload (stdout, stderr, exit codes and files written, byte for byte; Debian's wasi-libc has no
#      setjmp/longjmp, so lua's workload avoids errors and coroutines); imports, exports, the set
#      of functions (name + signature), types, globals, memory, table, elem, data and custom sections
#      compared; code section of wlink <= wasm-ld's; when debug info is kept (Debian's wasi-libc has
#      DWARF, so unless -S), llvm-symbolizer must give the same source frames for every byte of the
#      code DWARF describes (tests/golden/dwarf-compare.ts; those bodies are kept byte for byte).
#   Variants: default link flags, -S (strip debug: wlink's code is then smaller, compact LEBs),
#   --no-gc-sections (with and without -S); lua also with -O0 and with -O2 -g objects; a few other
#   options on one program each (--strip-all, --export-dynamic, --export-all, --stack-first with
#   -z stack-size and --initial-memory, -O0/-O2 at link time, --print-gc-sections, --export-table,
#   --growable-table, --table-base, --global-base, --max-memory, --import-memory, --no-merge-data-segments,
#   --wrap, --compress-relocations) and libz.a linked alone as a reactor with --export. Stripped links are
#   also compared with wasm-ld's own --compress-relocations output (same code bytes expected).
#
# Prints a table and writes details (first differences, diagnostics) to $DEBIAN_CORPUS_DIR/report.txt.
# Exit code: 0 when every row agrees (up to compact LEBs, and DWARF offsets that follow them), 1 otherwise.
#
# Environment: DEBIAN_CORPUS_DIR, WLINK (default `wlink` on PATH, else node bin/wlink.js), WASM_LD
# (wasm-ld-19), CLANG (clang-19), AR (llvm-ar-19), JOBS (parallel compiles, default nproc).

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${DEBIAN_CORPUS_DIR:-$ROOT/.cache/debian-src}
CLANG=${CLANG:-clang-19}
WASM_LD=${WASM_LD:-wasm-ld-19}
AR=${AR:-llvm-ar-19}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ -z "${WLINK:-}" ]; then
  if command -v wlink >/dev/null 2>&1; then WLINK=$(command -v wlink); else WLINK="node $ROOT/bin/wlink.js"; fi
fi
read -r -a WLINK_CMD <<<"$WLINK"
SYSROOT_LIB=/usr/lib/wasm32-wasi
TARGET=(--target=wasm32-wasi)

PROJECTS=("$@")
[ ${#PROJECTS[@]} -eq 0 ] && PROJECTS=(zlib bzip2 lua sqlite)

log() { printf '%s\n' "$*" >&2; }
die() { log "debian-corpus: $*"; exit 2; }

SYMBOLIZER=${SYMBOLIZER:-llvm-symbolizer-19}
for tool in "$CLANG" "$WASM_LD" "$AR" "$SYMBOLIZER" wasm-validate wasm-objdump node apt-get dpkg-source; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"
done
[ -d "$SYSROOT_LIB" ] || die "wasi-libc not found in $SYSROOT_LIB (apt-get install wasi-libc)"

mkdir -p "$DIR"/{src,stub,tools,build,out}
REPORT=$DIR/report.txt
: >"$REPORT"
detail() { printf '%s\n' "$*" >>"$REPORT"; }

# ---------------------------------------------------------------------------------------------------
# 1. Sources
# ---------------------------------------------------------------------------------------------------

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else die "need root for: $*"; fi; }

enable_deb_src() {
  local f=/etc/apt/sources.list.d/debian.sources
  if apt-cache showsrc zlib 2>/dev/null | grep -q '^Package:'; then return; fi
  if [ -f "$f" ] && ! grep -q '^Types:.*deb-src' "$f"; then
    log "enabling deb-src in $f"
    as_root sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
  fi
  as_root apt-get update -qq || die "apt-get update failed"
}

# fetch PACKAGE: unpacks the Debian source package into $DIR/src/PACKAGE-VERSION; prints that directory.
fetch() {
  local pkg=$1 d
  d=$(find "$DIR/src" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)
  if [ -z "$d" ]; then
    enable_deb_src
    (cd "$DIR/src" && apt-get source -qq "$pkg" >/dev/null 2>&1) || (cd "$DIR/src" && apt-get source "$pkg" >&2) || die "apt-get source $pkg failed"
    d=$(find "$DIR/src" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)
  fi
  [ -n "$d" ] || die "no source directory for $pkg"
  printf '%s\n' "$d"
}

# ---------------------------------------------------------------------------------------------------
# Helper files: stub headers for what wasi-libc lacks, the WASI runner, the structural comparer.
# ---------------------------------------------------------------------------------------------------

write_helpers() {
  # Stub headers and sources for what wasi-libc lacks (scripts/debian-stubs/, shared with the
  # benchmark's medium programs, scripts/bench/programs.mjs).
  mkdir -p "$DIR/stub"
  cp -R "$ROOT/scripts/debian-stubs/." "$DIR/stub/"

  # node:wasi runner: `node run.mjs [--dir HOSTDIR] file.wasm args...` (HOSTDIR preopened as ".").
  cat >"$DIR/tools/run.mjs" <<'EOF'
import fs from 'node:fs';
import path from 'node:path';
process.removeAllListeners('warning');
const { WASI } = await import('node:wasi');
let argv = process.argv.slice(2);
const preopens = {};
while (argv[0] === '--dir') { preopens['.'] = argv[1]; argv = argv.slice(2); }
const file = argv[0];
const wasi = new WASI({ version: 'preview1', args: [path.basename(file), ...argv.slice(1)], env: {}, preopens, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(file));
const imports = wasi.getImportObject();
// --import-memory: provide one (the module must also export it for WASI).
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.kind === 'memory') (imports[imp.module] ??= {})[imp.name] = new WebAssembly.Memory({ initial: 256 });
}
const instance = await WebAssembly.instantiate(module, imports);
try {
  process.exitCode = wasi.start(instance);
} catch (err) {
  if (!(err instanceof WebAssembly.RuntimeError)) throw err;
  process.stderr.write(`run: trap: ${err.message}\n`);
  process.exitCode = 134;
}
EOF

  cat >"$DIR/tools/wasm-compare.mjs" <<'EOF'
// wasm-compare.mjs: structural comparison of two linked modules (wasm-ld's first).
//   node wasm-compare.mjs sizes x.wasm             "<code section size> <file size>"
//   node wasm-compare.mjs compare ref.wasm new.wasm
// compare prints `KEY yes|no` lines, then `detail:` lines describing the first difference of each.
import fs from 'node:fs';
import crypto from 'node:crypto';

const VT = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
const KIND = ['func', 'table', 'memory', 'global', 'tag'];
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex').slice(0, 16);

function parse(file) {
  const buf = fs.readFileSync(file);
  let p = 8;
  const u8 = () => buf[p++];
  const uleb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const sleb = () => { let r = 0n, s = 0n, b; do { b = buf[p++]; r |= BigInt(b & 0x7f) << s; s += 7n; } while (b & 0x80); if (b & 0x40) r -= 1n << s; return r; };
  const name = () => { const n = uleb(); const s = buf.toString('utf8', p, p + n); p += n; return s; };
  const vt = () => { const v = u8(); return VT[v] ?? `0x${v.toString(16)}`; };
  const limits = () => { const f = u8(); const min = uleb(); const max = f & 1 ? uleb() : null; return `flags=${f} min=${min} max=${max}`; };
  const expr = () => {
    const out = [];
    for (;;) {
      const op = u8();
      if (op === 0x0b) break;
      if (op === 0x41) out.push(`i32.const ${sleb()}`);
      else if (op === 0x42) out.push(`i64.const ${sleb()}`);
      else if (op === 0x23) out.push(`global.get ${uleb()}`);
      else if (op === 0x43) { out.push(`f32.const ${buf.readFloatLE(p)}`); p += 4; }
      else if (op === 0x44) { out.push(`f64.const ${buf.readDoubleLE(p)}`); p += 8; }
      else if (op === 0xd2) out.push(`ref.func ${uleb()}`);
      else if (op === 0xd0) out.push(`ref.null ${u8()}`);
      else out.push(`op 0x${op.toString(16)}`);
    }
    return out.join('; ');
  };
  const m = {
    size: buf.length, types: [], imports: [], funcTypes: [], tables: [], memories: [], globals: [], exports: [],
    start: null, elems: [], codeSize: 0, bodies: [], data: [], customs: [], funcNames: new Map(),
    globalNames: new Map(), dataNames: new Map(), numImportedFuncs: 0,
  };
  while (p < buf.length) {
    const id = u8();
    const size = uleb();
    const end = p + size;
    if (id === 0) {
      const nm = name();
      // DWARF holds code offsets, which move when wlink compacts bodies no debug info describes:
      // its contents are checked by dwarf-compare instead (sizes must still agree).
      m.customs.push({ name: nm, size, sha: nm.startsWith('.debug_') ? 'dwarf' : sha(buf.subarray(p, end)) });
      if (nm === 'name') {
        while (p < end) {
          const sub = u8();
          const se = uleb() + p;
          const target = sub === 1 ? m.funcNames : sub === 7 ? m.globalNames : sub === 9 ? m.dataNames : null;
          if (target) { const n = uleb(); for (let i = 0; i < n; i++) { const idx = uleb(); target.set(idx, name()); } }
          p = se;
        }
      }
    } else if (id === 1) {
      const n = uleb();
      for (let i = 0; i < n; i++) {
        u8();
        const params = []; let k = uleb(); while (k--) params.push(vt());
        const results = []; k = uleb(); while (k--) results.push(vt());
        m.types.push(`(${params.join(',')})->(${results.join(',')})`);
      }
    } else if (id === 2) {
      const n = uleb();
      for (let i = 0; i < n; i++) {
        const mod = name(); const fld = name(); const kind = u8();
        let desc;
        if (kind === 0) { desc = m.types[uleb()]; m.numImportedFuncs++; m.funcTypes.push(desc); }
        else if (kind === 1) { const t = vt(); desc = `${t} ${limits()}`; }
        else if (kind === 2) desc = limits();
        else if (kind === 3) { desc = `${vt()} mut=${u8()}`; m.globals.push({ imported: `${mod}.${fld}`, desc }); }
        else if (kind === 4) { u8(); desc = m.types[uleb()]; }
        m.imports.push({ module: mod, name: fld, kind: KIND[kind], desc });
      }
    } else if (id === 3) {
      const n = uleb(); for (let i = 0; i < n; i++) m.funcTypes.push(m.types[uleb()]);
    } else if (id === 4) {
      const n = uleb(); for (let i = 0; i < n; i++) { const t = vt(); m.tables.push(`${t} ${limits()}`); }
    } else if (id === 5) {
      const n = uleb(); for (let i = 0; i < n; i++) m.memories.push(limits());
    } else if (id === 6) {
      const n = uleb(); for (let i = 0; i < n; i++) { const t = vt(); const mut = u8(); m.globals.push({ desc: `${t} mut=${mut}`, init: expr() }); }
    } else if (id === 7) {
      const n = uleb(); for (let i = 0; i < n; i++) { const nm = name(); const kind = u8(); m.exports.push({ name: nm, kind: KIND[kind], index: uleb() }); }
    } else if (id === 8) {
      m.start = uleb();
    } else if (id === 9) {
      const n = uleb();
      for (let i = 0; i < n; i++) {
        const flags = uleb();
        const seg = { flags, table: 0, offset: null, funcs: [] };
        if (flags === 0) { seg.offset = expr(); let k = uleb(); while (k--) seg.funcs.push(uleb()); }
        else if (flags === 2) { seg.table = uleb(); seg.offset = expr(); u8(); let k = uleb(); while (k--) seg.funcs.push(uleb()); }
        else if (flags === 1 || flags === 3) { u8(); let k = uleb(); while (k--) seg.funcs.push(uleb()); }
        else { m.elems.push({ flags, unparsed: true, funcs: [] }); break; }
        m.elems.push(seg);
      }
    } else if (id === 10) {
      m.codeSize = size;
      const n = uleb();
      for (let i = 0; i < n; i++) { const sz = uleb(); m.bodies.push({ size: sz, sha: sha(buf.subarray(p, p + sz)) }); p += sz; }
    } else if (id === 11) {
      const n = uleb();
      for (let i = 0; i < n; i++) {
        const flags = uleb();
        let offset = null;
        if (flags === 0) offset = expr();
        else if (flags === 2) { uleb(); offset = expr(); }
        const sz = uleb();
        m.data.push({ flags, offset, size: sz, sha: sha(buf.subarray(p, p + sz)) });
        p += sz;
      }
    }
    p = end;
  }
  return m;
}

const funcName = (m, i) => m.funcNames.get(i) ?? `#${i}`;

function view(m) {
  const fname = (i) => funcName(m, i);
  const target = (e) => e.kind === 'func' ? fname(e.index) : e.kind === 'global' ? (m.globalNames.get(e.index) ?? `#${e.index}`) : String(e.index);
  return {
    imports: m.imports.map((i) => `${i.kind} ${i.module}.${i.name} ${i.desc}`),
    exports: m.exports.map((e) => `${e.kind} ${e.name} -> ${target(e)}`),
    functions: m.funcTypes.map((t, i) => `${fname(i)} ${t}`),
    types: m.types,
    globals: m.globals.map((g, i) => `${m.globalNames.get(i) ?? `#${i}`} ${g.desc} ${g.imported ?? g.init}`),
    memory: m.memories,
    table: m.tables,
    elem: m.elems.map((s) => `flags=${s.flags} table=${s.table} offset=${s.offset} [${s.funcs.map(fname).join(' ')}]`),
    data: m.data.map((d, i) => `${m.dataNames.get(i) ?? i} flags=${d.flags} offset=${d.offset} size=${d.size} sha=${d.sha}`),
    customs: m.customs.map((c) => `${c.name} size=${c.size} sha=${c.sha}`),
    start: m.start === null ? [] : [fname(m.start)],
  };
}

function firstDiff(a, b) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return { i, a: a[i], b: b[i] };
  return null;
}
function setDiff(a, b) {
  const sa = new Set(a), sb = new Set(b);
  return { onlyA: [...sa].filter((x) => !sb.has(x)), onlyB: [...sb].filter((x) => !sa.has(x)) };
}

const [cmd, fa, fb] = process.argv.slice(2);
if (cmd === 'sizes') {
  const m = parse(fa);
  process.stdout.write(`${m.codeSize} ${m.size}\n`);
} else if (cmd === 'compare') {
  const A = parse(fa), B = parse(fb);
  const va = view(A), vb = view(B);
  const out = [], details = [];
  for (const key of ['imports', 'exports', 'types', 'globals', 'memory', 'table', 'elem', 'data', 'customs', 'start']) {
    const d = firstDiff(va[key], vb[key]);
    out.push(`${key} ${d ? 'no' : 'yes'}`);
    if (!d) continue;
    const sd = setDiff(va[key], vb[key]);
    const sameSet = sd.onlyA.length === 0 && sd.onlyB.length === 0 && va[key].length === vb[key].length;
    details.push(`${key}: ${va[key].length} vs ${vb[key].length} entries${sameSet ? ' (same set, different order)' : ''}; first difference at #${d.i}: wasm-ld: ${d.a ?? '(none)'} | wlink: ${d.b ?? '(none)'}`);
    if (sd.onlyA.length) details.push(`${key}: only in wasm-ld (${sd.onlyA.length}): ${sd.onlyA.slice(0, 10).join(' ; ')}`);
    if (sd.onlyB.length) details.push(`${key}: only in wlink (${sd.onlyB.length}): ${sd.onlyB.slice(0, 10).join(' ; ')}`);
  }
  const sd = setDiff(va.functions, vb.functions);
  const setSame = sd.onlyA.length === 0 && sd.onlyB.length === 0 && va.functions.length === vb.functions.length;
  out.push(`functions ${setSame ? 'yes' : 'no'}`);
  if (!setSame) {
    details.push(`functions: ${va.functions.length} in wasm-ld, ${vb.functions.length} in wlink`);
    if (sd.onlyA.length) details.push(`functions: only in wasm-ld (${sd.onlyA.length}): ${sd.onlyA.slice(0, 12).join(' ; ')}`);
    if (sd.onlyB.length) details.push(`functions: only in wlink (${sd.onlyB.length}): ${sd.onlyB.slice(0, 12).join(' ; ')}`);
  }
  const od = firstDiff(va.functions, vb.functions);
  out.push(`funcorder ${od ? 'no' : 'yes'}`);
  if (od && setSame) details.push(`function order: first difference at index ${od.i}: wasm-ld: ${od.a} | wlink: ${od.b}`);
  // Bodies: wlink's must never be larger; count the ones that differ at all. Matched by index when
  // the function lists agree, else by name (names are not unique: static functions).
  const byIndex = !od;
  const bodiesA = new Map();
  A.bodies.forEach((b, i) => bodiesA.set(byIndex ? i : funcName(A, i + A.numImportedFuncs), b));
  let larger = 0, firstLarger = null, differ = 0, firstDiffer = null;
  B.bodies.forEach((b, i) => {
    const n = funcName(B, i + B.numImportedFuncs);
    const r = bodiesA.get(byIndex ? i : n);
    if (!r) return;
    if (b.size > r.size) { larger++; firstLarger ??= `${n} (${r.size} -> ${b.size} bytes)`; }
    if (b.sha !== r.sha) { differ++; firstDiffer ??= `${n} (#${i + B.numImportedFuncs}, ${r.size} vs ${b.size} bytes)`; }
  });
  out.push(`bodies_not_larger ${larger === 0 ? 'yes' : 'no'}`);
  out.push(`bodies_identical ${differ === 0 ? 'yes' : 'no'}`);
  if (larger) details.push(`function bodies larger in wlink: ${larger}, first: ${firstLarger}`);
  if (differ) details.push(`function bodies with different bytes: ${differ} of ${B.bodies.length}, first: ${firstDiffer}`);
  out.push(`codesize ${A.codeSize} ${B.codeSize}`);
  out.push(`totalsize ${A.size} ${B.size}`);
  process.stdout.write(out.concat(details.map((l) => `detail: ${l}`)).join('\n') + '\n');
} else {
  process.stderr.write('usage: wasm-compare.mjs sizes|compare a.wasm [b.wasm]\n');
  process.exit(2);
}
EOF
}

# ---------------------------------------------------------------------------------------------------
# 2. Compiling
# ---------------------------------------------------------------------------------------------------

# compile_all OUTDIR OPT "CFLAGS..." SRC...: compiles each SRC to OUTDIR/<flattened name>.o in parallel.
# Objects are reused when newer than their source and compiled with the same flags.
compile_all() {
  local outdir=$1 opt=$2 cflags=$3; shift 3
  mkdir -p "$outdir"
  local stamp="$outdir/.flags"
  local want="$CLANG -O$opt $cflags"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then rm -f "$outdir"/*.o; printf '%s' "$want" >"$stamp"; fi
  local s
  for s in "$@"; do printf '%s\0' "$s"; done |
    CLANG=$CLANG OPT=$opt CFLAGS_STR=$cflags OUTDIR=$outdir xargs -0 -P "$JOBS" -n 1 bash -c '
      src=$1; obj="$OUTDIR/$(basename "$(dirname "$src")")_$(basename "$src" .c).o"
      [ "$obj" -nt "$src" ] && exit 0
      eval "flags=($CFLAGS_STR)"
      "$CLANG" --target=wasm32-wasi -O"$OPT" -w "${flags[@]}" -c "$src" -o "$obj.tmp" && mv "$obj.tmp" "$obj" || { echo "compile failed: $src" >&2; exit 255; }' _
}

# obj OUTDIR SRC: the object compile_all made for SRC.
obj() { printf '%s/%s_%s.o\n' "$1" "$(basename "$(dirname "$2")")" "$(basename "$2" .c)"; }

# archive LIB OBJ...: (re)creates a static archive with a symbol index.
archive() {
  local lib=$1; shift
  rm -f "$lib"
  "$AR" rcs "$lib" "$@" || die "ar failed for $lib"
}

# ---------------------------------------------------------------------------------------------------
# 3. Linking
# ---------------------------------------------------------------------------------------------------

# link_args OPT CLANG-ARGS...: sets LINK_ARGS to the wasm-ld argv (without argv[0]) clang-19 would use
# for `clang-19 --target=wasm32-wasi -OOPT CLANG-ARGS... -o @OUT@.wasm`.
link_args() {
  local opt=$1; shift
  local line
  line=$("$CLANG" "${TARGET[@]}" -O"$opt" -### "$@" -o @OUT@.wasm 2>&1 | grep -E '^ *"[^"]*wasm-ld[^"]*" ' | head -n 1)
  [ -n "$line" ] || die "no linker line from clang -### $*"
  eval "LINK_ARGS=($line)"
  LINK_ARGS=("${LINK_ARGS[@]:1}")
}

# with_output PATH: prints LINK_ARGS with @OUT@.wasm replaced by PATH, NUL-separated.
with_output() {
  local a
  for a in "${LINK_ARGS[@]}"; do
    if [ "$a" = "@OUT@.wasm" ]; then printf '%s\0' "$1"; else printf '%s\0' "$a"; fi
  done
}

now_ms() { date +%s%3N; }

# ---------------------------------------------------------------------------------------------------
# 4. Workloads: WORKLOAD_<name> WASM RUNDIR runs the program and leaves everything observable in RUNDIR
# (stdout/stderr/exit code of each step, files in the preopened directory fs/, host-side checks).
# ---------------------------------------------------------------------------------------------------

# step RUNDIR NAME STDIN-FILE [--dir D] WASM ARGS...
step() {
  local rd=$1 name=$2 in=$3; shift 3
  timeout 600 node "$DIR/tools/run.mjs" "$@" <"$in" >"$rd/$name.out" 2>"$rd/$name.err"
  echo $? >"$rd/$name.rc"
}
check() { # check RUNDIR LABEL CONDITION-COMMAND...
  local rd=$1 label=$2; shift 2
  if "$@" >/dev/null 2>&1; then echo "ok $label" >>"$rd/checks"; else echo "FAIL $label" >>"$rd/checks"; fi
}

make_inputs() {
  local zsrc=$1
  mkdir -p "$DIR/inputs"
  [ -s "$DIR/inputs/text" ] || cat "$zsrc"/*.c "$zsrc"/*.h >"$DIR/inputs/text"
  [ -s "$DIR/inputs/binary" ] || head -c 300000 "$SYSROOT_LIB/libc.a" >"$DIR/inputs/binary"
  : >"$DIR/inputs/empty"
}

WORKLOAD_minigzip() {
  local w=$1 rd=$2 in lvl n
  for in in text binary; do
    for lvl in "" -1 -9 -f -h -r; do
      n="$in${lvl:-_default}"
      step "$rd" "c_$n" "$DIR/inputs/$in" "$w" $lvl
      step "$rd" "d_$n" "$rd/c_$n.out" "$w" -d
      check "$rd" "roundtrip $n" cmp "$rd/d_$n.out" "$DIR/inputs/$in"
    done
  done
  gzip -9nc <"$DIR/inputs/text" >"$rd/host.gz"
  step "$rd" d_hostgzip "$rd/host.gz" "$w" -d
  check "$rd" "host gzip -> minigzip -d" cmp "$rd/d_hostgzip.out" "$DIR/inputs/text"
  step "$rd" c_empty "$DIR/inputs/empty" "$w"
  step "$rd" d_bad "$DIR/inputs/text" "$w" -d
}

WORKLOAD_example() {
  local w=$1 rd=$2
  mkdir -p "$rd/fs"
  step "$rd" example "$DIR/inputs/empty" --dir "$rd/fs" "$w"
  check "$rd" "example exit 0" grep -qx 0 "$rd/example.rc"
  step "$rd" example_arg "$DIR/inputs/empty" --dir "$rd/fs" "$w" other.gz
}

# libz as a reactor (crt1-reactor.o, _initialize, --export): calls exports through scripts/run-wasm.mjs.
WORKLOAD_zreactor() {
  local w=$1 rd=$2
  node "$ROOT/scripts/run-wasm.mjs" --reactor "$w" \
    '[["str:zlibVersion"],["compressBound",1000],["adler32",1,0,0],["crc32",0,0,0],["zlibCompileFlags"],["deflateBound",0,5000]]' \
    >"$rd/calls.out" 2>"$rd/calls.err" </dev/null
  echo $? >"$rd/calls.rc"
  check "$rd" "reactor zlibVersion" grep -q '"result":"1.2.13"' "$rd/calls.out"
}

WORKLOAD_bzip2() {
  local w=$1 rd=$2 s=$BZIP2_SRC i
  for i in 1 2 3; do
    step "$rd" "c_sample$i" "$s/sample$i.ref" "$w" -$i
    check "$rd" "bzip2 -$i sample$i" cmp "$rd/c_sample$i.out" "$s/sample$i.bz2"
    step "$rd" "d_sample$i" "$s/sample$i.bz2" "$w" -d
    check "$rd" "bzip2 -d sample$i" cmp "$rd/d_sample$i.out" "$s/sample$i.ref"
  done
  step "$rd" ds_sample3 "$s/sample3.bz2" "$w" -ds
  check "$rd" "bzip2 -ds sample3" cmp "$rd/ds_sample3.out" "$s/sample3.ref"
  for i in text binary; do
    step "$rd" "c_$i" "$DIR/inputs/$i" "$w" -9c
    step "$rd" "d_$i" "$rd/c_$i.out" "$w" -dc
    check "$rd" "roundtrip $i" cmp "$rd/d_$i.out" "$DIR/inputs/$i"
    step "$rd" "t_$i" "$rd/c_$i.out" "$w" -t
  done
  step "$rd" help "$DIR/inputs/empty" "$w" --help
  step "$rd" bad "$DIR/inputs/text" "$w" -d
  mkdir -p "$rd/fs" && cp "$DIR/inputs/text" "$rd/fs/data.txt"
  step "$rd" file_c "$DIR/inputs/empty" --dir "$rd/fs" "$w" -k data.txt
  step "$rd" file_t "$DIR/inputs/empty" --dir "$rd/fs" "$w" -tv data.txt.bz2
}

lua_script() {
  cat <<'EOF'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(24))
local primes = {}
for i = 2, 20000 do
  local p = true
  for j = 2, math.floor(math.sqrt(i)) do if i % j == 0 then p = false break end end
  if p then primes[#primes + 1] = i end
end
print("primes", #primes, primes[#primes])
local t = {}
for i = 1, 3000 do t[i] = (i * 7919) % 1000 end
table.sort(t, function(a, b) return a > b end)
print("sorted", t[1], t[1500], t[3000], table.concat(t, ",", 1, 8))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog and the end"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end
print()
print(string.format("%5.2f %g %e %x %q %s", math.pi, 1 / 3, 12345.678, 255, "a\nb", 1e100))
print(("hello world"):gsub("o", "0"), ("abc"):rep(3, "-"), ("Lua"):upper(), ("%d items"):format(42))
print(("key = value"):match("^(%w+)%s*=%s*(%w+)$"), ("  trim  "):match("^%s*(.-)%s*$") .. "|")
local function counter() local n = 0 return function(d) n = n + (d or 1) return n end end
local c1, c2 = counter(), counter()
print("closures", c1(), c1(5), c2(), c1(), type(coroutine.create(print)))
print("int", 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ^ 10, 1 << 10, 0xff & 0x0f, 0xf0 | 0x0f, ~0, math.maxinteger, math.mininteger)
print("float", 7 / 2, math.sin(1), math.exp(1), math.log(10), math.fmod(7.5, 2), math.tointeger(3.0), 0.1 + 0.2, 1e308 * 10)
print("conv", tonumber("0x1p4"), tonumber("  12  "), tostring(1e15), tostring(2^63), math.type(1), math.type(1.0), 3 | 0)
print("utf8", utf8.char(72, 228, 8364, 128512), utf8.len("h\xc3\xa4ll\xe2\x82\xac"))
print("pack", string.unpack("<i4", string.pack("<i4", -123456)), #string.pack("z", "abc"), string.pack(">I2", 258):byte(1, -1))
local mt = setmetatable({}, { __index = function(_, k) return k .. "!" end, __call = function(_, a) return a * 2 end,
  __tostring = function() return "MT" end })
print("meta", mt.foo, mt(21), tostring(mt))
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x }, V) end
local v = setmetatable({ x = 1 }, V) + setmetatable({ x = 2 }, V)
print("vec", v.x)
local f = load("local a, b = ... return a * b + 1")
print("load", f(6, 7))
local s = 0
for i = 1, 200000 do s = s + i % 7 end
print("loop", s)
local big = {}
for i = 1, 20000 do big[i] = tostring(i) end
print("concat", #table.concat(big), select("#", table.unpack(big, 1, 100)))
table.insert(big, 1, "first"); table.remove(big); table.move(big, 1, 3, 2)
print("tables", big[1], big[2], big[3], big[4], #big)
print("pcall", pcall(function(a) return a + 1 end, 41))
print("select", select("#", 1, 2, 3), select(2, "a", "b", "c"))
do local n = 0 for k, v in next, { 10, 20, 30 } do n = n + k * v end print("next", n) end
goto done
print("skipped")
::done::
print("os", os.getenv("HOME"), type(os.time()), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print(string.format("%-8s|%8.3f|%+d|%05d|%c", "left", 2 / 3, 5, 42, 65))
io.write(table.concat({ 1, 2, 3 }, "+"), "\n")
EOF
}

lua_file_script() {
  cat <<'EOF'
local f = assert(io.open("out.txt", "w"))
for i = 1, 100 do f:write(i, " ", i * i, "\n") end
f:close()
local sum, lines = 0, 0
for line in io.lines("out.txt") do local a, b = line:match("(%d+) (%d+)") sum = sum + tonumber(b) lines = lines + 1 end
print("file", lines, sum)
local g = assert(io.open("out.txt", "r"))
print("seek", g:seek("end"), g:seek("set", 5), g:read(5))
g:close()
print("remove", os.remove("out.txt"), io.open("out.txt") == nil)
EOF
}

WORKLOAD_lua() {
  local w=$1 rd=$2
  lua_script >"$rd/script.lua"
  step "$rd" stdin_script "$rd/script.lua" "$w" -
  check "$rd" "lua script exit 0" grep -qx 0 "$rd/stdin_script.rc"
  mkdir -p "$rd/fs" && lua_file_script >"$rd/fs/files.lua"
  step "$rd" file_script "$DIR/inputs/empty" --dir "$rd/fs" "$w" files.lua
  check "$rd" "lua file io" grep -q '^file	100	338350' "$rd/file_script.out"
  step "$rd" version "$DIR/inputs/empty" "$w" -v
  step "$rd" e "$DIR/inputs/empty" "$w" -e 'print(1 + 1, _VERSION, #arg)' a b
}

WORKLOAD_luac() {
  local w=$1 rd=$2
  lua_script >"$rd/script.lua"
  step "$rd" list "$rd/script.lua" "$w" -l -l -p -
  step "$rd" bytecode "$rd/script.lua" "$w" -s -o - -
  check "$rd" "luac emits a binary chunk" test -s "$rd/bytecode.out"
  step "$rd" parse_only "$rd/script.lua" "$w" -p -
  step "$rd" version "$DIR/inputs/empty" "$w" -v
  # Run the compiled chunk with the matching lua (same linker, same variant), when it exists.
  local lua=${w%/luac.wasm}/lua.wasm
  lua=${lua/\/luac-/\/lua-}
  if [ -f "$lua" ]; then
    step "$rd" run_bytecode "$rd/bytecode.out" "$lua" -
    check "$rd" "bytecode runs like source" grep -q '^fib	46368' "$rd/run_bytecode.out"
  fi
}

# FTS5 is compiled in (more code to link) but not used: creating an fts5 table traps with "null function
# or function signature mismatch" under both linkers.
sqlite_script() {
  cat <<'EOF'
.headers on
.mode list
CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, v REAL, g INT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)
INSERT INTO t SELECT x, 'n' || x, x * 1.5, x % 17 FROM c;
CREATE INDEX t_g ON t(g);
SELECT count(*), sum(v), avg(v), min(name), max(name), total(g) FROM t;
SELECT g, count(*), printf('%.3f', avg(v)) AS a FROM t GROUP BY g ORDER BY g LIMIT 6;
SELECT id, row_number() OVER (PARTITION BY g ORDER BY id DESC) AS rn, sum(id) OVER (ORDER BY id ROWS 2 PRECEDING) AS s FROM t WHERE id < 12;
CREATE TABLE u(g INT, label TEXT);
INSERT INTO u VALUES (1, 'one'), (2, 'two'), (3, 'three'), (99, 'none');
SELECT u.label, count(t.id) FROM u LEFT JOIN t ON t.g = u.g GROUP BY u.label ORDER BY 1;
SELECT json_object('a', 1, 'b', json_array(1, 2, 3)), json_extract('{"x":{"y":[5,6]}}', '$.x.y[1]'), json_group_array(g) FROM u;
SELECT upper('abc'), substr('hello', 2, 3), replace('aaa', 'a', 'b'), hex('xyz'), length(zeroblob(100)), quote(x'00ff'), instr('abcdef', 'cd'), trim('  x  '), char(65, 66);
SELECT sqrt(2), pow(2, 10), ln(10), round(3.14159, 2), abs(-5), typeof(1.0), 10 / 3, 10.0 / 3, 1e300 * 1e10, -0.0, 9223372036854775807 + 1;
SELECT printf('%5d|%-5s|%08.3f|%x|%e|%g', 42, 'ab', 3.14159, 255, 12345.6789, 0.0001);
SELECT date('2024-02-29', '+1 year'), strftime('%Y-%m-%d %H:%M', '2000-01-01 12:34:56', '+90 minutes'), julianday('2000-01-01');
SELECT group_concat(name, ';') FROM (SELECT name FROM t WHERE g = 5 ORDER BY id LIMIT 5);
SELECT name FROM pragma_function_list WHERE name LIKE 'fts5%' ORDER BY 1;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE g = 3;
CREATE TRIGGER tr AFTER INSERT ON u BEGIN UPDATE u SET label = upper(new.label) WHERE g = new.g; END;
INSERT INTO u VALUES (4, 'four');
SELECT * FROM u ORDER BY g;
CREATE VIEW w AS SELECT g, max(v) AS mv FROM t GROUP BY g;
SELECT * FROM w WHERE mv > 7490 ORDER BY g;
.mode csv
SELECT * FROM t WHERE id % 1000 = 0;
.mode box
SELECT g, label FROM u ORDER BY g;
.mode list
.schema
.dump u
BEGIN; UPDATE t SET v = v * 2 WHERE g = 1; ROLLBACK;
SELECT sum(v) FROM t;
DELETE FROM t WHERE g > 10;
SELECT count(*) FROM t;
SELECT * FROM nonexistent;
PRAGMA integrity_check;
SELECT sqlite_version(), sqlite_source_id() IS NOT NULL;
EOF
}

WORKLOAD_sqlite3() {
  local w=$1 rd=$2
  sqlite_script >"$rd/script.sql"
  step "$rd" script "$rd/script.sql" "$w"
  check "$rd" "sqlite count" grep -qx '5000|18753750.0|3750.75|n1|n999|39987.0' "$rd/script.out"
  step "$rd" cmdline "$DIR/inputs/empty" "$w" :memory: 'select 6 * 7;' 'select 1, 2;'
  step "$rd" version "$DIR/inputs/empty" "$w" -version
  step "$rd" help "$DIR/inputs/empty" "$w" -help
}

# ---------------------------------------------------------------------------------------------------
# 5. One comparison: link with both linkers, validate, compare structure and behaviour.
# ---------------------------------------------------------------------------------------------------

ROWS=()
FAILED=0

# compare_link PROGRAM VARIANT WORKLOAD OPT CLANG-LINK-ARGS...
compare_link() {
  local prog=$1 variant=$2 workload=$3 opt=$4; shift 4
  local od="$DIR/out/$prog-$variant"
  rm -rf "$od"; mkdir -p "$od/ld" "$od/wl" "$od/run-ld" "$od/run-wl"
  link_args "$opt" "$@"
  local ld="$od/ld/$prog.wasm" wl="$od/wl/$prog.wasm"
  local -a a_ld a_wl
  mapfile -d '' a_ld < <(with_output "$ld")
  mapfile -d '' a_wl < <(with_output "$wl")
  printf '%q ' "$WASM_LD" "${a_ld[@]}" >"$od/link-command.txt"; echo >>"$od/link-command.txt"
  detail ""
  detail "== $prog [$variant]"
  detail "   argv: $(cat "$od/link-command.txt")"

  local t0 t1 t2 rc_ld rc_wl
  DIAG_DIFF=0
  t0=$(now_ms)
  "$WASM_LD" "${a_ld[@]}" >"$od/ld.log" 2>&1; rc_ld=$?
  t1=$(now_ms)
  "${WLINK_CMD[@]}" "${a_wl[@]}" >"$od/wl.log" 2>&1; rc_wl=$?
  t2=$(now_ms)
  detail "   link time: wasm-ld $((t1 - t0)) ms, wlink $((t2 - t1)) ms; exit codes $rc_ld / $rc_wl"
  if ! diff -q <(sed "s|$ld|OUT|g; s|wasm-ld-19: |LD: |; s|wasm-ld: |LD: |" "$od/ld.log") \
               <(sed "s|$wl|OUT|g; s|wlink: |LD: |" "$od/wl.log") >/dev/null; then
    DIAG_DIFF=1
    detail "   linker diagnostics differ:"
    detail "$(sed 's/^/     wasm-ld| /' "$od/ld.log" | head -n 8)"
    detail "$(sed 's/^/     wlink  | /' "$od/wl.log" | head -n 8)"
  fi

  local row_ok=yes codes="-" codew="-" totl="-" totw="-" beh="-" imp="-" exp="-" fun="-" same="-" note=""
  if [ $rc_ld -ne 0 ]; then
    note="wasm-ld failed: $(head -n 1 "$od/ld.log")"; row_ok=no
  elif [ $rc_wl -ne 0 ] || [ ! -f "$wl" ]; then
    note="wlink failed: $(grep -m1 -E 'error|Error' "$od/wl.log" || head -n 1 "$od/wl.log")"; row_ok=no
    read -r codes totl < <(node "$DIR/tools/wasm-compare.mjs" sizes "$ld")
  else
    local vl=ok vw=ok
    wasm-validate --enable-all "$ld" >"$od/validate-ld.log" 2>&1 || vl=INVALID
    wasm-validate --enable-all "$wl" >"$od/validate-wl.log" 2>&1 || vw=INVALID
    if [ $vl != ok ] || [ $vw != ok ]; then
      note="validate: wasm-ld $vl, wlink $vw $(head -n 1 "$od/validate-wl.log")"; row_ok=no
      detail "   wasm-validate: wasm-ld $vl, wlink $vw"
      detail "$(head -n 5 "$od/validate-wl.log" | sed 's/^/     /')"
    fi
    node "$DIR/tools/wasm-compare.mjs" compare "$ld" "$wl" >"$od/compare.txt" 2>&1 || { note="compare tool failed"; row_ok=no; }
    local key val
    declare -A C=()
    while read -r key val; do [ "$key" = detail: ] || C[$key]=$val; done <"$od/compare.txt"
    read -r codes codew <<<"${C[codesize]:-- -}"
    read -r totl totw <<<"${C[totalsize]:-- -}"
    imp=${C[imports]:-?}; exp=${C[exports]:-?}; fun=${C[functions]:-?}
    [ "$imp/$exp/$fun" = yes/yes/yes ] || row_ok=no
    local k
    for k in types globals memory table elem data customs start funcorder bodies_not_larger; do
      [ "${C[$k]:-?}" = yes ] || { note+="${note:+; }$k differ"; row_ok=no; }
    done
    grep '^detail:' "$od/compare.txt" | sed 's/^detail: /   /' >>"$REPORT"
    if [ "$codes" != - ] && [ "$codew" != - ] && [ "$codew" -gt "$codes" ]; then note+="${note:+; }wlink code larger"; row_ok=no; fi

    # Debug info kept: wlink keeps the bodies DWARF describes byte for byte and compacts the others,
    # so the modules differ; what DWARF says of every described byte must not (llvm-symbolizer on
    # both, tests/golden/dwarf-compare.ts).
    if wasm-objdump -h "$ld" 2>/dev/null | grep -q '"\.debug_info"'; then
      if cmp -s "$ld" "$wl"; then same=identical
      elif node "$ROOT/dist/tests/golden/dwarf-compare.js" "$ld" "$wl" "$SYMBOLIZER" >"$od/dwarf.txt" 2>&1; then
        local described compacted
        described=$(sed -n 's/^described //p' "$od/dwarf.txt"); compacted=$(sed -n 's/^compacted //p' "$od/dwarf.txt")
        if grep -q '^dwarf_same yes' "$od/dwarf.txt"; then same="dwarf same ($described exact, $compacted compact)"
        else
          same="dwarf differs"; row_ok=no
          detail "$(grep '^detail:' "$od/dwarf.txt" | head -n 8 | sed 's/^detail: /   dwarf: /')"
        fi
      else
        same="dwarf-compare failed"; row_ok=no
        detail "   dwarf-compare: $(head -c 400 "$od/dwarf.txt")"
      fi
    else
      # Stripped: wlink's compact LEBs should be exactly what wasm-ld writes with --compress-relocations.
      same="compact"
      if [ "${C[bodies_identical]:-}" = yes ]; then same="code same"; fi
      mkdir -p "$od/ldc"
      local -a a_ldc
      mapfile -d '' a_ldc < <(with_output "$od/ldc/$prog.wasm")
      if [ "$same" = compact ] && "$WASM_LD" "${a_ldc[@]}" --compress-relocations >"$od/ldc.log" 2>&1; then
        node "$DIR/tools/wasm-compare.mjs" compare "$od/ldc/$prog.wasm" "$wl" >"$od/compare-ldc.txt" 2>&1
        if grep -q '^bodies_identical yes' "$od/compare-ldc.txt"; then same="compact = ld -compress"
        else
          same="compact != ld -compress"
          detail "   vs wasm-ld --compress-relocations: $(grep -m1 'bodies with different bytes' "$od/compare-ldc.txt" | sed 's/^detail: //')"
          detail "   code size wasm-ld --compress-relocations: $(grep '^codesize' "$od/compare-ldc.txt")"
        fi
      fi
    fi

    # Behaviour.
    "WORKLOAD_$workload" "$ld" "$od/run-ld"
    "WORKLOAD_$workload" "$wl" "$od/run-wl"
    if diff -r "$od/run-ld" "$od/run-wl" >"$od/run.diff" 2>&1; then beh=yes; else
      beh=no; row_ok=no
      detail "   behaviour differs ($(grep -c '^diff\|^Binary\|^Only' "$od/run.diff") files):"
      detail "$(head -n 12 "$od/run.diff" | sed 's/^/     /')"
    fi
    if grep -q '^FAIL' "$od/run-ld/checks" 2>/dev/null; then
      note+="${note:+; }workload checks failed for wasm-ld too: $(grep -m1 '^FAIL' "$od/run-ld/checks")"
    fi
    detail "   checks (wasm-ld run): $(grep -c '^ok' "$od/run-ld/checks" 2>/dev/null) ok, $(grep -c '^FAIL' "$od/run-ld/checks" 2>/dev/null) failed"
  fi
  if [ "$DIAG_DIFF" = 1 ]; then note+="${note:+; }diagnostics differ"; row_ok=no; fi
  [ $row_ok = yes ] || FAILED=1
  detail "   result: $([ $row_ok = yes ] && echo identical || echo DIFFERENT) ${note}"
  ROWS+=("$prog|$variant|$codes|$codew|$totl|$totw|$beh|$imp|$exp|$fun|$same|$note")
  log "  $prog [$variant]: behaviour=$beh imports=$imp exports=$exp functions=$fun $same ${note}"
}

# run_variants PROGRAM WORKLOAD OPT CLANG-LINK-ARGS...: the standard link variants.
run_variants() {
  local prog=$1 workload=$2 opt=$3; shift 3
  local tag="O$opt"
  compare_link "$prog" "$tag" "$workload" "$opt" "$@"
  compare_link "$prog" "$tag-S" "$workload" "$opt" "$@" -Wl,-S
  [ "$opt" = 0 ] && return
  compare_link "$prog" "$tag-no-gc" "$workload" "$opt" "$@" -Wl,--no-gc-sections
  compare_link "$prog" "$tag-no-gc-S" "$workload" "$opt" "$@" -Wl,--no-gc-sections -Wl,-S
}

# ---------------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------------

project_zlib() {
  local z; z=$(fetch zlib)
  make_inputs "$z"
  local b="$DIR/build/zlib-O2"
  local lib=(adler32 crc32 deflate infback inffast inflate inftrees trees zutil compress uncompr gzclose gzlib gzread gzwrite)
  local srcs=() s
  for s in "${lib[@]}"; do srcs+=("$z/$s.c"); done
  compile_all "$b" 2 "-I$z -DHAVE_UNISTD_H -DHAVE_HIDDEN" "${srcs[@]}" "$z/test/minigzip.c" "$z/test/example.c" || return 1
  local objs=(); for s in "${srcs[@]}"; do objs+=("$(obj "$b" "$s")"); done
  archive "$b/libz.a" "${objs[@]}"
  run_variants minigzip minigzip 2 "$(obj "$b" "$z/test/minigzip.c")" -L"$b" -lz
  run_variants example example 2 "$(obj "$b" "$z/test/example.c")" -L"$b" -lz
  # Other link options on the same program.
  local mg; mg=$(obj "$b" "$z/test/minigzip.c")
  compare_link minigzip O2-strip-all minigzip 2 "$mg" -L"$b" -lz -Wl,--strip-all
  compare_link minigzip O2-export-dynamic minigzip 2 "$mg" -L"$b" -lz -Wl,--export-dynamic
  compare_link minigzip O2-export-all minigzip 2 "$mg" -L"$b" -lz -Wl,--export-all
  compare_link minigzip O2-stack-first minigzip 2 "$mg" -L"$b" -lz -Wl,--stack-first -Wl,-z,stack-size=1048576 -Wl,--initial-memory=4194304
  compare_link minigzip O2-link-O0 minigzip 2 "$mg" -L"$b" -lz -Wl,-O0
  compare_link minigzip O2-link-O2 minigzip 2 "$mg" -L"$b" -lz -Wl,-O2
  # The library alone as a reactor; --export pulls the members out of libz.a.
  compare_link libz O2-reactor zreactor 2 -mexec-model=reactor -L"$b" -lz \
    -Wl,--export=zlibVersion -Wl,--export=compressBound -Wl,--export=adler32 -Wl,--export=crc32 \
    -Wl,--export=zlibCompileFlags -Wl,--export=deflateBound -Wl,--export=deflate
  compare_link libz O2-reactor-S zreactor 2 -mexec-model=reactor -L"$b" -lz -Wl,-S \
    -Wl,--export=zlibVersion -Wl,--export=compressBound -Wl,--export=adler32 -Wl,--export=crc32 \
    -Wl,--export=zlibCompileFlags -Wl,--export=deflateBound -Wl,--export=deflate
}

project_bzip2() {
  local z; z=$(fetch zlib); make_inputs "$z"
  BZIP2_SRC=$(fetch bzip2)
  local s=$BZIP2_SRC b="$DIR/build/bzip2-O2"
  local lib=(blocksort huffman crctable randtable compress decompress bzlib) srcs=() x
  for x in "${lib[@]}"; do srcs+=("$s/$x.c"); done
  compile_all "$b" 2 "-I$s -D_FILE_OFFSET_BITS=64 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS '-Dfchmod(f,m)=0' '-Dfchown(f,u,g)=0'" \
    "${srcs[@]}" "$s/bzip2.c" "$DIR/stub/wrap/wrap-malloc.c" || return 1
  local objs=(); for x in "${srcs[@]}"; do objs+=("$(obj "$b" "$x")"); done
  archive "$b/libbz2.a" "${objs[@]}"
  run_variants bzip2 bzip2 2 "$(obj "$b" "$s/bzip2.c")" -L"$b" -lbz2 -lwasi-emulated-signal -lwasi-emulated-process-clocks
  local bo; bo=$(obj "$b" "$s/bzip2.c")
  local libs=(-L"$b" -lbz2 -lwasi-emulated-signal -lwasi-emulated-process-clocks)
  compare_link bzip2 O2-print-gc bzip2 2 "$bo" "${libs[@]}" -Wl,--print-gc-sections
  compare_link bzip2 O2-table bzip2 2 "$bo" "${libs[@]}" -Wl,--export-table -Wl,--growable-table -Wl,--table-base=10
  compare_link bzip2 O2-memory bzip2 2 "$bo" "${libs[@]}" -Wl,--global-base=4096 -Wl,-z,stack-size=131072 \
    -Wl,--initial-memory=2097152 -Wl,--max-memory=67108864
  compare_link bzip2 O2-import-memory bzip2 2 "$bo" "${libs[@]}" -Wl,--import-memory -Wl,--export-memory
  compare_link bzip2 O2-no-merge bzip2 2 "$bo" "${libs[@]}" -Wl,--no-merge-data-segments
  compare_link bzip2 O2-wrap bzip2 2 "$bo" "$(obj "$b" "$DIR/stub/wrap/wrap-malloc.c")" "${libs[@]}" \
    -Wl,--wrap=malloc -Wl,--wrap=free
  compare_link bzip2 O2-S-compress bzip2 2 "$bo" "${libs[@]}" -Wl,-S -Wl,--compress-relocations
}

project_lua() {
  local z; z=$(fetch zlib); make_inputs "$z"
  local l; l="$(fetch lua5.4)/src"
  local core=(lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser lstate lstring ltable ltm lundump lvm lzio)
  local libs=(lauxlib lbaselib lcorolib ldblib liolib lmathlib loadlib loslib lstrlib ltablib lutf8lib linit)
  local srcs=() x opt
  for x in "${core[@]}" "${libs[@]}"; do srcs+=("$l/$x.c"); done
  for opt in 2 0 g; do
    local b="$DIR/build/lua-O$opt" g=""
    [ $opt = g ] && { opt=2; g=-g; }
    compile_all "$b" $opt "$g -I$DIR/stub/lua -I$l -DLUA_COMPAT_5_3 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -DLUA_TMPNAMBUFSIZE=32 '-Dlua_tmpnam(b,e)=e=1'" \
      "${srcs[@]}" "$DIR/stub/lua/wasi-stubs.c" "$l/lua.c" "$l/luac.c" || return 1
    local objs=(); for x in "${srcs[@]}" "$DIR/stub/lua/wasi-stubs.c"; do objs+=("$(obj "$b" "$x")"); done
    archive "$b/liblua5.4.a" "${objs[@]}"
    local libargs=(-L"$b" -llua5.4 -lwasi-emulated-signal -lwasi-emulated-process-clocks -lm)
    if [ -n "$g" ]; then
      compare_link lua O2-g lua 2 "$(obj "$b" "$l/lua.c")" "${libargs[@]}"
      compare_link lua O2-g-S lua 2 "$(obj "$b" "$l/lua.c")" "${libargs[@]}" -Wl,-S
      compare_link luac O2-g luac 2 "$(obj "$b" "$l/luac.c")" "${libargs[@]}"
      continue
    fi
    run_variants lua lua $opt "$(obj "$b" "$l/lua.c")" "${libargs[@]}"
    run_variants luac luac $opt "$(obj "$b" "$l/luac.c")" "${libargs[@]}"
  done
}

sqlite_amalgamation() {
  local s=$1 a="$DIR/build/sqlite-amalgamation"
  if [ -s "$a/sqlite3.c" ] && [ -s "$a/shell.c" ]; then printf '%s\n' "$a"; return; fi
  command -v tclsh >/dev/null 2>&1 || { as_root apt-get install -y -qq tcl >&2 || die "sqlite amalgamation needs tclsh"; }
  command -v cc >/dev/null 2>&1 || die "sqlite amalgamation needs a host cc"
  mkdir -p "$a"
  log "building the sqlite amalgamation (configure; make sqlite3.c shell.c)"
  (cd "$a" && "$s/configure" --disable-tcl >configure.log 2>&1 && make sqlite3.c shell.c >make.log 2>&1) || die "sqlite amalgamation failed, see $a"
  printf '%s\n' "$a"
}

project_sqlite() {
  local s; s=$(fetch sqlite3)
  local a; a=$(sqlite_amalgamation "$s")
  local b="$DIR/build/sqlite-O2"
  local defs="-I$a -I$DIR/stub/sqlite -DSQLITE_OS_OTHER=1 -DSQLITE_TEMP_STORE=3 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_FTS5 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID -DSQLITE_OMIT_POPEN '-Dchmod(p,m)=0'"
  compile_all "$b" 2 "$defs" "$a/sqlite3.c" "$a/shell.c" "$DIR/stub/sqlite/wasi-os.c" || return 1
  archive "$b/libsqlite3.a" "$(obj "$b" "$a/sqlite3.c")" "$(obj "$b" "$DIR/stub/sqlite/wasi-os.c")"
  local libs=(-L"$b" -lsqlite3 -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid)
  run_variants sqlite3 sqlite3 2 "$(obj "$b" "$a/shell.c")" "${libs[@]}"
  compare_link sqlite3 O2-strip-all sqlite3 2 "$(obj "$b" "$a/shell.c")" "${libs[@]}" -Wl,--strip-all
  compare_link sqlite3 O2-link-O2 sqlite3 2 "$(obj "$b" "$a/shell.c")" "${libs[@]}" -Wl,-O2
}

# ---------------------------------------------------------------------------------------------------

write_helpers
log "wlink: $WLINK; wasm-ld: $(command -v "$WASM_LD"); work dir: $DIR"
for p in "${PROJECTS[@]}"; do
  if declare -F "project_$p" >/dev/null; then
    log "== $p"
    "project_$p" || { ROWS+=("$p|build|-|-|-|-|-|-|-|-|-|build failed"); FAILED=1; }
  else
    die "unknown project: $p (zlib bzip2 lua sqlite)"
  fi
done

{
  printf '\n%-9s %-18s %9s %9s %9s %9s %-5s %-4s %-4s %-4s %-22s %s\n' program variant ld-code wl-code ld-total wl-total behav imp exp func bytes/disasm notes
  for r in "${ROWS[@]}"; do
    IFS='|' read -r p v c1 c2 t1 t2 be im ex fu sa no <<<"$r"
    printf '%-9s %-18s %9s %9s %9s %9s %-5s %-4s %-4s %-4s %-22s %s\n' "$p" "$v" "$c1" "$c2" "$t1" "$t2" "$be" "$im" "$ex" "$fu" "$sa" "$no"
  done
  printf '\ndetails: %s\n' "$REPORT"
} | tee -a "$REPORT"
exit $FAILED
