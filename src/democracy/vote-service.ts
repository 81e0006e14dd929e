import { AppError, isAppError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { JobHandler } from '../runtime/scheduler.ts';
import type { Store, PrismaTransaction, SqlTx } from '../store/index.ts';
import type { Member } from '../store/members.ts';
import type { ElectionView, HonorRollView } from '../store/votes.ts';
import { eligibility, inAudience, type Eligibility } from './audience.ts';
import { parseDefinition } from './definition-file.ts';
import { windowState } from './format.ts';
import { Limiter } from './limiter.ts';
import { tally, TallySchema, type Tally } from './tally.ts';
import { MOTION_OPTIONS, VoteDefinitionSchema } from './vote-definition.ts';

/** Why a member cannot vote now, or `ok` (or `voted` when they may only change their ballot). */
export type VoteCheck = Eligibility | 'not-open' | 'not-yet' | 'ended' | 'voted' | 'voted-final';

/** A vote a member may see in their list, and whether they have voted in it. */
export interface OpenVote {
  election: ElectionView;
  voted: boolean;
}

/**
 * How often an open vote's ballots are resealed on PostgreSQL (docs/DEMOCRACY.md, "Secret
 * ballots"): a backup or snapshot taken during the vote links at most the ballots cast in the
 * last interval. Each reseal rewrites the vote's ballots and holds new ones back meanwhile.
 */
export const RESEAL_INTERVAL_MS = 10 * 60_000;

/** What a receipt check shows: the ballot is counted, in which vote, among how many. */
export interface ReceiptVerification {
  counted: true;
  election: Pick<ElectionView, 'id' | 'title' | 'status'>;
  ballots: number;
}

/**
 * Votes and elections: definitions, the voting window, eligibility from the roster, casting
 * and changing ballots, idempotent closing with a stored tally, recounts and the honor roll.
 * Every state change is audited; a secret ballot's audit entry never holds its content.
 */
export class VoteService {
  /** Ballot transactions of this process at once: fewer than the pool's connections (10). */
  readonly #ballots = new Limiter(6);

  constructor(private readonly deps: { store: Store; logger: Logger }) {}

  async #candidateMembers(def: { candidates: { member?: string }[] }): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const c of def.candidates) {
      if (!c.member) continue;
      const member = await this.deps.store.members.getByEmployeeNumber(c.member);
      if (!member) throw new AppError('invalid_input', `candidates: no member with employee number ${c.member}`);
      out.set(c.member, member.id);
    }
    return out;
  }

  /** Creates a draft from a definition (validated; errors name the field). */
  async create(definition: unknown, actor: string, source?: string): Promise<ElectionView> {
    const def = parseDefinition(VoteDefinitionSchema, definition, source);
    const members = await this.#candidateMembers(def);
    return this.deps.store.transaction(async (tx) => {
      const election = await this.deps.store.votes.create(tx, def, actor, members);
      await this.deps.store.audit.record({ actor, action: 'vote.create', target: election.id, details: { kind: def.kind, secret: def.secret } }, tx);
      return election;
    });
  }

  /** Replaces a draft's definition; an open or closed vote cannot change. */
  async update(id: string, definition: unknown, actor: string, source?: string): Promise<ElectionView> {
    const def = parseDefinition(VoteDefinitionSchema, definition, source);
    const members = await this.#candidateMembers(def);
    return this.deps.store.transaction(async (tx) => {
      const election = await this.deps.store.votes.replace(tx, id, def, members);
      await this.deps.store.audit.record({ actor, action: 'vote.update', target: id }, tx);
      return election;
    });
  }

  async get(id: string): Promise<ElectionView> {
    const election = (await this.deps.store.votes.resolve(id)) ?? undefined;
    if (!election) throw new AppError('not_found', `no vote ${id}`);
    return election;
  }

  list(filter: { status?: ElectionView['status'][] } = {}): Promise<ElectionView[]> {
    return this.deps.store.votes.list(filter);
  }

  /** Opens a draft for ballots (idempotent) and schedules its closing. */
  async open(id: string, actor: string, now = new Date()): Promise<ElectionView> {
    const election = await this.get(id);
    if (election.closesAt && election.closesAt <= now) throw new AppError('invalid_input', 'its closing time has passed: edit closesAt first');
    await this.deps.store.transaction(async (tx) => {
      if (!(await this.deps.store.votes.transition(tx, election.id, ['draft'], 'open'))) return;
      if (election.closesAt) await this.deps.store.jobs.schedule(tx, { kind: 'vote.close', runAt: election.closesAt, payload: { electionId: election.id }, dedupeKey: `vote:${election.id}:close` });
      if (election.secret) await this.#scheduleReseal(tx, election.id, now);
      await this.deps.store.audit.record({ actor, action: 'vote.open', target: election.id }, tx);
    });
    return this.get(election.id);
  }

  /** The next reseal of an open secret vote (PostgreSQL only: SQLite's ballots hold no order). */
  async #scheduleReseal(tx: PrismaTransaction | undefined, electionId: string, from: Date): Promise<void> {
    if (this.deps.store.db.provider !== 'postgresql') return;
    const runAt = new Date(from.getTime() + RESEAL_INTERVAL_MS);
    await this.deps.store.jobs.schedule(tx ?? this.deps.store.db.prisma, { kind: 'vote.reseal', runAt, payload: { electionId }, dedupeKey: `vote:${electionId}:reseal:${runAt.getTime()}` });
  }

  /**
   * Reseals an open vote's ballots now and schedules the next reseal; nothing once it has closed
   * (the close seals for good). Returns whether it resealed.
   */
  async reseal(id: string, now = new Date()): Promise<boolean> {
    const election = await this.get(id);
    const { store } = this.deps;
    const resealed = await store.transaction((tx) => store.ballots.reseal(tx, election.id));
    if (!resealed) return false;
    await store.ballots.vacuum().catch((error: unknown) => this.deps.logger.warn({ err: error, election: election.id }, 'could not vacuum the ballot table'));
    await this.#scheduleReseal(undefined, election.id, now);
    return true;
  }

  /** Members eligible now (the quorum's base). */
  async eligibleCount(election: ElectionView): Promise<number> {
    const members = await this.deps.store.members.list();
    return members.filter((m) => m.status === 'member' && inAudience(m, election.audience)).length;
  }

  /**
   * Closes a vote and stores its tally, publishing winners to the honor roll. Idempotent: a
   * second close (a retried job, two admins) returns the stored result and changes nothing.
   */
  async close(id: string, actor: string): Promise<Tally> {
    const election = await this.get(id);
    if (election.status === 'draft') throw new AppError('conflict', 'a draft vote cannot be closed: open it first');
    const eligible = await this.eligibleCount(election);
    const { store } = this.deps;
    const result = await store.transaction(async (tx) => {
      // The status change comes first: on PostgreSQL it waits for ballots being cast right now.
      const closing = await store.votes.transition(tx, election.id, ['open'], 'closed');
      if (!closing) return undefined;
      const counted = tally({ ...election, candidates: election.candidates, ballots: await store.ballots.choices(election.id, tx), eligible });
      await store.votes.storeResult(tx, election.id, counted);
      await store.votes.publishWinners(tx, election, counted);
      await store.ballots.seal(tx, election.id);
      await store.jobs.cancel(tx, `vote:${election.id}:close`);
      await store.audit.record({ actor, action: 'vote.close', target: election.id, details: { ballots: counted.ballots, outcome: counted.outcome } }, tx);
      return counted;
    });
    if (!result) return (await this.get(election.id)).result!;
    await store.ballots.compact().catch((error: unknown) => this.deps.logger.warn({ err: error, election: election.id }, 'could not compact the ballot table'));
    return result;
  }

  /** The stored result of a closed vote; hidden (an error) until it closes. */
  async results(id: string): Promise<{ election: ElectionView; tally: Tally }> {
    const election = await this.get(id);
    if (election.status !== 'closed' || !election.result) throw new AppError('forbidden', 'results are hidden until the vote closes', { reason: 'hidden' });
    return { election, tally: election.result };
  }

  /** Recounts a closed vote from its ballot rows and says whether it matches the stored tally. */
  async recount(id: string): Promise<{ stored: Tally; recounted: Tally; matches: boolean }> {
    const { election, tally: stored } = await this.results(id);
    const ballots = await this.deps.store.ballots.choices(election.id);
    // The electorate is the one recorded at closing: the roster may have changed since.
    const recounted = tally({ ...election, ballots, eligible: stored.eligible });
    const canonical = (t: Tally) => JSON.stringify(TallySchema.parse(t));
    return { stored, recounted, matches: canonical(stored) === canonical(recounted) };
  }

  /** Turnout so far (allowed while open: it reveals nothing about choices). */
  async turnout(id: string): Promise<{ participants: number; eligible: number }> {
    const election = await this.get(id);
    return { participants: await this.deps.store.ballots.countParticipants(election.id), eligible: await this.eligibleCount(election) };
  }

  /** Participation over time, by the hour, for a turnout chart (no member, no choice). */
  async turnoutTimeline(id: string): Promise<Date[]> {
    const election = await this.get(id);
    return this.deps.store.ballots.participationHours(election.id);
  }

  /** Whether this member may vote in this vote now. */
  async check(member: Member | undefined, election: ElectionView, now: Date, db?: SqlTx): Promise<VoteCheck> {
    const who = eligibility(member, election.audience);
    if (who !== 'ok') return who;
    if (election.status !== 'open') return election.status === 'closed' ? 'ended' : 'not-open';
    const window = windowState(now, election.opensAt, election.closesAt);
    if (window !== 'open') return window;
    if (await this.deps.store.ballots.participation(election.id, member!.id, db)) return election.allowChange ? 'voted' : 'voted-final';
    return 'ok';
  }

  /** Open votes this member may vote in (or has voted in). */
  async availableTo(member: Member | undefined, now: Date): Promise<OpenVote[]> {
    const open = (await this.list({ status: ['open'] })).filter((e) => windowState(now, e.opensAt, e.closesAt) === 'open' && eligibility(member, e.audience) === 'ok');
    const voted = member ? await this.deps.store.ballots.votedIn(member.id, open.map((e) => e.id)) : new Set<string>();
    return open.map((election) => ({ election, voted: voted.has(election.id) }));
  }

  /** Checks and normalises a selection: candidate ids (or a motion option) in ballot order. */
  validateChoices(election: ElectionView, choices: string[]): string[] {
    const unique = [...new Set(choices)];
    if (election.kind === 'motion') {
      if (unique.length !== 1 || !MOTION_OPTIONS.includes(unique[0] as (typeof MOTION_OPTIONS)[number])) throw new AppError('invalid_input', 'a motion ballot is one of yes, no, abstain');
      return unique;
    }
    const max = election.kind === 'choose-up-to' ? election.seats : 1;
    if (unique.length < 1 || unique.length > max) throw new AppError('invalid_input', `choose from 1 to ${max} candidates`);
    const ids = election.candidates.map((c) => c.id);
    if (!unique.every((c) => ids.includes(c))) throw new AppError('invalid_input', 'not a candidate of this vote');
    return ids.filter((id) => unique.includes(id));
  }

  /**
   * Casts (or, with `receipt` or for an open vote that allows it, replaces) a ballot inside the
   * caller's transaction, so that a chat turn's state and the ballot commit together. Returns
   * the new receipt code. Throws `not_eligible`, `closed` or `conflict` (already voted).
   */
  async castInTx(tx: SqlTx, input: { member: Member | undefined; electionId: string; choices: string[]; receipt?: string; now: Date }): Promise<string> {
    const { store } = this.deps;
    // Inside a transaction every read goes through `tx` (on SQLite anything else would wait for it).
    const election = await store.votes.get(input.electionId, tx);
    if (!election) throw new AppError('not_found', `no vote ${input.electionId}`);
    const state = await this.check(input.member, election, input.now, tx);
    if (state === 'unlinked' || state === 'not-in-good-standing' || state === 'not-in-audience') throw new AppError('not_eligible', `not eligible: ${state}`, { reason: state });
    if (state === 'not-open' || state === 'not-yet' || state === 'ended') throw new AppError('closed', 'this vote is not open', { reason: state });
    if (state === 'voted-final') throw new AppError('conflict', 'this member has already voted', { reason: 'already-voted' });
    const member = input.member!;
    const choices = this.validateChoices(election, input.choices);
    if (!(await store.ballots.lockOpen(tx, election.id))) throw new AppError('closed', 'this vote has closed', { reason: 'ended' });
    const changing = state === 'voted';
    const receipt = changing
      ? await store.ballots.change(tx, { electionId: election.id, memberId: member.id, choices, secret: election.secret, receipt: input.receipt })
      : await store.ballots.cast(tx, { electionId: election.id, memberId: member.id, choices, secret: election.secret, allowChange: election.allowChange });
    // Secret: that the member voted, never what. Open votes are open: the choice is part of the record.
    await store.audit.record({ actor: member.id, action: changing ? 'vote.change' : 'vote.cast', target: election.id, details: election.secret ? {} : { choices } }, tx);
    return receipt;
  }

  /** Casts or replaces a ballot in its own transaction (the web console and other channels). */
  async cast(input: { member: Member | undefined; electionId: string; choices: string[]; receipt?: string; now?: Date }): Promise<{ receipt: string }> {
    const receipt = await this.#ballots.run(() => this.deps.store.sqlTransaction((tx) => this.castInTx(tx, { ...input, now: input.now ?? new Date() })));
    return { receipt };
  }

  /** Checks a receipt: whether its ballot is counted. Never shows the ballot's content. */
  async verifyReceipt(code: string): Promise<ReceiptVerification | undefined> {
    const found = await this.deps.store.ballots.check(code);
    if (!found) return undefined;
    const election = await this.get(found.electionId);
    return { counted: true, election: { id: election.id, title: election.title, status: election.status }, ballots: found.ballots };
  }

  honorRoll(memberId?: string): Promise<HonorRollView[]> {
    return this.deps.store.votes.honorRoll(memberId);
  }

  /** Scheduler handlers: closing at `closesAt`, resealing open secret votes (PostgreSQL). */
  jobs(): Record<string, JobHandler> {
    return {
      'vote.reseal': async (payload) => {
        const electionId = (payload as { electionId?: unknown } | undefined)?.electionId;
        if (typeof electionId !== 'string') throw new Error('vote.reseal: payload has no electionId');
        try {
          await this.reseal(electionId);
        } catch (error) {
          if (isAppError(error, 'not_found')) return;
          throw error;
        }
      },
      'vote.close': async (payload) => {
        const electionId = (payload as { electionId?: unknown } | undefined)?.electionId;
        if (typeof electionId !== 'string') throw new Error('vote.close: payload has no electionId');
        try {
          await this.close(electionId, 'scheduler');
        } catch (error) {
          // A vote deleted or still a draft has nothing to close: done, not retried.
          if (isAppError(error, 'not_found') || isAppError(error, 'conflict')) return;
          throw error;
        }
      },
    };
  }
}
