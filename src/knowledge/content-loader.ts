import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ContentProblem } from './content-error.ts';
import { DocumentError, parseDocument } from './parse-document.ts';
import type { ParsedDocument } from './types.ts';

/** Everything read from a content directory: the valid documents and the problems found. */
export interface LoadedContent {
  documents: ParsedDocument[];
  problems: ContentProblem[];
}

/** Markdown files under a directory, relative and with forward slashes; README and dot-files skipped. */
export async function listMarkdownFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md') && !/^readme\.md$/i.test(entry.name)) {
        found.push(relative(root, full).split('\\').join('/'));
      }
    }
  };
  await walk(root);
  return found.sort();
}

/** Parses every Markdown file under `root` and cross-checks them (see `crossCheck`). */
export async function loadContent(root: string): Promise<LoadedContent> {
  const documents: ParsedDocument[] = [];
  const problems: ContentProblem[] = [];
  for (const path of await listMarkdownFiles(root)) {
    try {
      documents.push(parseDocument(path, await readFile(join(root, path), 'utf8')));
    } catch (error) {
      if (error instanceof DocumentError) problems.push({ file: error.file, reason: error.reason });
      else problems.push({ file: path, reason: (error as Error).message });
    }
  }
  problems.push(...crossCheck(documents.map(checkable)));
  return { documents, problems };
}

/** What the cross-document checks need to know of a document (parsed or already indexed). */
export interface CheckableDocument {
  id: string;
  path: string;
  type: ParsedDocument['type'];
  cites: ParsedDocument['cites'];
  /** Section labels: article labels for a law. */
  sections: string[];
}

/** The checkable view of a parsed document. */
export function checkable(doc: ParsedDocument): CheckableDocument {
  return { id: doc.id, path: doc.path, type: doc.type, cites: doc.cites, sections: doc.chunks.map((chunk) => chunk.section) };
}

/**
 * Checks that need the whole collection: ids are unique, and every cited law and article exists.
 * `documents` may mix new documents with ones already indexed (a single-document publish).
 */
export function crossCheck(documents: CheckableDocument[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map<string, CheckableDocument>();
  for (const doc of documents) {
    const other = byId.get(doc.id);
    if (other && other.path !== doc.path) {
      problems.push({ file: doc.path, reason: `id "${doc.id}" is already used by ${other.path}` });
      continue;
    }
    byId.set(doc.id, doc);
  }
  for (const doc of documents) {
    for (const [index, cite] of doc.cites.entries()) {
      const law = byId.get(cite.law);
      if (!law || law.type !== 'law') {
        problems.push({ file: doc.path, reason: `cites.${index}.law: no law with id "${cite.law}"` });
        continue;
      }
      const labels = new Set(law.sections);
      const missing = cite.articles.filter((article) => !labels.has(article));
      if (missing.length > 0) {
        problems.push({ file: doc.path, reason: `cites.${index}.articles: ${cite.law} has no ${missing.join('、')}` });
      }
    }
  }
  return problems;
}
