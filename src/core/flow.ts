import { z } from 'zod';
import type { InboundEvent } from './inbound.ts';
import type { Locale } from './locale.ts';
import type { ReplyInput } from './reply.ts';
import type { IdentityView, Member } from '../store/members.ts';
import type { PrismaTransaction } from '../store/database.ts';
import type { SqlTx } from '../store/sql.ts';
import type { Session, SessionState } from '../store/sessions.ts';

/**
 * A button or choice payload: `a` names "<flow>.<verb>", the rest is the flow's own data.
 * Every value is validated again by the flow that receives it (a button value can be forged).
 */
export const ActionPayloadSchema = z.object({ a: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/) }).passthrough();
export type ActionPayload = z.infer<typeof ActionPayloadSchema>;

/** Builds an action value string for a reply's button. */
export function action(name: string, data: Record<string, string | number | boolean> = {}): string {
  return JSON.stringify({ a: name, ...data });
}

/** Parses a button value; undefined when it is not one of ours. */
export function parseAction(value: string): ActionPayload | undefined {
  try {
    const parsed = ActionPayloadSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Everything a flow may look at during one turn. */
export interface TurnContext {
  event: InboundEvent;
  locale: Locale;
  identity: IdentityView;
  member?: Member;
  session: Session;
  now: Date;
}

/**
 * What a flow decides in one turn. `state` replaces the session state (undefined keeps it);
 * `commit` runs inside the transaction that saves the session, so its writes land together with
 * the new state or not at all; `after` runs once the transaction has committed (notifications).
 *
 * `commit` may run raw statements only (`store.sql`, docs/DATABASE.md "Raw statements"): on SQLite
 * the turn's transaction is then the driver adapter's own, without the Prisma client
 * (`Store.sqlTransaction`), ~0.15–0.2 ms of CPU less per turn. Writes that need the model API
 * (a case opened or changed, a cancellation that promotes from the waitlist: rarer turns whose
 * repositories are not raw) go in `commitWithModels` instead, which runs in a Prisma transaction.
 * A result has at most one of the two.
 */
export type TurnResult = TurnResultBase & (
  | { commit?: (tx: SqlTx) => Promise<ReplyInput[] | void>; commitWithModels?: undefined }
  | { commitWithModels: (tx: PrismaTransaction) => Promise<ReplyInput[] | void>; commit?: undefined }
);

interface TurnResultBase {
  replies: ReplyInput[];
  state?: SessionState;
  after?: () => Promise<void>;
  /** The turn is part of a psychological or crisis conversation: the transcript is counsellor-only. */
  sensitive?: boolean;
  /**
   * `omit`: keep nothing of this turn in the conversation transcript (a secret ballot's choice,
   * an anonymous survey's answers): the transcript is linked to the member.
   */
  transcript?: 'omit';
}

/** A conversation flow. The router asks each in turn; the first to answer wins. */
export interface Flow {
  readonly name: string;
  /** Handles a message while this flow is the session's active flow. */
  continue?(ctx: TurnContext, text: string): Promise<TurnResult | undefined>;
  /** Handles a button whose action name starts with "<flow name>.". */
  onAction?(ctx: TurnContext, payload: ActionPayload): Promise<TurnResult | undefined>;
  /** Handles a submitted form whose id starts with "<flow name>.". */
  onForm?(ctx: TurnContext, formId: string, values: Record<string, string | string[]>): Promise<TurnResult | undefined>;
  /** Claims a message by command or keyword when no flow is active. */
  onIntent?(ctx: TurnContext, text: string): Promise<TurnResult | undefined>;
}
