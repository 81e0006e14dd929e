import { z } from 'zod';
import { action, type ActionPayload, type TurnContext } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { fill } from '../../democracy/bilingual.ts';
import { isAdmin, notice, shared, statusLabel, type DemocracyTurn } from '../../democracy/chat.ts';
import { isAppError } from '../../core/errors.ts';
import type { SurveyResults } from '../../democracy/survey-results.ts';
import type { SurveyService } from '../../democracy/survey-service.ts';
import { surveyText } from './survey-texts.ts';

/** "survey admin" / "问卷管理". */
export const surveyAdminIntent = /^(surveys? admin|manage surveys|问卷管理)$/i;

/** The "Manage" button admins see under the survey list. */
export function surveyAdminButton(ctx: TurnContext): ReplyInput[] {
  return isAdmin(ctx) ? [{ type: 'choices', id: 'survey.admin', prompt: surveyText.adminTitle[ctx.locale], choices: [{ label: shared.manage[ctx.locale], value: action('survey.admin') }] }] : [];
}

/** Every survey with the operations its status allows. */
export async function surveyAdminList(ctx: TurnContext, surveys: SurveyService): Promise<DemocracyTurn> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  const list = (await surveys.list()).slice(0, 20);
  if (list.length === 0) return { replies: [{ type: 'text', text: shared.nothingToManage[locale] }] };
  const cards: ReplyInput[] = [];
  for (const survey of list) {
    const { results } = await surveys.results(survey.id);
    cards.push({
      type: 'card',
      title: survey.title[locale],
      subtitle: survey.id,
      fields: [
        { label: shared.status[locale], value: statusLabel(survey.status, locale) },
        { label: surveyText.respondents[locale], value: String(results.respondents) },
      ],
      actions: [
        ...(survey.status === 'draft' ? [{ label: shared.open[locale], value: action('survey.admin-open', { s: survey.id }), style: 'primary' as const }] : []),
        ...(survey.status === 'open' ? [{ label: shared.close[locale], value: action('survey.admin-close', { s: survey.id }), style: 'danger' as const }] : []),
        { label: shared.results[locale], value: action('survey.admin-results', { s: survey.id }) },
      ],
    });
  }
  return { replies: [{ type: 'text', text: surveyText.adminTitle[locale] }, ...cards] };
}

/** Results in a few lines per question (the CSV export has everything). */
export function resultsText(title: string, results: SurveyResults, minGroupSize: number, locale: Locale): string {
  const lines = [fill(surveyText.resultsTitle, locale, { title }), `${surveyText.respondents[locale]}: ${results.respondents}`];
  for (const q of results.questions) {
    if (q.type === 'text') lines.push(`· ${q.text[locale]} — ${fill(surveyText.textAnswers, locale, { n: q.texts.length })}`);
    else {
      const options = q.options.map((o) => `${o.label[locale]} ${o.count} (${o.percent}%)`).join('；');
      lines.push(`· ${q.text[locale]} — ${options}${q.average !== undefined ? `；${fill(surveyText.average, locale, { n: q.average })}` : ''}`);
    }
  }
  lines.push(fill(results.breakdown.shown ? surveyText.breakdownShown : surveyText.breakdownHidden, locale, { k: minGroupSize }));
  return lines.join('\n');
}

const Target = z.object({ s: z.string().min(1).max(100) });

/** Open, close and results, for admins (checked again here: a button value can be forged). */
export async function handleSurveyAdmin(ctx: TurnContext, surveys: SurveyService, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  if (payload.a === 'survey.admin') return surveyAdminList(ctx, surveys);
  const target = Target.safeParse(payload);
  if (!target.success) return undefined;
  const actor = ctx.member!.id;
  try {
    switch (payload.a) {
      case 'survey.admin-open': {
        const survey = await surveys.open(target.data.s, actor, ctx.now);
        return { replies: [notice('success', fill(shared.opened, locale, { title: survey.title[locale] }))] };
      }
      case 'survey.admin-close': {
        const survey = await surveys.close(target.data.s, actor);
        return { replies: [notice('success', fill(shared.closed, locale, { title: survey.title[locale] }))] };
      }
      case 'survey.admin-results': {
        const { survey, results } = await surveys.results(target.data.s);
        return { replies: [{ type: 'text', text: resultsText(survey.title[locale], results, survey.minGroupSize, locale) }] };
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (isAppError(error)) return { replies: [notice('warning', error.message)] };
    throw error;
  }
}
