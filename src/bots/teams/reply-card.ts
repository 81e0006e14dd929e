import { parseAction } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { Action, Citation, Reply } from '../../core/reply.ts';
import { actionSet, actionStyle, executeAction, facts, hiddenInput, literal, openUrlAction, paragraphs, type CardElement } from './adaptive-card.ts';
import { DataKey, fieldInputId, STAFF_REPLY_ACTION } from './card-data.ts';
import { teamsTexts } from './teams-texts.ts';

/** A reply drawn as card content: body elements and card-level buttons. */
export interface CardSections {
  body: CardElement[];
  actions: CardElement[];
}

/** Teams shows at most six card-level buttons; longer lists become a ChoiceSet. */
const MAX_BUTTONS = 6;
/** The snapshot rides in the card; past this size the card is simply not redrawn after an action. */
const MAX_SNAPSHOT = 20_000;
const MAX_QUOTE = 400;

function verbOf(value: string): string {
  return parseAction(value)?.a ?? 'ua';
}

function button(a: Action, locale: Locale): CardElement {
  const verb = verbOf(a.value);
  if (verb === STAFF_REPLY_ACTION) {
    // A case card's "Reply" opens a text box in the card; its send button carries the action.
    return {
      type: 'Action.ShowCard',
      title: a.label,
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: DataKey.staffReply, isMultiline: true, placeholder: teamsTexts.replyPlaceholder[locale] }],
        actions: [executeAction(teamsTexts.sendReply[locale], verb, { [DataKey.action]: a.value }, { style: 'positive' })],
      },
    };
  }
  return executeAction(a.label, verb, { [DataKey.action]: a.value }, actionStyle(a.style));
}

/** A source: the law and article with its wording; other sources (FAQ, articles) by title alone, as the answer already says what they say. */
function citationBlock(c: Citation): CardElement {
  const text = c.docType === 'law' ? c.quote : '';
  const quote = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return {
    type: 'Container',
    spacing: 'Small',
    items: [{ type: 'TextBlock', text: `${c.title}${c.section ? ` ${c.section}` : ''}`, weight: 'Bolder', wrap: true, size: 'Small' }, ...(quote ? [literal(quote, { italic: true, isSubtle: true, size: 'Small' })] : [])],
  };
}

const NOTICE_COLOR = { info: 'Accent', success: 'Good', warning: 'Warning', urgent: 'Attention' } as const;

/** A question's choices: buttons when few, a ChoiceSet and one submit button when many or multiple. */
function choiceSections(reply: Extract<Reply, { type: 'choices' }>, locale: Locale, interactive: boolean): CardSections {
  const body = paragraphs(reply.prompt);
  if (!interactive) return { body, actions: [] };
  if (!reply.multiple && reply.choices.length <= MAX_BUTTONS) return { body, actions: reply.choices.map((c) => button(c, locale)) };
  const values = reply.choices.map((c) => c.value);
  body.push({
    type: 'Input.ChoiceSet',
    id: DataKey.pick,
    style: reply.multiple ? 'expanded' : 'compact',
    isMultiSelect: !!reply.multiple,
    isRequired: !reply.multiple || reply.multiple.min > 0,
    errorMessage: teamsTexts.required[locale],
    placeholder: teamsTexts.choose[locale],
    choices: reply.choices.map((c, i) => ({ title: c.label, value: String(i) })),
  });
  const data = reply.multiple ? { [DataKey.choices]: reply.id, [DataKey.values]: values } : { [DataKey.values]: values };
  return { body, actions: [executeAction(teamsTexts.submit[locale], reply.multiple ? 'choices' : 'pick', data, { style: 'positive' })] };
}

