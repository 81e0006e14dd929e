import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Reply } from '../../core/reply.ts';
import { sendJson, sendText, type HttpServer } from '../../server/http.ts';
import type { FileLinker } from './reply-activity.ts';

/**
 * Files for Teams members (a calendar invitation): Teams shows no file a bot attaches outside
 * its consent flow, so a file reply becomes a download link on this server. The link carries the
 * file itself, compressed and signed, so nothing is stored and any instance can serve it.
 */
const PREFIX = '/api/teams/files/';
const MAX_CONTENT = 16_000;
const LIFETIME_SECONDS = 30 * 24 * 3600;
/** Text formats only, always served as a download: a link cannot become a page on our origin. */
const ALLOWED_TYPES = new Set(['text/calendar', 'text/plain', 'text/csv']);

/** "text/calendar; charset=utf-8" → "text/calendar". */
function baseType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

const PayloadSchema = z.object({ m: z.string(), c: z.string(), e: z.number().int() });

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32);
}

/**
 * The signing key. With Bot Framework credentials every instance derives the same key from the
 * app secret; without (the Emulator, one process), a random key is enough.
 */
export function fileLinkKey(appPassword: string | undefined): Buffer {
  return appPassword ? createHash('sha256').update(`union-assistant/teams-files\0${appPassword}`).digest() : randomBytes(32);
}

/** Makes download links under `publicUrl`, or none when the server's public address is unknown. */
export function fileLinker(publicUrl: string | undefined, key: Buffer, now: () => Date = () => new Date()): FileLinker | undefined {
  if (!publicUrl) return undefined;
  const base = publicUrl.replace(/\/+$/, '');
  return (file: Extract<Reply, { type: 'file' }>) => {
    const type = baseType(file.mimeType);
    if (!ALLOWED_TYPES.has(type) || file.content.length > MAX_CONTENT) return undefined;
    const expires = Math.floor(now().getTime() / 1000) + LIFETIME_SECONDS;
    const payload = deflateRawSync(Buffer.from(JSON.stringify({ m: type, c: file.content, e: expires }))).toString('base64url');
    const name = file.filename.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'file';
    return `${base}${PREFIX}${payload}.${sign(key, payload)}/${encodeURIComponent(name)}`;
  };
}

/** Serves the links made by `fileLinker`. */
export function attachFileLinks(server: HttpServer, key: Buffer): void {
  server.route('GET', /^\/api\/teams\/files\/(?<payload>[A-Za-z0-9_-]+)\.(?<signature>[A-Za-z0-9_-]+)\/(?<name>[\w.%-]+)$/, (_req, res, params) => {
    const { payload = '', signature = '', name = 'file' } = params;
    const expected = Buffer.from(sign(key, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return sendJson(res, 404, { error: 'not_found' });
    let file: z.infer<typeof PayloadSchema>;
    try {
      file = PayloadSchema.parse(JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_CONTENT * 4 }).toString('utf8')));
    } catch {
      return sendJson(res, 404, { error: 'not_found' });
    }
    if (file.e * 1000 < Date.now() || !ALLOWED_TYPES.has(file.m)) return sendJson(res, 410, { error: 'expired' });
    sendText(res, 200, file.c, `${file.m}; charset=utf-8`, {
      'content-disposition': `attachment; filename="${decodeURIComponent(name).replace(/[^\w.-]+/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
    });
  });
}
