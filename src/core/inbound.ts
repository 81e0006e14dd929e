import { z } from 'zod';

/** The channels a member can reach the assistant through. */
export const ChannelSchema = z.enum(['slack', 'teams', 'web', 'cli']);
export type Channel = z.infer<typeof ChannelSchema>;

/** A platform account as the channel reports it. */
export const PlatformIdentitySchema = z.object({
  channel: ChannelSchema,
  /** Slack team id, Teams tenant id, or "" where the platform has none. */
  tenant: z.string().max(200).default(''),
  externalId: z.string().min(1).max(200),
  displayName: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});
export type PlatformIdentity = z.infer<typeof PlatformIdentitySchema>;

const MessageInput = z.object({ type: z.literal('message'), text: z.string().max(8000) });
/** A button press or a choice; `value` is the action payload the reply carried. */
const ActionInput = z.object({ type: z.literal('action'), value: z.string().min(1).max(4000) });
/** A submitted form: the form's id and its field values. */
const FormInput = z.object({
  type: z.literal('form'),
  formId: z.string().min(1).max(200),
  values: z.record(z.string(), z.union([z.string().max(8000), z.array(z.string().max(2000)).max(100)])),
});

export const InboundInputSchema = z.discriminatedUnion('type', [MessageInput, ActionInput, FormInput]);
export type InboundInput = z.infer<typeof InboundInputSchema>;

/** Everything a channel adapter knows about one thing a member did. */
export const InboundEventSchema = z.object({
  channel: ChannelSchema,
  /** Stable key of the conversation within the channel (DM channel id, Teams conversation id …). */
  conversationKey: z.string().min(1).max(500),
  identity: PlatformIdentitySchema,
  /** The platform's idea of the member's language, used when the text does not tell. */
  locale: z.enum(['zh-CN', 'en']).optional(),
  /** A platform event id, used to drop retried deliveries. */
  eventId: z.string().max(300).optional(),
  input: InboundInputSchema,
  /** What the channel needs to message this conversation later (JSON), stored with the session. */
  reference: z.string().max(8000).optional(),
});
export type InboundEvent = z.infer<typeof InboundEventSchema>;
export type InboundEventInput = z.input<typeof InboundEventSchema>;
