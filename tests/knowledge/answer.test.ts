import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CitationSchema } from '../../src/core/reply.ts';
import { KnowledgeService, createExtractiveAnswerer, type Answerer } from '../../src/knowledge/index.ts';
import { CONFIDENCE_THRESHOLD } from '../../src/knowledge/confidence.ts';
import { workspace } from './helpers.ts';

const DISCLAIMER = { 'zh-CN': '不构成法律意见', en: 'not legal advice' } as const;
const LEGAL_OFFICER = { 'zh-CN': '法律干事', en: 'union legal officer' } as const;

let ws: Awaited<ReturnType<typeof workspace>>;
let answerer: Answerer;
beforeAll(async () => {
  ws = await workspace();
  const service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
  await service.build();
  answerer = createExtractiveAnswerer(service);
});
afterAll(async () => {
  await ws.cleanup();
});

const lastParagraph = (text: string) => text.split('\n\n').at(-1)!;

describe('extractive answers', () => {
  it('answers a Chinese legal question from the FAQ, quotes the articles verbatim and ends with the disclaimer', async () => {
    const answer = await answerer.answer('公司一直不跟我签劳动合同，能要双倍工资吗', 'zh-CN');
    expect(answer).toMatchObject({ kind: 'legal', language: 'zh-CN', source: 'extractive', handoffSuggested: false });
    expect(answer.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(answer.text).toContain('公司应当每月支付二倍工资');
    expect(answer.text).toContain('《中华人民共和国劳动合同法》第八十二条');
    expect(answer.text).toContain('第八十二条 用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。');
    expect(answer.text).toContain('下一步');
    expect(lastParagraph(answer.text)).toContain(DISCLAIMER['zh-CN']);
    expect(lastParagraph(answer.text)).toContain(LEGAL_OFFICER['zh-CN']);
    expect(answer.citations.map((c) => c.chunkId)).toEqual(
      expect.arrayContaining(['fixture-no-contract-zh#main', 'labour-contract-law#第八十二条']),
    );
    for (const citation of answer.citations) expect(() => CitationSchema.parse(citation)).not.toThrow();
    expect(answer.citations.find((c) => c.chunkId === 'labour-contract-law#第八十二条')).toMatchObject({
      title: '中华人民共和国劳动合同法',
      section: '第八十二条',
      docType: 'law',
    });
  });

  it('answers an English member from the English FAQ and says the official text is Chinese', async () => {
    const answer = await answerer.answer('My employer never gave me a written contract. Can I get double wages?', 'en');
    expect(answer).toMatchObject({ kind: 'legal', language: 'en', source: 'extractive' });
    expect(answer.text).toContain('Without a written contract you are still an employee');
    expect(answer.text).toContain('official text is in Chinese');
    expect(answer.text).toContain('Labour Contract Law of the PRC (中华人民共和国劳动合同法), Article 82 (第八十二条)');
    expect(lastParagraph(answer.text)).toContain(DISCLAIMER.en);
    expect(lastParagraph(answer.text)).toContain(LEGAL_OFFICER.en);
  });

  it('falls back to the other language with a note when there is no translation', async () => {
    const answer = await answerer.answer('How many days of annual leave do I get? 年假有几天', 'en');
    expect(answer.kind).toBe('legal');
    expect(answer.text).toContain('only available in Chinese');
    expect(answer.text).toContain('年休假5天');
    expect(lastParagraph(answer.text)).toContain(DISCLAIMER.en);
  });

  it('says so honestly and hands off when the question is outside the knowledge base', async () => {
    for (const [question, locale] of [["What's the weather like today?", 'en'], ['推荐一家餐厅', 'zh-CN']] as const) {
      const answer = await answerer.answer(question, locale);
      expect(answer).toMatchObject({ kind: 'none', handoffSuggested: true, citations: [], language: locale });
      expect(answer.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
      expect(answer.text).toMatch(locale === 'en' ? /couldn't find/ : /没有找到/);
      expect(answer.text).not.toContain(DISCLAIMER[locale]);
    }
  });

  it('answers with care and offers a counsellor for a wellbeing question', async () => {
    const answer = await answerer.answer('最近工作压力好大，每天都很焦虑，晚上睡不着', 'zh-CN');
    expect(answer).toMatchObject({ kind: 'psych', handoffSuggested: true });
    expect(answer.text).toContain('你不是一个人');
    expect(answer.text).toContain('深呼吸');
    expect(answer.text).toContain('心理咨询师');
    expect(answer.text).not.toContain(DISCLAIMER['zh-CN']);
  });

  it('answers union questions without the legal disclaimer', async () => {
    const answer = await answerer.answer('我想加入工会，要办什么手续', 'zh-CN');
    expect(answer.kind).toBe('union');
    expect(answer.text).toContain('入会申请书');
    expect(answer.text).not.toContain(DISCLAIMER['zh-CN']);
  });
});
