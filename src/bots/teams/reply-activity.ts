import type { Activity, Attachment } from 'botbuilder';
import type { Locale } from '../../core/locale.ts';
import { replyToPlainText, type Reply } from '../../core/reply.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, card, literal, openUrlAction, type AdaptiveCard, type CardElement } from './adaptive-card.ts';
import { inlineActions, replySections, snapshotInput } from './reply-card.ts';
import { teamsTexts } from './teams-texts.ts';

/** Turns a file reply into a link the member can open (signed, on our server), when one can be made. */
export type FileLinker = (file: Extract<Reply, { type: 'file' }>) => string | undefined;

/** How a message is drawn for the conversation it goes to. */
export interface RenderOptions {
  locale: Locale;
  /** Teams refuses attachments it does not know; other Bot Framework clients (the Emulator) take a data: URL. */
  channelId: string;
  /** A 1:1 chat: a small text file (a ballot receipt) may then be shown in the card itself. */
  personal?: boolean;
  fileLink?: FileLinker;
}

export function cardAttachment(content: AdaptiveCard): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** The notification preview Teams shows for a card: its first line of plain text. */
function summaryOf(reply: Reply): string {
  return replyToPlainText(reply).split('\n').find((line) => line.trim())?.slice(0, 200) ?? '';
}

/** One interactive card for one reply, carrying its own snapshot so that it can be redrawn. */
export function replyCard(reply: Reply, locale: Locale): AdaptiveCard {
  const sections = replySections(reply, locale, { interactive: true });
  return card([...sections.body, ...snapshotInput(reply)], sections.actions);
}

/**
 * One reply as one Teams message. Plain texts stay plain messages (they read like chat); every
 * reply with structure — answers with sources, questions, forms, cards, notices — is a card.
 */
export function replyToActivity(reply: Reply, options: RenderOptions): Partial<Activity> {
  return { ...activityOf(reply, options), locale: options.locale === 'en' ? 'en-US' : 'zh-CN' };
}

function activityOf(reply: Reply, options: RenderOptions): Partial<Activity> {
  const { locale } = options;
  switch (reply.type) {
    case 'text':
      // Teams joins single newlines; a blank line between lines keeps lists readable.
      return { type: 'message', text: reply.text.split(/\n+/).join('\n\n'), textFormat: 'markdown' };
    case 'file': {
      const sections = replySections(reply, locale, { interactive: false });
      const url = options.fileLink?.(reply);
      const body: CardElement[] = [...sections.body];
      // Without a download link a member would never see the file: a short text one (a ballot
      // receipt) is shown in place, but only in their own chat.
      const plain = reply.mimeType.toLowerCase().startsWith('text/plain');
      if (!url && plain && options.personal && reply.content.length <= 4000) body.push(literal(reply.content, { size: 'Small' }));
      const actions = url ? [openUrlAction(teamsTexts.download[locale], url)] : [];
      const attachments: Attachment[] = [cardAttachment(card(body, actions))];
      if (!url && options.channelId !== 'msteams') {
        attachments.push({ contentType: reply.mimeType, name: reply.filename, contentUrl: `data:${reply.mimeType};base64,${Buffer.from(reply.content, 'utf8').toString('base64')}` });
      }
      return { type: 'message', summary: summaryOf(reply), attachments };
    }
    case 'answer':
    case 'choices':
    case 'form':
    case 'card':
    case 'notice':
    case 'staff-message':
      return { type: 'message', summary: summaryOf(reply), attachments: [cardAttachment(replyCard(reply, locale))] };
    default:
      return reply satisfies never;
  }
}

/**
 * The card a pressed card becomes: what it showed, without its buttons and inputs, followed by
 * the short outcome of the action (notices: "your vote was recorded"). Nothing of other members'
 * choices is in it: it is drawn from the pressed card's own snapshot and this turn's replies.
 */
export function completedCard(snapshot: Reply | undefined, outcome: Reply[], locale: Locale): AdaptiveCard | undefined {
  const before = snapshot ? replySections(snapshot, locale, { interactive: false }) : undefined;
  const after = outcome.map((reply) => replySections(reply, locale, { interactive: false }));
  if (!before && after.length === 0) return undefined;
  const body: CardElement[] = before ? inlineActions(before) : [];
  for (const [i, sections] of after.entries()) {
    const elements = inlineActions(sections);
    if (elements.length === 0) continue;
    body.push({ type: 'Container', separator: i === 0 && body.length > 0, spacing: 'Medium', items: elements });
  }
  return card(body);
}

/** Which replies of an action's turn are folded into the pressed card rather than sent anew. */
export function foldsIntoCard(reply: Reply): boolean {
  return reply.type === 'notice';
}
