import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { AppError } from '../core/errors.ts';
import { KnowledgeContentError } from './content-error.ts';
import { diffContent } from './content-diff.ts';
import { safeRelativePath } from './content-path.ts';
import { checkable, crossCheck, loadContent, type CheckableDocument } from './content-loader.ts';
import type { Embedder } from './embedder.ts';
import { applyChanges, type IndexChanges } from './index-builder.ts';
import { acquireBuildLock, loadIndex, manifestFingerprint, removeOldFiles, writeAtomic, type LoadedIndex } from './index-files.ts';
import { createLocalEmbedder } from './local-embedder.ts';
import { warmUpSegmenter } from './segmenter.ts';
import { DocumentError, parseDocument } from './parse-document.ts';
import { fromDocumentRecord, type DocumentRecord } from './records.ts';
import { SearchEngine, type DetailedRetrieval } from './search-engine.ts';
import { DEFAULT_TUNING, type SearchTuning } from './search-tuning.ts';
import { thesaurusVersion } from './thesaurus/index.ts';
import type { BuildReport, DocumentSummary, KnowledgeStatus, ParsedDocument, SearchHit } from './types.ts';

/** Options of `KnowledgeService.open`. */
export interface KnowledgeServiceOptions {
  /** The editors' Markdown (knowledge-base/). */
  contentDir: string;
  /** The index lives in `<dataDir>/knowledge/`. */
  dataDir: string;
  /** Defaults to the offline local embedder. */
  embedder?: Embedder;
  logger?: Logger;
  /** Retrieval knobs, for the eval script; the defaults are the tuned ones. */
  tuning?: Partial<SearchTuning>;
}

/** Bump when chunking or analysis changes in a way the thesaurus version does not capture. */
const ANALYZER_VERSION = 'analyzer-v2';

interface Snapshot {
  index: LoadedIndex;
  engine: SearchEngine;
  documents: Map<string, DocumentRecord>;
}

/**
 * The knowledge base: builds and incrementally updates the index from the Markdown content,
 * serves hybrid search over it, and picks up versions written by other processes.
 */
export class KnowledgeService {
  private snapshot: Snapshot | undefined;
  private fingerprint: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly indexDir: string;
  private readonly analyzer = `${ANALYZER_VERSION}/${thesaurusVersion()}`;

  private constructor(
    private readonly contentDir: string,
    dataDir: string,
    private readonly embedder: Embedder,
    private readonly logger: Logger,
    private readonly tuning: SearchTuning,
  ) {
    this.indexDir = join(dataDir, 'knowledge');
  }

  static async open(options: KnowledgeServiceOptions): Promise<KnowledgeService> {
    const tuning = { ...DEFAULT_TUNING, ...options.tuning };
    const service = new KnowledgeService(
      options.contentDir,
      options.dataDir,
      options.embedder ?? createLocalEmbedder(),
      options.logger ?? pino({ level: 'silent' }),
      tuning,
    );
    await mkdir(service.indexDir, { recursive: true });
    // Load jieba's dictionary now rather than on the first member's question.
    warmUpSegmenter();
    await service.reloadIfChanged();
    return service;
  }

  /** Indexes what changed in the content directory since the last build. */
  build(options: { onProgress?: (done: number, total: number, documentId: string) => void } = {}): Promise<BuildReport> {
    return this.exclusive(async (started) => {
      const content = await loadContent(this.contentDir);
      if (content.problems.length > 0) throw new KnowledgeContentError(content.problems);
      const current = this.snapshot?.index;
      const full = this.needsFullRebuild(current);
      const { upserts, removed: removals, unchanged } = diffContent(content.documents, full ? {} : (current?.manifest.documents ?? {}));
      if (!full && current && upserts.length === 0 && removals.length === 0) {
        return this.report(current, { upserts, removals }, unchanged, 0, performance.now() - started);
      }
      return this.commit({ upserts, removals }, full, unchanged, started, options.onProgress);
    });
  }

