import { describe, expect, it } from 'vitest';
import { action } from '../../src/core/flow.ts';
import { replies, type Reply } from '../../src/core/reply.ts';
import { LIMITS } from '../../src/bots/slack/limits.ts';
import { choicesModal, chosenChoices, formModal, formValues, type ChoicesReply, type FormReply } from '../../src/bots/slack/modals.ts';
import { chunkText, markdownToMrkdwn, slackToPlainText } from '../../src/bots/slack/mrkdwn.ts';
import { renderReplies, type SlackOutput } from '../../src/bots/slack/render-replies.ts';
import { tokenOf, ValueStash } from '../../src/bots/slack/value-stash.ts';
import { blocksText } from './slack-requests.ts';

type Msg = Extract<SlackOutput, { kind: 'message' }>;
const render = (items: Reply[], locale: 'zh-CN' | 'en' = 'en', stash = new ValueStash()) => renderReplies(items, { locale, stash, publicUrl: 'https://union.example.com' });
const messages = (out: SlackOutput[]) => out.filter((o): o is Msg => o.kind === 'message');

/** Every limit of Block Kit the renderer promises to respect, checked on its output. */
function expectWithinLimits(out: SlackOutput[]): void {
  for (const message of messages(out)) {
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    for (const block of message.blocks as unknown as Record<string, any>[]) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (block.type === 'section' && block.fields) {
        expect(block.fields.length).toBeLessThanOrEqual(LIMITS.sectionFields);
        for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.sectionFieldText);
      }
      if (block.type === 'context') {
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.contextText);
      }
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (block.type === 'actions') {
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
        for (const b of block.elements) {
          expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect(b.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        }
      }
    }
    const actionIds = message.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));
    expect(new Set(actionIds).size).toBe(actionIds.length);
  }
}

