import { z } from 'zod';
import type { Bilingual } from '../core/locale.ts';
import { range, type StoredSurveyConfig } from './survey-definition.ts';

type Question = StoredSurveyConfig['questions'][number];

/** An answer: an option value, several option values, a rating as text, free text, or null (skipped). */
export const AnswerValueSchema = z.union([z.string().max(8000), z.array(z.string().max(100)).max(50), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
/** Answers keyed by question id, as drafts and responses store them. */
export const AnswersSchema = z.record(z.string(), AnswerValueSchema);
export type Answers = z.infer<typeof AnswersSchema>;

/** Reads an answers column (JSON); a damaged draft reads as empty rather than blocking the member. */
export function readAnswers(json: string): Answers {
  try {
    const parsed = AnswersSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function matches(answer: AnswerValue | undefined, anyOf: string[]): boolean {
  if (answer === undefined || answer === null) return false;
  return Array.isArray(answer) ? answer.some((v) => anyOf.includes(v)) : anyOf.includes(answer);
}

/** The questions this member sees given their answers so far (skip logic, in order). */
export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  const visible = new Set<string>();
  const out: Question[] = [];
  for (const q of questions) {
    if (q.showIf && !(visible.has(q.showIf.question) && matches(answers[q.showIf.question], q.showIf.anyOf))) continue;
    visible.add(q.id);
    out.push(q);
  }
  return out;
}

/** The next question to ask: the first visible one without an answer. */
export function nextQuestion(questions: Question[], answers: Answers): Question | undefined {
  return visibleQuestions(questions, answers).find((q) => !(q.id in answers));
}

/** The answers that count at submission: visible questions only (an answer to a question hidden later is dropped). */
export function finalAnswers(questions: Question[], answers: Answers): { answers: Answers; missing: Question[] } {
  const out: Answers = {};
  const missing: Question[] = [];
  for (const q of visibleQuestions(questions, answers)) {
    const value = answers[q.id];
    const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === '';
    if (empty && q.required) missing.push(q);
    out[q.id] = value ?? null;
  }
  return { answers: out, missing };
}

const problems = {
  notAnOption: { 'zh-CN': '请从选项中选择。', en: 'Please choose one of the options.' },
  tooFew: { 'zh-CN': '请至少选择 {n} 项。', en: 'Please choose at least {n}.' },
  tooMany: { 'zh-CN': '最多只能选择 {n} 项。', en: 'Please choose at most {n}.' },
  notInScale: { 'zh-CN': '请选择 {min} 到 {max} 之间的分数。', en: 'Please choose a rating from {min} to {max}.' },
  tooLong: { 'zh-CN': '回答太长了（最多 {n} 个字）。', en: 'That answer is too long (at most {n} characters).' },
  required: { 'zh-CN': '这一题必须回答。', en: 'This question needs an answer.' },
} satisfies Record<string, Bilingual>;

/** Checks one answer against its question; returns the problem (with its values) or the clean value. */
export function checkAnswer(question: Question, value: AnswerValue): { ok: true; value: AnswerValue } | { ok: false; problem: Bilingual; values?: Record<string, number> } {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (question.required && !(question.type === 'multiple' && question.min === 0)) return { ok: false, problem: problems.required };
    return { ok: true, value: question.type === 'multiple' ? [] : null };
  }
  switch (question.type) {
    case 'single':
      return typeof value === 'string' && question.options.some((o) => o.value === value) ? { ok: true, value } : { ok: false, problem: problems.notAnOption };
    case 'multiple': {
      const list = [...new Set(Array.isArray(value) ? value : [value])];
      if (!list.every((v) => question.options.some((o) => o.value === v))) return { ok: false, problem: problems.notAnOption };
      if (list.length < question.min) return { ok: false, problem: problems.tooFew, values: { n: question.min } };
      if (list.length > question.max) return { ok: false, problem: problems.tooMany, values: { n: question.max } };
      // Keep the options' order, whatever order they were clicked in.
      return { ok: true, value: question.options.map((o) => o.value).filter((v) => list.includes(v)) };
    }
    case 'rating': {
      const scale = range(question.scale.min, question.scale.max).map(String);
      return typeof value === 'string' && scale.includes(value.trim()) ? { ok: true, value: value.trim() } : { ok: false, problem: problems.notInScale, values: { min: question.scale.min, max: question.scale.max } };
    }
    case 'text': {
      if (typeof value !== 'string') return { ok: false, problem: problems.required };
      const text = value.trim();
      return [...text].length > question.maxLength ? { ok: false, problem: problems.tooLong, values: { n: question.maxLength } } : { ok: true, value: text };
    }
  }
}
