import { z } from 'zod';
import type { Bilingual } from '../core/locale.ts';
import { MOTION_OPTIONS, type ElectionKind } from './vote-definition.ts';

/** What a tally needs: the rules, the candidates, every ballot's choices, and the electorate size. */
export interface TallyInput {
  kind: ElectionKind;
  seats: number;
  quorumPercent: number;
  thresholdPercent: number;
  candidates: { id: string; name: Bilingual }[];
  ballots: string[][];
  /** Members eligible when counted (the quorum's base). */
  eligible: number;
}

const OptionTallySchema = z.object({ id: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }), votes: z.number(), percent: z.number() });

/** The outcome of a vote, as stored at closing and recomputed on demand. */
export const TallySchema = z.object({
  ballots: z.number(),
  eligible: z.number(),
  turnoutPercent: z.number(),
  quorumMet: z.boolean(),
  /** Votes per candidate (or yes/no/abstain), in ballot order; percent of ballots cast. */
  options: z.array(OptionTallySchema),
  /** Motions: "yes" as a share of yes + no (abstentions are not counted against). */
  yesPercent: z.number().optional(),
  winners: z.array(z.string()),
  /** Candidates tied for the last seat(s): not elected until the union decides (a run-off). */
  tied: z.array(z.string()),
  outcome: z.enum(['passed', 'rejected', 'elected', 'tie', 'no-winner', 'no-quorum']),
  /** Ballots naming something that is not an option; always 0 unless the data was tampered with. */
  invalid: z.number(),
});
export type Tally = z.infer<typeof TallySchema>;

const motionLabels: Record<(typeof MOTION_OPTIONS)[number], Bilingual> = {
  yes: { 'zh-CN': '赞成', en: 'Yes' },
  no: { 'zh-CN': '反对', en: 'No' },
  abstain: { 'zh-CN': '弃权', en: 'Abstain' },
};

export function motionLabel(option: (typeof MOTION_OPTIONS)[number]): Bilingual {
  return motionLabels[option];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Counts ballots. Pure and deterministic, so the result stored at closing can be recomputed
 * from the ballot rows by anyone at any time and must come out the same.
 */
export function tally(input: TallyInput): Tally {
  const options =
    input.kind === 'motion' ? MOTION_OPTIONS.map((id) => ({ id, name: motionLabels[id] })) : input.candidates.map((c) => ({ id: c.id, name: c.name }));
  const known = new Set(options.map((o) => o.id));
  const votes = new Map(options.map((o) => [o.id, 0]));
  const maxChoices = input.kind === 'choose-up-to' ? input.seats : 1;
  let invalid = 0;
  for (const ballot of input.ballots) {
    const unique = [...new Set(ballot)];
    if (unique.length === 0 || unique.length > maxChoices || !unique.every((c) => known.has(c))) {
      invalid++;
      continue;
    }
    for (const choice of unique) votes.set(choice, votes.get(choice)! + 1);
  }
  const counted = input.ballots.length - invalid;
  const turnoutPercent = input.eligible > 0 ? round((input.ballots.length / input.eligible) * 100) : 0;
  const quorumMet = turnoutPercent >= input.quorumPercent && counted > 0;
  const optionTallies = options.map((o) => ({ id: o.id, label: o.name, votes: votes.get(o.id)!, percent: counted ? round((votes.get(o.id)! / counted) * 100) : 0 }));
  const base = { ballots: input.ballots.length, eligible: input.eligible, turnoutPercent, quorumMet, options: optionTallies, invalid };
  if (input.kind === 'motion') {
    const yes = votes.get('yes')!;
    const no = votes.get('no')!;
    const yesPercent = yes + no > 0 ? round((yes / (yes + no)) * 100) : 0;
    const outcome = !quorumMet ? 'no-quorum' : yesPercent > input.thresholdPercent ? 'passed' : 'rejected';
    return { ...base, yesPercent, winners: outcome === 'passed' ? ['yes'] : [], tied: [], outcome };
  }
  if (!quorumMet) return { ...base, winners: [], tied: [], outcome: 'no-quorum' };
  // A candidate must get more than the threshold share of the ballots cast, then the most votes win.
  const qualifying = optionTallies.filter((o) => o.votes > 0 && (o.votes / counted) * 100 > input.thresholdPercent).sort((a, b) => b.votes - a.votes);
  const seats = input.kind === 'choose-up-to' ? input.seats : 1;
  if (qualifying.length <= seats) return { ...base, winners: qualifying.map((o) => o.id), tied: [], outcome: qualifying.length ? 'elected' : 'no-winner' };
  const boundary = qualifying[seats - 1]!.votes;
  const tiedAtBoundary = qualifying[seats]!.votes === boundary;
  const winners = qualifying.filter((o) => (tiedAtBoundary ? o.votes > boundary : qualifying.indexOf(o) < seats)).map((o) => o.id);
  const tied = tiedAtBoundary ? qualifying.filter((o) => o.votes === boundary).map((o) => o.id) : [];
  return { ...base, winners, tied, outcome: tied.length ? 'tie' : 'elected' };
}
