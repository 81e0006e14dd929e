import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '../../core/locale.ts';
import { isSensitiveCategory, type Ticket } from '../../store/tickets.ts';
import { caseCard, caseText } from './case-card.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import type { SlackContext } from './slack-context.ts';
import { fill } from './slack-messages.ts';
import { LIMITS } from './limits.ts';
import { retryAfterSeconds } from './sender.ts';

/** The scheduled job that brings the staff channel up to date with one case. */
export const CASE_SYNC_JOB = 'slack.case-sync';
const PayloadSchema = z.object({ ticketId: z.string().min(1).max(40) });

const PostedSchema = z.object({ ts: z.string() });

/** A card row whose message is being posted by another instance right now. */
const PENDING_TS = /^pending:/;

/**
 * Makes the staff channel show a case as it is: posts its card once, updates it in place when
 * it changes (claimed, reassigned, closed …), relays the member's new messages into the card's
 * thread, and re-announces an overdue case in the channel (a thread reply also sent to the
 * channel). Idempotent: it records what it has shown, so running it again changes nothing.
 *
 * Runs right after each case event, one run at a time per case in this process; a run that
 * fails (a rate limit, Slack unreachable) is retried by a scheduled job, which survives restarts
 * and runs once across instances. Why not only the job: re-scheduling a job while it runs is
 * lost when that run finishes, and a member message must not wait for the next event.
 */
export class CaseSync {
  readonly #chains = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: SlackContext,
    private readonly channel: string,
    private readonly locale: Locale,
  ) {}

  /** Brings the channel up to date with a case (after any change to it). */
  request(ticketId: string): Promise<void> {
    const run = (this.#chains.get(ticketId) ?? Promise.resolve())
      .then(() => this.sync(ticketId))
      .catch((error: unknown) => this.#retryLater(ticketId, error))
      .finally(() => {
        if (this.#chains.get(ticketId) === run) this.#chains.delete(ticketId);
      });
    this.#chains.set(ticketId, run);
    return run;
  }

  /** Resolves once no sync is running in this process. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.allSettled([...this.#chains.values()]);
  }

  register(): void {
    this.ctx.app.scheduler.register(CASE_SYNC_JOB, async (payload) => {
      const parsed = PayloadSchema.safeParse(payload);
      if (parsed.success) await this.sync(parsed.data.ticketId);
    });
  }

  async #retryLater(ticketId: string, error: unknown): Promise<void> {
    const { app } = this.ctx;
    const seconds = retryAfterSeconds(error) ?? 5;
    app.logger.warn({ ticket: ticketId, err: error instanceof Error ? error.message : String(error), retryInSeconds: seconds }, 'slack case sync failed; retrying from a job');
    await app.store.jobs
      .schedule(app.store.db.prisma, { kind: CASE_SYNC_JOB, runAt: new Date(Date.now() + seconds * 1000), payload: { ticketId }, dedupeKey: `${CASE_SYNC_JOB}:${ticketId}` })
      .catch((failure: unknown) => app.logger.error({ err: failure, ticket: ticketId }, 'could not schedule the slack case sync retry'));
  }

  async sync(ticketId: string, now = new Date()): Promise<void> {
    const { app, records, client } = this.ctx;
    const ticket = await app.store.tickets.get(ticketId);
    if (!ticket) return;
    const entries = await app.store.tickets.entries(ticket.id);
    const card = caseCard(ticket, entries.filter((e) => e.kind === 'transcript'), this.locale, now);
    const hash = createHash('sha256').update(JSON.stringify(card.blocks)).digest('hex');
    let existing = await records.cardOf(ticket.id);
    if (existing && PENDING_TS.test(existing.ts)) throw new Error(`the card of case ${ticket.id} is being posted elsewhere`);
    if (!existing) {
      // The row is claimed before posting, so two instances never both post a card.
      if (!(await records.reserveCard(ticket.id, this.channel))) throw new Error(`the card of case ${ticket.id} is being posted elsewhere`);
      let posted: z.infer<typeof PostedSchema>;
      try {
        posted = PostedSchema.parse(await client.chat.postMessage({ channel: this.channel, text: card.text, blocks: card.blocks, unfurl_links: false }));
      } catch (error) {
        await records.releaseCard(ticket.id);
        throw error;
      }
      existing = await records.completeCard(ticket.id, posted.ts, hash);
      // Posting a summary discloses case content to the channel: audited like reading it.
      await app.store.audit.record({ actor: 'slack', action: 'tickets.announce', target: ticket.id, details: { category: ticket.category, channel: this.channel } });
      if (isSensitiveCategory(ticket.category)) await this.#thread(existing.ts, caseText.sensitiveThread[this.locale]);
    } else if (existing.cardHash !== hash) {
      await client.chat.update({ channel: existing.channel, ts: existing.ts, text: card.text, blocks: card.blocks });
      await records.updateCard(ticket.id, { cardHash: hash });
    }
    await this.#relay(ticket, existing.ts, existing.relayedUntil, entries);
    const fresh = ticket.escalations.filter((check) => !existing.announced.includes(check));
    for (const check of fresh) {
      const text = fill(caseText.overdueAgain, this.locale, { id: ticket.id, check: (check === 'first-response' ? caseText.firstResponse : caseText.resolution)[this.locale] });
      await client.chat.postMessage({ channel: existing.channel, thread_ts: existing.ts, reply_broadcast: true, text });
      await records.updateCard(ticket.id, { announced: [...existing.announced, ...fresh.slice(0, fresh.indexOf(check) + 1)] });
    }
  }

  /** The member's messages since the last relay, oldest first; content-free for sensitive cases. */
  async #relay(ticket: Ticket, threadTs: string, since: Date | null, entries: Awaited<ReturnType<SlackContext['app']['store']['tickets']['entries']>>): Promise<void> {
    const fresh = entries.filter((e) => e.kind === 'member' && (!since || e.createdAt > since));
    for (const entry of fresh) {
      const text = isSensitiveCategory(ticket.category)
        ? fill(caseText.memberWroteSensitive, this.locale, { id: ticket.id })
        : `${caseText.memberWrote[this.locale]} ${truncate(escapeMrkdwn(entry.text), LIMITS.messageText)}`;
      await this.#thread(threadTs, text);
      await this.ctx.records.updateCard(ticket.id, { relayedUntil: entry.createdAt });
    }
  }

  async #thread(threadTs: string, text: string): Promise<void> {
    await this.ctx.client.chat.postMessage({ channel: this.channel, thread_ts: threadTs, text, unfurl_links: false });
  }
}
