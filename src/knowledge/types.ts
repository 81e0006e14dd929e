import type { Locale } from '../core/locale.ts';

/** The four kinds of knowledge-base document (the front matter's `type`). */
export type DocType = 'law' | 'faq' | 'psych' | 'union';

/** The language a document is written in. */
export type DocumentLanguage = Locale;

/** A law article cited by an FAQ or union document: a law id and article labels ("第八十二条"). */
export interface LawCitation {
  law: string;
  articles: string[];
}

/** Law-only metadata from the front matter. */
export interface LawMetadata {
  shortName: string;
  englishName: string;
  aliases: string[];
  issuer: string;
  effective: string;
  version: string;
  source: string;
}

/** One retrievable unit: a law article, or a section of another document. */
export interface Chunk {
  /** Stable id, e.g. `labour-contract-law#第八十二条` or `faq-overtime-pay-zh#main`. */
  id: string;
  documentId: string;
  /** The document's H1, exactly. */
  title: string;
  /** Article label for laws ("第八十二条"), the heading for other documents ('' for an untitled body). */
  section: string;
  /** The chapter (and 节) a law article sits in, e.g. "第四章 劳动合同的解除和终止". */
  chapter: string;
  docType: DocType;
  language: DocumentLanguage;
  /** The verbatim text shown and quoted (a law article exactly as in the source). */
  text: string;
  /** The text that is indexed: `text` plus context (law short name, chapter, FAQ questions). */
  indexText: string;
  /** sha256 of `indexText`: a chunk whose hash is unchanged keeps its vector. */
  hash: string;
}

/** A validated knowledge-base document and its chunks. */
export interface ParsedDocument {
  id: string;
  type: DocType;
  language: DocumentLanguage;
  title: string;
  /** Path relative to the content directory, with forward slashes. */
  path: string;
  tags: string[];
  translationOf?: string;
  updated?: string;
  /** Colloquial phrasings (faq, psych, union). */
  questions: string[];
  /** Articles this document rests on (faq, union). */
  cites: LawCitation[];
  category?: string;
  law?: LawMetadata;
  /** Markdown body after the front matter. */
  body: string;
  /** sha256 of the whole file (front matter and body, line endings normalised). */
  hash: string;
  chunks: Chunk[];
}

/** What `listDocuments()` returns for each document. */
export interface DocumentSummary {
  id: string;
  type: DocType;
  language: DocumentLanguage;
  title: string;
  path: string;
  chunks: number;
  hash: string;
  updated?: string;
  translationOf?: string;
}

/** One search result. */
export interface SearchHit {
  chunkId: string;
  documentId: string;
  title: string;
  section: string;
  docType: DocType;
  language: DocumentLanguage;
  score: number;
  text: string;
}

/** Hits plus how sure retrieval is that they answer the query at all. */
export interface Retrieval {
  hits: SearchHit[];
  /** 0..1: below the calibrated threshold the answerer hands off instead of answering. */
  confidence: number;
}

/** The outcome of `build()`, `upsertDocument()` and `removeDocument()`. */
export interface BuildReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Chunks in the index after the build. */
  chunks: number;
  /** Chunks whose vectors were computed in this build. */
  embedded: number;
  indexVersion: number;
  ms: number;
}

/** The index as seen from outside, and whether the content directory has moved on. */
export interface KnowledgeStatus {
  documents: number;
  chunks: number;
  indexVersion: number;
  builtAt: string | null;
  embedder: { id: string; dimensions: number } | null;
  /** True when the content directory differs from what is indexed (or a file there is malformed). */
  stale: boolean;
  changed: string[];
  added: string[];
  removed: string[];
  /** Malformed files found in the content directory: they would make `build()` fail. */
  errors: { file: string; reason: string }[];
}
