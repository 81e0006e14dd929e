/**
 * Load benchmark (issue 9, first part): N simulated members in a closed loop (each sends its
 * next message when its last reply arrives) against the real server process over HTTP, through
 * the web chat. Prints JSON: p50/p95/p99 turn latency, throughput, errors, and the server's
 * resident memory, for each concurrency level.
 *
 *   npm run bench:load                 # 10, 100 and 500 members, 15 s each
 *   npm run bench:load -- 100 30       # 100 members for 30 s
 *
 * Not yet covered (issue 9): Slack and Teams endpoints against loopback platform fakes, ballots
 * and sign-ups in the mix, and the outbound-message accounting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const levels = process.argv[2] ? [Number(process.argv[2])] : [10, 100, 500];
const seconds = Number(process.argv[3] ?? 15);

// Written for this benchmark (not from any evaluation set): a mix of questions and commands.
const MESSAGES = [
  '年假有几天',
  '公司不给我签合同怎么办',
  '加班费怎么算',
  '试用期可以随便辞退我吗',
  'How long is maternity leave?',
  'Can my employer cut my salary without asking me?',
  '帮助',
  'help',
  '被辞退了有没有补偿',
  '下班路上出车祸算工伤吗',
  '最近工作压力很大，睡不着',
  'What is the minimum wage?',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));
}

async function startServer(dataDir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'bin/union-assistant.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let logs = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs}`)), 180_000);
    child.stderr.on('data', (d: Buffer) => {
      logs += d.toString();
      const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
      if (logs.length > 100_000) logs = logs.slice(-10_000);
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.on('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function member(url: string, index: number, until: number, latencies: number[], errors: string[]): Promise<void> {
  let cookie = '';
  let n = index;
  while (Date.now() < until) {
    const text = MESSAGES[n++ % MESSAGES.length]!;
    const started = performance.now();
    try {
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ input: { type: 'message', text } }),
      });
      const body = (await res.json()) as { replies?: unknown[] };
      if (!res.ok || !Array.isArray(body.replies) || body.replies.length === 0) errors.push(`HTTP ${res.status}`);
      else latencies.push(performance.now() - started);
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0]!;
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'ua-bench-load-'));
const server = await startServer(dataDir);
const results = [];
try {
  for (const members of levels) {
    const latencies: number[] = [];
    const errors: string[] = [];
    const started = Date.now();
    const until = started + seconds * 1000;
    await Promise.all(Array.from({ length: members }, (_, i) => member(server.url, i, until, latencies, errors)));
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    results.push({
      members,
      seconds: Number(elapsed.toFixed(1)),
      turns: latencies.length,
      turnsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      p99Ms: percentile(latencies, 0.99),
      errors: errors.length,
      firstErrors: [...new Set(errors)].slice(0, 3),
      serverRssMb: rssMb(server.pid),
    });
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ channel: 'web', database: 'sqlite', node: process.version, results }, null, 2));
