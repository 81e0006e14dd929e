import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeContentError, KnowledgeService, createLocalEmbedder } from '../../src/knowledge/index.ts';
import { countingEmbedder, workspace } from './helpers.ts';

let ws: Awaited<ReturnType<typeof workspace>>;
beforeEach(async () => {
  ws = await workspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const LAW = 'laws/labour-contract-law.md';
const ORIGINAL_82 = '第八十二条 用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。';

async function editLaw(contentDir: string, from: string, to: string): Promise<string> {
  const path = join(contentDir, LAW);
  const text = (await readFile(path, 'utf8')).replace(from, to);
  await writeFile(path, text);
  return text;
}

describe('building the index', () => {
  it('indexes everything once, then only what changed', async () => {
    const embedder = countingEmbedder();
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir, embedder });
    const progress: string[] = [];
    const first = await service.build({ onProgress: (_done, _total, id) => progress.push(id) });
    expect(first.added).toContain('labour-contract-law');
    expect(first.indexVersion).toBe(1);
    expect(first.chunks).toBe(embedder.texts.length);
    expect(progress).toHaveLength(first.added.length);
    const total = embedder.texts.length;

    embedder.reset();
    const again = await service.build();
    expect(embedder.texts).toHaveLength(0);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(first.added.length);

    // Change one article: only that chunk is embedded again, and the new wording is served.
    embedder.reset();
    await editLaw(ws.contentDir, '应当向劳动者每月支付二倍的工资。', '应当向劳动者每月支付二倍的工资（修订测试）。');
    const changed = await service.build();
    expect(changed.updated).toEqual(['labour-contract-law']);
    expect(changed.indexVersion).toBe(2);
    expect(embedder.texts).toHaveLength(1);
    expect(embedder.texts[0]).toContain('修订测试');
    expect(changed.chunks).toBe(total);
    const hits = await service.search('修订测试 未订立书面劳动合同 二倍的工资', 5);
    expect(hits.find((hit) => hit.chunkId === 'labour-contract-law#第八十二条')?.text).toContain('修订测试');

    // Delete a document: it is gone from the index and never returned.
    embedder.reset();
    await rm(join(ws.contentDir, 'laws/minimum-wage-provisions.md'));
    const removed = await service.build();
    expect(removed.removed).toEqual(['minimum-wage-provisions']);
    expect(embedder.texts).toHaveLength(0);
    expect(service.listDocuments().map((doc) => doc.id)).not.toContain('minimum-wage-provisions');
    for (const query of ['最低工资标准', 'minimum wage', '最低工资标准测算方法 恩格尔系数']) {
      const found = await service.search(query, 20);
      expect(found.some((hit) => hit.documentId === 'minimum-wage-provisions')).toBe(false);
    }
    const status = await service.status();
    expect(status).toMatchObject({ stale: false, indexVersion: 3, changed: [], added: [], removed: [] });
  });

  it('fails on a malformed file with its name and reason, and keeps serving the previous index', async () => {
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    await service.build();
    const before = await service.search('没签劳动合同 二倍工资', 5);

    const faq = join(ws.contentDir, 'faq/no-contract.zh.md');
    const good = await readFile(faq, 'utf8');
    await writeFile(faq, good.replace('articles: [第十条, 第八十二条]', 'articles: [第十条, 第九百条]').replace('law: labour-contract-law-implementing-regulations', 'law: no-such-law'));
    await editLaw(ws.contentDir, ORIGINAL_82, ORIGINAL_82.replace('二倍', '三倍'));
    await writeFile(join(ws.contentDir, 'union/broken.md'), '---\nid: broken\ntype: union\ntitle: 甲\nlanguage: zh-CN\nquestions: [问]\n---\n# 乙\n');

    const error = await service.build().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeContentError);
    const problems = (error as KnowledgeContentError).problems;
    expect(problems).toContainEqual({ file: 'union/broken.md', reason: 'H1 "乙" differs from title "甲" (line 8)' });
    expect(problems).toContainEqual({ file: 'faq/no-contract.zh.md', reason: 'cites.0.articles: labour-contract-law has no 第九百条' });
    expect(problems).toContainEqual({ file: 'faq/no-contract.zh.md', reason: 'cites.1.law: no law with id "no-such-law"' });
    expect((error as Error).message).toContain('union/broken.md');

    // Nothing was written: same version, same results, the edited article is not half-applied.
    const status = await service.status();
    expect(status.indexVersion).toBe(1);
    expect(status.stale).toBe(true);
    expect(status.errors.length).toBe(3);
    expect(await service.search('没签劳动合同 二倍工资', 5)).toEqual(before);
    const other = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    expect((await other.status()).indexVersion).toBe(1);
    expect((await other.search('三倍', 20)).some((hit) => hit.text.includes('每月支付三倍'))).toBe(false);
  });

  it('rebuilds everything when the embedder changes', async () => {
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    const first = await service.build();
    const embedder = countingEmbedder(createLocalEmbedder({ dimensions: 512 }));
    const other = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir, embedder });
    expect((await other.status()).stale).toBe(true);
    // Until rebuilt, the other embedder's index still answers by keywords.
    expect((await other.search('试用期工资', 5)).length).toBeGreaterThan(0);
    const rebuilt = await other.build();
    expect(embedder.texts).toHaveLength(first.chunks);
    expect(rebuilt.embedded).toBe(first.chunks);
    expect((await other.status()).embedder).toEqual({ id: embedder.id, dimensions: 512 });
  });
});

