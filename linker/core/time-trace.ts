// --time-trace: the events a link records for a Chrome trace (output/time-trace-file.ts writes them):
// one per stage and one per input read, each a name, a detail (the file), a start and a duration
// in microseconds. Events shorter than --time-trace-granularity are dropped as they end, as LLVM's
// time profiler drops them. Nothing is recorded without the option (LinkContext.trace is null).

/** One complete event ("ph": "X"): what ran, for which file, from when and for how long (µs). */
export interface TraceEvent {
  name: string;
  detail: string;
  start: number;
  duration: number;
}

export class TimeTrace {
  readonly events: TraceEvent[] = [];
  /** The trace's zero, on `now`'s clock, and the wall-clock time it was (µs since 1970). */
  readonly origin: number;
  readonly originWall = Date.now() * 1000;

  /** `now` is the link's clock in microseconds (core/host.ts, hostClock). */
  constructor(readonly granularity: number, readonly now: () => number) {
    this.origin = now();
  }

  /** Records `name` (for `detail`) as having run from `start` (a `now()` value) until now. */
  end(name: string, detail: string, start: number): void {
    const duration = this.now() - start;
    if (duration >= this.granularity) this.events.push({ name, detail, start: start - this.origin, duration });
  }
}
