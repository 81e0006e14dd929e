import type { Prisma } from './database.ts';

/** Answers per day, by kind and rating: what the console's overview charts. */
export interface AnswerDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  total: number;
  helpful: number;
  notHelpful: number;
}

/** What members asked about over a period, never who asked or (for psychological questions) what. */
export interface AnswerInsights {
  days: AnswerDay[];
  /** Questions by kind: legal, union, psych, none. */
  kinds: Record<string, number>;
  /** The sources answers cited most: the topics members care about. */
  topSources: { title: string; count: number }[];
}

/**
 * Read-only aggregates over recorded answers for the overview dashboard. Counts only: no
 * question text, no member ids leave this function.
 */
export class AnswerInsightsQuery {
  constructor(private readonly prisma: Prisma) {}

  async since(since: Date, days: number, topN = 8): Promise<AnswerInsights> {
    const rows = await this.prisma.answerRecord.findMany({
      where: { createdAt: { gte: since } },
      select: { createdAt: true, kind: true, rating: true, citations: true },
      take: 100_000,
    });
    const byDay = new Map<string, AnswerDay>();
    for (let i = 0; i < days; i++) {
      const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      byDay.set(day, { day, total: 0, helpful: 0, notHelpful: 0 });
    }
    const kinds: Record<string, number> = {};
    const sources = new Map<string, number>();
    for (const row of rows) {
      const entry = byDay.get(row.createdAt.toISOString().slice(0, 10));
      if (entry) {
        entry.total++;
        if (row.rating === 'helpful') entry.helpful++;
        if (row.rating === 'not-helpful') entry.notHelpful++;
      }
      kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
      let cited: unknown = [];
      try {
        cited = JSON.parse(row.citations);
      } catch {
        cited = [];
      }
      // One count per answer and document: "Labour Contract Law 第八十二条" → "Labour Contract Law".
      const titles = new Set((Array.isArray(cited) ? cited : []).filter((c): c is string => typeof c === 'string').map((c) => c.replace(/\s+(第[^\s]+条|§.*|#.*)$/, '').trim()));
      for (const title of titles) if (title) sources.set(title, (sources.get(title) ?? 0) + 1);
    }
    const topSources = [...sources.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, topN).map(([title, count]) => ({ title, count }));
    return { days: [...byDay.values()], kinds, topSources };
  }
}
