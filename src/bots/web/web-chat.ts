import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { PlatformIdentity } from '../../core/inbound.ts';
import { InboundInputSchema } from '../../core/inbound.ts';
import { normaliseLocale } from '../../core/locale.ts';
import { hasRole } from '../../store/members.ts';
import { readJson, sendJson, type HttpServer } from '../../server/http.ts';
import { cookie, readCookie, sendHtml } from './http-kit.ts';
import { checkCsrf, viewerOf, type Viewer } from './viewer.ts';
import { page, type WebContext } from './web-context.ts';
import { webChatPage } from './web-chat-page.ts';

/** The anonymous chat identity's cookie: a random id, so a browser keeps its conversation. */
const CHAT_COOKIE = 'ua_chat';
const CHAT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The web chat's request: one input, as the conversation core defines it. */
const ChatRequestSchema = z.object({ input: InboundInputSchema });

/**
 * Who is chatting. A signed-in member chats as their account's web identity (linked to the
 * roster at sign-in), in one conversation that follows them across browsers; anyone else is an
 * anonymous identity kept in a cookie, who can ask questions and is told what needs a sign-in.
 */
function chatter(req: IncomingMessage, viewer: Viewer): { identity: PlatformIdentity; conversationKey: string; newCookie?: string } | undefined {
  if (viewer.signedIn) {
    const id = viewer.signedIn.account.id;
    return { identity: { channel: 'web', tenant: '', externalId: `account:${id}`, displayName: viewer.signedIn.member.name }, conversationKey: `web:account:${id}` };
  }
  const id = readCookie(req, CHAT_COOKIE);
  if (id && CHAT_ID.test(id)) return { identity: { channel: 'web', tenant: '', externalId: `anon:${id}` }, conversationKey: `web:${id}` };
  return undefined;
}

/** The member web chat: the page at `/`, `POST /api/chat`, and `GET /api/chat/updates`. */
export function attachWebChat(server: HttpServer, web: WebContext): void {
  const { app } = web;
  server.route(
    'GET',
    '/',
    page(web, null, async ({ res, viewer }) => {
      const staffish = hasRole(viewer.signedIn?.member, 'staff', 'counsellor', 'editor', 'admin');
      sendHtml(res, 200, webChatPage(viewer, { staffish }), { 'set-cookie': viewer.setCookies });
    }),
  );

  server.route('POST', '/api/chat', async (req, res) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      // A cross-site form cannot send JSON without a preflight we never answer: this is the
      // anonymous chat's request-forgery guard; a signed-in chat also needs the CSRF token.
      throw new AppError('invalid_input', 'content-type must be application/json', { status: 415 });
    }
    const viewer = await viewerOf(req, web.auth, web.cookies, app.config.defaultLocale);
    if (viewer.signedIn || req.headers['x-csrf-token'] || req.headers.origin) checkCsrf(req, viewer);
    const parsed = ChatRequestSchema.safeParse(await readJson(req, 64_000));
    if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const headers: Record<string, string> = {};
    let who = chatter(req, viewer);
    if (!who) {
      const id = randomBytes(18).toString('base64url');
      headers['set-cookie'] = cookie(web.cookies, CHAT_COOKIE, id, 365 * 24 * 3600);
      who = { identity: { channel: 'web', tenant: '', externalId: `anon:${id}` }, conversationKey: `web:${id}` };
    }
    const outcome = await app.assistant.handle({
      channel: 'web',
      conversationKey: who.conversationKey,
      identity: who.identity,
      locale: normaliseLocale(req.headers['accept-language']?.split(',')[0]),
      input: parsed.data.input,
    });
    sendJson(res, 200, { locale: outcome.locale, replies: outcome.replies }, headers);
  });

  // Messages sent outside a turn (staff replies, reminders): the page polls for them.
  server.route('GET', '/api/chat/updates', async (req, res) => {
    const viewer = await viewerOf(req, web.auth, web.cookies, app.config.defaultLocale);
    const who = chatter(req, viewer);
    if (!who) return sendJson(res, 200, { replies: [] }, { 'cache-control': 'no-store' });
    const messages = await app.store.outbox.take('web', who.conversationKey);
    sendJson(res, 200, { replies: messages.flatMap((m) => m.replies) }, { 'cache-control': 'no-store' });
  });
}
