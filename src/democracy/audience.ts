import { z } from 'zod';
import type { Bilingual } from '../core/locale.ts';
import { inGoodStanding, type Member } from '../store/members.ts';

/**
 * Who may take part: everyone on the roster, or the union of some departments and an explicit
 * list of employee numbers. Only members in good standing are ever eligible.
 */
export const AudienceSchema = z.union([
  z.literal('all').transform(() => ({ all: true as const })),
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      departments: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
      members: z.array(z.string().trim().min(1).max(50)).max(100_000).default([]),
    })
    .strict()
    .refine((a) => a.departments.length + a.members.length > 0, 'name at least one department or member, or use "all"'),
]);
/** An audience after parsing. */
export type Audience = z.output<typeof AudienceSchema>;

/** Reads an audience column (JSON). */
export function readAudience(json: string): Audience {
  return AudienceSchema.parse(JSON.parse(json));
}

/** Why someone may not take part, or `ok`. */
export type Eligibility = 'ok' | 'unlinked' | 'not-in-good-standing' | 'not-in-audience';

export function inAudience(member: Pick<Member, 'department' | 'employeeNumber'>, audience: Audience): boolean {
  if ('all' in audience) return true;
  return audience.departments.includes(member.department) || audience.members.includes(member.employeeNumber);
}

/** Eligibility from the roster: a linked (real-name verified) member in good standing in the audience. */
export function eligibility(member: Member | undefined, audience: Audience): Eligibility {
  if (!member) return 'unlinked';
  if (!inGoodStanding(member)) return 'not-in-good-standing';
  return inAudience(member, audience) ? 'ok' : 'not-in-audience';
}

/** The reason given to someone who may not take part, in both languages. */
export const refusal: Record<Exclude<Eligibility, 'ok'>, Bilingual> = {
  unlinked: {
    'zh-CN': '您的聊天账号还没有与工会会员名册关联（实名核验），所以暂时不能参加。请联系工会工作人员完成关联后再试。',
    en: 'Your chat account is not linked to the union membership roster (real-name verification), so you cannot take part yet. Please ask union staff to link it, then try again.',
  },
  'not-in-good-standing': {
    'zh-CN': '您的会籍目前不是正常状态，所以不能参加。如有疑问请联系工会。',
    en: 'Your union membership is not currently in good standing, so you cannot take part. Please contact the union if this is unexpected.',
  },
  'not-in-audience': {
    'zh-CN': '这一项只面向指定的部门或会员，您不在参与范围内。',
    en: 'This is only for certain departments or members, and you are not among them.',
  },
};
