import type { Channel } from '../core/inbound.ts';
import type { Locale } from '../core/locale.ts';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';

/** A conversation a member can be sent a message in, and the language to use. */
export interface ContactView {
  channel: Channel;
  conversationKey: string;
  locale: Locale;
}

/** Who to notify: enough of the roster entry for a message, and where to send it. */
export interface Recipient {
  member: { name: string; email: string | null; locale: string | null };
  contact?: ContactView;
}

/**
 * Where to reach a member for survey reminders, event reminders and waitlist promotions: the
 * conversation in which they last used one of those flows. Members who never did, but have a
 * CLI identity, are reached at `cli:<user>` (the CLI chat's conversation key).
 */
export class DemocracyContactRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  async record(tx: Db, memberId: string, contact: ContactView): Promise<void> {
    // Raw on a chat turn's path: every survey, vote and event turn records where the member is
    // (docs/DATABASE.md, "Raw statements"). The same upsert syntax on SQLite and PostgreSQL.
    const now = new Date();
    await this.sql.execute(tx, sql`INSERT INTO "DemocracyContact" ("memberId", "channel", "conversationKey", "locale", "updatedAt") VALUES (${memberId}, ${contact.channel}, ${contact.conversationKey}, ${contact.locale}, ${now}) ON CONFLICT ("memberId") DO UPDATE SET "channel" = ${contact.channel}, "conversationKey" = ${contact.conversationKey}, "locale" = ${contact.locale}, "updatedAt" = ${now}`);
  }

  /** Contacts of several members; members who cannot be reached are absent from the map. */
  async of(memberIds: string[], db: PrismaTransaction | Prisma = this.prisma): Promise<Map<string, ContactView>> {
    const out = new Map<string, ContactView>();
    const rows = await db.democracyContact.findMany({ where: { memberId: { in: memberIds } } });
    for (const r of rows) out.set(r.memberId, { channel: r.channel as Channel, conversationKey: r.conversationKey, locale: r.locale === 'en' ? 'en' : 'zh-CN' });
    const missing = memberIds.filter((id) => !out.has(id));
    if (missing.length > 0) {
      const identities = await db.identity.findMany({ where: { memberId: { in: missing }, channel: 'cli' }, include: { member: { select: { locale: true } } }, orderBy: { updatedAt: 'desc' } });
      for (const i of identities) {
        if (i.memberId && !out.has(i.memberId)) out.set(i.memberId, { channel: 'cli', conversationKey: `cli:${i.externalId}`, locale: i.member?.locale === 'en' ? 'en' : 'zh-CN' });
      }
    }
    return out;
  }

  /** Names, emails and contacts of members to notify, read inside the caller's transaction. */
  async recipients(memberIds: string[], db: PrismaTransaction | Prisma = this.prisma): Promise<Map<string, Recipient>> {
    const contacts = await this.of(memberIds, db);
    const members = await db.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true, email: true, locale: true } });
    return new Map(members.map((m) => [m.id, { member: { name: m.name, email: m.email, locale: m.locale }, contact: contacts.get(m.id) }]));
  }
}
