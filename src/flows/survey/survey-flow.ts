import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { action, parseAction, type ActionPayload, type Flow, type TurnContext } from '../../core/flow.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { eligibility } from '../../democracy/audience.ts';
import { fill } from '../../democracy/bilingual.ts';
import { isCommandWord, isPauseWord, notice, refuse, rememberContact, type DemocracyTurn } from '../../democracy/chat.ts';
import { formatDateTime } from '../../democracy/format.ts';
import type { StoredSurveyConfig } from '../../democracy/survey-definition.ts';
import { checkAnswer, finalAnswers, nextQuestion, type AnswerValue, type Answers } from '../../democracy/survey-logic.ts';
import type { SurveyService } from '../../democracy/survey-service.ts';
import type { Store } from '../../store/index.ts';
import type { SurveyView } from '../../store/surveys.ts';
import { handleSurveyAdmin, surveyAdminButton, surveyAdminIntent, surveyAdminList } from './survey-admin.ts';
import { changeReplies, questionReplies, reviewReplies } from './survey-replies.ts';
import { surveyText } from './survey-texts.ts';

type Question = StoredSurveyConfig['questions'][number];

/** What the session remembers while a survey is being answered: which survey, which question, a multi-choice selection. */
const StateSchema = z.object({ s: z.string(), q: z.string().optional(), sel: z.array(z.string()).default([]) });
type State = z.infer<typeof StateSchema>;

const Id = z.string().min(1).max(100);
const Payload = {
  start: z.object({ s: Id }),
  answer: z.object({ s: Id, q: Id, v: z.string().max(100) }),
  question: z.object({ s: Id, q: Id }),
  survey: z.object({ s: Id }),
};

const INTENT = /^(surveys?|问卷|问卷调查|调查|填问卷)$/i;
const tooMany = { 'zh-CN': '最多只能选择 {n} 项。', en: 'Please choose at most {n}.' };

