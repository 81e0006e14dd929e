import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';

/** `questions[2].options[0].label`: where a problem is, as a person reads a definition file. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

type Issue = z.core.$ZodIssue;

/**
 * A union ("a text, or a zh-CN/en pair") fails as a whole with "Invalid input". Say instead
 * what went wrong in the alternative that matched the value's type (a string that is empty,
 * a date without a time zone), which is what the author meant to write.
 */
function explain(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) return [issue];
  const branches = issue.errors as Issue[][];
  const matching = branches.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  const chosen = matching.length > 0 ? matching.reduce((best, b) => (b.length < best.length ? b : best)) : undefined;
  if (!chosen) return [issue];
  return chosen.flatMap(explain).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

/** One line per problem, each naming the field. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => explain(issue as Issue))
    .map((issue) => `  ${issuePath(issue.path) || '(top level)'}: ${issue.message}`)
    .join('\n');
}

/**
 * Validates a definition (from a file, the console or a test) and throws an `invalid_input`
 * error listing every problem with the field it is in.
 */
export function parseDefinition<S extends z.ZodType>(schema: S, value: unknown, source = 'definition'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid_input', `${source} is not valid:\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Reads a YAML or JSON file (by extension; YAML otherwise, which also reads JSON). */
export function readDefinitionFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('invalid_input', `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new AppError('invalid_input', `${file} is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}

/** A date-time with an explicit offset ("2026-12-01T09:00:00+08:00" or "…Z"), as a Date. */
export const DateTimeInputSchema = z.union([
  z.date(),
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00+08:00')
    .transform((v) => new Date(v.replace(' ', 'T'))),
]).refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date');

/** An IANA time zone name that this runtime knows. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known time zone (e.g. Asia/Shanghai)');

/** A short identifier used in definitions (question ids, option values). */
export const SlugSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'use 1-40 letters, digits, "_" or "-"');
