import * as l10n from '@vscode/l10n';
/**
 * What Start Session needs before it sends anything: which applications can take an
 * interactive session, and the wizard's typed input checked the way the service checks it.
 * Facts: the EMR Serverless API reference and service model (StartSession), and AWS's
 * Spark Connect samples (release emr-7.13.0 or later, `interactiveConfiguration.sessionEnabled`).
 */
import type { Application, StartSessionRequest } from '@aws-sdk/client-emr-serverless';
import { describeError } from './awsErrors';

/** The first release whose applications run interactive (Spark Connect) sessions. */
export const FIRST_SESSION_RELEASE = 'emr-7.13.0';

/** The service's default idle timeout, in minutes. */
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 60;
/**
 * The wizard's bounds on the idle timeout, in minutes: at least 1, at most the 24-hour limit.
 * Inside the service model's own bounds (Duration, 0 to 1,000,000).
 */
export const IDLE_TIMEOUT_RANGE = { min: 1, max: 1440 } as const;
/** A session's name: 1 to 256 characters, not all blank (service model, String256). */
export const MAX_SESSION_NAME = 256;
/** Tags per session (service model, TagMap). */
export const MAX_TAGS = 200;
/** A tag key: 1 to 128 characters of TAG_CHARACTERS (service model, TagKey). */
export const MAX_TAG_KEY = 128;
/** A tag value: 0 to 256 characters of TAG_CHARACTERS (service model, TagValue). */
export const MAX_TAG_VALUE = 256;
/** The characters a tag key or value may hold (service model, TagKey and TagValue patterns). */
const TAG_CHARACTER = /[A-Za-z0-9 /_.:=+@-]/;
/** Spark properties per configuration (service model, SensitivePropertiesMap). */
export const MAX_SPARK_PROPERTIES = 100;
/**
 * A Spark property's key: 1 to 1,024 characters; its value: up to 1,024 characters, not all
 * blank (service model, ConfigurationPropertyKey and ConfigurationPropertyValue).
 */
export const MAX_SPARK_PROPERTY_TEXT = 1024;

/**
 * The numeric parts of an `emr-X.Y.Z` release label, or undefined for any other label
 * (`emr-6.9.0-latest` reads as 6.9.0).
 */
