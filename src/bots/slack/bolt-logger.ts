import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

/** Only the start of Bolt's own message, and never an object: objects may hold payloads. */
function summary(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : ''))
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

/**
 * Bolt's and the Web API client's logs, into ours. Their debug and info lines include request
 * bodies (message text), which never belong in our logs, so only warnings and errors pass, as
 * short strings.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-bolt' });
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => child.warn(summary(msg)),
    error: (...msg: unknown[]) => child.error(summary(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
