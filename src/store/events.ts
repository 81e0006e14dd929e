import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Bilingual } from '../core/locale.ts';
import { readAudience, type Audience } from '../democracy/audience.ts';
import { readBilingual } from '../democracy/bilingual.ts';
import type { EventDefinition } from '../democracy/event-definition.ts';
import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { DatabaseProvider, Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newId } from './ids.ts';
import { EventRegistrationRepository } from './event-registrations.ts';

export const EventStatusSchema = z.enum(['draft', 'open', 'closed', 'cancelled']);
/** draft → open (sign-ups) → closed (no more sign-ups) or cancelled. */
export type EventStatus = z.infer<typeof EventStatusSchema>;

/** An event as the application sees it, with its current numbers. */
export interface EventView {
  id: string;
  title: Bilingual;
  description: Bilingual;
  place: string;
  link: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number;
  signupDeadline: Date | null;
  audience: Audience;
  reminderHours: number[];
  status: EventStatus;
  sequence: number;
  createdBy: string;
  createdAt: Date;
  confirmed: number;
  waitlisted: number;
}

type EventRow = Awaited<ReturnType<Prisma['event']['findUniqueOrThrow']>>;

/** An event row as the application sees it, with its sign-up counts. */
function toEventView(row: EventRow, count: (status: 'confirmed' | 'waitlisted') => number): EventView {
  return {
    id: row.id,
    title: readBilingual(row.title),
    description: readBilingual(row.description),
    place: row.place,
    link: row.link,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    capacity: row.capacity,
    signupDeadline: row.signupDeadline,
    audience: readAudience(row.audience),
    reminderHours: z.array(z.number()).parse(JSON.parse(row.reminders)),
    status: EventStatusSchema.parse(row.status),
    sequence: row.sequence,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    confirmed: count('confirmed'),
    waitlisted: count('waitlisted'),
  };
}

function definitionData(def: EventDefinition) {
  return {
    title: JSON.stringify(def.title),
    description: JSON.stringify(def.description),
    place: def.place,
    link: def.link ?? '',
    startsAt: def.startsAt,
    endsAt: def.endsAt,
    timeZone: def.timeZone,
    capacity: def.capacity,
    signupDeadline: def.signupDeadline ?? null,
    audience: JSON.stringify(def.audience),
    reminders: JSON.stringify(def.reminderHours),
  };
}

/** Events and, through `registrations`, their sign-ups and waitlists. */
export class EventRepository {
  readonly registrations: EventRegistrationRepository;

  constructor(
    private readonly prisma: Prisma,
    provider: DatabaseProvider,
    private readonly sql: SqlRunner,
  ) {
    this.registrations = new EventRegistrationRepository(prisma, provider, sql);
  }

  /** Events with their sign-up counts: one grouped count for all of them. */
  async #toViews(rows: EventRow[], tx: Db = this.prisma): Promise<EventView[]> {
    if (rows.length === 0) return [];
    // Raw on a chat turn's path: every event turn shows the places left (docs/DATABASE.md, "Raw statements").
    const counts = await this.sql.query<{ eventId: string; status: string; n: number | bigint }>(
      tx,
      sql`SELECT "eventId", "status", COUNT(*) AS "n" FROM "EventRegistration" WHERE "eventId" IN (${join(rows.map((r) => r.id))}) GROUP BY "eventId", "status"`,
    );
    return rows.map((row) => toEventView(row, (status) => Number(counts.find((c) => c.eventId === row.id && c.status === status)?.n ?? 0)));
  }

  async #toView(row: EventRow, tx: Db = this.prisma): Promise<EventView> {
    return (await this.#toViews([row], tx))[0]!;
  }

  async create(tx: PrismaTransaction, def: EventDefinition, createdBy: string): Promise<EventView> {
    const row = await tx.event.create({ data: { id: newId(), ...definitionData(def), createdBy } });
    return this.#toView(row, tx);
  }

  /**
   * Changes an event's definition. Capacity may not drop below the confirmed attendees (the
   * union would have to un-invite people); a larger capacity is filled from the waitlist by the
   * caller. The sequence number is bumped so calendar clients replace the old invitation.
   */
  async update(tx: PrismaTransaction, id: string, def: EventDefinition): Promise<EventView> {
    await this.registrations.lock(tx, id);
    const confirmed = await tx.eventRegistration.count({ where: { eventId: id, status: 'confirmed' } });
    if (def.capacity < confirmed) throw new AppError('conflict', `capacity ${def.capacity} is below the ${confirmed} confirmed attendees`);
    const updated = await tx.event.updateMany({ where: { id, status: { in: ['draft', 'open', 'closed'] } }, data: { ...definitionData(def), sequence: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError('conflict', 'a cancelled event cannot be edited');
    return (await this.get(id, tx))!;
  }

  async get(id: string, tx: Db = this.prisma): Promise<EventView | undefined> {
    // Raw on a chat turn's path: every event turn reads its event (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<EventRow>(tx, sql`SELECT * FROM "Event" WHERE "id" = ${id}`);
    return row ? this.#toView(row, tx) : undefined;
  }

  /** By id or a unique id prefix of at least 6 characters (command line). */
  async resolve(ref: string): Promise<EventView | undefined> {
    const exact = await this.get(ref);
    if (exact || ref.length < 6) return exact;
    const rows = await this.prisma.event.findMany({ where: { id: { startsWith: ref } }, take: 2 });
    if (rows.length > 1) throw new AppError('invalid_input', `"${ref}" matches more than one event: give more of the id`);
    return rows[0] ? this.#toView(rows[0]) : undefined;
  }

  async list(filter: { status?: EventStatus[]; endsAfter?: Date } = {}): Promise<EventView[]> {
    if (filter.status?.length === 0) return [];
    // Raw on a chat turn's path: a member's list of events (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<EventRow>(
      this.prisma,
      sql`SELECT * FROM "Event" WHERE ${filter.status ? sql`"status" IN (${join(filter.status)})` : sql`1 = 1`} AND ${filter.endsAfter ? sql`"endsAt" > ${filter.endsAfter}` : sql`1 = 1`} ORDER BY "startsAt", "id"`,
    );
    return this.#toViews(rows);
  }

  async transition(tx: PrismaTransaction, id: string, from: EventStatus[], to: EventStatus): Promise<boolean> {
    const result = await tx.event.updateMany({ where: { id, status: { in: from } }, data: { status: to, sequence: { increment: 1 } } });
    return result.count === 1;
  }
}
