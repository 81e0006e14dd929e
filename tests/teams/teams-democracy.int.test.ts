import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { cardOf, executeActions, postActivity, pressed, shownText, teamsActivity, type Card, type TestUser } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';

const zhao: TestUser = { id: '29:zhao', name: '赵一', aadObjectId: 'aad-zhao' };
const chat = { id: 'a:zhao' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe.each(providers)('Teams surveys, votes and events on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let connector: FakeBotConnector;
  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    // PUBLIC_URL: where Teams clients download calendar files from (a proxy in front of us).
    app = await testApp(provider, {}, { DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://union.example/' });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await app.store.members.upsert({ name: '赵一', employeeNumber: 'E101', email: 'zhao@example.com', status: 'member', roles: '' });
    connector.members.set(zhao.id, { id: zhao.id, name: zhao.name, aadObjectId: zhao.aadObjectId, email: 'zhao@example.com' });
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await connector?.close();
  });
  afterEach(() => connector.reset());

  const say = (text: string) => postActivity(server.url, teamsActivity(connector.url, zhao, chat, { type: 'message', text }));
  /** Presses a button of a posted card by invoke; returns the card it became and what was posted meanwhile. */
  async function press(card: Card, title: string | RegExp, extra: Record<string, unknown> = {}) {
    connector.reset();
    const button = executeActions(card).find((a) => (typeof title === 'string' ? a.title === title : title.test(String(a.title))));
    expect(button, `a button ${String(title)}`).toBeDefined();
    const data = { ...pressed(card, button!.title as string), ...extra };
    const res = await postActivity(server.url, teamsActivity(connector.url, zhao, chat, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-x', value: { action: { type: 'Action.Execute', verb: button!.verb, data } } }));
    expect(res.status).toBe(200);
    const body = res.body as { type: string; value: unknown };
    return { redrawn: body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Card) : undefined, posted: connector.posted().map(cardOrText) };
  }
  const cardOrText = (p: Record<string, unknown>): Card => (p.attachments ? cardOf(p) : { version: 'text', body: [{ type: 'TextBlock', text: p.text }] });
  const find = (cards: Card[], text: string | RegExp) => {
    const found = cards.find((c) => (typeof text === 'string' ? JSON.stringify(c).includes(text) : text.test(JSON.stringify(c))));
    expect(found, `a card with ${String(text)}`).toBeDefined();
    return found!;
  };

  it('runs a secret ballot to the end; the pressed card becomes "you voted" with nobody else\'s vote on it', async () => {
    const created = await app.votes.create({ kind: 'choose-one', title: { 'zh-CN': '工会代表选举', en: 'Union representative election' }, candidates: [{ name: 'Alice' }, { name: 'Bob' }, { name: 'Carol' }] }, 'test');
    await app.votes.open(created.id, 'test');
    await say('vote');
    const list = find(connector.posted().map(cardOrText), 'Union representative election');
    const ballot = await press(list, /vote/i);
    const choices = ballot.posted.find((c) => executeActions(c).some((a) => a.title === 'Bob'))!;
    const confirm = find((await press(choices, 'Bob')).posted, /Cast|cast/);
    const cast = await press(confirm, /cast/i);
    const redrawn = JSON.stringify(cast.redrawn);
    expect(redrawn).toContain('Your ballot has been cast');
    expect(executeActions(cast.redrawn)).toHaveLength(0);
    expect(redrawn).not.toMatch(/Alice|Carol/);
    // The receipt: a card to verify it, and the receipt file to download.
    expect(JSON.stringify(cast.posted)).toContain('https://union.example/api/teams/files/');
    expect((await app.votes.turnout(created.id)).participants).toBe(1);
  });

  it('takes a multi-seat ballot from a multi-select in one submission', async () => {
    const created = await app.votes.create({ kind: 'choose-up-to', seats: 2, title: { 'zh-CN': '委员选举', en: 'Committee election' }, candidates: [{ name: 'Dan' }, { name: 'Eve' }, { name: 'Fay' }] }, 'test');
    await app.votes.open(created.id, 'test');
    await say('vote');
    const list = find(connector.posted().map(cardOrText), 'Committee election');
    const ballot = find((await press(list, /vote/i)).posted, 'Input.ChoiceSet');
    const picker = ballot.body.find((e) => e.type === 'Input.ChoiceSet') as { isMultiSelect: boolean; choices: { title: string; value: string }[] };
    expect(picker.isMultiSelect).toBe(true);
    const indexOf = (name: string) => picker.choices.find((c) => c.title.includes(name))!.value;
    const confirm = (await press(ballot, /submit/i, { uaPick: `${indexOf('Dan')},${indexOf('Fay')}` })).posted;
    const text = JSON.stringify(confirm);
    expect(text).toContain('Dan');
    expect(text).toContain('Fay');
    expect(text).not.toContain('Eve');
  });

  it('answers a survey: a button, a multi-select in one submission, then typed text', async () => {
    const survey = await app.surveys.create(
      {
        title: { 'zh-CN': '食堂调查', en: 'Canteen survey' },
        questions: [
          { id: 'often', type: 'single', text: { 'zh-CN': '多久去一次？', en: 'How often do you go?' }, options: [{ 'zh-CN': '每天', en: 'Daily' }, { 'zh-CN': '很少', en: 'Rarely' }] },
          { id: 'meals', type: 'multiple', text: { 'zh-CN': '哪几餐？', en: 'Which meals?' }, options: [{ 'zh-CN': '早餐', en: 'Breakfast' }, { 'zh-CN': '午餐', en: 'Lunch' }, { 'zh-CN': '晚餐', en: 'Dinner' }] },
          { id: 'wish', type: 'text', text: { 'zh-CN': '建议？', en: 'Any wish?' } },
        ],
      },
      'test',
    );
    await app.surveys.open(survey.id, 'test');
    await say('surveys');
    const list = find(connector.posted().map(cardOrText), 'Canteen survey');
    const first = (await press(list, /start|answer|take/i)).posted.find((c) => executeActions(c).some((a) => a.title === 'Daily'))!;
    const second = find((await press(first, 'Daily')).posted, 'Input.ChoiceSet');
    const picker = second.body.find((e) => e.type === 'Input.ChoiceSet') as { choices: { title: string; value: string }[] };
    const at = (name: string) => picker.choices.find((c) => c.title.includes(name))!.value;
    const third = await press(second, /submit/i, { uaPick: `${at('Breakfast')},${at('Dinner')}` });
    expect(JSON.stringify(third.posted)).toContain('Any wish?');
    connector.reset();
    await say('More vegetables, please');
    const review = JSON.stringify(connector.posted().map(cardOrText));
    expect(review).toMatch(/Breakfast/);
    expect(review).toMatch(/Dinner/);
    expect(review).toContain('More vegetables, please');
  });

  it('signs up for an event, with a calendar file to download and a cancel button', async () => {
    const event = await app.events.create({ title: { 'zh-CN': '职工运动会', en: 'Sports day' }, place: 'Stadium', startsAt: inDays(10), endsAt: inDays(10.2), capacity: 50 }, 'test');
    await app.events.open(event.id, 'test');
    await say('events');
    const card = find(connector.posted().map(cardOrText), 'Sports day');
    const signedUp = await press(card, /sign up/i);
    const mine = find([...signedUp.posted, ...(signedUp.redrawn ? [signedUp.redrawn] : [])], /Cancel/);
    expect(executeActions(mine).map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/calendar/i), expect.stringMatching(/cancel/i)]));
    const file = await press(mine, /calendar/i);
    const link = JSON.stringify(file.posted).match(/https:\/\/union\.example\/api\/teams\/files\/[^"]+/)![0];
    const ics = await fetch(link.replace('https://union.example', server.url));
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
  });
});
