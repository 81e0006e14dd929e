import type { Manifest } from './manifest.ts';
import type { ParsedDocument } from './types.ts';

/** How the content directory differs from what is indexed. */
export interface ContentDiff {
  /** Documents to (re)index: new ones and changed ones (hash or path). */
  upserts: ParsedDocument[];
  /** Ids of new documents. */
  added: string[];
  /** Ids of indexed documents whose file changed. */
  changed: string[];
  /** Ids indexed but no longer in the content directory. */
  removed: string[];
  unchanged: string[];
}

/** Compares parsed content with the manifest's documents by content hash and path. */
export function diffContent(documents: ParsedDocument[], indexed: Manifest['documents']): ContentDiff {
  const inContent = new Set(documents.map((doc) => doc.id));
  const diff: ContentDiff = { upserts: [], added: [], changed: [], removed: [], unchanged: [] };
  for (const doc of documents) {
    const entry = indexed[doc.id];
    if (!entry) {
      diff.upserts.push(doc);
      diff.added.push(doc.id);
    } else if (entry.hash !== doc.hash || entry.path !== doc.path) {
      diff.upserts.push(doc);
      diff.changed.push(doc.id);
    } else {
      diff.unchanged.push(doc.id);
    }
  }
  diff.removed = Object.keys(indexed).filter((id) => !inContent.has(id));
  return diff;
}
