import { createHmac, randomUUID } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0TEAM';

/** Signs a body the way Slack does: v0 HMAC-SHA256 of "v0:<ts>:<body>". */
export function sign(body: string, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** Posts a payload to /slack/events, signed (or deliberately mis-signed), JSON or form-encoded. */
export async function postToSlack(
  baseUrl: string,
  payload: { json?: unknown; form?: Record<string, string> },
  options: { secret?: string; timestamp?: number; retryNum?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const body = payload.json !== undefined ? JSON.stringify(payload.json) : new URLSearchParams(payload.form).toString();
  const contentType = payload.json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded';
  const headers: Record<string, string> = {
    'content-type': contentType,
    ...sign(body, options.secret, options.timestamp),
    ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    ...options.headers,
  };
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
}

let counter = 0;
const nextTs = () => `${1_700_000_000 + ++counter}.00${String(counter).padStart(4, '0')}`;

/** An Events API envelope around an event, as Slack sends it. */
export function envelope(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8).toUpperCase()}`): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: TEAM,
    api_app_id: 'A0APP',
    event: { event_ts: event.ts ?? nextTs(), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A member's direct message to the app (message.im). */
export function directMessage(user: string, text: string, eventId?: string): Record<string, unknown> {
  return envelope({ type: 'message', channel: `D${user.replace(/^U/, '')}`, channel_type: 'im', user, text, ts: nextTs(), team: TEAM }, eventId);
}

/** A mention of the app in a channel (app_mention). */
export function mention(user: string, channel: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return envelope({ type: 'app_mention', channel, user, text: `<@UBOT> ${text}`, ts: nextTs(), team: TEAM, ...extra });
}

/** A message in a channel the app is in (message.channels), e.g. in a case thread. */
export function channelMessage(user: string, channel: string, text: string, threadTs?: string): Record<string, unknown> {
  return envelope({ type: 'message', channel, channel_type: 'channel', user, text, ts: nextTs(), team: TEAM, ...(threadTs ? { thread_ts: threadTs } : {}) });
}

/** A button press (block_actions) on a message the app posted. */
export function buttonPress(
  user: string,
  message: { channel: string; ts: string; blocks?: unknown[]; threadTs?: string },
  element: { action_id: string; block_id?: string; value: string },
): Record<string, string> {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
    trigger_id: `${Date.now()}.${++counter}.${randomUUID().slice(0, 8)}`,
    team: { id: TEAM, domain: 'fake' },
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, blocks: message.blocks ?? [], ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
    response_url: 'https://hooks.slack.invalid/actions/unused',
    actions: [{ type: 'button', action_id: element.action_id, block_id: element.block_id ?? 'b', value: element.value, action_ts: `${Date.now() / 1000}` }],
  };
  return { payload: JSON.stringify(payload) };
}

/** A button press on the App Home tab (the container is the view, there is no channel). */
export function homeButtonPress(user: string, element: { action_id: string; block_id?: string; value: string }): Record<string, string> {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'verification-token-unused',
    container: { type: 'view', view_id: 'VHOME' },
    trigger_id: `${Date.now()}.${++counter}.${randomUUID().slice(0, 8)}`,
    team: { id: TEAM, domain: 'fake' },
    view: { id: 'VHOME', type: 'home', blocks: [] },
    actions: [{ type: 'button', action_id: element.action_id, block_id: element.block_id ?? 'b', value: element.value, action_ts: `${Date.now() / 1000}` }],
  };
  return { payload: JSON.stringify(payload) };
}

/** A modal submission (view_submission) with the state Slack reports. */
export function viewSubmission(user: string, view: { id?: string; callback_id: string; private_metadata: string }, values: Record<string, Record<string, unknown>>): Record<string, string> {
  const payload = {
    type: 'view_submission',
    team: { id: TEAM, domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    trigger_id: `${Date.now()}.${++counter}.${randomUUID().slice(0, 8)}`,
    view: { id: view.id ?? `V${++counter}`, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values }, hash: 'h' },
    response_urls: [],
  };
  return { payload: JSON.stringify(payload) };
}

/** A slash command, form-encoded as Slack sends it. */
export function slashCommand(user: string, channel: string, text: string): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: TEAM,
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/union',
    text,
    api_app_id: 'A0APP',
    response_url: 'https://hooks.slack.invalid/commands/unused',
    trigger_id: `${Date.now()}.${++counter}.${randomUUID().slice(0, 8)}`,
  };
}

/** Finds the button whose label contains `label` in blocks Slack received. */
export function findButton(blocks: unknown, label: string | RegExp): { action_id: string; block_id?: string; value: string } | undefined {
  for (const block of (blocks as { type: string; block_id?: string; elements?: { type: string; action_id: string; value: string; text?: { text: string } }[] }[]) ?? []) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) {
      const text = element.text?.text ?? '';
      if (typeof label === 'string' ? text.includes(label) : label.test(text)) return { action_id: element.action_id, block_id: block.block_id, value: element.value };
    }
  }
  return undefined;
}

/** All text in blocks (sections, contexts, headers, fields), for assertions. */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      for (const [key, value] of Object.entries(record)) if (key !== 'text' || typeof value !== 'string') visit(value);
    }
  };
  visit(blocks);
  return out.join('\n');
}
