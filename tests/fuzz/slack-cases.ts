import { sign, directMessage, mention, channelMessage, envelope, slashCommand, buttonPress, homeButtonPress, viewSubmission, SIGNING_SECRET } from '../slack/slack-requests.ts';
import { CANARY, clearRefusal, type Received, type Sent } from './harness.ts';
import { caseRng, hostileString, mutate, serialise, type Rng } from './mutate.ts';

/** Generators of the Slack fuzz cases (slack-edges.test.ts). */

export const STAFF = 'C0STAFF';

function slackRequest(body: string, contentType: string, headers: Record<string, string> = sign(body)): Sent {
  return { path: '/slack/events', headers: { 'content-type': contentType, ...headers }, body };
}

function formBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, typeof v === 'string' ? v : JSON.stringify(v));
    else if (value !== undefined) params.append(key, typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  }
  return params.toString();
}

/** Headers that Slack's signature check must refuse. */
function badSignature(body: string, rng: Rng): { headers: Record<string, string>; why: string } {
  const now = Math.floor(Date.now() / 1000);
  switch (rng.int(9)) {
    case 0:
      return { headers: {}, why: 'no signature' };
    case 1:
      return { headers: { 'x-slack-signature': sign(body)['x-slack-signature']! }, why: 'no timestamp' };
    case 2:
      return { headers: sign(body, SIGNING_SECRET, now - 6 * 60), why: 'stale' };
    case 3:
      return { headers: sign(body, SIGNING_SECRET, now + 6 * 60), why: 'future' };
    case 4:
      return { headers: sign(body, 'not-the-secret'), why: 'wrong secret' };
    case 5:
      return { headers: sign(`${body} `), why: 'signature of another body' };
    case 6:
      return { headers: { ...sign(body), 'x-slack-request-timestamp': `${now}.5` }, why: 'non-integer timestamp' };
    case 7:
      return { headers: { ...sign(body), 'x-slack-signature': sign(body)['x-slack-signature']!.toUpperCase() }, why: 'upper-case signature' };
    default:
      return { headers: { 'x-slack-signature': hostileString(rng).slice(0, 4000).replace(/[^\x20-\x7e]/g, '?'), 'x-slack-request-timestamp': String(now) }, why: 'garbage signature' };
  }
}

export type Kind = 'events' | 'commands' | 'interactions';

/** A valid request of an edge, with unique ids per case (so every conversation is its own). */
function validPayload(kind: Kind, index: number, rng: Rng): { json?: Record<string, unknown>; form?: Record<string, unknown> } {
  const user = `UF${index}`;
  const text = rng.chance(0.3) ? `${CANARY} ${hostileString(rng).slice(0, 2000)}` : rng.pick(['help', '帮助', '投票', 'surveys', '年假有几天？', `${CANARY} how many days of annual leave?`, '转人工']);
  if (kind === 'events') {
    switch (rng.int(6)) {
      case 0:
      case 1:
        return { json: directMessage(user, text, `EvF${index}`) };
      case 2:
        return { json: mention(user, `CF${index}`, text) };
      case 3:
        return { json: channelMessage(user, STAFF, text, `1700000000.${String(index).padStart(6, '0')}`) };
      case 4:
        return { json: envelope({ type: 'app_home_opened', user, tab: 'home', channel: `DF${index}` }, `EvF${index}`) };
      default:
        return { json: { token: 'x', challenge: hostileString(rng).slice(0, 100), type: 'url_verification' } };
    }
  }
  if (kind === 'commands') return { form: slashCommand(user, rng.chance(0.5) ? `DF${index}` : `CF${index}`, text) };
  const value = rng.pick(['{"a":"help.menu"}', '{"a":"survey.list"}', '{"a":"vote.list"}', '{"a":"event.list"}', '{"a":"handoff.offer"}', '{"a":"faq.rate","f":"00000000-0000-0000-0000-000000000000","v":1}', '{"a":"slack.case","c":"x","v":"claim"}', hostileString(rng).slice(0, 2000)]);
  switch (rng.int(4)) {
    case 0:
      return { form: JSON.parse(JSON.stringify(buttonPress(user, { channel: `DF${index}`, ts: '1700000000.000100' }, { action_id: 'a0', value }))) as Record<string, unknown> };
    case 1:
      return { form: homeButtonPress(user, { action_id: 'a0', value }) };
    case 2:
      return { form: buttonPress(user, { channel: STAFF, ts: '1700000000.000200', threadTs: '1700000000.000200' }, { action_id: 'a0', value }) };
    default:
      return {
        form: viewSubmission(user, { callback_id: 'ua-modal', private_metadata: rng.pick([JSON.stringify({ kind: 'form', t: '00000000-0000-0000-0000-000000000000', c: `DF${index}` }), hostileString(rng).slice(0, 3000)]) }, { b0: { c: { type: 'plain_text_input', value: text } } }),
      };
  }
}

