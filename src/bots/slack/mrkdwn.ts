/**
 * Slack's mrkdwn needs &, < and > escaped; anything else in member-facing text is shown as
 * written. Lengths are counted in UTF-16 units, which never undercounts what Slack counts.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens text to `max` units with an ellipsis, never cutting a surrogate pair in half. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Flow and answer texts are written in a little Markdown (bold, links, headings, bullets);
 * Slack's mrkdwn spells those differently. Escapes first, so that only our own links are links.
 */
export function markdownToMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => `<${url.replace(/&amp;/g, '&')}|${label.replace(/\|/g, '¦')}>`)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/__([^_\n]+)__/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ');
}

const BREAKS = ['\n\n', '\n', '。', '！', '？', '. ', '; ', '；', '，', ', ', ' '];

/**
 * Splits text into pieces of at most `max` units, preferring paragraph, line and sentence
 * breaks, so that a long answer becomes several sections instead of being cut off.
 */
export function chunkText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const mark of BREAKS) {
      const at = window.lastIndexOf(mark);
      // A break in the first third would leave a tiny piece; keep looking for a later kind.
      if (at > max / 3) {
        cut = at + mark.length;
        break;
      }
    }
    if (cut <= 0) {
      cut = max;
      if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
      // Never cut inside an entity such as &amp; that escaping produced.
      const amp = window.lastIndexOf('&', cut - 1);
      if (amp >= 0 && amp > cut - 6 && !window.slice(amp, cut).includes(';')) cut = amp;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n+/, '');
  }
  if (rest.trim()) pieces.push(rest);
  return pieces.filter((p) => p.trim() !== '');
}

/**
 * What a person typed, from Slack's encoding of it: entities decoded, links and mentions as
 * their labels, the app's own mention removed (a mention addresses the app, it is not part of
 * the question).
 */
export function slackToPlainText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => (id === botUserId ? '' : `@${label ?? id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '@group')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
