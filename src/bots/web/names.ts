import type { Bilingual, Locale } from '../../core/locale.ts';
import type { MemberStatus, Role } from '../../store/members.ts';

const ROLE_NAMES: Record<Role, Bilingual> = {
  member: { 'zh-CN': '会员', en: 'Member' },
  staff: { 'zh-CN': '工作人员', en: 'Staff' },
  counsellor: { 'zh-CN': '心理咨询师', en: 'Counsellor' },
  editor: { 'zh-CN': '内容编辑', en: 'Editor' },
  admin: { 'zh-CN': '管理员', en: 'Admin' },
};

const STATUS_NAMES: Record<MemberStatus, Bilingual> = {
  member: { 'zh-CN': '会员', en: 'Member' },
  'non-member': { 'zh-CN': '非会员', en: 'Non-member' },
  suspended: { 'zh-CN': '暂停', en: 'Suspended' },
};

/** A role as the console shows it. */
export function roleName(role: Role, locale: Locale): string {
  return ROLE_NAMES[role][locale];
}

/** A membership status as the console shows it. */
export function statusName(status: MemberStatus, locale: Locale): string {
  return STATUS_NAMES[status][locale];
}
