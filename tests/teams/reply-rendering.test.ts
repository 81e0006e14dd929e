import { describe, expect, it } from 'vitest';
import { parseCardSubmission } from '../../src/bots/teams/card-data.ts';
import { completedCard, replyToActivity } from '../../src/bots/teams/reply-activity.ts';
import { action } from '../../src/core/flow.ts';
import { replies, type Reply, type ReplyInput } from '../../src/core/reply.ts';
import { executeActions, type Card } from './activities.ts';

const one = (input: ReplyInput): Reply => replies(input)[0]!;
const cardOf = (reply: Reply, channelId = 'msteams'): Card => {
  const activity = replyToActivity(reply, { locale: 'en', channelId });
  return (activity.attachments![0]!.content as Card);
};
/** Every element of a card body, nested ones included. */
function elements(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(elements)];
}
/** What a client sends back for a card's submit button with the given input values. */
function submit(card: Card, values: Record<string, unknown>): unknown {
  const button = executeActions(card).at(-1)!;
  const hidden = Object.fromEntries(elements(card.body).filter((e) => e.isVisible === false).map((e) => [e.id as string, e.value]));
  return { ...(button.data as object), ...hidden, ...values };
}

const every: ReplyInput[] = [
  { type: 'text', text: 'line one\nline two' },
  { type: 'answer', text: 'Maternity leave is 98 days.', citations: [{ title: '女职工劳动保护特别规定', section: '第七条', docType: 'law', quote: '女职工生育享受98天产假' }], confidence: 0.9, disclaimer: 'General information, not legal advice.', feedbackId: 'f1', actions: [{ label: 'Helpful', value: action('faq.rate', { id: 'f1', v: 'helpful' }) }] },
  { type: 'choices', id: 'q', prompt: 'Pick one', choices: [{ label: 'A', value: action('survey.answer', { o: 1 }) }] },
  { type: 'form', id: 'event.signup', title: 'Sign up', submitLabel: 'Send', fields: [{ name: 'name', label: 'Name', kind: 'text', required: true }] },
  { type: 'card', title: 'AGM', body: 'Friday', fields: [{ label: 'Where', value: 'Hall B' }], actions: [{ label: 'Sign up', value: action('event.signup', { e: 'e1' }) }], link: { label: 'Calendar', url: 'https://x.example/agm.ics' } },
  { type: 'notice', level: 'urgent', text: 'Call 12356 now' },
  { type: 'staff-message', from: '李四', text: 'We will call *you* [today](http://x)', ticketId: 't1' },
  { type: 'file', filename: 'agm.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR\nEND:VCALENDAR', title: 'Calendar invitation' },
];

