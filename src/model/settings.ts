/** The extension's settings, validated. Keys are constants so code and manifest agree. */
export const SETTINGS_SECTION = 'emrServerless';
export const SETTING_KEYS = {
  profile: 'profile',
  region: 'region',
  endpoint: 'endpoint',
  pageSize: 'pageSize',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const;

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface ConnectionSettings {
  /** Empty means the default credential provider chain. */
  readonly profile: string;
  readonly region: string;
  /** A custom endpoint URL, or undefined for the service's own. */
  readonly endpoint?: string;
  /** Why the endpoint setting cannot be used; nothing is sent while it is set. */
  readonly endpointError?: string;
  readonly requestTimeoutMs: number;
}

export interface ExplorerSettings {
  readonly connection: ConnectionSettings;
  readonly pageSize: number;
}

export interface ValidatedSettings {
  readonly settings: ExplorerSettings;
  /** One message per setting that was ignored, saying what was used instead. */
  readonly warnings: string[];
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Reads raw values (whatever the user typed) into settings that are safe to use. */
export function validateSettings(raw: Record<string, unknown>): ValidatedSettings {
  const warnings: string[] = [];
  const profile = typeof raw.profile === 'string' ? raw.profile.trim() : '';

  let region = DEFAULT_REGION;
  const rawRegion = typeof raw.region === 'string' ? raw.region.trim() : '';
  if (rawRegion !== '') {
    if (REGION_PATTERN.test(rawRegion)) {
      region = rawRegion;
    } else {
      warnings.push(`emrServerless.region "${clip(rawRegion)}" is not an AWS region name; using ${DEFAULT_REGION}.`);
    }
  }

  // An endpoint that cannot be used sends nothing at all: falling back to the public
  // endpoint could send requests somewhere the user did not mean them to go.
  let endpoint: string | undefined;
  let endpointError: string | undefined;
  const rawEndpoint = typeof raw.endpoint === 'string' ? raw.endpoint.trim() : '';
  if (rawEndpoint !== '') {
    const checked = checkEndpoint(rawEndpoint);
    if (typeof checked === 'string') {
      endpointError = checked;
      warnings.push(`emrServerless.endpoint: ${checked} Nothing is sent until it is fixed or cleared.`);
    } else {
      endpoint = checked.href.replace(/\/$/, '');
    }
  }

  const pageSize = integerIn(raw.pageSize, 1, 50);
  if (raw.pageSize !== undefined && pageSize === undefined) {
    warnings.push(`emrServerless.pageSize must be a whole number from 1 to 50, not "${clip(String(raw.pageSize))}"; using ${DEFAULT_PAGE_SIZE}.`);
  }
  const timeout = integerIn(raw.requestTimeoutSeconds, 1, 600);
  if (raw.requestTimeoutSeconds !== undefined && timeout === undefined) {
    warnings.push(
      `emrServerless.requestTimeoutSeconds must be a whole number from 1 to 600, not "${clip(String(raw.requestTimeoutSeconds))}"; using ${DEFAULT_TIMEOUT_SECONDS}.`,
    );
  }

  return {
    settings: {
      connection: {
        profile,
        region,
        endpoint,
        ...(endpointError ? { endpointError } : {}),
        requestTimeoutMs: (timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
      },
      pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
    },
    warnings,
  };
}

/** Raised instead of sending a request while a setting cannot be used. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(
    /** One line for the tree. */
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** A URL with http or https and a host, or a message saying what is wrong. */
export function checkEndpoint(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${clip(text)}" is not a URL (expected something like https://emr-serverless.us-east-1.amazonaws.com).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `"${clip(text)}" must start with https:// or http://.`;
  }
  if (url.username || url.password) {
    return 'The endpoint URL must not contain a user name or password.';
  }
  return url;
}

/**
 * A plain-http endpoint that is not on this machine would carry signed requests in clear
 * text; such an endpoint needs the user's explicit confirmation.
 */
export function needsPlainHttpConsent(endpoint: string | undefined): boolean {
  if (!endpoint) {
    return false;
  }
  const url = new URL(endpoint);
  if (url.protocol !== 'http:') {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

export function sameConnection(a: ConnectionSettings, b: ConnectionSettings): boolean {
  return (
    a.profile === b.profile &&
    a.region === b.region &&
    a.endpoint === b.endpoint &&
    a.endpointError === b.endpointError &&
    a.requestTimeoutMs === b.requestTimeoutMs
  );
}

function integerIn(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
