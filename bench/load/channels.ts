import { randomUUID } from 'node:crypto';
import { buttonPress, directMessage, sign, TEAM } from '../../tests/slack/slack-requests.ts';
import { allText, Conversation, teamsButtons, type Button, type Edge, type Output } from './edge.ts';
import { http, TransportError } from './http.ts';

export type ChannelName = 'slack' | 'teams' | 'web';
export const CHANNELS: ChannelName[] = ['slack', 'teams', 'web'];

/** What one request did: its HTTP status, a transport error, and outputs that are not messages (a Teams invoke's answer). */
export interface Sent {
  status: number;
  error?: string;
  /** More about a transport error (how long a reused socket had been idle). */
  detail?: string;
  /** Shown to the member but not an outbound message: the card a Teams invoke response redraws. */
  aside?: Output;
}

/** One simulated member in one channel: sends text, presses buttons; replies land in `conversation`. */
export interface Driver {
  channel: ChannelName;
  conversation: Conversation;
  send(text: string): Promise<Sent>;
  press(button: Button): Promise<Sent>;
  /** Messages queued for the member outside any turn (web: the outbox the page polls). */
  strays(): Promise<number>;
}

/** The identities one roster member has in each channel (linked before the run). */
export interface Persona {
  index: number;
  employeeNumber: string;
  name: string;
  locale: 'zh-CN' | 'en';
  slackUser: string;
  teamsUser: { id: string; aadObjectId: string; name: string };
  teamsConversation: string;
  webChatId: string;
}

export const TEAMS_TENANT = 'tenant-bench';
export const TEAMS_BOT = { id: '28:union-assistant', name: 'Union Assistant' };

export function persona(index: number): Persona {
  const n = String(index).padStart(6, '0');
  return {
    index,
    employeeNumber: `LB${n}`,
    name: `会员${n}`,
    locale: Math.floor(index / 3) % 2 === 0 ? 'zh-CN' : 'en',
    slackUser: `UL${n}`,
    teamsUser: { id: `29:member-${n}`, aadObjectId: `aad-${n}`, name: `会员${n}` },
    teamsConversation: `a:bench-${n}`,
    webChatId: `benchchat${n}abcdefgh`,
  };
}

function failed(error: unknown): { status: 0; error: string; detail?: string } {
  return { status: 0, error: error instanceof Error ? error.message : String(error), ...(error instanceof TransportError ? { detail: error.detail } : {}) };
}

/** Slack retries the generator sent (its Events API redelivery; off during calibration), and those the server did not answer 200. */
export const slackRetries = { enabled: false, messages: 0, sent: 0, failed: 0 };

class SlackDriver implements Driver {
  readonly channel = 'slack' as const;
  readonly conversation: Conversation;
  readonly #dm: string;
  constructor(
    private readonly url: string,
    private readonly who: Persona,
    edge: Edge,
  ) {
    this.#dm = `D${who.slackUser.replace(/^U/, '')}`;
    this.conversation = edge.conversation(`slack:${this.#dm}`);
  }

