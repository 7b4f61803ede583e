import {
  EMRServerlessClient,
  GetApplicationCommand,
  GetResourceDashboardCommand,
  GetSessionCommand,
  GetSessionEndpointCommand,
  ListApplicationsCommand,
  ListSessionsCommand,
  StartSessionCommand,
  TerminateSessionCommand,
  type ApplicationSummary,
  type Application,
  type Session,
  type StartSessionRequest,
} from '@aws-sdk/client-emr-serverless';
import { attachFailureFacts } from '../model/awsErrors';
import type { CallerIdentity, EmrApi, RegionSource } from '../model/emrApi';
import type { Logger } from '../model/logger';
import type { OpenPager, Page } from '../model/pagedListing';
import type { ProxyConfig } from '../model/proxyRoute';
import type { ConnectionSettings } from '../model/settings';
import type { SessionEndpoint } from '../model/sparkConnect';
import { readCredentialSource } from './credentialSources';
import { classifyError, inferProxyFailure, isCredentialsKind } from './errorClassification';
import { attachNetworkFailure, createNetworkAgents, describeRoute, networkFailureOf, type NetworkAgents } from './proxyAgents';
import { CA_BUNDLE_VARIABLES, proxyFor, type CaBundleVariable, type ProxyRoute } from '../model/proxyRoute';
import { resolveRegion } from './region';
import { RenewableCredentials } from './renewableCredentials';
import { requestLogMiddleware } from './requestLog';
import type { CallerIdentityClient } from './stsClient';

/** The proxy settings of the environment alone, for callers that have no VS Code settings. */
export const ENVIRONMENT_PROXY_CONFIG: ProxyConfig = { strictSSL: true, noProxySetting: [], env: process.env };

/**
 * An EmrApi backed by the AWS SDK, with credentials from @aws-sdk/credential-providers that
 * are resolved again when the shared files change or after a credentials failure. Every
 * failure it rethrows carries its kind (and, for credentials, how the profile gets them; for
 * network failures, the proxy and CA bundles). Its requests, and those of the credential
 * providers (SSO, STS), go direct or through the proxy of `proxy` (see proxyAgents.ts).
 */
