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
  // A random UUIDv4 has exactly the 74 random bits a v7 needs after its version nibble, and the
  // same variant bits: its first 48 bits become the time and its version 4 becomes 7. Why not
  // randomBytes(16): randomUUID draws from a cached batch of entropy, a fifth of the cost per id.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** A short human-friendly code (tickets, receipts, check-in): no 0/O/1/I to avoid misreading. */
export function shortCode(length = 8): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
