import { AppError, isAppError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Locale } from '../core/locale.ts';
import type { ReplyInput } from '../core/reply.ts';
import type { JobHandler } from '../runtime/scheduler.ts';
import { toCsv } from '../store/csv.ts';
import type { RegistrationView, SignUpOutcome } from '../store/event-registrations.ts';
import type { EventView } from '../store/events.ts';
import type { PrismaTransaction, SqlTx, Store } from '../store/index.ts';
import type { Member } from '../store/members.ts';
import type { Contact } from '../store/surveys.ts';
import { eligibility, readAudience, type Eligibility } from './audience.ts';
import { fill } from './bilingual.ts';
import { parseDefinition } from './definition-file.ts';
import { EventDefinitionSchema } from './event-definition.ts';
import { eventCard, eventText, invitation } from './event-replies.ts';
import { formatDateTime } from './format.ts';
import { KeyedQueue } from './keyed-queue.ts';

/** Why a member cannot sign up now, or `ok`. */
export type EventCheck = Eligibility | 'not-open' | 'deadline';

/** An event in a member's list, with their registration if any. */
export interface OpenEvent {
  event: EventView;
  registration?: RegistrationView;
}

/** One line of the attendee list. */
export interface Attendee {
  registration: RegistrationView;
  member?: Member;
}

/**
 * Events: definitions, sign-ups with capacity and a waitlist promoted in arrival order (the
 * promoted member is told through the outbox), calendar invitations, reminders before the
 * start, the attendee list and check-in.
 */
export class EventService {
  /** Sign-ups and cancellations of one event wait here, not on a pooled connection (see KeyedQueue). */
  readonly #queue = new KeyedQueue();

  constructor(private readonly deps: { store: Store; logger: Logger; poke?: () => void }) {}

  async create(definition: unknown, actor: string, source?: string): Promise<EventView> {
    const def = parseDefinition(EventDefinitionSchema, definition, source);
    return this.deps.store.transaction(async (tx) => {
      const event = await this.deps.store.events.create(tx, def, actor);
      await this.deps.store.audit.record({ actor, action: 'event.create', target: event.id, details: { capacity: def.capacity } }, tx);
      return event;
    });
  }

  /** Edits an event; a larger capacity promotes from the waitlist (and tells those promoted). */
  async update(id: string, definition: unknown, actor: string, source?: string, now = new Date()): Promise<EventView> {
    const def = parseDefinition(EventDefinitionSchema, definition, source);
    const current = await this.get(id);
    const { store } = this.deps;
    let promotedCount = 0;
    const event = await store.transaction(async (tx) => {
      const updated = await store.events.update(tx, current.id, def);
      const promoted = await store.events.registrations.promote(tx, updated.id, now);
      await this.#notifyPromoted(tx, updated, promoted, now);
      promotedCount = promoted.length;
      if (updated.status === 'open') await this.#scheduleReminders(tx, updated, now);
      await store.audit.record({ actor, action: 'event.update', target: updated.id, details: { capacity: updated.capacity, promoted: promoted.length } }, tx);
      return (await store.events.get(updated.id, tx)) ?? updated;
    });
    if (promotedCount > 0) this.deps.poke?.();
    return event;
  }

