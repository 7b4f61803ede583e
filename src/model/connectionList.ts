/**
 * The `emrServerless.connections` setting: the profiles and Regions the tree lists, each its
 * own connection. Validated entry by entry, so one bad entry is reported and dropped while the
 * others are used. With no usable list, the `profile`, `region` and `endpoint` settings are
 * the one connection (the shorthand).
 */
import * as l10n from '@vscode/l10n';
import { checkEndpoint, ConnectionSettings, ExplorerSettings, isRegionName, SETTING_KEYS, SETTINGS_SECTION } from './settings';
import { EMR_SERVERLESS_REGIONS } from './regions';

/** The setting's name under `emrServerless`. */
export const CONNECTIONS_SETTING = SETTING_KEYS.connections;

/** The setting's full key, as warnings name it (a key, never translated). */
const CONNECTIONS_KEY = `${SETTINGS_SECTION}.${CONNECTIONS_SETTING}`;

/** One entry of `emrServerless.connections`, as the user writes it in settings.json. */
export interface ConnectionEntry {
  /** AWS profile; empty means the default credential chain. */
  readonly profile: string;
  /** AWS Region, such as eu-west-1. */
  readonly region: string;
  /** A custom endpoint URL. */
  readonly endpoint?: string;
  /** What the tree calls the connection; `profile · region` when absent. */
  readonly label?: string;
}

/** A connection the explorer lists: its settings, its identity and its name. */
export interface ConnectionConfig {
  /**
   * Stable identity: profile, Region and endpoint. Two entries with the same identity are one
   * connection; a new identity is a new connection whose rows start empty.
   */
  readonly id: string;
  /** The row's label: the entry's label, else "profile · region" ("default chain" for no profile). */
  readonly name: string;
  readonly settings: ExplorerSettings;
  /** The entry as written, for editing the setting; undefined for the shorthand settings. */
  readonly entry?: ConnectionEntry;
}

export interface ResolvedConnections {
  readonly connections: readonly ConnectionConfig[];
  /** One message per entry that was dropped or partly ignored. */
  readonly warnings: string[];
  /** Whether the list comes from `emrServerless.connections` (false: the shorthand settings). */
  readonly fromList: boolean;
}

/** The identity of a connection: profile, Region (empty for the SDK's chain) and endpoint. */
export function connectionId(connection: Pick<ConnectionSettings, 'profile' | 'region' | 'endpoint' | 'endpointError'>): string {
  return JSON.stringify([connection.profile, connection.region ?? '', connection.endpoint ?? connection.endpointError ?? '']);
}

/** "prod · eu-west-1", or the label; "default chain" stands for an empty profile. */
export function connectionName(entry: { profile: string; region?: string; label?: string }): string {
  if (entry.label) {
    return entry.label;
  }
  return [entry.profile || 'default chain', entry.region].filter(Boolean).join(' · ');
}

/**
 * Reads `emrServerless.connections` (raw, as the configuration gives it) beside the shorthand
 * settings already validated. A non-empty usable list replaces the shorthand; an entry that is
 * not an object, lacks a profile or Region, has a Region that is not a Region name or repeats
 * another is dropped with a warning naming its position (1-based). An endpoint that is not a
 * URL keeps the entry, which then sends nothing and says so in its row, as the shorthand does.
 */
export function resolveConnections(raw: unknown, shorthand: ExplorerSettings): ResolvedConnections {
  const warnings: string[] = [];
  const connections: ConnectionConfig[] = [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    warnings.push(l10n.t('{0} must be a list of {1}; it is ignored.', CONNECTIONS_KEY, '{profile, region, endpoint?, label?}'));
  }
  const entries = Array.isArray(raw) ? raw : [];
  entries.forEach((value, index) => {
    const where = l10n.t({ message: '{0} entry {1}', args: [CONNECTIONS_KEY, index + 1], comment: ['{0} the setting emrServerless.connections, {1} the position in its list, from 1'] });
    const checked = checkEntry(value, where, warnings);
    if (!checked) {
      return;
    }
    const { entry, connection } = checked;
    const id = connectionId(connection);
    if (connections.some((c) => c.id === id)) {
      warnings.push(l10n.t('{0} repeats the profile, Region and endpoint of another entry; it is ignored.', where));
      return;
    }
    connections.push({
      id,
      name: connectionName(entry),
      entry,
      settings: {
        connection: { ...connection, requestTimeoutMs: shorthand.connection.requestTimeoutMs },
        pageSize: shorthand.pageSize,
      },
    });
  });
  if (connections.length > 0) {
    return { connections, warnings, fromList: true };
  }
  const c = shorthand.connection;
  return {
    connections: [{ id: connectionId(c), name: connectionName({ profile: c.profile, region: c.region }), settings: shorthand }],
    warnings,
    fromList: false,
  };
}