export function releaseVersion(label: string | undefined): [number, number, number] | undefined {
  const m = /^emr-(\d+)\.(\d+)\.(\d+)/.exec(label ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Whether a release label is emr-7.13.0 or later. Unknown labels are not. */
export function supportsSessions(label: string | undefined): boolean {
  const v = releaseVersion(label);
  const min = releaseVersion(FIRST_SESSION_RELEASE)!;
  if (!v) {
    return false;
  }
  for (let i = 0; i < 3; i++) {
    if (v[i] !== min[i]) {
      return v[i] > min[i];
    }
  }
  return true;
}

/**
 * Why an application, as ListApplications lists it (its `type` and `releaseLabel`), can never
 * hold interactive sessions, or undefined when it may: only SPARK applications on
 * emr-7.13.0 or later have them (EMR Serverless API reference, StartSession).
 */
export function sessionsUnsupported(app: { readonly type?: string; readonly releaseLabel?: string }): string | undefined {
  if (app.type && app.type.toUpperCase() !== 'SPARK') {
    return l10n.t('{0} applications have no interactive sessions', app.type);
  }
  if (!supportsSessions(app.releaseLabel)) {
    return app.releaseLabel
      ? l10n.t('{0} is older than {1}', app.releaseLabel, FIRST_SESSION_RELEASE)
      : l10n.t('this release is older than {0}', FIRST_SESSION_RELEASE);
  }
  return undefined;
}

/**
 * Why no session can start in `app`, as one sentence for a warning, or undefined when one can.
 * `error` is what stopped GetApplication for it, if anything; otherwise the reason comes from
 * sessionEligibility (type, release, interactive sessions setting, state).
 */
export function startRefusal(app: Application, error?: string): string | undefined {
  const name = app.name ?? app.applicationId ?? l10n.t('this application');
  if (error) {
    return l10n.t('No session can start in {0}: {1}', name, error);
  }
  const eligibility = sessionEligibility(app);
  return eligibility.ok ? undefined : l10n.t('No session can start in {0}: {1}.', name, eligibility.reason);
}

/**
 * Whether an application (as GetApplication returns it) can take a session now, and if not,
 * why, in words for a disabled quick-pick item.
 */
export function sessionEligibility(app: Application): { ok: true } | { ok: false; reason: string } {
  const never = sessionsUnsupported(app);
  if (never) {
    return { ok: false, reason: never };
  }
  if (!app.interactiveConfiguration?.sessionEnabled) {
    return { ok: false, reason: l10n.t('interactive sessions are not enabled on this application') };
  }
  const autoStart = app.autoStartConfiguration?.enabled !== false;
  switch (app.state) {
    case 'STARTED':
      return { ok: true };
    case 'CREATED':
    case 'STOPPED':
      return autoStart ? { ok: true } : { ok: false, reason: l10n.t({ message: '{0} and auto-start is off: start the application first', args: [app.state], comment: ['{0} an application state, CREATED or STOPPED'] }) };
    default:
      return { ok: false, reason: app.state ? l10n.t('the application is {0}', app.state) : l10n.t('the application is in an unknown state') };
  }
}

/**
 * An IAM role ARN, 20 to 2,048 characters, as the service model's IAMRoleArn pattern has it:
 * partition, 12-digit account, `role/`, an optional path, and the role name.
 */
const ROLE_ARN = /^arn:aws[a-zA-Z0-9-]*:iam::\d{12}:role(\/|\/[\u0021-\u007F]+\/)[\w+=,.@-]+$/;
const ROLE_ARN_LENGTH = { min: 20, max: 2048 } as const;

/** Undefined when the text is an IAM role ARN, otherwise what is wrong with it. */
export function checkRoleArn(text: string): string | undefined {
  const t = text.trim();
  if (t === '') {
    return l10n.t('An execution role is required: an IAM role ARN such as {0}.', 'arn:aws:iam::123456789012:role/EMRServerlessSessionRole');
  }
  if (!ROLE_ARN.test(t) || t.length < ROLE_ARN_LENGTH.min || t.length > ROLE_ARN_LENGTH.max) {
    return l10n.t('"{0}" is not an IAM role ARN ({1}).', clip(t), 'arn:aws:iam::ACCOUNT_ID:role/NAME');
  }
  return undefined;
}

/** Undefined when the name is usable (empty means no name), otherwise what is wrong. */
export function checkSessionName(text: string): string | undefined {
  return text.trim().length > MAX_SESSION_NAME ? l10n.t('A name has at most {0} characters (this one has {1}).', MAX_SESSION_NAME, text.trim().length) : undefined;
}

/** The idle timeout in minutes, or a message. Empty means the default. */
export function parseIdleTimeout(text: string): number | string {
  const t = text.trim();
  if (t === '') {
    return DEFAULT_IDLE_TIMEOUT_MINUTES;
  }
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isInteger(n) || n < IDLE_TIMEOUT_RANGE.min || n > IDLE_TIMEOUT_RANGE.max) {
    return l10n.t('The idle timeout is a whole number of minutes from {0} to {1} (24 hours), not "{2}".', IDLE_TIMEOUT_RANGE.min, IDLE_TIMEOUT_RANGE.max, clip(t));
  }
  return n;
}

/**
 * Where a new Spark property starts after a comma: a key that begins with a letter and holds
 * letters, digits, `.`, `_` and `-` (as `spark.executor.memory` does), then `=`. Any other text
 * after a comma continues the value before it, so that
 * `spark.jars.packages=io.delta:delta-spark_2.12:3.2.0,org.apache.hadoop:hadoop-aws:3.3.4` is
 * one property.
 */
const PROPERTY_KEY = '[A-Za-z][\\w.-]*';
const PROPERTY_START = new RegExp(`^\\s*${PROPERTY_KEY}\\s*=`);
/** A comma in a value that formatKeyValues writes as `\,`, because a new property would seem to follow it. */
const AMBIGUOUS_COMMA = new RegExp(`,(?=\\s*${PROPERTY_KEY}\\s*=)`, 'g');

/**
 * The pairs of the wizard's text, untrimmed and never blank: split at new lines and at commas;
 * `\,` is a comma that splits nothing. For Spark properties a comma splits only where a new
 * `key=` follows on the same line.
 */
function splitPairs(text: string, what: 'Spark property' | 'tag'): string[] {
  const pairs: string[] = [];
  for (const line of text.split('\n')) {
    const lineStart = pairs.length;
    for (const part of line.split(/(?<!\\),/)) {
      const piece = part.replace(/\\,/g, ',');
      if (piece.trim() === '') {
        continue;
      }
      if (what === 'Spark property' && pairs.length > lineStart && !PROPERTY_START.test(piece)) {
        pairs[pairs.length - 1] += `,${piece}`;
      } else {
        pairs.push(piece);
      }
    }
  }
  return pairs;
}

/**
 * `key=value` pairs separated by commas or new lines, as typed in the wizard, into a map;
 * or a message naming the first pair that cannot be read. Empty text is an empty map. A Spark
 * property's value may hold commas (see PROPERTY_START); `\,` is a comma in any value.
 */
export function parseKeyValues(text: string, what: 'Spark property' | 'tag'): Record<string, string> | string {
  const result: Record<string, string> = {};
  for (const raw of splitPairs(text, what)) {
    const pair = raw.trim();
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const key = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (eq <= 0 || key === '') {
      return what === 'tag' ? l10n.t('Each tag is key=value; "{0}" is not.', clip(pair)) : l10n.t('Each Spark property is key=value; "{0}" is not.', clip(pair));
    }
    if (key in result) {
      return what === 'tag' ? l10n.t('The tag "{0}" is given twice.', clip(key)) : l10n.t('The Spark property "{0}" is given twice.', clip(key));
    }
    result[key] = pair.slice(eq + 1).trim();
  }
  return (what === 'tag' ? checkTags(result) : checkSparkProperties(result)) ?? result;
}

/** What is wrong with tags as the service model constrains them (TagMap, TagKey, TagValue), or undefined. */
function checkTags(tags: Record<string, string>): string | undefined {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    return l10n.t('At most {0} tags ({1} given).', MAX_TAGS, keys.length);
  }
  for (const [key, value] of Object.entries(tags)) {
    if (key.length > MAX_TAG_KEY) {
      return l10n.t('A tag key has at most {0} characters ("{1}" has {2}).', MAX_TAG_KEY, clip(key), key.length);
    }
    if (value.length > MAX_TAG_VALUE) {
      return l10n.t('A tag value has at most {0} characters (the value of "{1}" has {2}).', MAX_TAG_VALUE, clip(key), value.length);
    }
    const badKey = disallowed(key);
    if (badKey) {
      return l10n.t('The tag key "{0}" holds {1}: tags hold only letters, digits, spaces and {2}', clip(key), badKey, '_ . : / = + - @');
    }
    const badValue = disallowed(value);
    if (badValue) {
      return l10n.t('The value of tag "{0}" holds {1}: tags hold only letters, digits, spaces and {2}', clip(key), badValue, '_ . : / = + - @');
    }
  }
  return undefined;
}

