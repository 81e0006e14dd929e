import { chunkLaw } from './chunk-law.ts';
import { chunkSections } from './chunk-sections.ts';
import { FrontMatterSchema, describeIssues } from './front-matter.ts';
import { sha256 } from './hash.ts';
import { scanLines, splitFrontMatter } from './markdown.ts';
import type { DocType, ParsedDocument } from './types.ts';

const FOLDER_TYPES: Record<string, DocType> = { laws: 'law', faq: 'faq', psych: 'psych', union: 'union' };

/** A document that failed validation; the message is the reason, `file` names it. */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DocumentError';
  }
}

/**
 * Parses and validates one Markdown file (front matter, H1, folder and file-name conventions) and
 * chunks it. Checks that need the other documents (unique ids, FAQ citations) live in the loader.
 */
export function parseDocument(relativePath: string, markdown: string): ParsedDocument {
  const path = relativePath.split('\\').join('/');
  const fail = (reason: string): never => {
    throw new DocumentError(path, reason);
  };
  let split;
  try {
    split = splitFrontMatter(markdown);
  } catch (error) {
    return fail((error as Error).message);
  }
  // Every reason names a line: that of the front-matter key at fault (line 1, the opening ---,
  // when the key is missing), or of the heading; the body starts after the closing ---.
  const frontLines = split.normalised.slice(0, split.normalised.length - split.body.length).split('\n');
  const bodyOffset = frontLines.length - 1;
  const keyLine = (key: unknown) => {
    const at = typeof key === 'string' ? frontLines.findIndex((l, i) => i > 0 && l.startsWith(`${key}:`)) : -1;
    return at > 0 ? at + 1 : 1;
  };
  const parsed = FrontMatterSchema.safeParse(split.data);
  if (!parsed.success) return fail(`${describeIssues(parsed.error)} (line ${keyLine(parsed.error.issues[0]?.path[0])})`);
  const front = parsed.data;

  const folder = path.split('/')[0] ?? '';
  const expected = FOLDER_TYPES[folder];
  if (expected && expected !== front.type) fail(`type is "${front.type}" but files under ${folder}/ must be "${expected}" (line ${keyLine('type')})`);
  const suffix = /\.(zh|en)\.md$/i.exec(path)?.[1]?.toLowerCase();
  if (suffix && (suffix === 'zh') !== (front.language === 'zh-CN')) {
    fail(`language is "${front.language}" but the file name ends in .${suffix}.md (line ${keyLine('language')})`);
  }

  const h1s = scanLines(split.body).flatMap(({ heading }) => (heading?.level === 1 ? [heading] : []));
  if (h1s.length === 0) fail(`no H1 heading: the body must start with "# ${front.title}" (line ${bodyOffset + 1})`);
  const mismatched = h1s.find((heading) => heading.text !== front.title);
  if (mismatched) fail(`H1 "${mismatched.text}" differs from title "${front.title}" (line ${bodyOffset + mismatched.line})`);
  // A law may repeat its title as an H1 (the official text of 最低工资规定 does); others may not.
  if (h1s.length > 1 && front.type !== 'law') fail(`${h1s.length} H1 headings: the body must have exactly one (line ${bodyOffset + h1s[1]!.line})`);

  const context = { documentId: front.id, title: front.title, docType: front.type, language: front.language };
  const questions = front.type === 'law' ? [] : front.questions;
  const law =
    front.type === 'law'
      ? {
          shortName: front.shortName,
          englishName: front.englishName,
          aliases: front.aliases,
          issuer: front.issuer,
          effective: front.effective,
          version: front.version,
          source: front.source,
        }
      : undefined;
  const chunks = law ? chunkLaw(context, law, split.body) : chunkSections(context, split.body, questions);
  if (chunks.length === 0) fail(`the body has no text to index (line ${bodyOffset + 1})`);

  return {
    id: front.id,
    type: front.type,
    language: front.language,
    title: front.title,
    path,
    tags: front.tags ?? [],
    translationOf: front.translationOf,
    updated: front.updated,
    questions,
    cites: front.type === 'faq' || front.type === 'union' ? (front.cites ?? []) : [],
    category: front.type === 'law' ? undefined : front.category,
    law,
    body: split.body,
    hash: sha256(split.normalised),
    chunks,
  };
}
