import { z } from 'zod';
import { cleanText } from '../../core/inbound.ts';

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

const Obj = z.custom<Record<string, unknown>>((v) => !!v && typeof v === 'object' && !Array.isArray(v), 'must be an object');
/**
 * A team or enterprise id as Slack writes them. Bolt keeps a client per team in a plain object
 * (`clients[teamId]`), so a "team" named "constructor" or "__proto__" made it throw.
 */
const SlackId = z.string().regex(/^[A-Z0-9]{1,40}$/, 'is not a Slack id');
const INTERACTION_TYPES = new Set(['block_actions', 'interactive_message', 'view_submission', 'view_closed', 'block_suggestion', 'shortcut', 'message_action', 'dialog_submission', 'workflow_step_edit']);

/**
 * The fields Bolt itself dereferences before any listener can check a payload (its routing reads
 * `body.event.channel`, `body.user.id`, `body.team.id`, `body.view`…). A signed body whose fields
 * have other shapes made Bolt throw a raw TypeError; such a body is refused with 400 instead.
 * Found by tests/fuzz (issue 9).
 */
export const BoltShapeSchema = z
  .object({
    team_id: SlackId.nullish(),
    enterprise_id: SlackId.nullish(),
    event: z
      .object({ channel: z.union([z.string(), Obj]).optional(), user: z.union([z.string(), Obj]).optional(), item: Obj.optional(), subteam: Obj.optional() })
      .passthrough()
      .optional(),
    authorizations: z.array(z.object({ team_id: SlackId.nullish(), enterprise_id: SlackId.nullish() }).passthrough()).optional(),
    user: z.object({ team_id: SlackId.nullish() }).passthrough().optional(),
    team: z.object({ id: SlackId.nullish(), enterprise_id: SlackId.nullish() }).passthrough().nullable().optional(),
    enterprise: z.object({ id: SlackId.nullish() }).passthrough().nullable().optional(),
    channel: Obj.optional(),
    view: z.object({ app_installed_team_id: SlackId.nullish() }).passthrough().optional(),
    container: Obj.optional(),
    message: Obj.optional(),
    actions: z.array(Obj).optional(),
    // Bolt reads `response_urls.length` and `response_urls[0].response_url`.
    response_urls: z.array(Obj).optional(),
  })
  .passthrough()
  .refine((body) => body.event !== undefined || body.command !== undefined || !(body.actions !== undefined || body.name !== undefined || INTERACTION_TYPES.has(String(body.type))) || body.user !== undefined, {
    message: 'an interaction without a user',
  })
  .refine((body) => !(body.type === 'view_submission' || body.type === 'view_closed') || body.view !== undefined, { message: 'a view submission without a view' })
  // Bolt matches listeners with `action.action_id.match(…)`.
  .refine((body) => body.actions === undefined || body.actions.every((a) => typeof a.action_id === 'string' || (a.action_id === undefined && body.type !== 'block_actions')), {
    message: 'an action without an action_id',
  });

/** How deep a Slack payload may nest: Slack's own are a dozen levels at most. */
const MAX_DEPTH = 64;

/**
 * A copy of a parsed payload with every string value made storable (`cleanText`: lone surrogates and NUL),
 * or undefined when it nests deeper than any Slack payload does (a recursive reader would overflow).
 */
export function cleanPayload(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) throw new RangeError('payload nests too deeply');
  if (Array.isArray(value)) return value.map((v) => cleanPayload(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // Keys stay as sent: cleaning "team_id\u0000" into "team_id" would let a second key override the
    // real one. defineProperty: a key named "__proto__" stays a plain own property, as JSON.parse made it.
    Object.defineProperty(out, key, { value: cleanPayload(v, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return out;
}
