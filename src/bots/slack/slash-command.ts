import type { Bilingual, Locale } from '../../core/locale.ts';
import { replies, type Reply } from '../../core/reply.ts';
import { categoryLabels, statusLabels } from '../../flows/handoff/texts.ts';
import type { Member } from '../../store/members.ts';
import type { SlackUser } from './directory.ts';
import { SlashCommandSchema } from './payloads.ts';
import type { SlackContext } from './slack-context.ts';
import { fill, slackText } from './slack-messages.ts';

/** The slash command the manifest declares. */
export const SLASH_COMMAND = '/union';

/**
 * Subcommands, as the words the flows already understand in each language: a subcommand is a
 * shortcut for typing that word, so the command and the conversation cannot drift apart.
 * `cases` has no conversation word; the adapter lists the member's cases itself.
 */
const SUBCOMMANDS: Record<string, Record<Locale, string>> = {
  help: { 'zh-CN': '帮助', en: 'help' },
  surveys: { 'zh-CN': '问卷', en: 'surveys' },
  vote: { 'zh-CN': '投票', en: 'vote' },
  events: { 'zh-CN': '活动', en: 'events' },
};
const ALIASES: Record<string, string> = { survey: 'surveys', votes: 'vote', ballot: 'vote', event: 'events', 帮助: 'help', 问卷: 'surveys', 投票: 'vote', 活动: 'events', 案件: 'cases', 个案: 'cases', case: 'cases' };

/** What `/union <text>` asks for: a message to the assistant (or the case list) and its language. */
export function commandMessage(text: string, profileLocale: Locale): { text: string; locale: Locale; cases?: true } {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (word === 'ask' || word === '问') return { text: rest.join(' '), locale: profileLocale };
  if (!trimmed) return { text: SUBCOMMANDS.help![profileLocale], locale: profileLocale };
  const name = SUBCOMMANDS[word] || word === 'cases' ? word : ALIASES[word];
  // A Chinese subcommand answers in Chinese; an English one in the profile's language.
  const locale: Locale = /\p{Script=Han}/u.test(first) ? 'zh-CN' : profileLocale;
  if (name === 'cases' && rest.length === 0) return { text: '', locale, cases: true };
  if (name && rest.length === 0) return { text: SUBCOMMANDS[name]![locale], locale };
  return { text: trimmed, locale: profileLocale };
}

const commandText = {
  notUnderstood: {
    'zh-CN': '无法处理这条指令（内容过长或格式不对）。请输入 /union help 查看用法。',
    en: 'That command could not be handled (too long or malformed). Type /union help to see what it can do.',
  },
} satisfies Record<string, Bilingual>;

const casesText = {
  title: { 'zh-CN': '您的个案：', en: 'Your cases:' },
  line: { 'zh-CN': '· 个案 {id} · {category} · {status}', en: '· Case {id} · {category} · {status}' },
  none: { 'zh-CN': '您目前没有进行中的个案。需要帮助时，输入“转人工”即可联系工会工作人员。', en: 'You have no open cases. Type "talk to a person" whenever you want to reach union staff.' },
  hint: { 'zh-CN': '在这里留言即可联系负责您个案的工作人员。', en: 'Write here to reach the staff member handling your case.' },
} satisfies Record<string, Bilingual>;

/** The member's cases that are not closed, where each stands (never their content). */
async function caseReplies(ctx: SlackContext, member: Member | undefined, user: SlackUser, locale: Locale): Promise<Reply[]> {
  if (!member) return replies({ type: 'notice', level: 'info', text: fill(slackText.unlinked, locale, { why: (user.email ? slackText.emailUnknown : slackText.noEmail)[locale], user: user.id }) });
  const open = await ctx.app.store.tickets.list({ memberId: member.id, status: ['open', 'claimed', 'waiting', 'resolved'] });
  if (open.length === 0) return replies({ type: 'text', text: casesText.none[locale] });
  const lines = open.map((t) => fill(casesText.line, locale, { id: t.id, category: categoryLabels[t.category][locale], status: statusLabels[t.status][locale] }));
  return replies({ type: 'text', text: [casesText.title[locale], ...lines].join('\n') }, { type: 'notice', level: 'info', text: casesText.hint[locale] });
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
      // Shown only to the person who typed it; in both languages, as their profile is not known yet.
      await ack({ response_type: 'ephemeral', text: `${commandText.notUnderstood['zh-CN']}\n${commandText.notUnderstood.en}` });
      return;
    }
    const command = parsed.data;
    const { user } = await ctx.directory.user(command.user_id, command.team_id);
    const profileLocale = user.locale ?? ctx.app.config.defaultLocale;
    const dm = await ctx.directory.dmChannel(command.user_id);
    await ack(dm === command.channel_id ? undefined : { response_type: 'ephemeral', text: slackText.repliedInDm[profileLocale] });
    const message = commandMessage(command.text, profileLocale);
    if (message.cases) {
      const { member } = await ctx.app.store.members.resolveIdentity({ channel: 'slack', tenant: command.team_id, externalId: command.user_id, displayName: user.displayName, email: user.email });
      await ctx.turns.deliver({ channel: dm }, await caseReplies(ctx, member, user, message.locale), { locale: message.locale });
      return;
    }
    await ctx.turns.run({
      team: command.team_id,
      user: command.user_id,
      target: { channel: dm },
      input: { type: 'message', text: message.text.slice(0, 8000) },
      locale: message.locale,
      // A retried command repeats its trigger_id; keyed with the team and user as well, so that one
      // member's command can never be taken for another's retry (tests/fuzz sends equal ids).
      eventId: command.trigger_id ? `cmd:${command.team_id}:${command.user_id}:${command.trigger_id}` : undefined,
      triggerId: command.trigger_id,
    });
  });
}
