/**
 * The AWS CLI / boto3 starting token for ListSessions, both ways.
 *
 * botocore (`paginate.py`, `TokenEncoder` and `PageIterator._parse_starting_token`) prints a
 * resume token as base64 of Python's `json.dumps` of a dict:
 *
 * - mid-page: `{"nextToken": "<token that fetched the page>", "boto_truncate_amount": <rows taken>}`,
 *   with `null` for the first page;
 * - on a page boundary: `{"nextToken": "<the service's next token>"}`.
 *
 * As a `--starting-token` / `StartingToken` it accepts that, the older `TOKEN___N` form, and
 * anything else as a raw service `nextToken`. Both directions map to a `ListingPosition`.
 */
import * as l10n from '@vscode/l10n';
import type { ListingPosition } from './listingPosition';

/** The ListSessions `nextToken` constraint: 1 to 1024 characters of `[A-Za-z0-9_=-]` (the service model). */
export const SERVICE_TOKEN_PATTERN = /^[A-Za-z0-9_=-]{1,1024}$/;

const TRUNCATE_KEY = 'boto_truncate_amount';
const TOKEN_KEY = 'nextToken';

/** A starting token that cannot resume a ListSessions listing; `message` says why, for the user. */
export class StartingTokenError extends Error {
  override readonly name = 'StartingTokenError';
}

/** How a starting token was written: botocore's base64 JSON, its older `TOKEN___N` form, or a raw service token. */
export type StartingTokenFormat = 'botocore' | 'legacy' | 'service';

export interface ParsedStartingToken {
  readonly position: ListingPosition;
  readonly format: StartingTokenFormat;
}

/**
 * The `--starting-token` (or boto3 `StartingToken`) that resumes a listing at `position`,
 * exactly as botocore would print it there: base64 of `{"nextToken": ..., "boto_truncate_amount": N}`
 * mid-page, of `{"nextToken": ...}` on a page boundary. Returns `undefined` at the start of the
 * listing, where no token is needed. Throws RangeError for a negative or fractional
 * `rowsTakenFromPage`, or a `pageToken` outside the service's token pattern.
 */
