import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { ballotReceiptHash, newReceiptCode, ownerCheck } from '../democracy/receipt.ts';
import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { DatabaseProvider, Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newId } from './ids.ts';
import { isUniqueViolation } from './errors.ts';

const ChoicesJson = z.array(z.string());

/** The voter already has a ballot in this vote. */
export const alreadyVoted = () => new AppError('conflict', 'this member has already voted', { reason: 'already-voted' });

/** That a member voted (never what). */
export interface ParticipationView {
  votedAt: Date;
  changes: number;
}

/** What checking a receipt shows: that the ballot is in the count, never its content. */
export interface ReceiptCheck {
  electionId: string;
  /** Ballots currently in the count of that vote. */
  ballots: number;
}

/**
 * Ballots and the record of who voted, kept apart (docs/DEMOCRACY.md, "Secret ballots"):
 * - ElectionParticipation (election, member) is unique: one ballot per voter, by the database;
 * - Ballot has a random id, no timestamp, and for secret ballots no member and nothing shared
 *   with the participation row; both are written in one transaction;
 * - on SQLite a ballot's rowid is random, so the table's physical order is not the casting order;
 *   on PostgreSQL `seal` rewrites a closed vote's ballots in random order (fresh ids and tuples);
 * - while a vote is open on PostgreSQL, `reseal` does the same every few minutes (a job);
 * - `compact` then removes the casting transactions' traces (dead tuples; the SQLite WAL).
 */