  async #getIn(tx: SqlTx, id: string): Promise<EventView> {
    const event = await this.deps.store.events.get(id, tx);
    if (!event) throw new AppError('not_found', `no event ${id}`);
    return event;
  }

  async get(id: string): Promise<EventView> {
    const event = await this.deps.store.events.resolve(id);
    if (!event) throw new AppError('not_found', `no event ${id}`);
    return event;
  }

  list(filter: { status?: EventView['status'][]; endsAfter?: Date } = {}): Promise<EventView[]> {
    return this.deps.store.events.list(filter);
  }

  async #scheduleReminders(tx: PrismaTransaction, event: EventView, now: Date): Promise<void> {
    for (const hours of event.reminderHours) {
      const runAt = new Date(event.startsAt.getTime() - hours * 3_600_000);
      if (runAt > now) await this.deps.store.jobs.schedule(tx, { kind: 'event.remind', runAt, payload: { eventId: event.id, hours }, dedupeKey: `event:${event.id}:remind:${hours}` });
    }
  }

  /** Opens sign-ups (idempotent) and schedules the reminders. */
  async open(id: string, actor: string, now = new Date()): Promise<EventView> {
    const event = await this.get(id);
    if (event.startsAt <= now) throw new AppError('invalid_input', 'the event has already started');
    await this.deps.store.transaction(async (tx) => {
      if (!(await this.deps.store.events.transition(tx, event.id, ['draft', 'closed'], 'open'))) return;
      await this.#scheduleReminders(tx, event, now);
      await this.deps.store.audit.record({ actor, action: 'event.open', target: event.id }, tx);
    });
    return this.get(event.id);
  }

  /** Closes sign-ups (idempotent). Attendees keep their places; cancellations still promote. */
  async close(id: string, actor: string): Promise<EventView> {
    const event = await this.get(id);
    await this.deps.store.transaction(async (tx) => {
      if (!(await this.deps.store.events.transition(tx, event.id, ['draft', 'open'], 'closed'))) return;
      await this.deps.store.audit.record({ actor, action: 'event.close', target: event.id }, tx);
    });
    return this.get(event.id);
  }

  /** Whether this member may sign up now. */
  check(member: Member | undefined, event: EventView, now: Date): EventCheck {
    const who = eligibility(member, event.audience);
    if (who !== 'ok') return who;
    if (event.status !== 'open') return 'not-open';
    if ((event.signupDeadline && now >= event.signupDeadline) || now >= event.startsAt) return 'deadline';
    return 'ok';
  }

  /** Upcoming open events this member may sign up for, and those they are signed up for. */
  async availableTo(member: Member | undefined, now: Date): Promise<OpenEvent[]> {
    const events = (await this.list({ status: ['open', 'closed'], endsAfter: now })).filter((e) => eligibility(member, e.audience) === 'ok');
    const mine = member ? await this.deps.store.events.registrations.ofMember(member.id, events.map((e) => e.id)) : new Map<string, RegistrationView>();
    return events
      .map((event) => ({ event, registration: mine.get(event.id) }))
      .filter((e) => e.event.status === 'open' || (e.registration && e.registration.status !== 'cancelled'));
  }

  /** Signs up inside the caller's transaction (a chat turn). Throws `not_eligible` or `closed`. */
  async signUpInTx(tx: SqlTx, input: { member: Member | undefined; eventId: string; contact?: Contact; now: Date }): Promise<SignUpOutcome> {
    if (!input.member) throw new AppError('not_eligible', 'not eligible: unlinked', { reason: 'unlinked' });
    const member = input.member;
    // The audience is checked on the event row read under its lock (inside a transaction every
    // read goes through `tx`: on SQLite anything else would wait for it).
    const eligible = (audienceJson: string) => {
      const who = eligibility(member, readAudience(audienceJson));
      if (who !== 'ok') throw new AppError('not_eligible', `not eligible: ${who}`, { reason: who });
    };
    const outcome = await this.deps.store.events.registrations.signUp(tx, { eventId: input.eventId, memberId: member.id, channel: input.contact?.channel, conversationKey: input.contact?.conversationKey, now: input.now, eligible });
    if (outcome.changed) await this.deps.store.audit.record({ actor: input.member!.id, action: 'event.signup', target: input.eventId, details: { status: outcome.registration.status, seq: outcome.registration.seq } }, tx);
    return outcome;
  }

  async signUp(input: { member: Member | undefined; eventId: string; contact?: Contact; now?: Date }): Promise<SignUpOutcome> {
    const event = await this.get(input.eventId);
    return this.#queue.run(event.id, () => this.deps.store.sqlTransaction((tx) => this.signUpInTx(tx, { ...input, eventId: event.id, now: input.now ?? new Date() })));
  }

  /** Cancels inside the caller's transaction; whoever moves up from the waitlist is told. */
  async cancelInTx(tx: PrismaTransaction, input: { member: Member; eventId: string; now: Date }): Promise<{ cancelled: RegistrationView; promoted: RegistrationView[] } | undefined> {
    const event = await this.#getIn(tx, input.eventId);
    const result = await this.deps.store.events.registrations.cancel(tx, event.id, input.member.id, input.now);
    if (!result) return undefined;
    await this.#notifyPromoted(tx, event, result.promoted, input.now);
    await this.deps.store.audit.record({ actor: input.member.id, action: 'event.cancel', target: event.id, details: { was: result.cancelled.seq, promoted: result.promoted.length } }, tx);
    return result;
  }

  async cancel(input: { member: Member; eventId: string; now?: Date }): Promise<{ cancelled: RegistrationView; promoted: RegistrationView[] } | undefined> {
    const event = await this.get(input.eventId);
    const result = await this.#queue.run(event.id, () => this.deps.store.transaction((tx) => this.cancelInTx(tx, { ...input, eventId: event.id, now: input.now ?? new Date() })));
    if (result?.promoted.length) this.deps.poke?.();
    return result;
  }

  /** Queues "you have a place" with the card and invitation, in the promoting transaction. */
  async #notifyPromoted(tx: PrismaTransaction, event: EventView, promoted: RegistrationView[], now: Date): Promise<void> {
    if (promoted.length === 0) return;
    const { store } = this.deps;
    const recipients = await store.democracyContacts.recipients(promoted.map((r) => r.memberId), tx);
    const fresh = await store.events.get(event.id, tx);
    for (const registration of promoted) {
      const { member, contact } = recipients.get(registration.memberId) ?? {};
      const channel = registration.channel ?? contact?.channel;
      const conversationKey = registration.conversationKey ?? contact?.conversationKey;
      await store.audit.record({ actor: 'system', action: 'event.promote', target: event.id, details: { member: registration.memberId, seq: registration.seq } }, tx);
      if (!member || !channel || !conversationKey) continue;
      const locale: Locale = contact?.locale ?? (member.locale === 'en' ? 'en' : 'zh-CN');
      const replies: ReplyInput[] = [
        { type: 'notice', level: 'success', text: fill(eventText.promoted, locale, { title: event.title[locale], code: registration.checkInCode }) },
        eventCard(fresh ?? event, locale, registration),
        invitation(fresh ?? event, registration, member, locale, now),
      ];
      await store.outbox.enqueue(tx, { channel, conversationKey, replies, dedupeKey: `event:${event.id}:promoted:${registration.id}:${registration.seq}` });
    }
  }

  /** Everyone signed up, confirmed first, with their roster entries. */
  async attendees(id: string): Promise<{ event: EventView; attendees: Attendee[] }> {
    const event = await this.get(id);
    const registrations = await this.deps.store.events.registrations.list(event.id);
    const members = new Map((await this.deps.store.members.list()).map((m) => [m.id, m]));
    return { event, attendees: registrations.map((registration) => ({ registration, member: members.get(registration.memberId) })) };
  }

  /** The attendee list as CSV (safe to open in a spreadsheet). */
  async attendeesCsv(id: string): Promise<string> {
    const { attendees } = await this.attendees(id);
    return toCsv(
      ['employee_number', 'name', 'department', 'email', 'status', 'waitlist_position', 'check_in_code', 'checked_in_at', 'signed_up_at'],
      attendees.map(({ registration: r, member: m }) => [m?.employeeNumber ?? '', m?.name ?? '', m?.department ?? '', m?.email ?? '', r.status, r.position ?? '', r.checkInCode, r.checkedInAt?.toISOString() ?? '', r.createdAt.toISOString()]),
    );
  }

  /** Checks an attendee in with the code from their invitation. */
  async checkIn(id: string, code: string, actor: string, now = new Date()): Promise<Attendee> {
    const event = await this.get(id);
    const registration = await this.deps.store.events.registrations.checkIn(event.id, code, now);
    if (!registration) throw new AppError('not_found', 'no confirmed attendee with that check-in code');
    await this.deps.store.audit.record({ actor, action: 'event.checkin', target: event.id, details: { member: registration.memberId } });
    return { registration, member: await this.deps.store.members.get(registration.memberId) };
  }

  /** The calendar invitation of a confirmed attendee. */
  async invitationFor(eventId: string, member: Member, locale: Locale, now = new Date()): Promise<ReplyInput | undefined> {
    const event = await this.get(eventId);
    const registration = await this.deps.store.events.registrations.get(event.id, member.id);
    return registration?.status === 'confirmed' ? invitation(event, registration, member, locale, now) : undefined;
  }

  /** Reminds confirmed attendees before the start (once per attendee per reminder). */
  async remind(id: string, hours: number, now = new Date()): Promise<number> {
    const event = await this.get(id);
    if (event.status === 'cancelled' || event.startsAt <= now) return 0;
    const { store } = this.deps;
    const confirmed = await store.events.registrations.list(event.id, ['confirmed']);
    const contacts = await store.democracyContacts.of(confirmed.map((r) => r.memberId));
    let sent = 0;
    for (const r of confirmed) {
      const contact = contacts.get(r.memberId);
      const channel = r.channel ?? contact?.channel;
      const conversationKey = r.conversationKey ?? contact?.conversationKey;
      if (!channel || !conversationKey) continue;
      const locale: Locale = contact?.locale ?? 'zh-CN';
      const text = fill(eventText.reminder, locale, { title: event.title[locale], when: formatDateTime(event.startsAt, locale, event.timeZone), code: r.checkInCode });
      const replies: ReplyInput[] = [{ type: 'notice', level: 'info', text }, eventCard(event, locale, r, { buttons: false })];
      if (await store.outbox.enqueue(store.db.prisma, { channel, conversationKey, replies, dedupeKey: `event:${event.id}:remind:${hours}:${r.id}` })) sent++;
    }
    if (sent > 0) this.deps.poke?.();
    return sent;
  }

  /** Asks the delivery worker to look at the outbox now (after a promotion was queued). */
  poke(): void {
    this.deps.poke?.();
  }

  /** Scheduler handlers: reminders before the start. */
  jobs(): Record<string, JobHandler> {
    return {
      'event.remind': async (payload) => {
        const { eventId, hours } = (payload ?? {}) as { eventId?: unknown; hours?: unknown };
        if (typeof eventId !== 'string' || typeof hours !== 'number') throw new Error('event.remind: bad payload');
        try {
          await this.remind(eventId, hours);
        } catch (error) {
          if (!isAppError(error, 'not_found')) throw error;
        }
      },
    };
  }
}