function formSections(reply: Extract<Reply, { type: 'form' }>, locale: Locale, interactive: boolean): CardSections {
  const body: CardElement[] = paragraphs(reply.title, { weight: 'Bolder', size: 'Medium' });
  if (!interactive) return { body: [...body, ...paragraphs(teamsTexts.submitted[locale], { isSubtle: true })], actions: [] };
  const options: Record<string, string[]> = {};
  const multiple: string[] = [];
  for (const field of reply.fields) {
    const common = { id: fieldInputId(field.name), label: field.label, isRequired: field.required, ...(field.required ? { errorMessage: teamsTexts.required[locale] } : {}) };
    const initial = Array.isArray(field.value) ? field.value : field.value !== undefined ? [field.value] : [];
    switch (field.kind) {
      case 'text':
      case 'textarea':
        body.push({ type: 'Input.Text', ...common, isMultiline: field.kind === 'textarea', ...(initial[0] ? { value: initial[0] } : {}) });
        break;
      case 'number':
        body.push({ type: 'Input.Number', ...common, ...(field.min !== undefined ? { min: field.min } : {}), ...(field.max !== undefined ? { max: field.max } : {}), ...(initial[0] ? { value: Number(initial[0]) } : {}) });
        break;
      case 'select':
      case 'multiselect': {
        const values = field.options.map((o) => o.value);
        options[field.name] = values;
        if (field.kind === 'multiselect') multiple.push(field.name);
        const selected = initial.map((v) => values.indexOf(v)).filter((i) => i >= 0);
        body.push({
          type: 'Input.ChoiceSet',
          ...common,
          style: field.kind === 'multiselect' ? 'expanded' : 'compact',
          isMultiSelect: field.kind === 'multiselect',
          choices: field.options.map((o, i) => ({ title: o.label, value: String(i) })),
          ...(selected.length > 0 ? { value: selected.join(',') } : {}),
        });
        break;
      }
      case 'rating': {
        const min = field.min ?? 1;
        const max = Math.min(field.max ?? 5, min + 10);
        const stars = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
        body.push({ type: 'Input.ChoiceSet', ...common, style: 'expanded', choices: stars.map((s) => ({ title: s, value: s })), ...(initial[0] ? { value: initial[0] } : {}) });
        break;
      }
      default:
        field.kind satisfies never;
    }
  }
  const data = { [DataKey.form]: reply.id, [DataKey.options]: options, [DataKey.multiple]: multiple };
  return { body, actions: [executeAction(reply.submitLabel, 'form', data, { style: 'positive' })] };
}

/**
 * Draws one channel-neutral reply as card content. `interactive: false` draws the state after an
 * action: the same content without buttons and inputs (links stay: a calendar link still helps).
 */
export function replySections(reply: Reply, locale: Locale, options: { interactive: boolean }): CardSections {
  const { interactive } = options;
  switch (reply.type) {
    case 'text':
      return { body: paragraphs(reply.text), actions: [] };
    case 'answer': {
      const body = paragraphs(reply.text);
      if (reply.citations.length > 0) {
        body.push({ type: 'TextBlock', text: teamsTexts.sources[locale], weight: 'Bolder', size: 'Small', spacing: 'Medium', separator: true });
        body.push(...reply.citations.map(citationBlock));
      }
      if (reply.disclaimer) body.push(...paragraphs(reply.disclaimer, { size: 'Small', isSubtle: true, spacing: 'Medium' }));
      return { body, actions: interactive ? reply.actions.map((a) => button(a, locale)) : [] };
    }
    case 'choices':
      return choiceSections(reply, locale, interactive);
    case 'form':
      return formSections(reply, locale, interactive);
    case 'card': {
      const body = [
        ...paragraphs(reply.title, { weight: 'Bolder', size: 'Medium' }),
        ...(reply.subtitle ? paragraphs(reply.subtitle, { isSubtle: true, spacing: 'None' }) : []),
        ...paragraphs(reply.body),
        ...facts(reply.fields),
      ];
      const link = reply.link ? [openUrlAction(reply.link.label, reply.link.url)] : [];
      return { body, actions: [...(interactive ? reply.actions.map((a) => button(a, locale)) : []), ...link] };
    }
    case 'notice':
      return { body: paragraphs(reply.text, { color: NOTICE_COLOR[reply.level], ...(reply.level === 'urgent' ? { weight: 'Bolder' as const } : {}) }), actions: [] };
    case 'staff-message':
      return { body: [...paragraphs(`${reply.from} · ${teamsTexts.unionStaff[locale]}`, { weight: 'Bolder', size: 'Small' }), literal(reply.text)], actions: [] };
    case 'file':
      return { body: [...paragraphs(reply.title, { weight: 'Bolder' }), ...facts([{ label: teamsTexts.file[locale], value: reply.filename }])], actions: [] };
    default:
      return reply satisfies never;
  }
}

/** Whether a reply's card has something to press (and so needs its snapshot to be redrawn). */
export function isInteractive(reply: Reply): boolean {
  return (reply.type === 'answer' && reply.actions.length > 0) || (reply.type === 'card' && reply.actions.length > 0) || reply.type === 'choices' || reply.type === 'form';
}

/** The hidden snapshot input of an interactive card, when it fits. */
export function snapshotInput(reply: Reply): CardElement[] {
  if (!isInteractive(reply)) return [];
  const json = JSON.stringify(reply);
  return json.length <= MAX_SNAPSHOT ? [hiddenInput(DataKey.snapshot, json)] : [];
}

/** Card-level buttons inside the body, for composite cards where several replies share one card. */
export function inlineActions(sections: CardSections): CardElement[] {
  return [...sections.body, ...actionSet(sections.actions)];
}
