import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { conversationKeyOf, targetOf } from '../../src/bots/slack/conversation.ts';
import { signRequest, verifySignature } from '../../src/bots/slack/signature.ts';
import { commandMessage } from '../../src/bots/slack/slash-command.ts';
import { TtlCache } from '../../src/bots/slack/ttl-cache.ts';

describe('Slack configuration', () => {
  const base = { DATA_DIR: '/tmp/ua-config-test' };
  it('is off without a bot token and complete with token and signing secret', () => {
    expect(loadConfig(base).slack).toBeUndefined();
    expect(loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api', SLACK_STAFF_CHANNEL: 'C0STAFF' }).slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
      appToken: undefined,
      apiUrl: 'http://127.0.0.1:9/api/',
      staffChannel: 'C0STAFF',
    });
    expect(loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken).toBe('xapp-1');
  });

  it('says what is missing when half-configured', () => {
    const error = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('expected a configuration error');
    };
    expect(error({ SLACK_SIGNING_SECRET: 's' })).toMatch(/SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET: required for HTTP mode.*SLACK_APP_TOKEN/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' })).toMatch(/must be a bot token starting with xoxb-/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_STAFF_CHANNEL: '#union-staff' })).toMatch(/SLACK_STAFF_CHANNEL: must be a channel id/);
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'slack.com/api' })).toMatch(/SLACK_API_URL/);
  });
});

describe('request signatures', () => {
  const secret = 'shhh';
  const body = 'payload=%7B%7D';
  const now = 1_800_000_000_000;
  it('accepts Slack v0 signatures within five minutes either way', () => {
    const headers = signRequest(secret, body, now / 1000 - 299);
    expect(verifySignature(secret, body, { signature: headers['x-slack-signature'], timestamp: headers['x-slack-request-timestamp'] }, now)).toBeUndefined();
  });
  it('refuses wrong, stale, future, malformed and missing signatures', () => {
    const at = (ts: number, s = secret, b = body) => {
      const headers = signRequest(s, b, ts);
      return verifySignature(secret, body, { signature: headers['x-slack-signature'], timestamp: headers['x-slack-request-timestamp'] }, now);
    };
    expect(at(now / 1000, 'other')).toBe('bad-signature');
    expect(at(now / 1000, secret, `${body}x`)).toBe('bad-signature');
    expect(at(now / 1000 - 301)).toBe('stale');
    expect(at(now / 1000 + 301)).toBe('stale');
    expect(verifySignature(secret, body, { signature: 'v0=abc', timestamp: String(now / 1000) }, now)).toBe('bad-signature');
    expect(verifySignature(secret, body, { signature: undefined, timestamp: String(now / 1000) }, now)).toBe('missing-headers');
    expect(verifySignature(secret, body, { signature: 'v0=abc', timestamp: '12a' }, now)).toBe('missing-headers');
  });
});

describe('slash command', () => {
  it('maps subcommands to the words the flows understand, in the right language', () => {
    expect(commandMessage('', 'zh-CN')).toEqual({ text: '帮助', locale: 'zh-CN' });
    expect(commandMessage('help', 'en')).toEqual({ text: 'help', locale: 'en' });
    expect(commandMessage('surveys', 'zh-CN')).toEqual({ text: '问卷', locale: 'zh-CN' });
    expect(commandMessage('投票', 'en')).toEqual({ text: '投票', locale: 'zh-CN' });
    expect(commandMessage('events', 'en')).toEqual({ text: 'events', locale: 'en' });
    expect(commandMessage('cases', 'en')).toEqual({ text: '', locale: 'en', cases: true });
    expect(commandMessage('ask 年假有几天', 'en')).toEqual({ text: '年假有几天', locale: 'en' });
    expect(commandMessage('how long is maternity leave?', 'en')).toEqual({ text: 'how long is maternity leave?', locale: 'en' });
  });
});

describe('conversation keys', () => {
  it('round-trips DMs and channel threads and refuses other keys', () => {
    expect(targetOf(conversationKeyOf({ channel: 'D123' }))).toEqual({ channel: 'D123' });
    expect(targetOf(conversationKeyOf({ channel: 'C123', threadTs: '1700000000.000100' }))).toEqual({ channel: 'C123', threadTs: '1700000000.000100' });
    expect(targetOf('web:abc')).toBeUndefined();
    expect(targetOf('C1:notats')).toBeUndefined();
  });
});

describe('TtlCache', () => {
  it('expires entries and stays bounded', () => {
    let now = 0;
    const cache = new TtlCache<string>(1000, 2, () => now);
    cache.set('a', '1');
    now = 999;
    expect(cache.get('a')).toBe('1');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });
});
