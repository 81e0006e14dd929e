import { AppError, isAppError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Bilingual, Locale } from '../core/locale.ts';
import type { ReplyInput } from '../core/reply.ts';
import { action } from '../core/flow.ts';
import type { JobHandler } from '../runtime/scheduler.ts';
import { toCsv } from '../store/csv.ts';
import type { SqlTx, Store } from '../store/index.ts';
import type { Member } from '../store/members.ts';
import type { Contact, ParticipationView, SurveyView } from '../store/surveys.ts';
import { eligibility, inAudience, type Eligibility } from './audience.ts';
import { fill } from './bilingual.ts';
import { parseDefinition } from './definition-file.ts';
import { formatDateTime, windowState } from './format.ts';
import { Limiter } from './limiter.ts';
import { SurveyDefinitionSchema } from './survey-definition.ts';
import { finalAnswers, type Answers } from './survey-logic.ts';
import { resultsCsv, surveyResults, type SurveyResults } from './survey-results.ts';

/** Why a member cannot answer now, or `ok`. */
export type SurveyCheck = Eligibility | 'not-open' | 'not-yet' | 'ended' | 'submitted';

/** A survey in a member's list, with their progress. */
export interface OpenSurvey {
  survey: SurveyView;
  progress: 'not-started' | 'in-progress' | 'submitted';
  answered: number;
}

const reminderText: Bilingual = {
  'zh-CN': '提醒：问卷“{title}”还没有完成，将于 {closes} 截止。输入“问卷”继续填写，之前的回答都已保存。',
  en: 'Reminder: you have not finished the survey "{title}", which closes on {closes}. Type "surveys" to continue; your answers so far are saved.',
};
const continueLabel: Bilingual = { 'zh-CN': '继续填写', en: 'Continue' };

/**
 * Surveys: definitions, the answering window, drafts that survive restarts, submission (the
 * response anonymous when the survey is), results with a safe department breakdown, CSV
 * exports, and reminders to members who have not finished.
 */
export class SurveyService {
  /** Submissions of this process at once (see Limiter): fewer than the pool's connections. */
  readonly #submissions = new Limiter(6);

  constructor(private readonly deps: { store: Store; logger: Logger; poke?: () => void }) {}

  async create(definition: unknown, actor: string, source?: string): Promise<SurveyView> {
    const def = parseDefinition(SurveyDefinitionSchema, definition, source);
    return this.deps.store.transaction(async (tx) => {
      const survey = await this.deps.store.surveys.create(tx, def, actor);
      await this.deps.store.audit.record({ actor, action: 'survey.create', target: survey.id, details: { anonymous: def.anonymous, questions: def.questions.length } }, tx);
      return survey;
    });
  }

  async update(id: string, definition: unknown, actor: string, source?: string): Promise<SurveyView> {
    const def = parseDefinition(SurveyDefinitionSchema, definition, source);
    const survey = await this.get(id);
    return this.deps.store.transaction(async (tx) => {
      const updated = await this.deps.store.surveys.replace(tx, survey.id, def);
      await this.deps.store.audit.record({ actor, action: 'survey.update', target: survey.id }, tx);
      return updated;
    });
  }

  async get(id: string): Promise<SurveyView> {
    const survey = await this.deps.store.surveys.resolve(id);
    if (!survey) throw new AppError('not_found', `no survey ${id}`);
    return survey;
  }

  list(filter: { status?: SurveyView['status'][] } = {}): Promise<SurveyView[]> {
    return this.deps.store.surveys.list(filter);
  }

  /** Opens a draft (idempotent) and schedules its reminders and closing. */
  async open(id: string, actor: string, now = new Date()): Promise<SurveyView> {
    const survey = await this.get(id);
    if (survey.closesAt && survey.closesAt <= now) throw new AppError('invalid_input', 'its closing time has passed: edit closesAt first');
    await this.deps.store.transaction(async (tx) => {
      if (!(await this.deps.store.surveys.transition(tx, survey.id, ['draft'], 'open'))) return;
      if (survey.closesAt) {
        await this.deps.store.jobs.schedule(tx, { kind: 'survey.close', runAt: survey.closesAt, payload: { surveyId: survey.id }, dedupeKey: `survey:${survey.id}:close` });
        for (const hours of survey.config.remindBeforeCloseHours) {
          const runAt = new Date(survey.closesAt.getTime() - hours * 3_600_000);
          if (runAt > now) await this.deps.store.jobs.schedule(tx, { kind: 'survey.remind', runAt, payload: { surveyId: survey.id, hours }, dedupeKey: `survey:${survey.id}:remind:${hours}` });
        }
      }
      await this.deps.store.audit.record({ actor, action: 'survey.open', target: survey.id }, tx);
    });
    return this.get(survey.id);
  }

