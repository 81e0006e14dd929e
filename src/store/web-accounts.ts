import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from './database.ts';
import { newId } from './ids.ts';

/** A local web sign-in, linked to one roster member. */
export interface WebAccount {
  id: string;
  memberId: string;
  username: string;
  passwordHash: string | null;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
}

/** A signed-in browser as read back from its cookie token. */
export interface WebSessionView {
  id: string;
  accountId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** Tokens are random; the database keeps only their hash, so a leaked table signs nobody in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Web accounts, their sessions and one-time sign-in links. */
export class WebAccountRepository {
  constructor(private readonly prisma: Prisma) {}

  async create(memberId: string, username: string, passwordHash: string | null): Promise<WebAccount> {
    return this.prisma.webAccount.create({ data: { id: newId(), memberId, username: username.toLowerCase(), passwordHash } });
  }

  async get(id: string): Promise<WebAccount | undefined> {
    return (await this.prisma.webAccount.findUnique({ where: { id } })) ?? undefined;
  }

  async byUsername(username: string): Promise<WebAccount | undefined> {
    return (await this.prisma.webAccount.findUnique({ where: { username: username.trim().toLowerCase() } })) ?? undefined;
  }

  async byMember(memberId: string): Promise<WebAccount | undefined> {
    return (await this.prisma.webAccount.findUnique({ where: { memberId } })) ?? undefined;
  }

  /** Member ids that have an account (for the roster page). */
  async memberIdsWithAccounts(memberIds: string[]): Promise<Set<string>> {
    const rows = await this.prisma.webAccount.findMany({ where: { memberId: { in: memberIds } }, select: { memberId: true } });
    return new Set(rows.map((r) => r.memberId));
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.prisma.webAccount.update({ where: { id }, data: { passwordHash, failedAttempts: 0, lockedUntil: null } });
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.prisma.webAccount.update({ where: { id }, data: { disabled } });
  }

  /** Counts a failed sign-in; locks the account until `lockUntil` once `maxFailures` is reached. */
  async recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<void> {
    const row = await this.prisma.webAccount.update({ where: { id }, data: { failedAttempts: { increment: 1 } } });
    if (row.failedAttempts >= maxFailures) await this.prisma.webAccount.update({ where: { id }, data: { lockedUntil: lockUntil, failedAttempts: 0 } });
  }

  async recordSuccess(id: string): Promise<void> {
    await this.prisma.webAccount.update({ where: { id }, data: { failedAttempts: 0, lockedUntil: null, lastSignInAt: new Date() } });
  }

  /** Starts a session; returns the cookie token (never stored) and the CSRF token. */
  async createSession(accountId: string, ttlMs: number): Promise<{ token: string; session: WebSessionView }> {
    const token = randomToken();
    const row = await this.prisma.webSession.create({
      data: { id: tokenHash(token), accountId, csrfToken: randomToken(), expiresAt: new Date(Date.now() + ttlMs) },
    });
    return { token, session: row };
  }

  /** The live session of a cookie token; expired sessions are removed and count as none. */
  async findSession(token: string): Promise<WebSessionView | undefined> {
    const row = await this.prisma.webSession.findUnique({ where: { id: tokenHash(token) } });
    if (!row) return undefined;
    if (row.expiresAt.getTime() <= Date.now()) {
      await this.prisma.webSession.deleteMany({ where: { id: row.id } });
      return undefined;
    }
    return row;
  }

  /** Slides the expiry of an active session forward (at most once a minute per session). */
  async touchSession(id: string, ttlMs: number): Promise<void> {
    await this.prisma.webSession.updateMany({
      where: { id, lastSeenAt: { lt: new Date(Date.now() - 60_000) } },
      data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ttlMs) },
    });
  }

  /** Puts back a session that `deleteSessionsOf` removed (the one that changed the password). */
  async restoreSession(session: WebSessionView): Promise<void> {
    await this.prisma.webSession.create({ data: { id: session.id, accountId: session.accountId, csrfToken: session.csrfToken, expiresAt: session.expiresAt, lastSeenAt: new Date() } });
  }

  async deleteSession(id: string): Promise<void> {
    await this.prisma.webSession.deleteMany({ where: { id } });
  }

  /** Signs an account out everywhere (password reset, account disabled). */
  async deleteSessionsOf(accountId: string): Promise<void> {
    await this.prisma.webSession.deleteMany({ where: { accountId } });
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const sessions = await this.prisma.webSession.deleteMany({ where: { expiresAt: { lte: now } } });
    await this.prisma.webSignInLink.deleteMany({ where: { expiresAt: { lte: now } } });
    return sessions.count;
  }

  /** A one-time sign-in link token for an account. */
  async createLink(accountId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.prisma.webSignInLink.create({ data: { id: tokenHash(token), accountId, expiresAt } });
    return { token, expiresAt };
  }

  /** Whether a link token is valid now, without using it up (to show the set-password form). */
  async peekLink(token: string): Promise<string | undefined> {
    const row = await this.prisma.webSignInLink.findUnique({ where: { id: tokenHash(token) } });
    return row && !row.usedAt && row.expiresAt.getTime() > Date.now() ? row.accountId : undefined;
  }

  /** Uses a link up: returns its account once; a second use, or an expired link, returns undefined. */
  async consumeLink(token: string): Promise<string | undefined> {
    const id = tokenHash(token);
    const result = await this.prisma.webSignInLink.updateMany({ where: { id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (result.count !== 1) return undefined;
    return (await this.prisma.webSignInLink.findUnique({ where: { id } }))?.accountId;
  }
}