/** The survey flow: list, answer one question at a time, pause and resume, review, submit. */
export function createSurveyFlow(deps: { store: Store; surveys: SurveyService }): Flow {
  const { store, surveys } = deps;

  const stateOf = (ctx: TurnContext): State | undefined => {
    if (ctx.session.state.flow?.name !== 'survey') return undefined;
    const parsed = StateSchema.safeParse(ctx.session.state.flow.state);
    return parsed.success ? parsed.data : undefined;
  };
  const withState = (ctx: TurnContext, state: State | undefined) => ({ ...ctx.session.state, flow: state ? { name: 'survey', state } : undefined });

  /** The survey and the member's draft, or the refusal to give. */
  async function load(ctx: TurnContext, surveyId: string): Promise<Loaded | DemocracyTurn> {
    const survey = await store.surveys.get(surveyId);
    if (!survey) return refuse('ended', ctx.locale);
    const { check, progress } = await surveys.admit(ctx.member, survey, ctx.now);
    if (check === 'submitted') return { replies: [notice('info', surveyText.alreadySubmitted[ctx.locale])], state: withState(ctx, undefined) };
    if (check !== 'ok') return { ...refuse(check, ctx.locale), state: withState(ctx, undefined) };
    return { survey, answers: progress?.draft ?? {}, started: progress !== undefined };
  }
  /** An open survey this member may answer, their answers so far, and whether they had started it. */
  type Loaded = { survey: SurveyView; answers: Answers; started: boolean };
  const isTurn = (x: Loaded | DemocracyTurn): x is DemocracyTurn => 'replies' in x;

  /** Asks the next unanswered question, or shows the review when all are answered. */
  function proceed(ctx: TurnContext, survey: SurveyView, answers: Answers, save: boolean, lead: ReplyInput[] = []): DemocracyTurn {
    const next = nextQuestion(survey.config.questions, answers);
    return {
      replies: [...lead, ...(next ? questionReplies(survey, next, answers, ctx.locale) : reviewReplies(survey, answers, ctx.locale))],
      state: withState(ctx, { s: survey.id, q: next?.id, sel: [] }),
      // The draft and the contact land with the new session state, or neither does.
      commit: async (tx) => {
        if (save) await surveys.saveDraft(tx, survey, ctx.member!, answers, { channel: ctx.event.channel, conversationKey: ctx.event.conversationKey });
        await rememberContact(store, ctx, tx);
      },
      transcript: survey.anonymous ? 'omit' : undefined,
    };
  }

  async function answer(ctx: TurnContext, surveyId: string, questionId: string, value: AnswerValue): Promise<DemocracyTurn> {
    const loaded = await load(ctx, surveyId);
    if (isTurn(loaded)) return loaded;
    const { survey, answers } = loaded;
    const question = survey.config.questions.find((q) => q.id === questionId);
    if (!question) return refuse('ended', ctx.locale);
    const checked = checkAnswer(question, value);
    if (!checked.ok) {
      return { replies: [notice('warning', fill(checked.problem, ctx.locale, checked.values)), ...questionReplies(survey, question, answers, ctx.locale)], state: withState(ctx, { s: survey.id, q: question.id, sel: [] }), transcript: survey.anonymous ? 'omit' : undefined };
    }
    return proceed(ctx, survey, { ...answers, [question.id]: checked.value }, true);
  }

  async function list(ctx: TurnContext): Promise<DemocracyTurn> {
    const who = eligibility(ctx.member, { all: true });
    if (who !== 'ok') return refuse(who, ctx.locale);
    const open = await surveys.availableTo(ctx.member, ctx.now);
    const admin = surveyAdminButton(ctx);
    if (open.length === 0) return { replies: [{ type: 'text', text: surveyText.none[ctx.locale] }, ...admin] };
    const cards: ReplyInput[] = open.map(({ survey, progress, answered }) => ({
      type: 'card',
      title: survey.title[ctx.locale],
      body: `${survey.description[ctx.locale]}\n${(survey.anonymous ? surveyText.anonymousNote : surveyText.attributedNote)[ctx.locale]}`.trim(),
      fields: [
        ...(survey.closesAt ? [{ label: ctx.locale === 'en' ? 'Closes' : '截止时间', value: formatDateTime(survey.closesAt, ctx.locale) }] : []),
        ...(progress === 'in-progress' ? [{ label: ctx.locale === 'en' ? 'Progress' : '进度', value: fill(surveyText.progress, ctx.locale, { n: answered }) }] : []),
      ],
      actions: progress === 'submitted' ? [] : [{ label: (progress === 'in-progress' ? surveyText.resume : surveyText.start)[ctx.locale], value: action('survey.start', { s: survey.id }), style: 'primary' }],
      ...(progress === 'submitted' ? { subtitle: surveyText.submitted[ctx.locale] } : {}),
    }));
    return { replies: [{ type: 'text', text: surveyText.listTitle[ctx.locale] }, ...cards, ...admin] };
  }

  async function submit(ctx: TurnContext, surveyId: string): Promise<DemocracyTurn> {
    const loaded = await load(ctx, surveyId);
    if (isTurn(loaded)) return loaded;
    const { survey, answers } = loaded;
    const { missing } = finalAnswers(survey.config.questions, answers);
    if (missing.length > 0) {
      const first = missing[0]!;
      return {
        replies: [notice('warning', fill(surveyText.missing, ctx.locale, { list: missing.map((q) => q.text[ctx.locale]).join('；') })), ...questionReplies(survey, first, answers, ctx.locale)],
        state: withState(ctx, { s: survey.id, q: first.id, sel: [] }),
      };
    }
    return {
      replies: [notice('success', surveyText.thanks[ctx.locale])],
      state: withState(ctx, undefined),
      commit: async (tx) => {
        try {
          await surveys.submitInTx(tx, { survey, member: ctx.member, answers, now: ctx.now });
        } catch (error) {
          // Submitted by a turn that committed first (a double click, another device): run this
          // turn again, which then says it is already submitted.
          if (isAppError(error, 'conflict')) throw new AppError('concurrent_update', 'survey submitted concurrently');
          throw error;
        }
        await rememberContact(store, ctx, tx);
      },
      transcript: survey.anonymous ? 'omit' : undefined,
    };
  }

  async function ask(ctx: TurnContext, surveyId: string, questionId: string, selection?: string[]): Promise<DemocracyTurn> {
    const loaded = await load(ctx, surveyId);
    if (isTurn(loaded)) return loaded;
    const { survey, answers } = loaded;
    const question = survey.config.questions.find((q) => q.id === questionId);
    if (!question) return refuse('ended', ctx.locale);
    const current = answers[question.id];
    const sel = selection ?? (Array.isArray(current) ? current : []);
    return { replies: questionReplies(survey, question, answers, ctx.locale, sel), state: withState(ctx, { s: survey.id, q: question.id, sel }), transcript: survey.anonymous ? 'omit' : undefined };
  }

  /** Typed answers: free text, an option's number or label, or several numbers ("1,3"). */
  function fromText(question: Question, text: string): AnswerValue | undefined {
    if (question.type === 'text') return text;
    const byIndex = (token: string, values: string[]) => {
      const n = Number(token);
      return Number.isInteger(n) && n >= 1 && n <= values.length ? values[n - 1] : undefined;
    };
    if (question.type === 'rating') return /^\d{1,2}$/.test(text) ? text : undefined;
    const values = question.options.map((o) => o.value);
    const byLabel = question.options.find((o) => o.label['zh-CN'] === text || o.label.en.toLowerCase() === text.toLowerCase())?.value;
    if (question.type === 'single') return byLabel ?? byIndex(text, values);
    const tokens = text.split(/[\s,，、;；]+/).filter(Boolean);
    const picked = tokens.map((t) => byIndex(t, values));
    return tokens.length > 0 && picked.every((p) => p !== undefined) ? (picked as string[]) : byLabel ? [byLabel] : undefined;
  }

  return {
    name: 'survey',
    async onIntent(ctx, text) {
      if (surveyAdminIntent.test(text.trim())) return surveyAdminList(ctx, surveys);
      return INTENT.test(text.trim()) ? list(ctx) : undefined;
    },
    async continue(ctx, text) {
      const state = stateOf(ctx);
      if (!state) return undefined;
      if (isPauseWord(text)) return { replies: [notice('info', surveyText.paused[ctx.locale])], state: withState(ctx, undefined) };
      if (isCommandWord(text) || !state.q) return undefined;
      const survey = await store.surveys.get(state.s);
      const question = survey?.config.questions.find((q) => q.id === state.q);
      if (!survey || !question) return undefined;
      const value = fromText(question, text.trim());
      return value === undefined ? undefined : answer(ctx, survey.id, question.id, value);
    },
    async onAction(ctx, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
      const verb = payload.a.slice('survey.'.length);
      if (verb.startsWith('admin')) return handleSurveyAdmin(ctx, surveys, payload);
      if (verb === 'list') return list(ctx);
      if (verb === 'start') {
        const p = Payload.start.safeParse(payload);
        if (!p.success) return undefined;
        const loaded = await load(ctx, p.data.s);
        if (isTurn(loaded)) return loaded;
        return proceed(ctx, loaded.survey, loaded.answers, !loaded.started, [{ type: 'text', text: `${loaded.survey.title[ctx.locale]}\n${(loaded.survey.anonymous ? surveyText.anonymousNote : surveyText.attributedNote)[ctx.locale]}` }]);
      }
      if (verb === 'answer') {
        const p = Payload.answer.safeParse(payload);
        return p.success ? answer(ctx, p.data.s, p.data.q, p.data.v) : undefined;
      }
      if (verb === 'toggle') {
        const p = Payload.answer.safeParse(payload);
        if (!p.success) return undefined;
        const state = stateOf(ctx);
        const current = state?.s === p.data.s && state.q === p.data.q ? state.sel : [];
        const sel = current.includes(p.data.v) ? current.filter((v) => v !== p.data.v) : [...current, p.data.v];
        const question = (await store.surveys.get(p.data.s))?.config.questions.find((q) => q.id === p.data.q);
        if (question?.type === 'multiple' && sel.length > question.max) {
          const turn = await ask(ctx, p.data.s, p.data.q, current);
          return { ...turn, replies: [notice('warning', fill(tooMany, ctx.locale, { n: question.max })), ...turn.replies] };
        }
        return ask(ctx, p.data.s, p.data.q, sel);
      }
      if (verb === 'done' || verb === 'skip') {
        const p = Payload.question.safeParse(payload);
        if (!p.success) return undefined;
        const state = stateOf(ctx);
        const sel = state?.s === p.data.s && state.q === p.data.q ? state.sel : [];
        return answer(ctx, p.data.s, p.data.q, verb === 'skip' ? null : sel);
      }
      if (verb === 'change') {
        const p = Payload.question.safeParse(payload);
        return p.success ? ask(ctx, p.data.s, p.data.q) : undefined;
      }
      const p = Payload.survey.safeParse(payload);
      if (!p.success) return undefined;
      if (verb === 'pause') return { replies: [notice('info', surveyText.paused[ctx.locale])], state: withState(ctx, undefined) };
      if (verb === 'submit') return submit(ctx, p.data.s);
      if (verb === 'changes') {
        const loaded = await load(ctx, p.data.s);
        if (isTurn(loaded)) return loaded;
        return { replies: changeReplies(loaded.survey, loaded.answers, ctx.locale), transcript: loaded.survey.anonymous ? 'omit' : undefined };
      }
      return undefined;
    },
    /** A native multi-select (Slack checkboxes, a web form) submits every chosen option at once. */
    async onForm(ctx, formId, values) {
      if (formId !== 'survey.question') return undefined;
      const selected = Array.isArray(values.selected) ? values.selected : typeof values.selected === 'string' ? [values.selected] : [];
      const picks = selected.flatMap((value) => {
        const parsed = Payload.answer.safeParse(parseAction(value));
        return parsed.success ? [parsed.data] : [];
      });
      const first = picks[0];
      if (!first || picks.some((p) => p.s !== first.s || p.q !== first.q)) return undefined;
      return answer(ctx, first.s, first.q, picks.map((p) => p.v));
    },
  };
}
