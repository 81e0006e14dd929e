import { sha256 } from './hash.ts';
import type { Chunk, DocType, DocumentLanguage } from './types.ts';

/** What every chunk of one document shares. */
export interface ChunkContext {
  documentId: string;
  title: string;
  docType: DocType;
  language: DocumentLanguage;
}

/** Builds chunks for one document, keeping ids unique when two sections share a heading. */
export class ChunkCollector {
  readonly chunks: Chunk[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly context: ChunkContext) {}

  add(part: { key: string; section: string; chapter?: string; text: string; indexText: string }): void {
    const text = part.text.replace(/^\n+|\s+$/g, '');
    if (text.trim() === '') return;
    const count = (this.seen.get(part.key) ?? 0) + 1;
    this.seen.set(part.key, count);
    const key = count === 1 ? part.key : `${part.key}~${count}`;
    this.chunks.push({
      id: `${this.context.documentId}#${key}`,
      documentId: this.context.documentId,
      title: this.context.title,
      section: part.section,
      chapter: part.chapter ?? '',
      docType: this.context.docType,
      language: this.context.language,
      text,
      indexText: part.indexText,
      hash: sha256(part.indexText),
    });
  }
}

/** Joins the non-empty parts of an index text with newlines. */
export function joinIndexText(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part && part.trim())).join('\n');
}
