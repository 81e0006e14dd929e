import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { action, parseAction } from '../../core/flow.ts';
import { LIMITS } from './limits.ts';
import type { SlackRecords, StashItem } from '../../store/slack-records.ts';

/**
 * Values the adapter itself acts on carry `"a": "slack.<verb>"`; no flow is named "slack", so
 * the conversation core never sees them.
 */
export const INTERNAL_PREFIX = 'slack.';

const TokenPayload = z.object({ a: z.string(), t: z.string().uuid() });

/**
 * Collects what a rendering needs kept server-side (long button values, forms, multi-choice
 * questions), handing out tokens synchronously so the renderer stays pure; `save` writes them
 * before the message that carries the tokens is posted.
 */
export class ValueStash {
  /** Everything kept by this rendering, saved or not. */
  readonly items: StashItem[] = [];
  #saved = 0;

  /** A button value Slack can carry: the value itself, or a token when it is too long. */
  buttonValue(value: string): string {
    if (value.length <= LIMITS.buttonValue) return value;
    return action('slack.value', { t: this.keep('value', value) });
  }

  /** Keeps content and returns its token. */
  keep(kind: StashItem['kind'], content: string): string {
    const id = randomUUID();
    this.items.push({ id, kind, content });
    return id;
  }

  async save(records: SlackRecords): Promise<void> {
    const items = this.items.slice(this.#saved);
    await records.saveStash(items);
    this.#saved += items.length;
  }
}

/** The token of an internal value of the given verb, if the value is one. */
export function tokenOf(value: string, verb: string): string | undefined {
  const payload = parseAction(value);
  if (!payload || payload.a !== `${INTERNAL_PREFIX}${verb}`) return undefined;
  const parsed = TokenPayload.safeParse(payload);
  return parsed.success ? parsed.data.t : undefined;
}

/** Whether a button value is meant for the adapter rather than a flow. */
export function isInternal(value: string): boolean {
  return parseAction(value)?.a.startsWith(INTERNAL_PREFIX) ?? false;
}

/** Resolves a long value's token back to the value the flow wrote; other values pass through. */
export async function resolveValue(value: string, records: SlackRecords): Promise<string | undefined> {
  const token = tokenOf(value, 'value');
  if (!token) return value;
  const item = await records.loadStash(token);
  return item?.kind === 'value' ? item.content : undefined;
}
