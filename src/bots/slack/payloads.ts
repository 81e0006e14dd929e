import { z } from 'zod';

/**
 * The parts of Slack's payloads the adapter reads, validated with zod: a payload is outside
 * input even when its signature is good (fields change, and a bug in Slack is still input).
 */

const Id = z.string().min(1).max(40);
const Ts = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

/** The Events API envelope. */
export const EnvelopeSchema = z.object({
  team_id: Id,
  event_id: z.string().min(1).max(100),
  authorizations: z.array(z.object({ team_id: Id.nullish(), user_id: Id.optional(), is_bot: z.boolean().optional() })).optional(),
});

/** A member's message (message.im) or a message in a channel the app is in (message.channels). */
export const MessageEventSchema = z.object({
  type: z.literal('message'),
  channel: Id,
  channel_type: z.enum(['im', 'channel', 'group', 'mpim', 'app_home']).optional(),
  user: Id.optional(),
  text: z.string().max(40_000).optional(),
  ts: Ts,
  thread_ts: Ts.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const AppMentionSchema = z.object({
  type: z.literal('app_mention'),
  channel: Id,
  user: Id,
  text: z.string().max(40_000).default(''),
  ts: Ts,
  thread_ts: Ts.optional(),
  bot_id: z.string().optional(),
});

export const AppHomeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: Id, tab: z.string().optional() });

const ActionElementSchema = z.object({
  action_id: z.string().max(255),
  block_id: z.string().max(255).optional(),
  type: z.string(),
  value: z.string().max(2000).optional(),
  selected_option: z.object({ value: z.string().max(2000) }).nullish(),
  action_ts: z.string().optional(),
});

/** A button press or menu choice (interactivity, `block_actions`). */
export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: Id, team_id: Id.optional() }),
  team: z.object({ id: Id }).nullish(),
  trigger_id: z.string().max(200).optional(),
  channel: z.object({ id: Id }).optional(),
  container: z
    .object({ type: z.string(), message_ts: Ts.optional(), thread_ts: Ts.optional(), channel_id: Id.optional(), view_id: z.string().optional() })
    .optional(),
  message: z.object({ ts: Ts, thread_ts: Ts.optional(), blocks: z.array(z.record(z.string(), z.unknown())).optional() }).optional(),
  view: z.object({ id: z.string(), type: z.string() }).optional(),
  actions: z.array(ActionElementSchema).min(1),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

/** A submitted modal. */
export const ViewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: Id, team_id: Id.optional() }),
  team: z.object({ id: Id }).nullish(),
  trigger_id: z.string().max(200).optional(),
  view: z.object({
    id: z.string(),
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({ values: z.unknown() }),
  }),
});

/** A slash command (form-encoded). */
export const SlashCommandSchema = z.object({
  command: z.string().max(100),
  text: z.string().max(4000).default(''),
  user_id: Id,
  team_id: Id,
  channel_id: Id,
  trigger_id: z.string().max(200).optional(),
});
