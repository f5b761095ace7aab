// Comparing the two sides of one wasm-ld invocation and classifying the result. A --reproduce tar
// archive is compared member by member (names, order, contents), version.txt excepted. wlink writes
// relocated LEBs compactly, so modules are never compared as bytes: a module is compared by wasm-validate's
// verdict, its list of sections (custom ones by name, and by content where no code offset is in it),
// wasm2wat's text, and, for -r / --emit-relocs outputs, obj2yaml's symbol table and relocations with
// code bodies and relocation offsets masked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exec, NULL_OUTPUT, STDOUT_FILE } from './run.mjs';

/** Classes, in the order a result is tested for them (the first that applies). */
export const CLASSES = [
  ['crash', 'wlink crashed (internal error, signal, timeout)'],
  ['unsupported', 'needs a feature wlink refuses today'],
  ['outcome', 'different outcome (one linked, one failed)'],
  ['first-error', 'different first error'],
  ['output', 'different output'],
  ['warnings', 'same output, different warnings'],
  ['same', 'same'],
];

const PROG = /^(?:\S*\/)?(?:wasm-ld(?:-\d+)?|wlink(?:\.js)?|ld\.lld(?:-\d+)?|lld(?:-\d+)?): /;
/** stderr lines without the program name (`wasm-ld-19: error: x` and `wlink: error: x` are both `error: x`). */
export function messageLines(stderr) {
  return stderr.split('\n').map((l) => l.replace(/\r$/, '').replace(PROG, '')).filter((l) => l.trim() !== '');
}

export function firstError(stderr) {
  const lines = messageLines(stderr);
  return lines.find((l) => /(^|\s)error: /.test(l)) ?? lines[0] ?? '';
}

function crashed(side) {
  if (side.timedOut) return 'timed out';
  if (side.signal) return `killed by ${side.signal}`;
  if (side.status !== 0 && side.status !== 1) return `exit status ${side.status}`;
  const m = /^.*internal error.*$/im.exec(side.stderr);
  return m ? m[0] : null;
}

/** The feature wlink refuses, from its 'not supported yet' message or else from the argv and inputs. */
function refusedFeature(side, inv) {
  const m = /^.*not supported yet.*$/m.exec(side.stderr);
  if (m) {
    // Absolute paths are left out (the checkout's own may hold any of these words); the test's as `.`.
    const msg = m[0].replace(PROG, '').split(inv.root).join('.').replace(/(^|\s)\/\S*/g, '$1PATH');
    if (/shared-memory|thread-local/.test(msg)) return 'shared memory / TLS';
    if (/wasm64/.test(msg)) return 'wasm64';
    if (/-shared\b|-pie\b|experimental-pic|shared librar|import-dynamic|-Bdynamic|-Bsymbolic/.test(msg)) return 'PIC / dynamic linking';
    if (/bitcode|-flto|--(thin)?lto|-?-save-temps|--disable-verify|-mllvm|--lto-/.test(msg)) return 'LTO (bitcode inputs)';
    if (/stub librar/.test(msg)) return 'stub libraries';
    const opt = /option not supported yet: (\S+)/.exec(msg);
    return opt ? `option ${opt[1]}` : msg.replace(/^error: /, '');
  }
  const a = inv.argv;
  // -shared/-pie links are compared like any other: wlink refuses what it does not support in words.
  if (a.includes('--shared-memory')) return 'shared memory / TLS';
  if (a.some((x, i) => x === '-mwasm64' || x === '-m=wasm64' || (x === '-m' && a[i + 1] === 'wasm64'))) return 'wasm64';
  if (a.some((x) => /^--?(thin)?lto-/.test(x))) return 'LTO (bitcode inputs)';
  for (const x of a) {
    if (x.startsWith('-')) continue;
    const p = path.resolve(inv.cwd, x);
    const inSnap = p.startsWith(inv.root + '/') ? path.join(inv.snap, p.slice(inv.root.length + 1)) : p;
    try {
      const fd = fs.openSync(inSnap, 'r');
      const b = Buffer.alloc(4);
      fs.readSync(fd, b, 0, 4, 0);
      fs.closeSync(fd);
      if (b.equals(Buffer.from([0x42, 0x43, 0xc0, 0xde]))) return 'LTO (bitcode inputs)';
    } catch { /* not a file */ }
  }
  return null;
}

const isWasm = (b) => b.length >= 4 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;

function uleb(b, at) {
  let v = 0;
  for (let shift = 0; at.pos < b.length; shift += 7) {
    const x = b[at.pos++];
    v += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) break;
  }
  return v;
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code', 'data', 'datacount', 'tag'];

