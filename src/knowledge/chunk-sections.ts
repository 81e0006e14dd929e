import { ChunkCollector, joinIndexText, type ChunkContext } from './chunk.ts';
import { cleanHeading, scanLines } from './markdown.ts';
import type { Chunk } from './types.ts';

/** An FAQ answer longer than this is split by its H2 headings like any other document. */
const FAQ_SINGLE_CHUNK_LIMIT = 4000;

/**
 * Chunks a non-law document by H2 heading (deeper headings stay inside their H2 section).
 * Text before the first H2 is its own chunk with an empty section. An FAQ entry is one chunk
 * unless it is long. The document's title and colloquial questions are added to every chunk's
 * indexed text, because members ask in those words rather than in the section's.
 */
export function chunkSections(context: ChunkContext, body: string, questions: string[]): Chunk[] {
  const sections: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  for (const { line, heading } of scanLines(body)) {
    if (heading?.level === 1) continue;
    if (heading?.level === 2) {
      sections.push({ heading: cleanHeading(heading.text), lines: [] });
      continue;
    }
    sections.at(-1)!.lines.push(line);
  }
  const collector = new ChunkCollector(context);
  const questionText = questions.join('\n');
  const wholeBody = body.replace(/^#\s.*$/m, '').trim();
  if (context.docType === 'faq' && wholeBody.length <= FAQ_SINGLE_CHUNK_LIMIT) {
    collector.add({ key: 'main', section: '', text: wholeBody, indexText: joinIndexText(context.title, questionText, wholeBody) });
    return collector.chunks;
  }
  for (const section of sections) {
    const text = section.lines.join('\n');
    collector.add({
      key: section.heading || 'main',
      section: section.heading,
      text,
      indexText: joinIndexText(context.title, questionText, section.heading, text),
    });
  }
  return collector.chunks;
}
