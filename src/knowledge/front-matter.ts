import { z } from 'zod';

const NonEmpty = z.string().trim().min(1);

/** Kebab-case ids: lower-case letters and digits separated by single hyphens. */
const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');

/** YAML turns `2008-01-01` into a string under the core schema, but a bare year becomes a number. */
const DateLike = z
  .union([z.string().min(1), z.number(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)));


const Base = {
  id: Id,
  title: NonEmpty,
  language: z.enum(['zh-CN', 'en']),
  // `tags: [加班, 996]` makes 996 a YAML number; a tag is a label either way.
  tags: z.array(z.union([NonEmpty, z.number().transform(String)])).optional(),
  translationOf: Id.optional(),
  updated: DateLike.optional(),
};

/**
 * `cites: [{ law: <law id>, articles: ["第八十二条"] }]`. An empty `articles` cites the whole
 * document (a notice organised by headings has no articles); labels are checked against the
 * law's actual sections when the whole collection is loaded.
 */
export const CitationsSchema = z.array(
  z.object({
    law: Id,
    articles: z.array(NonEmpty).nullish().transform((value) => value ?? []),
  }),
);

const LawFrontMatter = z.object({
  ...Base,
  type: z.literal('law'),
  shortName: NonEmpty,
  englishName: NonEmpty,
  aliases: z.array(NonEmpty).nullish().transform((value) => value ?? []),
  issuer: NonEmpty,
  effective: DateLike,
  version: DateLike,
  source: NonEmpty,
});

const Questions = z.array(NonEmpty).min(1, 'needs at least one question');

const FaqFrontMatter = z.object({
  ...Base,
  type: z.literal('faq'),
  questions: Questions,
  cites: CitationsSchema,
  category: NonEmpty,
});

const PsychFrontMatter = z.object({
  ...Base,
  type: z.literal('psych'),
  questions: Questions,
  category: NonEmpty,
});

const UnionFrontMatter = z.object({
  ...Base,
  type: z.literal('union'),
  questions: Questions,
  cites: CitationsSchema.optional(),
  category: NonEmpty.optional(),
});

/** Front matter of any knowledge-base document, discriminated by `type`. */
export const FrontMatterSchema = z.discriminatedUnion('type', [
  LawFrontMatter,
  FaqFrontMatter,
  PsychFrontMatter,
  UnionFrontMatter,
]);

/** Validated front matter. */
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** One line per problem, naming the field: "cites.0.law: must be kebab-case". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    // zod says "expected string, received undefined" for a field that is not there.
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'front matter'}: ${issue.message.replace(/^Invalid input: expected (\w+), received undefined$/, 'is missing (expected $1)')}`)
    .join('; ');
}
