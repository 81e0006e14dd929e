import type { types as Slack } from '@slack/bolt';
import { action } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import { replyToPlainText, type Action, type Citation, type Reply } from '../../core/reply.ts';
import { LIMITS } from './limits.ts';
import { chunkText, escapeMrkdwn, markdownToMrkdwn, truncate } from './mrkdwn.ts';
import { fill, slackText } from './slack-messages.ts';
import type { ValueStash } from './value-stash.ts';

type Block = Slack.KnownBlock;

/** One thing to post: a message of blocks, or a file (a calendar invitation). */
export type SlackOutput =
  | { kind: 'message'; blocks: Block[]; text: string; replies: number[] }
  | { kind: 'file'; filename: string; mimeType: string; content: string; title: string; replies: number[] };

export interface RenderOptions {
  locale: Locale;
  stash: ValueStash;
  /** Base URL for relative links (PUBLIC_URL); a relative link without it is shown as text. */
  publicUrl?: string;
}

/**
 * Block ids that mark a question answered once: pressing one of its buttons replaces its
 * buttons with what was chosen (see interactions.ts). `once:<group>:<n>`.
 */
export const ONCE_PREFIX = 'once:';

/** Numbers action and block ids so they are unique within every message of one rendering. */
class Ids {
  #n = 0;
  next(prefix: string): string {
    return `${prefix}${++this.#n}`;
  }
}

function section(text: string, blockId?: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}

/** Long mrkdwn as as many sections as it needs (3000 characters each). */
function sections(mrkdwn: string): Block[] {
  return chunkText(mrkdwn, LIMITS.sectionText).map((piece) => section(piece));
}

function contextBlocks(elements: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.contextElements) {
    blocks.push({
      type: 'context',
      elements: elements.slice(i, i + LIMITS.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.contextText) })),
    });
  }
  return blocks;
}

function button(a: Action, ids: Ids, stash: ValueStash): Slack.Button {
  return {
    type: 'button',
    action_id: ids.next('ua-'),
    text: { type: 'plain_text', text: truncate(a.label, LIMITS.buttonText), emoji: true },
    value: stash.buttonValue(a.value),
    ...(a.style === 'primary' || a.style === 'danger' ? { style: a.style } : {}),
  };
}

/** Buttons in as many actions blocks as they need (25 each). */
function actionBlocks(actions: Action[], ids: Ids, stash: ValueStash, blockIdPrefix?: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.actionsElements) {
    blocks.push({
      type: 'actions',
      ...(blockIdPrefix ? { block_id: `${blockIdPrefix}${i / LIMITS.actionsElements}` } : {}),
      elements: actions.slice(i, i + LIMITS.actionsElements).map((a) => button(a, ids, stash)),
    });
  }
  return blocks;
}

export function citationLine(citation: Citation): string {
  const where = [citation.title, citation.section].filter(Boolean).join(' ');
  const quote = citation.quote ? ` — “${truncate(citation.quote.replace(/\s+/g, ' '), 280)}”` : '';
  return `📖 *${escapeMrkdwn(where)}*${escapeMrkdwn(quote)}`;
}

function absolute(url: string, publicUrl?: string): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (publicUrl && url.startsWith('/')) return `${publicUrl.replace(/\/$/, '')}${url}`;
  return undefined;
}

const NOTICE_ICON = { info: 'ℹ️', success: '✅', warning: '⚠️', urgent: '🚨' } as const;

