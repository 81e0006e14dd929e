import { z } from 'zod';
import { AudienceSchema } from './audience.ts';
import { BilingualInputSchema, OptionalBilingualSchema } from './bilingual.ts';
import { DateTimeInputSchema } from './definition-file.ts';

/** The kinds of vote: one choice, up to `seats` choices (multi-seat), or yes/no/abstain on a motion. */
export const ElectionKindSchema = z.enum(['choose-one', 'choose-up-to', 'motion']);
export type ElectionKind = z.infer<typeof ElectionKindSchema>;

/** The fixed options of a motion. */
export const MOTION_OPTIONS = ['yes', 'no', 'abstain'] as const;

const CandidateSchema = z
  .object({
    name: BilingualInputSchema,
    statement: OptionalBilingualSchema,
    /** The candidate's employee number, so that the honor roll can show the award on their profile. */
    member: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

/** A vote as an administrator writes it (YAML or JSON). */
export const VoteDefinitionSchema = z
  .object({
    kind: ElectionKindSchema,
    title: BilingualInputSchema,
    description: OptionalBilingualSchema,
    seats: z.number().int().min(1).max(100).optional(),
    secret: z.boolean().default(true),
    allowChange: z.boolean().default(false),
    audience: AudienceSchema.default({ all: true }),
    opensAt: DateTimeInputSchema.optional(),
    closesAt: DateTimeInputSchema.optional(),
    /** Turnout needed for the result to count, in percent of eligible members. */
    quorumPercent: z.number().min(0).max(100).default(0),
    /** A motion passes when "yes" is more than this share of yes+no; a candidate needs more than this share of ballots. */
    thresholdPercent: z.number().min(0).max(100).optional(),
    candidates: z.array(CandidateSchema).max(200).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'motion' && v.candidates.length > 0) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'a motion has no candidates (its options are yes, no and abstain)' });
    if (v.kind !== 'motion' && v.candidates.length < 2) ctx.addIssue({ code: 'custom', path: ['candidates'], message: `a ${v.kind} vote needs at least 2 candidates` });
    if (v.kind !== 'choose-up-to' && v.seats !== undefined && v.seats !== 1) ctx.addIssue({ code: 'custom', path: ['seats'], message: `seats applies to choose-up-to votes only` });
    if (v.kind === 'choose-up-to' && v.seats === undefined) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'a choose-up-to vote needs seats (how many may be chosen)' });
    if (v.kind === 'choose-up-to' && v.seats !== undefined && v.seats >= v.candidates.length) ctx.addIssue({ code: 'custom', path: ['seats'], message: `seats (${v.seats}) must be fewer than the ${v.candidates.length} candidates` });
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
    const members = v.candidates.flatMap((c) => (c.member ? [c.member] : []));
    if (new Set(members).size !== members.length) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'the same member is a candidate twice' });
  })
  .transform((v) => ({ ...v, seats: v.seats ?? 1, thresholdPercent: v.thresholdPercent ?? (v.kind === 'motion' ? 50 : 0) }));
export type VoteDefinition = z.output<typeof VoteDefinitionSchema>;
