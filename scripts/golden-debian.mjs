// Optional check (needs Debian's clang-19, lld-19, wasi-libc, libc++-19-dev-wasm32): builds the golden
// programs with Debian's clang-19 and links each twice through the clang driver, with its default
// wasm-ld-19 and with -fuse-ld=wlink (clang 19's wasm driver ignores --ld-path), then compares runs.
// Archive and reactor programs are skipped. Usage: node scripts/golden-debian.mjs [wlink path]
// (default bin/wlink.js). --help prints the usage; any other option is an error.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.join(repo, 'tests/golden/programs');
const work = path.join(repo, '.cache/golden-debian');
const cli = scriptOptions('node scripts/golden-debian.mjs', 'Usage: $0 [wlink path]\n\n' +
    'Builds the golden programs with Debian\'s clang-19, links each with wasm-ld-19 and with -fuse-ld=wlink, and compares their runs.', { positionals: true })
  .command('$0 [wlink]', false, (y) => y.positional('wlink', {
    type: 'string', defaultDescription: 'bin/wlink.js', describe: 'the wlink to link with (given to clang as -fuse-ld=PATH)',
  }));
const opts = parseScriptOptions(cli, 'golden-debian');
const wlink = path.resolve(opts.wlink ?? path.join(repo, 'bin/wlink.js'));
for (const name of fs.readdirSync(root).sort()) {
  const g = JSON.parse(fs.readFileSync(path.join(root, name, 'golden.json'), 'utf8'));
  if (g.archive || g.run?.reactor || typeof g.run === 'object') { console.log(`${name}: skipped (archive/reactor)`); continue; }
  const cxx = g.sources.some((s) => /\.(cc|cpp)$/.test(s));
  const cc = cxx ? 'clang++-19' : 'clang-19';
  const dir = path.join(work, name); fs.mkdirSync(dir, { recursive: true });
  try {
    const objs = g.sources.map((s) => { const o = path.join(dir, s.replace(/\.\w+$/, '.o'));
      execFileSync(/\.c$/.test(s) ? 'clang-19' : 'clang++-19', ['--target=wasm32-wasi', ...(g.cflags || []), '-c', path.join(root, name, s), '-o', o], { stdio: 'pipe' }); return o; });
    const ld = (g.ldflags || []);
    const out = {};
    for (const [k, extra] of [['ref', []], ['wl', [`-fuse-ld=${wlink}`]]]) {
      execFileSync(cc, ['--target=wasm32-wasi', ...objs, ...ld, ...extra, '-o', path.join(dir, `${k}.wasm`)], { stdio: 'pipe' });
      const r = spawnSync('node', [path.join(repo, 'scripts/run-wasm.mjs'), path.join(dir, `${k}.wasm`), ...(g.args || [])], { encoding: 'utf8' });
      out[k] = `${r.status}\n${r.stdout}`;
    }
    console.log(`${name}: ${out.ref === out.wl ? 'same behaviour' : 'DIFFERENT'}`);
  } catch (e) { console.log(`${name}: build failed: ${String(e.stderr || e.message).split('\n').slice(0, 2).join(' | ')}`); }
}
