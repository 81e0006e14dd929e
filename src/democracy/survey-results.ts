import type { Bilingual, Locale } from '../core/locale.ts';
import { toCsv } from '../store/csv.ts';
import { range, type StoredSurveyConfig } from './survey-definition.ts';
import type { Answers } from './survey-logic.ts';

type Question = StoredSurveyConfig['questions'][number];

/** Counts of one option (or one rating value). */
export interface OptionCount {
  value: string;
  label: Bilingual;
  count: number;
  /** Share of those who answered the question, 0–100, one decimal. */
  percent: number;
}

/** The results of one question. */
export interface QuestionResult {
  id: string;
  type: Question['type'];
  text: Bilingual;
  /** Respondents who answered it (saw it and did not skip). */
  answered: number;
  options: OptionCount[];
  /** Rating questions: the mean of the ratings given. */
  average?: number;
  /** Free-text questions: every answer, in a stable order that reveals nothing (sorted). */
  texts: string[];
}

/** One department's counts in a breakdown (choice and rating questions only). */
export interface GroupResult {
  department: string;
  respondents: number;
  questions: { id: string; options: OptionCount[]; average?: number }[];
}

/** Survey results: overall counts and, where safe, a breakdown by department. */
export interface SurveyResults {
  respondents: number;
  questions: QuestionResult[];
  breakdown: { shown: boolean; minGroupSize: number; groups: GroupResult[]; reason?: string };
}

/** A response as the results see it: its answers and (maybe) a department. */
export interface ResponseForResults {
  department: string | null;
  answers: Answers;
}

const round = (n: number) => Math.round(n * 10) / 10;

function countQuestion(question: Question, responses: ResponseForResults[]): QuestionResult {
  const given = responses.map((r) => r.answers[question.id]).filter((a) => a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0) && a !== '');
  const answered = given.length;
  const base = { id: question.id, type: question.type, text: question.text, answered, options: [] as OptionCount[], texts: [] as string[] };
  const tally = (choices: { value: string; label: Bilingual }[]) =>
    choices.map((c) => {
      const count = given.filter((a) => (Array.isArray(a) ? a.includes(c.value) : a === c.value)).length;
      return { value: c.value, label: c.label, count, percent: answered ? round((count / answered) * 100) : 0 };
    });
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: tally(question.options) };
    case 'rating': {
      const values = range(question.scale.min, question.scale.max).map((n) => ({ value: String(n), label: { 'zh-CN': String(n), en: String(n) } }));
      const numbers = given.map((a) => Number(a)).filter((n) => Number.isFinite(n));
      return { ...base, options: tally(values), average: numbers.length ? round(numbers.reduce((s, n) => s + n, 0) / numbers.length) : undefined };
    }
    case 'text':
      return { ...base, texts: given.map(String).sort((a, b) => a.localeCompare(b)) };
  }
}

/**
 * Counts and percentages per question, free-text answers, and a breakdown by department that
 * never lets anyone single out a person: departments with fewer than `minGroupSize` respondents
 * are pooled as "other", and when that pool is itself non-empty and too small the breakdown is
 * withheld entirely (otherwise subtracting the shown groups from the total would reveal it).
 */
export function surveyResults(config: StoredSurveyConfig, responses: ResponseForResults[], minGroupSize: number): SurveyResults {
  const questions = config.questions.map((q) => countQuestion(q, responses));
  const breakdown: SurveyResults['breakdown'] = { shown: false, minGroupSize, groups: [] };
  if (!config.breakdownByDepartment) breakdown.reason = 'the survey does not keep departments';
  else if (responses.length === 0) breakdown.reason = 'no responses yet';
  else {
    const byDepartment = new Map<string, ResponseForResults[]>();
    for (const r of responses) byDepartment.set(r.department ?? '', [...(byDepartment.get(r.department ?? '') ?? []), r]);
    const large = [...byDepartment].filter(([name, list]) => name !== '' && list.length >= minGroupSize);
    const pooled = [...byDepartment].filter(([name, list]) => name === '' || list.length < minGroupSize).flatMap(([, list]) => list);
    if (pooled.length > 0 && pooled.length < minGroupSize) breakdown.reason = `a group would have fewer than ${minGroupSize} respondents`;
    else if (large.length + (pooled.length ? 1 : 0) < 2) breakdown.reason = 'all respondents are in one group';
    else {
      breakdown.shown = true;
      const groups: [string, ResponseForResults[]][] = [...large.sort(([a], [b]) => a.localeCompare(b)), ...(pooled.length ? [['(other)', pooled] as [string, ResponseForResults[]]] : [])];
      breakdown.groups = groups.map(([department, list]) => ({
        department,
        respondents: list.length,
        // Free text is never broken down: a few words can identify their writer.
        questions: config.questions.filter((q) => q.type !== 'text').map((q) => {
          const r = countQuestion(q, list);
          return { id: r.id, options: r.options, average: r.average };
        }),
      }));
    }
  }
  return { respondents: responses.length, questions, breakdown };
}

/** The results as CSV (safe to open in a spreadsheet): one row per option, per group when shown. */
export function resultsCsv(results: SurveyResults, locale: Locale): string {
  const rows: (string | number)[][] = [];
  for (const q of results.questions) {
    for (const o of q.options) rows.push(['all', results.respondents, q.id, q.text[locale], o.label[locale], o.count, o.percent]);
    if (q.average !== undefined) rows.push(['all', results.respondents, q.id, q.text[locale], 'average', q.average, '']);
    for (const text of q.texts) rows.push(['all', results.respondents, q.id, q.text[locale], text, '', '']);
  }
  for (const g of results.breakdown.groups) {
    for (const gq of g.questions) {
      const q = results.questions.find((x) => x.id === gq.id)!;
      for (const o of gq.options) rows.push([g.department, g.respondents, q.id, q.text[locale], o.label[locale], o.count, o.percent]);
    }
  }
  return toCsv(['group', 'respondents', 'question', 'question_text', 'answer', 'count', 'percent'], rows);
}
