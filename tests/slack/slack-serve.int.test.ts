import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.ts';
import { freshDatabase } from '../helpers/database.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { blocksText, directMessage, postToSlack, SIGNING_SECRET } from './slack-requests.ts';

/**
 * The check, end to end: `npm start` (the real `serve` command in its own process, with
 * the real knowledge base) configured for Slack against the loopback fake Web API.
 */
describe('npm start with Slack configured', () => {
  let fake: FakeSlackApi;
  let child: ChildProcess;
  let url = '';
  let logs = '';
  let drop: () => Promise<void>;

  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
    fake.addUser({ id: 'UZHANG', name: '张三', email: 'zhang@example.com', locale: 'zh-CN' });
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    // The installed command (`union-assistant serve`, what `npm start` runs) in one process: tsx's
    // CLI wrapper forwards SIGTERM only if the child answers within 30 ms, which a busy child
    // may not, and this test also checks that shutdown finishes acknowledged work.
    child = spawn(process.execPath, [join(repoRoot, 'bin/union-assistant.js'), 'serve'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATA_DIR: db.dir,
        DATABASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        WORKERS: '1',
        SLACK_BOT_TOKEN: fake.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs}`)), 240_000);
      const onData = (d: Buffer) => {
        logs += d.toString();
        const match = /"url":"(http:[^"]+)"/.exec(logs);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs}`)));
    });
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exit = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await exit;
    }
    await fake?.stop();
    await drop?.();
  });

  it('answers a signed message.im with a citation, ignores its retry, and refuses a forged request', async () => {
    expect(logs).toContain('slack channel attached');
    const event = directMessage('UZHANG', '年假有几天', 'EvISSUECHECK1');
    const first = await postToSlack(url, { json: event });
    expect(first.status).toBe(200);
    const answer = await fake.waitFor(() => fake.made('chat.postMessage').find((c) => c.params.channel === 'DZHANG'), 'the answer', 120_000);
    expect(blocksText(answer.params.blocks)).toContain('职工带薪年休假条例');
    expect(String(answer.params.text)).toContain('职工带薪年休假条例');

    const retry = await postToSlack(url, { json: event }, { retryNum: 1 });
    expect(retry.status).toBe(200);
    const forged = await postToSlack(url, { json: directMessage('UZHANG', '年假有几天', 'EvFORGED1') }, { secret: 'wrong-secret' });
    expect(forged.status).toBe(401);
    // A later message is answered after the retry was dropped: no second answer to the first.
    await postToSlack(url, { json: directMessage('UZHANG', '帮助', 'EvISSUECHECK2') });
    await fake.waitFor(() => fake.made('chat.postMessage').filter((c) => c.params.channel === 'DZHANG').find((c) => blocksText(c.params.blocks).includes('我可以')), 'the help answer', 60_000);
    // Stopping the server waits for work already acknowledged, so the count below is final.
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exit, logs.split('\n').slice(-8).join('\n')).toBe(0);
    const answers = fake.made('chat.postMessage').filter((c) => c.params.channel === 'DZHANG' && String(c.params.text).includes('职工带薪年休假条例'));
    expect(answers).toHaveLength(1);
    expect(logs).toContain('slack retry of a handled event dropped');
    expect(logs).toContain('slack request refused');
    // Logs never carry what the member wrote.
    expect(logs).not.toContain('年假有几天');
  }, 300_000);
});
