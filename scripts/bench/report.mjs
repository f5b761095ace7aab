// The benchmark's numbers and report (scripts/bench.mjs): medians of the timed samples of each case
// and linker, the ratios of each wlink command (one per node binary) to the reference linkers and to
// wlink on the machine's node, and the text the bench prints (and keeps in results.json): a header
// (machine, linkers, nodes, load, inputs of each case), one table row per case and linker (wall,
// CPU, RSS, output and code size, check), one ratio row per case and pair, and the problems found.
export const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const fmt = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const ratio = (a, b) => (a && b ? a / b : null);
const mb = (bytes) => fmt(bytes / 1048576, bytes < 1048576 ? 2 : 1);

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Medians (and min/max wall) of one linker's timed samples on a case; sizes from its checked link. */
export function summarize(samples, link) {
  const ok = samples.filter((s) => s.ok);
  return {
    medianWallMs: median(ok.map((s) => s.wallMs)),
    minWallMs: ok.length ? Math.min(...ok.map((s) => s.wallMs)) : null,
    maxWallMs: ok.length ? Math.max(...ok.map((s) => s.wallMs)) : null,
    medianCpuS: median(ok.map((s) => s.cpuS)),
    medianRssMiB: median(ok.map((s) => (s.rssKiB === null ? null : s.rssKiB / 1024))),
    outputBytes: link.size,
    codeBytes: link.codeSize,
    functions: link.functions,
    samples,
  };
}

/** Ratios of each wlink command to each reference linker and to `wlink` (the machine's node). */
export function caseRatios(summary) {
  const ratios = {};
  const wlinks = Object.keys(summary).filter((l) => l.startsWith('wlink'));
  const pairs = [];
  for (const w of wlinks) for (const other of ['native', 'yowasp']) if (summary[other]) pairs.push([w, other]);
  for (const w of wlinks) if (w !== 'wlink' && summary.wlink) pairs.push([w, 'wlink']);
  for (const [a, b] of pairs) {
    const x = summary[a];
    const y = summary[b];
    ratios[`${a}/${b}`] = {
      wall: ratio(x.medianWallMs, y.medianWallMs),
      cpu: ratio(x.medianCpuS, y.medianCpuS),
      rss: ratio(x.medianRssMiB, y.medianRssMiB),
      output: ratio(x.outputBytes, y.outputBytes),
      code: ratio(x.codeBytes, y.codeBytes),
    };
  }
  return ratios;
}

/** One line about a case's inputs (c.dir relative to the repository). */
function inputsLine(name, c) {
  const st = c.stats ?? {};
  const where = c.dir;
  const objects = `${st.objectFiles} object${st.objectFiles === 1 ? '' : 's'} ${mb(st.objectBytes)} MB`;
  const archive = st.archiveMembers ? ` + ${st.archiveName ?? 'archive'} ${st.archiveMembers} members ${mb(st.archiveBytes)} MB` : '';
  const ls = c.linkStats;
  const trace = ls && !ls.error
    ? `; the link extracts ${Object.entries(ls.extractedMembers).map(([a, n]) => `${n} members of ${a}`).join(', ')}; --gc-sections removes ${ls.gcRemovedSections} sections (${ls.gcRemovedFunctions} functions)`
    : '';
  const opt = c.cflags.filter((f) => /^-(O|g)/.test(f)).join(' '); // all of them in results.json
  return `  ${name}: ${where}, ${c.about}; ${c.compilerVersion} ${opt}: ${objects}${archive}${trace}`;
}

