import { z } from 'zod';
import { ReplySchema, type Reply } from '../../core/reply.ts';

/**
 * The keys our card actions put in their `data`, and the input ids of our cards. Teams sends
 * back `data` merged with every input's value, in an `adaptiveCard/action` invoke
 * (Action.Execute) or in a message's `value` (the Action.Submit fallback). All of it is
 * client-supplied, so it is parsed here and the flows validate the action values again.
 */
export const DataKey = {
  /** An opaque action value of a reply's button. */
  action: 'ua',
  /** The id of a submitted form. */
  form: 'uaForm',
  /** The id of a multi-select question (a `choices` reply with `multiple`). */
  choices: 'uaChoices',
  /** The action values a ChoiceSet's indices stand for (values may contain commas). */
  values: 'uaValues',
  /** Per form field, the option values its ChoiceSet indices stand for. */
  options: 'uaOptions',
  /** The form fields that take several options (the rest take one). */
  multiple: 'uaMultiple',
  /** The ChoiceSet input of a question. */
  pick: 'uaPick',
  /** A hidden input holding the reply the card was drawn from, to redraw it after an action. */
  snapshot: 'uaCard',
  /** The reply box of a case card. */
  staffReply: 'uaStaffReply',
} as const;

/** The case-card button that opens a reply box instead of acting at once (see case-card.ts). */
export const STAFF_REPLY_ACTION = 'teams-staff.reply';

/** The input id of a form field. */
export function fieldInputId(name: string): string {
  return `uaField.${name}`;
}

const Index = z.union([z.string(), z.number()]).transform((v) => String(v));

const RawDataSchema = z
  .object({
    [DataKey.action]: z.string().min(1).max(2000).optional(),
    [DataKey.form]: z.string().min(1).max(200).optional(),
    [DataKey.choices]: z.string().min(1).max(200).optional(),
    [DataKey.values]: z.array(z.string().max(2000)).max(100).optional(),
    [DataKey.options]: z.record(z.string().max(200), z.array(z.string().max(2000)).max(100)).optional(),
    [DataKey.multiple]: z.array(z.string().max(200)).max(100).optional(),
    [DataKey.pick]: Index.optional(),
    [DataKey.snapshot]: z.string().max(24_000).optional(),
    [DataKey.staffReply]: z.string().max(8000).optional(),
  })
  .passthrough();

/** What a card action asks for, once decoded. */
export type CardSubmission =
  /** `typed`: what was written in the card's reply box (case cards), if anything. */
  | { kind: 'action'; value: string; typed?: string; snapshot?: Reply }
  | { kind: 'form'; formId: string; values: Record<string, string | string[]>; snapshot?: Reply };

/** The indices a ChoiceSet returns: one, or a comma-separated list for multi-select. */
function indices(value: unknown): number[] {
  if (value === undefined || value === null || value === '') return [];
  return String(value)
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isInteger(n) && n >= 0);
}

function readSnapshot(json: string | undefined): Reply | undefined {
  if (!json) return undefined;
  try {
    const parsed = ReplySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a card action's data; undefined when it is not one of our cards. */
export function parseCardSubmission(raw: unknown): CardSubmission | undefined {
  const parsed = RawDataSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  const snapshot = readSnapshot(data[DataKey.snapshot]);
  const valueList = data[DataKey.values] ?? [];
  const choicesId = data[DataKey.choices];
  if (choicesId) {
    const picked = indices(data[DataKey.pick]).flatMap((i) => (valueList[i] !== undefined ? [valueList[i]!] : []));
    // The flows' contract for a native multi-select: the question's id as the form id, the
    // chosen choices' values under `selected` (see vote-flow.ts and survey-flow.ts onForm).
    return { kind: 'form', formId: choicesId, values: { selected: picked }, snapshot };
  }
  const formId = data[DataKey.form];
  if (formId) {
    const options = data[DataKey.options] ?? {};
    const multiple = new Set(data[DataKey.multiple] ?? []);
    const values: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(data)) {
      if (!key.startsWith('uaField.')) continue;
      const name = key.slice('uaField.'.length);
      const mapping = options[name];
      if (mapping) {
        const chosen = indices(value).flatMap((i) => (mapping[i] !== undefined ? [mapping[i]!] : []));
        values[name] = multiple.has(name) ? chosen : (chosen[0] ?? '');
      } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values[name] = String(value).slice(0, 8000);
      }
    }
    return { kind: 'form', formId, values, snapshot };
  }
  if (data[DataKey.pick] !== undefined && valueList.length > 0) {
    const [first] = indices(data[DataKey.pick]);
    const value = first === undefined ? undefined : valueList[first];
    return value ? { kind: 'action', value, snapshot } : undefined;
  }
  const value = data[DataKey.action];
  const typed = data[DataKey.staffReply]?.trim();
  if (value) return { kind: 'action', value, ...(typed ? { typed } : {}), snapshot };
  return undefined;
}
