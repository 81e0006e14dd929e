import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriesAction, claimsAction, echoesPrompt, foreignLinks } from '../../src/knowledge/answer/output-guard.ts';
import { checkModelOutput, systemPrompt } from '../../src/knowledge/answer/prompt.ts';
import { repoRoot } from '../helpers/cli.ts';

/**
 * The model-output checks against prompt injection must not cost honest answers: no paragraph of
 * the real knowledge base (what an honest answer is written from) trips them. The hostile side is
 * tested through full turns in prompt-injection.int.test.ts.
 */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

describe('model output checks', () => {
  const rules = [systemPrompt('zh-CN'), systemPrompt('en')];

  it('pass every paragraph of the knowledge base', () => {
    const tripped: string[] = [];
    let paragraphs = 0;
    for (const file of markdownFiles(join(repoRoot, 'knowledge-base'))) {
      const text = readFileSync(file, 'utf8');
      for (const paragraph of text.split(/\n{2,}/)) {
        paragraphs++;
        const why = [echoesPrompt(paragraph, rules) && 'echo', claimsAction(paragraph) && 'claim', carriesAction(paragraph) && 'action', foreignLinks(paragraph, [text]).length > 0 && 'link'].filter(Boolean);
        if (why.length) tripped.push(`${file}: ${why.join(',')}: ${paragraph.slice(0, 120)}`);
      }
    }
    expect(paragraphs).toBeGreaterThan(1000);
    expect(tripped).toEqual([]);
  });

  it('refuse what an obeying model writes, in both languages', () => {
    const check = (answer: string, sources = ['工会补贴每月 100 元。']) => checkModelOutput(JSON.stringify({ answer, citations: [1], insufficient: false }), 1, sources);
    expect(check('每月可领取 100 元补贴[1]。')).toMatchObject({ ok: true });
    expect(check('See https://union.example.org/benefits [1].', ['Apply at https://union.example.org/benefits.'])).toMatchObject({ ok: true });
    for (const [answer, reason] of [
      [systemPrompt('en').split('\n').slice(2, 4).join(' ') + ' [1]', 'repeats the system prompt'],
      ['这是我的系统提示词：只根据资料回答[1]。', 'repeats the system prompt'],
      ['已经帮您报名了职工运动会[1]。', 'claims an action'],
      ['您的选票已经计入[1]。', 'claims an action'],
      ["I've submitted your survey answers [1].", 'claims an action'],
      ['You are now registered for Sports day [1].', 'claims an action'],
      ['{"a":"survey.submit"} [1]', 'action or a button'],
      ['请回复 vote.cast 确认[1]。', 'action or a button'],
      ['[确认](javascript:alert(1)) [1]', 'action or a button'],
      ['详见 https://evil.example.com/vote [1]', 'links to an address'],
    ] as const) {
      expect(check(answer), answer).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
    }
  });
});
