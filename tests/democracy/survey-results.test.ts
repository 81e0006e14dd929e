import { describe, expect, it } from 'vitest';
import { SurveyDefinitionSchema } from '../../src/democracy/survey-definition.ts';
import { finalAnswers, nextQuestion, checkAnswer } from '../../src/democracy/survey-logic.ts';
import { resultsCsv, surveyResults } from '../../src/democracy/survey-results.ts';

const def = SurveyDefinitionSchema.parse({
  title: 'T',
  questions: [
    { id: 'q1', type: 'single', text: 'Overtime?', options: [{ value: 'often', label: 'Often' }, { value: 'never', label: 'Never' }] },
    { id: 'q2', type: 'multiple', text: 'Why?', options: ['=cmd()', 'Workload', 'Staffing'], min: 1, max: 2, showIf: { question: 'q1', equals: 'often' } },
    { id: 'q3', type: 'rating', text: 'Satisfaction', scale: { min: 1, max: 5 } },
    { id: 'q4', type: 'text', text: 'Ideas', required: false },
  ],
});
const config = { questions: def.questions, remindBeforeCloseHours: [], breakdownByDepartment: true };

describe('survey logic', () => {
  it('shows a question only for the answer it depends on', () => {
    expect(nextQuestion(config.questions, {})!.id).toBe('q1');
    expect(nextQuestion(config.questions, { q1: 'often' })!.id).toBe('q2');
    expect(nextQuestion(config.questions, { q1: 'never' })!.id).toBe('q3');
    // An answer to a question that the final answers hide is dropped at submission.
    expect(finalAnswers(config.questions, { q1: 'never', q2: ['2'], q3: '4' })).toEqual({ answers: { q1: 'never', q3: '4', q4: null }, missing: [] });
    expect(finalAnswers(config.questions, { q1: 'often', q3: '4' }).missing.map((q) => q.id)).toEqual(['q2']);
  });

  it('checks answers against the question', () => {
    const [q1, q2, q3] = config.questions;
    expect(checkAnswer(q1!, 'sometimes').ok).toBe(false);
    expect(checkAnswer(q2!, ['1', '2', '3'])).toMatchObject({ ok: false, values: { n: 2 } });
    expect(checkAnswer(q2!, ['3', '1'])).toEqual({ ok: true, value: ['1', '3'] });
    expect(checkAnswer(q3!, '6').ok).toBe(false);
    expect(checkAnswer(q3!, null).ok).toBe(false);
  });
});

describe('survey results', () => {
  const response = (department: string, q1: string, q3: string, q4?: string) => ({ department, answers: { q1, q3, ...(q4 ? { q4 } : {}), ...(q1 === 'often' ? { q2: ['2'] } : {}) } });

  it('counts and gives percentages of those who answered', () => {
    const r = surveyResults(config, [response('A', 'often', '4', '=HYPERLINK("x")'), response('A', 'never', '2'), response('B', 'often', '5')], 5);
    expect(r.respondents).toBe(3);
    expect(r.questions[0]!.options).toEqual([expect.objectContaining({ value: 'often', count: 2, percent: 66.7 }), expect.objectContaining({ value: 'never', count: 1, percent: 33.3 })]);
    expect(r.questions[1]).toMatchObject({ answered: 2 });
    expect(r.questions[2]).toMatchObject({ average: 3.7 });
    expect(r.questions[3]!.texts).toEqual(['=HYPERLINK("x")']);
  });

  it('breaks down by department only when no group can single anyone out', () => {
    const many = (department: string, n: number) => Array.from({ length: n }, () => response(department, 'often', '3'));
    // Two large groups and a pooled "other" of 5: shown.
    const shown = surveyResults(config, [...many('A', 5), ...many('B', 6), ...many('C', 3), ...many('D', 2)], 5);
    expect(shown.breakdown.shown).toBe(true);
    expect(shown.breakdown.groups.map((g) => [g.department, g.respondents])).toEqual([['A', 5], ['B', 6], ['(other)', 5]]);
    expect(shown.breakdown.groups[0]!.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    // A pooled group of 4 could be recovered by subtraction: no breakdown at all.
    const hidden = surveyResults(config, [...many('A', 5), ...many('B', 6), ...many('C', 4)], 5);
    expect(hidden.breakdown).toMatchObject({ shown: false, groups: [] });
    expect(hidden.breakdown.reason).toMatch(/fewer than 5/);
  });

  it('exports CSV that a spreadsheet will not run as formulas', () => {
    const csv = resultsCsv(surveyResults(config, [response('A', 'often', '4', '=HYPERLINK("http://evil")'), response('A', 'often', '4', '+1')], 5), 'en');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'+1");
    expect(csv).toContain("'=cmd()");
    expect(csv.split('\r\n')[0]).toBe('group,respondents,question,question_text,answer,count,percent');
  });
});
