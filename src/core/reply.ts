import { z } from 'zod';

/**
 * The channel-neutral reply model. Flows return `Reply[]`; each channel has one renderer that
 * switches on `type` and ends in `satisfies never`, so a new reply type cannot be forgotten.
 */

/** A button or choice. `value` is an opaque action payload the flow that made it can parse. */
export const ActionSchema = z.object({
  label: z.string().min(1).max(200),
  value: z.string().min(1).max(2000),
  style: z.enum(['primary', 'danger', 'default']).default('default'),
});
export type Action = z.infer<typeof ActionSchema>;

/** A source an answer rests on: a law article or a knowledge-base section. */
export const CitationSchema = z.object({
  title: z.string().min(1),
  section: z.string().default(''),
  docType: z.enum(['law', 'faq', 'psych', 'union']),
  /** The quoted text (a law article verbatim); may be shortened with an ellipsis. */
  quote: z.string().default(''),
  chunkId: z.string().optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

const TextReply = z.object({
  type: z.literal('text'),
  text: z.string().min(1),
});

/** A knowledge answer: summary, cited sources, and the feedback buttons' key. */
const AnswerReply = z.object({
  type: z.literal('answer'),
  text: z.string().min(1),
  citations: z.array(CitationSchema),
  confidence: z.number().min(0).max(1),
  /** The not-legal-advice line or another caveat, shown apart from the text. */
  disclaimer: z.string().optional(),
  /** Present when the member may rate this answer. */
  feedbackId: z.string().optional(),
  actions: z.array(ActionSchema).default([]),
});

/** A question with buttons (single) or a multi-select with limits. */
const ChoicesReply = z.object({
  type: z.literal('choices'),
  id: z.string().min(1),
  prompt: z.string().min(1),
  choices: z.array(ActionSchema).min(1).max(100),
  multiple: z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }).optional(),
});

const FormField = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(['text', 'textarea', 'number', 'select', 'multiselect', 'rating']),
  required: z.boolean().default(false),
  options: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  min: z.number().optional(),
  max: z.number().optional(),
  value: z.union([z.string(), z.array(z.string())]).optional(),
});

/** A form the member fills in and submits at once (a modal in Slack, an Adaptive Card input set). */
const FormReply = z.object({
  type: z.literal('form'),
  id: z.string().min(1),
  title: z.string().min(1),
  fields: z.array(FormField).min(1),
  submitLabel: z.string().min(1),
});

/** A card: an event, a ballot, a case, a survey invitation. */
const CardReply = z.object({
  type: z.literal('card'),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  body: z.string().default(''),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  actions: z.array(ActionSchema).default([]),
  /** A link (calendar file, console page) shown with the card. */
  link: z.object({ label: z.string(), url: z.string() }).optional(),
});

/** A status line: handoff notices, confirmations, warnings, crisis. */
const NoticeReply = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'success', 'warning', 'urgent']),
  text: z.string().min(1),
});

/** A message written by a union staff member, relayed to the member. */
const StaffMessageReply = z.object({
  type: z.literal('staff-message'),
  from: z.string().min(1),
  text: z.string().min(1),
  ticketId: z.string(),
});

/** A file to hand to the member, such as a calendar invitation (.ics). */
const FileReply = z.object({
  type: z.literal('file'),
  filename: z.string().min(1),
  mimeType: z.string().min(1),
  content: z.string(),
  title: z.string().min(1),
});

export const ReplySchema = z.discriminatedUnion('type', [
  TextReply,
  AnswerReply,
  ChoicesReply,
  FormReply,
  CardReply,
  NoticeReply,
  StaffMessageReply,
  FileReply,
]);

/** One channel-neutral reply. */
export type Reply = z.infer<typeof ReplySchema>;
/** What a flow writes before defaults are applied. */
export type ReplyInput = z.input<typeof ReplySchema>;
export type ReplyType = Reply['type'];

/** Validates replies built by flows (defaults applied); a bad reply is a programming error. */
export function replies(...items: ReplyInput[]): Reply[] {
  return items.map((item) => ReplySchema.parse(item));
}

/** Plain-text rendering shared by the CLI and logs-free transcripts. */
export function replyToPlainText(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return reply.text;
    case 'answer': {
      const sources = reply.citations.map((c) => `  · ${c.title}${c.section ? ` ${c.section}` : ''}`);
      return [reply.text, ...sources, reply.disclaimer ?? ''].filter(Boolean).join('\n');
    }
    case 'choices':
      return [reply.prompt, ...reply.choices.map((c, i) => `  ${i + 1}. ${c.label}`)].join('\n');
    case 'form':
      return [reply.title, ...reply.fields.map((f) => `  - ${f.label}${f.required ? ' *' : ''}`)].join('\n');
    case 'card':
      return [
        reply.title,
        reply.subtitle ?? '',
        reply.body,
        ...reply.fields.map((f) => `  ${f.label}: ${f.value}`),
        ...reply.actions.map((a, i) => `  [${i + 1}] ${a.label}`),
        reply.link ? `  ${reply.link.label}: ${reply.link.url}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'notice':
      return reply.text;
    case 'staff-message':
      return `${reply.from}: ${reply.text}`;
    case 'file':
      return `${reply.title} (${reply.filename})`;
    default:
      return reply satisfies never;
  }
}
