import type { IncomingMessage } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from '../../config.ts';
import type { Logger } from '../../core/logger.ts';

/**
 * An error as it may be logged. Bot Connector errors carry the request they failed on — the
 * message being sent, and the bearer token — so only the name, message and status are kept.
 */
export function loggableError(error: unknown): { name: string; message: string; status?: number; stack?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error).slice(0, 300) };
  const status = (error as { statusCode?: number }).statusCode;
  // A RestError's message can quote the service's answer; a stack names only our code.
  return { name: error.name, message: error.message.slice(0, 300), ...(status ? { status } : {}), ...(error.name === 'RestError' ? {} : { stack: error.stack }) };
}

type AuthenticateResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** How many Bot Connector clients (service URL and audience) are kept: Teams uses a few regional URLs. */
const CONNECTOR_CLIENTS = 64;

/**
 * ConfigurationBotFrameworkAuthentication whose connector factories share one ConnectorClient per
 * service URL and audience, as botbuilder's older BotFrameworkAdapter did. Why: CloudAdapter asks
 * the authentication for a new factory on every activity, and the factory builds a new client —
 * credentials, an HTTP pipeline of a dozen policies — for every turn, ~0.3 ms of CPU per Teams
 * turn (bench/load.ts profile), for an object that can serve every turn. A client's credentials
 * fetch and refresh their token per request, so a kept client stays valid. One process serves one
 * bot (one app id), so the service URL and audience are the whole key.
 */
export class SharedConnectorsAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #clients = new Map<string, Promise<ConnectorClient>>();
  readonly #tokenClients = new Map<string, Promise<UserTokenClient>>();

  /**
   * The user-token (OAuth) client, one per app id the claims name. CloudAdapter asks for one on
   * every activity, and each is a new Token API client with its own HTTP pipeline; it holds only
   * the app id and that app's credentials (which fetch their token per request), so one serves
   * every turn, as the connector clients do.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // The app id as botframework-connector takes it from the claims: the audience, else the app id claim.
    const key = String(claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '');
    let client = this.#tokenClients.get(key);
    if (!client) {
      if (this.#tokenClients.size >= CONNECTOR_CLIENTS) this.#tokenClients.delete(this.#tokenClients.keys().next().value!);
      client = super.createUserTokenClient(claimsIdentity);
      this.#tokenClients.set(key, client);
      client.catch(() => this.#tokenClients.get(key) === client && this.#tokenClients.delete(key));
    }
    return client;
  }

  #shared(factory: ConnectorFactory): ConnectorFactory {
    const clients = this.#clients;
    const shared = {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = `${serviceUrl}\n${audience ?? ''}`;
        let client = clients.get(key);
        if (!client) {
          if (clients.size >= CONNECTOR_CLIENTS) clients.delete(clients.keys().next().value!);
          client = factory.create(serviceUrl, audience);
          clients.set(key, client);
          // A client that could not be made is not kept: the next turn tries again.
          client.catch(() => clients.get(key) === client && clients.delete(key));
        }
        return client;
      },
    };
    return shared as unknown as ConnectorFactory;
  }

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateResult> {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.#shared(result.connectorFactory) } : result;
  }

  override async authenticateStreamingRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>): Promise<AuthenticateResult> {
    const result = await super.authenticateStreamingRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.#shared(result.connectorFactory) } : result;
  }

  override createConnectorFactory(...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>): ConnectorFactory {
    return this.#shared(super.createConnectorFactory(...args));
  }
}

/**
 * botbuilder's CloudAdapter over ConfigurationBotFrameworkAuthentication. With credentials it
 * validates the Bot Framework's signed token on every request and signs what it sends; without
 * them it is in local-development mode for the Bot Framework Emulator.
 */
export function createTeamsAdapter(config: TeamsConfig, logger: Logger): CloudAdapter {
  const credentials = config.credentials;
  const auth = new SharedConnectorsAuthentication({
    MicrosoftAppId: credentials?.appId ?? '',
    MicrosoftAppPassword: credentials?.appPassword ?? '',
    MicrosoftAppTenantId: credentials?.tenantId ?? '',
    MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
  });
  const adapter = new CloudAdapter(auth);
  // Errors the bot's own code did not catch: logged without the activity (it may hold message text).
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: loggableError(error), activity: context.activity?.type }, 'teams turn failed');
  };
  return adapter;
}

/** The app id to act as in proactive messages ("" in Emulator mode). */
export function botAppId(config: TeamsConfig): string {
  return config.credentials?.appId ?? '';
}

const JWT = /^Bearer ([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Whether a header holds a token the Bot Framework could have signed: a JWT whose header names
 * an RSA algorithm and a signing key. Anything else (no token, an unsigned "alg: none" token)
 * is refused here, before botbuilder would fetch signing keys from the network to check it.
 */
function isSignedToken(header: string | undefined): boolean {
  const match = JWT.exec(header ?? '');
  if (!match) return false;
  try {
    const parsed = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    return typeof parsed.alg === 'string' && /^RS(256|384|512)$/.test(parsed.alg) && typeof parsed.kid === 'string' && parsed.kid.length > 0;
  } catch {
    return false;
  }
}
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1' || address.startsWith('::ffff:127.'));
}

function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    // An IPv4 literal in 127/8, not any name that starts with "127." (127.0.0.1.evil.example is
    // a public host name: that check let the Emulator mode post anywhere; found by tests/fuzz).
    return (url.protocol === 'http:' || url.protocol === 'https:') && (LOOPBACK_HOSTS.has(url.hostname) || /^127(?:\.\d{1,3}){3}$/.test(url.hostname));
  } catch {
    return false;
  }
}

/**
 * A cheap gate in front of botbuilder, so that a request that cannot be genuine touches nothing:
 * with credentials, one without a signed bearer token (botbuilder would refuse it too, after
 * logging a stack trace); without credentials, anything but the Emulator on this machine — an
 * unauthenticated endpoint that posts to any `serviceUrl` would let anyone make the server send
 * requests wherever they like.
 */
export function refuseRequest(config: TeamsConfig, req: IncomingMessage, body: Record<string, unknown>): string | undefined {
  if (config.credentials) {
    return isSignedToken(req.headers.authorization) ? undefined : 'a signed Bot Framework bearer token is required';
  }
  if (!isLoopbackAddress(req.socket.remoteAddress)) return 'without MICROSOFT_APP_ID this endpoint accepts only the Bot Framework Emulator on this machine';
  if (!isLoopbackUrl(body.serviceUrl)) return 'without MICROSOFT_APP_ID the serviceUrl must be a loopback address (the Emulator)';
  return undefined;
}
