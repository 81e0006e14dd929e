// Preloaded into the server process by bench:load (NODE_OPTIONS=--import): measures the
// server's event loop, which nothing outside the process can see. On SIGUSR2 it writes what it
// measured since the last signal to BENCH_LOAD_LOOP_FILE.<pid> and starts again (each process
// of a cluster, the primary and every worker, has its own). Costs one 10 ms timer.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const file = process.env.BENCH_LOAD_LOOP_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let utilization = performance.eventLoopUtilization();
  process.on('SIGUSR2', () => {
    const busy = performance.eventLoopUtilization(utilization);
    const ms = (ns) => Math.round(ns / 1e5) / 10;
    writeFileSync(`${file}.${process.pid}`, JSON.stringify({ delayP50Ms: ms(delay.percentile(50)), delayP99Ms: ms(delay.percentile(99)), delayMaxMs: ms(delay.max), utilization: Math.round(busy.utilization * 1000) / 1000 }));
    delay.reset();
    utilization = performance.eventLoopUtilization();
  });
}
