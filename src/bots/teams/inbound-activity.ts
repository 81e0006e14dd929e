import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundEventInput, PlatformIdentity } from '../../core/inbound.ts';
import { cleanText } from '../../core/inbound.ts';
import { normaliseLocale, type Locale } from '../../core/locale.ts';

const AccountSchema = z
  .object({
    id: z.string().min(1).max(500),
    name: z.string().max(300).optional().nullable(),
    aadObjectId: z.string().max(100).optional().nullable(),
    role: z.string().max(50).optional().nullable(),
  })
  .passthrough();

/**
 * The parts of a Bot Framework activity this channel reads. botbuilder has already checked the
 * request's signature (with credentials); the shape is still the sender's, so it is parsed.
 */
const ActivityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(300).optional().nullable(),
    name: z.string().max(200).optional().nullable(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().min(1).max(1000),
    from: AccountSchema,
    recipient: AccountSchema.optional().nullable(),
    conversation: z
      .object({
        id: z.string().min(1).max(500),
        conversationType: z.string().max(50).optional().nullable(),
        tenantId: z.string().max(100).optional().nullable(),
        isGroup: z.boolean().optional().nullable(),
      })
      .passthrough(),
    text: z.string().max(30_000).optional().nullable(),
    value: z.unknown().optional(),
    locale: z.string().max(50).optional().nullable(),
    replyToId: z.string().max(300).optional().nullable(),
    action: z.string().max(50).optional().nullable(),
    membersAdded: z.array(AccountSchema).max(1000).optional().nullable(),
    entities: z
      .array(z.object({ type: z.string().max(100).optional().nullable(), text: z.string().max(1000).optional().nullable(), mentioned: z.object({ id: z.string().max(500) }).passthrough().optional().nullable() }).passthrough())
      .max(200)
      .optional()
      .nullable(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string().max(100) }).passthrough().optional().nullable(),
        team: z.object({ id: z.string().max(500) }).passthrough().optional().nullable(),
        channel: z.object({ id: z.string().max(500) }).passthrough().optional().nullable(),
      })
      .passthrough()
      .optional()
      .nullable(),
  })
  .passthrough();

/** How deep an activity may nest: cards and channel data stay well within it. */
const MAX_DEPTH = 64;

/**
 * A copy of a parsed activity with every string value made storable (`cleanText`: lone
 * surrogates and NUL, which Prisma or PostgreSQL refuse); throws a RangeError past MAX_DEPTH.
 * Keys stay as sent, so that "type\u0000" cannot turn into a second "type".
 */
export function cleanActivity(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) throw new RangeError('the activity nests too deeply');
  if (Array.isArray(value)) return value.map((v) => cleanActivity(v, depth + 1));
  const out: Record<string, unknown> = {};
  // defineProperty: a key named "__proto__" stays a plain own property, as JSON.parse made it.
  for (const [key, v] of Object.entries(value)) Object.defineProperty(out, key, { value: cleanActivity(v, depth + 1), enumerable: true, configurable: true, writable: true });
  return out;
}

/** The activity with its strings cleaned (see `cleanActivity`); a too-deep one fails to parse. */
export const TeamsActivitySchema = z.preprocess((value) => {
  try {
    return cleanActivity(value);
  } catch {
    return undefined;
  }
}, ActivityShape);
export type TeamsActivity = z.infer<typeof TeamsActivitySchema>;

/**
 * Why a request body is not an activity this channel can handle, or undefined. Checked before
 * botbuilder sees it: botbuilder throws on an activity without a type, and nothing else
 * could be answered anyway. Found by tests/fuzz (issue 9).
 */
export function activityProblem(body: unknown): string | undefined {
  const parsed = TeamsActivitySchema.safeParse(body);
  if (parsed.success) return undefined;
  return `not a Bot Framework activity: ${parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`)
    .join('; ')}`.slice(0, 500);
}

/** The tenant of an activity: Teams puts it in channelData, and sometimes on the conversation. */
export function tenantOf(activity: TeamsActivity): string {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? '';
}

/**
 * The member's platform identity. The AAD object id is the same person in every chat, team and
 * bot of the tenant, so it is the stable key; Teams' own user id (29:…) differs per bot.
 */
export function identityOf(activity: TeamsActivity, email?: string): PlatformIdentity {
  return {
    channel: 'teams',
    tenant: tenantOf(activity),
    externalId: activity.from.aadObjectId || activity.from.id,
    ...(activity.from.name ? { displayName: activity.from.name.slice(0, 200) } : {}),
    ...(email ? { email } : {}),
  };
}

/** A 1:1 chat with the bot: the only place where what a member does is seen by them alone. */
export function isPersonal(activity: TeamsActivity): boolean {
  return (activity.conversation.conversationType ?? 'personal') === 'personal' && !activity.conversation.isGroup;
}

/**
 * Drops retried deliveries: activity ids are unique within a conversation only, so the key
 * carries a digest of the conversation id as well.
 */
export function eventIdOf(activity: TeamsActivity): string | undefined {
  if (!activity.id) return undefined;
  const conversation = createHash('sha256').update(activity.conversation.id).digest('base64url').slice(0, 16);
  return `${activity.id.slice(0, 200)}@${conversation}`;
}

/**
 * Message text without the bot's @mention and the markup Teams wraps mentions and spaces in. The
 * bot's mention is found by the mentioned account (Teams shows the bot under its localized name,
 * 工会助手 or Union Assistant); other people's mentions keep their name.
 */
export function messageText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.text && botId && entity.mentioned?.id === botId) text = text.split(entity.text).join(' ');
  }
  const botName = activity.recipient?.name?.trim();
  return text
    .replace(/<at>([^<]*)<\/at>/gi, (_whole, name: string) => (botName && name.trim() === botName ? '' : name))
    .replace(/&nbsp;/gi, ' ')
    .replace(/<\/?(p|div|span|br)\b[^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 8000);
}

/**
 * The session key of an activity. A 1:1 chat is one person's conversation. In a channel thread or
 * group chat several people talk to the bot at once, so each of them has their own session there
 * (their own survey in progress, their own case): the key adds who is speaking. Replies still go
 * to the shared conversation, whose id is in the stored reference.
 */
export function conversationKeyOf(activity: TeamsActivity): string {
  if (isPersonal(activity)) return activity.conversation.id;
  return `${activity.conversation.id}#${activity.from.aadObjectId || activity.from.id}`.slice(0, 500);
}

/** The fields of an inbound event every Teams activity shares; the caller adds the input. */
export function eventBase(activity: TeamsActivity, reference: string, email?: string): Omit<InboundEventInput, 'input'> {
  const locale: Locale | undefined = normaliseLocale(activity.locale ?? undefined);
  const eventId = eventIdOf(activity);
  return {
    channel: 'teams',
    conversationKey: conversationKeyOf(activity),
    identity: identityOf(activity, email),
    ...(locale ? { locale } : {}),
    ...(eventId ? { eventId } : {}),
    reference,
  };
}