export function encodeStartingToken(position: ListingPosition): string | undefined {
  const { pageToken, rowsTakenFromPage } = position;
  if (!Number.isInteger(rowsTakenFromPage) || rowsTakenFromPage < 0) {
    throw new RangeError(`rowsTakenFromPage must be a non-negative integer, not ${rowsTakenFromPage}`);
  }
  if (pageToken !== undefined && !SERVICE_TOKEN_PATTERN.test(pageToken)) {
    throw new RangeError('pageToken is not a ListSessions nextToken (1 to 1024 characters of A-Z, a-z, 0-9, _, = and -)');
  }
  if (pageToken === undefined && rowsTakenFromPage === 0) {
    return undefined;
  }
  // The pattern keeps the token to printable ASCII, where JSON.stringify writes what Python's json.dumps does.
  const token = pageToken === undefined ? 'null' : JSON.stringify(pageToken);
  const json =
    rowsTakenFromPage > 0 ? `{"${TOKEN_KEY}": ${token}, "${TRUNCATE_KEY}": ${rowsTakenFromPage}}` : `{"${TOKEN_KEY}": ${token}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

/**
 * Reads a token a user pasted: the `NextToken` the AWS CLI or boto3 printed, or a service
 * `nextToken`. Surrounding whitespace and one pair of double quotes (as copied out of the
 * CLI's JSON output) are ignored. It reads tokens the way botocore does: base64 JSON first,
 * then `TOKEN___N`, then the raw service token.
 *
 * Throws StartingTokenError, with a message for the user, for an empty token, a botocore token
 * of another paginator (other keys than `nextToken` and `boto_truncate_amount`), a wrong value
 * in one, or text that is neither kind. A service token of another listing has the same shape
 * as one of this listing and cannot be told apart here; the service rejects it.
 */
export function parseStartingToken(text: string): ParsedStartingToken {
  const raw = unwrap(text);
  if (raw === '') {
    throw new StartingTokenError(l10n.t('The token is empty. Paste the NextToken the AWS CLI or boto3 printed, or a service nextToken.'));
  }
  const decoded = decodeBotocoreJson(raw);
  if (decoded !== undefined) {
    return { position: positionOfBotocoreToken(decoded), format: 'botocore' };
  }
  // botocore's older form, TOKEN___N (paginate.py, _parse_starting_token_deprecated).
  const parts = raw.split('___');
  if (parts.length === 2 && /^\d+$/.test(parts[1] ?? '')) {
    const token = parts[0] === 'None' ? undefined : parts[0];
    return { position: { pageToken: checkedServiceToken(token), rowsTakenFromPage: Number(parts[1]) }, format: 'legacy' };
  }
  if (parts.length > 2) {
    throw new StartingTokenError(
      l10n.t('This token has "___" more than once, so it is neither an AWS CLI token nor a service nextToken.'),
    );
  }
  if (SERVICE_TOKEN_PATTERN.test(raw)) {
    return { position: { pageToken: raw, rowsTakenFromPage: 0 }, format: 'service' };
  }
  throw new StartingTokenError(
    l10n.t(
      'This is not a ListSessions token. Paste the NextToken the AWS CLI or boto3 printed (base64 JSON), or a service nextToken (1 to 1024 characters of A-Z, a-z, 0-9, _, = and -).',
    ),
  );
}

function unwrap(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** The JSON value inside a botocore token, or undefined when the text is not base64 of JSON. */
function decodeBotocoreJson(raw: string): unknown {
  if (raw.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
    return undefined;
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'base64'));
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function positionOfBotocoreToken(value: unknown): ListingPosition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // botocore fails on these too (TokenDecoder.decode expects a dict).
    throw new StartingTokenError(l10n.t('This token is base64 JSON but not an AWS CLI token: it holds no JSON object.'));
  }
  const token = value as Record<string, unknown>;
  const foreign = Object.keys(token).filter((key) => key !== TOKEN_KEY && key !== TRUNCATE_KEY);
  if (foreign.length > 0 || !(TOKEN_KEY in token)) {
    const keys = Object.keys(token).join(', ');
    throw new StartingTokenError(
      keys
        ? l10n.t({
            message: 'This AWS CLI token belongs to another paginator: it holds {0}, while a ListSessions token holds nextToken and, mid-page, boto_truncate_amount.',
            args: [keys],
            comment: ['{0} the JSON keys the token holds, separated by commas'],
          })
        : l10n.t('This AWS CLI token belongs to another paginator: it holds nothing, while a ListSessions token holds nextToken and, mid-page, boto_truncate_amount.'),
    );
  }
  const next = token[TOKEN_KEY];
  if (next !== null && typeof next !== 'string') {
    throw new StartingTokenError(l10n.t('The nextToken inside this AWS CLI token is neither a string nor null.'));
  }
  const truncate = token[TRUNCATE_KEY] ?? 0;
  if (typeof truncate !== 'number' || !Number.isSafeInteger(truncate) || truncate < 0) {
    throw new StartingTokenError(l10n.t('The boto_truncate_amount inside this AWS CLI token is not a whole number of rows, 0 or more.'));
  }
  // botocore sends neither None nor the string 'None' (paginate.py, _inject_token_into_kwargs).
  const pageToken = next === null || next === 'None' ? undefined : next;
  return { pageToken: checkedServiceToken(pageToken), rowsTakenFromPage: truncate };
}

function checkedServiceToken(token: string | undefined): string | undefined {
  if (token !== undefined && !SERVICE_TOKEN_PATTERN.test(token)) {
    throw new StartingTokenError(
      l10n.t('The nextToken inside this AWS CLI token is not a ListSessions token (1 to 1024 characters of A-Z, a-z, 0-9, _, = and -).'),
    );
  }
  return token;
}
