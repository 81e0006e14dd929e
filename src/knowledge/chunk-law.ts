import { ARTICLE_START } from './article-label.ts';
import { ChunkCollector, joinIndexText, type ChunkContext } from './chunk.ts';
import { cleanHeading, scanLines } from './markdown.ts';
import type { Chunk, LawMetadata } from './types.ts';

const CHAPTER = /^第[一二三四五六七八九十百千零〇两]+[章编]/;
const SECTION = /^第[一二三四五六七八九十百千零〇两]+节/;
/** A paragraph that opens an appendix after the last article ("附录：", "附件：…"). */
const APPENDIX = /^(附录|附件)[：:\s]?/;
const THEMATIC_BREAK = /^(-{3,}|\*{3,}|_{3,})\s*$/;

type Block =
  | { kind: 'preamble'; lines: string[] }
  | { kind: 'article'; label: string; chapter: string; lines: string[] }
  | { kind: 'other'; heading: string; chapter: string; lines: string[] };

/**
 * Chunks a law at article level. An article runs from its `第…条` line to the next article,
 * heading, appendix marker or thematic break, and is stored verbatim; the indexed text adds the
 * law's short name and the chapter (and 节). Text under other headings (appendices, or a notice
 * organised by headings instead of articles) becomes one chunk per heading. The promulgation
 * preamble of a law with articles is not indexed: it answers no member's question.
 */
export function chunkLaw(context: ChunkContext, law: LawMetadata, body: string): Chunk[] {
  const blocks: Block[] = [];
  // A holder rather than a `let`, so that narrowing does not forget what `flush` assigns.
  const state: { current: Block } = { current: { kind: 'preamble', lines: [] } };
  let chapter = '';
  let section = '';
  const chapterContext = () => [chapter, section].filter(Boolean).join(' ');
  const flush = (next: Block) => {
    blocks.push(state.current);
    state.current = next;
  };

  for (const { line, heading } of scanLines(body)) {
    if (heading) {
      const text = cleanHeading(heading.text);
      if (heading.level === 1) {
        flush({ kind: 'preamble', lines: [] });
      } else if (CHAPTER.test(text)) {
        chapter = text;
        section = '';
        flush({ kind: 'preamble', lines: [] });
      } else if (SECTION.test(text)) {
        section = text;
        flush({ kind: 'preamble', lines: [] });
      } else {
        flush({ kind: 'other', heading: text, chapter: chapterContext(), lines: [] });
      }
      continue;
    }
    const article = ARTICLE_START.exec(line);
    if (article) {
      flush({ kind: 'article', label: article[1]!, chapter: chapterContext(), lines: [line] });
    } else if (THEMATIC_BREAK.test(line)) {
      flush({ kind: 'preamble', lines: [] });
    } else if (state.current.kind === 'article' && APPENDIX.test(line)) {
      flush({ kind: 'other', heading: line.replace(/[：:]\s*$/, '').trim(), chapter: '', lines: [] });
    } else {
      state.current.lines.push(line);
    }
  }
  blocks.push(state.current);

  const hasArticles = blocks.some((block) => block.kind === 'article');
  const collector = new ChunkCollector(context);
  for (const block of blocks) {
    const text = block.lines.join('\n');
    if (block.kind === 'article') {
      collector.add({
        key: block.label,
        section: block.label,
        chapter: block.chapter,
        text,
        indexText: joinIndexText(law.shortName, block.chapter, text),
      });
    } else if (block.kind === 'other') {
      collector.add({
        key: block.heading,
        section: block.heading,
        chapter: block.chapter,
        text,
        indexText: joinIndexText(law.shortName, block.heading, text),
      });
    } else if (!hasArticles) {
      collector.add({ key: 'main', section: '', text, indexText: joinIndexText(law.shortName, context.title, text) });
    }
  }
  return collector.chunks;
}
