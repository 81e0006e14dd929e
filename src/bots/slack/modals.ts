import type { types as Slack } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../core/locale.ts';
import { ReplySchema, type Reply } from '../../core/reply.ts';
import { LIMITS } from './limits.ts';
import { markdownToMrkdwn, truncate } from './mrkdwn.ts';
import { fill, slackText } from './slack-messages.ts';

export type FormReply = Extract<Reply, { type: 'form' }>;
export type ChoicesReply = Extract<Reply, { type: 'choices' }>;
type Field = FormReply['fields'][number];

/** Callback id of every modal the adapter opens. */
export const MODAL_CALLBACK = 'ua-modal';

/**
 * What a modal carries through Slack (private_metadata): which stashed form or question it shows
 * and the conversation the submission belongs to. Read back with zod: Slack echoes it, but
 * anything arriving over the network is checked.
 */
export const ModalMetadataSchema = z.object({
  kind: z.enum(['form', 'choices']),
  t: z.string().uuid(),
  c: z.string().min(1).max(200),
  /** Opened from the App Home tab: refresh it after the submission. */
  home: z.boolean().optional(),
});
export type ModalMetadata = z.infer<typeof ModalMetadataSchema>;

export const StoredFormSchema = ReplySchema.refine((r): r is FormReply => r.type === 'form');
export const StoredChoicesSchema = ReplySchema.refine((r): r is ChoicesReply => r.type === 'choices' && !!r.multiple);

const plain = (text: string, max: number): Slack.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

function option(label: string, value: string): Slack.PlainTextOption {
  return { text: plain(label || '—', LIMITS.optionText), value };
}

/**
 * Options are sent as their index: Slack caps option values at 150 characters, while a flow's
 * values are its own business. The index is mapped back through the stashed reply.
 */
function optionsOf(items: { label: string }[]): Slack.PlainTextOption[] {
  return items.map((item, i) => option(item.label, String(i)));
}

/** More options than one menu holds go into groups of 100, not dropped. */
function menuOptions(options: Slack.PlainTextOption[]): Pick<Slack.StaticSelect, 'options' | 'option_groups'> {
  if (options.length <= LIMITS.selectOptions) return { options };
  const groups: NonNullable<Slack.StaticSelect['option_groups']> = [];
  for (let i = 0; i < options.length; i += LIMITS.selectOptions) {
    groups.push({ label: plain(`${i + 1}–${Math.min(i + LIMITS.selectOptions, options.length)}`, LIMITS.optionText), options: options.slice(i, i + LIMITS.selectOptions) });
  }
  return { option_groups: groups };
}

function ratingOptions(field: Field): { label: string; value: string }[] {
  const min = Math.round(field.min ?? 1);
  const max = Math.round(field.max ?? 5);
  const out: { label: string; value: string }[] = [];
  for (let n = min; n <= max && out.length < 100; n++) out.push({ label: max - min < 10 && n > 0 && n <= 10 ? `${'★'.repeat(n)} ${n}` : String(n), value: String(n) });
  return out;
}

function fieldOptions(field: Field): { label: string; value: string }[] {
  return field.kind === 'rating' ? (field.options.length > 0 ? field.options : ratingOptions(field)) : field.options;
}

function element(field: Field): Slack.InputBlock['element'] {
  const initial = Array.isArray(field.value) ? field.value : field.value !== undefined ? [field.value] : [];
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id: 'v',
        multiline: field.kind === 'textarea',
        max_length: LIMITS.plainTextInput,
        ...(typeof field.value === 'string' && field.value ? { initial_value: truncate(field.value, LIMITS.plainTextInput) } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: 'v',
        is_decimal_allowed: !(Number.isInteger(field.min ?? 0) && Number.isInteger(field.max ?? 0)),
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(typeof field.value === 'string' && field.value ? { initial_value: field.value } : {}),
      };
    case 'select':
    case 'rating': {
      const items = fieldOptions(field);
      const options = optionsOf(items);
      const chosen = options.find((_, i) => initial.includes(items[i]!.value));
      if (options.length <= LIMITS.radioOptions) return { type: 'radio_buttons', action_id: 'v', options, ...(chosen ? { initial_option: chosen } : {}) };
      return { type: 'static_select', action_id: 'v', ...menuOptions(options), ...(chosen ? { initial_option: chosen } : {}) };
    }
    case 'multiselect': {
      const options = optionsOf(field.options);
      const chosen = options.filter((_, i) => initial.includes(field.options[i]!.value));
      const limit = field.max !== undefined ? { max_selected_items: Math.max(1, Math.round(field.max)) } : {};
      if (options.length <= LIMITS.checkboxOptions) return { type: 'checkboxes', action_id: 'v', options, ...(chosen.length ? { initial_options: chosen } : {}) };
      return { type: 'multi_static_select', action_id: 'v', ...menuOptions(options), ...limit, ...(chosen.length ? { initial_options: chosen } : {}) };
    }
    default:
      return field.kind satisfies never;
  }
}

