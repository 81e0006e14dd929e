import { AppError } from '../core/errors.ts';
import type { Locale } from '../core/locale.ts';
import type { Store } from '../store/index.ts';
import { hasRole } from '../store/members.ts';

/**
 * Who an administrative operation is recorded as. `--as EMPLOYEE_NO` names an admin on the
 * roster (checked); without it the actor is the operator's shell account, "cli" (whoever runs
 * the command already holds the database).
 */
export async function adminActor(store: Store, employeeNumber: string | undefined): Promise<string> {
  if (!employeeNumber) return 'cli';
  const member = (await store.members.getByEmployeeNumber(employeeNumber)) ?? (await store.members.get(employeeNumber));
  if (!member) throw new AppError('not_found', `--as: no member with employee number ${employeeNumber}`);
  if (!hasRole(member, 'admin')) throw new AppError('forbidden', `--as: member ${employeeNumber} does not have the admin role`);
  return member.id;
}

/** A locale option value, defaulting to the configured one. */
export function localeOption(value: string | undefined, fallback: Locale): Locale {
  if (!value) return fallback;
  if (value === 'en' || value.toLowerCase().startsWith('en')) return 'en';
  if (value.toLowerCase().startsWith('zh')) return 'zh-CN';
  throw new AppError('invalid_input', `--locale must be zh-CN or en, not ${value}`);
}