  /** Closes a survey (idempotent): no more answers; drafts stay unsubmitted. */
  async close(id: string, actor: string): Promise<SurveyView> {
    const survey = await this.get(id);
    await this.deps.store.transaction(async (tx) => {
      if (!(await this.deps.store.surveys.transition(tx, survey.id, ['draft', 'open'], 'closed'))) return;
      await this.deps.store.jobs.cancel(tx, `survey:${survey.id}:close`);
      for (const hours of survey.config.remindBeforeCloseHours) await this.deps.store.jobs.cancel(tx, `survey:${survey.id}:remind:${hours}`);
      await this.deps.store.audit.record({ actor, action: 'survey.close', target: survey.id }, tx);
    });
    return this.get(survey.id);
  }

  /** Whether this member may answer now. */
  async check(member: Member | undefined, survey: SurveyView, now: Date, db?: SqlTx): Promise<SurveyCheck> {
    return (await this.admit(member, survey, now, db)).check;
  }

  /**
   * Whether this member may answer now, and (when the survey is open to them) their progress:
   * one read for both, since a chat turn needs the draft as soon as it may go on.
   */
  async admit(member: Member | undefined, survey: SurveyView, now: Date, db?: SqlTx): Promise<{ check: SurveyCheck; progress?: ParticipationView }> {
    const who = eligibility(member, survey.audience);
    if (who !== 'ok') return { check: who };
    if (survey.status !== 'open') return { check: survey.status === 'closed' ? 'ended' : 'not-open' };
    const window = windowState(now, survey.opensAt, survey.closesAt);
    if (window !== 'open') return { check: window };
    const progress = await this.deps.store.surveys.participation(survey.id, member!.id, db);
    return { check: progress?.status === 'submitted' ? 'submitted' : 'ok', progress };
  }

  /** Open surveys this member may answer, with their progress. */
  async availableTo(member: Member | undefined, now: Date): Promise<OpenSurvey[]> {
    if (!member) return [];
    const open = (await this.list({ status: ['open'] })).filter((s) => windowState(now, s.opensAt, s.closesAt) === 'open' && eligibility(member, s.audience) === 'ok');
    const progress = await this.deps.store.surveys.progressOf(member.id, open.map((s) => s.id));
    return open.map((survey) => {
      const p = progress.get(survey.id);
      return { survey, progress: p ? p.status : 'not-started', answered: p ? Object.keys(p.draft).length : 0 };
    });
  }

  /** A member's draft (empty when they have not started). */
  async draft(surveyId: string, memberId: string): Promise<ParticipationView | undefined> {
    return this.deps.store.surveys.participation(surveyId, memberId);
  }

  /** Saves a draft inside the caller's transaction (a chat turn), noting where to remind the member. */
  async saveDraft(tx: SqlTx, survey: SurveyView, member: Member, answers: Answers, contact: Contact): Promise<void> {
    await this.deps.store.surveys.saveDraft(tx, survey.id, member.id, answers, contact);
  }

  /**
   * Submits inside the caller's transaction. Answers to questions hidden by skip logic are
   * dropped; a required question without an answer is refused (`invalid_input`, its id in details).
   */
  async submitInTx(tx: SqlTx, input: { survey: SurveyView; member: Member | undefined; answers: Answers; now: Date }): Promise<void> {
    // Inside a transaction every read goes through `tx` (on SQLite anything else would wait for it).
    const survey = (await this.deps.store.surveys.get(input.survey.id, tx)) ?? input.survey;
    const state = await this.check(input.member, survey, input.now, tx);
    if (state === 'submitted') throw new AppError('conflict', 'this survey was already submitted', { reason: 'submitted' });
    if (state !== 'ok') throw new AppError(state === 'not-open' || state === 'not-yet' || state === 'ended' ? 'closed' : 'not_eligible', `cannot submit: ${state}`, { reason: state });
    const { answers, missing } = finalAnswers(survey.config.questions, input.answers);
    if (missing.length > 0) throw new AppError('invalid_input', `required questions without an answer: ${missing.map((q) => q.id).join(', ')}`, { missing: missing.map((q) => q.id) });
    const member = input.member!;
    await this.deps.store.surveys.submit(tx, { survey, memberId: member.id, answers, department: member.department, now: input.now });
    await this.deps.store.audit.record({ actor: member.id, action: 'survey.submit', target: survey.id }, tx);
  }

