import { FakeBotConnector, type ConnectorCall } from '../../tests/teams/fake-bot-connector.ts';
import { FakeSlackApi, type RecordedCall } from '../../tests/slack/fake-slack-api.ts';
import { shownText } from '../../tests/teams/shown-text.ts';

/** One outbound message as a member would see it, normalised across channels. */
export interface Output {
  /** performance.now() when the fake recorded it (or the HTTP response arrived). */
  at: number;
  /** postMessage, update, ephemeral, file (Slack); post, update (Teams); reply (web). */
  kind: string;
  /** All text the message shows (and its buttons' labels). */
  text: string;
  buttons: Button[];
}

/** A button in an outbound message, with what pressing it needs in its channel. */
export interface Button {
  label: string;
  /** Slack: the button element and its message; Teams: the Action.Execute and its card; web: the value. */
  handle: unknown;
}

/** Where outbound messages of one conversation are collected, and the member waiting for them. */
export class Conversation {
  readonly outputs: Output[] = [];
  #waiter: { until: (c: Conversation) => boolean; resolve: () => void } | undefined;

  add(output: Output): void {
    this.outputs.push(output);
    if (this.#waiter?.until(this)) {
      const { resolve } = this.#waiter;
      this.#waiter = undefined;
      resolve();
    }
  }

  /** Resolves true when `until` holds (checked at each new output), false after `timeoutMs`. */
  wait(until: (c: Conversation) => boolean, timeoutMs: number): Promise<boolean> {
    if (until(this)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(false);
      }, timeoutMs);
      this.#waiter = {
        until,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
    });
  }
}

/** Every string under a node, for what a message shows. */
export function allText(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const item of node) allText(item, out);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) allText(value, out);
  return out;
}

function slackButtons(call: RecordedCall): Button[] {
  const buttons: Button[] = [];
  const ts = (call.response?.ts as string | undefined) ?? (call.params.ts as string | undefined);
  for (const block of (call.params.blocks as { type: string; block_id?: string; elements?: { type: string; action_id: string; value: string; text?: { text: string } }[] }[] | undefined) ?? []) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) {
      if (element.type !== 'button') continue;
      buttons.push({ label: element.text?.text ?? '', handle: { channel: String(call.params.channel), ts, blocks: call.params.blocks, element: { action_id: element.action_id, block_id: block.block_id, value: element.value } } });
    }
  }
  return buttons;
}

/** Every Action.Execute of a card, with the card's input values (what a client sends on a press). */
export function teamsButtons(card: unknown, replyToId: string | undefined): Button[] {
  const inputs: Record<string, unknown> = {};
  const actions: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string') inputs[record.id] = record.value ?? '';
      if (record.type === 'Action.Execute') actions.push(record);
      for (const [key, value] of Object.entries(record)) if (key !== 'fallback' && key !== 'data') walk(value);
    }
  };
  walk(card);
  return actions.map((a) => ({ label: String(a.title ?? ''), handle: { verb: a.verb, data: { ...(a.data as Record<string, unknown>), ...inputs }, replyToId } }));
}

/**
 * The network edge: the fake Slack Web API and the fake Bot Connector from the test suite, on
 * loopback. Every call they record is routed, as it is recorded, to the member conversation it
 * belongs to (Slack: the channel; Teams: the conversation id), so a waiting member learns of its
 * reply without polling.
 */
export class Edge {
  readonly slack = new FakeSlackApi();
  readonly teams = new FakeBotConnector();
  readonly conversations = new Map<string, Conversation>();
  /** Outbound calls that belong to no member conversation (by kind), and typing indicators. */
  readonly unrouted = new Map<string, number>();
  /** performance.now() of the last outbound call routed to a member. */
  lastRouted = 0;
  /**
   * Fault injection to check the accounting itself (BENCH_LOAD_INJECT=duplicate|drop): every
   * 20th routed Slack/Teams message is handed to its member twice, or not at all.
   */
  inject: 'duplicate' | 'drop' | undefined;
  #routed = 0;

  async start(): Promise<this> {
    await this.slack.start();
    await this.teams.start();
    const slackPush = this.slack.calls.push.bind(this.slack.calls);
    this.slack.calls.push = (...calls: RecordedCall[]) => {
      for (const call of calls) this.#slack(call);
      return slackPush(...calls);
    };
    const teamsPush = this.teams.calls.push.bind(this.teams.calls);
    this.teams.calls.push = (...calls: ConnectorCall[]) => {
      for (const call of calls) this.#teams(call);
      return teamsPush(...calls);
    };
    return this;
  }

  async stop(): Promise<void> {
    await this.slack.stop();
    await this.teams.close();
  }

  conversation(key: string): Conversation {
    let c = this.conversations.get(key);
    if (!c) this.conversations.set(key, (c = new Conversation()));
    return c;
  }

  /** Drops what the fakes recorded (the generator's copies are in the conversations). */
  forget(): void {
    this.slack.calls.length = 0;
    this.teams.calls.length = 0;
  }

  #unrouted(kind: string): void {
    this.unrouted.set(kind, (this.unrouted.get(kind) ?? 0) + 1);
  }

  #slack(call: RecordedCall): void {
    const at = performance.now();
    const kinds: Record<string, string> = { 'chat.postMessage': 'postMessage', 'chat.update': 'update', 'chat.postEphemeral': 'ephemeral', 'files.completeUploadExternal': 'file' };
    const kind = kinds[call.method];
    const channel = (call.params.channel ?? call.params.channel_id) as string | undefined;
    if (!kind || call.status !== 200 || !channel || !this.conversations.has(`slack:${channel}`)) {
      // Web API plumbing (users.info, auth.test, upload URLs) is not a message.
      if (kind || call.method.startsWith('views.')) this.#unrouted(`slack ${call.method}`);
      return;
    }
    this.lastRouted = at;
    const text = [String(call.params.text ?? ''), ...allText(call.params.blocks)].join('\n');
    this.#route(this.conversation(`slack:${channel}`), { at, kind, text, buttons: slackButtons(call) });
  }

  #teams(call: ConnectorCall): void {
    const at = performance.now();
    const key = `teams:${call.conversationId ?? ''}`;
    if (!call.conversationId || !this.conversations.has(key) || (call.method !== 'POST' && call.method !== 'PUT') || !call.body) {
      if (call.method !== 'GET') this.#unrouted(`teams ${call.method} ${call.body?.type ?? ''}`.trim());
      return;
    }
    if (call.body.type === 'typing') {
      this.#unrouted('teams typing');
      return;
    }
    this.lastRouted = at;
    const replyToId = call.method === 'PUT' ? call.activityId : call.responseId;
    this.#route(this.conversation(key), { at, kind: call.method === 'PUT' ? 'update' : 'post', text: shownText(call.body), buttons: teamsButtons(call.body.attachments, replyToId) });
  }

  #route(conversation: Conversation, output: Output): void {
    const faulty = this.inject && ++this.#routed % 20 === 0;
    if (faulty && this.inject === 'drop') return;
    conversation.add(output);
    if (faulty && this.inject === 'duplicate') conversation.add({ ...output });
  }
}
