import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.ts';
import { parseCsv } from '../../src/store/csv.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { inHours, roster } from './helpers.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

const definition = (extra: Record<string, unknown> = {}) => ({
  title: { 'zh-CN': '职工满意度调查', en: 'Staff satisfaction survey' },
  closesAt: inHours(72),
  questions: [
    { id: 'overtime', type: 'single', text: { 'zh-CN': '您经常加班吗？', en: 'Do you often work overtime?' }, options: [{ value: 'often', label: { 'zh-CN': '经常', en: 'Often' } }, { value: 'never', label: { 'zh-CN': '从不', en: 'Never' } }] },
    { id: 'paid', type: 'single', text: '加班费足额吗？', options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }], showIf: { question: 'overtime', equals: 'often' } },
    { id: 'rating', type: 'rating', text: '总体满意度', scale: { min: 1, max: 5 } },
    { id: 'ideas', type: 'text', text: '建议', required: false },
  ],
  ...extra,
});

describe.each(providers)('surveys on %s', (provider) => {
  let app: TestApp;
  afterEach(async () => app?.close());

  async function open(def = definition(), members = 12) {
    app = await testApp(provider);
    const people = await roster(app, members, (i) => (i <= 6 ? '研发部' : '行政部'));
    const survey = await app.surveys.open((await app.surveys.create(def, 'cli')).id, 'cli');
    return { people, survey };
  }

  it('stores anonymous responses without any member link, tracks completion apart, and accepts one submission', async () => {
    const { people, survey } = await open();
    const answers = { overtime: 'often', paid: 'no', rating: '2', ideas: '希望调休' };
    const [first, second] = await Promise.allSettled([
      app.surveys.submit({ surveyId: survey.id, member: people[0], answers }),
      app.surveys.submit({ surveyId: survey.id, member: people[0], answers }),
    ]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await app.store.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "SurveyResponse"');
    expect(rows).toHaveLength(1);
    // No member, no time, a random id: nothing links the answers to the person.
    expect(Object.keys(rows[0]!).sort()).toEqual(['answers', 'department', 'id', 'memberId', 'surveyId']);
    expect(rows[0]!.memberId).toBeNull();
    const participation = await app.store.db.prisma.surveyParticipation.findFirstOrThrow();
    expect(participation).toMatchObject({ memberId: people[0]!.id, status: 'submitted', draft: '{}' });
    expect(participation.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await app.surveys.check(people[0], survey, new Date())).toBe('submitted');
    expect((await app.store.audit.list({ action: 'survey.submit' })).map((a) => a.details)).toEqual([{}]);
  });

  it('keeps attributed responses with the member, drops answers that skip logic hid, and refuses missing required answers', async () => {
    const { people, survey } = await open(definition({ anonymous: false }));
    await app.surveys.submit({ surveyId: survey.id, member: people[0], answers: { overtime: 'never', paid: 'yes', rating: '4' } });
    const response = await app.store.db.prisma.surveyResponse.findFirstOrThrow();
    expect(response.memberId).toBe(people[0]!.id);
    expect(JSON.parse(response.answers)).toEqual({ overtime: 'never', rating: '4', ideas: null });
    const missing = await app.surveys.submit({ surveyId: survey.id, member: people[1], answers: { overtime: 'often', rating: '4' } }).catch((e: unknown) => e);
    expect(isAppError(missing, 'invalid_input') && (missing.details as { missing: string[] }).missing).toEqual(['paid']);
    const guest = await app.surveys.submit({ surveyId: survey.id, member: undefined, answers: {} }).catch((e: unknown) => e);
    expect(isAppError(guest, 'not_eligible')).toBe(true);
  });

  it('gives counts, percentages, free text and a department breakdown only for large enough groups; exports safe CSV', async () => {
    const { people, survey } = await open(definition(), 14);
    for (const [i, m] of people.entries()) {
      if (i === 13) continue;
      await app.surveys.submit({ surveyId: survey.id, member: m, answers: { overtime: i % 2 ? 'often' : 'never', paid: 'yes', rating: String((i % 5) + 1), ...(i === 0 ? { ideas: '=cmd|" /c calc"!A1' } : {}) } });
    }
    const { results, started, submitted } = await app.surveys.results(survey.id);
    expect({ started, submitted, respondents: results.respondents }).toEqual({ started: 13, submitted: 13, respondents: 13 });
    expect(results.questions[0]!.options.map((o) => [o.value, o.count, o.percent])).toEqual([['often', 6, 46.2], ['never', 7, 53.8]]);
    expect(results.questions[1]!.answered).toBe(6);
    expect(results.questions[3]!.texts).toEqual(['=cmd|" /c calc"!A1']);
    // 研发部 6, 行政部 7: both at least 5.
    expect(results.breakdown.shown).toBe(true);
    expect(results.breakdown.groups.map((g) => [g.department, g.respondents])).toEqual([['研发部', 6], ['行政部', 7]]);
    const csv = await app.surveys.exportCsv(survey.id, 'en');
    expect(csv.results).toContain(`'=cmd|`);
    const responses = parseCsv(csv.responses).map((r) => r.fields);
    expect(responses[0]).toEqual(['overtime', 'paid', 'rating', 'ideas']);
    expect(responses).toHaveLength(14);
    expect(responses.some((r) => r[3] === `'=cmd|" /c calc"!A1`)).toBe(true);
  });

  it('withholds the breakdown when a group is too small to hide anyone', async () => {
    const { people, survey } = await open(definition(), 9);
    for (const m of people) await app.surveys.submit({ surveyId: survey.id, member: m, answers: { overtime: 'never', rating: '3' } });
    const { results } = await app.surveys.results(survey.id);
    expect(results.breakdown).toMatchObject({ shown: false, groups: [] });
  });

  it('reminds eligible members who have not submitted, where they last used a flow, and closes on time', async () => {
    const { people, survey } = await open(definition({ remindBeforeCloseHours: [24] }), 4);
    const [done, started, untouched, unreachable] = people;
    await app.surveys.submit({ surveyId: survey.id, member: done, answers: { overtime: 'never', rating: '3' } });
    await app.store.transaction((tx) => app.surveys.saveDraft(tx, survey, started!, { overtime: 'often' }, { channel: 'cli', conversationKey: 'cli:started' }));
    await app.store.democracyContacts.record(app.store.db.prisma, untouched!.id, { channel: 'cli', conversationKey: 'cli:untouched', locale: 'en' });
    await app.store.members.link({ channel: 'cli', tenant: '', externalId: 'done' }, done!.employeeNumber);
    void unreachable;
    const jobs = await app.store.jobs.list({ status: 'pending' });
    expect(jobs.map((j) => j.kind).sort()).toEqual(['survey.close', 'survey.remind']);
    await app.scheduler.runDue(new Date(survey.closesAt!.getTime() - 23 * 3_600_000));
    const take = async (key: string) => (await app.store.outbox.take('cli', key)).flatMap((m) => m.replies);
    const startedReplies = await take('cli:started');
    expect(startedReplies).toHaveLength(1);
    expect(JSON.stringify(startedReplies)).toContain('职工满意度调查');
    expect(JSON.stringify(await take('cli:untouched'))).toContain('Reminder');
    expect(await take('cli:done')).toEqual([]);
    expect((await app.store.audit.list({ action: 'survey.remind' }))[0]!.details).toMatchObject({ reminded: 2, unreachable: 1 });
    // A retried job sends nothing twice.
    await app.surveys.remind(survey.id, '24h');
    expect(await take('cli:started')).toEqual([]);
    await app.scheduler.runDue(new Date(survey.closesAt!.getTime() + 1000));
    expect((await app.surveys.get(survey.id)).status).toBe('closed');
    const late = await app.surveys.submit({ surveyId: survey.id, member: started, answers: { overtime: 'never', rating: '3' } }).catch((e: unknown) => e);
    expect(isAppError(late, 'closed')).toBe(true);
  });
});
