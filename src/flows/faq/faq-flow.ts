import { z } from 'zod';
import { action, type Flow, type TurnContext, type TurnResult } from '../../core/flow.ts';
import type { Bilingual, Locale } from '../../core/locale.ts';
import type { Citation, ReplyInput } from '../../core/reply.ts';
import type { Store } from '../../store/index.ts';
import { newTimeOrderedId } from '../../store/ids.ts';

/** What the knowledge module answers (src/knowledge implements it). */
export interface FaqAnswer {
  text: string;
  citations: Citation[];
  confidence: number;
  handoffSuggested: boolean;
  language: Locale;
  kind: 'legal' | 'psych' | 'union' | 'none';
  source: 'extractive' | 'model';
}

/** Answers a member's question from the knowledge base. */
export interface FaqAnswerer {
  answer(question: string, locale: Locale): Promise<FaqAnswer>;
}

const text = {
  unavailable: {
    'zh-CN': '问答功能暂时不可用。您可以输入“转人工”联系工会工作人员。',
    en: 'Question answering is not available right now. Type "talk to a person" to reach union staff.',
  },
  helpful: { 'zh-CN': '👍 有帮助', en: '👍 Helpful' },
  notHelpful: { 'zh-CN': '👎 没帮助', en: '👎 Not helpful' },
  person: { 'zh-CN': '找工会工作人员', en: 'Talk to union staff' },
  counsellor: { 'zh-CN': '找心理咨询师', en: 'Talk to a counsellor' },
  thanks: { 'zh-CN': '谢谢您的反馈！', en: 'Thank you for your feedback!' },
  sorry: {
    'zh-CN': '抱歉没能帮上忙。您的反馈已记录，编辑会据此改进内容。需要的话，可以请工会工作人员直接为您解答。',
    en: 'Sorry that did not help. Your feedback has been recorded so our editors can improve the answers. If you like, a union staff member can answer you directly.',
  },
  notYours: { 'zh-CN': '这条回答无法评价。', en: 'That answer cannot be rated.' },
} satisfies Record<string, Bilingual>;

const RateSchema = z.object({ a: z.literal('faq.rate'), id: z.string().uuid(), v: z.enum(['helpful', 'not-helpful']) });

function handoffAction(kind: FaqAnswer['kind']): string {
  return action('handoff.offer', { category: kind === 'psych' ? 'psychological' : kind === 'legal' ? 'legal' : 'general' });
}

/**
 * Question answering: anything no other flow claimed. Records each answer for the editors and
 * offers rating buttons; a low-confidence answer offers a person instead of guessing.
 */
export function createFaqFlow(deps: { store: Store; answerer?: FaqAnswerer }): Flow {
  return {
    name: 'faq',
    async onIntent(ctx: TurnContext, question: string): Promise<TurnResult> {
      const { locale } = ctx;
      if (!deps.answerer) return { replies: [{ type: 'text', text: text.unavailable[locale] }] };
      const answer = await deps.answerer.answer(question, locale);
      const id = newTimeOrderedId();
      const actions: ReplyInput[] = [];
      const reply: ReplyInput = {
        type: 'answer',
        text: answer.text,
        citations: answer.citations,
        confidence: answer.confidence,
        feedbackId: id,
        actions: [
          { label: text.helpful[locale], value: action('faq.rate', { id, v: 'helpful' }) },
          { label: text.notHelpful[locale], value: action('faq.rate', { id, v: 'not-helpful' }) },
          ...(answer.handoffSuggested || answer.kind === 'psych'
            ? [{ label: (answer.kind === 'psych' ? text.counsellor : text.person)[locale], value: handoffAction(answer.kind), style: 'primary' as const }]
            : []),
        ],
      };
      actions.push(reply);
      return {
        replies: actions,
        sensitive: answer.kind === 'psych',
        state: { ...ctx.session.state, lastAnswer: { feedbackId: id, question: answer.kind === 'psych' ? '' : question.slice(0, 500), kind: answer.kind } },
        commit: async (tx) => {
          await deps.store.answers.record(tx, {
            id,
            kind: answer.kind,
            question,
            locale: answer.language,
            confidence: answer.confidence,
            lowConfidence: answer.handoffSuggested,
            citations: answer.citations.map((c) => `${c.title} ${c.section}`.trim()),
            channel: ctx.event.channel,
            memberId: ctx.member?.id,
          });
        },
      };
    },
    async onAction(ctx, payload) {
      const parsed = RateSchema.safeParse(payload);
      if (!parsed.success) return undefined;
      const { locale } = ctx;
      const rated = await deps.store.answers.rate(parsed.data.id, parsed.data.v, ctx.member?.id);
      if (!rated) return { replies: [{ type: 'notice', level: 'warning', text: text.notYours[locale] }] };
      if (parsed.data.v === 'helpful') return { replies: [{ type: 'notice', level: 'success', text: text.thanks[locale] }] };
      const kind = ctx.session.state.lastAnswer?.feedbackId === parsed.data.id ? (ctx.session.state.lastAnswer.kind as FaqAnswer['kind']) : 'legal';
      return {
        replies: [
          {
            type: 'choices',
            id: 'faq.sorry',
            prompt: text.sorry[locale],
            choices: [{ label: (kind === 'psych' ? text.counsellor : text.person)[locale], value: handoffAction(kind), style: 'primary' }],
          },
        ],
      };
    },
  };
}
