import type { Locale } from '../../core/locale.ts';
import { SlashCommandSchema } from './payloads.ts';
import type { SlackContext } from './slack-context.ts';
import { slackText } from './slack-messages.ts';

/** The slash command the manifest declares. */
export const SLASH_COMMAND = '/union';

/**
 * Subcommands, as the words the flows already understand in each language: a subcommand is a
 * shortcut for typing that word, so the command and the conversation cannot drift apart.
 */
const SUBCOMMANDS: Record<string, Record<Locale, string>> = {
  help: { 'zh-CN': '帮助', en: 'help' },
  surveys: { 'zh-CN': '问卷', en: 'surveys' },
  vote: { 'zh-CN': '投票', en: 'vote' },
  events: { 'zh-CN': '活动', en: 'events' },
  cases: { 'zh-CN': '我的案件', en: 'my cases' },
};
const ALIASES: Record<string, string> = { survey: 'surveys', votes: 'vote', ballot: 'vote', event: 'events', case: 'cases', 帮助: 'help', 问卷: 'surveys', 投票: 'vote', 活动: 'events', 案件: 'cases' };

/** What `/union <text>` asks for: a message to the assistant and the language it implies. */
export function commandMessage(text: string, profileLocale: Locale): { text: string; locale: Locale } {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (word === 'ask' || word === '问') return { text: rest.join(' '), locale: profileLocale };
  const name = SUBCOMMANDS[word] ? word : ALIASES[word];
  if (!trimmed) return { text: SUBCOMMANDS.help![profileLocale], locale: profileLocale };
  if (name && rest.length === 0) {
    // A Chinese subcommand answers in Chinese; an English one in the profile's language.
    const locale: Locale = /\p{Script=Han}/u.test(first) ? 'zh-CN' : profileLocale;
    return { text: SUBCOMMANDS[name]![locale], locale };
  }
  return { text: trimmed, locale: profileLocale };
}

/**
 * `/union help | ask … | surveys | vote | events | cases`. Answered in the member's DM with the
 * app, wherever the command was typed: answers and ballots are personal, and a channel's
 * members should not see them. Acknowledged at once; the turn runs after.
 */
export function registerSlashCommand(ctx: SlackContext): void {
  ctx.bolt.command(SLASH_COMMAND, async ({ ack, body }) => {
    const parsed = SlashCommandSchema.safeParse(body);
    if (!parsed.success) {
      await ack();
      return;
    }
    const command = parsed.data;
    const { user } = await ctx.directory.user(command.user_id, command.team_id);
    const profileLocale = user.locale ?? ctx.app.config.defaultLocale;
    const dm = await ctx.directory.dmChannel(command.user_id);
    await ack(dm === command.channel_id ? undefined : { response_type: 'ephemeral', text: slackText.repliedInDm[profileLocale] });
    const message = commandMessage(command.text, profileLocale);
    await ctx.turns.run({
      team: command.team_id,
      user: command.user_id,
      target: { channel: dm },
      input: { type: 'message', text: message.text.slice(0, 8000) },
      locale: message.locale,
      eventId: command.trigger_id ? `cmd:${command.trigger_id}` : undefined,
      triggerId: command.trigger_id,
    });
  });
}
