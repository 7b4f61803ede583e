/**
 * The HTTP agents every AWS SDK client of a connection uses (EMR Serverless, and the STS and
 * SSO clients of the credential providers): each connection goes direct or through the proxy
 * that proxyFor chooses for its host, and TLS trusts the CA bundles of AWS_CA_BUNDLE and
 * NODE_EXTRA_CA_CERTS besides the usual ones.
 *
 * Why the extension routes requests itself, rather than leaving it to VS Code's proxy support
 * (`http.proxySupport`, which patches Node's `http` and `https` in the extension host): that
 * support covers the SDK's NodeHttpHandler only with the default "override". With "on" it
 * skips every request that brings its own agent, and the handler always does; with "off" it
 * does nothing. It sends localhost direct whatever the settings, and does not know
 * AWS_CA_BUNDLE. Under "override" VS Code still replaces these agents for hosts other than
 * localhost with its own, resolved from the same settings; the CA bundles survive that,
 * since the https agent here is an `https.Agent` whose `ca` VS Code keeps.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import { EventEmitter } from 'events';
import type { Duplex } from 'stream';
import type { HttpsProxyAgent } from 'https-proxy-agent';
import * as l10n from '@vscode/l10n';
import type { Logger } from '../model/logger';
import { CA_BUNDLE_VARIABLES, CaBundleVariable, NetworkFailure, ProxyConfig, proxyConfigWarnings, proxyFor } from '../model/proxyRoute';

const FAILURE_PROPERTY = 'emrServerlessNetwork';

/** The NetworkFailure attached to `error` by these agents, if any. */
export function networkFailureOf(error: unknown): NetworkFailure | undefined {
  const e = error as Record<string, unknown> | null | undefined;
  const found = e?.[FAILURE_PROPERTY] ?? (e?.cause as Record<string, unknown> | undefined)?.[FAILURE_PROPERTY];
  return found as NetworkFailure | undefined;
}

/** Attaches `failure` to `error`, unless it has one (not enumerable: never logged or serialised). */
export function attachNetworkFailure<E>(error: E, failure: NetworkFailure): E {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error) && !(FAILURE_PROPERTY in error)) {
    // Not enumerable, so it is never logged or serialised.
    Object.defineProperty(error, FAILURE_PROPERTY, { value: failure, configurable: true });
  }
  return error;
}

/** The agents for one SDK client's `requestHandler` ({ httpAgent, httpsAgent }). */
export interface NetworkAgents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  /** Closes every pooled connection. */
  destroy(): void;
}

/** TLS trust: the `ca` to use (undefined: Node's default) and which bundles it holds. */
interface Trust {
  readonly ca?: string[];
  readonly bundles: readonly CaBundleVariable[];
}

/**
 * Builds the agents of one connection from `config`, reading the CA bundles named by
 * `config.env` once. Logs which proxy and bundles are in use, and each setting or file that
 * cannot be used (the request then goes on without it). `connectTimeoutMs` bounds the
 * connection to a proxy and its answer to CONNECT.
 */
