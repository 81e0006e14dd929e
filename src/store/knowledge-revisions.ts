import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Prisma } from './database.ts';
import { newId } from './ids.ts';

export const RevisionStatusSchema = z.enum(['draft', 'published', 'discarded']);
/** Where a revision stands: being written, published (part of the history), or thrown away. */
export type RevisionStatus = z.infer<typeof RevisionStatusSchema>;

/** One version of a knowledge-base document as an editor wrote it. */
export interface KnowledgeRevision {
  id: string;
  path: string;
  markdown: string;
  status: RevisionStatus;
  authorId: string;
  note: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** A relative Markdown path under the knowledge base: no "..", no absolute paths. */
export const KnowledgePathSchema = z
  .string()
  .trim()
  .min(4)
  .max(200)
  .regex(/^(laws|faq|psych|union)\/[a-z0-9][a-z0-9._-]*\.md$/, 'path must look like faq/<name>.md (lower-case letters, digits, ".", "_", "-")');

type Row = Omit<KnowledgeRevision, 'status'> & { status: string };
const toRevision = (row: Row): KnowledgeRevision => ({ ...row, status: RevisionStatusSchema.parse(row.status) });

/** Drafts and the publishing history of knowledge-base documents (the console's editor). */
export class KnowledgeRevisionRepository {
  constructor(private readonly prisma: Prisma) {}

  async saveDraft(input: { id?: string; path: string; markdown: string; authorId: string; note?: string }): Promise<KnowledgeRevision> {
    const path = KnowledgePathSchema.parse(input.path);
    if (input.id) {
      const result = await this.prisma.knowledgeRevision.updateMany({
        where: { id: input.id, status: 'draft' },
        data: { path, markdown: input.markdown, note: input.note ?? '', authorId: input.authorId },
      });
      if (result.count !== 1) throw new AppError('conflict', 'this draft was already published or discarded');
      return (await this.get(input.id))!;
    }
    const row = await this.prisma.knowledgeRevision.create({ data: { id: newId(), path, markdown: input.markdown, authorId: input.authorId, note: input.note ?? '' } });
    return toRevision(row);
  }

  async get(id: string): Promise<KnowledgeRevision | undefined> {
    const row = await this.prisma.knowledgeRevision.findUnique({ where: { id } });
    return row ? toRevision(row) : undefined;
  }

  /** Every draft and published version of a document, newest first. */
  async history(path: string): Promise<KnowledgeRevision[]> {
    const rows = await this.prisma.knowledgeRevision.findMany({ where: { path, status: { not: 'discarded' } }, orderBy: { createdAt: 'desc' } });
    return rows.map(toRevision);
  }

  async drafts(): Promise<KnowledgeRevision[]> {
    const rows = await this.prisma.knowledgeRevision.findMany({ where: { status: 'draft' }, orderBy: { updatedAt: 'desc' } });
    return rows.map(toRevision);
  }

  /** The last published version of a document, if it was ever published from the console. */
  async lastPublished(path: string): Promise<KnowledgeRevision | undefined> {
    const row = await this.prisma.knowledgeRevision.findFirst({ where: { path, status: 'published' }, orderBy: { publishedAt: 'desc' } });
    return row ? toRevision(row) : undefined;
  }

  /**
   * Records the version that was live before the console first changed a document, so the
   * history always starts from what the file said (files may come from git, not the console).
   */
  async recordBaseline(path: string, markdown: string, authorId: string): Promise<void> {
    if (await this.prisma.knowledgeRevision.findFirst({ where: { path, status: 'published' } })) return;
    await this.prisma.knowledgeRevision.create({
      data: { id: newId(), path, markdown, status: 'published', authorId, note: 'baseline', publishedAt: new Date(0), createdAt: new Date(0) },
    });
  }

  /** Marks a draft published; only one publisher wins a race for the same draft. */
  async markPublished(id: string): Promise<boolean> {
    const result = await this.prisma.knowledgeRevision.updateMany({ where: { id, status: 'draft' }, data: { status: 'published', publishedAt: new Date() } });
    return result.count === 1;
  }

  async discard(id: string): Promise<boolean> {
    const result = await this.prisma.knowledgeRevision.updateMany({ where: { id, status: 'draft' }, data: { status: 'discarded' } });
    return result.count === 1;
  }
}
