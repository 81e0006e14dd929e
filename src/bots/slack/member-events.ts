import type { SlackContext } from './slack-context.ts';
import { AppMentionSchema, EnvelopeSchema, MessageEventSchema } from './payloads.ts';
import { slackToPlainText } from './mrkdwn.ts';

/** Message subtypes that are a person writing (others are edits, joins, bot posts …). */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * Direct messages and mentions become turns of the conversation core. A DM is one conversation;
 * a mention in a channel is answered in its thread, and the thread is the conversation (a
 * follow-up mention in the thread continues it). Messages in channels are otherwise ignored,
 * except in the staff channel, where a case thread's replies go to the member (staff-cases.ts).
 */
export function registerMemberEvents(ctx: SlackContext): void {
  const { bolt, app } = ctx;

  bolt.event('message', async ({ body, context }) => {
    const envelope = EnvelopeSchema.safeParse(body);
    const event = MessageEventSchema.safeParse((body as { event?: unknown }).event);
    if (!envelope.success || !event.success) return;
    const message = event.data;
    if (!message.user || message.bot_id || !PERSON_SUBTYPES.has(message.subtype)) return;
    const text = slackToPlainText(message.text ?? '', context.botUserId);
    if (message.channel_type === 'im') {
      if (!text) return;
      await ctx.turns.run({
        team: envelope.data.team_id,
        user: message.user,
        target: { channel: message.channel },
        input: { type: 'message', text: text.slice(0, 8000) },
        eventId: envelope.data.event_id,
      });
      return;
    }
    if (message.thread_ts && message.channel === ctx.config.staffChannel) {
      await ctx.staff?.onThreadMessage({ eventId: envelope.data.event_id, team: envelope.data.team_id, channel: message.channel, threadTs: message.thread_ts, ts: message.ts, user: message.user, text });
    }
  });

  bolt.event('app_mention', async ({ body, context }) => {
    const envelope = EnvelopeSchema.safeParse(body);
    const mention = AppMentionSchema.safeParse((body as { event?: unknown }).event);
    if (!envelope.success || !mention.success || mention.data.bot_id) return;
    const { channel, user, ts, thread_ts: threadTs } = mention.data;
    // In a case thread of the staff channel a mention is staff talking to the member: relayed
    // by the message listener, not answered by the assistant.
    if (threadTs && channel === ctx.config.staffChannel && (await ctx.records.cardAt(channel, threadTs))) return;
    const text = slackToPlainText(mention.data.text, context.botUserId);
    await ctx.turns.run({
      team: envelope.data.team_id,
      user,
      target: { channel, threadTs: threadTs ?? ts },
      input: { type: 'message', text: text.slice(0, 8000) },
      eventId: envelope.data.event_id,
    });
    app.logger.debug({ slackEvent: envelope.data.event_id }, 'slack mention handled');
  });
}
