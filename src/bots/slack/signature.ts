import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from now: Slack's rule against replayed requests. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Why a request was refused (for the log; the response is the same 401 for every reason). */
export type SignatureProblem = 'missing-headers' | 'stale' | 'bad-signature';

/**
 * Verifies Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the
 * signing secret, compared in constant time, and a timestamp within five minutes of now (either
 * way) so that a captured request cannot be replayed later.
 */
export function verifySignature(
  signingSecret: string,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  nowMs = Date.now(),
): SignatureProblem | undefined {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing-headers';
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'bad-signature';
}

/** Signs a body the way Slack does (tests and the local smoke script use it). */
export function signRequest(signingSecret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}
