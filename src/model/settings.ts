/** The extension's settings, validated. Keys are constants so code and manifest agree. */
import * as l10n from '@vscode/l10n';
import { EMR_SERVERLESS_REGIONS } from './regions';

export const SETTINGS_SECTION = 'emrServerless';

/** What package.json's `contributes.configuration` says about one setting. */
export interface SettingSpec {
  readonly type: 'string' | 'integer' | 'array';
  readonly default: string | number | readonly never[];
  /** For integers: the smallest and largest value accepted, both inclusive. */
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * Each setting's type, default and limits: the one source for the code, mirrored in
 * package.json's `contributes.configuration` (a unit test compares the two). Page size is
 * bounded by ListSessions' and ListApplications' `maxResults` (1 to 50); the timeout is in
 * seconds, per attempt of a request. Its default, 10 s, is many times what an EMR Serverless
 * call takes (well under a second, a page of 50 sessions included), even through a proxy or a
 * VPN, and keeps the SDK's three attempts (its standard retry strategy retries a timeout) to
 * about 30 s before a row says there was no answer; 30 s an attempt kept a hung endpoint's
 * "Loading more…" for about 90 s.
 */
export const SETTINGS = {
  profile: { type: 'string', default: '' },
  region: { type: 'string', default: '' },
  endpoint: { type: 'string', default: '' },
  pageSize: { type: 'integer', default: 50, minimum: 1, maximum: 50 },
  requestTimeoutSeconds: { type: 'integer', default: 10, minimum: 1, maximum: 600 },
  pollIntervalSeconds: { type: 'integer', default: 5, minimum: 0, maximum: 300 },
  maxItems: { type: 'integer', default: 1000, minimum: 1, maximum: 100000 },
  /** Several connections (connectionList.ts); empty: the profile, region and endpoint settings are the one. */
  connections: { type: 'array', default: [] },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** Setting names under SETTINGS_SECTION, e.g. `emrServerless.pageSize`. */
export const SETTING_KEYS: { readonly [K in SettingKey]: K } = {
  profile: 'profile',
  region: 'region',
  endpoint: 'endpoint',
  pageSize: 'pageSize',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  pollIntervalSeconds: 'pollIntervalSeconds',
  maxItems: 'maxItems',
  connections: 'connections',
};

export const DEFAULT_PAGE_SIZE: number = SETTINGS.pageSize.default;
export const DEFAULT_TIMEOUT_SECONDS: number = SETTINGS.requestTimeoutSeconds.default;

export interface ConnectionSettings {
  /** Empty means the default credential provider chain. */
  readonly profile: string;
  /**
   * The region setting. Undefined: the SDK's region chain (AWS_REGION, then the profile's
   * `region`, then regions.ts's DEFAULT_REGION), resolved when the connection is first used.
   */
  readonly region?: string;
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

/** Whether `text` has the form of an AWS Region name, such as eu-west-1 (not whether EMR Serverless is offered there). */
export function isRegionName(text: string): boolean {
  return REGION_PATTERN.test(text);
}

/** Reads raw values (whatever the user typed) into settings that are safe to use. */
export function validateSettings(raw: Record<string, unknown>): ValidatedSettings {
  const warnings: string[] = [];
  const profile = typeof raw.profile === 'string' ? raw.profile.trim() : '';

  let region: string | undefined;
  const rawRegion = typeof raw.region === 'string' ? raw.region.trim() : '';
  if (rawRegion !== '') {
    if (!REGION_PATTERN.test(rawRegion)) {
      warnings.push(l10n.t('{0} "{1}" is not an AWS Region name; using the Region of {2} or the profile instead.', 'emrServerless.region', clip(rawRegion), 'AWS_REGION'));
    } else {
      region = rawRegion;
      // Used as set, since AWS adds Regions; but a typo such as us-east-9 should not go unnoticed.
      if (!EMR_SERVERLESS_REGIONS.some((r) => r.id === rawRegion)) {
        warnings.push(
          l10n.t(
            '{0} "{1}" is not a Region where EMR Serverless is offered; requests go there anyway and will likely fail. Choose one with "Select Region…".',
            'emrServerless.region',
            rawRegion,
          ),
        );
      }
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
      warnings.push(l10n.t('{0}: {1} Nothing is sent until it is fixed or cleared.', 'emrServerless.endpoint', checked));
    } else {
      endpoint = checked.href.replace(/\/$/, '');
    }
  }

  const pageSize = integerSetting(raw, 'pageSize', warnings);
  const timeout = integerSetting(raw, 'requestTimeoutSeconds', warnings);

  return {
    settings: {
      connection: {
        profile,
        ...(region ? { region } : {}),
        endpoint,
        ...(endpointError ? { endpointError } : {}),
        requestTimeoutMs: timeout * 1000,
      },
      pageSize,
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
    return l10n.t('"{0}" is not a URL (expected something like {1}).', clip(text), 'https://emr-serverless.us-east-1.amazonaws.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return l10n.t('"{0}" must start with https:// or http://.', clip(text));
  }
  if (url.username || url.password) {
    return l10n.t('The endpoint URL must not contain a user name or password.');
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

/** An integer setting within its limits, or its default with a warning saying so. */
function integerSetting(
  raw: Record<string, unknown>,
  key: 'pageSize' | 'requestTimeoutSeconds' | 'maxItems',
  warnings: string[],
): number {
  const { minimum, maximum, default: fallback } = SETTINGS[key];
  const value = raw[key];
  if (value === undefined) {
    return fallback;
  }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= minimum && n <= maximum) {
    return n;
  }
  warnings.push(
    l10n.t('{0} must be a whole number from {1} to {2}, not "{3}"; using {4}.', `${SETTINGS_SECTION}.${key}`, minimum, maximum, clip(String(value)), fallback),
  );
  return fallback;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * emrServerless.pollIntervalSeconds: how often rows on their way to another state are asked
 * for, in seconds; 0 turns polling off. Read apart from the connection settings, since a new
 * interval changes no listing.
 */
export const POLL_INTERVAL_SETTING = SETTING_KEYS.pollIntervalSeconds;
export const POLL_INTERVAL_SPEC = SETTINGS.pollIntervalSeconds;
export const DEFAULT_POLL_INTERVAL_SECONDS: number = POLL_INTERVAL_SPEC.default;

/**
 * Reads the raw poll interval setting: a whole number of seconds from 0 (off) to 300. Anything
 * else gives the default, 5, and a message saying so.
 */
export function validatePollInterval(raw: unknown): { seconds: number; warning?: string } {
  const { minimum, maximum } = POLL_INTERVAL_SPEC;
  if (raw === undefined) {
    return { seconds: DEFAULT_POLL_INTERVAL_SECONDS };
  }
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n === 'number' && Number.isInteger(n) && n >= minimum && n <= maximum) {
    return { seconds: n };
  }
  return {
    seconds: DEFAULT_POLL_INTERVAL_SECONDS,
    warning: l10n.t(
      '{0} must be a whole number from {1} (off) to {2}, not "{3}"; using {4}.',
      `${SETTINGS_SECTION}.${POLL_INTERVAL_SETTING}`,
      minimum,
      maximum,
      clip(String(raw)),
      DEFAULT_POLL_INTERVAL_SECONDS,
    ),
  };
}

/**
 * emrServerless.maxItems: how many sessions of one application Load All loads at most, and the
 * `--max-items` / `MaxItems` of a copied AWS CLI command or boto3 script (botocore's
 * PaginationConfig.MaxItems). Read when it is used; a value that cannot be used gives the
 * default and a warning saying so.
 */
export function validateMaxItems(raw: unknown): { maxItems: number; warning?: string } {
  const warnings: string[] = [];
  const maxItems = integerSetting({ maxItems: raw }, 'maxItems', warnings);
  return warnings[0] === undefined ? { maxItems } : { maxItems, warning: warnings[0] };
}
