import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { parseAction } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import { isCaseWorker } from '../../flows/handoff/ticket-access.ts';
import type { Member } from '../../store/members.ts';
import { caseText } from './case-card.ts';
import { CaseSync } from './case-sync.ts';
import { LIMITS } from './limits.ts';
import { truncate } from './mrkdwn.ts';
import type { SlackContext, StaffCases, StaffThreadMessage } from './slack-context.ts';
import { fill } from './slack-messages.ts';
import { isUniqueViolation } from '../../store/index.ts';

const CaseActionSchema = z.object({ a: z.literal('slack.case'), op: z.enum(['claim', 'close', 'reassign', 'reopen']), id: z.string().min(1).max(40) });
const REASSIGN_CALLBACK = 'ua-reassign';
const ReassignMetadata = z.object({ id: z.string().min(1).max(40) });
const ReassignState = z.object({ to: z.object({ v: z.object({ selected_user: z.string().nullish() }) }) });
const NOTE = /^\s*(?:note|备注|內部備註|内部备注)\s*[:：]\s*/i;

/**
 * The staff side in Slack: every case appears as a card in SLACK_STAFF_CHANNEL (case-sync.ts);
 * its buttons claim, reassign, close and reopen it, and what staff write in its thread goes to
 * the member through the ticket service — which checks roles and audits, whatever channel asks.
 * A staff member is their Slack identity's roster member; an unlinked account can do nothing.
 */
export class SlackStaffCases implements StaffCases {
  readonly #sync: CaseSync;

  constructor(
    private readonly ctx: SlackContext,
    private readonly channel: string,
  ) {
    this.#sync = new CaseSync(ctx, channel, ctx.app.config.defaultLocale);
  }

  /** Resolves once no case sync is running. */
  idle(): Promise<void> {
    return this.#sync.idle();
  }

  attach(): void {
    const { app, bolt } = this.ctx;
    this.#sync.register();
    app.tickets.onTicketEvent(async (event) => {
      // A note changes nothing the channel shows; everything else may.
      if (event.type !== 'note') void this.#sync.request(event.ticketId);
    });
    bolt.view(REASSIGN_CALLBACK, async ({ ack, body }) => {
      const view = (body as { view?: { private_metadata?: string; state?: { values?: unknown } } }).view;
      const user = (body as { user?: { id?: string; team_id?: string } }).user;
      let meta: z.infer<typeof ReassignMetadata> | undefined;
      try {
        meta = ReassignMetadata.parse(JSON.parse(view?.private_metadata ?? ''));
      } catch {
        meta = undefined;
      }
      const state = ReassignState.safeParse(view?.state?.values);
      const to = state.success ? state.data.to.v.selected_user : undefined;
      if (!meta || !to || !user?.id) {
        await ack();
        return;
      }
      const team = user.team_id ?? '';
      const target = await this.#member(to, team);
      const { locale } = await this.#profile(user.id, team);
      if (!target) {
        await ack({ response_action: 'errors', errors: { to: caseText.reassignUnknown[locale] } });
        return;
      }
      await ack();
      await this.#act(user.id, team, (actor) => this.ctx.app.tickets.reassign(actor, meta.id, target));
    });
  }

  async onCardAction(args: { value: string; user: string; team: string; channel: string; messageTs: string; triggerId?: string }): Promise<boolean> {
    const parsed = CaseActionSchema.safeParse(parseAction(args.value));
    if (!parsed.success) return false;
    const { op, id } = parsed.data;
    const tickets = this.ctx.app.tickets;
    if (op === 'reassign') {
      if (args.triggerId) await this.#openReassign(args.user, args.team, id, args.triggerId);
      return true;
    }
    await this.#act(args.user, args.team, (actor) => (op === 'claim' ? tickets.claim(actor, id) : op === 'close' ? tickets.close(actor, id) : tickets.reopen(actor, id)));
    return true;
  }

  async onThreadMessage(message: StaffThreadMessage): Promise<void> {
    const { app, records, client } = this.ctx;
    const card = await records.cardAt(message.channel, message.threadTs);
    if (!card || !message.text) return;
    // Claimed before acting, so that Slack's retry of this event never sends the member a second copy.
    try {
      await app.store.transaction((tx) => app.store.sessions.markProcessed(tx, `slack:staff:${message.eventId}`));
    } catch (error) {
      if (isUniqueViolation(error)) return;
      throw error;
    }
    const note = NOTE.exec(message.text);
    const text = note ? message.text.slice(note[0].length) : message.text;
    const done = await this.#act(message.user, message.team, (actor) => (note ? app.tickets.note(actor, card.ticketId, text) : app.tickets.reply(actor, card.ticketId, text)));
    if (done) {
      // A tick on the staff member's message says it went out (or was saved as a note).
      await client.reactions
        .add({ channel: message.channel, timestamp: message.ts, name: note ? 'memo' : 'white_check_mark' })
        .catch(() => undefined);
    }
  }

  async #profile(user: string, team: string): Promise<{ locale: Locale; email?: string; displayName?: string }> {
    const { user: profile } = await this.ctx.directory.user(user, team);
    return { locale: profile.locale ?? this.ctx.app.config.defaultLocale, email: profile.email, displayName: profile.displayName };
  }

  /** The roster member behind a Slack user (linked by hand, or by the email Slack verified). */
  async #member(user: string, team: string): Promise<Member | undefined> {
    const profile = await this.#profile(user, team);
    const { member } = await this.ctx.app.store.members.resolveIdentity({ channel: 'slack', tenant: team, externalId: user, displayName: profile.displayName, email: profile.email });
    return member;
  }

  /** Runs a staff operation as the Slack user; refusals and conflicts are told to them alone. */
  async #act(user: string, team: string, operation: (actor: Member) => Promise<unknown>): Promise<boolean> {
    const { locale } = await this.#profile(user, team);
    const actor = await this.#member(user, team);
    if (!actor || !isCaseWorker(actor)) {
      await this.#tell(user, caseText.notLinked[locale]);
      return false;
    }
    try {
      await operation(actor);
      return true;
    } catch (error) {
      if (!isAppError(error) && !(error instanceof z.ZodError)) throw error;
      const reason = error instanceof z.ZodError ? error.issues.map((i) => i.message).join('; ') : error.message;
      await this.#tell(user, fill(caseText.failed, locale, { reason }));
      return false;
    }
  }

  async #tell(user: string, text: string): Promise<void> {
    await this.ctx.client.chat.postEphemeral({ channel: this.channel, user, text: truncate(text, LIMITS.messageText) }).catch((error: unknown) => {
      this.ctx.app.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack ephemeral message failed');
    });
  }

  async #openReassign(user: string, team: string, ticketId: string, triggerId: string): Promise<void> {
    const { locale } = await this.#profile(user, team);
    await this.ctx.client.views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        callback_id: REASSIGN_CALLBACK,
        private_metadata: JSON.stringify({ id: ticketId }),
        title: { type: 'plain_text', text: truncate(caseText.reassignTitle[locale], LIMITS.viewTitle) },
        submit: { type: 'plain_text', text: truncate(caseText.reassign[locale].replace('…', ''), LIMITS.viewButton) },
        blocks: [{ type: 'input', block_id: 'to', label: { type: 'plain_text', text: caseText.reassignTo[locale] }, element: { type: 'users_select', action_id: 'v' } }],
      },
    });
  }
}
