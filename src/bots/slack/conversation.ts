import { z } from 'zod';

/** Where a Slack message goes: a channel (a DM is a channel too), and a thread in it, if any. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
}

const CHANNEL_ID = /^[A-Z0-9]{2,40}$/;
const TS = /^\d{1,12}\.\d{1,9}$/;

/**
 * The conversation key of a Slack conversation: the channel id, plus the thread's timestamp for
 * a thread in a channel (a mention is answered in its thread, and the thread is the
 * conversation). Channel ids are unique across workspaces of one Slack organisation, so the
 * team is not part of the key; other modules address Slack conversations (outbox rows, staff
 * queues) with the same key.
 */
export function conversationKeyOf(target: SlackTarget): string {
  return target.threadTs ? `${target.channel}:${target.threadTs}` : target.channel;
}

/** The target of a conversation key; undefined for a key that is not a Slack one. */
export function targetOf(key: string): SlackTarget | undefined {
  const [channel, threadTs, ...rest] = key.split(':');
  if (!channel || !CHANNEL_ID.test(channel) || rest.length > 0) return undefined;
  if (threadTs !== undefined && !TS.test(threadTs)) return undefined;
  return threadTs ? { channel, threadTs } : { channel };
}

/** Direct-message channels start with D. */
export function isDirectMessage(target: SlackTarget): boolean {
  return target.channel.startsWith('D');
}

/**
 * What the adapter stores with the session (InboundEvent.reference) so that it can reach the
 * member later, e.g. to send a staff reply to the member's DM from a channel thread.
 */
export const SlackReferenceSchema = z.object({
  team: z.string().max(40),
  user: z.string().max(40),
  channel: z.string().max(40),
  threadTs: z.string().max(40).optional(),
});
export type SlackReference = z.infer<typeof SlackReferenceSchema>;

export function parseReference(json: string | undefined): SlackReference | undefined {
  if (!json) return undefined;
  try {
    const parsed = SlackReferenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