describe('a damaged index', () => {
  it('does not stop the service; the next build rewrites it with a higher version', async () => {
    const first = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    await first.build();
    await editLaw(ws.contentDir, ORIGINAL_82, ORIGINAL_82.replace('二倍的工资', '二倍的工资（又改）'));
    await first.build();
    await writeFile(join(ws.dataDir, 'knowledge', 'manifest.json'), '{"format": 2, "indexVersion": "garbage"');
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    expect(await service.search('试用期', 5)).toEqual([]);
    expect((await service.status()).stale).toBe(true);
    const report = await service.build();
    expect(report.indexVersion).toBeGreaterThan(2);
    expect((await service.search('试用期最长多久', 5)).length).toBe(5);
  });
});

describe('publishing from the console', () => {
  it('validates, writes and indexes one document', async () => {
    const embedder = countingEmbedder();
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir, embedder });
    await service.build();
    embedder.reset();
    const markdown = [
      '---',
      'id: fixture-deposit-zh',
      'type: faq',
      'title: 入职要交押金吗？',
      'language: zh-CN',
      'category: contracts',
      'questions: [入职要交押金吗, 公司扣我身份证]',
      'cites:',
      '  - law: labour-contract-law',
      '    articles: [第九条, 第八十四条]',
      '---',
      '# 入职要交押金吗？',
      '',
      '用人单位不得扣押身份证，也不得以任何名义收取押金。',
      '',
    ].join('\n');
    const report = await service.upsertDocument('faq/deposit.zh.md', markdown);
    expect(report.added).toEqual(['fixture-deposit-zh']);
    expect(embedder.texts).toHaveLength(1);
    expect(await readFile(join(ws.contentDir, 'faq/deposit.zh.md'), 'utf8')).toBe(markdown);
    const hits = await service.search('入职要交押金吗', 3);
    expect(hits[0]?.documentId).toBe('fixture-deposit-zh');
    expect(hits.slice(1).map((hit) => hit.chunkId)).toContain('labour-contract-law#第九条');
    expect((await service.status()).stale).toBe(false);

    const bad = markdown.replace('第八十四条', '第九百条');
    await expect(service.upsertDocument('faq/deposit.zh.md', bad)).rejects.toThrow(/faq\/deposit\.zh\.md: cites\.0\.articles: labour-contract-law has no 第九百条/);
    await expect(service.upsertDocument('../outside.md', markdown)).rejects.toThrow(/inside the knowledge base/);
    expect(await readFile(join(ws.contentDir, 'faq/deposit.zh.md'), 'utf8')).toBe(markdown);

    await expect(service.removeDocument('labour-contract-law')).rejects.toThrow(/cites labour-contract-law/);
    const removed = await service.removeDocument('fixture-deposit-zh');
    expect(removed.removed).toEqual(['fixture-deposit-zh']);
    expect((await service.search('入职要交押金吗', 10)).some((hit) => hit.documentId === 'fixture-deposit-zh')).toBe(false);
    expect(service.getDocument('fixture-deposit-zh')).toBeUndefined();
  });

  it('returns a document with its chunks', async () => {
    const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    await service.build();
    const doc = service.getDocument('labour-contract-law')!;
    expect(doc.law?.shortName).toBe('劳动合同法');
    expect(doc.chunks).toHaveLength(98);
    expect(service.listDocuments().find((d) => d.id === 'labour-contract-law')).toMatchObject({ type: 'law', chunks: 98 });
  });
});

describe('two processes on one data directory', () => {
  it('picks up a new index version without restarting', async () => {
    const writer = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    const reader = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
    expect(await reader.search('试用期', 5)).toEqual([]);
    expect(await reader.reloadIfChanged()).toBe(false);

    await writer.build();
    expect(await reader.reloadIfChanged()).toBe(true);
    expect(await reader.reloadIfChanged()).toBe(false);
    expect((await reader.search('试用期最长多久', 5)).length).toBe(5);

    await editLaw(ws.contentDir, ORIGINAL_82, ORIGINAL_82.replace('二倍的工资', '二倍的工资（第二版）'));
    await writer.build();
    expect(await reader.reloadIfChanged()).toBe(true);
    expect((await reader.status()).indexVersion).toBe(2);
    const hits = await reader.search('第二版 未订立书面劳动合同', 5);
    expect(hits.find((hit) => hit.chunkId === 'labour-contract-law#第八十二条')?.text).toContain('第二版');

    // A build in the reader process builds on the writer's version rather than overwriting it.
    await rm(join(ws.contentDir, 'union/join-the-union.zh.md'));
    const report = await reader.build();
    expect(report.indexVersion).toBe(3);
    expect(report.removed).toEqual(['fixture-join-union-zh']);
    expect(await writer.reloadIfChanged()).toBe(true);
    expect(writer.listDocuments().map((doc) => doc.id)).not.toContain('fixture-join-union-zh');
  });
});