/** The characters of a tag's text that TAG_CHARACTER does not allow, quoted, or '' when none. */
function disallowed(text: string): string {
  const bad = [...new Set([...text].filter((c) => !TAG_CHARACTER.test(c)))];
  return bad.map((c) => `"${c}"`).join(' ');
}

/** What is wrong with Spark properties as the service model constrains them (SensitivePropertiesMap), or undefined. */
function checkSparkProperties(props: Record<string, string>): string | undefined {
  const keys = Object.keys(props);
  if (keys.length > MAX_SPARK_PROPERTIES) {
    return l10n.t('At most {0} Spark properties ({1} given).', MAX_SPARK_PROPERTIES, keys.length);
  }
  for (const [key, value] of Object.entries(props)) {
    if (key.length > MAX_SPARK_PROPERTY_TEXT) {
      return l10n.t('A Spark property key has at most {0} characters ("{1}" has {2}).', MAX_SPARK_PROPERTY_TEXT, clip(key), key.length);
    }
    if (value.length > MAX_SPARK_PROPERTY_TEXT) {
      return l10n.t('A Spark property value has at most {0} characters (the value of "{1}" has {2}).', MAX_SPARK_PROPERTY_TEXT, clip(key), value.length);
    }
    if (value === '') {
      return l10n.t('The Spark property "{0}" has no value.', clip(key));
    }
  }
  return undefined;
}

