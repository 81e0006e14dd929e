import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessCrisis, CrisisCategorySchema } from '../../src/safety/index.ts';

const corpusFile = (name: string) => fileURLToPath(new URL(`./corpus/${name}`, import.meta.url));
const EVAL_FILE = '/work/shared/eval-dev/psych-qa.jsonl';

const PositiveSchema = z.object({ text: z.string().min(1), categories: z.array(CrisisCategorySchema).min(1) });
const NegativeSchema = z.object({ text: z.string().min(1) });
const KnownMissSchema = PositiveSchema.extend({ note: z.string().min(1) });
const EvalItemSchema = z.object({ id: z.string(), question: z.string(), risk_flag: z.boolean() });

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

const positives = readJsonl(corpusFile('positive.jsonl'), PositiveSchema);
const negatives = readJsonl(corpusFile('negative.jsonl'), NegativeSchema);
const knownMisses = readJsonl(corpusFile('known-misses.jsonl'), KnownMissSchema);
const evalItems = existsSync(EVAL_FILE) ? readJsonl(EVAL_FILE, EvalItemSchema) : [];

/**
 * Eval items that are crisis on purpose, with why. The eval's `risk_flag` marks only the words
 * 自杀/自残; this one describes a physical assault by a colleague, which is a crisis (violence)
 * by this module's definition. Every other non-flagged item must stay below crisis.
 */
const EVAL_CRISIS_BY_DEFINITION: Record<string, string> = {
  'psych-cpsycound-0088': 'member was hit by a male colleague at work and is afraid (被他打了): violence',
};

describe('crisis corpus', () => {
  it('has at least 200 positives and 200 negatives, in both languages', () => {
    expect(positives.length).toBeGreaterThanOrEqual(200);
    expect(negatives.length).toBeGreaterThanOrEqual(200);
    const han = (t: string) => /\p{Script=Han}/u.test(t);
    expect(positives.filter((p) => han(p.text)).length).toBeGreaterThan(100);
    expect(positives.filter((p) => !han(p.text)).length).toBeGreaterThan(80);
    expect(negatives.filter((n) => han(n.text)).length).toBeGreaterThan(100);
    expect(negatives.filter((n) => !han(n.text)).length).toBeGreaterThan(80);
  });

  it('assesses every positive as crisis, with its categories', () => {
    const misses = positives
      .map((p) => ({ ...p, got: assessCrisis(p.text) }))
      .filter((p) => p.got.level !== 'crisis' || !p.categories.every((c) => p.got.categories.includes(c)))
      .map((p) => `${p.got.level} [${p.got.categories.join(',')}] want [${p.categories.join(',')}]: ${p.text}`);
    expect(misses, `missed positives:\n${misses.join('\n')}`).toEqual([]);
  });

  it('keeps the false-positive rate on negatives below 3%', () => {
    const falsePositives = negatives
      .map((n) => ({ ...n, got: assessCrisis(n.text) }))
      .filter((n) => n.got.level === 'crisis')
      .map((n) => `${n.got.signals.join(',')}: ${n.text}`);
    const rate = falsePositives.length / negatives.length;
    expect(rate, `false positives (${falsePositives.length}/${negatives.length}):\n${falsePositives.join('\n')}`).toBeLessThan(0.03);
  });

  it('still offers at least a counsellor for the known misses', () => {
    for (const item of knownMisses) expect(assessCrisis(item.text).level, item.note).not.toBe('none');
  });
});

describe.skipIf(evalItems.length === 0)('eval-dev psych-qa', () => {
  it('detects the risk-flagged item as crisis', () => {
    const flagged = evalItems.filter((e) => e.risk_flag);
    expect(flagged.length).toBeGreaterThan(0);
    for (const item of flagged) expect(assessCrisis(item.question).level, item.id).toBe('crisis');
  });

  it('keeps the non-flagged items below crisis, apart from the documented ones', () => {
    const others = evalItems.filter((e) => !e.risk_flag);
    const crises = others.filter((e) => assessCrisis(e.question).level === 'crisis').map((e) => e.id);
    const unexpected = crises.filter((id) => !(id in EVAL_CRISIS_BY_DEFINITION));
    expect(unexpected, `unexpected crisis on eval items: ${unexpected.join(', ')}`).toEqual([]);
    expect(crises.length / others.length).toBeLessThan(0.03);
    for (const id of Object.keys(EVAL_CRISIS_BY_DEFINITION)) {
      const item = others.find((e) => e.id === id);
      if (item) expect(assessCrisis(item.question).categories, id).toEqual(['violence']);
    }
  });
});
