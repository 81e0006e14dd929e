import { AppError } from '../../core/errors.ts';
import type { Escalation } from '../../store/tickets.ts';
import type { TicketCore } from './ticket-core.ts';
import { eventOf } from './ticket-events.ts';

/**
 * Work on cases that nobody asked for in a conversation: service-level escalations and the
 * retention purge (scheduled jobs), and erasing a member's closed cases on request.
 */
export class TicketUpkeep {
  constructor(private readonly core: TicketCore) {}

  /**
   * Escalates a case whose service level ran out: flags it, alerts the staff queue and the
   * on-call contact. Idempotent: a check that no longer applies, or was escalated already, does
   * nothing (a job that crashed after committing runs again harmlessly). Returns whether it escalated.
   */
  async escalate(ticketId: string, check: Escalation): Promise<boolean> {
    const exists = await this.core.store.tickets.get(ticketId);
    if (!exists) return false;
    const { result } = await this.core.change(ticketId, async (tx, t) => {
      const moot = t.status === 'resolved' || t.status === 'closed' || (check === 'first-response' && t.firstRespondedAt !== null) || t.escalations.includes(check);
      if (moot) return { ticket: t, events: [], result: false };
      const updated = await this.core.update(tx, t, { escalations: [...t.escalations, check] });
      await this.core.notifier.toStaff(tx, updated, { kind: 'escalated', check });
      await this.core.store.audit.record({ actor: 'system', action: 'tickets.escalate', target: t.id, details: { category: t.category, priority: t.priority, check } }, tx);
      return { ticket: updated, events: [eventOf('escalated', updated, { escalation: check })], result: true };
    });
    if (result) this.core.logger.warn({ ticket: ticketId, check }, 'case overdue: escalated');
    return result;
  }

  /** Removes the content of closed psychological and crisis cases older than the retention period. */
  async purgeExpired(now: Date, actor: string): Promise<{ purged: number }> {
    const before = new Date(now.getTime() - this.core.config.retentionDays * 86_400_000);
    let purged = 0;
    for (const candidate of await this.core.store.tickets.purgeable(before)) {
      const { result } = await this.core.change(candidate.id, async (tx, t) => {
        if (t.status !== 'closed' || t.purgedAt || !t.closedAt || t.closedAt >= before) return { ticket: t, events: [], result: 0 };
        const removed = await this.core.store.tickets.removeEntries(tx, t.id);
        const updated = await this.core.update(tx, t, { purgedAt: now });
        await this.core.store.audit.record({ actor, action: 'tickets.purge', target: t.id, details: { category: t.category, entries: removed, retentionDays: this.core.config.retentionDays } }, tx);
        return { ticket: updated, events: [eventOf('erased', updated)], result: 1 };
      });
      purged += result;
    }
    // The conversation's own copy of sensitive lines follows the same retention rule.
    const lines = await this.core.store.transcripts.purgeSensitive(before);
    if (purged > 0 || lines > 0) this.core.logger.info({ purged, lines }, 'retention: removed transcripts of closed sensitive cases');
    return { purged };
  }

  /**
   * Erases a member's closed cases: content removed and the case unlinked from the member; the
   * content-free record (category, times, rating) stays for statistics. The caller has checked
   * that `actor` (an audit label) may do this: the member themself or an admin.
   */
  async eraseFor(actor: string, subject: { memberId?: string; identityId?: string }): Promise<{ erased: number }> {
    if (!subject.memberId && !subject.identityId) throw new AppError('invalid_input', 'name the member whose cases to erase');
    const all = await this.core.store.tickets.list({ status: ['closed'], memberId: subject.memberId, identityId: subject.identityId });
    let erased = 0;
    for (const candidate of all) {
      const { result } = await this.core.change(candidate.id, async (tx, t) => {
        if (t.status !== 'closed') return { ticket: t, events: [], result: 0 };
        const removed = await this.core.store.tickets.removeEntries(tx, t.id);
        // The conversation the case came from holds the same words: erase them too.
        if (t.sessionId) await this.core.store.transcripts.eraseSession(tx, t.sessionId);
        const updated = await this.core.update(tx, t, { purgedAt: new Date(), memberId: null, identityId: null, memberLabel: '(erased)', sessionId: null, conversationKey: '' });
        await this.core.store.audit.record({ actor, action: 'tickets.erase', target: t.id, details: { category: t.category, entries: removed } }, tx);
        return { ticket: updated, events: [eventOf('erased', updated)], result: 1 };
      });
      erased += result;
    }
    return { erased };
  }
}
