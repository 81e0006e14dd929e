import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Bilingual } from '../core/locale.ts';
import { readAudience, type Audience } from '../democracy/audience.ts';
import { readBilingual } from '../democracy/bilingual.ts';
import { TallySchema, type Tally } from '../democracy/tally.ts';
import { ElectionKindSchema, type ElectionKind, type VoteDefinition } from '../democracy/vote-definition.ts';
import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { DatabaseProvider, Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newId } from './ids.ts';

export const ElectionStatusSchema = z.enum(['draft', 'open', 'closed']);
/** Where a vote is in its life: drafted, open for ballots, or closed and counted. */
export type ElectionStatus = z.infer<typeof ElectionStatusSchema>;

/** A candidate or nominee with their statement. */
export interface CandidateView {
  id: string;
  position: number;
  name: Bilingual;
  statement: Bilingual;
  memberId: string | null;
}

/** A vote as the application sees it. `result` is present once closed. */
export interface ElectionView {
  id: string;
  title: Bilingual;
  description: Bilingual;
  kind: ElectionKind;
  seats: number;
  secret: boolean;
  allowChange: boolean;
  audience: Audience;
  quorumPercent: number;
  thresholdPercent: number;
  status: ElectionStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  createdBy: string;
  createdAt: Date;
  closedAt: Date | null;
  candidates: CandidateView[];
  result: Tally | null;
}

/** A published winner on the honor roll. */
export interface HonorRollView {
  electionId: string;
  candidateId: string;
  memberId: string | null;
  name: Bilingual;
  title: Bilingual;
  votes: number;
  awardedAt: Date;
}

type ElectionRow = Awaited<ReturnType<Prisma['election']['findUniqueOrThrow']>> & {
  candidates: Awaited<ReturnType<Prisma['electionCandidate']['findUniqueOrThrow']>>[];
};

function toView(row: ElectionRow): ElectionView {
  return {
    id: row.id,
    title: readBilingual(row.title),
    description: readBilingual(row.description),
    kind: ElectionKindSchema.parse(row.kind),
    seats: row.seats,
    secret: row.secret,
    allowChange: row.allowChange,
    audience: readAudience(row.audience),
    quorumPercent: row.quorumPercent,
    thresholdPercent: row.thresholdPercent,
    status: ElectionStatusSchema.parse(row.status),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    candidates: [...row.candidates]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ id: c.id, position: c.position, name: readBilingual(c.name), statement: readBilingual(c.statement), memberId: c.memberId })),
    result: row.result ? TallySchema.parse(JSON.parse(row.result)) : null,
  };
}

function definitionData(def: VoteDefinition) {
  return {
    title: JSON.stringify(def.title),
    description: JSON.stringify(def.description),
    kind: def.kind,
    seats: def.seats,
    secret: def.secret,
    allowChange: def.allowChange,
    audience: JSON.stringify(def.audience),
    quorumPercent: def.quorumPercent,
    thresholdPercent: def.thresholdPercent,
    opensAt: def.opensAt ?? null,
    closesAt: def.closesAt ?? null,
  };
}

/** Elections, awards and motions: their definitions, status, results and honor roll. */
export class VoteRepository {
  constructor(
    private readonly prisma: Prisma,
    readonly provider: DatabaseProvider,
    private readonly sql: SqlRunner,
  ) {}

  /** Creates a draft. `candidateMembers` maps a candidate's employee number to a member id. */
  async create(tx: PrismaTransaction, def: VoteDefinition, createdBy: string, candidateMembers: Map<string, string>): Promise<ElectionView> {
    const id = newId();
    await tx.election.create({ data: { id, ...definitionData(def), createdBy } });
    await this.#writeCandidates(tx, id, def, candidateMembers);
    return (await this.get(id, tx))!;
  }

  /** Replaces a draft's definition (candidates included). */
  async replace(tx: PrismaTransaction, id: string, def: VoteDefinition, candidateMembers: Map<string, string>): Promise<ElectionView> {
    const updated = await tx.election.updateMany({ where: { id, status: 'draft' }, data: definitionData(def) });
    if (updated.count !== 1) throw new AppError('conflict', 'only a draft vote can be edited');
    await tx.electionCandidate.deleteMany({ where: { electionId: id } });
    await this.#writeCandidates(tx, id, def, candidateMembers);
    return (await this.get(id, tx))!;
  }

