import { randomBytes, randomUUID } from 'node:crypto';

/** A new opaque identifier. */
export function newId(): string {
  return randomUUID();
}

/** A short human-friendly code (tickets, receipts, check-in): no 0/O/1/I to avoid misreading. */
export function shortCode(length = 8): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
