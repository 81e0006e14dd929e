import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/index.ts';
import type { Member } from '../../store/members.ts';
import type { WebAccount, WebAccountRepository, WebSessionView } from '../../store/web-accounts.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

/** How long a session lives without use, and how long a sign-in link is valid. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const LINK_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

/** Why a sign-in was refused. The page says "wrong name or password" for both unknown and wrong. */
export type SignInFailure = 'invalid' | 'locked' | 'disabled' | 'no-password';

/** A signed-in person: the session, the account, and the roster member it belongs to. */
export interface SignedIn {
  session: WebSessionView;
  account: WebAccount;
  member: Member;
}

/**
 * Local accounts for the console and the member web chat: scrypt passwords, database sessions,
 * lockout after repeated failures, one-time sign-in links. The CLI and the web pages share it.
 */
export class WebAuth {
  // Compared against when the name is unknown, so that a wrong name takes as long as a wrong password.
  #dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly accounts: WebAccountRepository,
    private readonly logger: Logger,
  ) {}

  async #member(ref: string): Promise<Member> {
    const member = (await this.store.members.getByEmployeeNumber(ref)) ?? (await this.store.members.get(ref));
    if (!member) throw new AppError('not_found', `no member with employee number or id ${ref}`);
    return member;
  }

  /** Creates the account of a member, with a password or (without one) a sign-in link to set it. */
  async createAccount(memberRef: string, password: string | undefined, actor: string): Promise<{ account: WebAccount; link?: { token: string; expiresAt: Date } }> {
    const member = await this.#member(memberRef);
    if (await this.accounts.byMember(member.id)) throw new AppError('conflict', `member ${member.employeeNumber} already has an account: use "accounts reset"`);
    const hash = password === undefined ? null : await this.#hash(password);
    const account = await this.accounts.create(member.id, member.employeeNumber, hash);
    await this.store.audit.record({ actor, action: 'accounts.create', target: member.id, details: { username: account.username, withPassword: hash !== null } });
    return { account, link: hash === null ? await this.accounts.createLink(account.id, LINK_TTL_MS) : undefined };
  }

  /** Sets a new password (or issues a link), unlocks the account and signs it out everywhere. */
  async resetAccount(memberRef: string, password: string | undefined, actor: string): Promise<{ account: WebAccount; link?: { token: string; expiresAt: Date } }> {
    const member = await this.#member(memberRef);
    const account = await this.accounts.byMember(member.id);
    if (!account) throw new AppError('not_found', `member ${member.employeeNumber} has no account: use "accounts create"`);
    await this.accounts.deleteSessionsOf(account.id);
    let link: { token: string; expiresAt: Date } | undefined;
    if (password === undefined) link = await this.accounts.createLink(account.id, LINK_TTL_MS);
    else await this.accounts.setPassword(account.id, await this.#hash(password));
    await this.accounts.setDisabled(account.id, false);
    await this.store.audit.record({ actor, action: 'accounts.reset', target: member.id, details: { withPassword: password !== undefined } });
    return { account: (await this.accounts.get(account.id))!, link };
  }

  async #hash(password: string): Promise<string> {
    const problem = passwordProblem(password);
    if (problem === 'too-short') throw new AppError('invalid_input', 'the password must have at least 10 characters');
    if (problem === 'too-long') throw new AppError('invalid_input', 'the password must have at most 200 characters');
    return hashPassword(password);
  }

  /** Checks a name and password; on success starts a session. */
  async signIn(username: string, password: string): Promise<{ ok: true; token: string; signedIn: SignedIn } | { ok: false; reason: SignInFailure }> {
    const account = await this.accounts.byUsername(username);
    if (!account || !account.passwordHash) {
      this.#dummyHash ??= hashPassword('not a real password');
      await verifyPassword(password, await this.#dummyHash);
      return { ok: false, reason: account ? 'no-password' : 'invalid' };
    }
    if (account.disabled) return { ok: false, reason: 'disabled' };
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) return { ok: false, reason: 'locked' };
    if (!(await verifyPassword(password, account.passwordHash))) {
      await this.accounts.recordFailure(account.id, MAX_FAILURES, new Date(Date.now() + LOCK_MS));
      this.logger.info({ account: account.id }, 'web sign-in failed');
      return { ok: false, reason: 'invalid' };
    }
    return this.#start(account);
  }

  async #start(account: WebAccount): Promise<{ ok: true; token: string; signedIn: SignedIn } | { ok: false; reason: SignInFailure }> {
    const member = await this.store.members.get(account.memberId);
    if (!member) return { ok: false, reason: 'invalid' };
    await this.accounts.recordSuccess(account.id);
    const { token, session } = await this.accounts.createSession(account.id, SESSION_TTL_MS);
    await this.store.audit.record({ actor: member.id, action: 'web.sign-in', target: account.id });
    return { ok: true, token, signedIn: { session, account, member } };
  }

  /** Whether a sign-in link is still usable (for showing the set-password form). */
  async linkAccount(token: string): Promise<WebAccount | undefined> {
    const id = await this.accounts.peekLink(token);
    return id ? this.accounts.get(id) : undefined;
  }

  /** Uses a sign-in link to set a password, then signs in. */
  async redeemLink(token: string, password: string): Promise<{ ok: true; token: string; signedIn: SignedIn } | { ok: false; reason: SignInFailure | 'bad-password' }> {
    if (passwordProblem(password)) return { ok: false, reason: 'bad-password' };
    const accountId = await this.accounts.consumeLink(token);
    const account = accountId ? await this.accounts.get(accountId) : undefined;
    if (!account || account.disabled) return { ok: false, reason: 'invalid' };
    await this.accounts.setPassword(account.id, await hashPassword(password));
    return this.#start({ ...account, lockedUntil: null });
  }

  /** The signed-in person of a session cookie, if the session is live and the member still exists. */
  async fromToken(token: string | undefined): Promise<SignedIn | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const session = await this.accounts.findSession(token);
    if (!session) return undefined;
    const account = await this.accounts.get(session.accountId);
    if (!account || account.disabled) return undefined;
    const member = await this.store.members.get(account.memberId);
    if (!member) return undefined;
    await this.accounts.touchSession(session.id, SESSION_TTL_MS);
    return { session, account, member };
  }

  /** Changes one's own password after checking the current one; other sessions are signed out. */
  async changePassword(signedIn: SignedIn, current: string, next: string): Promise<boolean> {
    const account = await this.accounts.get(signedIn.account.id);
    if (!account?.passwordHash || !(await verifyPassword(current, account.passwordHash))) return false;
    await this.accounts.setPassword(account.id, await this.#hash(next));
    await this.accounts.deleteSessionsOf(account.id);
    // The browser that changed it keeps working: its session is recreated under the same token.
    await this.accounts.restoreSession(signedIn.session);
    await this.store.audit.record({ actor: signedIn.member.id, action: 'accounts.password', target: signedIn.member.id });
    return true;
  }

  async signOut(signedIn: SignedIn): Promise<void> {
    await this.accounts.deleteSession(signedIn.session.id);
    await this.store.audit.record({ actor: signedIn.member.id, action: 'web.sign-out', target: signedIn.account.id });
  }
}
