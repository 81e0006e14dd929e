import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/knowledge/content-loader.ts';
import { DocumentError, parseDocument } from '../../src/knowledge/parse-document.ts';
import { FIXTURE_CONTENT } from './helpers.ts';

const read = (path: string) => readFile(join(FIXTURE_CONTENT, path), 'utf8');

describe('law chunking', () => {
  it('makes one chunk per article with its label, chapter context and verbatim text', async () => {
    const markdown = await read('laws/labour-contract-law.md');
    const doc = parseDocument('laws/labour-contract-law.md', markdown);
    expect(doc.title).toBe('中华人民共和国劳动合同法');
    expect(doc.chunks).toHaveLength(98);
    expect(doc.chunks.every((chunk) => /^第.+条$/.test(chunk.section))).toBe(true);
    const article = doc.chunks.find((chunk) => chunk.section === '第八十二条')!;
    expect(article.id).toBe('labour-contract-law#第八十二条');
    expect(article.documentId).toBe('labour-contract-law');
    expect(article.docType).toBe('law');
    expect(article.language).toBe('zh-CN');
    expect(article.chapter).toBe('第七章 法律责任');
    expect(article.text.startsWith('第八十二条 用人单位自用工之日起超过一个月不满一年')).toBe(true);
    // Multi-paragraph article, stored exactly as in the source.
    expect(article.text).toContain('\n\n用人单位违反本法规定不与劳动者订立无固定期限劳动合同的');
    expect(markdown).toContain(article.text);
    expect(article.indexText).toContain('劳动合同法');
    expect(article.indexText).toContain('第七章 法律责任');
    expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps 节 sub-headings in the chapter context', async () => {
    const doc = parseDocument('laws/labour-contract-law.md', await read('laws/labour-contract-law.md'));
    expect(doc.chunks.find((chunk) => chunk.section === '第五十七条')!.chapter).toBe('第五章 特别规定 第二节 劳务派遣');
  });

  it('ends the last article at an appendix and chunks the appendix by itself', async () => {
    const doc = parseDocument('laws/female-employees-special-protection.md', await read('laws/female-employees-special-protection.md'));
    const last = doc.chunks.find((chunk) => chunk.section === '第十六条')!;
    expect(last.text).not.toContain('附录');
    const appendix = doc.chunks.find((chunk) => chunk.section === '附录')!;
    expect(appendix.text).toContain('女职工禁忌从事的劳动范围');
  });

  it('accepts a law that repeats its title as an H1 (the official text does)', async () => {
    const doc = parseDocument('laws/minimum-wage-provisions.md', await read('laws/minimum-wage-provisions.md'));
    expect(doc.chunks.filter((chunk) => /^第.+条$/.test(chunk.section))).toHaveLength(15);
    expect(doc.chunks.find((chunk) => chunk.section === '第十五条')!.text).not.toContain('测算方法附件');
    expect(doc.chunks.map((chunk) => chunk.section)).toContain('最低工资标准测算方法');
  });

  it('chunks a law without articles by heading', async () => {
    const doc = parseDocument(
      'laws/monthly-working-days-wage-conversion-notice.md',
      await read('laws/monthly-working-days-wage-conversion-notice.md'),
    );
    const sections = doc.chunks.map((chunk) => chunk.section);
    expect(sections).toContain('二、日工资、小时工资的折算');
    expect(doc.chunks.find((chunk) => chunk.section === '二、日工资、小时工资的折算')!.text).toContain('21.75');
  });

  it('gives stable ids and hashes whatever the line endings', async () => {
    const markdown = await read('laws/paid-annual-leave-regulations.md');
    const a = parseDocument('laws/paid-annual-leave-regulations.md', markdown);
    const b = parseDocument('laws/paid-annual-leave-regulations.md', markdown.replace(/\n/g, '\r\n'));
    expect(b.hash).toBe(a.hash);
    expect(b.chunks.map((chunk) => [chunk.id, chunk.hash])).toEqual(a.chunks.map((chunk) => [chunk.id, chunk.hash]));
  });
});

describe('other documents', () => {
  it('keeps an FAQ in one chunk indexed with its questions', async () => {
    const doc = parseDocument('faq/no-contract.zh.md', await read('faq/no-contract.zh.md'));
    expect(doc.chunks).toHaveLength(1);
    expect(doc.chunks[0]!.title).toBe('公司不跟我签劳动合同怎么办？');
    expect(doc.chunks[0]!.indexText).toContain('没签劳动合同能要双倍工资吗');
    expect(doc.cites).toEqual([
      { law: 'labour-contract-law', articles: ['第十条', '第八十二条'] },
      { law: 'labour-contract-law-implementing-regulations', articles: ['第六条'] },
    ]);
  });

  it('chunks other documents by H2 heading', async () => {
    const doc = parseDocument('psych/work-stress.zh.md', await read('psych/work-stress.zh.md'));
    expect(doc.chunks.map((chunk) => chunk.section)).toEqual(['先照顾好自己', '什么时候需要帮助']);
    expect(doc.chunks[0]!.id).toBe('fixture-work-stress-zh#先照顾好自己');
  });
});

describe('front matter errors', () => {
  const faq = (front: string, body = '# 标题\n\n正文。\n') => `---\n${front}\n---\n${body}`;
  const base = 'id: x-faq\ntype: faq\ntitle: 标题\nlanguage: zh-CN\ncategory: c\nquestions: [问]\ncites: []';

  const reject = (path: string, markdown: string) => {
    try {
      parseDocument(path, markdown);
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).file).toBe(path);
      return (error as DocumentError).reason;
    }
    throw new Error('accepted a malformed document');
  };

  it('names the file and the reason', () => {
    expect(reject('faq/a.md', faq(base.replace('title: 标题\n', '')))).toMatch(/title/);
    expect(reject('faq/a.md', faq(base, '# 别的标题\n\n正文。\n'))).toMatch(/H1 "别的标题" differs from title "标题"/);
    expect(reject('faq/a.md', faq(base, '正文。\n'))).toMatch(/no H1/);
    expect(reject('faq/a.md', faq(base, '# 标题\n\n正文。\n\n# 标题\n'))).toMatch(/2 H1 headings/);
    expect(reject('faq/a.md', faq(base.replace('id: x-faq', 'id: X Faq')))).toMatch(/^id: must be kebab-case/);
    expect(reject('faq/a.md', faq(base.replace('language: zh-CN', 'language: fr')))).toMatch(/language/);
    expect(reject('faq/a.md', faq(`${base}\nfoo: [unclosed`))).toMatch(/not valid YAML/);
    expect(reject('faq/a.md', '# 标题\n')).toMatch(/missing front matter/);
    expect(reject('laws/a.md', faq(base))).toMatch(/files under laws\/ must be "law"/);
    expect(reject('faq/a.en.md', faq(base))).toMatch(/file name ends in \.en\.md/);
  });

  it('accepts the fixture knowledge base as it is', async () => {
    const { problems, documents } = await loadContent(FIXTURE_CONTENT);
    expect(problems).toEqual([]);
    expect(documents.length).toBeGreaterThan(8);
  });
});
