// --time-trace[=FILE]: the link's TimeTrace as Chrome trace JSON (the format chrome://tracing,
// Perfetto and speedscope open), laid out as LLVM's time profiler writes it for ld.lld: the complete
// events on thread 0, one "Total NAME" event per name on its own thread (the summed duration, the
// count and the average), the process and thread names, and the wall-clock time the trace starts.
// Without a FILE it is written beside the output as OUTPUT.time-trace, as ld.lld does.
import { Diagnostics } from '../core/diagnostics';
import { Host, writeTextFile } from '../core/host';
import { TimeTrace } from '../core/time-trace';

const PROCESS = 'wlink';

/** The trace as JSON text. */
export function timeTraceJson(trace: TimeTrace): string {
  const events: object[] = [];
  const totals = new Map<string, { duration: number; count: number }>();
  for (const e of trace.events) {
    const ev: Record<string, unknown> = { pid: 1, tid: 0, ph: 'X', ts: Math.round(e.start), dur: Math.round(e.duration), name: e.name };
    if (e.detail !== '') ev.args = { detail: e.detail };
    events.push(ev);
    const t = totals.get(e.name);
    if (t === undefined) totals.set(e.name, { duration: e.duration, count: 1 });
    else { t.duration += e.duration; t.count++; }
  }
  // Longest first, each on its own thread so that the viewers draw them as bars side by side.
  const sorted = [...totals].sort((a, b) => b[1].duration - a[1].duration || (a[0] < b[0] ? -1 : 1));
  sorted.forEach(([name, t], i) => {
    events.push({ pid: 1, tid: i + 1, ph: 'X', ts: 0, dur: Math.round(t.duration), name: `Total ${name}`,
      args: { count: t.count, 'avg ms': Math.round(t.duration / t.count / 1000) } });
  });
  events.push({ cat: '', pid: 1, tid: 0, ts: 0, ph: 'M', name: 'process_name', args: { name: PROCESS } });
  events.push({ cat: '', pid: 1, tid: 0, ts: 0, ph: 'M', name: 'thread_name', args: { name: PROCESS } });
  return `${JSON.stringify({ traceEvents: events, beginningOfTime: Math.round(trace.originWall) })}\n`;
}

/** Writes the trace to `file` ('' = beside `output`; '-' = standard output). */
export function writeTimeTrace(trace: TimeTrace, file: string, output: string, host: Host, diag: Diagnostics): void {
  const text = timeTraceJson(trace);
  if (file === '-') {
    diag.print(text);
    return;
  }
  const path = file === '' ? `${output}.time-trace` : file;
  const failure = writeTextFile(host, path, text);
  if (failure !== null) diag.error(`cannot open time trace file ${path}: ${failure}`);
}
