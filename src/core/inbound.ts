import { z } from 'zod';

/**
 * Text as it may be stored: lone UTF-16 surrogates become U+FFFD and NUL characters are dropped.
 * Any platform can send them (JSON escapes like "\ud800"); Prisma's query engine refuses a lone
 * surrogate ("unexpected end of hex escape") and PostgreSQL refuses NUL, which failed the whole
 * turn. Found by tests/fuzz (issue 9).
 */
export function cleanText(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').replace(/\u0000/g, '');
}

/** The channels a member can reach the assistant through. */
export const ChannelSchema = z.enum(['slack', 'teams', 'web', 'cli']);
export type Channel = z.infer<typeof ChannelSchema>;

/** A platform account as the channel reports it. */
export const PlatformIdentitySchema = z.object({
  channel: ChannelSchema,
  /** Slack team id, Teams tenant id, or "" where the platform has none. */
  tenant: z.string().max(200).transform(cleanText).default(''),
  externalId: z.string().min(1).max(200).transform(cleanText),
  displayName: z.string().max(200).transform(cleanText).optional(),
  email: z.string().max(320).transform(cleanText).optional(),
});
export type PlatformIdentity = z.infer<typeof PlatformIdentitySchema>;

const MessageInput = z.object({ type: z.literal('message'), text: z.string().max(8000).transform(cleanText) });
/** A button press or a choice; `value` is the action payload the reply carried. */
const ActionInput = z.object({ type: z.literal('action'), value: z.string().min(1).max(4000).transform(cleanText) });
/** A submitted form: the form's id and its field values. */
const FormInput = z.object({
  type: z.literal('form'),
  formId: z.string().min(1).max(200).transform(cleanText),
  values: z.record(z.string().transform(cleanText), z.union([z.string().max(8000).transform(cleanText), z.array(z.string().max(2000).transform(cleanText)).max(100)])),
});

export const InboundInputSchema = z.discriminatedUnion('type', [MessageInput, ActionInput, FormInput]);
export type InboundInput = z.infer<typeof InboundInputSchema>;

/** Everything a channel adapter knows about one thing a member did. */
export const InboundEventSchema = z.object({
  channel: ChannelSchema,
  /** Stable key of the conversation within the channel (DM channel id, Teams conversation id …). */
  conversationKey: z.string().min(1).max(500).transform(cleanText),
  identity: PlatformIdentitySchema,
  /** The platform's idea of the member's language, used when the text does not tell. */
  locale: z.enum(['zh-CN', 'en']).optional(),
  /** A platform event id, used to drop retried deliveries. */
  eventId: z.string().max(300).transform(cleanText).optional(),
  input: InboundInputSchema,
  /** What the channel needs to message this conversation later (JSON), stored with the session. */
  reference: z.string().max(8000).transform(cleanText).optional(),
});
export type InboundEvent = z.infer<typeof InboundEventSchema>;
export type InboundEventInput = z.input<typeof InboundEventSchema>;
