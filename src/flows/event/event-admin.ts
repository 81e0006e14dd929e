import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { action, type ActionPayload, type TurnContext } from '../../core/flow.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { fill } from '../../democracy/bilingual.ts';
import { isAdmin, notice, shared, statusLabel, type DemocracyTurn } from '../../democracy/chat.ts';
import type { EventService } from '../../democracy/event-service.ts';
import { formatDateTime } from '../../democracy/format.ts';
import { eventFlowText } from './event-texts.ts';

/** "events admin" / "活动管理". */
export const eventAdminIntent = /^(events? admin|manage events|活动管理)$/i;

export function eventAdminButton(ctx: TurnContext): ReplyInput[] {
  return isAdmin(ctx) ? [{ type: 'choices', id: 'event.admin', prompt: eventFlowText.adminTitle[ctx.locale], choices: [{ label: shared.manage[ctx.locale], value: action('event.admin') }] }] : [];
}

export async function eventAdminList(ctx: TurnContext, events: EventService): Promise<DemocracyTurn> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  const list = (await events.list({ endsAfter: new Date(ctx.now.getTime() - 30 * 86_400_000) })).slice(0, 20);
  if (list.length === 0) return { replies: [{ type: 'text', text: shared.nothingToManage[locale] }] };
  const cards: ReplyInput[] = list.map((event) => ({
    type: 'card',
    title: event.title[locale],
    subtitle: event.id,
    fields: [
      { label: shared.status[locale], value: statusLabel(event.status, locale) },
      { label: locale === 'en' ? 'When' : '时间', value: formatDateTime(event.startsAt, locale, event.timeZone) },
      { label: eventFlowText.attendees[locale], value: `${event.confirmed} / ${event.capacity} (+${event.waitlisted})` },
    ],
    actions: [
      ...(event.status === 'draft' || event.status === 'closed' ? [{ label: shared.open[locale], value: action('event.admin-open', { ev: event.id }), style: 'primary' as const }] : []),
      ...(event.status === 'open' ? [{ label: shared.close[locale], value: action('event.admin-close', { ev: event.id }), style: 'danger' as const }] : []),
      { label: shared.results[locale], value: action('event.admin-results', { ev: event.id }) },
    ],
  }));
  return { replies: [{ type: 'text', text: eventFlowText.adminTitle[locale] }, ...cards] };
}

const Target = z.object({ ev: z.string().min(1).max(100) });

/** Open, close and the attendee summary, for admins (checked again: a button value can be forged). */
export async function handleEventAdmin(ctx: TurnContext, events: EventService, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
  const { locale } = ctx;
  if (!isAdmin(ctx)) return { replies: [notice('warning', shared.notAdmin[locale])] };
  if (payload.a === 'event.admin') return eventAdminList(ctx, events);
  const target = Target.safeParse(payload);
  if (!target.success) return undefined;
  const actor = ctx.member!.id;
  try {
    switch (payload.a) {
      case 'event.admin-open': {
        const event = await events.open(target.data.ev, actor, ctx.now);
        return { replies: [notice('success', fill(shared.opened, locale, { title: event.title[locale] }))] };
      }
      case 'event.admin-close': {
        const event = await events.close(target.data.ev, actor);
        return { replies: [notice('success', fill(shared.closed, locale, { title: event.title[locale] }))] };
      }
      case 'event.admin-results': {
        const { event, attendees } = await events.attendees(target.data.ev);
        const checkedIn = attendees.filter((a) => a.registration.checkedInAt).length;
        const summary = fill(eventFlowText.attendeesValue, locale, { confirmed: event.confirmed, capacity: event.capacity, waitlisted: event.waitlisted, checkedIn });
        return { replies: [{ type: 'text', text: `${event.title[locale]}\n${summary}` }] };
      }
      default:
        return undefined;
    }
  } catch (error) {
    if (isAppError(error)) return { replies: [notice('warning', error.message)] };
    throw error;
  }
}
