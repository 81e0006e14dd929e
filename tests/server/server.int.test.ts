import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { repoRoot } from '../helpers/cli.ts';
import { freshDatabase } from '../helpers/database.ts';

describe('HTTP server', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  beforeAll(async () => {
    app = await testApp();
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('reports health with the database status', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true, provider: 'sqlite' } });
  });

  it('serves the web chat page and answers through the same core', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('工会助手');
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'message', text: 'help' } }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    const body = (await res.json()) as { locale: string; replies: { type: string }[] };
    expect(body.locale).toBe('en');
    const again = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! }, body: JSON.stringify({ input: { type: 'message', text: '帮助' } }) });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(((await again.json()) as { locale: string }).locale).toBe('zh-CN');
  });

  it('refuses bad requests with clear 4xx errors', async () => {
    const notJson = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    const form = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
    const wrong = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'message', text: 42 } }) });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toContain('input.text');
    const big = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'message', text: 'x'.repeat(70_000) } }) });
    expect(big.status).toBe(413);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('npm start', () => {
  it('migrates, serves /healthz, and exits cleanly on SIGTERM', async () => {
    const db = await freshDatabase('sqlite');
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/index.ts', 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: db.dir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs}`)), 90_000);
      const onData = (d: Buffer) => {
        logs += d.toString();
        const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(logs).toContain('shutting down');
    await db.drop();
  });
});