/** The blocks of one reply; a file is not blocks but an upload. */
function renderReply(reply: Reply, options: RenderOptions, ids: Ids): Block[] | Extract<SlackOutput, { kind: 'file' }> {
  const { locale, stash } = options;
  switch (reply.type) {
    case 'text':
      return sections(markdownToMrkdwn(reply.text));
    case 'answer':
      return [
        ...sections(markdownToMrkdwn(reply.text)),
        ...contextBlocks(reply.citations.map(citationLine)),
        ...(reply.disclaimer ? contextBlocks([`_${escapeMrkdwn(reply.disclaimer)}_`]) : []),
        ...actionBlocks(reply.actions, ids, stash),
      ];
    case 'choices': {
      const prompt = sections(markdownToMrkdwn(reply.prompt));
      if (reply.multiple) {
        // Several answers at once (a multi-seat ballot, a multi-select survey question) need a
        // submit step that buttons do not have: the member chooses in a modal.
        const token = stash.keep('choices', JSON.stringify(reply));
        const hint = reply.multiple.min > 0 ? fill(slackText.chooseBetween, locale, reply.multiple) : fill(slackText.chooseUpTo, locale, reply.multiple);
        return [
          ...prompt,
          ...contextBlocks([escapeMrkdwn(hint)]),
          ...actionBlocks([{ label: slackText.choose[locale], value: action('slack.choose', { t: token }), style: 'primary' }], ids, stash),
        ];
      }
      return [...prompt, ...actionBlocks(reply.choices, ids, stash, `${ONCE_PREFIX}${ids.next('q')}:`)];
    }
    case 'form': {
      const token = stash.keep('form', JSON.stringify(reply));
      return [
        section(`*${escapeMrkdwn(reply.title)}*`),
        ...actionBlocks([{ label: slackText.fillIn[locale], value: action('slack.form', { t: token }), style: 'primary' }], ids, stash),
      ];
    }
    case 'card': {
      const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(reply.title, LIMITS.headerText), emoji: true } }];
      if (reply.subtitle) blocks.push(...contextBlocks([escapeMrkdwn(reply.subtitle)]));
      if (reply.body) blocks.push(...sections(markdownToMrkdwn(reply.body)));
      const fields = reply.fields.map((f) => ({ type: 'mrkdwn' as const, text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.sectionFieldText) }));
      for (let i = 0; i < fields.length; i += LIMITS.sectionFields) blocks.push({ type: 'section', fields: fields.slice(i, i + LIMITS.sectionFields) });
      if (reply.link) {
        const url = absolute(reply.link.url, options.publicUrl);
        blocks.push(section(url ? `🔗 <${url}|${escapeMrkdwn(reply.link.label).replace(/\|/g, '¦')}>` : `🔗 ${escapeMrkdwn(reply.link.label)}: ${escapeMrkdwn(reply.link.url)}`));
      }
      blocks.push(...actionBlocks(reply.actions, ids, stash));
      return blocks;
    }
    case 'notice': {
      const text = escapeMrkdwn(reply.text);
      return sections(`${NOTICE_ICON[reply.level]} ${reply.level === 'urgent' ? `*${text}*` : text}`);
    }
    case 'staff-message':
      return [
        ...sections(`*${escapeMrkdwn(reply.from)}*\n${markdownToMrkdwn(reply.text)}`),
        ...contextBlocks([escapeMrkdwn(fill(slackText.staffFooter, locale, { id: reply.ticketId }))]),
      ];
    case 'file':
      return { kind: 'file', filename: reply.filename, mimeType: reply.mimeType, content: reply.content, title: reply.title, replies: [] };
    default:
      return reply satisfies never;
  }
}

/**
 * Renders a turn's replies as Slack messages. Consecutive replies share a message (a question
 * and its buttons read as one); a message never exceeds 50 blocks, so a reply too long for one
 * message continues in the next instead of being refused by Slack.
 */
export function renderReplies(replies: Reply[], options: RenderOptions): SlackOutput[] {
  const ids = new Ids();
  const out: SlackOutput[] = [];
  let current: { blocks: Block[]; replies: number[] } | undefined;
  const flush = () => {
    if (current && current.blocks.length > 0) {
      const text = current.replies.map((i) => replyToPlainText(replies[i]!)).join('\n\n');
      out.push({ kind: 'message', blocks: current.blocks, text: truncate(text, LIMITS.messageText), replies: current.replies });
    }
    current = undefined;
  };
  replies.forEach((reply, index) => {
    const rendered = renderReply(reply, options, ids);
    if (!Array.isArray(rendered)) {
      flush();
      out.push({ ...rendered, replies: [index] });
      return;
    }
    // A reply that fits in a fresh message is not split across two.
    if (current && current.blocks.length + rendered.length > LIMITS.blocksPerMessage && rendered.length <= LIMITS.blocksPerMessage) flush();
    for (const block of rendered) {
      current ??= { blocks: [], replies: [] };
      if (current.replies.at(-1) !== index) current.replies.push(index);
      current.blocks.push(block);
      if (current.blocks.length === LIMITS.blocksPerMessage) flush();
    }
  });
  flush();
  return out;
}