function modal(title: string, blocks: Slack.KnownBlock[], metadata: ModalMetadata, locale: Locale, submitLabel?: string): Slack.ModalView {
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(title, LIMITS.viewTitle),
    submit: plain(submitLabel ?? slackText.submit[locale], LIMITS.viewButton),
    close: plain(slackText.cancel[locale], LIMITS.viewButton),
    blocks: blocks.slice(0, LIMITS.blocksPerView),
  };
}

/** A form reply as a modal: one input block per field (block id `f<index>`). */
export function formModal(form: FormReply, metadata: ModalMetadata, locale: Locale): Slack.ModalView {
  const blocks: Slack.KnownBlock[] = form.fields.map((field, i) => ({
    type: 'input',
    block_id: `f${i}`,
    label: plain(field.label, LIMITS.inputLabel),
    optional: !field.required,
    element: element(field),
  }));
  return modal(form.title, blocks, metadata, locale, form.submitLabel);
}

const TOGGLE_MARK = /^[☑☐]\s*/;

/**
 * A multi-choice question (a multi-seat ballot, a multi-select survey question) as a modal with
 * its limits. Submitted as the form `<choices id>` with the chosen choices' values under
 * `selected`, the contract of the survey and vote flows' `onForm`.
 */
export function choicesModal(choices: ChoicesReply, metadata: ModalMetadata, locale: Locale, title: string): Slack.ModalView {
  const limits = choices.multiple ?? { min: 0, max: choices.choices.length };
  // Flows that toggle choices one press at a time mark them ☑ / ☐: the modal shows them checked.
  const options = optionsOf(choices.choices.map((c) => ({ label: c.label.replace(TOGGLE_MARK, '') })));
  const checked = options.filter((_, i) => choices.choices[i]!.label.startsWith('☑'));
  const initial = checked.length > 0 ? { initial_options: checked } : {};
  const input: Slack.InputBlock['element'] =
    options.length <= LIMITS.checkboxOptions
      ? { type: 'checkboxes', action_id: 'v', options, ...initial }
      : { type: 'multi_static_select', action_id: 'v', options, max_selected_items: Math.max(1, limits.max), ...initial };
  const hint = limits.min > 0 ? fill(slackText.chooseBetween, locale, limits) : fill(slackText.chooseUpTo, locale, limits);
  return modal(
    title,
    [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(markdownToMrkdwn(choices.prompt), LIMITS.sectionText) } },
      { type: 'input', block_id: 'c', label: plain(hint, LIMITS.inputLabel), optional: limits.min === 0, element: input },
    ],
    metadata,
    locale,
  );
}

/** The state of one input as Slack reports it in a view submission. */
const InputStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
export const ViewStateSchema = z.record(z.string(), z.record(z.string(), InputStateSchema));
export type ViewState = z.infer<typeof ViewStateSchema>;

function indexed<T>(items: T[], index: string | undefined): T | undefined {
  if (index === undefined || !/^\d{1,4}$/.test(index)) return undefined;
  return items[Number(index)];
}

/** A submitted form's values by field name, option indexes mapped back to the flow's values. */
export function formValues(form: FormReply, state: ViewState): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  form.fields.forEach((field, i) => {
    const input = state[`f${i}`]?.['v'];
    if (!input) return;
    if (field.kind === 'multiselect') {
      values[field.name] = (input.selected_options ?? []).flatMap((o) => indexed(field.options, o.value)?.value ?? []);
    } else if (field.kind === 'select' || field.kind === 'rating') {
      const chosen = indexed(fieldOptions(field), input.selected_option?.value);
      if (chosen) values[field.name] = chosen.value;
    } else if (typeof input.value === 'string') {
      values[field.name] = input.value;
    }
  });
  return values;
}

/** The choices picked in a multi-choice modal, in the order they were offered. */
export function chosenChoices(choices: ChoicesReply, state: ViewState): ChoicesReply['choices'] {
  const picked = new Set((state['c']?.['v']?.selected_options ?? []).map((o) => o.value));
  return choices.choices.filter((_, i) => picked.has(String(i)));
}

/** A short modal title for a question (Slack allows 24 characters). */
export function titleFor(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), LIMITS.viewTitle);
}
