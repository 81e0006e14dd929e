import { chineseToNumber } from '../article-label.ts';
import type { Citation } from '../../core/reply.ts';
import type { Locale } from '../../core/locale.ts';
import type { KnowledgeReader } from './knowledge-reader.ts';
import type { SearchHit } from '../types.ts';

const QUOTE_LIMIT = 300;

/** Markdown reduced to plain text: emphasis, code, links and heading marks removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+(.*)$/gm, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(?<![*\w])\*(?!\s)(.+?)\*(?!\w)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/^>\s?/gm, '')
    .trim();
}

/** The first paragraphs of a document body, up to about `limit` characters, as plain text. */
export function summarise(body: string, limit: number): string {
  const out: string[] = [];
  let length = 0;
  // Paragraphs are reduced to plain text one at a time: an answer reads the first two or three
  // of a guide, and converting all of a long page's paragraphs (seven regexes each) was wasted.
  for (const raw of body.replace(/^#\s.*$/m, '').split(/\n{2,}/)) {
    const paragraph = plainText(raw);
    if (!paragraph) continue;
    if (out.length > 0 && length + paragraph.length > limit) break;
    out.push(paragraph);
    length += paragraph.length;
    if (length >= limit * 0.6) break;
  }
  return out.join('\n\n');
}

/** A document body split at its H2 headings; the text before the first one has heading ''. */
export function sectionsOf(body: string): { heading: string; text: string }[] {
  const sections = [{ heading: '', text: '' }];
  for (const line of body.split('\n')) {
    const h2 = /^##\s+(.+?)\s*$/.exec(line);
    if (h2) sections.push({ heading: h2[1]!, text: '' });
    else if (!/^#\s/.test(line)) sections.at(-1)!.text += `${line}\n`;
  }
  return sections.filter((section) => section.text.trim() !== '');
}

/** "《中华人民共和国劳动合同法》第八十二条", or in English "Labour Contract Law of the PRC (…), Article 82 (第八十二条)". */
export function lawReference(hit: SearchHit, knowledge: KnowledgeReader, locale: Locale): string {
  if (locale === 'zh-CN') return `《${hit.title}》${hit.section}`;
  const english = knowledge.getDocumentRecord(hit.documentId)?.law?.englishName;
  const number = /^第(.+)条/.exec(hit.section)?.[1];
  const value = number ? chineseToNumber(number) : undefined;
  const section = value ? `Article ${value} (${hit.section})` : hit.section;
  return english ? `${english} (${hit.title}), ${section}` : `${hit.title} ${section}`;
}

/** The citation for a hit; long quotes are shortened with an ellipsis. */
export function citationOf(hit: SearchHit, quote = hit.text): Citation {
  const trimmed = quote.length > QUOTE_LIMIT ? `${quote.slice(0, QUOTE_LIMIT)}…` : quote;
  return { title: hit.title, section: hit.section, docType: hit.docType, quote: trimmed, chunkId: hit.chunkId };
}
