import { randomBytes, randomUUID } from 'node:crypto';

/** A new opaque identifier (random: it says nothing about when or in which order rows were made). */
export function newId(): string {
  return randomUUID();
}

/**
 * A new identifier that sorts by creation time (a UUIDv7: 48 bits of Unix milliseconds, then 74
 * random bits), for rows that a chat turn writes by the thousand and that carry their creation
 * time anyway: transcript lines, answer records, audit entries. Why: a random primary key puts
 * every insert on a random page of its index, and each such page is a 4 KB frame of SQLite's
 * write-ahead log to write, fsync and checkpoint; time-ordered keys land on the index's last page.
 *
 * Never for rows whose order or time must not be known: ballots and survey responses keep `newId`
 * (and a random rowid), or their ids would tell when, and so by whom, they were cast.
 */
export function newTimeOrderedId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short human-friendly code (tickets, receipts, check-in): no 0/O/1/I to avoid misreading. */
export function shortCode(length = 8): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