describe('Block Kit rendering', () => {
  it('renders an answer with its citations as context blocks, the disclaimer, and feedback buttons', () => {
    const out = render(
      replies({
        type: 'answer',
        text: '**Annual leave** depends on your total years of work:\n- 1 to 10 years: 5 days',
        citations: [{ title: '职工带薪年休假条例', section: '第三条', docType: 'law', quote: '职工累计工作已满1年不满10年的，年休假5天；' }],
        confidence: 0.8,
        disclaimer: 'General information, not legal advice.',
        feedbackId: 'f1',
        actions: [
          { label: '👍 Helpful', value: action('faq.rate', { id: 'f1', v: 'helpful' }) },
          { label: '👎 Not helpful', value: action('faq.rate', { id: 'f1', v: 'not-helpful' }) },
        ],
      }),
    );
    expect(out).toHaveLength(1);
    const [message] = messages(out);
    const types = message!.blocks.map((b) => b.type);
    expect(types).toEqual(['section', 'context', 'context', 'actions']);
    expect(blocksText(message!.blocks)).toContain('*Annual leave*');
    expect(blocksText(message!.blocks)).toContain('• 1 to 10 years');
    expect(blocksText([message!.blocks[1]])).toContain('📖 *职工带薪年休假条例 第三条*');
    expect(message!.text).toContain('职工带薪年休假条例');
    expectWithinLimits(out);
  });

  it('has a renderer for every reply type', () => {
    const all = replies(
      { type: 'text', text: 'Hello <b>&</b>' },
      { type: 'choices', id: 'survey.q1', prompt: 'How satisfied are you?', choices: [{ label: 'Very', value: action('survey.answer', { q: 1, v: 'a' }) }, { label: 'Not', value: action('survey.answer', { q: 1, v: 'b' }) }] },
      { type: 'choices', id: 'vote.b1', prompt: 'Elect 2 of 3', choices: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }, { label: 'C', value: 'c' }], multiple: { min: 1, max: 2 } },
      { type: 'form', id: 'event.signup', title: 'Sign up', fields: [{ name: 'diet', label: 'Diet', kind: 'text' }], submitLabel: 'Send' },
      { type: 'card', title: 'Spring outing', subtitle: 'Sat 10:00', body: 'Bring shoes', fields: [{ label: 'Seats', value: '12 left' }], actions: [{ label: 'Sign up', value: action('event.signup', { id: 'e1' }), style: 'primary' }], link: { label: 'Add to calendar', url: '/events/e1.ics' } },
      { type: 'notice', level: 'urgent', text: 'Call 12356 now' },
      { type: 'staff-message', from: '李四', text: 'I will call you tomorrow', ticketId: 'ABCD2345' },
      { type: 'file', filename: 'event.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR', title: 'Spring outing' },
    );
    const stash = new ValueStash();
    const out = render(all, 'en', stash);
    expect(out.map((o) => o.kind)).toEqual(['message', 'file']);
    const text = blocksText(messages(out)[0]!.blocks);
    expect(text).toContain('Hello &lt;b&gt;&amp;&lt;/b&gt;');
    expect(text).toContain('Choose 1 to 2');
    expect(text).toContain('🚨 *Call 12356 now*');
    expect(text).toContain('*李四*');
    expect(text).toContain('Union staff · case ABCD2345');
    expect(text).toContain('<https://union.example.com/events/e1.ics|Add to calendar>');
    const blocks = messages(out)[0]!.blocks as any[];
    // A single-answer question is marked "once"; its buttons carry the flow's values unchanged.
    const question = blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('once:'));
    expect(question.elements.map((e: any) => e.value)).toEqual([action('survey.answer', { q: 1, v: 'a' }), action('survey.answer', { q: 1, v: 'b' })]);
    // The multi-choice question and the form open modals from stashed copies.
    const values = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.value as string));
    expect(values.some((v) => tokenOf(v, 'choose'))).toBe(true);
    expect(values.some((v) => tokenOf(v, 'form'))).toBe(true);
    expect(stash.items.map((i) => i.kind).sort()).toEqual(['choices', 'form']);
    expect(blocks.find((b) => b.type === 'header').text.text).toBe('Spring outing');
    expectWithinLimits(out);
  });

  it('splits what exceeds Block Kit limits instead of dropping it', () => {
    const long = Array.from({ length: 400 }, (_, i) => `第${i + 1}段：劳动者依法享有休息休假的权利。`).join('\n');
    const citations = Array.from({ length: 23 }, (_, i) => ({ title: `法规${i + 1}`, section: `第${i + 1}条`, docType: 'law' as const, quote: '条'.repeat(5000) }));
    const choices = Array.from({ length: 60 }, (_, i) => ({ label: `Option ${i + 1} ${'x'.repeat(100)}`, value: action('survey.answer', { v: i }) }));
    const many = replies(
      { type: 'answer', text: long.repeat(6), citations, confidence: 0.5, actions: [] },
      { type: 'choices', id: 's.q', prompt: 'Pick one', choices },
      ...Array.from({ length: 30 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })),
    );
    const out = render(many);
    expect(messages(out).length).toBeGreaterThan(1);
    expectWithinLimits(out);
    const all = messages(out).flatMap((m) => m.blocks);
    // Nothing lost: every paragraph, every citation, every choice and every text is there.
    const text = blocksText(all);
    expect(text).toContain('第400段');
    for (let i = 1; i <= 23; i++) expect(text).toContain(`法规${i} 第${i}条`);
    expect(all.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements)).toHaveLength(60);
    expect(text).toContain('line 29');
    // The choices reply fits in one message, so it is not split across two.
    const withChoices = messages(out).filter((m) => m.blocks.some((b: any) => b.type === 'actions'));
    expect(withChoices).toHaveLength(1);
  });

  it('keeps a too-long button value server-side behind a token, and shortens labels', () => {
    const stash = new ValueStash();
    const long = action('survey.answer', { v: 'x'.repeat(3000) });
    const out = render([{ type: 'card', title: 'T', body: '', fields: [], actions: [{ label: 'L'.repeat(200), value: long, style: 'default' }] }], 'en', stash);
    const button = (messages(out)[0]!.blocks.at(-1) as any).elements[0];
    expect(button.text.text).toHaveLength(LIMITS.buttonText);
    expect(button.text.text.endsWith('…')).toBe(true);
    const token = tokenOf(button.value, 'value');
    expect(token).toBeDefined();
    expect(stash.items).toEqual([{ id: token, kind: 'value', content: long }]);
  });
});

