import { describe, expect, it } from 'vitest';
import { SharedConnectorsAuthentication } from '../../src/bots/teams/teams-adapter.ts';

// One Bot Connector client per service URL and audience, kept across turns (src/bots/teams/teams-adapter.ts).
describe('Teams connector clients', () => {
  it('are made once per service URL and audience, for inbound turns and proactive messages alike', async () => {
    const auth = new SharedConnectorsAuthentication({});
    const activity = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };
    const first = await auth.authenticateRequest(activity as never, '');
    const second = await auth.authenticateRequest(activity as never, '');
    const client = await first.connectorFactory!.create('http://127.0.0.1:9/');
    expect(await second.connectorFactory!.create('http://127.0.0.1:9/')).toBe(client);
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:9/')).toBe(client);
    const other = await second.connectorFactory!.create('http://127.0.0.1:8/');
    expect(other).not.toBe(client);
    expect(await first.connectorFactory!.create('http://127.0.0.1:9/', 'https://api.botframework.com')).not.toBe(client);
  });
});
