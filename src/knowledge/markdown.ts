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
  if (!normalised.startsWith('---\n')) throw new Error('missing front matter (the file must start with a --- line)');
  const end = normalised.indexOf('\n---', 3);
  if (end < 0) throw new Error('front matter is not closed by a --- line');
  const afterFence = normalised.indexOf('\n', end + 1);
  const fenceLine = normalised.slice(end + 1, afterFence < 0 ? undefined : afterFence);
  if (fenceLine.trim() !== '---') throw new Error('front matter is not closed by a --- line');
  const yamlText = normalised.slice(4, end + 1);
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    throw new Error(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter must be a YAML mapping');
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

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;

/** Parses a heading line, or undefined for any other line. */
export function parseHeading(line: string, lineNumber = 0): Heading | undefined {
  const match = HEADING.exec(line);
  if (!match) return undefined;
  return { level: match[1]!.length, text: match[2]!.trim(), line: lineNumber };
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
