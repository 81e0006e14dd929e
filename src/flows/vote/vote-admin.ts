import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { action, type ActionPayload, type TurnContext } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { fill } from '../../democracy/bilingual.ts';
import { isAdmin, notice, shared, statusLabel, type DemocracyTurn } from '../../democracy/chat.ts';
import type { Tally } from '../../democracy/tally.ts';
import type { VoteService } from '../../democracy/vote-service.ts';
import type { ElectionView } from '../../store/votes.ts';
import { outcomeText, voteText } from './vote-texts.ts';

/** "vote admin" / "投票管理". */
export const voteAdminIntent = /^(votes? admin|manage votes|投票管理)$/i;

export function voteAdminButton(ctx: TurnContext): ReplyInput[] {
  return isAdmin(ctx) ? [{ type: 'choices', id: 'vote.admin', prompt: voteText.adminTitle[ctx.locale], choices: [{ label: shared.manage[ctx.locale], value: action('vote.admin') }] }] : [];
}

export async function voteAdminList(ctx: TurnContext, votes: VoteService): Promise<DemocracyTurn> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  const list = (await votes.list()).slice(0, 20);
  if (list.length === 0) return { replies: [{ type: 'text', text: shared.nothingToManage[locale] }] };
  const cards: ReplyInput[] = [];
  for (const election of list) {
    const turnout = await votes.turnout(election.id);
    cards.push({
      type: 'card',
      title: election.title[locale],
      subtitle: election.id,
      fields: [
        { label: shared.status[locale], value: statusLabel(election.status, locale) },
        { label: voteText.turnout[locale], value: `${turnout.participants} / ${turnout.eligible}` },
      ],
      actions: [
        ...(election.status === 'draft' ? [{ label: shared.open[locale], value: action('vote.admin-open', { e: election.id }), style: 'primary' as const }] : []),
        ...(election.status === 'open' ? [{ label: shared.close[locale], value: action('vote.admin-close', { e: election.id }), style: 'danger' as const }] : []),
        ...(election.status === 'closed' ? [{ label: shared.results[locale], value: action('vote.admin-results', { e: election.id }) }] : []),
      ],
    });
  }
  return { replies: [{ type: 'text', text: voteText.adminTitle[locale] }, ...cards] };
}

/** A tally in a few lines. */
export function tallyText(election: ElectionView, tally: Tally, locale: Locale): string {
  const names = (ids: string[]) => ids.map((id) => tally.options.find((o) => o.id === id)?.label[locale] ?? id).join('、');
  const outcome = fill(outcomeText[tally.outcome], locale, { winners: names(tally.winners), tied: names(tally.tied) });
  return [
    fill(voteText.resultsTitle, locale, { title: election.title[locale] }),
    `${voteText.turnout[locale]}: ${tally.ballots} / ${tally.eligible} (${tally.turnoutPercent}%)`,
    ...tally.options.map((o) => `· ${o.label[locale]}: ${o.votes} (${o.percent}%)`),
    fill(voteText.outcome, locale, { outcome }),
  ].join('\n');
}

const Target = z.object({ e: z.string().min(1).max(100) });

/** Open, close and results, for admins (checked again here: a button value can be forged). */
export async function handleVoteAdmin(ctx: TurnContext, votes: VoteService, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  if (payload.a === 'vote.admin') return voteAdminList(ctx, votes);
  const target = Target.safeParse(payload);
  if (!target.success) return undefined;
  const actor = ctx.member!.id;
  try {
    switch (payload.a) {
      case 'vote.admin-open': {
        const election = await votes.open(target.data.e, actor, ctx.now);
        return { replies: [notice('success', fill(shared.opened, locale, { title: election.title[locale] }))] };
      }
      case 'vote.admin-close': {
        const tally = await votes.close(target.data.e, actor);
        const election = await votes.get(target.data.e);
        return { replies: [notice('success', fill(shared.closed, locale, { title: election.title[locale] })), { type: 'text', text: tallyText(election, tally, locale) }] };
      }
      case 'vote.admin-results': {
        const { election, tally } = await votes.results(target.data.e);
        return { replies: [{ type: 'text', text: tallyText(election, tally, locale) }] };
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (isAppError(error, 'forbidden')) return { replies: [notice('info', voteText.hidden[locale])] };
    if (isAppError(error)) return { replies: [notice('warning', error.message)] };
    throw error;
  }
}