/**
 * The module's sections, one line each: known sections by name; custom sections by name, with a hash of
 * their content unless code offsets or relocated LEBs are in it (name: wasm2wat shows it; linking and
 * reloc.*: obj2yaml shows them; .debug_*: code addresses move when wlink compacts bodies before them;
 * build_id from --build-id=uuid: random).
 */
export function sectionList(bytes, { uuid }) {
  const out = [];
  const at = { pos: 8 };
  let relocatable = false;
  while (at.pos < bytes.length) {
    const id = bytes[at.pos++];
    const size = uleb(bytes, at);
    const end = at.pos + size;
    if (id === 0) {
      const n = uleb(bytes, at);
      const name = bytes.subarray(at.pos, at.pos + n).toString('utf8');
      const payload = bytes.subarray(at.pos + n, end);
      if (name === 'linking' || name.startsWith('reloc.')) relocatable = true;
      const opaque = name === 'name' || name === 'linking' || name.startsWith('reloc.') || name.startsWith('.debug') || (name === 'build_id' && uuid);
      out.push(`custom ${name}${opaque ? '' : ` ${payload.length} bytes ${crypto.createHash('sha1').update(payload).digest('hex').slice(0, 12)}`}`);
    } else {
      out.push(SECTION_NAMES[id] ?? `section ${id}`);
    }
    at.pos = end;
  }
  return { lines: out, relocatable };
}

/** obj2yaml with what depends on LEB widths masked: code bodies, relocation offsets, segment offsets in the data section. */
export function maskYaml(text) {
  const out = [];
  let relocIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.search(/\S/);
    if (relocIndent >= 0 && indent >= 0 && indent <= relocIndent) relocIndent = -1;
    if (/^\s*Relocations:\s*$/.test(line)) relocIndent = indent;
    let l = line.replace(/^(\s*Body:\s*).*$/, '$1*').replace(/^(\s*SectionOffset:\s*).*$/, '$1*');
    if (relocIndent >= 0) l = l.replace(/^(\s*(?:- )?Offset:\s*)0x[0-9A-Fa-f]+\s*$/, '$1*');
    out.push(l);
  }
  return out.join('\n');
}

/**
 * A link map (--Map, -M) without what depends on LEB widths: every file offset (the Off column), and the
 * sizes of the code section and of the functions in it. Addresses and other sizes are kept.
 */
export function maskMap(text) {
  const lines = text.split('\n');
  if (!/^\s*Addr\s+Off\s+Size\s+Out\s+In\s+Symbol\s*$/.test(lines[0] ?? '')) return text;
  let inCode = false;
  return lines.map((l, i) => {
    const m = /^(\s*\S+)(\s+)(\S+)(\s+)(\S+) (.*)$/.exec(l);
    if (i === 0 || !m) return l;
    const [, addr, s1, off, s2, size, rest] = m;
    if (!rest.startsWith(' ')) inCode = rest === 'CODE';
    const mask = (v) => '*'.padStart(v.length);
    return `${addr}${s1}${mask(off)}${s2}${inCode ? mask(size) : size} ${rest}`;
  }).join('\n');
}

function firstDiff(a, b) {
  const la = a.split('\n'); const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return { line: i + 1, ref: la[i] ?? '<end>', new: lb[i] ?? '<end>' };
  }
  return null;
}

