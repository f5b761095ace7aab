// Worker slots with a watchdog and memory accounting. A slot owns one worker thread (worker.mjs)
// and runs one job at a time:
//
//   - hang: no answer within the timeout, counted from when the job was posted to a worker that
//     had finished starting (loading the linker is not the link). The worker is paused through the
//     inspector to learn where it is (its JS stack), then terminated; the job is reported as
//     'hang' with that stack, and a new worker starts with the next job.
//   - over the JS heap cap: the worker is created with resourceLimits.maxOldGenerationSizeMb set to
//     the cap, so a runaway heap ends the worker (ERR_WORKER_OUT_OF_MEMORY) instead of the fuzzer;
//     the job is reported as 'over-cap'.
//   - any other death of the worker is reported as 'internal'.
//
// rss is one figure for the whole process, so the main thread samples it every 10 ms while jobs
// run and gives each job the peak it saw from the job's start (rssPeak - rssStart). With more than
// one slot, a job's rss growth includes whatever the other slots allocated meanwhile: an over-cap
// verdict that rests on rss alone is confirmed (or cleared) by replaying its reproducer, which runs
// alone. The array-buffer figure is the worker's own.
//
// A slot made with `allocationProbe` runs a probe worker (see worker.mjs), used to re-run an
// over-cap input and learn where its largest allocation happens.
import inspector from 'node:inspector';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const SAMPLE_MS = 10;
const running = new Set();
let sampler = null;

function sample() {
  const rss = process.memoryUsage.rss();
  for (const job of running) if (rss > job.rssPeak) job.rssPeak = rss;
}

function track(job) {
  job.rssStart = process.memoryUsage.rss();
  job.rssPeak = job.rssStart;
  running.add(job);
  if (!sampler) sampler = setInterval(sample, SAMPLE_MS);
}

function untrack(job) {
  sample();
  running.delete(job);
  if (running.size === 0 && sampler) {
    clearInterval(sampler);
    sampler = null;
  }
}

/**
 * The JS stack a busy worker is at, as "    at f (file:line:col)" lines, or null if the inspector
 * gives nothing within `ms`. The worker is paused (Debugger.pause interrupts running JS), resumed and
 * detached; the caller terminates it.
 */
function stackOf(worker, ms = 3000) {
  return new Promise((resolve) => {
    const session = new inspector.Session();
    try {
      session.connect();
    } catch {
      resolve(null);
      return;
    }
    let target = null;
    const post = (method, params) => { try { session.post(method, params); } catch { /* session gone */ } };
    const toWorker = (id, method) => post('NodeWorker.sendMessageToWorker', { sessionId: target, message: JSON.stringify({ id, method }) });
    const done = (stack) => {
      clearTimeout(timer);
      if (target) {
        toWorker(3, 'Debugger.resume');
        post('NodeWorker.detach', { sessionId: target });
      }
      post('NodeWorker.disable');
      session.disconnect();
      resolve(stack);
    };
    const timer = setTimeout(() => done(null), ms);
    session.on('NodeWorker.attachedToWorker', ({ params }) => {
      // The inspector numbers workers its own way; the title names the thread.
      if (params.workerInfo.title !== `[worker ${worker.threadId}]`) {
        post('NodeWorker.detach', { sessionId: params.sessionId });
        return;
      }
      target = params.sessionId;
      toWorker(1, 'Debugger.enable');
      toWorker(2, 'Debugger.pause');
    });
    session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
      if (params.sessionId !== target) return;
      const msg = JSON.parse(params.message);
      if (msg.method !== 'Debugger.paused') return;
      done(msg.params.callFrames.map((f) => `    at ${f.functionName || '<anonymous>'} (${f.url.replace(/^file:\/\//, '')}:${f.location.lineNumber + 1}:${f.location.columnNumber + 1})`).join('\n'));
    });
    post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  });
}

export class Slot {
  /** root: the repository (its dist/ is linked); capBytes: the memory cap; timeoutMs: the watchdog. */
  /** files: [path, bytes] pairs every worker of this slot starts with (see worker.mjs). */
  constructor(root, { capBytes, timeoutMs, allocationProbe = 0, files = [] }) {
    this.root = root;
    this.files = files;
    this.allocationProbe = allocationProbe;
    this.capBytes = capBytes;
    this.timeoutMs = timeoutMs;
    this.worker = null;
    this.pending = null;
    this.nextId = 1;
    this.restarts = 0;
  }

