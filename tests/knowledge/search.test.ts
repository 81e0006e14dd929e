import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/index.ts';
import { CONFIDENCE_THRESHOLD } from '../../src/knowledge/confidence.ts';
import { workspace } from './helpers.ts';

let ws: Awaited<ReturnType<typeof workspace>>;
let service: KnowledgeService;
beforeAll(async () => {
  ws = await workspace();
  service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
  await service.build();
});
afterAll(async () => {
  await ws.cleanup();
});

/** Colloquial questions and the article that governs each (searched in the fixture knowledge base). */
const CASES: [string, string][] = [
  ['试用期最长能定几个月', 'labour-contract-law#第十九条'],
  ['我怀孕了公司要把我辞退', 'labour-contract-law#第四十二条'],
  ['被炒鱿鱼了，能拿多少补偿', 'labour-contract-law#第四十七条'],
  ['加班费应该怎么算', 'labour-law#第四十四条'],
  ['生孩子能休多少天产假', 'female-employees-special-protection#第七条'],
  ['辞职要提前多久告诉公司', 'labour-contract-law#第三十七条'],
  ['How long can a probation period be?', 'labour-contract-law#第十九条'],
  ['Can my employer fire me for being pregnant?', 'labour-contract-law#第四十二条'],
  ['How much maternity leave am I entitled to?', 'female-employees-special-protection#第七条'],
  ['What is the overtime pay rate on weekends?', 'labour-law#第四十四条'],
  ['How many days of annual leave do I get?', 'paid-annual-leave-regulations#第三条'],
  ['How much notice must I give before I quit?', 'labour-contract-law#第三十七条'],
];

describe('search quality (smoke)', () => {
  it.each(CASES)('%s → %s in the top 5', async (question, expected) => {
    const hits = await service.search(question, 5);
    expect(hits.map((hit) => hit.chunkId)).toContain(expected);
  });

  it('returns complete hits', async () => {
    const [hit] = await service.search('没签劳动合同能要双倍工资吗', 1);
    expect(hit).toMatchObject({ docType: 'faq', language: 'zh-CN', documentId: 'fixture-no-contract-zh', section: '' });
    expect(hit!.title).toBe('公司不跟我签劳动合同怎么办？');
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.text).toContain('二倍工资');
  });

  it('puts the articles an FAQ cites right after it, and keeps one language of a translated pair', async () => {
    const zh = await service.search('没签劳动合同能要双倍工资吗', 4);
    expect(zh[0]!.documentId).toBe('fixture-no-contract-zh');
    expect(zh.slice(1, 4).map((hit) => hit.chunkId)).toEqual(
      expect.arrayContaining(['labour-contract-law#第八十二条', 'labour-contract-law#第十条']),
    );
    expect(zh.some((hit) => hit.documentId === 'fixture-no-contract-en')).toBe(false);
    const en = await service.search("My company never gave me a written contract", 4);
    expect(en[0]!.documentId).toBe('fixture-no-contract-en');
    expect(en.some((hit) => hit.documentId === 'fixture-no-contract-zh')).toBe(false);
  });

  it('honours an explicit law and article', async () => {
    const [first] = await service.search('劳动合同法第八十二条', 3);
    expect(first!.chunkId).toBe('labour-contract-law#第八十二条');
    const [numeric] = await service.search('劳动法第44条怎么规定的', 3);
    expect(numeric!.chunkId).toBe('labour-law#第四十四条');
    const [english] = await service.search('What does Article 82 of the Labour Contract Law say?', 3);
    expect(english!.chunkId).toBe('labour-contract-law#第八十二条');
  });

  it('finds psych and union documents', async () => {
    expect((await service.search('最近工作压力好大，晚上睡不着', 3))[0]!.docType).toBe('psych');
    expect((await service.search('我想入会，需要什么手续', 3))[0]!.documentId).toBe('fixture-join-union-zh');
  });

  it('reports low confidence for questions outside the knowledge base', async () => {
    for (const question of ["What's the weather like today?", '推荐一家餐厅', '帮我写一首关于春天的诗']) {
      expect((await service.retrieve(question, 5)).confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
    }
    expect((await service.retrieve('公司不给加班费怎么办', 5)).confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });
});