async function tool(tools, name, args, cwd) {
  const r = await exec(tools[name], args, { cwd });
  return { ok: r.status === 0, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8').trim() };
}

/** Differences between two modules, or null. Each is { aspect, line?, ref, new }. */
async function compareWasm(tools, refFile, newFile, uuid) {
  const [rb, nb] = [fs.readFileSync(refFile), fs.readFileSync(newFile)];
  if (rb.equals(nb)) return null;
  const rel = (f) => ({ cwd: path.dirname(f), name: path.basename(f) });
  const [r, n] = [rel(refFile), rel(newFile)];
  const [rv, nv] = await Promise.all([
    tool(tools, 'wasm-validate', ['--enable-all', r.name], r.cwd),
    tool(tools, 'wasm-validate', ['--enable-all', n.name], n.cwd),
  ]);
  // wasm-validate's messages start with FILE:OFFSET:, and offsets move with LEB widths
  const verdict = (v) => (v.ok ? 'valid' : v.err.split('\n')[0].replace(/^[^:]*:[0-9a-f]+: /, ''));
  if (verdict(rv) !== verdict(nv)) {
    return { aspect: 'wasm-validate --enable-all', ref: verdict(rv), new: verdict(nv) };
  }
  const [rs, ns] = [sectionList(rb, { uuid }), sectionList(nb, { uuid })];
  const sd = firstDiff(rs.lines.join('\n'), ns.lines.join('\n'));
  if (sd) return { aspect: 'sections', ...sd };
  const [rw, nw] = await Promise.all([
    tool(tools, 'wasm2wat', ['--enable-all', '--no-check', r.name], r.cwd),
    tool(tools, 'wasm2wat', ['--enable-all', '--no-check', n.name], n.cwd),
  ]);
  const wd = firstDiff(rw.ok ? rw.out : `wasm2wat failed: ${rw.err}`, nw.ok ? nw.out : `wasm2wat failed: ${nw.err}`);
  if (wd) return { aspect: 'wasm2wat --enable-all', ...wd };
  if (rs.relocatable || ns.relocatable) {
    const [ry, ny] = await Promise.all([
      tool(tools, 'obj2yaml-19', [r.name], r.cwd),
      tool(tools, 'obj2yaml-19', [n.name], n.cwd),
    ]);
    const yd = firstDiff(ry.ok ? maskYaml(ry.out) : `obj2yaml failed: ${ry.err}`, ny.ok ? maskYaml(ny.out) : `obj2yaml failed: ${ny.err}`);
    if (yd) return { aspect: 'obj2yaml (bodies and offsets masked)', ...yd };
  }
  return null;
}

const looksText = (b) => !b.subarray(0, 4096).includes(0);

const isTar = (b) => b.length >= 512 && b.subarray(257, 262).toString('latin1') === 'ustar';

/** A tar archive's members in order, { name, data }, with PAX `path` records applied. */
export function tarMembers(b) {
  const out = [];
  let paxPath = null;
  for (let at = 0; at + 512 <= b.length;) {
    const h = b.subarray(at, at + 512);
    if (h.every((x) => x === 0)) break;
    const field = (off, len) => { const f = h.subarray(off, off + len); const z = f.indexOf(0); return (z < 0 ? f : f.subarray(0, z)).toString('latin1'); };
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const data = b.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (h[156] === 0x78 /* x */) {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('latin1'));
      paxPath = m ? m[1] : null;
      continue;
    }
    const prefix = field(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    paxPath = null;
    out.push({ name, data });
  }
  return out;
}

/**
 * Two --reproduce archives: the same members in the same order with the same contents, except
 * version.txt, which names each linker's own version.
 */
function compareTar(rb, nb) {
  const [rm, nm] = [tarMembers(rb), tarMembers(nb)];
  const ld = firstDiff(rm.map((m) => m.name).join('\n'), nm.map((m) => m.name).join('\n'));
  if (ld) return { aspect: 'tar members', ...ld };
  for (let i = 0; i < rm.length; i++) {
    if (/(^|\/)version\.txt$/.test(rm[i].name) && i === 1) continue;
    if (rm[i].data.equals(nm[i].data)) continue;
    const text = looksText(rm[i].data) && looksText(nm[i].data);
    const d = text ? firstDiff(rm[i].data.toString('latin1'), nm[i].data.toString('latin1')) : { ref: `${rm[i].data.length} bytes`, new: `${nm[i].data.length} bytes` };
    return { aspect: `tar member ${rm[i].name}`, ...d };
  }
  return null;
}

async function compareFile(tools, rel, refDir, newDir, uuid) {
  const [rf, nf] = [path.join(refDir, rel), path.join(newDir, rel)];
  const [rb, nb] = [fs.readFileSync(rf), fs.readFileSync(nf)];
  if (rb.equals(nb)) return null;
  if (isWasm(rb) && isWasm(nb)) {
    const d = await compareWasm(tools, rf, nf, uuid);
    return d && { file: rel, ...d };
  }
  if (isTar(rb) && isTar(nb)) {
    const d = compareTar(rb, nb);
    return d && { file: rel, ...d };
  }
  if (isWasm(rb) !== isWasm(nb)) return { file: rel, aspect: 'kind', ref: isWasm(rb) ? 'a module' : 'not a module', new: isWasm(nb) ? 'a module' : 'not a module' };
  if (looksText(rb) && looksText(nb)) {
    const d = firstDiff(maskMap(rb.toString('utf8')), maskMap(nb.toString('utf8')));
    return d && { file: rel, aspect: 'text', ...d };
  }
  return { file: rel, aspect: 'bytes', ref: `${rb.length} bytes`, new: `${nb.length} bytes` };
}

/** Paths shortened for display: %s, %t, %T and %S as in the test, '.' for the exec directory. */
export function shorten(inv, s) {
  return s.split(inv.source).join('%s')
    .split(path.join(inv.root, NULL_OUTPUT)).join('/dev/null')
    .split(inv.tmp).join('%t')
    .split(path.join(inv.root, 'Output')).join('%T')
    .split(path.dirname(inv.source)).join('%S')
    .split(inv.root).join('.');
}

function summary(side, inv) {
  return {
    ok: side.status === 0,
    status: side.signal ?? side.status,
    firstError: side.status === 0 ? null : shorten(inv, firstError(side.stderr)),
    stderr: shorten(inv, messageLines(side.stderr).slice(0, 12).join('\n')),
    written: side.written,
  };
}

/** compare(inv, ref, cand) for runTest: classifies one invocation. */
export function makeComparer({ tools }) {
  return async (inv, ref, cand) => {
    const uuid = inv.argv.some((a) => /^--?build-id=uuid$/.test(a));
    const diffs = [];
    const files = [...new Set([...ref.written, ...cand.written])].sort();
    for (const rel of files) {
      const inRef = ref.written.includes(rel); const inNew = cand.written.includes(rel);
      if (inRef && inNew) {
        const d = await compareFile(tools, rel, ref.dir, cand.dir, uuid);
        if (d) diffs.push(d);
      } else {
        diffs.push({ file: rel, aspect: 'written', ref: inRef ? 'written' : 'not written', new: inNew ? 'written' : 'not written' });
      }
    }
    if (ref.deleted.join() !== cand.deleted.join()) diffs.push({ aspect: 'deleted files', ref: ref.deleted.join(' '), new: cand.deleted.join(' ') });
    if (!ref.stdout.equals(cand.stdout)) {
      if (isWasm(ref.stdout) || isWasm(cand.stdout)) {
        if (isWasm(ref.stdout) && isWasm(cand.stdout)) {
          const d = await compareWasm(tools, path.join(ref.dir, STDOUT_FILE), path.join(cand.dir, STDOUT_FILE), uuid);
          if (d) diffs.push({ file: STDOUT_FILE, ...d });
        } else diffs.push({ file: STDOUT_FILE, aspect: 'kind', ref: isWasm(ref.stdout) ? 'a module' : 'not a module', new: isWasm(cand.stdout) ? 'a module' : 'not a module' });
      } else {
        const text = (b) => maskMap(messageLines(b.toString('utf8')).join('\n'));
        const d = firstDiff(text(ref.stdout), text(cand.stdout));
        if (d) diffs.push({ file: STDOUT_FILE, aspect: 'text', ...d });
      }
    }
    const refErr = firstError(ref.stderr); const newErr = firstError(cand.stderr);
    const warn = (s) => messageLines(s).filter((l) => /(^|\s)warning: /.test(l));
    const warnDiff = firstDiff(warn(ref.stderr).join('\n'), warn(cand.stderr).join('\n'));
    const ok = (s) => s.status === 0;

    let cls = 'same'; let feature = null; let detail = null;
    const crash = crashed(cand);
    const differs = ok(ref) !== ok(cand) || (!ok(ref) && refErr !== newErr) || diffs.length > 0 || warnDiff;
    if (crash) { cls = 'crash'; detail = crash; } else if (differs && (feature = refusedFeature(cand, inv))) {
      cls = 'unsupported';
    } else if (ok(ref) !== ok(cand)) {
      cls = 'outcome';
    } else if (!ok(ref) && refErr !== newErr) {
      cls = 'first-error';
    } else if (diffs.length) {
      cls = 'output'; detail = diffs[0];
    } else if (warnDiff) {
      cls = 'warnings'; detail = { aspect: 'warnings', ...warnDiff };
    }
    if (cls !== 'unsupported') feature = null;
    if (detail && typeof detail === 'object') {
      for (const k of ['ref', 'new']) if (typeof detail[k] === 'string') detail[k] = shorten(inv, detail[k]);
    }
    return {
      test: inv.test, invocation: inv.id, run: inv.run, line: inv.line, class: cls, feature,
      argv: shorten(inv, ['wasm-ld', ...inv.recordedArgv].map(quoteArg).join(' ')),
      cwd: shorten(inv, inv.cwd), devNullRewritten: inv.devNullRewritten,
      ref: summary(ref, inv), new: summary(cand, inv),
      detail, differences: diffs.map((d) => ({ ...d, ref: shorten(inv, String(d.ref)), new: shorten(inv, String(d.new)) })),
    };
  };
}

const quoteArg = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
