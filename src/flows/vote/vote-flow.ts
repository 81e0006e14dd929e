import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { action, parseAction, type ActionPayload, type Flow, type TurnContext } from '../../core/flow.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { eligibility } from '../../democracy/audience.ts';
import { fill } from '../../democracy/bilingual.ts';
import { notice, refuse, rememberContact, type DemocracyTurn } from '../../democracy/chat.ts';
import { formatDateTime } from '../../democracy/format.ts';
import { looksLikeReceipt, normaliseReceipt } from '../../democracy/receipt.ts';
import type { VoteService } from '../../democracy/vote-service.ts';
import type { Store } from '../../store/index.ts';
import type { ElectionView } from '../../store/votes.ts';
import { handleVoteAdmin, voteAdminButton, voteAdminIntent, voteAdminList } from './vote-admin.ts';
import { ballotReplies, confirmReplies, parseSelection, receiptReplies } from './vote-replies.ts';
import { voteText } from './vote-texts.ts';

const Id = z.string().min(1).max(100);
const Receipt = z.string().max(40).refine(looksLikeReceipt).optional();
const Payload = {
  start: z.object({ e: Id, r: Receipt }),
  pick: z.object({ e: Id, s: z.string().max(400), r: Receipt }),
  toggle: z.object({ e: Id, s: z.string().max(400), t: z.number().int().min(0).max(199), r: Receipt }),
  verify: z.object({ c: z.string().max(40) }),
};

const INTENT = /^(votes?|voting|elections?|ballots?|投票|选举|表决|评选|评优|评先评优)$/i;
const RECEIPT_INTENT = /^(?:receipt|verify|回执|核验|验证)\s*[:：]?\s*([A-Za-z0-9 -]{16,40})$/i;

