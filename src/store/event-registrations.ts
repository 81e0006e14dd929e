import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Channel } from '../core/inbound.ts';
import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { DatabaseProvider, Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newId, shortCode } from './ids.ts';

export const RegistrationStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled']);
/** A sign-up's state. */
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

/** A member's sign-up for an event. `position` is their place on the waitlist (1 = next). */
export interface RegistrationView {
  id: string;
  eventId: string;
  memberId: string;
  status: RegistrationStatus;
  seq: number;
  checkInCode: string;
  checkedInAt: Date | null;
  channel: Channel | null;
  conversationKey: string | null;
  createdAt: Date;
  promotedAt: Date | null;
  position?: number;
}

type Row = Awaited<ReturnType<Prisma['eventRegistration']['findUniqueOrThrow']>>;

function toView(row: Row): RegistrationView {
  return {
    id: row.id,
    eventId: row.eventId,
    memberId: row.memberId,
    status: RegistrationStatusSchema.parse(row.status),
    seq: row.seq,
    checkInCode: row.checkInCode,
    checkedInAt: row.checkedInAt,
    channel: (row.channel as Channel | null) ?? null,
    conversationKey: row.conversationKey,
    createdAt: row.createdAt,
    promotedAt: row.promotedAt,
  };
}

const LockedEventSchema = z.object({
  capacity: z.coerce.number().int(),
  nextSeq: z.coerce.number().int(),
  status: z.string(),
  signupDeadline: z.coerce.date().nullable(),
  startsAt: z.coerce.date(),
  audience: z.string(),
});
/** The event row as read under its lock. */
export type LockedEvent = z.infer<typeof LockedEventSchema>;

/** What a sign-up did. */
export interface SignUpOutcome {
  registration: RegistrationView;
  /** False when the member was already signed up (nothing changed). */
  changed: boolean;
}

/**
 * Sign-ups, cancellations and the waitlist. Every change first locks the event row, so sign-ups
 * and cancellations of one event run one at a time and capacity holds under READ COMMITTED;
 * the lock order is also the arrival order recorded in `seq`.
 */
