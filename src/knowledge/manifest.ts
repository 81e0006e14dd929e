import { z } from 'zod';

/** One indexed chunk: its content hash (vectors are reused while it holds) and its hnsw label. */
const ManifestChunk = z.object({ id: z.string(), hash: z.string(), label: z.number().int().nonnegative() });

/** The index's table of contents: documents → content hash → chunks → hnsw labels. */
export const ManifestSchema = z.object({
  format: z.literal(2),
  /** Increases by one with every write; readers compare it to know they are behind. */
  indexVersion: z.number().int().nonnegative(),
  builtAt: z.string(),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  /** Version of the analyser and thesaurus that produced the stored terms. */
  analyzer: z.string(),
  /** Data files of this version (names carry the version, so old readers keep theirs). */
  files: z.object({ store: z.string(), vectors: z.string() }),
  nextLabel: z.number().int().nonnegative(),
  documents: z.record(
    z.string(),
    z.object({ path: z.string(), hash: z.string(), chunks: z.array(ManifestChunk) }),
  ),
});

/** A parsed manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;

/** A document's entry in the manifest. */
export type ManifestDocument = Manifest['documents'][string];

const LawCitation = z.object({ law: z.string(), articles: z.array(z.string()) });

/** Shape check of the store file when it is read back (it is ours, but it crossed a disk). */
export const StoreSchema = z.object({
  documents: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['law', 'faq', 'psych', 'union']),
      language: z.enum(['zh-CN', 'en']),
      title: z.string(),
      path: z.string(),
      tags: z.array(z.string()),
      translationOf: z.string().optional(),
      updated: z.string().optional(),
      questions: z.array(z.string()),
      cites: z.array(LawCitation),
      category: z.string().optional(),
      law: z
        .object({
          shortName: z.string(),
          englishName: z.string(),
          aliases: z.array(z.string()),
          issuer: z.string(),
          effective: z.string(),
          version: z.string(),
          source: z.string(),
        })
        .optional(),
      body: z.string(),
      hash: z.string(),
      chunkIds: z.array(z.string()),
    }),
  ),
  chunks: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      title: z.string(),
      section: z.string(),
      chapter: z.string(),
      docType: z.enum(['law', 'faq', 'psych', 'union']),
      language: z.enum(['zh-CN', 'en']),
      text: z.string(),
      hash: z.string(),
      label: z.number().int().nonnegative(),
      terms: z.array(z.string()),
      counts: z.array(z.number()),
    }),
  ),
});
