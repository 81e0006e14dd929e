import { parse as parseYaml } from 'yaml';

/** A Markdown file split into its YAML front matter (unvalidated) and its body. */
export interface SplitMarkdown {
  data: unknown;
  body: string;
  /** The whole file with line endings normalised: what the content hash is taken over. */
  normalised: string;
}

/** Normalises line endings and drops a byte-order mark, so hashes do not depend on the editor. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Splits `---\n<yaml>\n---\n<body>`; throws an Error whose message is the reason. */
export function splitFrontMatter(markdown: string): SplitMarkdown {
  const normalised = normaliseText(markdown);
  if (!normalised.startsWith('---\n')) throw new Error('missing front matter: the file must start with a --- line (line 1)');
  const end = normalised.indexOf('\n---', 3);
  if (end < 0) throw new Error('front matter is not closed by a --- line (line 1)');
  const afterFence = normalised.indexOf('\n', end + 1);
  const fenceLine = normalised.slice(end + 1, afterFence < 0 ? undefined : afterFence);
  if (fenceLine.trim() !== '---') throw new Error('front matter is not closed by a --- line (line 1)');
  const yamlText = normalised.slice(4, end + 1);
  let data: unknown;
  try {
    // Warnings (unknown tags, complex keys) would go to the process's stderr; the schema judges the result.
    data = parseYaml(yamlText, { logLevel: 'error' });
  } catch (error) {
    // yaml counts lines from the start of the front matter, which is line 2 of the file.
    const at = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const reason = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(`front matter is not valid YAML: ${reason} (line ${at ? at + 1 : 2})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter must be a YAML mapping (line 2)');
  }
  const body = afterFence < 0 ? '' : normalised.slice(afterFence + 1);
  return { data, body, normalised };
}

/** A Markdown ATX heading. */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

const HEADING_START = /^(#{1,6})[ \t]+(?=[^ \t])/;

/**
 * Parses a heading line, or undefined for any other line. The end is trimmed by hand: the former
 * single pattern, /^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/, backtracked cubically on a heading
 * followed by many spaces (2,000 took seconds, a long line hung the process; found by tests/fuzz).
 */
export function parseHeading(line: string, lineNumber = 0): Heading | undefined {
  const match = HEADING_START.exec(line);
  if (!match) return undefined;
  const start = match[0].length;
  const blank = (i: number) => line[i] === ' ' || line[i] === '\t';
  let end = line.length;
  while (end > start && blank(end - 1)) end--;
  // A closing run of #s is not part of the text (unless it is all the text).
  let closing = end;
  while (closing > start && line[closing - 1] === '#') closing--;
  if (closing > start) end = closing;
  while (end > start && blank(end - 1)) end--;
  return { level: match[1]!.length, text: line.slice(start, end).trim(), line: lineNumber };
}

/** The body's lines with headings recognised; fenced code blocks are never headings. */
export function scanLines(body: string): { line: string; heading?: Heading }[] {
  let inFence = false;
  return body.split('\n').map((line, index) => {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? undefined : parseHeading(line, index + 1);
    return heading ? { line, heading } : { line };
  });
}

/** Collapses the inner whitespace of a heading ("第四章　工程建设" → "第四章 工程建设"). */
export function cleanHeading(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}
