import type { types as Slack } from '@slack/bolt';
import { action } from '../../core/flow.ts';
import type { Bilingual, Locale } from '../../core/locale.ts';
import { replies as validate, type ReplyInput } from '../../core/reply.ts';
import { eventCard } from '../../democracy/event-replies.ts';
import { formatDateTime } from '../../democracy/format.ts';
import { categoryLabels, statusLabels } from '../../flows/handoff/texts.ts';
import type { HomeSection } from './app-home.ts';
import { renderReplies } from './render-replies.ts';
import { fill } from './slack-messages.ts';

type Block = Slack.KnownBlock;

/** How many items one section shows; the rest are a keyword away. */
const MAX_ITEMS = 5;

const text = {
  surveys: { 'zh-CN': '📋 待填写的问卷', en: '📋 Surveys for you' },
  votes: { 'zh-CN': '🗳️ 进行中的投票', en: '🗳️ Open votes' },
  events: { 'zh-CN': '📅 近期活动', en: '📅 Upcoming events' },
  cases: { 'zh-CN': '💬 我的个案', en: '💬 My cases' },
  start: { 'zh-CN': '开始填写', en: 'Start' },
  resume: { 'zh-CN': '继续填写（已答 {n} 题）', en: 'Continue ({n} answered)' },
  vote: { 'zh-CN': '投票', en: 'Vote' },
  voted: { 'zh-CN': '✓ 已投票', en: '✓ Voted' },
  closes: { 'zh-CN': '截止：{when}', en: 'Closes {when}' },
  secret: { 'zh-CN': '无记名投票', en: 'Secret ballot' },
  more: { 'zh-CN': '还有 {n} 项，输入“{word}”查看全部。', en: '{n} more: type "{word}" to see them all.' },
  caseLine: { 'zh-CN': '个案 {id} · {category} · {status}', en: 'Case {id} · {category} · {status}' },
  caseHint: { 'zh-CN': '在与我的私信里留言即可联系负责的工作人员。', en: 'Write to me in our DM to reach the staff member handling it.' },
} satisfies Record<string, Bilingual>;

function heading(title: string): Block[] {
  return [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }];
}

function more(count: number, word: Bilingual, locale: Locale): Block[] {
  if (count <= MAX_ITEMS) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: fill(text.more, locale, { n: count - MAX_ITEMS, word: word[locale] }) }] }];
}

/** Blocks for replies shown on the Home tab (the same renderer as messages). */
function blocksOf(items: ReplyInput[], args: Parameters<HomeSection>[0]): Block[] {
  return renderReplies(validate(...items), { locale: args.locale, stash: args.stash, publicUrl: args.app.config.publicUrl }).flatMap((o) => (o.kind === 'message' ? o.blocks : []));
}

/** Open surveys for this member, with their progress and a button to start or continue. */
export const surveysSection: HomeSection = async (args) => {
  const { app, member, locale, now } = args;
  const open = (await app.surveys.availableTo(member, now)).filter((s) => s.progress !== 'submitted');
  if (open.length === 0) return [];
  const cards: ReplyInput[] = open.slice(0, MAX_ITEMS).map(({ survey, progress, answered }) => ({
    type: 'card',
    title: survey.title[locale],
    subtitle: survey.closesAt ? fill(text.closes, locale, { when: formatDateTime(survey.closesAt, locale) }) : undefined,
    body: survey.description[locale],
    actions: [{ label: progress === 'in-progress' ? fill(text.resume, locale, { n: answered }) : text.start[locale], value: action('survey.start', { s: survey.id }), style: 'primary' }],
  }));
  return [...heading(text.surveys[locale]), ...blocksOf(cards, args), ...more(open.length, { 'zh-CN': '问卷', en: 'surveys' }, locale)];
};

/** Open votes, whether this member has voted, and a button to vote. */
export const votesSection: HomeSection = async (args) => {
  const { app, member, locale, now } = args;
  if (!member) return [];
  const open = await app.votes.availableTo(member, now);
  if (open.length === 0) return [];
  const cards: ReplyInput[] = open.slice(0, MAX_ITEMS).map(({ election, voted }) => ({
    type: 'card',
    title: election.title[locale],
    subtitle: [voted ? text.voted[locale] : '', election.secret ? text.secret[locale] : '', election.closesAt ? fill(text.closes, locale, { when: formatDateTime(election.closesAt, locale) }) : ''].filter(Boolean).join(' · ') || undefined,
    body: election.description[locale],
    actions: voted && !(election.allowChange && !election.secret) ? [] : [{ label: text.vote[locale], value: action('vote.start', { e: election.id }), style: 'primary' }],
  }));
  return [...heading(text.votes[locale]), ...blocksOf(cards, args), ...more(open.length, { 'zh-CN': '投票', en: 'vote' }, locale)];
};

/** Upcoming events with this member's sign-up state and the sign-up / cancel buttons. */
export const eventsSection: HomeSection = async (args) => {
  const { app, member, locale, now } = args;
  const events = await app.events.availableTo(member, now);
  if (events.length === 0) return [];
  const cards = events.slice(0, MAX_ITEMS).map(({ event, registration }) => eventCard(event, locale, registration, { buttons: !!member }));
  return [...heading(text.events[locale]), ...blocksOf(cards, args), ...more(events.length, { 'zh-CN': '活动', en: 'events' }, locale)];
};

/** The member's cases that are not closed: where each stands (never their content). */
export const casesSection: HomeSection = async ({ app, member, locale }) => {
  if (!member) return [];
  const cases = await app.store.tickets.list({ memberId: member.id, status: ['open', 'claimed', 'waiting', 'resolved'], limit: MAX_ITEMS });
  if (cases.length === 0) return [];
  const lines = cases.map((t) => `• ${fill(text.caseLine, locale, { id: t.id, category: categoryLabels[t.category][locale], status: statusLabels[t.status][locale] })}`);
  return [...heading(text.cases[locale]), { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }, { type: 'context', elements: [{ type: 'mrkdwn', text: text.caseHint[locale] }] }];
};
