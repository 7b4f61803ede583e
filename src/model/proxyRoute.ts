/**
 * Which proxy, if any, a request to a URL goes through: VS Code's `http.proxy` and
 * `http.noProxy` settings, then the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables.
 * Pure: the VS Code layer reads the settings, src/aws builds the agents from the answer.
 */

/** Where a proxy came from: VS Code's setting or one environment variable, by its exact name. */
export type ProxySource = 'http.proxy' | 'https_proxy' | 'HTTPS_PROXY' | 'http_proxy' | 'HTTP_PROXY';

/** What decides the proxy of a request (see proxyFor). */
export interface ProxyConfig {
  /** VS Code's `http.proxy`; empty or undefined when not set. */
  readonly proxySetting?: string;
  /**
   * VS Code's `http.proxyStrictSSL` (default true): false accepts a certificate that cannot be
   * verified, from the proxy or from a host reached through it.
   */
  readonly strictSSL: boolean;
  /** VS Code's `http.noProxy`: when it holds any entry, NO_PROXY is not read (as in VS Code). */
  readonly noProxySetting: readonly string[];
  /** The environment (process.env in the extension host). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The proxy a request goes through. */
export interface ProxyRoute {
  /** The proxy's URL as configured, with any user and password: only for the agent, never shown. */
  readonly url: string;
  /** The proxy's URL without user or password, for messages and the log (`http://proxy:3128`). */
  readonly display: string;
  readonly source: ProxySource;
}

/** The environment variables that name extra CA bundles (PEM files), in the order they are read. */
export const CA_BUNDLE_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE'] as const;
export type CaBundleVariable = (typeof CA_BUNDLE_VARIABLES)[number];

/** What the SDK side found out about a failure on the way to a host. */
export interface NetworkFailure {
  /** The proxy the connection went through, without user or password. */
  readonly proxy?: Pick<ProxyRoute, 'display' | 'source'>;
  /** 'proxy': the proxy could not be reached, or refused the tunnel; 'target': beyond it. */
  readonly stage: 'proxy' | 'target';
  /** The status the proxy answered CONNECT with, when not 200 (407: it wants credentials). */
  readonly proxyStatus?: number;
  /** The CA bundles trusted besides the usual roots. */
  readonly caBundles: readonly CaBundleVariable[];
}

/**
 * Hosts that never go through a proxy, whatever is configured: VS Code sends requests to these
 * direct too (@vscode/proxy-agent's resolver), since a proxy elsewhere cannot reach this machine.
 */
export const DIRECT_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/**
 * The proxy for a request to `target`, or undefined to connect direct.
 * - Hosts in DIRECT_HOSTS go direct.
 * - `http.noProxy` entries, or when there are none NO_PROXY (lower-case first), send matching
 *   hosts direct (see noProxyMatches).
 * - Otherwise `http.proxy` when set (it applies to http and https URLs, as in VS Code);
 * - otherwise, for https URLs `https_proxy` then `HTTPS_PROXY`, for http URLs `http_proxy`
 *   then `HTTP_PROXY` (the lower-case name wins, as in curl and the AWS CLI).
 * A value without a scheme is taken as `http://`. A value that is not an http or https URL
 * (such as socks5://) is not used; proxyConfigWarnings says so.
 */
export function proxyFor(target: string | URL, config: ProxyConfig): ProxyRoute | undefined {
  const url = typeof target === 'string' ? new URL(target) : target;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (DIRECT_HOSTS.includes(host)) {
    return undefined;
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const noProxy = config.noProxySetting.length > 0 ? config.noProxySetting : splitNoProxy(config.env.no_proxy ?? config.env.NO_PROXY ?? '');
  if (noProxyMatches(host, port, noProxy)) {
    return undefined;
  }
  for (const source of candidates(url.protocol)) {
    const value = source === 'http.proxy' ? config.proxySetting : config.env[source];
    if (value && value.trim()) {
      const proxy = parseProxyUrl(value);
      return proxy ? { url: proxy.href, display: displayUrl(proxy), source } : undefined;
    }
  }
  return undefined;
}

/**
 * Why a configured proxy cannot be used, one message each (empty when all can): VS Code's
 * `http.proxy` and the proxy environment variables, as proxyFor reads them.
 */
export function proxyConfigWarnings(config: ProxyConfig): string[] {
  const warnings: string[] = [];
  for (const source of ['http.proxy', 'https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const) {
    const value = source === 'http.proxy' ? config.proxySetting : config.env[source];
    if (value && value.trim() && !parseProxyUrl(value)) {
      warnings.push(`${source} "${displayText(value)}" is not an http:// or https:// proxy URL; requests that would use it go direct.`);
    }
  }
  return warnings;
}

/**
 * Whether `host` (lower case, IPv6 without brackets) on `port` matches a NO_PROXY list, as
 * curl and the AWS CLI read it: `*` matches every host; `example.com`, `.example.com` and
 * `*.example.com` match example.com and every host under it; `host:port` matches that port
 * only; an IPv4 or IPv6 address matches itself.
 */
export function noProxyMatches(host: string, port: string, entries: readonly string[]): boolean {
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) {
      return false;
    }
    if (entry === '*') {
      return true;
    }
    // "[::1]:8080", "::1", "host:8080", "host"
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const withPort = /^([^:]+):(\d+)$/.exec(entry);
    const [name, entryPort] = bracketed ? [bracketed[1], bracketed[2]] : withPort ? [withPort[1], withPort[2]] : [entry, undefined];
    if (entryPort && entryPort !== port) {
      return false;
    }
    const suffix = name.replace(/^\*?\.?/, '');
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}

/** A NO_PROXY value split into entries (commas or spaces). */
export function splitNoProxy(value: string): string[] {
  return value.split(/[\s,]+/).filter((entry) => entry !== '');
}

/** The URL without user or password, for messages: `http://proxy.corp:3128`. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function candidates(protocol: string): ProxySource[] {
  return protocol === 'https:' ? ['http.proxy', 'https_proxy', 'HTTPS_PROXY'] : ['http.proxy', 'http_proxy', 'HTTP_PROXY'];
}

function parseProxyUrl(value: string): URL | undefined {
  const text = value.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A configured value for a message: without user or password when it parses, clipped otherwise. */
function displayText(value: string): string {
  try {
    return displayUrl(new URL(value.trim()));
  } catch {
    const text = value.trim().replace(/\/\/[^/@]*@/, '//');
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  }
}
