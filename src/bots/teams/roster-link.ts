import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/index.ts';
import { identityOf, type TeamsActivity } from './inbound-activity.ts';
import { loggableError } from './teams-adapter.ts';

/** How long an account Teams reported no roster email for is not asked about again. */
const LOOKUP_BACKOFF_MS = 10 * 60_000;
/**
 * How long an account found linked is taken to stay linked without looking again. Why: the
 * look-up read the identity on every Teams turn, and the turn itself reads it again. Unlinking
 * is an administrator's rare act; for at most this long it only delays a re-link by email.
 */
const LINKED_RECHECK_MS = 10 * 60_000;
/** Accounts remembered at most (either map): beyond, the memory starts again. */
const REMEMBERED = 10_000;

/**
 * Links Teams accounts to the roster by the email Teams reports for them (directory email or
 * UPN). Teams is asked only while an account is unlinked, and an account without a match only
 * every ten minutes, not on every message.
 */
export class RosterLink {
  /** Accounts recently looked up without finding a roster email (tenant/id → retry after, ms). */
  readonly #unmatched = new Map<string, number>();
  /** Accounts recently found linked (tenant/id → look again after, ms). */
  readonly #linked = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** The email to link this activity's account by, when it is unlinked and Teams knows one that matches. */
  async email(context: TurnContext, activity: TeamsActivity): Promise<string | undefined> {
    if (activity.channelId !== 'msteams') return undefined;
    const identity = identityOf(activity);
    const key = `${identity.tenant}/${identity.externalId}`;
    if ((this.#linked.get(key) ?? 0) > Date.now()) return undefined;
    const known = await this.store.members.resolveIdentity(identity);
    if (known.member) {
      if (this.#linked.size > REMEMBERED) this.#linked.clear();
      this.#linked.set(key, Date.now() + LINKED_RECHECK_MS);
      return undefined;
    }
    if ((this.#unmatched.get(key) ?? 0) > Date.now()) return undefined;
    try {
      const account = await TeamsInfo.getMember(context, activity.from.id);
      const email = (account.email || account.userPrincipalName)?.slice(0, 320);
      if (email && email.includes('@')) {
        const linked = await this.store.members.resolveIdentity({ ...identity, email });
        if (linked.member) return email;
      }
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'teams member lookup failed');
    }
    if (this.#unmatched.size > REMEMBERED) this.#unmatched.clear();
    this.#unmatched.set(key, Date.now() + LOOKUP_BACKOFF_MS);
    return undefined;
  }
}
