import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import type { ActionPayload, Flow, TurnContext } from '../../core/flow.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { eligibility } from '../../democracy/audience.ts';
import { fill } from '../../democracy/bilingual.ts';
import { notice, refuse, rememberContact, type DemocracyTurn } from '../../democracy/chat.ts';
import { eventCard, invitation } from '../../democracy/event-replies.ts';
import type { EventService } from '../../democracy/event-service.ts';
import type { Store } from '../../store/index.ts';
import { eventAdminButton, eventAdminIntent, eventAdminList, handleEventAdmin } from './event-admin.ts';
import { eventFlowText } from './event-texts.ts';

const Target = z.object({ ev: z.string().min(1).max(100) });
const INTENT = /^(events?|活动|活动报名|报名活动|报名)$/i;

/** The event flow: list, sign up (or join the waitlist), cancel, calendar invitation. */
export function createEventFlow(deps: { store: Store; events: EventService }): Flow {
  const { store, events } = deps;

  async function list(ctx: TurnContext): Promise<DemocracyTurn> {
    const who = eligibility(ctx.member, { all: true });
    if (who !== 'ok') return refuse(who, ctx.locale);
    const upcoming = await events.availableTo(ctx.member, ctx.now);
    const admin = eventAdminButton(ctx);
    if (upcoming.length === 0) return { replies: [{ type: 'text', text: eventFlowText.none[ctx.locale] }, ...admin] };
    return { replies: [{ type: 'text', text: eventFlowText.listTitle[ctx.locale] }, ...upcoming.map(({ event, registration }) => eventCard(event, ctx.locale, registration)), ...admin] };
  }

  async function signUp(ctx: TurnContext, eventId: string): Promise<DemocracyTurn> {
    const event = await store.events.get(eventId);
    if (!event) return refuse('ended', ctx.locale);
    const check = events.check(ctx.member, event, ctx.now);
    const existing = ctx.member ? await store.events.registrations.get(event.id, ctx.member.id) : undefined;
    if (existing && existing.status !== 'cancelled') return { replies: [notice('info', eventFlowText.alreadyIn[ctx.locale]), eventCard(event, ctx.locale, existing)] };
    if (check === 'deadline') return { replies: [notice('warning', eventFlowText.deadline[ctx.locale])] };
    if (check !== 'ok') return refuse(check, ctx.locale);
    const member = ctx.member!;
    return {
      replies: [],
      // Capacity is decided inside the transaction, under the event's row lock.
      commit: async (tx) => {
        let outcome;
        try {
          outcome = await events.signUpInTx(tx, { member, eventId: event.id, contact: { channel: ctx.event.channel, conversationKey: ctx.event.conversationKey }, now: ctx.now });
        } catch (error) {
          if (isAppError(error, 'closed') || isAppError(error, 'conflict')) throw new AppError('concurrent_update', 'the event changed during the sign-up');
          throw error;
        }
        await rememberContact(store, ctx, tx);
        const fresh = (await store.events.get(event.id, tx)) ?? event;
        const { registration } = outcome;
        const replies: ReplyInput[] =
          registration.status === 'confirmed'
            ? [notice('success', fill(eventFlowText.signedUp, ctx.locale, { code: registration.checkInCode })), eventCard(fresh, ctx.locale, registration), invitation(fresh, registration, member, ctx.locale, ctx.now)]
            : [notice('info', fill(eventFlowText.waitlisted, ctx.locale, { n: registration.position ?? '?' })), eventCard(fresh, ctx.locale, registration)];
        return replies;
      },
    };
  }

  async function cancel(ctx: TurnContext, eventId: string): Promise<DemocracyTurn> {
    const event = await store.events.get(eventId);
    if (!event) return refuse('ended', ctx.locale);
    if (!ctx.member) return refuse('unlinked', ctx.locale);
    const member = ctx.member;
    const existing = await store.events.registrations.get(event.id, member.id);
    if (!existing || existing.status === 'cancelled') return { replies: [notice('info', eventFlowText.notSignedUp[ctx.locale])] };
    return {
      replies: [],
      commitWithModels: async (tx) => {
        const result = await events.cancelInTx(tx, { member, eventId: event.id, now: ctx.now });
        if (!result) throw new AppError('concurrent_update', 'the sign-up changed during the cancellation');
        await rememberContact(store, ctx, tx);
        const fresh = (await store.events.get(event.id, tx)) ?? event;
        return [notice('success', eventFlowText.cancelled[ctx.locale]), eventCard(fresh, ctx.locale, undefined, { buttons: fresh.status === 'open' })];
      },
      after: async () => events.poke(),
    };
  }

  return {
    name: 'event',
    async onIntent(ctx, text) {
      const trimmed = text.trim();
      if (eventAdminIntent.test(trimmed)) return eventAdminList(ctx, events);
      return INTENT.test(trimmed) ? list(ctx) : undefined;
    },
    async onAction(ctx, payload: ActionPayload): Promise<DemocracyTurn | undefined> {
      const verb = payload.a.slice('event.'.length);
      if (verb.startsWith('admin')) return handleEventAdmin(ctx, events, payload);
      if (verb === 'list') return list(ctx);
      const target = Target.safeParse(payload);
      if (!target.success) return undefined;
      if (verb === 'signup') return signUp(ctx, target.data.ev);
      if (verb === 'cancel') return cancel(ctx, target.data.ev);
      if (verb === 'ics') {
        if (!ctx.member) return refuse('unlinked', ctx.locale);
        const file = await events.invitationFor(target.data.ev, ctx.member, ctx.locale, ctx.now).catch(() => undefined);
        return { replies: file ? [file] : [notice('info', eventFlowText.noInvitation[ctx.locale])] };
      }
      return undefined;
    },
  };
}
