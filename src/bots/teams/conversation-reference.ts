import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Locale } from '../../core/locale.ts';
import type { Store } from '../../store/index.ts';
import type { TeamsActivity } from './inbound-activity.ts';

const Account = z.object({ id: z.string().min(1), name: z.string().optional().nullable(), aadObjectId: z.string().optional().nullable(), role: z.string().optional().nullable() });

/**
 * What is kept to message a Teams conversation later (a staff reply, a reminder): Bot Framework
 * needs the service URL of the member's region, the conversation and the bot's own account.
 * Stored as JSON with the session; parsed again when read back.
 */
export const StoredReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional().nullable(),
    tenantId: z.string().optional().nullable(),
    isGroup: z.boolean().optional().nullable(),
  }),
  bot: Account,
  user: Account.optional().nullable(),
  activityId: z.string().optional().nullable(),
  locale: z.string().optional().nullable(),
});
export type StoredReference = z.infer<typeof StoredReferenceSchema>;

/**
 * The reference of an inbound activity. No activity id: in a channel the conversation id already
 * names the thread ("19:…;messageid=…"), and a reply-to id would make proactive messages replies
 * to a message that may be long gone.
 */
export function referenceOf(activity: TeamsActivity): StoredReference {
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: activity.conversation.id,
      conversationType: activity.conversation.conversationType ?? undefined,
      tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? undefined,
      isGroup: activity.conversation.isGroup ?? undefined,
    },
    bot: { id: activity.recipient?.id ?? 'bot', name: activity.recipient?.name ?? undefined },
    user: { id: activity.from.id, name: activity.from.name ?? undefined, aadObjectId: activity.from.aadObjectId ?? undefined },
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/** Whether a stored conversation is a 1:1 chat with the member. */
export function isPersonalReference(reference: StoredReference): boolean {
  return (reference.conversation.conversationType ?? 'personal') === 'personal' && !reference.conversation.isGroup;
}

export function parseReference(json: string | undefined): StoredReference | undefined {
  if (!json) return undefined;
  try {
    const parsed = StoredReferenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** As botbuilder's type wants it (it has no nulls). */
export function toConversationReference(reference: StoredReference): Partial<ConversationReference> {
  const strip = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
  return strip({
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: strip(reference.conversation) as ConversationReference['conversation'],
    bot: strip(reference.bot) as ConversationReference['bot'],
    ...(reference.user ? { user: strip(reference.user) as ConversationReference['user'] } : {}),
    ...(reference.activityId ? { activityId: reference.activityId } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
  });
}

/**
 * Remembers a conversation without a turn (the bot was added to a team or chat). A turn that
 * races with this one wins; the next turn stores the same reference anyway.
 */
export async function rememberConversation(store: Store, conversationKey: string, reference: StoredReference, locale: Locale): Promise<void> {
  const session = await store.sessions.load('teams', conversationKey, locale);
  try {
    await store.transaction((tx) => store.sessions.save(tx, session, session.state, session.locale, JSON.stringify(reference)));
  } catch (error) {
    if ((error as { code?: string }).code !== 'concurrent_update') throw error;
  }
}
