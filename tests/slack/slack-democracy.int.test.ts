import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../helpers/database.ts';
import type { RecordedCall } from './fake-slack-api.ts';
import { memberDm, slackHarness, type SlackHarness } from './slack-harness.ts';
import { blocksText, buttonPress, directMessage, envelope, findButton, homeButtonPress, postToSlack, viewSubmission } from './slack-requests.ts';

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.each(providers)('Slack surveys, votes and events on %s', (provider) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await slackHarness({ provider, env: { DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://union.example.com/' } });
    h.fake.addUser({ id: 'UZHAO', name: 'Zhao', email: 'zhao@example.com', locale: 'en-US' });
    await h.app.store.members.upsert({ name: 'Zhao Yi', employeeNumber: 'E101', department: 'R&D', email: 'zhao@example.com', status: 'member', roles: '' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const { dm, nextWith, press } = memberDm(() => h, 'UZHAO', 'DZHAO');
  const modal = (after: number) => h.fake.waitFor(() => h.fake.made('views.open').slice(after)[0], 'a modal');

  it('takes a whole survey through buttons, a multi-select modal and a typed answer', async () => {
    const survey = await h.app.surveys.create(
      {
        title: { 'zh-CN': '食堂调查', en: 'Canteen survey' },
        closesAt: inHours(72),
        questions: [
          { id: 'often', type: 'single', text: { 'zh-CN': '您多久去一次食堂？', en: 'How often do you eat in the canteen?' }, options: [{ value: 'daily', label: { 'zh-CN': '每天', en: 'Daily' } }, { value: 'rarely', label: { 'zh-CN': '很少', en: 'Rarely' } }] },
          { id: 'dishes', type: 'multiple', min: 1, max: 2, text: { 'zh-CN': '喜欢哪些？', en: 'Which do you like?' }, options: [{ value: 'noodles', label: { 'zh-CN': '面', en: 'Noodles' } }, { value: 'rice', label: { 'zh-CN': '米饭', en: 'Rice' } }, { value: 'soup', label: { 'zh-CN': '汤', en: 'Soup' } }] },
          { id: 'score', type: 'rating', text: { 'zh-CN': '满意度', en: 'Satisfaction' }, scale: { min: 1, max: 5 } },
          { id: 'ideas', type: 'text', text: { 'zh-CN': '建议', en: 'Ideas' }, required: false },
        ],
      },
      'test',
    );
    await h.app.surveys.open(survey.id, 'test');
    let seen = dm().length;
    await postToSlack(h.url, { json: directMessage('UZHAO', 'surveys') });
    const list = await nextWith(seen, 'Start');
    expect(blocksText(list.params.blocks)).toContain('Canteen survey');
    seen = dm().length;
    await press(list, 'Start');
    const first = await nextWith(seen, 'Daily');
    seen = dm().length;
    await press(first, 'Daily');
    // The answered question's buttons give way to the answer.
    const answered = await h.fake.waitFor(() => h.fake.made('chat.update').find((c) => c.params.ts === first.response!.ts));
    expect(blocksText(answered.params.blocks)).toContain('You chose: Daily');
    const multi = await nextWith(seen, 'Choose');
    const opened = h.fake.made('views.open').length;
    await press(multi, 'Choose');
    const view = (await modal(opened)).params.view as { callback_id: string; private_metadata: string; blocks: { element?: { type: string; options: { text: { text: string }; value: string }[] } }[] };
    const picker = view.blocks.find((b) => b.element?.type === 'checkboxes')!.element!;
    expect(picker.options.map((o) => o.text.text)).toEqual(['Noodles', 'Rice', 'Soup']);
    seen = dm().length;
    // Three is more than the question allows: the modal says so and stays open.
    const tooMany = await postToSlack(h.url, { form: viewSubmission('UZHAO', view, { c: { v: { type: 'checkboxes', selected_options: [{ value: '0' }, { value: '1' }, { value: '2' }] } } }) });
    expect(await tooMany.json()).toMatchObject({ response_action: 'errors', errors: { c: expect.stringContaining('no more than 2') } });
    const ok = await postToSlack(h.url, { form: viewSubmission('UZHAO', view, { c: { v: { type: 'checkboxes', selected_options: [{ value: '0' }, { value: '2' }] } } }) });
    expect(ok.status).toBe(200);
    const rating = await nextWith(seen, '4');
    seen = dm().length;
    await press(rating, '4');
    await nextWith(seen, 'Skip');
    seen = dm().length;
    await postToSlack(h.url, { json: directMessage('UZHAO', 'More vegetarian dishes please') });
    const review = await nextWith(seen, 'Submit');
    const reviewText = blocksText(review.params.blocks);
    expect(reviewText).toContain('Noodles');
    expect(reviewText).toContain('Soup');
    expect(reviewText).toContain('More vegetarian dishes please');
    seen = dm().length;
    await press(review, 'Submit');
    await h.fake.waitFor(() => dm().slice(seen).find((c) => blocksText(c.params.blocks).includes('Thank you')), 'the thanks');
    const { submitted, results } = await h.app.surveys.results(survey.id);
    expect(submitted).toBe(1);
    expect(JSON.stringify(results)).toContain('noodles');
  });

  it('casts a secret multi-seat ballot through a modal, once, with its receipt as a file', async () => {
    const election = await h.app.votes.create(
      { kind: 'choose-up-to', seats: 2, secret: true, title: { 'zh-CN': '委员选举', en: 'Committee election' }, candidates: [{ name: 'Dan' }, { name: 'Eve' }, { name: 'Fay' }] },
      'test',
    );
    await h.app.votes.open(election.id, 'test');
    let seen = dm().length;
    await postToSlack(h.url, { json: directMessage('UZHAO', 'vote') });
    const list = await nextWith(seen, 'Vote');
    seen = dm().length;
    await press(list, 'Vote');
    const ballot = await nextWith(seen, 'Choose');
    const opened = h.fake.made('views.open').length;
    await press(ballot, 'Choose');
    const view = (await modal(opened)).params.view as { callback_id: string; private_metadata: string; blocks: { element?: { type: string; options: { text: { text: string }; value: string }[] } }[] };
    const options = view.blocks.find((b) => b.element?.type === 'checkboxes')!.element!.options;
    const pick = (name: string) => ({ value: options.find((o) => o.text.text === name)!.value });
    seen = dm().length;
    await postToSlack(h.url, { form: viewSubmission('UZHAO', view, { c: { v: { type: 'checkboxes', selected_options: [pick('Dan'), pick('Fay')] } } }) });
    const confirm = await nextWith(seen, /cast/i);
    expect(blocksText(confirm.params.blocks)).toMatch(/Dan.*Fay/s);
    seen = dm().length;
    const uploadsBefore = h.fake.made('files.completeUploadExternal').length;
    const cast = findButton(confirm.params.blocks, /cast/i)!;
    const payload = buttonPress('UZHAO', { channel: 'DZHAO', ts: confirm.response!.ts as string, blocks: confirm.params.blocks as unknown[] }, cast);
    await postToSlack(h.url, { form: payload });
    await h.fake.waitFor(() => h.fake.made('files.completeUploadExternal')[uploadsBefore], 'the receipt upload');
    const upload = h.fake.calls.filter((c) => c.method === 'upload').at(-1)!;
    expect(String(upload.params.content)).toMatch(/[A-Z0-9]{4}-/);
    // The same interaction delivered again is not a second ballot, nor a second receipt.
    await postToSlack(h.url, { form: payload });
    await h.idle();
    expect((await h.app.votes.turnout(election.id)).participants).toBe(1);
    expect(h.fake.made('files.completeUploadExternal')).toHaveLength(uploadsBefore + 1);
    expect(blocksText(dm().slice(seen).map((c) => c.params.blocks))).not.toMatch(/Dan|Fay/);
  });

  it('shows open surveys, votes and events on the App Home tab, and signs up from it', async () => {
    const event = await h.app.events.create({ title: { 'zh-CN': '春季徒步', en: 'Spring hike' }, description: 'Bring water', place: 'East gate', startsAt: inHours(72), endsAt: inHours(78), capacity: 20 }, 'test');
    await h.app.events.open(event.id, 'test');
    const published = h.fake.made('views.publish').length;
    await postToSlack(h.url, { json: envelope({ type: 'app_home_opened', user: 'UZHAO', channel: 'DZHAO', tab: 'home' }) });
    const home = await h.fake.nth('views.publish', published + 1);
    const blocks = (home.params.view as { blocks: unknown[] }).blocks;
    const text = blocksText(blocks);
    expect(text).toContain('Spring hike');
    expect(text).toContain('Upcoming events');
    expect(text).toContain('Zhao Yi');
    const signUp = findButton(blocks, 'Sign up')!;
    const seen = dm().length;
    await postToSlack(h.url, { form: homeButtonPress('UZHAO', signUp) });
    await h.fake.waitFor(() => dm().slice(seen)[0], 'the sign-up confirmation in the DM');
    const refreshed = await h.fake.nth('views.publish', published + 2);
    const after = (refreshed.params.view as { blocks: unknown[] }).blocks;
    expect(blocksText(after)).toContain('Signed up');
    expect(findButton(after, 'Cancel my place')).toBeDefined();
    const calendar = findButton(after, 'Calendar invitation')!;
    const uploads = h.fake.made('files.completeUploadExternal').length;
    await postToSlack(h.url, { form: homeButtonPress('UZHAO', calendar) });
    await h.fake.waitFor(() => h.fake.made('files.completeUploadExternal')[uploads], 'the calendar file');
    const ics = h.fake.calls.filter((c) => c.method === 'upload').at(-1)!;
    expect(String(ics.params.content)).toContain('BEGIN:VCALENDAR');
  });
});
