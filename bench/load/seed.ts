import { createLogger } from '../../src/core/logger.ts';
import { EventService } from '../../src/democracy/event-service.ts';
import { SurveyService } from '../../src/democracy/survey-service.ts';
import { VoteService } from '../../src/democracy/vote-service.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { identityOf, type ChannelName, type Persona } from './channels.ts';
import { CANDIDATES } from './scenarios.ts';

/** The survey, vote and event one phase of the run (calibration, or one level) uses. */
export interface PhaseItems {
  label: string;
  surveyId: string;
  voteId: string;
  eventId: string;
  capacity: number;
}

/** The democracy services over a store, as the CLI's `surveys|votes|events` commands use them. */
export function services(store: Store) {
  const logger = createLogger('silent');
  return { surveys: new SurveyService({ store, logger }), votes: new VoteService({ store, logger }), events: new EventService({ store, logger }) };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Seeds the database the way an administrator would before the server starts: the roster
 * imported (`members import`, in chunks of 200 rows: one import is one transaction), each
 * member's chat identity linked (`members link`), and for every phase a survey, a secret
 * choose-one vote and an event with limited capacity, created as drafts (`… create --file`).
 */
export async function seed(databaseUrl: string, people: { who: Persona; channel: ChannelName }[], phases: { label: string; capacity: number }[]): Promise<PhaseItems[]> {
  const store = await openStore(databaseUrl);
  try {
    for (let from = 0; from < people.length; from += 200) {
      const rows = people.slice(from, from + 200).map(({ who }) => `${who.name},${who.employeeNumber},D${who.index % 10},${who.employeeNumber.toLowerCase()}@bench.example,member,`);
      const report = await store.members.importCsv(['name,employee_number,department,email,status,roles', ...rows].join('\n'));
      if (report.errors.length) throw new Error(`roster import refused rows: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    for (const { who, channel } of people) await store.members.link(identityOf(channel, who), who.employeeNumber);
    const { surveys, votes, events } = services(store);
    const items: PhaseItems[] = [];
    for (const { label, capacity } of phases) {
      const survey = await surveys.create(
        {
          title: { 'zh-CN': `食堂满意度调查（${label}）`, en: `Canteen survey (${label})` },
          closesAt: inDays(7),
          questions: [
            { id: 'often', type: 'single', text: { 'zh-CN': '您多久去一次食堂？', en: 'How often do you eat in the canteen?' }, options: [{ value: 'daily', label: { 'zh-CN': '每天', en: 'Daily' } }, { value: 'rarely', label: { 'zh-CN': '很少', en: 'Rarely' } }] },
            { id: 'score', type: 'rating', text: { 'zh-CN': '满意度', en: 'Satisfaction' }, scale: { min: 1, max: 5 } },
          ],
        },
        'bench',
      );
      const vote = await votes.create({ kind: 'choose-one', secret: true, title: { 'zh-CN': `工会代表选举（${label}）`, en: `Union representative election (${label})` }, candidates: CANDIDATES.map((name) => ({ name })) }, 'bench');
      const event = await events.create({ title: { 'zh-CN': `职工运动会（${label}）`, en: `Sports day (${label})` }, place: 'Stadium', startsAt: inDays(10), endsAt: inDays(10.2), capacity }, 'bench');
      items.push({ label, surveyId: survey.id, voteId: vote.id, eventId: event.id, capacity });
    }
    return items;
  } finally {
    await store.close();
  }
}

/**
 * Opens one phase's survey, vote and event and closes the previous phase's, while the server
 * runs — as an administrator does with `surveys|votes|events open|close ID` — so that members
 * see one of each and every phase is counted apart.
 */
export async function switchPhase(databaseUrl: string, close: PhaseItems | undefined, open: PhaseItems | undefined): Promise<void> {
  const store = await openStore(databaseUrl, { migrate: false });
  try {
    const { surveys, votes, events } = services(store);
    if (close) {
      await surveys.close(close.surveyId, 'bench');
      await votes.close(close.voteId, 'bench');
      await events.close(close.eventId, 'bench');
    }
    if (open) {
      await surveys.open(open.surveyId, 'bench');
      await votes.open(open.voteId, 'bench');
      await events.open(open.eventId, 'bench');
    }
  } finally {
    await store.close();
  }
}
