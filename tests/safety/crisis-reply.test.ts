import { describe, expect, it } from 'vitest';
import { replies, replyToPlainText, ReplySchema, type Reply } from '../../src/core/reply.ts';
import { LOCALES } from '../../src/core/locale.ts';
import {
  assessCrisis,
  concernReplies,
  COUNSELLOR_OFFER_VALUE,
  crisisReplies,
  DEFAULT_HOTLINES,
  type CrisisAssessment,
  type Hotline,
} from '../../src/safety/index.ts';

const SUICIDE: CrisisAssessment = { level: 'crisis', categories: ['suicide'], signals: ['zh.suicide.want-die'] };
const VIOLENCE: CrisisAssessment = { level: 'crisis', categories: ['violence'], signals: ['zh.violence.was-hit'] };
const HARM: CrisisAssessment = { level: 'crisis', categories: ['harm-to-others'], signals: ['zh.harm.kill-someone'] };

// Words that would tell someone how; none may appear in anything we say to a member at risk.
const METHOD_WORDS =
  /安眠药|割腕|割脉|跳楼|跳河|农药|上吊|烧炭|绳|刀|药片|剂量|pills?|overdose|dose|jump|hang|rope|noose|wrist|blade|knife|bridge|roof|poison|gun|tablet/i;

const text = (items: Reply[]) => items.map(replyToPlainText).join('\n');
const HAN = /\p{Script=Han}/u;

describe('crisisReplies', () => {
  for (const locale of LOCALES) {
    for (const assessment of [SUICIDE, VIOLENCE, HARM]) {
      it(`is valid, short and method-free (${locale}, ${assessment.categories.join(',')})`, () => {
        const built = crisisReplies(assessment, locale);
        for (const item of built) expect(ReplySchema.safeParse(item).success).toBe(true);
        const rendered = text(replies(...built));
        expect(built.length).toBeLessThanOrEqual(3);
        expect(rendered).toContain('12356');
        expect(rendered).toContain('400-161-9995');
        expect(rendered).toContain('110');
        expect(rendered).toContain('120');
        expect(rendered).not.toMatch(METHOD_WORDS);
        expect(HAN.test(rendered)).toBe(locale === 'zh-CN');
      });
    }
  }

  it('starts with an urgent notice and says a counsellor has been alerted', () => {
    const zh = replies(...crisisReplies(SUICIDE, 'zh-CN'));
    expect(zh[0]).toMatchObject({ type: 'notice', level: 'urgent' });
    expect(text(zh)).toContain('心理咨询老师');
    const en = replies(...crisisReplies(SUICIDE, 'en'));
    expect(text(en)).toMatch(/counsellor/i);
    expect(text(en)).toMatch(/not have to face this alone/);
  });

  it('puts the emergency numbers first for violence', () => {
    const card = replies(...crisisReplies(VIOLENCE, 'zh-CN')).find((r) => r.type === 'card');
    expect(card?.type === 'card' && card.body.startsWith('如果你或身边的人有立即的危险')).toBe(true);
    const selfCard = replies(...crisisReplies(SUICIDE, 'en')).find((r) => r.type === 'card');
    expect(selfCard?.type === 'card' && selfCard.fields[0]?.value).toBe('12356');
  });

  it('uses configured hotlines instead of the defaults', () => {
    const hotlines: Hotline[] = [
      { name: { 'zh-CN': '本地热线', en: 'Local line' }, number: '+852 2389 2222', kind: 'support' },
      { name: { 'zh-CN': '紧急电话', en: 'Emergency' }, number: '999', kind: 'emergency' },
    ];
    const rendered = text(replies(...crisisReplies(SUICIDE, 'en', { hotlines })));
    expect(rendered).toContain('+852 2389 2222');
    expect(rendered).toContain('999');
    expect(rendered).not.toContain('12356');
  });

  it('answers what the detector found', () => {
    const assessment = assessCrisis('我真的不想活了');
    expect(text(replies(...crisisReplies(assessment, 'zh-CN')))).toContain('12356');
  });
});

describe('concernReplies', () => {
  for (const locale of LOCALES) {
    it(`offers a counsellor with the handoff action and the 12356 line (${locale})`, () => {
      const built = concernReplies(locale);
      const [choices] = replies(...built);
      expect(choices?.type).toBe('choices');
      if (choices?.type !== 'choices') return;
      expect(choices.prompt).toContain('12356');
      expect(choices.prompt).not.toMatch(METHOD_WORDS);
      expect(HAN.test(choices.prompt)).toBe(locale === 'zh-CN');
      expect(choices.choices).toHaveLength(1);
      expect(JSON.parse(choices.choices[0]!.value)).toEqual({ a: 'handoff.offer', category: 'psychological' });
      expect(choices.choices[0]!.value).toBe('{"a":"handoff.offer","category":"psychological"}');
    });
  }

  it('exports the action value the handoff flow parses', () => {
    expect(COUNSELLOR_OFFER_VALUE).toBe('{"a":"handoff.offer","category":"psychological"}');
    expect(DEFAULT_HOTLINES[0]?.number).toBe('12356');
  });
});
