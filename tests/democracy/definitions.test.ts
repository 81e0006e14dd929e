import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition, readDefinitionFile } from '../../src/democracy/definition-file.ts';
import { EventDefinitionSchema } from '../../src/democracy/event-definition.ts';
import { SurveyDefinitionSchema } from '../../src/democracy/survey-definition.ts';
import { VoteDefinitionSchema } from '../../src/democracy/vote-definition.ts';

const dir = mkdtempSync(join(tmpdir(), 'ua-defs-'));

describe('definitions', () => {
  it('reads a YAML survey with bilingual texts, defaults and skip logic', () => {
    const file = join(dir, 'survey.yaml');
    writeFileSync(
      file,
      [
        'title: {zh-CN: 职工满意度调查, en: Staff satisfaction}',
        'closesAt: 2026-12-31T18:00:00+08:00',
        'questions:',
        '  - {id: overtime, type: single, text: 您经常加班吗？, options: [经常, 偶尔, 从不]}',
        '  - id: paid',
        '    type: single',
        '    text: {zh-CN: 加班费是否足额发放？, en: Is overtime paid in full?}',
        '    options: [{value: yes, label: 是}, {value: no, label: 否}]',
        '    showIf: {question: overtime, in: ["1", "2"]}',
        '  - {id: ideas, type: text, text: 其他建议, required: false}',
      ].join('\n'),
    );
    const def = parseDefinition(SurveyDefinitionSchema, readDefinitionFile(file), file);
    expect(def.title).toEqual({ 'zh-CN': '职工满意度调查', en: 'Staff satisfaction' });
    expect(def.anonymous).toBe(true);
    expect(def.minGroupSize).toBe(5);
    expect(def.closesAt?.toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(def.questions[0]).toMatchObject({ type: 'single', options: [{ value: '1', label: { 'zh-CN': '经常', en: '经常' } }, { value: '2' }, { value: '3' }] });
    expect(def.questions[1]!.showIf).toEqual({ question: 'overtime', anyOf: ['1', '2'] });
  });

  it('names every field that is wrong', () => {
    const bad = {
      title: '',
      questions: [
        { id: 'a', type: 'multiple', text: 'A', options: ['x', 'y'], max: 3 },
        { id: 'a', type: 'rating', text: 'B', options: ['x'] },
        { id: 'c', type: 'single', text: 'C', options: ['x', 'y'], showIf: { question: 'zzz', equals: 'x' } },
      ],
      colour: 'red',
    };
    let message = '';
    try {
      parseDefinition(SurveyDefinitionSchema, bad, 'def.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('def.yaml is not valid');
    expect(message).toMatch(/title: must not be empty/);
    expect(message).toMatch(/questions\[0\]\.max: max is 3 but there are only 2 options/);
    expect(message).toMatch(/questions\[1\]\.options: a rating question has no options/);
    expect(message).toMatch(/colour/);
    // Cross-references are checked once every question is well formed.
    const crossed = { title: 'T', questions: [{ id: 'a', type: 'text', text: 'A' }, { id: 'a', type: 'single', text: 'B', options: ['x', 'y'], showIf: { question: 'a', equals: 'x' } }, { id: 'c', type: 'single', text: 'C', options: ['x', 'y'], showIf: { question: 'zzz', equals: 'x' } }] };
    expect(() => parseDefinition(SurveyDefinitionSchema, crossed)).toThrow(/questions\[1\]\.id: duplicate question id "a"[\s\S]*questions\[1\]\.showIf\.question: cannot depend on a free-text question[\s\S]*questions\[2\]\.showIf\.question: "zzz" is not an earlier question/);
  });

  it('validates votes: kinds, seats, candidates and thresholds', () => {
    const ok = parseDefinition(VoteDefinitionSchema, { kind: 'motion', title: '关于修改工会章程的议案' });
    expect(ok).toMatchObject({ secret: true, allowChange: false, seats: 1, thresholdPercent: 50, quorumPercent: 0, audience: { all: true } });
    expect(() => parseDefinition(VoteDefinitionSchema, { kind: 'choose-up-to', title: 'T', candidates: [{ name: 'A' }, { name: 'B' }] })).toThrow(/seats: a choose-up-to vote needs seats/);
    expect(() => parseDefinition(VoteDefinitionSchema, { kind: 'choose-one', title: 'T', candidates: [{ name: 'A' }] })).toThrow(/candidates: a choose-one vote needs at least 2 candidates/);
    expect(() => parseDefinition(VoteDefinitionSchema, { kind: 'motion', title: 'T', audience: { departments: [] } })).toThrow(/audience/);
    expect(() => parseDefinition(VoteDefinitionSchema, { kind: 'motion', title: 'T', closesAt: '2026-12-01 09:00' })).toThrow(/closesAt: must be an ISO 8601 date-time with a time zone/);
  });

  it('validates events and reads JSON files', () => {
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify({ title: 'Hike', startsAt: '2026-12-05T09:00:00+08:00', endsAt: '2026-12-05T08:00:00+08:00', capacity: 0, timeZone: 'Mars/Olympus' }));
    let message = '';
    try {
      parseDefinition(EventDefinitionSchema, readDefinitionFile(file), file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/timeZone: is not a known time zone/);
    expect(message).toMatch(/capacity: Too small/);
    expect(message).toMatch(/endsAt: must be after startsAt/);
    expect(message).toMatch(/place: give a place or a link/);
    writeFileSync(join(dir, 'broken.json'), '{"title": ');
    expect(() => readDefinitionFile(join(dir, 'broken.json'))).toThrow(/broken.json is not valid JSON/);
  });
});
