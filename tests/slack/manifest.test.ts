import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLASH_COMMAND } from '../../src/bots/slack/slash-command.ts';
import { repoRoot } from '../helpers/cli.ts';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
}

/** The bot scopes each Web API method the adapter calls needs (none: any bot token may call it). */
const SCOPES_OF: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'users.info': ['users:read', 'users:read.email'],
  'conversations.open': ['im:write'],
  'views.open': [],
  'views.publish': [],
  'reactions.add': ['reactions:write'],
  'files.uploadV2': ['files:write'],
};

describe('slack/manifest.yaml', () => {
  const manifest = parse(readFileSync(join(repoRoot, 'slack/manifest.yaml'), 'utf8')) as Manifest;

  it('points Slack at the routes, command and events the adapter serves', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    for (const url of [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      expect(new URL(url).pathname).toBe('/slack/events');
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'app_mention', 'message.im', 'message.channels', 'message.groups']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['app_mentions:read', 'commands', 'im:history', 'channels:history', 'groups:history']));
  });

  it('grants the scope of every Web API method the adapter calls', () => {
    const dir = join(repoRoot, 'src/bots/slack');
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const called = new Set([...source.matchAll(/client\s*\.(\w+)\s*\.(\w+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`));
    called.add('auth.test');
    for (const method of called) {
      expect(SCOPES_OF, `a scope entry for ${method} (add its scope to slack/manifest.yaml too)`).toHaveProperty([method]);
      expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(SCOPES_OF[method]!));
    }
  });
});
