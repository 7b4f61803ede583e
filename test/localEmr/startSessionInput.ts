/** The StartSession request body: parsing and the model's constraints. */
import type { Configuration, SessionConfigurationOverrides } from './model';
import { serviceErrors } from './serviceErrors';
import { Violations } from './validation';

export interface StartSessionInput {
  clientToken: string;
  executionRoleArn: string;
  name?: string;
  idleTimeoutMinutes?: number;
  tags?: Record<string, string>;
  configurationOverrides?: SessionConfigurationOverrides;
}

/** Constraints of the model's StartSessionRequest shapes (ClientToken, IAMRoleArn, TagMap, Duration). */
const CLIENT_TOKEN = /^[A-Za-z0-9._-]+$/;
const IAM_ROLE_ARN_PATTERN = 'arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):(role((\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F))[\\w+=,.@-]+)';
const IAM_ROLE_ARN = new RegExp(`^${IAM_ROLE_ARN_PATTERN}$`);
const MAX_TAGS = 200;
const MAX_IDLE_TIMEOUT_MINUTES = 1_000_000;
const TAG_KEY = /^[A-Za-z0-9 /_.:=+@-]+$/;
const TAG_VALUE = /^[A-Za-z0-9 /_.:=+@-]*$/;
const NOT_BLANK = /\S/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function requiredString(v: Violations, body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    v.list.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof value !== 'string') {
    v.add(shown(value), field, 'Member must be a string');
    return undefined;
  }
  return value;
}

/**
 * A string's length (min to max) and whole-string pattern, reported as the service words them,
 * length first. Returns true when the value is fine.
 */
function checkString(v: Violations, value: string, field: string, min: number, max: number, pattern: RegExp, patternText: string): boolean {
  if (value.length < min) {
    v.add(value, field, `Member must have length greater than or equal to ${min}`);
    return false;
  }
  if (value.length > max) {
    v.add(value, field, `Member must have length less than or equal to ${max}`);
    return false;
  }
  if (!pattern.test(value)) {
    v.add(value, field, `Member must satisfy regular expression pattern: ${patternText}`);
    return false;
  }
  return true;
}

function checkConfigurations(v: Violations, list: unknown, path: string): void {
  if (!Array.isArray(list)) {
    v.add(shown(list), path, 'Member must be a list');
    return;
  }
  if (list.length > 100) {
    v.add(`[${list.length} items]`, path, 'Member must have length less than or equal to 100');
  }
  list.forEach((item: unknown, i) => {
    const here = `${path}.${i + 1}.member`;
    if (!isObject(item) || typeof item['classification'] !== 'string' || !NOT_BLANK.test(item['classification'])) {
      v.list.push(`Value null at '${here}.classification' failed to satisfy constraint: Member must not be null`);
      return;
    }
    const props = item['properties'];
    if (props !== undefined && (!isObject(props) || Object.values(props).some((p) => typeof p !== 'string'))) {
      v.add(shown(props), `${here}.properties`, 'Member must be a map of strings');
    }
    if (item['configurations'] !== undefined) {
      checkConfigurations(v, item['configurations'], `${here}.configurations`);
    }
  });
}

/** Parses and validates a StartSession body; throws ValidationException listing every violation. */
export function parseStartSession(rawBody: Buffer): StartSessionInput {
  let body: unknown;
  try {
    body = rawBody.length === 0 ? {} : JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw serviceErrors.invalidRequest('The request body is not valid JSON.');
  }
  if (!isObject(body)) {
    throw serviceErrors.invalidRequest('The request body must be a JSON object.');
  }
  const v = new Violations();
  const clientToken = requiredString(v, body, 'clientToken');
  if (clientToken !== undefined) {
    checkString(v, clientToken, 'clientToken', 1, 64, CLIENT_TOKEN, '[A-Za-z0-9._-]+');
  }
  const executionRoleArn = requiredString(v, body, 'executionRoleArn');
  if (executionRoleArn !== undefined) {
    checkString(v, executionRoleArn, 'executionRoleArn', 20, 2048, IAM_ROLE_ARN, IAM_ROLE_ARN_PATTERN);
  }
  const input: StartSessionInput = { clientToken: clientToken ?? '', executionRoleArn: executionRoleArn ?? '' };
  const { name, idleTimeoutMinutes, tags, configurationOverrides } = body;
  if (name !== undefined) {
    if (typeof name !== 'string') {
      v.add(shown(name), 'name', 'Member must be a string');
    } else if (checkString(v, name, 'name', 1, 256, NOT_BLANK, '.*\\S.*')) {
      input.name = name;
    }
  }
  if (idleTimeoutMinutes !== undefined) {
    if (typeof idleTimeoutMinutes !== 'number' || !Number.isInteger(idleTimeoutMinutes)) {
      v.add(shown(idleTimeoutMinutes), 'idleTimeoutMinutes', 'Member must be an integer');
    } else if (idleTimeoutMinutes < 0) {
      v.add(shown(idleTimeoutMinutes), 'idleTimeoutMinutes', 'Member must have value greater than or equal to 0');
    } else if (idleTimeoutMinutes > MAX_IDLE_TIMEOUT_MINUTES) {
      v.add(shown(idleTimeoutMinutes), 'idleTimeoutMinutes', `Member must have value less than or equal to ${MAX_IDLE_TIMEOUT_MINUTES}`);
    } else {
      input.idleTimeoutMinutes = idleTimeoutMinutes;
    }
  }
  if (tags !== undefined) {
    if (!isObject(tags)) {
      v.add(shown(tags), 'tags', 'Member must be a map');
    } else {
      const before = v.list.length;
      const count = Object.keys(tags).length;
      if (count > MAX_TAGS) {
        v.add(`{${count} tags}`, 'tags', `Member must have length less than or equal to ${MAX_TAGS}`);
      }
      for (const [key, value] of Object.entries(tags)) {
        checkString(v, key, 'tags.key', 1, 128, TAG_KEY, '[A-Za-z0-9 /_.:=+@-]+');
        if (typeof value !== 'string') {
          v.add(shown(value), `tags.${key}`, 'Member must be a string');
        } else {
          checkString(v, value, `tags.${key}`, 0, 256, TAG_VALUE, '[A-Za-z0-9 /_.:=+@-]*');
        }
      }
      if (v.list.length === before) {
        input.tags = tags as Record<string, string>;
      }
    }
  }
  if (configurationOverrides !== undefined) {
    if (!isObject(configurationOverrides)) {
      v.add(shown(configurationOverrides), 'configurationOverrides', 'Member must be a structure');
    } else {
      const runtime = configurationOverrides['runtimeConfiguration'];
      if (runtime !== undefined) {
        checkConfigurations(v, runtime, 'configurationOverrides.runtimeConfiguration');
      }
      input.configurationOverrides =
        runtime === undefined ? {} : { runtimeConfiguration: runtime as Configuration[] };
    }
  }
  v.throwIfAny();
  return input;
}
