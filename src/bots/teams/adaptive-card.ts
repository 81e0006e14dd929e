/**
 * Small builders for Adaptive Card 1.5 JSON, the only card format Teams renders everywhere
 * (desktop, web, mobile). Plain objects rather than the `adaptivecards` SDK: the SDK is a
 * browser renderer, and what a bot needs is to write the JSON.
 */

/** One element of a card body or action list, as JSON. */
export type CardElement = Record<string, unknown>;

/** An Adaptive Card as Teams receives it. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

/** The content type of an Adaptive Card attachment, and of an `adaptiveCard/action` card response. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The data every one of our card actions carries back (with any inputs merged in by the client). */
export type ActionData = Record<string, unknown>;

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * A TextBlock per line: Teams collapses single newlines inside one TextBlock, and our texts use
 * them for lists. TextBlocks render a Markdown subset, so only our own texts go through here.
 */
export function paragraphs(text: string, options: { weight?: 'Bolder'; size?: 'Medium' | 'Small'; color?: string; isSubtle?: boolean; spacing?: string } = {}): CardElement[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => ({
      type: 'TextBlock',
      text: line,
      wrap: true,
      ...options,
      ...(i > 0 ? { spacing: 'Small' } : {}),
    }));
}

/**
 * Text someone typed (a staff reply, a member's message, a quoted law): a RichTextBlock, which
 * renders no Markdown, so a stray `*` or `[link](…)` shows as written instead of as formatting.
 */
export function literal(text: string, options: { italic?: boolean; isSubtle?: boolean; size?: 'Small' | 'Default' } = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...options }] };
}

export function facts(items: { label: string; value: string }[]): CardElement[] {
  const rows = items.filter((f) => f.label && f.value);
  return rows.length > 0 ? [{ type: 'FactSet', facts: rows.map((f) => ({ title: f.label, value: f.value })) }] : [];
}

/** Emphasis for a button, as Adaptive Cards name it. */
export function actionStyle(style: 'primary' | 'danger' | 'default'): Record<string, string> {
  if (style === 'primary') return { style: 'positive' };
  if (style === 'danger') return { style: 'destructive' };
  return {};
}

/**
 * A button. `Action.Execute` (Universal Actions) lets the bot answer with a new card for the
 * pressing user only; clients without Universal Actions render the `Action.Submit` fallback,
 * which arrives as a message with `value` instead of an invoke.
 */
export function executeAction(title: string, verb: string, data: ActionData, extra: Record<string, unknown> = {}): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...extra,
    fallback: { type: 'Action.Submit', title, data, ...extra },
  };
}

export function openUrlAction(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/** Buttons inside the body (card-level actions are limited and cannot follow other content). */
export function actionSet(actions: CardElement[]): CardElement[] {
  return actions.length > 0 ? [{ type: 'ActionSet', actions }] : [];
}

/** A hidden input: its value travels back with every action of the card. */
export function hiddenInput(id: string, value: string): CardElement {
  return { type: 'Input.Text', id, value, isVisible: false };
}

/** Escapes text for a message whose `textFormat` is `xml` (Teams' HTML subset). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
