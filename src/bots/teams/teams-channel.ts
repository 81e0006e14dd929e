import type { App } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { readJson, sendJson, type HttpServer } from '../../server/http.ts';
import { attachFileLinks, fileLinkKey, fileLinker } from './file-links.ts';
import { toBotRequest, toBotResponse } from './node-bridge.ts';
import { botAppId, createTeamsAdapter, refuseRequest } from './teams-adapter.ts';
import { activityProblem } from './inbound-activity.ts';
import { StaffDesk } from './staff-desk.ts';
import { TeamsBot } from './teams-bot.ts';
import { TeamsDeliverer } from './teams-deliverer.ts';

/** Bot Framework activities are small; a megabyte leaves room for long messages and cards. */
const MAX_BODY = 1_000_000;

/**
 * The Microsoft Teams channel as a server plugin: `POST /api/messages` for Bot Framework
 * activities, a deliverer for proactive messages, and download links for files. Without
 * credentials it serves the Bot Framework Emulator on this machine (local development).
 */
export function attachTeams(server: HttpServer, app: App): void {
  const config = app.config.teams;
  const adapter = createTeamsAdapter(config, app.logger);
  const key = fileLinkKey(config.credentials?.appPassword);
  const fileLink = fileLinker(app.config.publicUrl, key);
  const staff = new StaffDesk({
    tickets: app.tickets,
    store: app.store,
    logger: app.logger,
    staffConversation: config.staffConversation,
    locale: app.config.defaultLocale,
    poke: () => app.delivery.poke(),
  });
  app.tickets.onTicketEvent((event) => staff.onEvent(event));
  const bot = new TeamsBot({ app, appId: botAppId(config), fileLink, staff });

  server.route('POST', '/api/messages', async (req, res) => {
    const body = await readJson(req, MAX_BODY);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('invalid_input', 'the body must be a Bot Framework activity (a JSON object)');
    const refusal = refuseRequest(config, req, body as Record<string, unknown>);
    if (refusal) return sendJson(res, 401, { error: 'unauthorised', message: refusal });
    const problem = activityProblem(body);
    if (problem) throw new AppError('invalid_input', problem);
    await adapter.process(toBotRequest(req, body as Record<string, unknown>), toBotResponse(res), (context) => bot.onTurn(context));
  });
  attachFileLinks(server, key);
  app.delivery.register(new TeamsDeliverer({ adapter, store: app.store, appId: botAppId(config), defaultLocale: app.config.defaultLocale, fileLink }));
  if (!config.credentials) app.logger.info('teams: no MICROSOFT_APP_ID, so /api/messages serves the Bot Framework Emulator on this machine only');
}
