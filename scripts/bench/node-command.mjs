// The wlink command run by another node binary, for the benchmarks (scripts/bench.mjs --node,
// scripts/bench/startup.mjs --node): a copy of bin/wlink.js and dist/ under .cache/bench/out/ whose
// first line runs that node, so that it is still run as users run the command (the bin file, not
// `node bin/wlink.js`), and so that commands run under other node versions or V8 flags keep their own
// V8 code cache (each copy starts without one and writes its own) instead of rejecting each other's.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A copy of bin/wlink.js and dist/ named after `name`, whose first line runs `node` (a path, or
 * `node` for the one on PATH) with `flags` added, through `env -S` (GNU and BSD env; the bench
 * only). The copy has no tsconfig.json beside it, so bin/wlink.js takes it as an installed copy and
 * runs its bundle although every mtime is new. Returns the copy's bin/wlink.js.
 */
export function wlinkCommandFor(name, node, flags = []) {
  const root = path.join(BENCH_DIR, 'out', `node-${name.replace(/\W/g, '_')}`);
  fs.rmSync(root, { recursive: true, force: true });
  const dist = path.join(root, 'dist');
  fs.cpSync(path.join(REPO, 'dist'), dist, { recursive: true });
  fs.rmSync(path.join(dist, 'wlink.bundle.cache'), { force: true });
  const lines = fs.readFileSync(path.join(REPO, 'bin', 'wlink.js'), 'utf8').split('\n');
  if (lines[0] !== '#!/usr/bin/env node') throw new Error('bin/wlink.js: its first line is no longer #!/usr/bin/env node');
  lines[0] = `#!/usr/bin/env -S ${[node, ...flags].join(' ')}`;
  const script = path.join(root, 'bin', 'wlink.js');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, lines.join('\n'), { mode: 0o755 });
  if (createRequire(import.meta.url)(script).readBundle(dist) === null) throw new Error(`${script}: the copy would not run the bundle`);
  return script;
}