/** The vote flow: list, ballot, confirm, cast with a receipt, verify, change (where allowed). */
export function createVoteFlow(deps: { store: Store; votes: VoteService }): Flow {
  const { store, votes } = deps;

  /** The vote if this member may vote (or change their vote) in it now; otherwise the refusal. */
  async function votable(ctx: TurnContext, electionId: string, receipt?: string): Promise<ElectionView | DemocracyTurn> {
    const election = await store.votes.get(electionId);
    if (!election) return refuse('ended', ctx.locale);
    const check = await votes.check(ctx.member, election, ctx.now);
    if (check === 'ok') return election;
    if (check === 'voted-final') return { replies: [notice('info', voteText.alreadyVoted[ctx.locale])] };
    if (check === 'voted') {
      if (!election.secret) return election;
      if (!receipt) return { replies: [notice('info', voteText.changeNeedsReceipt[ctx.locale])] };
      if (!(await store.ballots.ownsReceipt(election.id, ctx.member!.id, receipt))) return { replies: [notice('warning', voteText.wrongReceipt[ctx.locale])], transcript: 'omit' };
      return election;
    }
    return refuse(check, ctx.locale);
  }
  const isTurn = (x: ElectionView | DemocracyTurn): x is DemocracyTurn => 'replies' in x;

  async function list(ctx: TurnContext): Promise<DemocracyTurn> {
    const who = eligibility(ctx.member, { all: true });
    if (who !== 'ok') return refuse(who, ctx.locale);
    const open = await votes.availableTo(ctx.member, ctx.now);
    const admin = voteAdminButton(ctx);
    if (open.length === 0) return { replies: [{ type: 'text', text: voteText.none[ctx.locale] }, ...admin] };
    const cards: ReplyInput[] = open.map(({ election, voted }) => ({
      type: 'card',
      title: election.title[ctx.locale],
      subtitle: voted ? voteText.voted[ctx.locale] : undefined,
      body: [election.description[ctx.locale], (election.secret ? voteText.secretNote : voteText.openNote)[ctx.locale]].filter(Boolean).join('\n'),
      fields: election.closesAt ? [{ label: ctx.locale === 'en' ? 'Closes' : '截止时间', value: formatDateTime(election.closesAt, ctx.locale) }] : [],
      actions: voted && !(election.allowChange && !election.secret) ? [] : [{ label: voteText.vote[ctx.locale], value: action('vote.start', { e: election.id }), style: 'primary' }],
    }));
    return { replies: [{ type: 'text', text: voteText.listTitle[ctx.locale] }, ...cards, ...admin] };
  }

  async function verify(ctx: TurnContext, code: string): Promise<DemocracyTurn> {
    const normalised = normaliseReceipt(code);
    const result = looksLikeReceipt(normalised) ? await votes.verifyReceipt(normalised) : undefined;
    // The code itself is never echoed: the reply would be kept in the member's transcript.
    const replies = result
      ? [notice('success', fill(voteText.verified, ctx.locale, { tail: normalised.slice(-4), title: result.election.title[ctx.locale], n: result.ballots }))]
      : [notice('warning', voteText.notCounted[ctx.locale])];
    return { replies, transcript: 'omit' };
  }

  function cast(ctx: TurnContext, election: ElectionView, choices: string[], receipt?: string): DemocracyTurn {
    return {
      replies: [],
      transcript: election.secret ? 'omit' : undefined,
      commit: async (tx) => {
        let code: string;
        try {
          code = await votes.castInTx(tx, { member: ctx.member, electionId: election.id, choices, receipt, now: ctx.now });
        } catch (error) {
          // Another turn of this voter committed first, or the vote closed meanwhile: run the
          // turn again on fresh state, which then explains what happened.
          if (isAppError(error, 'conflict') || isAppError(error, 'closed')) throw new AppError('concurrent_update', 'ballot raced with another change');
          throw error;
        }
        await rememberContact(store, ctx, tx);
        return receiptReplies(election, code, ctx.locale);
      },
    };
  }

  return {
    name: 'vote',
    async onIntent(ctx, text): Promise<DemocracyTurn | undefined> {
      const trimmed = text.trim();
      if (voteAdminIntent.test(trimmed)) return voteAdminList(ctx, votes);
      if (INTENT.test(trimmed)) return list(ctx);
      const receipt = RECEIPT_INTENT.exec(trimmed)?.[1] ?? (looksLikeReceipt(trimmed) && /[-\s]/.test(trimmed) ? trimmed : undefined);
      return receipt ? verify(ctx, receipt) : undefined;
    },
    async onAction(ctx, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
      const verb = payload.a.slice('vote.'.length);
      if (verb.startsWith('admin')) return handleVoteAdmin(ctx, votes, payload);
      if (verb === 'list') return list(ctx);
      if (verb === 'verify') {
        const p = Payload.verify.safeParse(payload);
        return p.success ? verify(ctx, p.data.c) : undefined;
      }
      if (verb === 'start') {
        const p = Payload.start.safeParse(payload);
        if (!p.success) return undefined;
        const election = await votable(ctx, p.data.e, p.data.r);
        if (isTurn(election)) return election;
        return { replies: ballotReplies(election, ctx.locale, [], p.data.r), transcript: election.secret ? 'omit' : undefined };
      }
      if (verb === 'toggle') {
        const p = Payload.toggle.safeParse(payload);
        if (!p.success) return undefined;
        const election = await votable(ctx, p.data.e, p.data.r);
        if (isTurn(election)) return election;
        const current = parseSelection(election, p.data.s);
        const target = election.candidates[p.data.t];
        if (!current || !target) return undefined;
        const next = current.includes(target.id) ? current.filter((c) => c !== target.id) : [...current, target.id];
        const warning = next.length > election.seats ? [notice('warning', fill(voteText.tooMany, ctx.locale, { n: election.seats }))] : [];
        return { replies: [...warning, ...ballotReplies(election, ctx.locale, warning.length ? current : next, p.data.r)], transcript: election.secret ? 'omit' : undefined };
      }
      const p = Payload.pick.safeParse(payload);
      if (!p.success || !['pick', 'back', 'cast'].includes(verb)) return undefined;
      const election = await votable(ctx, p.data.e, p.data.r);
      if (isTurn(election)) return election;
      const choices = parseSelection(election, p.data.s);
      if (!choices) return undefined;
      const omit = election.secret ? ('omit' as const) : undefined;
      if (verb === 'back') return { replies: ballotReplies(election, ctx.locale, election.kind === 'choose-up-to' ? choices : [], p.data.r), transcript: omit };
      try {
        votes.validateChoices(election, choices);
      } catch {
        return { replies: [notice('warning', voteText.chooseAtLeastOne[ctx.locale]), ...ballotReplies(election, ctx.locale, choices, p.data.r)], transcript: omit };
      }
      if (verb === 'pick') return { replies: confirmReplies(election, choices, ctx.locale, p.data.r), transcript: omit };
      return cast(ctx, election, choices, p.data.r);
    },
    /** A native multi-select submits every chosen candidate at once: straight to the confirm step. */
    async onForm(ctx, formId, values) {
      if (formId !== 'vote.ballot') return undefined;
      const selected = Array.isArray(values.selected) ? values.selected : typeof values.selected === 'string' ? [values.selected] : [];
      const picks = selected.flatMap((value) => {
        const parsed = Payload.toggle.safeParse(parseAction(value));
        return parsed.success ? [parsed.data] : [];
      });
      const first = picks[0];
      if (!first || picks.some((p) => p.e !== first.e)) return undefined;
      const election = await votable(ctx, first.e, first.r);
      if (isTurn(election)) return election;
      const choices = [...new Set(picks.map((p) => election.candidates[p.t]?.id).filter((id): id is string => !!id))];
      if (choices.length === 0 || choices.length > election.seats) return { replies: [notice('warning', fill(voteText.tooMany, ctx.locale, { n: election.seats })), ...ballotReplies(election, ctx.locale, [], first.r)] };
      return { replies: confirmReplies(election, choices, ctx.locale, first.r), transcript: election.secret ? 'omit' : undefined };
    },
  };
}
