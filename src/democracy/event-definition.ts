import { z } from 'zod';
import { AudienceSchema } from './audience.ts';
import { BilingualInputSchema, OptionalBilingualSchema } from './bilingual.ts';
import { DateTimeInputSchema, TimeZoneSchema } from './definition-file.ts';

/** An event as an administrator writes it (YAML or JSON). */
export const EventDefinitionSchema = z
  .object({
    kind: z.literal('event').optional(),
    title: BilingualInputSchema,
    description: OptionalBilingualSchema,
    place: z.string().trim().max(500).default(''),
    link: z.url('must be a URL (https://…)').max(2000).optional(),
    startsAt: DateTimeInputSchema,
    endsAt: DateTimeInputSchema,
    timeZone: TimeZoneSchema.default('Asia/Shanghai'),
    capacity: z.number().int().min(1).max(100_000),
    signupDeadline: DateTimeInputSchema.optional(),
    audience: AudienceSchema.default({ all: true }),
    /** Hours before the start when confirmed attendees are reminded. */
    reminderHours: z.array(z.number().positive().max(24 * 60)).max(5).default([24]),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.endsAt <= e.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    if (e.signupDeadline && e.signupDeadline > e.startsAt) ctx.addIssue({ code: 'custom', path: ['signupDeadline'], message: 'must not be after startsAt' });
    if (!e.place && !e.link) ctx.addIssue({ code: 'custom', path: ['place'], message: 'give a place or a link' });
  });
export type EventDefinition = z.output<typeof EventDefinitionSchema>;
