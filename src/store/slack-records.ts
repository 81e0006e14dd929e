import { z } from 'zod';
import type { Prisma } from './database.ts';
import { isUniqueViolation } from './errors.ts';

/** A value kept server-side behind a token (see SlackStash in prisma/schema/slack.prisma). */
export interface StashItem {
  id: string;
  kind: 'value' | 'form' | 'choices';
  content: string;
}

/** Where a case was announced in the staff channel, and what the channel has been shown. */
export interface CaseCard {
  ticketId: string;
  channel: string;
  ts: string;
  cardHash: string;
  relayedUntil: Date | null;
  announced: string[];
}

const AnnouncedJson = z.array(z.string());

type CardRow = { ticketId: string; channel: string; ts: string; cardHash: string; relayedUntil: Date | null; announced: string };
function toCard(row: CardRow): CaseCard {
  let announced: string[] = [];
  try {
    announced = AnnouncedJson.parse(JSON.parse(row.announced));
  } catch {
    announced = [];
  }
  return { ticketId: row.ticketId, channel: row.channel, ts: row.ts, cardHash: row.cardHash, relayedUntil: row.relayedUntil, announced };
}

/** How long a stashed value stays usable: a survey form may be opened weeks after it was sent. */
const STASH_TTL_MS = 120 * 24 * 60 * 60 * 1000;

/**
 * The Slack adapter's own rows: values stashed behind button tokens, and where each case card
 * was posted in the staff channel. Only the Slack adapter (src/bots/slack) uses them; they live
 * here because nothing outside src/store touches Prisma.
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

  /**
   * Claims the posting of a case's card (a row with a placeholder timestamp); false when the
   * card exists or another instance is posting it.
   */
  async reserveCard(ticketId: string, channel: string): Promise<boolean> {
    try {
      await this.prisma.slackCaseCard.create({ data: { ticketId, channel, ts: `pending:${ticketId}` } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Gives up a reservation whose post failed, so a retry can post. */
  async releaseCard(ticketId: string): Promise<void> {
    await this.prisma.slackCaseCard.deleteMany({ where: { ticketId, ts: `pending:${ticketId}` } });
  }

  /** Records the posted card's message. */
  async completeCard(ticketId: string, ts: string, cardHash: string): Promise<CaseCard> {
    return toCard(await this.prisma.slackCaseCard.update({ where: { ticketId }, data: { ts, cardHash } }));
  }

  async cardOf(ticketId: string): Promise<CaseCard | undefined> {
    const row = await this.prisma.slackCaseCard.findUnique({ where: { ticketId } });
    return row ? toCard(row) : undefined;
  }

  async cardAt(channel: string, ts: string): Promise<CaseCard | undefined> {
    const row = await this.prisma.slackCaseCard.findUnique({ where: { channel_ts: { channel, ts } } });
    return row ? toCard(row) : undefined;
  }

  /** Records what the channel now shows of a case. */
  async updateCard(ticketId: string, change: Partial<Pick<CaseCard, 'cardHash' | 'relayedUntil' | 'announced'>>): Promise<void> {
    const { announced, ...rest } = change;
    await this.prisma.slackCaseCard.update({ where: { ticketId }, data: { ...rest, ...(announced ? { announced: JSON.stringify(announced) } : {}) } });
  }
}
