import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Channel } from '../core/inbound.ts';
import type { Bilingual } from '../core/locale.ts';
import { readAudience, type Audience } from '../democracy/audience.ts';
import { readBilingual } from '../democracy/bilingual.ts';
import { StoredSurveyConfigSchema, type StoredSurveyConfig, type SurveyDefinition } from '../democracy/survey-definition.ts';
import { readAnswers, type Answers } from '../democracy/survey-logic.ts';
import { join, sqltag as sql } from '@prisma/client/runtime/client';
import type { DatabaseProvider, Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newId } from './ids.ts';

export const SurveyStatusSchema = z.enum(['draft', 'open', 'closed']);
/** draft → open → closed. */
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>;

/** A survey as the application sees it. */
export interface SurveyView {
  id: string;
  title: Bilingual;
  description: Bilingual;
  config: StoredSurveyConfig;
  audience: Audience;
  anonymous: boolean;
  status: SurveyStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  minGroupSize: number;
  createdBy: string;
  createdAt: Date;
}

/** A member's progress in a survey: their draft until they submit. */
export interface ParticipationView {
  surveyId: string;
  memberId: string;
  status: 'in-progress' | 'submitted';
  draft: Answers;
  channel: Channel | null;
  conversationKey: string | null;
}

type SurveyRow = Awaited<ReturnType<Prisma['survey']['findUniqueOrThrow']>>;
type ParticipationRow = Awaited<ReturnType<Prisma['surveyParticipation']['findUniqueOrThrow']>>;