export function createNetworkAgents(config: ProxyConfig, connectTimeoutMs: number, log: Logger): NetworkAgents {
  for (const warning of proxyConfigWarnings(config)) {
    log.warn(`[network] ${warning}`);
  }
  // Read on the first TLS connection (or failure) that needs it, not here: building the `ca`
  // loads the operating system's certificates (tens of milliseconds), which a client for a
  // plain http:// endpoint never uses, and which would otherwise hold up its first request.
  let trust: Trust | undefined;
  const options = { config, trust: () => (trust ??= readTrust(config.env, log)), connectTimeoutMs };
  const httpAgent = new RoutingHttpAgent(options);
  const httpsAgent = new RoutingHttpsAgent(options);
  return {
    httpAgent,
    httpsAgent,
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** One line for the log: the proxy a URL goes through, and the CA bundles in use. */
export function describeRoute(target: string, config: ProxyConfig): string {
  const route = proxyFor(target, config);
  const bundles = CA_BUNDLE_VARIABLES.filter((name) => config.env[name]);
  return `${route ? `through proxy ${route.display} (from ${route.source}${route.source === 'http.proxy' && !config.strictSSL ? ', http.proxyStrictSSL off' : ''})` : 'direct'}${bundles.length ? `; CA bundles from ${bundles.join(', ')}` : ''}`;
}

interface RoutingOptions {
  readonly config: ProxyConfig;
  /** The CA bundles, read on first use. */
  readonly trust: () => Trust;
  readonly connectTimeoutMs: number;
}

/** Options Node's Agent passes to createConnection (the request's, merged with the agent's). */
type ConnectionOptions = tls.ConnectionOptions & net.TcpNetConnectOpts & { servername?: string };
type Callback = (error: Error | null, socket: Duplex) => void;

/** Keeps connections open between requests, as the SDK's own agents do. */
const POOL = { keepAlive: true, maxSockets: 50 } as const;

class RoutingHttpAgent extends http.Agent {
  private readonly proxies = new Map<string, HttpsProxyAgent<string>>();

  constructor(private readonly routing: RoutingOptions) {
    super(POOL);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | undefined {
    return openConnection(false, this.routing, this.proxies, options as ConnectionOptions, callback ?? (() => undefined));
  }

  override destroy(): void {
    super.destroy();
    this.proxies.forEach((proxy) => proxy.destroy());
  }
}

/**
 * An `https.Agent`, with the CA bundles as its `ca`: VS Code's "override" keeps the `ca` of an
 * `https.Agent` when it replaces the agent (see the file's header).
 */
class RoutingHttpsAgent extends https.Agent {
  private readonly proxies = new Map<string, HttpsProxyAgent<string>>();

  constructor(private readonly routing: RoutingOptions) {
    super(POOL);
    // The `ca` is built when a connection first reads the agent's options (Node's Agent, or
    // VS Code when it replaces the agent), and only when a bundle variable is set at all.
    if (CA_BUNDLE_VARIABLES.some((name) => routing.config.env[name])) {
      Object.defineProperty(this.options, 'ca', { enumerable: true, configurable: true, get: () => routing.trust().ca });
    }
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | undefined {
    return openConnection(true, this.routing, this.proxies, options as ConnectionOptions, callback ?? (() => undefined));
  }

  override destroy(): void {
    super.destroy();
    this.proxies.forEach((proxy) => proxy.destroy());
  }
}

/**
 * Opens each connection of a pooled agent: direct, or through a tunnel from `route`'s proxy
 * (CONNECT, also for http:// targets, so the proxy never sees a request or its signature).
 */
function openConnection(
  secure: boolean,
  routing: RoutingOptions,
  proxies: Map<string, HttpsProxyAgent<string>>,
  options: ConnectionOptions,
  callback: Callback,
): Duplex | undefined {
  const host = options.host ?? 'localhost';
  const target = `${secure ? 'https' : 'http'}://${net.isIPv6(host) ? `[${host}]` : host}:${options.port}`;
  const route = proxyFor(target, routing.config);
  const failure = (stage: NetworkFailure['stage'], proxyStatus?: number): NetworkFailure => ({
    ...(route ? { proxy: { display: route.display, source: route.source } } : {}),
    stage,
    ...(proxyStatus ? { proxyStatus } : {}),
    caBundles: routing.trust().bundles,
  });
  if (!route) {
    const socket = secure ? tls.connect({ ...options, servername: serverName(options) }) : net.connect(options);
    socket.once('error', (error) => attachNetworkFailure(error, failure('target')));
    return socket;
  }
  let proxy = proxies.get(route.url);
  if (!proxy) {
    proxy = new (loadHttpsProxyAgent())(route.url, {
      // For an https:// proxy: its own certificate.
      rejectUnauthorized: routing.config.strictSSL,
      ...(routing.trust().ca ? { ca: routing.trust().ca } : {}),
    });
    proxies.set(route.url, proxy);
  }
  // HttpsProxyAgent reports the proxy's answer on the request it is given; none of the
  // request itself is sent to the proxy.
  const request = new EventEmitter();
  let status = 0;
  request.once('proxyConnect', (answer: { statusCode: number }) => (status = answer.statusCode));
  const tunnel = proxy.connect(request as http.ClientRequest, {
    ...options,
    // The target's certificate, as it arrives through the tunnel.
    rejectUnauthorized: routing.config.strictSSL,
    secureEndpoint: secure,
    servername: serverName(options),
    // The tunnel's TLS connection has no host of its own, so Node would check the certificate
    // against "localhost" when the target is an IP address (there is no server name then).
    checkServerIdentity: (_name: string, certificate: tls.PeerCertificate) => tls.checkServerIdentity(host, certificate),
  } as never);
  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    const error = Object.assign(new Error(l10n.t('The proxy {0} did not open a tunnel to {1} within {2} ms', route.display, target, routing.connectTimeoutMs)), { code: 'ETIMEDOUT' });
    callback(attachNetworkFailure(error, failure('proxy')), undefined as never);
  }, routing.connectTimeoutMs);
  tunnel.then(
    (socket) => {
      clearTimeout(timer);
      if (settled) {
        socket.destroy();
        return;
      }
      settled = true;
      if (status !== 200) {
        socket.destroy();
        const error = Object.assign(new Error(l10n.t({ message: 'The proxy {0} answered CONNECT {1} with HTTP {2}', args: [route.display, `${host}:${options.port}`, status], comment: ['CONNECT is the HTTP method; {1} host:port, {2} an HTTP status code'] })), { name: 'ProxyTunnelError', code: 'ERR_PROXY_TUNNEL' });
        callback(attachNetworkFailure(error, failure('proxy', status)), undefined as never);
        return;
      }
      socket.once('error', (error) => attachNetworkFailure(error, failure('target')));
      // HttpsProxyAgent resumes the tunnel once the request has its socket.
      request.emit('socket', socket);
      callback(null, socket);
    },
    (error: unknown) => {
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        callback(attachNetworkFailure(error instanceof Error ? error : new Error(String(error)), failure('proxy')), undefined as never);
      }
    },
  );
  return undefined;
}

/**
 * https-proxy-agent, loaded when a connection first goes through a proxy: most go direct, and
 * loading it (with agent-base) would hold up the first request of every window by about a
 * millisecond (CPU profile of the cold first listing in the extension host).
 */
function loadHttpsProxyAgent(): typeof HttpsProxyAgent {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('https-proxy-agent') as { HttpsProxyAgent: typeof HttpsProxyAgent }).HttpsProxyAgent;
}

function serverName(options: ConnectionOptions): string | undefined {
  const host = options.servername ?? options.host;
  return host && !net.isIP(host) ? host : undefined;
}

/**
 * Reads the PEM files of NODE_EXTRA_CA_CERTS and AWS_CA_BUNDLE (synchronously: a few KB, once per
 * connection, on its first TLS connection); an unreadable one is logged and skipped.
 */
function readTrust(env: ProxyConfig['env'], log: Logger): Trust {
  const pems: string[] = [];
  const bundles: CaBundleVariable[] = [];
  for (const name of CA_BUNDLE_VARIABLES) {
    const file = env[name];
    if (!file) {
      continue;
    }
    try {
      pems.push(fs.readFileSync(file, 'utf8'));
      bundles.push(name);
    } catch (error) {
      log.warn(`[network] ${name} names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); it is not trusted`);
    }
  }
  if (pems.length === 0) {
    return { bundles };
  }
  // A `ca` replaces Node's roots, so they come first; the operating system's store too,
  // where this Node can read it (VS Code adds it to requests that bring no `ca`).
  const system = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates?.('system') ?? [];
  return { ca: [...tls.rootCertificates, ...system, ...pems], bundles };
}