export class BallotRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly provider: DatabaseProvider,
    private readonly sql: SqlRunner,
  ) {}

  /**
   * Locks the vote against closing while a ballot is written and checks it is open. On
   * PostgreSQL `FOR SHARE` lets ballots proceed together but makes a concurrent close wait
   * for them (so the stored tally holds every committed ballot); SQLite serialises writers.
   */
  async lockOpen(tx: Db, electionId: string): Promise<boolean> {
    // One statement on both providers (only the lock clause differs), as a sign-up locks its event.
    const forShare = this.provider === 'postgresql' ? sql`FOR SHARE` : sql``;
    const rows = await this.sql.query<{ id: string }>(tx, sql`SELECT "id" FROM "Election" WHERE "id" = ${electionId} AND "status" = 'open' ${forShare}`);
    return rows.length === 1;
  }

  async #insertBallot(tx: Db, electionId: string, choices: string[], receiptHash: string, memberId: string | null): Promise<void> {
    const id = newId();
    const json = JSON.stringify(choices);
    if (this.provider === 'sqlite') {
      // An explicit random rowid: SQLite would otherwise number rows in insertion order.
      await this.sql.execute(tx, sql`INSERT INTO "Ballot" (rowid, "id", "electionId", "choices", "receiptHash", "memberId") VALUES ((random() & 9223372036854775807), ${id}, ${electionId}, ${json}, ${receiptHash}, ${memberId})`);
    } else {
      await this.sql.execute(tx, sql`INSERT INTO "Ballot" ("id", "electionId", "choices", "receiptHash", "memberId") VALUES (${id}, ${electionId}, ${json}, ${receiptHash}, ${memberId})`);
    }
  }

  /** The member's participation row of a vote, read inside the ballot's transaction. */
  async #participationRow(tx: Db, electionId: string, memberId: string): Promise<{ id: string; ownerCheck: string | null; changes: number } | undefined> {
    const [row] = await this.sql.query<{ id: string; ownerCheck: string | null; changes: number }>(tx, sql`SELECT "id", "ownerCheck", "changes" FROM "ElectionParticipation" WHERE "electionId" = ${electionId} AND "memberId" = ${memberId}`);
    return row;
  }

  /** Records a first ballot and that the member voted; returns the receipt code (shown once, never stored). */
  async cast(tx: Db, vote: { electionId: string; memberId: string; choices: string[]; secret: boolean; allowChange: boolean }): Promise<string> {
    // Raw on a chat turn's path: a ballot is a vote turn's write (docs/DATABASE.md, "Raw statements").
    if (await this.#participationRow(tx, vote.electionId, vote.memberId)) throw alreadyVoted();
    const receipt = newReceiptCode();
    try {
      await this.sql.execute(
        tx,
        sql`INSERT INTO "ElectionParticipation" ("id", "electionId", "memberId", "ownerCheck", "changes", "votedAt") VALUES (${newId()}, ${vote.electionId}, ${vote.memberId}, ${vote.secret && vote.allowChange ? ownerCheck(receipt) : null}, ${0}, ${new Date()})`,
      );
    } catch (error) {
      // A concurrent ballot of the same voter committed first: the unique index decided.
      if (isUniqueViolation(error)) throw alreadyVoted();
      throw error;
    }
    await this.#insertBallot(tx, vote.electionId, vote.choices, ballotReceiptHash(receipt), vote.secret ? null : vote.memberId);
    return receipt;
  }

  /**
   * Replaces a member's ballot (votes that allow it). A secret ballot can only be found through
   * its receipt, and only the receipt whose owner check is on this member's participation row
   * works, so nobody can replace someone else's ballot with a receipt they obtained.
   */
  async change(tx: Db, vote: { electionId: string; memberId: string; choices: string[]; secret: boolean; receipt?: string }): Promise<string> {
    const participation = await this.#participationRow(tx, vote.electionId, vote.memberId);
    if (!participation) throw new AppError('conflict', 'this member has not voted yet', { reason: 'not-voted' });
    const receipt = newReceiptCode();
    if (vote.secret) {
      if (!vote.receipt || !participation.ownerCheck || participation.ownerCheck !== ownerCheck(vote.receipt)) {
        throw new AppError('forbidden', 'that receipt is not the receipt of your ballot', { reason: 'wrong-receipt' });
      }
      const removed = await this.sql.execute(tx, sql`DELETE FROM "Ballot" WHERE "electionId" = ${vote.electionId} AND "receiptHash" = ${ballotReceiptHash(vote.receipt)} AND "memberId" IS NULL`);
      if (removed !== 1) throw new AppError('conflict', 'that ballot was already replaced', { reason: 'wrong-receipt' });
      await this.#insertBallot(tx, vote.electionId, vote.choices, ballotReceiptHash(receipt), null);
      const updated = await this.sql.execute(tx, sql`UPDATE "ElectionParticipation" SET "ownerCheck" = ${ownerCheck(receipt)}, "changes" = "changes" + 1 WHERE "id" = ${participation.id} AND "changes" = ${participation.changes}`);
      if (updated !== 1) throw new AppError('concurrent_update', 'the ballot changed while it was being replaced');
    } else {
      const updated = await this.sql.execute(tx, sql`UPDATE "Ballot" SET "choices" = ${JSON.stringify(vote.choices)}, "receiptHash" = ${ballotReceiptHash(receipt)} WHERE "electionId" = ${vote.electionId} AND "memberId" = ${vote.memberId}`);
      if (updated !== 1) throw new AppError('conflict', 'no ballot to replace');
      await this.sql.execute(tx, sql`UPDATE "ElectionParticipation" SET "changes" = "changes" + 1 WHERE "id" = ${participation.id}`);
    }
    return receipt;
  }

  /** Whether this receipt is the one on this member's participation (changeable secret ballots). */
  async ownsReceipt(electionId: string, memberId: string, receipt: string): Promise<boolean> {
    const row = await this.prisma.electionParticipation.findUnique({ where: { electionId_memberId: { electionId, memberId } }, select: { ownerCheck: true } });
    return !!row?.ownerCheck && row.ownerCheck === ownerCheck(receipt);
  }

  async participation(electionId: string, memberId: string, db: Db = this.prisma): Promise<ParticipationView | undefined> {
    // Raw on a chat turn's path: every vote turn asks whether the member voted (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<{ votedAt: Date; changes: number }>(db, sql`SELECT "votedAt", "changes" FROM "ElectionParticipation" WHERE "electionId" = ${electionId} AND "memberId" = ${memberId}`);
    return row ? { votedAt: row.votedAt, changes: row.changes } : undefined;
  }

  /** The votes among `electionIds` this member has voted in. */
  async votedIn(memberId: string, electionIds: string[]): Promise<Set<string>> {
    if (electionIds.length === 0) return new Set();
    // Raw on a chat turn's path: a member's "votes" (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<{ electionId: string }>(this.prisma, sql`SELECT "electionId" FROM "ElectionParticipation" WHERE "memberId" = ${memberId} AND "electionId" IN (${join(electionIds)})`);
    return new Set(rows.map((r) => r.electionId));
  }

  async countParticipants(electionId: string, tx: PrismaTransaction | Prisma = this.prisma): Promise<number> {
    return tx.electionParticipation.count({ where: { electionId } });
  }

  /**
   * When members took part, rounded down to the hour and without who: enough for a turnout
   * chart, too coarse to line up with anything else (ballot rows carry no time at all).
   */
  async participationHours(electionId: string): Promise<Date[]> {
    const rows = await this.prisma.electionParticipation.findMany({ where: { electionId }, select: { votedAt: true } });
    return rows.map((r) => new Date(Math.floor(r.votedAt.getTime() / 3_600_000) * 3_600_000)).sort((a, b) => a.getTime() - b.getTime());
  }

  /** Every ballot's choices, in id order (random, so it says nothing about who or when). */
  async choices(electionId: string, tx: PrismaTransaction | Prisma = this.prisma): Promise<string[][]> {
    const rows = await tx.ballot.findMany({ where: { electionId }, select: { choices: true }, orderBy: { id: 'asc' } });
    return rows.map((r) => ChoicesJson.parse(JSON.parse(r.choices)));
  }

  /** Whether a receipt's ballot is in the count (and of which vote). Shows no choices. */
  async check(receipt: string): Promise<ReceiptCheck | undefined> {
    const row = await this.prisma.ballot.findUnique({ where: { receiptHash: ballotReceiptHash(receipt) }, select: { electionId: true } });
    if (!row) return undefined;
    return { electionId: row.electionId, ballots: await this.prisma.ballot.count({ where: { electionId: row.electionId } }) };
  }

  /**
   * PostgreSQL keeps rows in insertion order and stamps each with its transaction id (xmin),
   * which the participation row shares. Sealing re-inserts a closed vote's ballots with new ids,
   * in random order, in the closing transaction; `compact` then rewrites the table so that the
   * old row versions are gone. SQLite needs neither (random rowids, no transaction stamps).
   */
  async seal(tx: PrismaTransaction, electionId: string): Promise<void> {
    if (this.provider !== 'postgresql') return;
    const rows = await tx.ballot.findMany({ where: { electionId } });
    await tx.ballot.deleteMany({ where: { electionId } });
    const fresh = rows.map((r) => ({ ...r, id: newId() })).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (fresh.length > 0) await tx.ballot.createMany({ data: fresh });
  }

  /**
   * PostgreSQL, while a vote is open: seals the ballots cast so far (fresh ids, random order, one
   * transaction id), so that a snapshot or backup taken later in the voting window can link only
   * the ballots cast since the last reseal. `FOR UPDATE` on the election waits for ballots being
   * written (they hold `FOR SHARE`) and holds new ones back until it commits, so no ballot is
   * missed. False when the vote is no longer open (or on SQLite, which needs none of this).
   */
  async reseal(tx: PrismaTransaction, electionId: string): Promise<boolean> {
    if (this.provider !== 'postgresql') return false;
    const rows = await this.sql.query<{ id: string }>(tx, sql`SELECT "id" FROM "Election" WHERE "id" = ${electionId} AND "status" = 'open' FOR UPDATE`);
    if (rows.length !== 1) return false;
    await this.seal(tx, electionId);
    return true;
  }

  /** After a reseal, outside any transaction: frees the old row versions without locking voters out. */
  async vacuum(): Promise<void> {
    if (this.provider === 'postgresql') await this.prisma.$executeRawUnsafe('VACUUM "Ballot"');
  }

  /**
   * After a close, outside any transaction: removes what still records the order of casting.
   * PostgreSQL: rewrites the ballot table without the dead row versions (and their xmin).
   * SQLite: the ballot rows themselves hold no order, but the write-ahead log keeps each voting
   * transaction's page images (the ballot's page next to the participation row's) until it is
   * overwritten; a truncating checkpoint empties the -wal file. Best effort: a reader that is
   * still open elsewhere can keep the checkpoint from truncating.
   */
  async compact(): Promise<void> {
    if (this.provider === 'postgresql') await this.prisma.$executeRawUnsafe('VACUUM FULL "Ballot"');
    else await this.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}
