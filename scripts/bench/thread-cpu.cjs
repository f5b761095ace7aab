// Preloaded (node --require) into a node command by `startup.mjs --threads`: when the process exits
// it appends the CPU time of its main thread and of all its other threads (V8's compiler and GC
// helpers, libuv's pool), in ms, to the file named by WLINK_BENCH_THREAD_CPU. The main thread does
// all of the link; what the others do runs beside it, so the main thread's time is the one that
// bounds the wall time. Read from /proc (Linux only), in the kernel's clock ticks.
'use strict';
const fs = require('node:fs');

const report = process.env.WLINK_BENCH_THREAD_CPU;
if (report) {
  process.on('exit', () => {
    const msPerTick = 1000 / 100; // USER_HZ: 100 on every Linux this runs on
    let main = 0;
    let other = 0;
    for (const tid of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      // Fields after the command name in parentheses (which may hold spaces): utime and stime
      // are fields 14 and 15 of the line, 12 and 13 after the name.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * msPerTick;
      if (Number(tid) === process.pid) main += ms;
      else other += ms;
    }
    fs.appendFileSync(report, `${main} ${other}\n`);
  });
}
