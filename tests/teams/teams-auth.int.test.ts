import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLinker, fileLinkKey } from '../../src/bots/teams/file-links.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { emulatorMessage, postActivity, teamsActivity } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';

const credentials = { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TYPE: 'MultiTenant' };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Teams with Bot Framework credentials', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let connector: FakeBotConnector;
  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    app = await testApp('sqlite', {}, credentials);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await connector?.close();
  });

  it('refuses an unsigned request and touches nothing', async () => {
    const activity = teamsActivity(connector.url, { id: '29:x', name: 'X' }, { id: 'a:x' }, { type: 'message', text: 'help' });
    const unsigned = await postActivity(server.url, activity);
    expect(unsigned.status).toBe(401);
    const garbage = await postActivity(server.url, activity, { authorization: 'Bearer not-a-token' });
    expect(garbage.status).toBe(401);
    // A token that says it is not signed at all ("alg": "none") is refused before any key lookup.
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: credentials.MICROSOFT_APP_ID })}.`;
    expect((await postActivity(server.url, activity, { authorization: `Bearer ${none}x` })).status).toBe(401);
    const emulator = await postActivity(server.url, emulatorMessage(connector.url, 'hi'));
    expect(emulator.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
    // Nothing reached the conversation core either.
    expect(await app.store.sessions.reference('teams', 'a:x')).toBeUndefined();
  });

  it('serves signed download links for files (calendar invitations), and nothing else', async () => {
    // Every instance with the same app secret signs alike: a link made elsewhere works here.
    const link = fileLinker(server.url, fileLinkKey(credentials.MICROSOFT_APP_PASSWORD))!;
    const url = link({ type: 'file', filename: 'AGM 2026.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', title: 'AGM' })!;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="AGM_2026.ics"');
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
    const forged = fileLinker(server.url, fileLinkKey('another secret'))!({ type: 'file', filename: 'x.ics', mimeType: 'text/calendar', content: 'x', title: 'x' })!;
    expect((await fetch(forged)).status).toBe(404);
    // Only harmless text formats get a link at all.
    expect(link({ type: 'file', filename: 'x.html', mimeType: 'text/html', content: '<script>', title: 'x' })).toBeUndefined();
  });
});

describe('Teams configuration', () => {
  it('is all or nothing, and says which variable is missing', () => {
    expect(loadConfig({}).teams).toEqual({ staffConversation: undefined });
    expect(() => loadConfig({ MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD is set/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'id' })).toThrow(/MICROSOFT_APP_PASSWORD: required/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(/MICROSOFT_APP_TENANT_ID: required/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'Other' })).toThrow(/MICROSOFT_APP_TYPE: must be/);
    expect(() => loadConfig({ TEAMS_STAFF_CONVERSATION: 'General' })).toThrow(/TEAMS_STAFF_CONVERSATION: must be a Teams channel id/);
    expect(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p' }).teams.credentials).toEqual({ appId: 'id', appPassword: 'p', tenantId: undefined, appType: 'MultiTenant' });
    expect(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }).teams.credentials?.appType).toBe('UserAssignedMSI');
  });
});
