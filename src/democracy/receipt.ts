import { createHash } from 'node:crypto';
import { shortCode } from '../store/ids.ts';

/**
 * A ballot receipt: 16 characters from a 32-letter alphabet (80 bits), shown in groups of four.
 * Long enough that nobody can guess another voter's code or invert its hash.
 */
export function newReceiptCode(): string {
  return shortCode(16).replace(/(.{4})(?=.)/g, '$1-');
}

/** Canonical form of a typed receipt: upper case, no separators or spaces. */
export function normaliseReceipt(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Whether text looks like a receipt code (16 letters/digits from our alphabet, any grouping). */
export function looksLikeReceipt(text: string): boolean {
  return /^[2-9A-HJ-NP-Z]{16}$/.test(normaliseReceipt(text));
}

/**
 * What the ballot row keeps: a hash of the receipt. Domain-separated from `ownerCheck`, so the
 * two hashes of one code share nothing a database administrator could match without the code.
 */
export function ballotReceiptHash(code: string): string {
  return createHash('sha256').update(`union-assistant/ballot-receipt/${normaliseReceipt(code)}`).digest('hex');
}

/** What the participation row keeps (changeable secret ballots): proves the receipt is this voter's. */
export function ownerCheck(code: string): string {
  return createHash('sha256').update(`union-assistant/ballot-owner/${normaliseReceipt(code)}`).digest('hex');
}
