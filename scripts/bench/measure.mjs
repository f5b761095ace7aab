// Runs one child process and measures its wall time and peak RSS.
//
// With /usr/bin/time (GNU time): `time -f '%e %M %U %S'` reports the child's peak RSS (KiB) and CPU time;
// the wall time is measured here around spawnSync (ms resolution, includes time's own ~1 ms).
// Without it, node children run under rss-wrap.mjs (their own process.resourceUsage().maxRSS) and
// other children get no RSS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

export const rssMethod = GNU_TIME ? '/usr/bin/time -f "%e %M %U %S"' : 'process.resourceUsage().maxRSS (node children only)';

/**
 * cmd: { exe, args, nodeScript? } — nodeScript set when exe is node running that script (args[0]).
 * env: the child's environment (default: this process's).
 * Returns { status, wallMs, rssKiB, cpuS, stdout, stderr }.
 */
export function measure(cmd, { cwd, env, timeoutMs = 600_000 } = {}) {
  const report = path.join(os.tmpdir(), `wlink-bench-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  let exe = cmd.exe;
  let args = cmd.args;
  if (GNU_TIME) {
    exe = GNU_TIME;
    args = ['-f', '%e %M %U %S', '-o', report, cmd.exe, ...cmd.args];
  } else if (cmd.nodeScript) {
    args = [path.join(HERE, 'rss-wrap.mjs'), report, ...cmd.args];
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: timeoutMs });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKiB = null;
  let cpuS = null;
  try {
    const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
    const last = lines[lines.length - 1].trim().split(/\s+/).map(Number);
    if (GNU_TIME) {
      rssKiB = last[1];
      cpuS = last[2] + last[3];
    } else {
      rssKiB = last[0];
    }
  } catch { /* no report: the child failed to start, or no RSS method */ }
  fs.rmSync(report, { force: true });
  return {
    status: r.error ? (r.error.code === 'ETIMEDOUT' ? 'timeout' : String(r.error.message)) : r.status,
    signal: r.signal,
    wallMs,
    rssKiB,
    cpuS,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
  };
}
