import { z } from 'zod';
import { AudienceSchema } from './audience.ts';
import { BilingualInputSchema, OptionalBilingualSchema, StoredBilingualSchema } from './bilingual.ts';
import { DateTimeInputSchema, SlugSchema } from './definition-file.ts';

const OptionSchema = z.union([
  BilingualInputSchema.transform((label) => ({ label })),
  z.object({ value: SlugSchema.optional(), label: BilingualInputSchema }).strict(),
]);

/** Show a question only when an earlier single, multiple or rating question has one of these answers. */
const ShowIfSchema = z
  .object({
    question: SlugSchema,
    equals: z.union([z.string(), z.number()]).transform(String).optional(),
    in: z.array(z.union([z.string(), z.number()]).transform(String)).min(1).optional(),
  })
  .strict()
  .refine((s) => (s.equals === undefined) !== (s.in === undefined), 'give either equals or in')
  .transform((s) => ({ question: s.question, anyOf: s.in ?? [s.equals!] }));

const QuestionInputSchema = z
  .object({
    id: SlugSchema,
    type: z.enum(['single', 'multiple', 'rating', 'text']),
    text: BilingualInputSchema,
    required: z.boolean().default(true),
    options: z.array(OptionSchema).max(50).optional(),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(1).optional(),
    scale: z
      .object({ min: z.number().int().min(0).max(10).default(1), max: z.number().int().min(1).max(11).default(5), minLabel: BilingualInputSchema.optional(), maxLabel: BilingualInputSchema.optional() })
      .strict()
      .refine((s) => s.max > s.min, 'max must be greater than min')
      .optional(),
    maxLength: z.number().int().min(1).max(8000).default(2000),
    showIf: ShowIfSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && (!q.options || q.options.length < 2)) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.type} question needs at least 2 options` });
    if (!choice && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.type} question has no options` });
    if (q.type !== 'multiple' && (q.min !== undefined || q.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min and max apply to multiple-choice questions only' });
    if (q.type === 'multiple' && q.options) {
      const max = q.max ?? q.options.length;
      if (max > q.options.length) ctx.addIssue({ code: 'custom', path: ['max'], message: `max is ${max} but there are only ${q.options.length} options` });
      if ((q.min ?? 0) > max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is greater than max' });
    }
    const values = (q.options ?? []).map((o, i) => ('value' in o && o.value) || String(i + 1));
    if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'two options have the same value' });
    if (q.type !== 'rating' && q.scale) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'scale applies to rating questions only' });
  })
  .transform((q) => {
    const options = (q.options ?? []).map((o, i) => ({ value: ('value' in o ? o.value : undefined) ?? String(i + 1), label: o.label }));
    const base = { id: q.id, text: q.text, required: q.required, showIf: q.showIf };
    switch (q.type) {
      case 'single':
        return { ...base, type: 'single' as const, options };
      case 'multiple':
        return { ...base, type: 'multiple' as const, options, min: q.min ?? (q.required ? 1 : 0), max: q.max ?? options.length };
      case 'rating':
        return { ...base, type: 'rating' as const, scale: { min: q.scale?.min ?? 1, max: q.scale?.max ?? 5, minLabel: q.scale?.minLabel, maxLabel: q.scale?.maxLabel } };
      case 'text':
        return { ...base, type: 'text' as const, maxLength: q.maxLength };
    }
  });

/** A survey as an administrator writes it (YAML or JSON). */
export const SurveyDefinitionSchema = z
  .object({
    kind: z.literal('survey').optional(),
    title: BilingualInputSchema,
    description: OptionalBilingualSchema,
    anonymous: z.boolean().default(true),
    audience: AudienceSchema.default({ all: true }),
    opensAt: DateTimeInputSchema.optional(),
    closesAt: DateTimeInputSchema.optional(),
    /** Hours before closing when members who have not submitted are reminded. */
    remindBeforeCloseHours: z.array(z.number().positive().max(24 * 90)).max(10).default([24]),
    minGroupSize: z.number().int().min(2).max(1000).default(5),
    breakdownByDepartment: z.boolean().default(true),
    questions: z.array(QuestionInputSchema).min(1, 'a survey needs at least one question').max(100),
  })
  .strict()
  .superRefine((survey, ctx) => {
    if (survey.opensAt && survey.closesAt && survey.closesAt <= survey.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
    const seen = new Map<string, (typeof survey.questions)[number]>();
    survey.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id "${q.id}"` });
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target) ctx.addIssue({ code: 'custom', path: ['questions', i, 'showIf', 'question'], message: `"${q.showIf.question}" is not an earlier question` });
        else if (target.type === 'text') ctx.addIssue({ code: 'custom', path: ['questions', i, 'showIf', 'question'], message: 'cannot depend on a free-text question' });
        else {
          const allowed = target.type === 'rating' ? range(target.scale.min, target.scale.max).map(String) : target.options.map((o) => o.value);
          for (const value of q.showIf.anyOf) {
            if (!allowed.includes(value)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'showIf'], message: `"${value}" is not an answer of "${target.id}" (one of ${allowed.join(', ')})` });
          }
        }
      }
      seen.set(q.id, q);
    });
  });
export type SurveyDefinition = z.output<typeof SurveyDefinitionSchema>;
/** One question after validation. */
export type Question = SurveyDefinition['questions'][number];

export function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The stored form of the definition (re-validated on every read). */
const StoredQuestionSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string(), type: z.literal('single'), text: StoredBilingualSchema, required: z.boolean(), showIf: z.object({ question: z.string(), anyOf: z.array(z.string()) }).optional(), options: z.array(z.object({ value: z.string(), label: StoredBilingualSchema })) }),
  z.object({ id: z.string(), type: z.literal('multiple'), text: StoredBilingualSchema, required: z.boolean(), showIf: z.object({ question: z.string(), anyOf: z.array(z.string()) }).optional(), options: z.array(z.object({ value: z.string(), label: StoredBilingualSchema })), min: z.number(), max: z.number() }),
  z.object({ id: z.string(), type: z.literal('rating'), text: StoredBilingualSchema, required: z.boolean(), showIf: z.object({ question: z.string(), anyOf: z.array(z.string()) }).optional(), scale: z.object({ min: z.number(), max: z.number(), minLabel: StoredBilingualSchema.optional(), maxLabel: StoredBilingualSchema.optional() }) }),
  z.object({ id: z.string(), type: z.literal('text'), text: StoredBilingualSchema, required: z.boolean(), showIf: z.object({ question: z.string(), anyOf: z.array(z.string()) }).optional(), maxLength: z.number() }),
]);
/** What the Survey.definition column holds. */
export const StoredSurveyConfigSchema = z.object({
  questions: z.array(StoredQuestionSchema),
  remindBeforeCloseHours: z.array(z.number()),
  breakdownByDepartment: z.boolean(),
});
export type StoredSurveyConfig = z.infer<typeof StoredSurveyConfigSchema>;