function toView(row: SurveyRow): SurveyView {
  return {
    id: row.id,
    title: readBilingual(row.title),
    description: readBilingual(row.description),
    config: StoredSurveyConfigSchema.parse(JSON.parse(row.definition)),
    audience: readAudience(row.audience),
    anonymous: row.anonymous,
    status: SurveyStatusSchema.parse(row.status),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    minGroupSize: row.minGroupSize,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function toParticipation(row: ParticipationRow): ParticipationView {
  return {
    surveyId: row.surveyId,
    memberId: row.memberId,
    status: row.status === 'submitted' ? 'submitted' : 'in-progress',
    draft: readAnswers(row.draft),
    channel: (row.channel as Channel | null) ?? null,
    conversationKey: row.conversationKey,
  };
}

function definitionData(def: SurveyDefinition) {
  const config: StoredSurveyConfig = { questions: def.questions, remindBeforeCloseHours: def.remindBeforeCloseHours, breakdownByDepartment: def.breakdownByDepartment };
  return {
    title: JSON.stringify(def.title),
    description: JSON.stringify(def.description),
    definition: JSON.stringify(StoredSurveyConfigSchema.parse(config)),
    audience: JSON.stringify(def.audience),
    anonymous: def.anonymous,
    opensAt: def.opensAt ?? null,
    closesAt: def.closesAt ?? null,
    minGroupSize: def.minGroupSize,
  };
}

/** Where a participant can be reached. */
export interface Contact {
  channel?: Channel;
  conversationKey?: string;
}

/**
 * Surveys, drafts and responses. A draft lives on the member's participation row until they
 * submit; submitting erases it and writes the response, for anonymous surveys without any
 * member link, no timestamp and (SQLite) a random rowid.
 */
export class SurveyRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly provider: DatabaseProvider,
    private readonly sql: SqlRunner,
  ) {}

  async create(tx: PrismaTransaction, def: SurveyDefinition, createdBy: string): Promise<SurveyView> {
    return toView(await tx.survey.create({ data: { id: newId(), ...definitionData(def), createdBy } }));
  }

  async replace(tx: PrismaTransaction, id: string, def: SurveyDefinition): Promise<SurveyView> {
    const updated = await tx.survey.updateMany({ where: { id, status: 'draft' }, data: definitionData(def) });
    if (updated.count !== 1) throw new AppError('conflict', 'only a draft survey can be edited');
    return (await this.get(id, tx))!;
  }

  async get(id: string, tx: Db = this.prisma): Promise<SurveyView | undefined> {
    // Raw on a chat turn's path: every survey turn reads its survey (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<SurveyRow>(tx, sql`SELECT * FROM "Survey" WHERE "id" = ${id}`);
    return row ? toView(row) : undefined;
  }

  /** By id or a unique id prefix of at least 6 characters (command line). */
  async resolve(ref: string): Promise<SurveyView | undefined> {
    const exact = await this.get(ref);
    if (exact || ref.length < 6) return exact;
    const rows = await this.prisma.survey.findMany({ where: { id: { startsWith: ref } }, take: 2 });
    if (rows.length > 1) throw new AppError('invalid_input', `"${ref}" matches more than one survey: give more of the id`);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async list(filter: { status?: SurveyStatus[] } = {}): Promise<SurveyView[]> {
    if (filter.status?.length === 0) return [];
    // Raw on a chat turn's path: a member's "surveys" lists the open ones (docs/DATABASE.md, "Raw statements").
    const where = filter.status ? sql`WHERE "status" IN (${join(filter.status)})` : sql``;
    const rows = await this.sql.query<SurveyRow>(this.prisma, sql`SELECT * FROM "Survey" ${where} ORDER BY "createdAt" DESC, "id" DESC`);
    return rows.map(toView);
  }

  async transition(tx: PrismaTransaction, id: string, from: SurveyStatus[], to: SurveyStatus, extra: { opensAt?: Date } = {}): Promise<boolean> {
    const result = await tx.survey.updateMany({ where: { id, status: { in: from } }, data: { status: to, ...extra } });
    return result.count === 1;
  }

  async participation(surveyId: string, memberId: string, tx: Db = this.prisma): Promise<ParticipationView | undefined> {
    // Raw on a chat turn's path: every survey turn reads the member's draft (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<ParticipationRow>(tx, sql`SELECT * FROM "SurveyParticipation" WHERE "surveyId" = ${surveyId} AND "memberId" = ${memberId}`);
    return row ? toParticipation(row) : undefined;
  }

  /** One member's progress in several surveys. */
  async progressOf(memberId: string, surveyIds: string[]): Promise<Map<string, ParticipationView>> {
    if (surveyIds.length === 0) return new Map();
    // Raw on a chat turn's path: a member's "surveys" (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<ParticipationRow>(this.prisma, sql`SELECT * FROM "SurveyParticipation" WHERE "memberId" = ${memberId} AND "surveyId" IN (${join(surveyIds)})`);
    return new Map(rows.map((r) => [r.surveyId, toParticipation(r)]));
  }

  /** Saves a draft (creating the participation on the first answer); refused once submitted. */
  async saveDraft(tx: Db, surveyId: string, memberId: string, answers: Answers, contact: Contact): Promise<void> {
    // Raw on a chat turn's path: every answer saves the draft (docs/DATABASE.md, "Raw statements").
    const draft = JSON.stringify(answers);
    const channel = contact.channel ?? null;
    const conversationKey = contact.conversationKey ?? null;
    const now = new Date();
    const [existing] = await this.sql.query<{ id: string }>(tx, sql`SELECT "id" FROM "SurveyParticipation" WHERE "surveyId" = ${surveyId} AND "memberId" = ${memberId}`);
    if (!existing) {
      await this.sql.execute(
        tx,
        sql`INSERT INTO "SurveyParticipation" ("id", "surveyId", "memberId", "status", "draft", "channel", "conversationKey", "startedAt", "submittedOn", "updatedAt") VALUES (${newId()}, ${surveyId}, ${memberId}, ${'in-progress'}, ${draft}, ${channel}, ${conversationKey}, ${now}, ${null}, ${now})`,
      );
      return;
    }
    const updated = await this.sql.execute(tx, sql`UPDATE "SurveyParticipation" SET "draft" = ${draft}, "channel" = ${channel}, "conversationKey" = ${conversationKey}, "updatedAt" = ${now} WHERE "id" = ${existing.id} AND "status" = ${'in-progress'}`);
    if (updated !== 1) throw new AppError('conflict', 'this survey was already submitted', { reason: 'submitted' });
  }

  /**
   * Submits: marks the participation submitted (once: a conditional update) and writes the
   * response. `memberId` goes on the response only for attributed surveys.
   */
  async submit(tx: Db, input: { survey: SurveyView; memberId: string; answers: Answers; department: string; now: Date }): Promise<void> {
    const { survey } = input;
    // Raw on a chat turn's path: a submission is one of a survey turn's writes (docs/DATABASE.md, "Raw statements").
    const marked = await this.sql.execute(
      tx,
      sql`UPDATE "SurveyParticipation" SET "status" = ${'submitted'}, "draft" = ${'{}'}, "submittedOn" = ${input.now.toISOString().slice(0, 10)}, "updatedAt" = ${new Date()} WHERE "surveyId" = ${survey.id} AND "memberId" = ${input.memberId} AND "status" = ${'in-progress'}`,
    );
    if (marked !== 1) throw new AppError('conflict', 'this survey was already submitted', { reason: 'submitted' });
    const id = newId();
    const memberId = survey.anonymous ? null : input.memberId;
    const department = survey.config.breakdownByDepartment ? input.department : null;
    const answers = JSON.stringify(input.answers);
    if (this.provider === 'sqlite') {
      // A random rowid, so that the table's order is not the order of submission.
      await this.sql.execute(tx, sql`INSERT INTO "SurveyResponse" (rowid, "id", "surveyId", "memberId", "department", "answers") VALUES ((random() & 9223372036854775807), ${id}, ${survey.id}, ${memberId}, ${department}, ${answers})`);
    } else {
      await this.sql.execute(tx, sql`INSERT INTO "SurveyResponse" ("id", "surveyId", "memberId", "department", "answers") VALUES (${id}, ${survey.id}, ${memberId}, ${department}, ${answers})`);
    }
  }

  /** Every response (random order), with the member only for attributed surveys. */
  async responses(surveyId: string): Promise<{ memberId: string | null; department: string | null; answers: Answers }[]> {
    const rows = await this.prisma.surveyResponse.findMany({ where: { surveyId }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({ memberId: r.memberId, department: r.department, answers: readAnswers(r.answers) }));
  }

  /** Who has started and who has submitted (never what they answered). */
  async participants(surveyId: string): Promise<{ memberId: string; status: 'in-progress' | 'submitted'; channel: Channel | null; conversationKey: string | null }[]> {
    const rows = await this.prisma.surveyParticipation.findMany({ where: { surveyId }, select: { memberId: true, status: true, channel: true, conversationKey: true } });
    return rows.map((r) => ({ memberId: r.memberId, status: r.status === 'submitted' ? 'submitted' : 'in-progress', channel: (r.channel as Channel | null) ?? null, conversationKey: r.conversationKey }));
  }

  async counts(surveyId: string): Promise<{ started: number; submitted: number }> {
    const [started, submitted] = await Promise.all([
      this.prisma.surveyParticipation.count({ where: { surveyId } }),
      this.prisma.surveyParticipation.count({ where: { surveyId, status: 'submitted' } }),
    ]);
    return { started, submitted };
  }
}
