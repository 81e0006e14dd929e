import type { types as Slack } from '@slack/bolt';
import type { App } from '../../app.ts';
import { action } from '../../core/flow.ts';
import type { Bilingual, Locale } from '../../core/locale.ts';
import type { Member } from '../../store/members.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import { AppHomeOpenedSchema, EnvelopeSchema } from './payloads.ts';
import type { AppHomeTab, SlackContext } from './slack-context.ts';
import { fill, slackText } from './slack-messages.ts';
import { ValueStash } from './value-stash.ts';

type Block = Slack.KnownBlock;

/** One part of the Home tab, computed for the member who opened it. */
export type HomeSection = (args: { app: App; member: Member | undefined; locale: Locale; now: Date; stash: ValueStash }) => Promise<Block[]>;

const home = {
  title: { 'zh-CN': '工会助手', en: 'Union Assistant' },
  intro: {
    'zh-CN': '在这里直接给我发消息，或在频道里 @我 提问。我可以：\n• 回答劳动法律问题，并注明法律条文出处\n• 倾听工作压力和烦恼，需要时为您联系心理咨询师\n• 参加问卷、投票和选举，报名工会活动\n• 为您联系工会工作人员',
    en: 'Message me here, or mention me in a channel. I can:\n• answer labour-law questions, citing the law and article\n• listen to work stress and worries, and connect you with a counsellor\n• run surveys, votes and elections, and event sign-ups\n• put you in touch with union staff',
  },
  commands: {
    'zh-CN': '命令：`/union help` · `/union ask 问题` · `/union surveys` · `/union vote` · `/union events` · `/union cases`',
    en: 'Commands: `/union help` · `/union ask QUESTION` · `/union surveys` · `/union vote` · `/union events` · `/union cases`',
  },
  linked: { 'zh-CN': '✅ 已关联会员：{name}（{department}）', en: '✅ Linked to member: {name} ({department})' },
  menu: { 'zh-CN': '打开菜单', en: 'Open the menu' },
} satisfies Record<string, Bilingual>;

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/**
 * The App Home tab: what the assistant can do, whether the member is linked to the roster, and
 * the sections other modules contribute (open surveys and votes, upcoming events, open cases).
 * Published on `app_home_opened` and after a button on it was pressed, so it never shows a
 * sign-up the member just cancelled.
 */
export class AppHome implements AppHomeTab {
  readonly #sections: HomeSection[] = [];

  constructor(private readonly ctx: Pick<SlackContext, 'app' | 'client' | 'directory' | 'records'>) {}

  add(section: HomeSection): this {
    this.#sections.push(section);
    return this;
  }

  async view(user: string, team: string, now = new Date()): Promise<Slack.HomeView> {
    const { app, directory } = this.ctx;
    const { user: profile } = await directory.user(user, team);
    const email = profile.email;
    const { member } = await app.store.members.resolveIdentity({ channel: 'slack', tenant: team, externalId: user, displayName: profile.displayName, email });
    const locale: Locale = profile.locale ?? (member?.locale === 'en' ? 'en' : app.config.defaultLocale);
    const status = member
      ? fill(home.linked, locale, { name: escapeMrkdwn(member.name), department: escapeMrkdwn(member.department || '—') })
      : fill(slackText.unlinked, locale, { why: (email ? slackText.emailUnknown : slackText.noEmail)[locale], user });
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: home.title[locale], emoji: true } },
      section(home.intro[locale]),
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'home-menu', text: { type: 'plain_text', text: home.menu[locale], emoji: true }, value: action('help.menu'), style: 'primary' }],
      },
    ];
    const stash = new ValueStash();
    for (const part of this.#sections) {
      try {
        const more = await part({ app, member, locale, now, stash });
        if (more.length > 0) blocks.push({ type: 'divider' }, ...more);
      } catch (error) {
        // One failing section should not take the whole tab down.
        app.logger.error({ err: error }, 'slack home section failed');
      }
    }
    blocks.push({ type: 'divider' }, { type: 'context', elements: [{ type: 'mrkdwn', text: home.commands[locale] }] });
    await stash.save(this.ctx.records);
    // Slack refuses a view over 100 blocks: keep the head and the end, shorten the middle.
    const fitted = blocks.length > LIMITS.blocksPerView ? [...blocks.slice(0, LIMITS.blocksPerView - 1), blocks.at(-1)!] : blocks;
    return { type: 'home', blocks: fitted };
  }

  async publish(user: string, team: string): Promise<void> {
    const view = await this.view(user, team);
    await this.ctx.client.views.publish({ user_id: user, view });
  }
}

/** Publishes the Home tab whenever a member opens it. */
export function registerAppHome(ctx: SlackContext, appHome: AppHome): void {
  ctx.bolt.event('app_home_opened', async ({ body }) => {
    // The same envelope check as every other event (a team id that is a Slack id, an event id).
    const envelope = EnvelopeSchema.safeParse(body);
    const event = AppHomeOpenedSchema.safeParse((body as { event?: unknown }).event);
    if (!envelope.success || !event.success || (event.data.tab && event.data.tab !== 'home')) return;
    await appHome.publish(event.data.user, envelope.data.team_id);
  });
}