/** The report's text. */
export function reportText(results) {
  const { machine: mach, load } = results;
  const lines = [];
  lines.push(`wlink benchmark (issues 4 and 18) — ${results.startedAt}`);
  lines.push(`machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memGiB} GiB; ${mach.os}; wlink ${mach.wlinkCommit}`);
  lines.push(`linkers: ${Object.values(results.linkers).join('; ')}`);
  lines.push(`load: /proc/loadavg at start "${load.start}", before timing "${load.beforeTiming}", end "${load.end}"; ` +
    `CPU busy with other work while idle: ${fmt((load.busyBeforeTiming ?? NaN) * 100)}% before, ${fmt((load.busyAfter ?? NaN) * 100)}% after` +
    (load.noisy ? `\n  => NOISY (${load.noise.join('; ')}): treat the numbers as rough` : ''));
  const gen = results.generated;
  if (gen) {
    const st = gen.stats;
    lines.push(`generated program (scripts/bench/gen-corpus.mjs): ${st.functions} functions in ${st.tus} TUs (${st.deadByConstruction} unreferenced by construction), ` +
      `${mb(st.sourceBytes)} MB of C; TUs ${gen.params.archiveFrom}.. in libbench.a (${gen.params.orphanFrom}.. never extracted)`);
  }
  lines.push('inputs:');
  for (const [name, c] of Object.entries(results.cases)) lines.push(inputsLine(name, c));
  for (const [name, why] of Object.entries(results.skipped)) lines.push(`  ${name}: SKIPPED: ${why}`);
  lines.push(`runs: ${results.runs} per linker, alternating in each case; wall = median ms; cpu = median user + sys s; RSS = median peak MiB (${results.rssMethod}); ` +
    'output and code (code section) in bytes');
  for (const [node, s] of Object.entries(results.nodeStartup ?? {})) {
    lines.push(`node start-up (\`node -e 0\`, the floor of a Node-hosted linker), ${node}: ${fmt(s.medianWallMs)} ms` +
      (s.withoutExtraCaCertsMs !== undefined
        ? `; ${fmt(s.withoutExtraCaCertsMs)} ms without NODE_EXTRA_CA_CERTS, which is set here (node loads those certificates at start-up)`
        : ''));
  }
  lines.push('');
  const rows = [];
  const rrows = [];
  for (const [name, c] of Object.entries(results.cases)) {
    for (const l of c.order) {
      const x = c.summary?.[l];
      const check = l.startsWith('wlink') ? (c.check.wlink[l]?.ok && !c.check.problems.length ? 'ok' : 'MISMATCH') : 'ref';
      if (!x) { rows.push([name, l, c.check.links[l]?.ok ? 'untimed' : 'FAILED', '', '', '', '', '', check]); continue; }
      rows.push([name, l, fmt(x.medianWallMs), `${fmt(x.minWallMs)}-${fmt(x.maxWallMs)}`, fmt(x.medianCpuS, 2), fmt(x.medianRssMiB, 1), x.outputBytes, x.codeBytes, check]);
    }
    for (const [k, r] of Object.entries(c.ratios ?? {})) rrows.push([name, k, fmt(r.wall, 2), fmt(r.cpu, 2), fmt(r.rss, 2), fmt(r.output, 3), fmt(r.code, 3)]);
  }
  lines.push(table(rows, ['case', 'linker', 'wall ms', 'min-max ms', 'cpu s', 'RSS MiB', 'output B', 'code B', 'check']));
  if (rrows.length) lines.push('', table(rrows, ['case', 'ratio', 'wall', 'cpu', 'RSS', 'output', 'code']));
  const inc = results.incremental;
  if (inc) {
    lines.push(inc.error
      ? `\nincremental: FAILED\n${inc.error}`
      : `\nincremental (wlink Linker session, ${inc.functions} functions in ${inc.units} units + wasi-libc, ${inc.runs} runs): ` +
        `full link ${fmt(inc.medianFullMs)} ms, relink after one changed function ${fmt(inc.medianRelinkMs, 1)} ms ` +
        `= ${fmt(100 * inc.medianRelinkMs / inc.medianFullMs, 2)}% of the full link (byte-identical to a from-scratch link: checked)`);
  }
  for (const [name, c] of Object.entries(results.cases)) {
    if (c.check.problems.length) lines.push(`\n${name}: problems:\n  ${c.check.problems.join('\n  ')}`);
    for (const [l, w] of Object.entries(c.check.wlink)) {
      if (!w.ok) lines.push(`\n${name}: ${l} problems:\n  ${w.problems.join('\n  ')}`);
      for (const n of w.notes) lines.push(`${name}: ${l}: ${n}`);
    }
    for (const n of c.check.notes) lines.push(`${name}: ${n}`);
  }
  lines.push('');
  lines.push('wasm-ld argv (from the compiler driver\'s -###; run with cwd the case\'s dir, sysroot files copied to sysroot/):');
  for (const [name, c] of Object.entries(results.cases)) {
    const a = c.wasmLdArgv;
    const shown = a.length > 14 ? [...a.slice(0, 8), `... (${a.length - 12} more) ...`, ...a.slice(-4)] : a;
    lines.push(`  ${name}: wasm-ld ${shown.join(' ')}`);
  }
  lines.push(`results: ${results.resultsFile}`);
  return lines.join('\n');
}
