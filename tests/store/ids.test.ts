import { describe, expect, it } from 'vitest';
import { newId, newTimeOrderedId } from '../../src/store/ids.ts';

describe('identifiers', () => {
  it('makes time-ordered ids that are UUIDv7, sort by their time and never repeat', () => {
    const t = Date.UTC(2026, 10, 27, 12, 0, 0);
    const id = newTimeOrderedId(t);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The first 48 bits are the milliseconds.
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    const times = Array.from({ length: 200 }, (_, i) => t + i * 3);
    const ids = times.map((ms) => newTimeOrderedId(ms));
    expect([...ids].sort()).toEqual(ids);
    const many = new Set(Array.from({ length: 10_000 }, () => newTimeOrderedId(t)));
    expect(many.size).toBe(10_000);
  });

  it('keeps plain ids random: consecutive ones do not sort in the order they were made', () => {
    // Ballots and survey responses use these: their order must say nothing.
    const ids = Array.from({ length: 200 }, () => newId());
    expect([...ids].sort()).not.toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });
});
