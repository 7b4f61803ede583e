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

const CLIENT_TOKEN = /^[A-Za-z0-9._-]+$/;
const IAM_ROLE_ARN = /^arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)$/;
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
  if (clientToken !== undefined && (clientToken.length > 64 || !CLIENT_TOKEN.test(clientToken))) {
    v.add(clientToken, 'clientToken', 'Member must satisfy regular expression pattern: [A-Za-z0-9._-]+ and have length 1 to 64');
  }
  const executionRoleArn = requiredString(v, body, 'executionRoleArn');
  if (executionRoleArn !== undefined && (executionRoleArn.length < 20 || executionRoleArn.length > 2048 || !IAM_ROLE_ARN.test(executionRoleArn))) {
    v.add(executionRoleArn, 'executionRoleArn', 'Member must be an IAM role ARN (arn:aws:iam::123456789012:role/NAME)');
  }
  const input: StartSessionInput = { clientToken: clientToken ?? '', executionRoleArn: executionRoleArn ?? '' };
  const { name, idleTimeoutMinutes, tags, configurationOverrides } = body;
  if (name !== undefined) {
    if (typeof name !== 'string' || name.length < 1 || name.length > 256 || !NOT_BLANK.test(name)) {
      v.add(shown(name), 'name', 'Member must be a non-blank string of length 1 to 256');
    } else {
      input.name = name;
    }
  }
  if (idleTimeoutMinutes !== undefined) {
    if (typeof idleTimeoutMinutes !== 'number' || !Number.isInteger(idleTimeoutMinutes) || idleTimeoutMinutes < 0 || idleTimeoutMinutes > 1_000_000) {
      v.add(shown(idleTimeoutMinutes), 'idleTimeoutMinutes', 'Member must be an integer from 0 to 1000000');
    } else {
      input.idleTimeoutMinutes = idleTimeoutMinutes;
    }
  }
  if (tags !== undefined) {
    if (!isObject(tags) || Object.keys(tags).length > 200) {
      v.add(shown(tags), 'tags', 'Member must be a map of at most 200 tags');
    } else {
      for (const [key, value] of Object.entries(tags)) {
        if (key.length > 128 || !TAG_KEY.test(key)) {
          v.add(key, 'tags', 'Map keys must satisfy regular expression pattern: [A-Za-z0-9 /_.:=+@-]+ and have length 1 to 128');
        } else if (typeof value !== 'string' || value.length > 256 || !TAG_VALUE.test(value)) {
          v.add(shown(value), `tags.${key}`, 'Member must satisfy regular expression pattern: [A-Za-z0-9 /_.:=+@-]*');
        }
      }
      input.tags = tags as Record<string, string>;
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