  async #writeCandidates(tx: PrismaTransaction, electionId: string, def: VoteDefinition, candidateMembers: Map<string, string>): Promise<void> {
    for (const [position, c] of def.candidates.entries()) {
      await tx.electionCandidate.create({
        data: { id: newId(), electionId, position, name: JSON.stringify(c.name), statement: JSON.stringify(c.statement), memberId: c.member ? (candidateMembers.get(c.member) ?? null) : null },
      });
    }
  }

  async get(id: string, tx: Db = this.prisma): Promise<ElectionView | undefined> {
    // Raw on a chat turn's path: every vote turn reads its vote (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<Omit<ElectionRow, 'candidates'>>(tx, sql`SELECT * FROM "Election" WHERE "id" = ${id}`);
    if (!row) return undefined;
    const candidates = await this.sql.query<ElectionRow['candidates'][number]>(tx, sql`SELECT * FROM "ElectionCandidate" WHERE "electionId" = ${id} ORDER BY "position"`);
    return toView({ ...row, candidates });
  }

  /** Finds a vote by its id or a unique prefix of it (at least 6 characters) for the command line. */
  async resolve(ref: string): Promise<ElectionView | undefined> {
    const exact = await this.get(ref);
    if (exact || ref.length < 6) return exact;
    const rows = await this.prisma.election.findMany({ where: { id: { startsWith: ref } }, include: { candidates: true }, take: 2 });
    if (rows.length > 1) throw new AppError('invalid_input', `"${ref}" matches more than one vote: give more of the id`);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async list(filter: { status?: ElectionStatus[] } = {}): Promise<ElectionView[]> {
    if (filter.status?.length === 0) return [];
    // Raw on a chat turn's path: a member's list of votes (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<Omit<ElectionRow, 'candidates'>>(
      this.prisma,
      sql`SELECT * FROM "Election" WHERE ${filter.status ? sql`"status" IN (${join(filter.status)})` : sql`1 = 1`} ORDER BY "createdAt" DESC, "id"`,
    );
    if (rows.length === 0) return [];
    const candidates = await this.sql.query<ElectionRow['candidates'][number]>(
      this.prisma,
      sql`SELECT * FROM "ElectionCandidate" WHERE "electionId" IN (${join(rows.map((r) => r.id))}) ORDER BY "position"`,
    );
    return rows.map((row) => toView({ ...row, candidates: candidates.filter((c) => c.electionId === row.id) }));
  }

  /** Moves a vote from one status to another; false when it was not in `from` (idempotent callers). */
  async transition(tx: PrismaTransaction, id: string, from: ElectionStatus[], to: ElectionStatus): Promise<boolean> {
    const result = await tx.election.updateMany({ where: { id, status: { in: from } }, data: { status: to, ...(to === 'closed' ? { closedAt: new Date() } : {}) } });
    return result.count === 1;
  }

  /** Stores the tally counted at closing. */
  async storeResult(tx: PrismaTransaction, id: string, tally: Tally): Promise<void> {
    await tx.election.update({ where: { id }, data: { result: JSON.stringify(tally) } });
  }

  /** Writes the published winners of a closed vote (once: a second call changes nothing). */
  async publishWinners(tx: PrismaTransaction, election: ElectionView, tally: Tally): Promise<void> {
    for (const winner of tally.winners) {
      const candidate = election.candidates.find((c) => c.id === winner);
      if (!candidate) continue;
      const votes = tally.options.find((o) => o.id === winner)?.votes ?? 0;
      const exists = await tx.honorRollEntry.findUnique({ where: { electionId_candidateId: { electionId: election.id, candidateId: winner } } });
      if (exists) continue;
      await tx.honorRollEntry.create({
        data: { id: newId(), electionId: election.id, candidateId: winner, memberId: candidate.memberId, name: JSON.stringify(candidate.name), title: JSON.stringify(election.title), votes },
      });
    }
  }

  /** The honor roll: every published win, or one member's (for their profile). */
  async honorRoll(memberId?: string): Promise<HonorRollView[]> {
    const rows = await this.prisma.honorRollEntry.findMany({ where: memberId ? { memberId } : {}, orderBy: { awardedAt: 'desc' } });
    return rows.map((r) => ({ electionId: r.electionId, candidateId: r.candidateId, memberId: r.memberId, name: readBilingual(r.name), title: readBilingual(r.title), votes: r.votes, awardedAt: r.awardedAt }));
  }
}
