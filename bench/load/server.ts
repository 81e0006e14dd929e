import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Server processes serving requests (WORKERS; 1 when the server runs in one process). */
  workers: number;
  /** The log lines' levels seen since start (warn and error counts are reported). */
  logLevels: Map<number, number>;
  stop(): Promise<number | null>;
}

/**
 * Starts `bin/union-assistant.js serve` (what `npm start` runs) as its own process on a free
 * loopback port, and resolves when it logs that it is listening.
 */
export async function startServer(root: string, env: Record<string, string>): Promise<ServerProcess> {
  const probe = pathToFileURL(fileURLToPath(new URL('./loop-probe.mjs', import.meta.url))).href;
  const child = spawn(process.execPath, [join(root, 'bin/union-assistant.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${probe}`.trim(), DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOAD_LOG_LEVEL || 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Whatever happens to the generator, its server does not outlive it.
  const orphan = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.on('exit', orphan);
  const logLevels = new Map<number, number>();
  let logs = '';
  let started = false;
  let tail = '';
  let workers = 1;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.slice(-4000)}`)), 300_000);
    child.on('exit', (code) => {
      if (!started) reject(new Error(`server exited with ${code}:\n${logs.slice(-4000)}`));
    });
    // BENCH_LOAD_SERVER_LOG=FILE keeps the server's whole log (with BENCH_LOAD_LOG_LEVEL=debug,
    // every request and its duration) for a closer look.
    const keep = process.env.BENCH_LOAD_SERVER_LOG ? createWriteStream(process.env.BENCH_LOAD_SERVER_LOG) : undefined;
    if (keep) child.stderr.pipe(keep);
    child.stderr.on('data', (d: Buffer) => {
      // After start-up only the level of each line is kept (cheap: one regex per line).
      const text = tail + d.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const level = /"level":(\d+)/.exec(line)?.[1];
        const msg = /"msg":"([^"]{0,120})/.exec(line)?.[1];
        if (msg) messages.set(msg, (messages.get(msg) ?? 0) + 1);
        if (level) logLevels.set(Number(level), (logLevels.get(Number(level)) ?? 0) + 1);
        if (level && Number(level) >= 50 && firstErrors.length < 5) firstErrors.push(line.slice(0, 400));
        if (level && Number(level) === 40 && firstWarnings.length < 3) firstWarnings.push(line.slice(0, 400));
      }
      if (started) return;
      logs += lines.join('\n') + '\n';
      const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
      if (match) {
        workers = Number(/"workers":(\d+)[^\n]*"msg":"Union Assistant is listening"/.exec(logs)?.[1] ?? 1);
        started = true;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    url,
    pid: child.pid!,
    workers,
    logLevels,
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', orphan);
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.on('close', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** The server's first error log lines (pino level ≥ 50), to show what went wrong. */
export const firstErrors: string[] = [];

/**
 * The server's processes: the one started and its descendants (with WORKERS > 1, the cluster
 * primary and its workers; src/server/cluster.ts). Read from /proc.
 */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Event-loop delay (p50, p99, max) and utilization since the last call, from loop-probe.mjs in
 * each process serving requests (a cluster's workers; the primary only hands out connections).
 * The figures are the worst process's, and `processes` says how many there were.
 */
export async function serverLoop(pid: number, file: string): Promise<Record<string, number> | undefined> {
  // Only `union-assistant` processes have the probe: not, for instance, the esbuild service tsx
  // starts while it compiles files it has not cached (a child that would never answer).
  const servers = processTree(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('union-assistant.js');
    } catch {
      return false; // gone meanwhile
    }
  });
  const serving = servers.length > 1 ? servers.filter((p) => p !== pid) : [pid];
  for (const p of serving) rmSync(`${file}.${p}`, { force: true });
  for (const p of serving) {
    try {
      process.kill(p, 'SIGUSR2');
    } catch {
      // gone meanwhile
    }
  }
  const read: Record<string, number>[] = [];
  for (let waited = 0; waited < 10_000 && read.length < serving.length; waited += 50) {
    read.length = 0;
    for (const p of serving) {
      try {
        read.push(JSON.parse(readFileSync(`${file}.${p}`, 'utf8')) as Record<string, number>);
      } catch {
        // not written yet
      }
    }
    if (read.length < serving.length) await new Promise((r) => setTimeout(r, 50));
  }
  for (const p of serving) rmSync(`${file}.${p}`, { force: true });
  if (read.length === 0) return undefined;
  const worst = (key: string) => Math.max(...read.map((r) => r[key] ?? 0));
  return { processes: read.length, delayP50Ms: worst('delayP50Ms'), delayP99Ms: worst('delayP99Ms'), delayMaxMs: worst('delayMaxMs'), utilization: worst('utilization') };
}

/** How often the server logged each message (its `msg`), over the whole run. */
export const messages = new Map<string, number>();

/** The server's first warning log lines (pino level 40). */
export const firstWarnings: string[] = [];

/** Resident memory of the server's processes (see `processTree`) together, in MB, from /proc. */
export function rssMb(pid: number, tree = processTree(pid)): number {
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return Math.round(kb / 1024);
}

/** CPU time (user + system) the server's live processes have used, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the name).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** Samples a process's RSS every `everyMs`; `stop()` returns the peak. */
export function sampleRss(pid: number, everyMs = 250): { stop(): number } {
  // The process tree (a walk over every /proc entry) is taken again every 2 s, not at every
  // sample: the walk held this process's event loop for milliseconds each time, and with it the
  // members' turns. A worker replaced meanwhile is in the next walk.
  let tree = processTree(pid);
  let samples = 0;
  let peak = rssMb(pid, tree);
  const timer = setInterval(() => {
    if (++samples % Math.max(1, Math.round(2000 / everyMs)) === 0) tree = processTree(pid);
    peak = Math.max(peak, rssMb(pid, tree));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}
