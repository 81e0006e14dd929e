import type { Prisma } from '../../store/database.ts';

/** A value kept server-side behind a token (see SlackStash in prisma/schema/slack.prisma). */
export interface StashItem {
  id: string;
  kind: 'value' | 'form' | 'choices';
  content: string;
}

/** Where a case was announced in the staff channel. */
export interface CaseCard {
  ticketId: string;
  channel: string;
  ts: string;
}

/** How long a stashed value stays usable: a survey form may be opened weeks after it was sent. */
const STASH_TTL_MS = 120 * 24 * 60 * 60 * 1000;

/**
 * The Slack adapter's own rows. Kept beside the adapter rather than in src/store because only
 * the adapter reads them; they use the store's Prisma client and return plain types.
 */
export class SlackRecords {
  constructor(private readonly prisma: Prisma) {}

  async saveStash(items: StashItem[], now = new Date()): Promise<void> {
    if (items.length === 0) return;
    const expiresAt = new Date(now.getTime() + STASH_TTL_MS);
    await this.prisma.slackStash.createMany({ data: items.map((item) => ({ ...item, expiresAt })) });
    // Expired values are removed as new ones arrive, so the table stays small without a job.
    await this.prisma.slackStash.deleteMany({ where: { expiresAt: { lt: now } } });
  }

  async loadStash(id: string, now = new Date()): Promise<StashItem | undefined> {
    const row = await this.prisma.slackStash.findUnique({ where: { id } });
    if (!row || row.expiresAt < now) return undefined;
    return { id: row.id, kind: row.kind as StashItem['kind'], content: row.content };
  }

  /** Records a case's staff-channel message; a second record for one case keeps the first. */
  async saveCard(card: CaseCard): Promise<CaseCard> {
    const existing = await this.prisma.slackCaseCard.findUnique({ where: { ticketId: card.ticketId } });
    if (existing) return { ticketId: existing.ticketId, channel: existing.channel, ts: existing.ts };
    try {
      await this.prisma.slackCaseCard.create({ data: card });
      return card;
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
      const row = await this.prisma.slackCaseCard.findUnique({ where: { ticketId: card.ticketId } });
      return row ? { ticketId: row.ticketId, channel: row.channel, ts: row.ts } : card;
    }
  }

  async cardOf(ticketId: string): Promise<CaseCard | undefined> {
    const row = await this.prisma.slackCaseCard.findUnique({ where: { ticketId } });
    return row ? { ticketId: row.ticketId, channel: row.channel, ts: row.ts } : undefined;
  }

  async cardAt(channel: string, ts: string): Promise<CaseCard | undefined> {
    const row = await this.prisma.slackCaseCard.findUnique({ where: { channel_ts: { channel, ts } } });
    return row ? { ticketId: row.ticketId, channel: row.channel, ts: row.ts } : undefined;
  }

  /** Moves a case's card to a new message (an overdue case re-announced at the bottom). */
  async moveCard(ticketId: string, ts: string): Promise<void> {
    await this.prisma.slackCaseCard.update({ where: { ticketId }, data: { ts } });
  }
}
