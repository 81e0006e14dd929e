import { escapeHtml } from './html.ts';

/** Inline Markdown: code, bold, italic and links; everything else escaped. */
function inline(text: string): string {
  const parts = text.split(/(`[^`]+`)/g);
  return parts
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let out = escapeHtml(part);
      out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
      // Links: only http(s) and paths on this site; the URL was escaped above, so quotes cannot break out.
      // The link text excludes "[": with it, a line of many "[" backtracked quadratically (tests/fuzz).
      out = out.replace(/\[([^[\]]+)\]\(((?:https?:\/\/|\/)[^\s)]*)\)/g, '<a href="$2" rel="noreferrer">$1</a>');
      return out;
    })
    .join('');
}

/**
 * A small, safe Markdown renderer for the editors' preview: front matter as a table, ATX
 * headings, paragraphs, lists, block quotes, fenced code and pipe tables. Every text is escaped;
 * no raw HTML passes through. It previews the knowledge-base subset, not all of CommonMark.
 */
export function renderMarkdown(markdown: string): string {
  const text = markdown.replace(/\r\n?/g, '\n');
  const out: string[] = [];
  let body = text;
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (front) {
    const rows = front[1]!.split('\n').filter((l) => l.trim()).map((l) => {
      // The key starts after the indentation (so the two cannot trade spaces: quadratic on a long line without ":").
      const m = /^(\s*)([^:\s][^:]*):\s*(.*)$/.exec(l);
      return m ? `<tr><th>${escapeHtml(m[1]!.replace(/ /g, '\u00a0') + m[2]!)}</th><td>${escapeHtml(m[3]!)}</td></tr>` : `<tr><td colspan="2">${escapeHtml(l)}</td></tr>`;
    });
    out.push(`<table class="front-matter">${rows.join('')}</table>`);
    body = text.slice(front[0].length);
  }
  const lines = body.split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
    if (list) out.push(`<${list.ordered ? 'ol' : 'ul'}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.ordered ? 'ol' : 'ul'}>`);
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
      continue;
    }
    if (/^\|.*\|\s*$/.test(line)) {
      flush();
      const rows: string[][] = [];
      for (; i < lines.length && /^\|.*\|\s*$/.test(lines[i]!); i++) rows.push(lines[i]!.trim().slice(1, -1).split('|').map((c) => c.trim()));
      i--;
      const [head, ...rest] = rows.filter((r) => !r.every((c) => /^:?-{2,}:?$/.test(c)));
      out.push(`<table><thead><tr>${(head ?? []).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>${rest.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
      continue;
    }
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      if (paragraph.length) {
        out.push(`<p>${inline(paragraph.join(' '))}</p>`);
        paragraph = [];
      }
      const ordered = !!item[2];
      if (list && list.ordered !== ordered) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3]!);
      continue;
    }
    if (/^>\s?/.test(line)) {
      flush();
      out.push(`<blockquote>${inline(line.replace(/^>\s?/, ''))}</blockquote>`);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (list) flush();
    paragraph.push(line.trim());
  }
  flush();
  return out.join('\n');
}
