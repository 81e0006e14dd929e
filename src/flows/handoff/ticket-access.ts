import { AppError } from '../../core/errors.ts';
import { hasRole, type Member } from '../../store/members.ts';
import { isSensitiveCategory, type TicketCategory } from '../../store/tickets.ts';

/**
 * Who may do what with cases, checked on the server side for every operation whatever channel
 * asked: staff and admins handle legal, workplace-dispute and general cases; counsellors and
 * admins handle psychological and crisis cases. Any of those roles may see that a case exists.
 */
export function isCaseWorker(actor: Pick<Member, 'roles'> | undefined): boolean {
  return hasRole(actor, 'staff', 'counsellor', 'admin');
}

/** Whether the actor may read the content of, and act on, cases of a category. */
export function canHandle(actor: Pick<Member, 'roles'> | undefined, category: TicketCategory): boolean {
  return isSensitiveCategory(category) ? hasRole(actor, 'counsellor', 'admin') : hasRole(actor, 'staff', 'admin');
}

export function requireCaseWorker(actor: Member | undefined): asserts actor is Member {
  if (!isCaseWorker(actor)) throw new AppError('forbidden', 'only union staff, counsellors and admins can work with cases');
}

export function requireHandler(actor: Member, category: TicketCategory): void {
  if (!canHandle(actor, category)) {
    throw new AppError(
      'forbidden',
      isSensitiveCategory(category) ? 'only counsellors and admins can read or act on psychological and crisis cases' : 'only staff and admins can read or act on this case',
    );
  }
}