  async #post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<Sent> {
    try {
      const res = await http(`${this.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(body), ...headers }, body });
      return { status: res.status };
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * Every 10th Slack message event (of all members) is delivered twice, the second time as Slack's retry (same event
   * id, X-Slack-Retry-Num: 1) while the first may still be in work: the server must answer once.
   */
  async send(text: string): Promise<Sent> {
    const body = JSON.stringify(directMessage(this.who.slackUser, text));
    const first = await this.#post(body, 'application/json');
    if (!slackRetries.enabled || first.error || first.status !== 200 || ++slackRetries.messages % 10 !== 0) return first;
    slackRetries.sent++;
    const retry = await this.#post(body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    if (retry.error || retry.status !== 200) slackRetries.failed++;
    return first;
  }

  press(button: Button): Promise<Sent> {
    const h = button.handle as { channel: string; ts: string; blocks: unknown[]; element: { action_id: string; block_id?: string; value: string } };
    const form = buttonPress(this.who.slackUser, { channel: h.channel, ts: h.ts, blocks: h.blocks }, h.element);
    return this.#post(new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded');
  }

  async strays(): Promise<number> {
    return 0;
  }
}

class TeamsDriver implements Driver {
  readonly channel = 'teams' as const;
  readonly conversation: Conversation;
  constructor(
    private readonly url: string,
    private readonly serviceUrl: string,
    private readonly who: Persona,
    edge: Edge,
  ) {
    this.conversation = edge.conversation(`teams:${who.teamsConversation}`);
  }

  #activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: this.who.teamsUser,
      recipient: TEAMS_BOT,
      conversation: { id: this.who.teamsConversation, conversationType: 'personal', tenantId: TEAMS_TENANT },
      channelData: { tenant: { id: TEAMS_TENANT } },
      locale: this.who.locale === 'en' ? 'en-US' : 'zh-CN',
      ...extra,
    };
  }

  async #post(activity: Record<string, unknown>): Promise<Sent & { text?: string }> {
    try {
      const res = await http(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, text: res.text };
    } catch (error) {
      return failed(error);
    }
  }

  async send(text: string): Promise<Sent> {
    const { text: _answer, ...sent } = await this.#post(this.#activity({ type: 'message', text, textFormat: 'plain' }));
    return sent;
  }

  async press(button: Button): Promise<Sent> {
    const h = button.handle as { verb?: string; data: Record<string, unknown>; replyToId?: string };
    const { text, ...sent } = await this.#post(
      this.#activity({ type: 'invoke', name: 'adaptiveCard/action', ...(h.replyToId ? { replyToId: h.replyToId } : {}), value: { action: { type: 'Action.Execute', verb: h.verb, data: h.data } } }),
    );
    let aside: Output | undefined;
    if (text) {
      try {
        const body = JSON.parse(text) as { type?: string; value?: unknown };
        const card = body.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined;
        aside = { at: performance.now(), kind: 'invoke-response', text: allText(body.value).join('\n'), buttons: card ? teamsButtons(card, h.replyToId) : [] };
      } catch {
        // not JSON: nothing shown
      }
    }
    return { ...sent, ...(aside ? { aside } : {}) };
  }

  async strays(): Promise<number> {
    return 0;
  }
}

/** Buttons of a channel-neutral reply: every {label, value} pair (choices, card actions, answer actions). */
function webButtons(node: unknown, out: Button[] = []): Button[] {
  if (Array.isArray(node)) for (const item of node) webButtons(item, out);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.label === 'string' && typeof record.value === 'string' && record.value.startsWith('{')) out.push({ label: record.label, handle: record.value });
    for (const value of Object.values(record)) webButtons(value, out);
  }
  return out;
}

class WebDriver implements Driver {
  readonly channel = 'web' as const;
  readonly conversation = new Conversation();
  readonly #cookie: string;
  constructor(
    private readonly url: string,
    private readonly who: Persona,
  ) {
    this.#cookie = `ua_chat=${who.webChatId}`;
  }

  async #post(input: Record<string, unknown>): Promise<Sent> {
    try {
      const res = await http(`${this.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: this.#cookie, 'accept-language': this.who.locale === 'en' ? 'en-US,en' : 'zh-CN,zh' },
        body: JSON.stringify({ input }),
      });
      if (res.status === 200) {
        const at = performance.now();
        const body = JSON.parse(res.text) as { replies?: unknown[] };
        for (const reply of body.replies ?? []) this.conversation.add({ at, kind: 'reply', text: allText(reply).join('\n'), buttons: webButtons(reply) });
      }
      return { status: res.status };
    } catch (error) {
      return failed(error);
    }
  }

  send(text: string): Promise<Sent> {
    return this.#post({ type: 'message', text });
  }

  press(button: Button): Promise<Sent> {
    return this.#post({ type: 'action', value: button.handle as string });
  }

  async strays(): Promise<number> {
    const res = await http(`${this.url}/api/chat/updates`, { headers: { cookie: this.#cookie } });
    return ((JSON.parse(res.text) as { replies?: unknown[] }).replies ?? []).length;
  }
}

export function driver(channel: ChannelName, who: Persona, url: string, edge: Edge): Driver {
  if (channel === 'slack') return new SlackDriver(url, who, edge);
  if (channel === 'teams') return new TeamsDriver(url, edge.teams.url, who, edge);
  return new WebDriver(url, who);
}

/** The identity each channel reports for a persona, to link to the roster before the run. */
export function identityOf(channel: ChannelName, who: Persona): { channel: ChannelName; tenant: string; externalId: string; displayName: string } {
  if (channel === 'slack') return { channel, tenant: TEAM, externalId: who.slackUser, displayName: who.name };
  if (channel === 'teams') return { channel, tenant: TEAMS_TENANT, externalId: who.teamsUser.aadObjectId, displayName: who.name };
  return { channel, tenant: '', externalId: `anon:${who.webChatId}`, displayName: who.name };
}
