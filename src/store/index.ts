import { AnswerRepository } from './answers.ts';
import { AuditLog } from './audit.ts';
import { openDatabase, migrate, type Database, type PrismaTransaction } from './database.ts';
import { JobRepository } from './jobs.ts';
import { DemocracyContactRepository } from './democracy-contacts.ts';
import { EventRepository } from './events.ts';
import { SurveyRepository } from './surveys.ts';
import { BallotRepository } from './vote-ballots.ts';
import { VoteRepository } from './votes.ts';
import { MemberRepository } from './members.ts';
import { OutboxRepository } from './outbox.ts';
import { SessionRepository, TranscriptRepository } from './sessions.ts';
import { SlackRecords } from './slack-records.ts';
import { TicketRepository } from './tickets.ts';
import { SqlRunner, type SqlTx } from './sql.ts';

export type { Database, PrismaTransaction } from './database.ts';
export type { SqlTx } from './sql.ts';
export { isUniqueViolation } from './errors.ts';

/** Every repository over one database. Nothing outside src/store imports Prisma. */
export interface Store {
  db: Database;
  members: MemberRepository;
  sessions: SessionRepository;
  transcripts: TranscriptRepository;
  audit: AuditLog;
  answers: AnswerRepository;
  outbox: OutboxRepository;
  jobs: JobRepository;
  /** Surveys, drafts and responses. */
  surveys: SurveyRepository;
  /** Elections, awards and motions, and the honor roll. */
  votes: VoteRepository;
  /** Ballots and who voted, kept apart. */
  ballots: BallotRepository;
  /** Events, sign-ups and waitlists. */
  events: EventRepository;
  /** Where members get survey and event reminders. */
  democracyContacts: DemocracyContactRepository;
  tickets: TicketRepository;
  /** The Slack adapter's own rows (stashed button values, case cards in the staff channel). */
  slack: SlackRecords;
  /** Runs the raw statements of a chat turn's path without the Prisma client (src/store/sql.ts). */
  sql: SqlRunner;
  /** Runs work in one database transaction (Prisma's interactive transaction: the model API works in it). */
  transaction<T>(work: (tx: PrismaTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs work that uses raw statements only (`sql`) in one transaction of the driver adapter,
   * without the Prisma client: what a chat turn's writes use (src/store/sql.ts, docs/DATABASE.md).
   */
  sqlTransaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Migrates (unless told not to) and opens the store. `clusterWorker`: this process is one of
 * several `serve` workers on this database (src/server/cluster.ts).
 */
export async function openStore(databaseUrl: string, options: { migrate?: boolean; clusterWorker?: boolean } = {}): Promise<Store> {
  // A cluster worker's primary had the migrations applied before starting it (src/server/cluster.ts).
  if (options.migrate !== false && !options.clusterWorker) await migrate(databaseUrl);
  const db = await openDatabase(databaseUrl);
  const sql = new SqlRunner(db.prisma, db.direct);
  const transaction = <T>(work: (tx: PrismaTransaction) => Promise<T>): Promise<T> =>
    db.prisma.$transaction(
      (tx) => {
        // Before anything else runs in it: the turn's raw statements then run on its adapter transaction.
        sql.bind(tx);
        return work(tx);
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
  return {
    db,
    sql,
    members: new MemberRepository(db.prisma, sql),
    // A SQLite file served by one process can cache its sessions: no other process saves them.
    // Cluster workers and PostgreSQL instances share the sessions, so they read them every turn.
    sessions: new SessionRepository(db.prisma, sql, { cacheSessions: db.provider === 'sqlite' && !options.clusterWorker }),
    transcripts: new TranscriptRepository(db.prisma, sql),
    audit: new AuditLog(db.prisma, sql),
    answers: new AnswerRepository(db.prisma, sql),
    outbox: new OutboxRepository(db.prisma, sql),
    jobs: new JobRepository(db.prisma, sql),
    surveys: new SurveyRepository(db.prisma, db.provider, sql),
    votes: new VoteRepository(db.prisma, db.provider, sql),
    ballots: new BallotRepository(db.prisma, db.provider, sql),
    events: new EventRepository(db.prisma, db.provider, sql),
    democracyContacts: new DemocracyContactRepository(db.prisma, sql),
    tickets: new TicketRepository(db.prisma, sql),
    slack: new SlackRecords(db.prisma),
    transaction,
    // On PostgreSQL Prisma's own: there the round trip, not the client, is the cost.
    sqlTransaction: (work) => sql.transaction(work),
    close: () => db.close(),
  };
}
