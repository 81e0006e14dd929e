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

  it('share one user-token client per app id the claims name', async () => {
    const auth = new SharedConnectorsAuthentication({});
    const activity = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } };
    const { claimsIdentity } = await auth.authenticateRequest(activity as never, '');
    const tokens = await auth.createUserTokenClient(claimsIdentity);
    expect(await auth.createUserTokenClient((await auth.authenticateRequest(activity as never, '')).claimsIdentity)).toBe(tokens);
    // Claims naming an app this bot has no credentials for: refused, and the refusal is not kept.
    const otherApp = { claims: [{ type: 'aud', value: 'another-app' }], isAuthenticated: true, getClaimValue: (type: string) => (type === 'aud' ? 'another-app' : null) };
    const refused = await auth.createUserTokenClient(otherApp as never).then(() => 'made', () => 'refused');
    expect(await auth.createUserTokenClient(otherApp as never).then((client) => client !== tokens, () => 'refused')).toBe(refused === 'made' ? true : 'refused');
  });
});