  start() {
    const worker = new Worker(path.join(this.root, 'scripts', 'fuzz', 'worker.mjs'), {
      workerData: { root: this.root, allocationProbe: this.allocationProbe, files: this.files },
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(this.capBytes / (1024 * 1024)) },
      stdout: true, // the linker prints nothing we need; keep the fuzzer's output readable
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let started;
    this.ready = new Promise((resolve) => { started = resolve; });
    worker.on('message', (msg) => {
      if (msg.ready) return started(true);
      if (worker !== this.worker || this.pending?.timedOut) return;
      this.finish(msg);
    });
    worker.on('error', (err) => {
      started(false);
      this.startError = err?.stack ?? String(err);
      if (worker !== this.worker) return;
      this.worker = null;
      if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.finish({ status: 'over-cap', message: `the worker's JS heap went over the cap (${err.message})`, heapOverCap: true });
      } else {
        this.finish({ status: 'internal', name: err?.name ?? 'Error', message: `worker died: ${err?.message ?? err}`, stack: err?.stack ?? String(err) });
      }
    });
    worker.on('exit', (code) => {
      started(false);
      if (worker !== this.worker) return;
      this.worker = null;
      this.finish({ status: 'internal', name: 'WorkerExit', message: `worker exited with code ${code}`, stack: '' });
    });
    this.worker = worker;
  }

  /** Ends the worker (after a hang, or to release memory after an over-cap link). */
  async restart() {
    const w = this.worker;
    this.worker = null;
    this.restarts++;
    if (w) await w.terminate();
  }

  /** Runs { argv, overrides, wantOutput, trace } and resolves to the worker's answer plus timing and rss. */
  async run(job) {
    if (this.pending) throw new Error('slot busy');
    if (!this.worker) this.start();
    const worker = this.worker;
    if (!(await this.ready) || worker !== this.worker) {
      this.worker = null;
      return { status: 'internal', name: 'WorkerStart', message: 'the worker did not start', stack: this.startError ?? '', wallMs: 0, rssStart: 0, rssPeak: 0 };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const tracked = { rssStart: 0, rssPeak: 0 };
      track(tracked);
      const started = performance.now();
      const timer = setTimeout(() => this.timedOut(id), this.timeoutMs);
      this.pending = { id, resolve, timer, tracked, started, timedOut: false };
      this.worker.postMessage({ id, argv: job.argv, overrides: job.overrides ?? [], wantOutput: !!job.wantOutput, trace: !!job.trace });
    });
  }

  /** The watchdog: the job is a hang (a late answer is ignored); its stack is taken, the worker ended. */
  async timedOut(id) {
    if (!this.pending || this.pending.id !== id) return;
    this.pending.timedOut = true;
    const worker = this.worker;
    const stack = worker ? await stackOf(worker) : null;
    if (this.worker === worker) await this.restart();
    this.finish({ status: 'hang', message: `no answer within ${this.timeoutMs / 1000} s`, stack: stack ? `Hang\n${stack}` : '' });
  }

  finish(result) {
    const p = this.pending;
    if (!p) return;
    if (result.id !== undefined && result.id !== p.id) return;
    this.pending = null;
    clearTimeout(p.timer);
    untrack(p.tracked);
    p.resolve({ ...result, wallMs: performance.now() - p.started, rssStart: p.tracked.rssStart, rssPeak: p.tracked.rssPeak });
  }

  async close() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/**
 * Whether a finished job went over the cap: the array buffers the link allocated (worker-local), or
 * the process rss growth seen while it ran. Returns a description, or null.
 */
export function overCap(result, capBytes) {
  if (result.heapOverCap) return result.message;
  const mib = (n) => `${(n / 1048576).toFixed(0)} MiB`;
  const reasons = [];
  if (result.mem) {
    const ab = result.mem.arrayBuffers - result.mem.arrayBuffersBefore;
    if (ab > capBytes) reasons.push(`array buffers grew by ${mib(ab)}`);
  }
  const rss = result.rssPeak - result.rssStart;
  if (rss > capBytes) reasons.push(`rss grew by ${mib(rss)}`);
  return reasons.length > 0 ? `${reasons.join(', ')} (cap ${mib(capBytes)})` : null;
}
