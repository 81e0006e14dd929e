import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

/** Who is talking in a test activity. */
export interface TestUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

export const bot = { id: '28:union-assistant', name: 'Union Assistant' };
export const tenantId = 'tenant-1';

/** A Teams activity as the Bot Connector posts it to /api/messages. */
export function teamsActivity(serviceUrl: string, user: TestUser, conversation: { id: string; conversationType?: string }, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    recipient: bot,
    conversation: { conversationType: 'personal', tenantId, ...conversation },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
    ...extra,
  };
}

/** A message as the Bot Framework Emulator sends it: no Teams channel data, no tenant. */
export function emulatorMessage(serviceUrl: string, text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: 'emulator-user', name: 'User', role: 'user' },
    recipient: { id: 'emulator-bot', name: 'Bot', role: 'bot' },
    conversation: { id: 'emulator-conversation|livechat' },
    text,
    textFormat: 'plain',
    locale: 'en-US',
  };
}

/** POSTs an activity to the server's Bot Framework endpoint. */
export async function postActivity(serverUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${serverUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

export { shownText } from './shown-text.ts';

/** An Adaptive Card as posted. */
export type Card = { version: string; body: Record<string, unknown>[]; actions?: Record<string, unknown>[] };

export function cardOf(activity: Record<string, unknown>): Card {
  const [attachment] = activity.attachments as { contentType: string; content: Card }[];
  expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content;
}

/** Every Action.Execute in a card, wherever it sits. */
export function executeActions(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(executeActions);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'Action.Execute' ? [record] : [];
  return [...own, ...Object.entries(record).filter(([k]) => k !== 'fallback').flatMap(([, v]) => executeActions(v))];
}

/** What the client sends for a pressed button: the action's data merged with the card's inputs. */
export function pressed(card: Card, title: string): Record<string, unknown> {
  const button = executeActions(card).find((a) => a.title === title);
  expect(button, `a button titled ${title}`).toBeDefined();
  const inputs = Object.fromEntries(card.body.filter((e) => String(e.type).startsWith('Input.')).map((e) => [e.id as string, e.value ?? '']));
  return { ...(button!.data as Record<string, unknown>), ...inputs };
}
