import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { bikeFaq, knowledgeFixture } from './knowledge-fixture.ts';
import { WebClient, seedPerson } from './web-helpers.ts';

async function ask(base: string, text: string): Promise<{ type: string; text?: string; citations?: { title: string }[]; feedbackId?: string }[]> {
  const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'message', text } }) });
  return ((await res.json()) as { replies: never[] }).replies;
}

describe('knowledge editor', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let editor: WebClient;
  let content: string;
  beforeAll(async () => {
    content = knowledgeFixture();
    app = await testApp('sqlite', {}, { KNOWLEDGE_DIR: content });
    await app.ensureKnowledgeIndex();
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await seedPerson(app, 'E001', '刘洋', ['editor']);
    await seedPerson(app, 'S001', '李强', ['staff']);
    editor = new WebClient(server.url);
    await editor.signIn('E001');
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(content, { recursive: true, force: true });
  });

  it('is for editors only', async () => {
    const staff = new WebClient(server.url);
    await staff.signIn('S001');
    expect((await staff.get('/console/knowledge')).status).toBe(403);
    expect((await editor.get('/console/knowledge')).status).toBe(200);
  });

  it('refuses an invalid document and says why, publishing nothing', async () => {
    await editor.get('/console/knowledge/edit');
    const res = await editor.post('/console/knowledge/save', { path: 'faq/broken.zh.md', markdown: bikeFaq().replace('type: faq', 'type: recipe'), note: '', do: 'publish' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="problems"');
    expect(app.knowledge.listDocuments().some((d) => d.path === 'faq/broken.zh.md')).toBe(false);
    const traversal = await editor.post('/console/knowledge/save', { path: '../../etc/passwd.md', markdown: bikeFaq(), note: '', do: 'publish' });
    expect(traversal.status).toBe(422);
  });

  it('drafts, publishes with re-indexing at once, keeps history and diffs', async () => {
    const before = await ask(server.url, '骑自行车上班有补贴吗');
    expect(JSON.stringify(before)).not.toContain('自行车通勤补贴');
    // The low-confidence question shows up for editors to turn into an FAQ.
    const list = await editor.get('/console/knowledge');
    expect(list.text).toContain('骑自行车上班有补贴吗');

    const draft = await editor.post('/console/knowledge/save', { path: 'faq/bike-subsidy.zh.md', markdown: bikeFaq(), note: '新增', do: 'save' });
    expect(draft.status).toBe(303);
    const draftPage = await editor.get(draft.location!);
    expect(draftPage.text).toContain('<strong>100 元自行车通勤补贴</strong>');
    const draftId = new URL(draft.location!, 'http://x').searchParams.get('draft')!;
    const published = await editor.post('/console/knowledge/save', { draft: draftId, path: 'faq/bike-subsidy.zh.md', markdown: bikeFaq(), note: '新增', do: 'publish' });
    expect(published.location).toContain('/console/knowledge?published=');

    const after = await ask(server.url, '骑自行车上班有补贴吗');
    const answer = after.find((r) => r.type === 'answer')!;
    expect(answer.citations!.map((c) => c.title)).toContain('公司有自行车通勤补贴吗？');

    // A second version: the history lists both and the diff shows the change.
    await editor.get('/console/knowledge/edit?path=faq%2Fbike-subsidy.zh.md');
    const changed = bikeFaq().replace('100 元', '150 元');
    await editor.post('/console/knowledge/save', { path: 'faq/bike-subsidy.zh.md', markdown: changed, note: '补贴调整', do: 'publish' });
    const edit = await editor.get('/console/knowledge/edit?path=faq%2Fbike-subsidy.zh.md');
    const revisions = [...edit.text.matchAll(/\/console\/knowledge\/revision\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(revisions.length).toBe(2);
    const diff = await editor.get(`/console/knowledge/revision/${revisions[0]}`);
    expect(diff.text).toContain('class="del">- 工会与公司');
    expect(diff.text).toContain('150 元');
    const audit = await app.store.audit.list({ action: 'knowledge.publish' });
    expect(audit).toHaveLength(2);
  });

  it('renders the preview safely', async () => {
    await editor.get('/console/knowledge/edit');
    const res = await fetch(`${server.url}/console/knowledge/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: editor.cookieHeader, 'x-csrf-token': editor.csrf },
      body: JSON.stringify({ markdown: '# Hi\n<script>alert(1)</script> [x](javascript:alert(1)) **b**' }),
    });
    const { html } = (await res.json()) as { html: string };
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<strong>b</strong>');
  });
});