  /** Validates one document, writes it under the content directory and indexes it alone. */
  upsertDocument(relativePath: string, markdown: string): Promise<BuildReport> {
    return this.exclusive(async (started) => {
      const path = safeRelativePath(relativePath);
      let doc: ParsedDocument;
      try {
        doc = parseDocument(path, markdown);
      } catch (error) {
        if (error instanceof DocumentError) throw new KnowledgeContentError([{ file: error.file, reason: error.reason }]);
        throw error;
      }
      const sameId = this.snapshot?.documents.get(doc.id);
      if (sameId && sameId.path !== doc.path) {
        throw new KnowledgeContentError([{ file: doc.path, reason: `id "${doc.id}" is already used by ${sameId.path}` }]);
      }
      // The file may have carried another id until now: that document is replaced.
      const replaced = [...(this.snapshot?.documents.values() ?? [])].filter((other) => other.path === doc.path && other.id !== doc.id).map((other) => other.id);
      const others = this.checkables().filter((other) => other.id !== doc.id && !replaced.includes(other.id));
      const problems = crossCheck([...others, checkable(doc)]);
      if (problems.length > 0) throw new KnowledgeContentError(problems);

      const file = join(this.contentDir, path);
      const previous = await readFile(file, 'utf8').catch(() => undefined);
      await mkdir(dirname(file), { recursive: true });
      await writeAtomic(file, markdown);
      try {
        const full = this.needsFullRebuild(this.snapshot?.index);
        if (full) return await this.rebuildFromContent(started);
        return await this.commit({ upserts: [doc], removals: replaced }, false, this.unchangedExcept([doc.id, ...replaced]), started);
      } catch (error) {
        // The index did not take the document: put the file back as it was.
        if (previous === undefined) await rm(file, { force: true });
        else await writeAtomic(file, previous);
        throw error;
      }
    });
  }

  /** Deletes a document's file and drops it from the index. Refused while FAQs cite it. */
  removeDocument(id: string): Promise<BuildReport> {
    return this.exclusive(async (started) => {
      const doc = this.snapshot?.documents.get(id);
      if (!doc) throw new AppError('not_found', `no document with id "${id}"`);
      const citing = [...(this.snapshot?.documents.values() ?? [])].filter((other) => other.cites.some((c) => c.law === id));
      if (citing.length > 0) {
        throw new KnowledgeContentError(citing.map((other) => ({ file: other.path, reason: `cites ${id}, which cannot be removed` })));
      }
      const file = join(this.contentDir, doc.path);
      const previous = await readFile(file, 'utf8').catch(() => undefined);
      await rm(file, { force: true });
      try {
        return await this.commit({ upserts: [], removals: [id] }, false, this.unchangedExcept([id]), started);
      } catch (error) {
        if (previous !== undefined) await writeAtomic(file, previous);
        throw error;
      }
    });
  }

  /** How the index compares with the content directory. */
  async status(): Promise<KnowledgeStatus> {
    const index = this.snapshot?.index;
    const content = await loadContent(this.contentDir);
    const { changed, added, removed } = diffContent(content.documents, index?.manifest.documents ?? {});
    const stale = this.needsFullRebuild(index) || changed.length + added.length + removed.length + content.problems.length > 0;
    return {
      documents: index ? Object.keys(index.manifest.documents).length : 0,
      chunks: index?.chunks.length ?? 0,
      indexVersion: index?.manifest.indexVersion ?? 0,
      builtAt: index?.manifest.builtAt ?? null,
      embedder: index?.manifest.embedder ?? null,
      stale,
      changed,
      added,
      removed,
      errors: content.problems,
    };
  }

  listDocuments(): DocumentSummary[] {
    return [...(this.snapshot?.documents.values() ?? [])].map((doc) => ({
      id: doc.id,
      type: doc.type,
      language: doc.language,
      title: doc.title,
      path: doc.path,
      chunks: doc.chunkIds.length,
      hash: doc.hash,
      updated: doc.updated,
      translationOf: doc.translationOf,
    }));
  }

  /** A document as indexed, with its chunks (re-derived from the stored body). */
  getDocument(id: string): ParsedDocument | undefined {
    const record = this.snapshot?.documents.get(id);
    return record ? fromDocumentRecord(record) : undefined;
  }

  /** One chunk by id (e.g. an article an FAQ cites). */
  getChunk(chunkId: string): SearchHit | undefined {
    return this.snapshot?.engine.chunk(chunkId);
  }

  /** A document's stored record: metadata and body, chunks listed by id only (cheap). */
  getDocumentRecord(id: string): DocumentRecord | undefined {
    return this.snapshot?.documents.get(id);
  }

  async search(query: string, k = 5): Promise<SearchHit[]> {
    return (await this.retrieve(query, k)).hits;
  }

  /** Search hits with the retrieval's confidence, for the answerers. */
  async retrieve(query: string, k = 5): Promise<DetailedRetrieval> {
    const snapshot = this.snapshot;
    if (!snapshot || query.trim() === '') {
      return { hits: [], confidence: 0, signals: { coverage: 0, concepts: 0, faqSimilarity: 0 } };
    }
    return snapshot.engine.retrieve(query, k);
  }