function checkEntry(
  value: unknown,
  where: string,
  warnings: string[],
): { entry: ConnectionEntry; connection: Omit<ConnectionSettings, 'requestTimeoutMs'> } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warnings.push(l10n.t('{0} is not an object like {1}; it is ignored.', where, '{"profile": "prod", "region": "eu-west-1"}'));
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.profile !== 'string') {
    warnings.push(l10n.t('{0} has no "profile" (use "" for the default credential chain); it is ignored.', where));
    return undefined;
  }
  const region = typeof v.region === 'string' ? v.region.trim() : '';
  if (!isRegionName(region)) {
    warnings.push(
      region
        ? l10n.t('{0} needs a "region" such as "eu-west-1", not "{1}"; it is ignored.', where, clip(region))
        : l10n.t('{0} needs a "region" such as "eu-west-1"; it is ignored.', where),
    );
    return undefined;
  }
  if (!EMR_SERVERLESS_REGIONS.some((r) => r.id === region)) {
    warnings.push(l10n.t('{0}: "{1}" is not a Region where EMR Serverless is offered; requests go there anyway and will likely fail.', where, region));
  }
  const profile = v.profile.trim();
  const label = typeof v.label === 'string' && v.label.trim() !== '' ? v.label.trim() : undefined;
  if (v.label !== undefined && typeof v.label !== 'string') {
    warnings.push(l10n.t('{0}: "label" must be text; it is ignored.', where));
  }
  let endpoint: string | undefined;
  let endpointError: string | undefined;
  const rawEndpoint = typeof v.endpoint === 'string' ? v.endpoint.trim() : '';
  if (v.endpoint !== undefined && typeof v.endpoint !== 'string') {
    endpointError = notAUrlString();
  } else if (rawEndpoint !== '') {
    const checked = checkEndpoint(rawEndpoint);
    if (typeof checked === 'string') {
      endpointError = checked;
    } else {
      endpoint = checked.href.replace(/\/$/, '');
    }
  }
  if (endpointError) {
    warnings.push(l10n.t('{0}: {1} Nothing is sent for this connection until it is fixed.', where, endpointError));
  }
  const entry: ConnectionEntry = {
    profile,
    region,
    ...(rawEndpoint ? { endpoint: rawEndpoint } : {}),
    ...(label ? { label } : {}),
  };
  return { entry, connection: { profile, region, endpoint, ...(endpointError ? { endpointError } : {}) } };
}

/**
 * The list with one more entry. When the list is empty (the shorthand settings were in use),
 * the shorthand connection becomes the first entry, so adding a connection never hides the one
 * the tree showed; `shorthandRegion` is the Region that connection resolved, if its setting is
 * empty. Returns undefined when an entry with the same profile, Region and endpoint exists.
 */
export function withConnectionAdded(
  current: readonly ConnectionEntry[],
  added: ConnectionEntry,
  shorthand: { profile: string; region?: string; endpoint?: string } | undefined,
  shorthandRegion: string | undefined,
): ConnectionEntry[] | undefined {
  const list = [...current];
  if (list.length === 0 && shorthand) {
    const region = shorthand.region ?? shorthandRegion;
    if (region) {
      list.push({ profile: shorthand.profile, region, ...(shorthand.endpoint ? { endpoint: shorthand.endpoint } : {}) });
    }
  }
  const same = (e: ConnectionEntry) =>
    e.profile === added.profile && e.region === added.region && (e.endpoint ?? '') === (added.endpoint ?? '');
  if (list.some(same)) {
    return undefined;
  }
  list.push(added);
  return list;
}

/** The list without the entry of connection `id` (by profile, Region and endpoint). */
export function withConnectionRemoved(current: readonly unknown[], id: string): unknown[] {
  return current.filter((value) => idOfEntry(value) !== id);
}

/**
 * The list with the entry of connection `id` given another profile or Region (its endpoint and
 * label kept), for Select Profile… and Select Region… while the list is in use. `notFound` when
 * no entry has that identity (it is set elsewhere, such as in the workspace settings);
 * `duplicate` when another entry already has the profile, Region and endpoint it would get.
 */
export function withConnectionChanged(
  current: readonly unknown[],
  id: string,
  change: { readonly profile?: string; readonly region?: string },
): unknown[] | 'notFound' | 'duplicate' {
  const index = current.findIndex((value) => idOfEntry(value) === id);
  if (index < 0) {
    return 'notFound';
  }
  const changed = { ...(current[index] as Record<string, unknown>), ...change };
  const changedId = idOfEntry(changed);
  if (current.some((value, i) => i !== index && idOfEntry(value) === changedId)) {
    return 'duplicate';
  }
  return current.map((value, i) => (i === index ? changed : value));
}

/** The identity (connectionId) of a raw entry of the setting; undefined for one without a profile and Region. */
function idOfEntry(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.profile !== 'string' || typeof v.region !== 'string') {
    return undefined;
  }
  const endpointText = typeof v.endpoint === 'string' ? v.endpoint.trim() : '';
  const checked = endpointText ? checkEndpoint(endpointText) : undefined;
  const endpoint =
    checked === undefined ? undefined : typeof checked === 'string' ? undefined : checked.href.replace(/\/$/, '');
  const endpointError =
    v.endpoint !== undefined && typeof v.endpoint !== 'string'
      ? notAUrlString()
      : typeof checked === 'string'
        ? checked
        : undefined;
  return connectionId({ profile: v.profile.trim(), region: v.region.trim(), endpoint, endpointError });
}

function notAUrlString(): string {
  return l10n.t('"endpoint" must be a URL string.');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