export class EventRegistrationRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly provider: DatabaseProvider,
    private readonly sql: SqlRunner,
  ) {}

  /** Locks the event row for the rest of the transaction (SQLite: writers are already serialised). */
  async lock(tx: Db, eventId: string): Promise<LockedEvent> {
    // Raw on a chat turn's path: a sign-up (docs/DATABASE.md, "Raw statements"). One round trip:
    // on PostgreSQL the lock is held for the rest of the transaction, so every one counts.
    const forUpdate = this.provider === 'postgresql' ? sql`FOR UPDATE` : sql``;
    const rows = await this.sql.query<Record<string, unknown>>(tx, sql`SELECT "capacity", "nextSeq", "status", "signupDeadline", "startsAt", "audience" FROM "Event" WHERE "id" = ${eventId} ${forUpdate}`);
    if (!rows[0]) throw new AppError('not_found', 'no such event');
    return LockedEventSchema.parse(rows[0]);
  }

  /** A check-in code not yet used at this event (the event lock keeps the check and insert together). */
  async #freshCode(tx: Db, eventId: string): Promise<string> {
    for (;;) {
      const code = shortCode(6);
      const taken = await this.sql.query(tx, sql`SELECT "id" FROM "EventRegistration" WHERE "eventId" = ${eventId} AND "checkInCode" = ${code}`);
      if (taken.length === 0) return code;
    }
  }

  /** How many registrations of an event have this status (and, given `seqBelow`, came before it). */
  async #count(tx: Db, eventId: string, status: string, seqBelow?: number): Promise<number> {
    const before = seqBelow === undefined ? sql`` : sql`AND "seq" < ${seqBelow}`;
    const [row] = await this.sql.query<{ n: number | bigint }>(tx, sql`SELECT COUNT(*) AS "n" FROM "EventRegistration" WHERE "eventId" = ${eventId} AND "status" = ${status} ${before}`);
    return Number(row?.n ?? 0);
  }

  async #registration(tx: Db, eventId: string, memberId: string): Promise<Row | undefined> {
    const [row] = await this.sql.query<Row>(tx, sql`SELECT * FROM "EventRegistration" WHERE "eventId" = ${eventId} AND "memberId" = ${memberId}`);
    return row;
  }

  async #position(tx: Db, row: Row): Promise<number | undefined> {
    if (row.status !== 'waitlisted') return undefined;
    return (await this.#count(tx, row.eventId, 'waitlisted', row.seq)) + 1;
  }

  /**
   * Signs a member up: confirmed while places are left, waitlisted after. The caller has
   * checked eligibility; this checks the event is open and before its deadline.
   */
  async signUp(tx: Db, input: { eventId: string; memberId: string; channel?: Channel; conversationKey?: string; now: Date; eligible: (audienceJson: string) => void }): Promise<SignUpOutcome> {
    // Raw on a chat turn's path: a sign-up holds the event's lock throughout, so every statement
    // of it delays the next member's (docs/DATABASE.md, "Raw statements").
    const event = await this.lock(tx, input.eventId);
    input.eligible(event.audience);
    const existing = await this.#registration(tx, input.eventId, input.memberId);
    if (existing && existing.status !== 'cancelled') return { registration: { ...toView(existing), position: await this.#position(tx, existing) }, changed: false };
    if (event.status !== 'open') throw new AppError('closed', 'sign-ups for this event are not open', { reason: 'not-open' });
    if ((event.signupDeadline && input.now >= event.signupDeadline) || input.now >= event.startsAt) throw new AppError('closed', 'the sign-up deadline has passed', { reason: 'deadline' });
    const confirmed = await this.#count(tx, input.eventId, 'confirmed');
    const status = confirmed < event.capacity ? 'confirmed' : 'waitlisted';
    const now = new Date();
    await this.sql.execute(tx, sql`UPDATE "Event" SET "nextSeq" = "nextSeq" + 1, "updatedAt" = ${now} WHERE "id" = ${input.eventId}`);
    const channel = input.channel ?? null;
    const conversationKey = input.conversationKey ?? null;
    if (existing) {
      await this.sql.execute(
        tx,
        sql`UPDATE "EventRegistration" SET "status" = ${status}, "seq" = ${event.nextSeq}, "channel" = ${channel}, "conversationKey" = ${conversationKey}, "promotedAt" = ${null}, "checkedInAt" = ${null}, "updatedAt" = ${now} WHERE "id" = ${existing.id}`,
      );
    } else {
      await this.sql.execute(
        tx,
        sql`INSERT INTO "EventRegistration" ("id", "eventId", "memberId", "status", "seq", "checkInCode", "checkedInAt", "channel", "conversationKey", "createdAt", "updatedAt", "promotedAt") VALUES (${newId()}, ${input.eventId}, ${input.memberId}, ${status}, ${event.nextSeq}, ${await this.#freshCode(tx, input.eventId)}, ${null}, ${channel}, ${conversationKey}, ${now}, ${now}, ${null})`,
      );
    }
    const row = (await this.#registration(tx, input.eventId, input.memberId))!;
    return { registration: { ...toView(row), position: await this.#position(tx, row) }, changed: true };
  }

  /** Cancels a sign-up and fills freed places from the waitlist; returns who was promoted. */
  async cancel(tx: PrismaTransaction, eventId: string, memberId: string, now: Date): Promise<{ cancelled: RegistrationView; promoted: RegistrationView[] } | undefined> {
    await this.lock(tx, eventId);
    const existing = await tx.eventRegistration.findUnique({ where: { eventId_memberId: { eventId, memberId } } });
    if (!existing || existing.status === 'cancelled') return undefined;
    const row = await tx.eventRegistration.update({ where: { id: existing.id }, data: { status: 'cancelled' } });
    const promoted = existing.status === 'confirmed' ? await this.promote(tx, eventId, now) : [];
    return { cancelled: toView(row), promoted };
  }

  /** Fills free places from the waitlist in arrival order (the caller holds the event lock). */
  async promote(tx: PrismaTransaction, eventId: string, now: Date): Promise<RegistrationView[]> {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { capacity: true, startsAt: true, status: true } });
    // Nobody is moved into an event that has started or was cancelled.
    if (!event || now >= event.startsAt || event.status === 'cancelled') return [];
    const confirmed = await tx.eventRegistration.count({ where: { eventId, status: 'confirmed' } });
    const free = event.capacity - confirmed;
    if (free <= 0) return [];
    const next = await tx.eventRegistration.findMany({ where: { eventId, status: 'waitlisted' }, orderBy: { seq: 'asc' }, take: free });
    const promoted: RegistrationView[] = [];
    for (const row of next) {
      promoted.push(toView(await tx.eventRegistration.update({ where: { id: row.id }, data: { status: 'confirmed', promotedAt: now } })));
    }
    return promoted;
  }

  async get(eventId: string, memberId: string): Promise<RegistrationView | undefined> {
    // Raw on a chat turn's path: every event turn looks up the member's sign-up (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<Row>(this.prisma, sql`SELECT * FROM "EventRegistration" WHERE "eventId" = ${eventId} AND "memberId" = ${memberId}`);
    return row ? { ...toView(row), position: await this.#position(this.prisma, row) } : undefined;
  }

  /** One member's registrations among some events (for the event list). */
  async ofMember(memberId: string, eventIds: string[]): Promise<Map<string, RegistrationView>> {
    if (eventIds.length === 0) return new Map();
    // Raw on a chat turn's path: the member's list of events (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<Row>(this.prisma, sql`SELECT * FROM "EventRegistration" WHERE "memberId" = ${memberId} AND "eventId" IN (${join(eventIds)})`);
    const out = new Map<string, RegistrationView>();
    for (const row of rows) out.set(row.eventId, { ...toView(row), position: await this.#position(this.prisma, row) });
    return out;
  }

  /** Everyone signed up (confirmed first, then the waitlist), in arrival order. */
  async list(eventId: string, statuses: RegistrationStatus[] = ['confirmed', 'waitlisted']): Promise<RegistrationView[]> {
    const rows = await this.prisma.eventRegistration.findMany({ where: { eventId, status: { in: statuses } }, orderBy: { seq: 'asc' } });
    let position = 0;
    const views = rows.map((r) => ({ ...toView(r), position: r.status === 'waitlisted' ? ++position : undefined }));
    const order = { confirmed: 0, waitlisted: 1, cancelled: 2 };
    return views.sort((a, b) => order[a.status] - order[b.status] || a.seq - b.seq);
  }

  /** Checks an attendee in by the code on their invitation; idempotent. */
  async checkIn(eventId: string, code: string, now: Date): Promise<RegistrationView | undefined> {
    const normalised = code.trim().toUpperCase();
    const row = await this.prisma.eventRegistration.findUnique({ where: { eventId_checkInCode: { eventId, checkInCode: normalised } } });
    if (!row || row.status !== 'confirmed') return undefined;
    if (row.checkedInAt) return toView(row);
    return toView(await this.prisma.eventRegistration.update({ where: { id: row.id }, data: { checkedInAt: now } }));
  }
}
