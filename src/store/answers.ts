import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';

/** An answer as recorded for the editors' review. */
export interface AnswerRecordView {
  id: string;
  kind: string;
  question: string | null;
  locale: string;
  confidence: number;
  lowConfidence: boolean;
  citations: string[];
  rating: 'helpful' | 'not-helpful' | null;
  channel: string;
  createdAt: Date;
}

/** Answers given and their ratings: what editors use to find gaps in the knowledge base. */
export class AnswerRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  async record(
    tx: Db,
    answer: { id: string; kind: string; question: string; locale: string; confidence: number; lowConfidence: boolean; citations: string[]; channel: string; memberId?: string },
  ): Promise<void> {
    // Psychological questions are personal: count them, never keep their words for editors.
    // Cut at 2000 code units without leaving half a surrogate pair (Prisma refuses a lone surrogate).
    const question = answer.kind === 'psych' ? null : answer.question.slice(0, 2000).replace(/[\uD800-\uDBFF]$/, '');
    // Raw on a chat turn's path: every question writes one (docs/DATABASE.md, "Raw statements").
    await this.sql.execute(tx, sql`INSERT INTO "AnswerRecord" ("id", "kind", "question", "locale", "confidence", "lowConfidence", "citations", "channel", "memberId", "createdAt") VALUES (${answer.id}, ${answer.kind}, ${question}, ${answer.locale}, ${answer.confidence}, ${answer.lowConfidence}, ${JSON.stringify(answer.citations)}, ${answer.channel}, ${answer.memberId ?? null}, ${new Date()})`);
  }

  /** Rates an answer; only the member it was given to can (checked by the caller). Idempotent. */
  async rate(id: string, rating: 'helpful' | 'not-helpful', memberId: string | undefined): Promise<boolean> {
    const result = await this.prisma.answerRecord.updateMany({ where: { id, memberId: memberId ?? null }, data: { rating, ratedAt: new Date() } });
    return result.count === 1;
  }

  /** Questions answered badly: low confidence or rated not helpful, newest first. */
  async unanswered(limit = 100): Promise<AnswerRecordView[]> {
    const rows = await this.prisma.answerRecord.findMany({
      where: { OR: [{ lowConfidence: true }, { rating: 'not-helpful' }], question: { not: null } },
      orderBy: { createdAt: 'desc' },
      take: limit,
    });
    return rows.map((r) => ({ ...r, citations: JSON.parse(r.citations) as string[], rating: r.rating as AnswerRecordView['rating'] }));
  }

  async stats(since: Date): Promise<{ total: number; helpful: number; notHelpful: number; lowConfidence: number }> {
    const where = { createdAt: { gte: since } };
    const [total, helpful, notHelpful, lowConfidence] = await Promise.all([
      this.prisma.answerRecord.count({ where }),
      this.prisma.answerRecord.count({ where: { ...where, rating: 'helpful' } }),
      this.prisma.answerRecord.count({ where: { ...where, rating: 'not-helpful' } }),
      this.prisma.answerRecord.count({ where: { ...where, lowConfidence: true } }),
    ]);
    return { total, helpful, notHelpful, lowConfidence };
  }
}