describe('modals', () => {
  const form = replies({
    type: 'form',
    id: 'survey.s1',
    title: 'Canteen survey with a long title',
    submitLabel: 'Send',
    fields: [
      { name: 'comment', label: 'Comments', kind: 'textarea' },
      { name: 'age', label: 'Age', kind: 'number', min: 18, max: 70, required: true },
      { name: 'dish', label: 'Favourite dish', kind: 'select', options: [{ label: 'Noodles', value: 'n'.repeat(400) }, { label: 'Rice', value: 'rice' }] },
      { name: 'days', label: 'Days', kind: 'multiselect', options: Array.from({ length: 12 }, (_, i) => ({ label: `Day ${i}`, value: `d${i}` })), max: 3 },
      { name: 'score', label: 'Score', kind: 'rating', min: 1, max: 5 },
    ],
  })[0] as FormReply;

  it('renders a form as a modal within its limits and maps submitted indexes back to values', () => {
    const view = formModal(form, { kind: 'form', t: '00000000-0000-4000-8000-000000000000', c: 'D1' }, 'en');
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
    const elements = (view.blocks as any[]).map((b) => b.element.type);
    expect(elements).toEqual(['plain_text_input', 'number_input', 'radio_buttons', 'multi_static_select', 'radio_buttons']);
    expect((view.blocks as any[])[1].optional).toBe(false);
    for (const block of view.blocks as any[]) for (const o of block.element.options ?? []) expect(o.value.length).toBeLessThanOrEqual(LIMITS.optionValue);
    const values = formValues(form, {
      f0: { v: { type: 'plain_text_input', value: 'More tofu' } },
      f1: { v: { type: 'number_input', value: '33' } },
      f2: { v: { type: 'radio_buttons', selected_option: { value: '0' } } },
      f3: { v: { type: 'multi_static_select', selected_options: [{ value: '1' }, { value: '11' }, { value: '99' }] } },
      f4: { v: { type: 'radio_buttons', selected_option: { value: '4' } } },
    });
    expect(values).toEqual({ comment: 'More tofu', age: '33', dish: 'n'.repeat(400), days: ['d1', 'd11'], score: '5' });
  });

  it('renders a multi-seat ballot as checkboxes or a menu with its maximum', () => {
    const ballot = replies({ type: 'choices', id: 'vote.b', prompt: 'Elect two', choices: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }, { label: 'C', value: 'c' }], multiple: { min: 2, max: 2 } })[0] as ChoicesReply;
    const view = choicesModal(ballot, { kind: 'choices', t: '00000000-0000-4000-8000-000000000000', c: 'D1' }, 'zh-CN', 'Elect two');
    const input = (view.blocks as any[])[1];
    expect(input.element.type).toBe('checkboxes');
    expect(input.label.text).toBe('请选择 2–2 项');
    expect(chosenChoices(ballot, { c: { v: { type: 'checkboxes', selected_options: [{ value: '2' }, { value: '0' }] } } }).map((c) => c.value)).toEqual(['a', 'c']);
    const big = { ...ballot, choices: Array.from({ length: 30 }, (_, i) => ({ label: `P${i}`, value: `p${i}`, style: 'default' as const })) };
    expect(((choicesModal(big, { kind: 'choices', t: '00000000-0000-4000-8000-000000000000', c: 'D1' }, 'en', 'x').blocks as any[])[1]).element).toMatchObject({ type: 'multi_static_select', max_selected_items: 2 });
  });
});

describe('mrkdwn', () => {
  it('chunks at natural breaks and never exceeds the limit', () => {
    const text = `${'甲'.repeat(2500)}。${'乙'.repeat(2500)}\n\n${'c'.repeat(7000)}`;
    const pieces = chunkText(text, 3000);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces[0]!.endsWith('。')).toBe(true);
    expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('converts Markdown links and bold, escaping everything else', () => {
    expect(markdownToMrkdwn('**bold** [site](https://x.example/a?b=1&c=2) <tag>')).toBe('*bold* <https://x.example/a?b=1&c=2|site> &lt;tag&gt;');
  });

  it('reads what a member typed from Slack encoding', () => {
    expect(slackToPlainText('<@UBOT> 年假 &lt;几天&gt; <https://a.example|链接> <@U2|li> &amp;', 'UBOT')).toBe('年假 <几天> 链接 @li &');
  });
});