/** The form's `payload` field as an object (interactions), to mutate it like JSON. */
function payloadObject(form: Record<string, unknown>): Record<string, unknown> | undefined {
  return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Breaks a field Slack always sends, so that the adapter must drop the request. */
function breakRequired(kind: Kind, payload: Record<string, unknown>, rng: Rng): string {
  const broken = () => rng.pick<unknown>([42, '', null, [], {}, 'x'.repeat(101), true, ['a'], { id: 'x' }]);
  if (kind === 'events') {
    const event = isRecord(payload.event) ? payload.event : undefined;
    // The App Home tab needs only the team and the user (it is republished whole, so no event id).
    const home = event?.type === 'app_home_opened';
    const which = rng.pick(event ? (home ? ['team_id', 'event.user', 'event'] : ['team_id', 'event_id', 'event.ts', 'event.channel', 'event.user', 'event']) : ['type']);
    if (home && which === 'team_id') {
      payload.team_id = rng.pick([42, null, [], {}, true]);
      return 'broke team_id';
    }
    if (which === 'event') payload.event = broken();
    else if (which === 'type') payload.type = 'url_verificatio';
    else if (which.startsWith('event.')) event![which.slice(6)] = which === 'event.ts' ? rng.pick(['1700000000', '17e8.1', '', 1700000000.1, 'now']) : broken();
    else payload[which] = which === 'event_id' ? rng.pick([42, '', null, 'x'.repeat(101)]) : broken();
    return `broke ${which}`;
  }
  if (kind === 'commands') {
    const which = rng.pick(['user_id', 'team_id', 'channel_id']);
    payload[which] = rng.pick(['', 'x'.repeat(41)]);
    return `broke ${which}`;
  }
  const inner = payload;
  const which = rng.pick(['user', 'user.id', 'type']);
  if (which === 'user') inner.user = rng.pick<unknown>([42, '', null, [], {}, 'UF1', true, ['a'], { name: 'x' }]);
  else if (which === 'user.id') inner.user = { ...(isRecord(inner.user) ? inner.user : {}), id: rng.pick(['', 42, null, 'x'.repeat(41)]) };
  else inner.type = rng.pick(['block_action', 'view_submision', 42]);
  return `broke ${which}`;
}

/** One case: a request, and what kind of case it is. */
export function makeCase(kind: Kind, index: number, share: 'signature' | 'reject' | 'free'): { sent: Sent; did: string[] } {
  const rng = caseRng(`slack-${kind}`, index);
  const valid = validPayload(kind, index, rng);
  const did: string[] = [];
  let body: string;
  let contentType: string;
  if (valid.json) {
    const { value, did: done } = rng.chance(0.8) ? mutate(valid.json, rng) : { value: valid.json, did: ['valid'] };
    did.push(...done);
    if (share === 'reject' && value && typeof value === 'object' && !Array.isArray(value)) did.push(breakRequired(kind, value as Record<string, unknown>, rng));
    const serialised = serialise(value, rng);
    if (serialised.did) did.push(serialised.did);
    body = serialised.body;
    contentType = 'application/json';
  } else {
    let form = { ...valid.form! };
    const inner = payloadObject(form);
    if (inner) {
      const { value, did: done } = rng.chance(0.85) ? mutate(inner, rng) : { value: inner, did: ['valid'] };
      did.push(...done);
      if (share === 'reject' && value && typeof value === 'object' && !Array.isArray(value)) did.push(breakRequired(kind, value as Record<string, unknown>, rng));
      const serialised = serialise(value, rng);
      if (serialised.did) did.push(serialised.did);
      form.payload = serialised.body;
    } else {
      const { value, did: done } = rng.chance(0.85) ? mutate(form, rng) : { value: form, did: ['valid'] };
      did.push(...done);
      form = value as Record<string, unknown>;
      if (share === 'reject') did.push(breakRequired(kind, form, rng));
    }
    body = formBody(form);
    contentType = rng.chance(0.95) ? 'application/x-www-form-urlencoded' : rng.pick(['application/json', 'text/plain', '']);
    if (!contentType.startsWith('application/x-www')) did.push(`content-type ${contentType}`);
  }
  if (share === 'signature') {
    const bad = badSignature(body, rng);
    did.push(bad.why);
    return { sent: slackRequest(body, contentType, bad.headers), did };
  }
  return { sent: slackRequest(body, contentType), did };
}

/** Slack acknowledges with 200 (a body for url_verification or an ephemeral reply); a body that is no payload is a 400; too large a 413. */
export function checkAnswer(res: Received, sent: Sent): string | undefined {
  if (res.reset) return Buffer.byteLength(sent.body as string) > 1_000_000 ? undefined : 'connection reset';
  if (res.status === 200) return undefined;
  if (res.status === 400 || res.status === 413) return clearRefusal(res);
  return `status ${res.status}: ${res.text.slice(0, 200)}`;
}

