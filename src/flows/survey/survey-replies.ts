import { action } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { fill } from '../../democracy/bilingual.ts';
import { range, type StoredSurveyConfig } from '../../democracy/survey-definition.ts';
import { visibleQuestions, type AnswerValue, type Answers } from '../../democracy/survey-logic.ts';
import type { SurveyView } from '../../store/surveys.ts';
import { surveyText } from './survey-texts.ts';

type Question = StoredSurveyConfig['questions'][number];

/** The label of an answer, for the review card. */
export function answerLabel(question: Question, value: AnswerValue | undefined, locale: Locale): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return surveyText.skipped[locale];
  if (question.type === 'single' || question.type === 'multiple') {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => question.options.find((o) => o.value === v)?.label[locale] ?? v).join('、');
  }
  return Array.isArray(value) ? value.join(', ') : value;
}

/** "(2/5) question text" with its position among the questions this member sees. */
function prompt(survey: SurveyView, question: Question, answers: Answers, locale: Locale): string {
  const visible = visibleQuestions(survey.config.questions, answers);
  const index = visible.findIndex((q) => q.id === question.id) + 1;
  return `(${index}/${visible.length}) ${question.text[locale]}${question.required ? '' : ` ${surveyText.optional[locale]}`}`;
}

/** Asks one question: buttons for choices and ratings, a prompt for free text. */
export function questionReplies(survey: SurveyView, question: Question, answers: Answers, locale: Locale, selection: string[] = []): ReplyInput[] {
  const s = survey.id;
  const q = question.id;
  const controls = [
    ...(question.required ? [] : [{ label: surveyText.skip[locale], value: action('survey.skip', { s, q }) }]),
    { label: surveyText.pause[locale], value: action('survey.pause', { s }) },
  ];
  const text = prompt(survey, question, answers, locale);
  switch (question.type) {
    case 'single':
      return [{ type: 'choices', id: 'survey.question', prompt: text, choices: [...question.options.map((o) => ({ label: o.label[locale], value: action('survey.answer', { s, q, v: o.value }) })), ...controls] }];
    case 'rating': {
      const scale = range(question.scale.min, question.scale.max);
      const ends = [question.scale.minLabel ? `${question.scale.min} = ${question.scale.minLabel[locale]}` : '', question.scale.maxLabel ? `${question.scale.max} = ${question.scale.maxLabel[locale]}` : ''].filter(Boolean).join(', ');
      return [{ type: 'choices', id: 'survey.question', prompt: ends ? `${text}\n${ends}` : text, choices: [...scale.map((n) => ({ label: String(n), value: action('survey.answer', { s, q, v: String(n) }) })), ...controls] }];
    }
    case 'multiple': {
      const chosen = question.options.filter((o) => selection.includes(o.value)).map((o) => o.label[locale]);
      const hint = fill(surveyText.chooseSeveral, locale, { min: question.min, max: question.max });
      return [
        {
          type: 'choices',
          id: 'survey.question',
          prompt: `${text}\n${hint}${chosen.length ? `\n${fill(surveyText.selected, locale, { list: chosen.join('、') })}` : ''}`,
          choices: question.options.map((o) => ({ label: `${selection.includes(o.value) ? '☑' : '☐'} ${o.label[locale]}`, value: action('survey.toggle', { s, q, v: o.value }) })),
          multiple: { min: question.min, max: question.max },
        },
        { type: 'choices', id: 'survey.controls', prompt: '—', choices: [{ label: surveyText.done[locale], value: action('survey.done', { s, q }), style: 'primary' }, ...controls] },
      ];
    }
    case 'text':
      return [{ type: 'choices', id: 'survey.question', prompt: `${text}\n${surveyText.typeAnswer[locale]}`, choices: controls }];
  }
}

/** The answers so far, with submit, change and later. */
export function reviewReplies(survey: SurveyView, answers: Answers, locale: Locale): ReplyInput[] {
  const visible = visibleQuestions(survey.config.questions, answers);
  return [
    {
      type: 'card',
      title: surveyText.reviewTitle[locale],
      subtitle: survey.title[locale],
      body: `${surveyText.reviewBody[locale]}\n${(survey.anonymous ? surveyText.anonymousNote : surveyText.attributedNote)[locale]}`,
      fields: visible.map((q) => ({ label: q.text[locale], value: answerLabel(q, answers[q.id], locale) })),
      actions: [
        { label: surveyText.submit[locale], value: action('survey.submit', { s: survey.id }), style: 'primary' },
        { label: surveyText.change[locale], value: action('survey.changes', { s: survey.id }) },
        { label: surveyText.pause[locale], value: action('survey.pause', { s: survey.id }) },
      ],
    },
  ];
}

/** Which answer to change. */
export function changeReplies(survey: SurveyView, answers: Answers, locale: Locale): ReplyInput[] {
  const visible = visibleQuestions(survey.config.questions, answers);
  return [{ type: 'choices', id: 'survey.change', prompt: surveyText.whichToChange[locale], choices: visible.map((q, i) => ({ label: `${i + 1}. ${q.text[locale]}`.slice(0, 200), value: action('survey.change', { s: survey.id, q: q.id }) })) }];
}