export async function createEmrApi(connection: ConnectionSettings, log: Logger, proxy: ProxyConfig = ENVIRONMENT_PROXY_CONFIG): Promise<EmrApi> {
  const network = createClientNetwork(connection, proxy, log);
  const credentials = new RenewableCredentials(connection.profile, log, network.credentialsClientConfig);
  // The files are read while the client is built, not after its first request has started.
  const sharedFiles = credentials.readFilesAhead();
  const { region, source: regionSource } = await resolveRegion(connection, () => sharedFiles);
  const client = newEmrServerlessClient(connection, region, credentials, log, network);
  const endpointUrl = endpointUrlOf(connection, region);
  // The STS client is made on the first GetCallerIdentity, with the same credentials, network and request log.
  // STS's own endpoint is not the one the proxy route was worked out for, so a failure there
  // is not put down to the proxy.
  const classifySts = failureClassifier(connection, credentials, undefined, []);
  let sts: Promise<CallerIdentityClient> | undefined;
  const callerIdentityClient = (): Promise<CallerIdentityClient> =>
    (sts ??= import('./stsClient.js').then(({ createCallerIdentityClient }) =>
      createCallerIdentityClient({
        region,
        endpoint: connection.endpoint,
        credentials: credentials.provider,
        requestHandler: network.handlerOptions,
        middleware: requestLogMiddleware(log, classifySts),
      }),
    ));
  const endpointLabel = connection.endpoint ?? `EMR Serverless in ${region}`;
  const profileName = connection.profile || process.env.AWS_PROFILE || undefined;
  log.info(
    `[aws] client for ${endpointLabel}, Region ${region} (${REGION_SOURCE_TEXT[regionSource]}), ${connection.profile ? `profile "${connection.profile}"` : `default credential chain${profileName ? ` (AWS_PROFILE "${profileName}")` : ''}`}, ${describeRoute(endpointUrl, proxy)}`,
  );

  return {
    region,
    regionSource,
    ...(profileName ? { profileName } : {}),
    openApplicationPager(pageSize: number): OpenPager<ApplicationSummary> {
      return (startingToken, signal) =>
        listPager(startingToken, async (nextToken) => {
          const out = await client.send(new ListApplicationsCommand({ maxResults: pageSize, nextToken }), { abortSignal: signal });
          return { items: out.applications ?? [], nextToken: out.nextToken };
        });
    },
    openSessionPager(applicationId, params, pageSize) {
      const states = params.states ? [...params.states] : undefined;
      return (startingToken, signal) =>
        listPager(startingToken, async (nextToken) => {
          const input = { applicationId, states, createdAtAfter: params.createdAtAfter, createdAtBefore: params.createdAtBefore, maxResults: pageSize, nextToken };
          const out = await client.send(new ListSessionsCommand(input), { abortSignal: signal });
          return { items: out.sessions ?? [], nextToken: out.nextToken };
        });
    },
    async getSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<Session> {
      const out = await client.send(new GetSessionCommand({ applicationId, sessionId }), { abortSignal: signal });
      if (!out.session) {
        throw new Error(`GetSession returned no session for ${sessionId}`);
      }
      return out.session;
    },
    async getApplication(applicationId: string, signal?: AbortSignal): Promise<Application> {
      const out = await client.send(new GetApplicationCommand({ applicationId }), { abortSignal: signal });
      if (!out.application) {
        throw new Error(`GetApplication returned no application for ${applicationId}`);
      }
      return out.application;
    },
    async startSession(request: StartSessionRequest, signal?: AbortSignal) {
      const out = await client.send(new StartSessionCommand(request), { abortSignal: signal });
      return { applicationId: out.applicationId ?? request.applicationId ?? '', sessionId: out.sessionId ?? '', arn: out.arn ?? '' };
    },
    async terminateSession(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<void> {
      await client.send(new TerminateSessionCommand({ applicationId, sessionId }), { abortSignal: signal });
    },
    async getSessionEndpoint(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<SessionEndpoint> {
      const out = await client.send(new GetSessionEndpointCommand({ applicationId, sessionId }), { abortSignal: signal });
      if (!out.endpoint || !out.authToken || !out.authTokenExpiresAt) {
        // Never name the token's value: only which required members are missing.
        const missing = (['endpoint', 'authToken', 'authTokenExpiresAt'] as const).filter((k) => !out[k]);
        throw new Error(`GetSessionEndpoint answered without ${missing.join(', ')} for session ${sessionId}`);
      }
      return {
        applicationId: out.applicationId ?? applicationId,
        sessionId: out.sessionId ?? sessionId,
        endpoint: out.endpoint,
        authToken: out.authToken,
        authTokenExpiresAt: out.authTokenExpiresAt,
      };
    },
    async getResourceDashboard(applicationId: string, sessionId: string, signal?: AbortSignal): Promise<string | undefined> {
      const out = await client.send(new GetResourceDashboardCommand({ applicationId, resourceId: sessionId, resourceType: 'SESSION' }), {
        abortSignal: signal,
      });
      return out.url || undefined;
    },
    async getCallerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
      return (await callerIdentityClient()).getCallerIdentity(signal);
    },
    dispose() {
      client.destroy();
      void sts?.then((c) => c.dispose(), () => undefined);
      network.agents.destroy();
    },
  };
}

/**
 * An SDK client for `region`, with the connection's endpoint and timeouts, signing with
 * `credentials`, logging each request (requestLog.ts), and attaching its kind to every failure
 * (errorClassification.ts); after a credentials failure the credentials are resolved again.
 */
/** What every SDK client of one connection shares: the agents, and the proxy settings they follow. */
export interface ClientNetwork {
  readonly proxy: ProxyConfig;
  readonly agents: NetworkAgents;
  /** The clients' `requestHandler` options: the agents, and the timeouts of the connection (ms). */
  readonly handlerOptions: {
    readonly httpAgent: NetworkAgents['httpAgent'];
    readonly httpsAgent: NetworkAgents['httpsAgent'];
    readonly requestTimeout: number;
    readonly connectionTimeout: number;
    readonly throwOnRequestTimeout: true;
  };
  /** For RenewableCredentials: the STS and SSO clients of the credential providers build their handler from it. */
  readonly credentialsClientConfig: { readonly requestHandler: ClientNetwork['handlerOptions'] };
}

/** The agents of `connection`'s clients, through the proxy `proxy` chooses (see proxyAgents.ts). Dispose with `agents.destroy()`. */
export function createClientNetwork(connection: ConnectionSettings, proxy: ProxyConfig, log: Logger): ClientNetwork {
  const connectionTimeout = Math.min(connection.requestTimeoutMs, 10_000);
  const agents = createNetworkAgents(proxy, connectionTimeout, log);
  const handlerOptions = {
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
    requestTimeout: connection.requestTimeoutMs,
    connectionTimeout,
    // Without this the handler only warns, and a response that never comes never ends.
    throwOnRequestTimeout: true,
  } as const;
  return { proxy, agents, handlerOptions, credentialsClientConfig: { requestHandler: handlerOptions } };
}

/** The URL requests of `connection` go to in `region`: the endpoint setting, or the service's own. */
function endpointUrlOf(connection: ConnectionSettings, region: string): string {
  return connection.endpoint ?? `https://emr-serverless.${region}.amazonaws.com`;
}

/**
 * An EMR Serverless client for `region`, with `network`'s agents, that logs each request and
 * attaches its kind to each failure (for credentials, how the profile gets them; for the
 * network, the proxy and CA bundles).
 */
export function newEmrServerlessClient(
  connection: ConnectionSettings,
  region: string,
  credentials: RenewableCredentials,
  log: Logger,
  network: ClientNetwork,
): EMRServerlessClient {
  const client = new EMRServerlessClient({
    region,
    endpoint: connection.endpoint,
    // Only the endpoint setting chooses where requests go, so that the view names the right
    // place and a plain-http endpoint is always confirmed first.
    ignoreConfiguredEndpointUrls: true,
    // A named profile covers static keys, SSO, role chaining and credential_process; without
    // one, the default chain also reads the environment and instance metadata.
    // No `logger` is given to the SDK on purpose: its logger middleware would print every
    // output, and GetResourceDashboard's URL is not marked sensitive in the service model.
    // requestLogMiddleware below is the only log of requests.
    credentials: credentials.provider,
    requestHandler: network.handlerOptions,
  });
  const route = proxyFor(endpointUrlOf(connection, region), network.proxy);
  const caBundles = CA_BUNDLE_VARIABLES.filter((name) => network.proxy.env[name]);
  const classify = failureClassifier(connection, credentials, route, caBundles);
  client.middlewareStack.add(requestLogMiddleware(log, classify), {
    step: 'initialize',
    name: 'emrServerlessRequestLog',
  });
  return client;
}

const REGION_SOURCE_TEXT: Record<RegionSource, string> = {
  setting: 'from the region setting',
  environment: 'from AWS_REGION',
  profile: 'from the profile',
  default: 'the default',
};

/**
 * Pages of one list operation from `startingToken` (undefined: the start): each `next()` sends
 * one request, `send(nextToken)`, with the token the page before gave, and ends after a page
 * without a token or with the token it was sent (the SDK paginators' `stopOnSameToken`). The
 * SDK's paginators do the same through an async generator, which the first page of every
 * listing paid for with promise turns; this is a plain iterator.
 */
function listPager<T>(startingToken: string | undefined, send: (nextToken: string | undefined) => Promise<Page<T>>): AsyncIterator<Page<T>> {
  let token = startingToken;
  let ended = false;
  return {
    async next(): Promise<IteratorResult<Page<T>>> {
      if (ended) {
        return { done: true, value: undefined };
      }
      const sent = token;
      try {
        const page = await send(sent);
        token = page.nextToken;
        ended = !token || token === sent;
        return { done: false, value: page };
      } catch (error) {
        ended = true;
        throw error;
      }
    },
    async return(): Promise<IteratorResult<Page<T>>> {
      ended = true;
      return { done: true, value: undefined };
    },
  };
}

/**
 * What a failed request's error is made to carry before the view describes it (see
 * attachFailureFacts): its kind from classifyError, the network failure behind it, and, for a
 * credentials failure only, how the profile gets its credentials; a credentials failure also
 * drops the cached credentials so that the next request reads them again. `route` is the proxy
 * the request went through, if any: a failure with no HTTP answer is then put down to it.
 */
function failureClassifier(
  connection: ConnectionSettings,
  credentials: RenewableCredentials,
  route: ProxyRoute | undefined,
  caBundles: readonly CaBundleVariable[],
): (error: unknown) => Promise<void> {
  return async (error) => {
    const inferred = !networkFailureOf(error) && route ? inferProxyFailure(error, route, caBundles) : undefined;
    if (inferred) {
      attachNetworkFailure(error, inferred);
    }
    let kind = classifyError(error);
    const failure = networkFailureOf(error);
    if (!isCredentialsKind(kind)) {
      attachFailureFacts(error, { kind, ...(failure ? { network: failure } : {}) });
      return;
    }
    const source = await readCredentialSource(connection.profile).catch(() => undefined);
    kind = classifyError(error, source);
    attachFailureFacts(error, { kind, ...(source ? { credentials: source } : {}) });
    if (isCredentialsKind(kind)) {
      credentials.invalidate();
    }
  };
}
