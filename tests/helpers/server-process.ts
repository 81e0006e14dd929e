import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './cli.ts';

/** One real `union-assistant serve` process, and what it logged. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote (JSON log lines on stderr). */
  logs(): string;
  /** SIGKILL: no shutdown hook, no flush, nothing in flight finishes. Resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, the graceful stop; resolves with the exit code once acknowledged work has finished. */
  stop(): Promise<number | null>;
}

/**
 * Starts the installed command (`bin/union-assistant.js serve`) on a free loopback port and waits
 * for its "listening" line. `env` adds to (and overrides) the test's environment. Rejects if the
 * process exits first or does not listen within `timeoutMs`; a process that failed to start is
 * killed, so none outlives the test that started it. (bench/load/server.ts has its own, with the
 * benchmark's probes.)
 */
export function startServerProcess(env: Record<string, string>, options: { name?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const name = options.name ?? 'server';
  const child = spawn(process.execPath, [join(repoRoot, 'bin/union-assistant.js'), 'serve'], {
    cwd: repoRoot,
    // One process unless a test asks for workers (WORKERS): these tests reason about one process's
    // lifetime (kill -9, restart); the cluster has its own (tests/scale/workers.int.test.ts).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const collect = (d: Buffer) => {
    logs += d.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start:\n${logs.slice(-4000)}`));
    }, options.timeoutMs ?? 240_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} during start-up:\n${logs.slice(-4000)}`));
    };
    child.on('exit', onExit);
    const probe = () => {
      const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', probe);
      child.stderr!.off('data', probe);
      resolve({
        name,
        url: match[1]!,
        pid: child.pid!,
        child,
        logs: () => logs,
        async kill9() {
          if (running()) child.kill('SIGKILL');
          await closed;
        },
        async stop() {
          if (running()) child.kill('SIGTERM');
          return closed;
        },
      });
    };
    child.stdout!.on('data', probe);
    child.stderr!.on('data', probe);
  });
}