/** What the wizard collected. */
export interface StartSessionChoices {
  readonly applicationId: string;
  readonly executionRoleArn: string;
  readonly name?: string;
  readonly idleTimeoutMinutes: number;
  readonly sparkProperties: Record<string, string>;
  readonly tags: Record<string, string>;
}

/**
 * The StartSession request for the choices. `clientToken` is made once per run of the wizard
 * and passed again on retry, so that a retried request never starts a second session.
 */
export function toStartSessionRequest(choices: StartSessionChoices, clientToken: string): StartSessionRequest {
  const hasProps = Object.keys(choices.sparkProperties).length > 0;
  return {
    applicationId: choices.applicationId,
    clientToken,
    executionRoleArn: choices.executionRoleArn.trim(),
    ...(choices.name?.trim() ? { name: choices.name.trim() } : {}),
    idleTimeoutMinutes: choices.idleTimeoutMinutes,
    ...(Object.keys(choices.tags).length > 0 ? { tags: { ...choices.tags } } : {}),
    ...(hasProps
      ? { configurationOverrides: { runtimeConfiguration: [{ classification: 'spark-defaults', properties: { ...choices.sparkProperties } }] } }
      : {}),
  };
}

/**
 * Text for the wizard's fields from a map, the inverse of parseKeyValues: a comma in a value is
 * written `\\,` where the text after it would otherwise read as a new `key=`.
 */
export function formatKeyValues(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {})
    .map(([k, v]) => `${k}=${v.replace(AMBIGUOUS_COMMA, '\\,')}`)
    .join(', ');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Whether StartSession refused the request's own settings (a ValidationException): sending the
 * same request again cannot succeed, and the settings are not worth remembering; the user
 * edits them instead. Any other failure (a conflict, a quota, throttling, the network) leaves
 * the settings as good as they were.
 */
export function settingsRefused(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'ValidationException';
}

/**
 * What went wrong starting a session and what to do about it, in one message, for the errors
 * StartSession answers (service model): ConflictException, ServiceQuotaExceededException,
 * ValidationException, and AccessDeniedException on `iam:PassRole`; anything else as
 * describeError words it.
 */
export function describeStartFailure(error: unknown, request: StartSessionRequest, endpointLabel: string): string {
  const e = error as { name?: string; message?: string };
  const message = e.message ?? String(error);
  switch (e.name) {
    case 'ConflictException':
      return l10n.t('The application cannot take a session now: {0} Start the application, or wait until it is STARTED, then retry.', message);
    case 'ServiceQuotaExceededException':
      return l10n.t('Too many sessions: {0} Terminate a session you no longer need (an application allows {1} at once by default), then retry.', message, 25);
    case 'ValidationException':
      return l10n.t("EMR Serverless refused the session's settings: {0}", message);
    case 'AccessDeniedException':
      if (/iam:PassRole/.test(message)) {
        return l10n.t(
          'You may not pass the execution role {0} to EMR Serverless: {1} Ask for {2} on that role, or choose another role.',
          String(request.executionRoleArn),
          message,
          'iam:PassRole',
        );
      }
      break;
    default:
      break;
  }
  const report = describeError(error, { operation: 'StartSession', endpointLabel });
  return l10n.t({ message: '{0}. {1}', args: [report.title, report.detail], comment: ['{0} what went wrong, {1} what to do'] });
}
