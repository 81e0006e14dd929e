import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { normaliseLocale, type Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import { TtlCache } from './ttl-cache.ts';

/** What Slack tells us about a user, as far as the assistant needs it. */
export interface SlackUser {
  id: string;
  team: string;
  displayName?: string;
  /** Present when the app has users:read.email and the profile has one; Slack verifies it. */
  email?: string;
  locale?: Locale;
  isBot: boolean;
}

const UsersInfoSchema = z.object({
  user: z.object({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    is_bot: z.boolean().optional(),
    locale: z.string().optional(),
    profile: z
      .object({ email: z.string().optional(), display_name: z.string().optional(), real_name: z.string().optional() })
      .optional(),
  }),
});

const OpenSchema = z.object({ channel: z.object({ id: z.string() }) });

/**
 * Slack users and their DM channels, looked up with users.info and conversations.open and kept
 * for a while: every message needs the member's email (to link the identity to the roster), and
 * Slack rate-limits users.info. A failed lookup is remembered briefly so a Slack outage does
 * not turn every message into a failing API call; the message is still handled without email.
 */
export class SlackDirectory {
  readonly #users: TtlCache<SlackUser>;
  readonly #dms = new TtlCache<string>(24 * 60 * 60 * 1000);

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    options: { ttlMs?: number } = {},
  ) {
    this.#users = new TtlCache<SlackUser>(options.ttlMs ?? 10 * 60 * 1000);
  }

  /** The user, and whether this call looked it up afresh (rather than from the cache). */
  async user(userId: string, team: string): Promise<{ user: SlackUser; fresh: boolean }> {
    const cached = this.#users.get(userId);
    if (cached) return { user: cached, fresh: false };
    try {
      const result = UsersInfoSchema.parse(await this.client.users.info({ user: userId, include_locale: true }));
      const u = result.user;
      const displayName = u.profile?.display_name || u.real_name || u.profile?.real_name || u.name;
      const user: SlackUser = {
        id: u.id,
        team: u.team_id ?? team,
        displayName: displayName ? displayName.slice(0, 200) : undefined,
        email: u.profile?.email?.trim().toLowerCase() || undefined,
        locale: normaliseLocale(u.locale),
        isBot: !!u.is_bot,
      };
      this.#users.set(userId, user);
      return { user, fresh: true };
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error), slackUser: userId }, 'slack users.info failed; continuing without profile');
      const user: SlackUser = { id: userId, team, isBot: false };
      this.#users.set(userId, user, 60_000);
      return { user, fresh: false };
    }
  }

  /** The DM channel between the app and a user (to reply to a slash command or App Home). */
  async dmChannel(userId: string): Promise<string> {
    const cached = this.#dms.get(userId);
    if (cached) return cached;
    const result = OpenSchema.parse(await this.client.conversations.open({ users: userId }));
    this.#dms.set(userId, result.channel.id);
    return result.channel.id;
  }

  /** Forgets a user, e.g. after the roster changed and a relink should be tried. */
  forget(userId: string): void {
    this.#users.delete(userId);
  }
}