  /** Saves the answers and submits in one transaction (the web console and other channels). */
  async submit(input: { surveyId: string; member: Member | undefined; answers: Answers; now?: Date }): Promise<void> {
    const survey = await this.get(input.surveyId);
    const now = input.now ?? new Date();
    await this.#submissions.run(() => this.deps.store.sqlTransaction(async (tx) => {
      if (input.member && (await this.check(input.member, survey, now, tx)) === 'ok') await this.deps.store.surveys.saveDraft(tx, survey.id, input.member.id, input.answers, {});
      await this.submitInTx(tx, { survey, member: input.member, answers: input.answers, now });
    }));
  }

  /** Counts, percentages, free text and (where safe) the department breakdown. */
  async results(id: string): Promise<{ survey: SurveyView; results: SurveyResults; started: number; submitted: number }> {
    const survey = await this.get(id);
    const responses = await this.deps.store.surveys.responses(survey.id);
    const counts = await this.deps.store.surveys.counts(survey.id);
    return { survey, results: surveyResults(survey.config, responses, survey.minGroupSize), ...counts };
  }

  /**
   * CSV exports, safe to open in a spreadsheet: the results, and the responses one per row
   * (the member only for attributed surveys; never the department of an anonymous response,
   * which could single someone out in a small department).
   */
  async exportCsv(id: string, locale: Locale): Promise<{ results: string; responses: string }> {
    const { survey, results } = await this.results(id);
    const responses = await this.deps.store.surveys.responses(survey.id);
    const members = survey.anonymous ? new Map<string, Member>() : new Map((await this.deps.store.members.list()).map((m) => [m.id, m]));
    const questions = survey.config.questions;
    const header = [...(survey.anonymous ? [] : ['employee_number', 'name', 'department']), ...questions.map((q) => q.id)];
    const rows = responses.map((r) => {
      const member = r.memberId ? members.get(r.memberId) : undefined;
      const who = survey.anonymous ? [] : [member?.employeeNumber ?? '', member?.name ?? '', member?.department ?? ''];
      return [...who, ...questions.map((q) => {
        const a = r.answers[q.id];
        return a === undefined || a === null ? '' : Array.isArray(a) ? a.join(';') : a;
      })];
    });
    return { results: resultsCsv(results, locale), responses: toCsv(header, rows) };
  }

  /**
   * Reminds every eligible member who has not submitted, in the conversation where they last
   * used a survey, vote or event (or their CLI chat). Once per member per reminder round.
   */
  async remind(id: string, round: string): Promise<{ reminded: number; unreachable: number }> {
    const survey = await this.get(id);
    if (survey.status !== 'open') return { reminded: 0, unreachable: 0 };
    const { store } = this.deps;
    const participants = new Map((await store.surveys.participants(survey.id)).map((p) => [p.memberId, p]));
    const pending = (await store.members.list()).filter((m) => m.status === 'member' && inAudience(m, survey.audience) && participants.get(m.id)?.status !== 'submitted');
    const contacts = await store.democracyContacts.of(pending.map((m) => m.id));
    let reminded = 0;
    let unreachable = 0;
    for (const member of pending) {
      const started = participants.get(member.id);
      const contact = started?.channel && started.conversationKey ? { channel: started.channel, conversationKey: started.conversationKey, locale: contacts.get(member.id)?.locale ?? 'zh-CN' } : contacts.get(member.id);
      if (!contact) {
        unreachable++;
        continue;
      }
      const locale = contact.locale;
      const replies: ReplyInput[] = [
        {
          type: 'choices',
          id: 'survey.reminder',
          prompt: fill(reminderText, locale, { title: survey.title[locale], closes: survey.closesAt ? formatDateTime(survey.closesAt, locale) : '—' }),
          choices: [{ label: continueLabel[locale], value: action('survey.start', { s: survey.id }), style: 'primary' }],
        },
      ];
      if (await store.outbox.enqueue(store.db.prisma, { channel: contact.channel, conversationKey: contact.conversationKey, replies, dedupeKey: `survey:${survey.id}:remind:${round}:${member.id}` })) reminded++;
    }
    if (reminded > 0) this.deps.poke?.();
    await store.audit.record({ actor: 'scheduler', action: 'survey.remind', target: survey.id, details: { round, reminded, unreachable } });
    return { reminded, unreachable };
  }

  /** Scheduler handlers: reminders before closing, and closing. */
  jobs(): Record<string, JobHandler> {
    const surveyId = (payload: unknown) => {
      const id = (payload as { surveyId?: unknown } | undefined)?.surveyId;
      if (typeof id !== 'string') throw new Error('survey job: payload has no surveyId');
      return id;
    };
    const ignoreGone = async (work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        if (!isAppError(error, 'not_found')) throw error;
      }
    };
    return {
      'survey.remind': (payload) => ignoreGone(() => this.remind(surveyId(payload), `${(payload as { hours?: number }).hours ?? 'now'}h`)),
      'survey.close': (payload) => ignoreGone(() => this.close(surveyId(payload), 'scheduler')),
    };
  }
}
