import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { detectLocale, type Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import { replyToPlainText, type Reply } from '../../core/reply.ts';
import { conversationKeyOf, type SlackTarget } from './conversation.ts';
import { formModal, type ModalMetadata } from './modals.ts';
import { renderReplies, type SlackOutput } from './render-replies.ts';
import { fill, slackText } from './slack-messages.ts';
import type { SlackRecords } from '../../store/slack-records.ts';
import { ValueStash } from './value-stash.ts';

/** Slack said "ratelimited": nothing from `remaining` was posted; try again after `retryAfterMs`. */
export class SlackRateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly remaining: Reply[],
  ) {
    super(`Slack rate limit: retry after ${retryAfterMs} ms`);
    this.name = 'SlackRateLimited';
  }
}

/** When to try again after a transient failure the Web API client's own retries did not outlast. */
const TRANSIENT_RETRY_MS = 2_000;

/**
 * Slack, or the way to it, failed for a while (HTTP 5xx, a dropped connection or timeout,
 * `ratelimited` or `service_unavailable` in an HTTP 200): nothing from `remaining` was posted.
 * A subclass of SlackRateLimited so that every caller that queues the rest of a rate-limited
 * turn in the outbox does the same here — rather than posting it again as plain text, which
 * doubled what was already posted and lost the reply when Slack was still failing (issue 9).
 */
export class SlackUnavailable extends SlackRateLimited {
  constructor(remaining: Reply[], reason: string) {
    super(TRANSIENT_RETRY_MS, remaining);
    this.message = `Slack unavailable (${reason}): retry after ${TRANSIENT_RETRY_MS} ms`;
    this.name = 'SlackUnavailable';
  }
}

/** Platform errors that mean "try later", not "this message is refused". */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'rate_limited', 'service_unavailable', 'internal_error', 'fatal_error', 'request_timeout']);

/** Whether a Web API error is Slack (or the network) failing for a while; a short reason if so. */
export function transientFailure(error: unknown): string | undefined {
  const e = error as { code?: string; statusCode?: number; data?: { error?: string } } | undefined;
  if (e?.code === 'slack_webapi_request_error') return 'request failed';
  if (e?.code === 'slack_webapi_http_error' && (Number(e.statusCode) >= 500 || e.statusCode === 408)) return `HTTP ${e.statusCode}`;
  if (e?.code === 'slack_webapi_platform_error' && TRANSIENT_PLATFORM_ERRORS.has(String(e.data?.error))) return String(e.data?.error);
  return undefined;
}

/** The rate-limit error of @slack/web-api (with `rejectRateLimitedCalls`), as seconds to wait. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: number };
  return e?.code === 'slack_webapi_rate_limited_error' ? Math.max(1, Number(e.retryAfter) || 1) : undefined;
}

const PostedSchema = z.object({ ts: z.string() });

export interface SendOptions {
  locale?: Locale;
  /** A fresh interaction's trigger: lets a form open as a modal at once (valid for 3 seconds). */
  triggerId?: string;
  /** The turn came from the App Home tab. */
  fromHome?: boolean;
}

/**
 * Posts channel-neutral replies to Slack: renders them, keeps what Slack cannot carry, posts
 * message by message in order, uploads files. The Web API client rejects rate-limited calls
 * instead of sleeping inside them, so a rate limit surfaces here with what is left to send, and
 * the caller decides when to try again (the outbox, which honours Retry-After across instances).
 */
export class SlackSender {
  constructor(
    private readonly deps: { client: webApi.WebClient; records: SlackRecords; logger: Logger; publicUrl?: string; defaultLocale: Locale },
  ) {}

  /** The language of replies that arrive without a turn (outbox): the language they are written in. */
  localeOf(replies: Reply[]): Locale {
    return detectLocale(replies.map(replyToPlainText).join('\n'), this.deps.defaultLocale);
  }

  /** Posts replies; returns the timestamps of the messages posted. */
  async post(target: SlackTarget, replies: Reply[], options: SendOptions = {}): Promise<string[]> {
    if (replies.length === 0) return [];
    const locale = options.locale ?? this.localeOf(replies);
    const stash = new ValueStash();
    const outputs = renderReplies(replies, { locale, stash, publicUrl: this.deps.publicUrl });
    await stash.save(this.deps.records);
    const posted: string[] = [];
    let modalOpened = false;
    for (const output of outputs) {
      try {
        if (output.kind === 'file') await this.#upload(target, output, locale);
        else posted.push(await this.#message(target, output));
      } catch (error) {
        const remaining = replies.slice(output.replies[0] ?? 0);
        const seconds = retryAfterSeconds(error);
        if (seconds !== undefined) throw new SlackRateLimited(seconds * 1000, remaining);
        const transient = transientFailure(error);
        if (transient !== undefined) throw new SlackUnavailable(remaining, transient);
        throw error;
      }
      if (options.triggerId && !modalOpened) modalOpened = await this.#openFirstForm(target, replies, output, stash, options, locale);
    }
    return posted;
  }

  /** A plain-text message (fallbacks, staff-thread notes). */
  async postText(target: SlackTarget, text: string): Promise<string> {
    const result = await this.deps.client.chat.postMessage({ channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), text, unfurl_links: false });
    return PostedSchema.parse(result).ts;
  }

  async #message(target: SlackTarget, output: Extract<SlackOutput, { kind: 'message' }>): Promise<string> {
    const result = await this.deps.client.chat.postMessage({
      channel: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      text: output.text,
      blocks: output.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    return PostedSchema.parse(result).ts;
  }

  async #upload(target: SlackTarget, output: Extract<SlackOutput, { kind: 'file' }>, locale: Locale): Promise<void> {
    try {
      const file = { file: Buffer.from(output.content, 'utf8'), filename: output.filename, title: output.title };
      await this.deps.client.files.uploadV2(target.threadTs ? { ...file, channel_id: target.channel, thread_ts: target.threadTs } : { ...file, channel_id: target.channel });
    } catch (error) {
      if (retryAfterSeconds(error) !== undefined || transientFailure(error) !== undefined) throw error;
      // Without files:write (or with uploads disabled) the member still gets the content.
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack file upload failed; sending the file as text');
      const text = `${fill(slackText.fileFallback, locale)} ${output.title} (${output.filename})`;
      await this.deps.client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text } },
          { type: 'section', text: { type: 'plain_text', text: output.content.slice(0, 2900) || ' ' } },
        ],
      });
    }
  }

  /** Opens the turn's first form as a modal right away, when the member just pressed a button. */
  async #openFirstForm(target: SlackTarget, replies: Reply[], output: SlackOutput, stash: ValueStash, options: SendOptions, locale: Locale): Promise<boolean> {
    const formIndex = output.replies.find((i) => replies[i]?.type === 'form');
    if (formIndex === undefined || output.kind !== 'message') return false;
    const form = replies[formIndex];
    const kept = stash.items.find((item) => item.kind === 'form' && item.content === JSON.stringify(form));
    if (!form || form.type !== 'form' || !kept) return false;
    const metadata: ModalMetadata = { kind: 'form', t: kept.id, c: conversationKeyOf(target), ...(options.fromHome ? { home: true } : {}) };
    try {
      await this.deps.client.views.open({ trigger_id: options.triggerId!, view: formModal(form, metadata, locale) });
      return true;
    } catch (error) {
      // An expired trigger is not a failure: the form's button is in the message.
      this.deps.logger.info({ err: error instanceof Error ? error.message : String(error) }, 'slack views.open failed; the form stays available from its button');
      return false;
    }
  }
}