  /** Loads a newer index version written by another process; true when it did. */
  async reloadIfChanged(): Promise<boolean> {
    const fingerprint = await manifestFingerprint(this.indexDir);
    if (fingerprint === this.fingerprint) return false;
    let index: LoadedIndex | undefined;
    try {
      index = await loadIndex(this.indexDir);
    } catch (error) {
      // A damaged index must not take search down: keep what is loaded; the next build rewrites it.
      this.logger.error({ err: (error as Error).message }, 'knowledge index unreadable');
      this.fingerprint = fingerprint;
      return false;
    }
    this.fingerprint = fingerprint;
    if (!index || index.manifest.indexVersion === this.snapshot?.index.manifest.indexVersion) return false;
    this.install(index);
    this.logger.info({ indexVersion: index.manifest.indexVersion }, 'knowledge index loaded');
    return true;
  }

  /** The indexed documents in the shape the cross-document checks take. */
  private checkables(): CheckableDocument[] {
    return [...(this.snapshot?.documents.values() ?? [])].map((doc) => ({
      id: doc.id,
      path: doc.path,
      type: doc.type,
      cites: doc.cites,
      sections: doc.chunkIds.map((chunkId) => chunkId.slice(chunkId.indexOf('#') + 1)),
    }));
  }

  private unchangedExcept(ids: string[]): string[] {
    return [...(this.snapshot?.documents.keys() ?? [])].filter((id) => !ids.includes(id));
  }

  private needsFullRebuild(index: LoadedIndex | undefined): boolean {
    if (!index) return true;
    const { embedder, analyzer } = index.manifest;
    return embedder.id !== this.embedder.id || embedder.dimensions !== this.embedder.dimensions || analyzer !== this.analyzer;
  }

  private async rebuildFromContent(started: number): Promise<BuildReport> {
    const content = await loadContent(this.contentDir);
    if (content.problems.length > 0) throw new KnowledgeContentError(content.problems);
    return this.commit({ upserts: content.documents, removals: [] }, true, [], started);
  }

  private async commit(
    changes: IndexChanges,
    full: boolean,
    unchanged: string[],
    started: number,
    onProgress?: (done: number, total: number, documentId: string) => void,
  ): Promise<BuildReport> {
    const before = this.snapshot?.index;
    const { index, embedded } = await applyChanges(this.indexDir, before, changes, {
      embedder: this.embedder,
      analyzer: this.analyzer,
      full,
      onProgress,
    });
    this.install(index);
    this.fingerprint = await manifestFingerprint(this.indexDir);
    await removeOldFiles(this.indexDir, index.manifest.indexVersion);
    const ms = performance.now() - started;
    this.logger.info({ indexVersion: index.manifest.indexVersion, embedded, ms: Math.round(ms) }, 'knowledge index written');
    return this.report(index, changes, unchanged, embedded, ms, before);
  }

  private report(index: LoadedIndex, changes: IndexChanges, unchanged: string[], embedded: number, ms: number, before?: LoadedIndex): BuildReport {
    const existed = (id: string) => Boolean(before?.manifest.documents[id]) && before?.manifest.embedder.id === index.manifest.embedder.id;
    return {
      added: changes.upserts.filter((doc) => !existed(doc.id)).map((doc) => doc.id),
      updated: changes.upserts.filter((doc) => existed(doc.id)).map((doc) => doc.id),
      removed: changes.removals,
      unchanged,
      chunks: index.chunks.length,
      embedded,
      indexVersion: index.manifest.indexVersion,
      ms: Math.round(ms),
    };
  }

  private install(index: LoadedIndex): void {
    const usable = index.manifest.embedder.id === this.embedder.id && index.manifest.embedder.dimensions === this.embedder.dimensions;
    if (!usable) this.logger.warn({ indexed: index.manifest.embedder.id, configured: this.embedder.id }, 'index built with another embedder: keyword search only until rebuilt');
    const engine = new SearchEngine(index.documents, index.chunks, usable ? index.vectors : undefined, this.embedder, this.tuning);
    this.snapshot = { index, engine, documents: new Map(index.documents.map((doc) => [doc.id, doc])) };
  }

  /**
   * Runs index writes one after another: in this process through a queue, across processes
   * through the lock file. Under the lock, another process's newer version is loaded first, so
   * that what is planned builds on top of it rather than overwriting it.
   */
  private exclusive<T>(task: (started: number) => Promise<T>): Promise<T> {
    const locked = async () => {
      const started = performance.now();
      const release = await acquireBuildLock(this.indexDir);
      try {
        await this.reloadIfChanged();
        return await task(started);
      } finally {
        await release();
      }
    };
    const run = this.queue.then(locked, locked);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
