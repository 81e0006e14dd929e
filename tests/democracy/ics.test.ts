import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from '../../src/democracy/ics.ts';

describe('calendar invitations (RFC 5545)', () => {
  const ics = toIcs({
    uid: 'ev1.reg1@union-assistant',
    title: '工会春季徒步；报名, 欢迎',
    description: 'Line one\nLine two with a \\ backslash',
    location: '香山公园东门',
    url: 'https://union.example/events/1',
    startsAt: new Date('2026-04-18T01:00:00Z'),
    endsAt: new Date('2026-04-18T07:30:00Z'),
    sequence: 2,
    status: 'CONFIRMED',
    attendee: { name: '张三 "Zhang"', email: 'zhang@example.com' },
    stamp: new Date('2026-04-01T02:03:04.567Z'),
  });

  it('uses CRLF line ends, UTC times, a UID and a DTSTAMP', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nUID:ev1.reg1@union-assistant\r\n');
    expect(unfolded).toContain('\r\nDTSTAMP:20260401T020304Z\r\n');
    expect(unfolded).toContain('\r\nDTSTART:20260418T010000Z\r\n');
    expect(unfolded).toContain('\r\nDTEND:20260418T073000Z\r\n');
    expect(unfolded).toContain('\r\nSEQUENCE:2\r\n');
    expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
    expect(unfolded).toContain('ATTENDEE;CN="张三 Zhang";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:zhang@example.com');
  });

  it('escapes text values', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:工会春季徒步\\；报名\\, 欢迎'.replace('\\；', '；'));
    expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two with a \\\\ backslash');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const long = `SUMMARY:${'工会'.repeat(60)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(folded).not.toContain('\uFFFD');
  });
});