describe('Teams rendering of channel-neutral replies', () => {
  it('draws every reply type, cards as Adaptive Card 1.5 with Action.Execute and an Action.Submit fallback', () => {
    for (const input of every) {
      const reply = one(input);
      const activity = replyToActivity(reply, { locale: 'en', channelId: 'msteams' });
      expect(activity.type).toBe('message');
      if (reply.type === 'text') {
        expect(activity.text).toBe('line one\n\nline two');
        continue;
      }
      const card = activity.attachments![0]!.content as Card;
      expect(card.version).toBe('1.5');
      for (const button of executeActions(card)) expect(button.fallback).toMatchObject({ type: 'Action.Submit', data: button.data });
    }
  });

  it('shows the law and article an answer rests on, and its disclaimer apart from the text', () => {
    const json = JSON.stringify(cardOf(one(every[1]!)));
    expect(json).toContain('女职工劳动保护特别规定 第七条');
    expect(json).toContain('Sources');
    expect(json).toContain('General information, not legal advice.');
  });

  it("shows what staff typed literally, not as Markdown", () => {
    const card = cardOf(one(every[6]!));
    const rich = elements(card.body).find((e) => e.type === 'RichTextBlock') as { inlines: { text: string }[] };
    expect(rich.inlines[0]!.text).toBe('We will call *you* [today](http://x)');
  });

  it('gives a file a download link when it has one, a data: attachment outside Teams, and never an attachment Teams refuses', () => {
    const file = one(every[7]!);
    const linked = replyToActivity(file, { locale: 'en', channelId: 'msteams', fileLink: () => 'https://union.example/f/1/agm.ics' });
    expect(JSON.stringify(linked.attachments)).toContain('https://union.example/f/1/agm.ics');
    const emulator = replyToActivity(file, { locale: 'en', channelId: 'emulator' });
    expect(emulator.attachments![1]).toMatchObject({ contentType: 'text/calendar', name: 'agm.ics', contentUrl: expect.stringMatching(/^data:text\/calendar;base64,/) });
    const teams = replyToActivity(file, { locale: 'en', channelId: 'msteams' });
    expect(teams.attachments).toHaveLength(1);
    // A short text file (a ballot receipt) with no link to offer is shown in place, in a 1:1 chat only.
    const receipt = one({ type: 'file', filename: 'ballot-receipt.txt', mimeType: 'text/plain; charset=utf-8', content: 'Receipt: ABCD-EFGH', title: 'Ballot receipt' });
    expect(JSON.stringify(replyToActivity(receipt, { locale: 'en', channelId: 'msteams', personal: true }))).toContain('Receipt: ABCD-EFGH');
    expect(JSON.stringify(replyToActivity(receipt, { locale: 'en', channelId: 'msteams', personal: false }))).not.toContain('ABCD-EFGH');
  });

  it('turns a form into inputs whose submission comes back as the form values, options by value', () => {
    const form = one({
      type: 'form',
      id: 'survey.s1',
      title: 'Canteen survey',
      submitLabel: 'Submit',
      fields: [
        { name: 'comment', label: 'Comment', kind: 'textarea' },
        { name: 'age', label: 'Age', kind: 'number', min: 16, max: 70 },
        { name: 'site', label: 'Site', kind: 'select', options: [{ label: 'North, building 1', value: 'n,1' }, { label: 'South', value: 's' }] },
        { name: 'days', label: 'Days', kind: 'multiselect', options: [{ label: 'Mon', value: 'mon' }, { label: 'Tue', value: 'tue' }, { label: 'Wed', value: 'wed' }] },
        { name: 'stars', label: 'Rating', kind: 'rating', min: 1, max: 5, required: true },
      ],
    });
    const card = cardOf(form);
    const inputs = elements(card.body).filter((e) => String(e.type).startsWith('Input.') && e.isVisible !== false);
    expect(inputs.map((e) => e.type)).toEqual(['Input.Text', 'Input.Number', 'Input.ChoiceSet', 'Input.ChoiceSet', 'Input.ChoiceSet']);
    expect(inputs.at(-1)).toMatchObject({ isRequired: true, label: 'Rating' });
    const back = parseCardSubmission(submit(card, { 'uaField.comment': 'More tea', 'uaField.age': 30, 'uaField.site': '0', 'uaField.days': '0,2', 'uaField.stars': '4' }));
    expect(back).toMatchObject({ kind: 'form', formId: 'survey.s1', values: { comment: 'More tea', age: '30', site: 'n,1', days: ['mon', 'wed'], stars: '4' } });
  });

  it('turns many choices into a ChoiceSet, and a multi-select question into a form of its choices', () => {
    const many = one({ type: 'choices', id: 'vote.v1', prompt: 'Who?', choices: Array.from({ length: 8 }, (_, i) => ({ label: `Candidate ${i}`, value: action('vote.cast', { c: i }) })) });
    const picked = parseCardSubmission(submit(cardOf(many), { uaPick: '5' }));
    expect(picked).toMatchObject({ kind: 'action', value: action('vote.cast', { c: 5 }) });
    const multiple = one({ type: 'choices', id: 'survey.q2', prompt: 'Which?', multiple: { min: 1, max: 2 }, choices: [{ label: 'A', value: 'a,1' }, { label: 'B', value: 'b' }, { label: 'C', value: 'c' }] });
    expect(parseCardSubmission(submit(cardOf(multiple), { uaPick: '0,2' }))).toMatchObject({ kind: 'form', formId: 'survey.q2', values: { selected: ['a,1', 'c'] } });
  });

  it('redraws a pressed card from its own snapshot without buttons, with the outcome under it', () => {
    const ballot = one({ type: 'card', title: 'Election of the committee', body: 'Choose one', actions: [{ label: 'Alice', value: action('vote.cast', { c: 1 }) }, { label: 'Bob', value: action('vote.cast', { c: 2 }) }] });
    const back = parseCardSubmission(submit(cardOf(ballot), {}));
    expect(back?.snapshot).toEqual(ballot);
    const done = completedCard(back!.snapshot, [one({ type: 'notice', level: 'success', text: 'You voted.' })], 'en')!;
    const json = JSON.stringify(done);
    expect(json).toContain('Election of the committee');
    expect(json).toContain('You voted.');
    expect(executeActions(done)).toHaveLength(0);
    // Nothing of the choice itself, nor anyone else's, is drawn.
    expect(json).not.toContain('Alice');
  });

  it('gives a case card a reply box that sends the typed text with the action', () => {
    const caseCard = one({ type: 'card', title: 'Case 1', actions: [{ label: 'Reply', value: action('teams-staff.reply', { t: 'T1' }) }] });
    const card = cardOf(caseCard);
    const showCard = card.actions!.find((a) => a.type === 'Action.ShowCard') as { card: Card };
    expect(showCard.card.body[0]).toMatchObject({ type: 'Input.Text', id: 'uaStaffReply' });
    const back = parseCardSubmission({ ...(executeActions(showCard.card)[0]!.data as object), uaStaffReply: '  We will call you  ' });
    expect(back).toMatchObject({ kind: 'action', value: action('teams-staff.reply', { t: 'T1' }), typed: 'We will call you' });
  });

  it('ignores data that is not ours', () => {
    expect(parseCardSubmission({ something: 'else' })).toBeUndefined();
    expect(parseCardSubmission('text')).toBeUndefined();
    expect(parseCardSubmission({ ua: 'x', uaCard: '{"type":"nope"}' })).toEqual({ kind: 'action', value: 'x', snapshot: undefined });
  });
});
