/**
 * A listing of the tree as an `aws emr-serverless list-sessions` command and as a boto3
 * paginator script, so a user can take it to a terminal or a notebook and resume it there.
 *
 * The commands carry the listing's own page size and resolved filters: a resume token is
 * only valid for the filters it was issued with, and a mid-page token only names the right
 * rows when the page is fetched with the same page size (PAGINATION.md; botocore paginate.py).
 */
import type { ListingPosition } from './listingPosition';
import type { ListSessionsParams } from './sessionFilter';
import { encodeStartingToken } from './startingToken';

/** One listing to copy. */
export interface ListingToCopy {
  readonly applicationId: string;
  /** The listing's filters as `toListSessionsParams` resolved them when the listing started. */
  readonly params: ListSessionsParams;
  /** `maxResults` of every request of the listing, 1 to 50; becomes `--page-size` / `PageSize`. */
  readonly pageSize: number;
  /** How many sessions the copied command lists before it stops and prints a NextToken; omitted for all. */
  readonly maxItems?: number;
  /** Where to resume; omitted, or `LISTING_START`, lists from the start. */
  readonly position?: ListingPosition;
  /** AWS Region, e.g. `us-east-1`; omitted uses the CLI's or SDK's own configuration. */
  readonly region?: string;
  /** Named profile; omitted or empty uses the default credential chain. */
  readonly profile?: string;
  /** Custom endpoint URL; omitted or empty uses the service endpoint. */
  readonly endpoint?: string;
}

/**
 * The AWS CLI command for a listing, on one line, every value quoted for a POSIX shell
 * (bash, zsh, sh), e.g.
 * `aws emr-serverless list-sessions --application-id 00f1abc --states IDLE BUSY --page-size 50 --starting-token eyJu...`.
 * Times are ISO 8601 in UTC with milliseconds. Throws RangeError for a page size outside 1 to
 * 50, a `maxItems` that is not a positive integer, an invalid date, or a position
 * `encodeStartingToken` rejects.
 */
export function listSessionsCliCommand(listing: ListingToCopy): string {
  const parts = listingArguments(listing);
  const args: string[] = ['aws', 'emr-serverless', 'list-sessions', '--application-id', listing.applicationId];
  if (parts.states) {
    args.push('--states', ...parts.states);
  }
  if (parts.createdAtAfter) {
    args.push('--created-at-after', parts.createdAtAfter.toISOString());
  }
  if (parts.createdAtBefore) {
    args.push('--created-at-before', parts.createdAtBefore.toISOString());
  }
  args.push('--page-size', String(listing.pageSize));
  if (listing.maxItems !== undefined) {
    args.push('--max-items', String(listing.maxItems));
  }
  if (parts.startingToken) {
    args.push('--starting-token', parts.startingToken);
  }
  if (listing.region) {
    args.push('--region', listing.region);
  }
  if (listing.profile) {
    args.push('--profile', listing.profile);
  }
  if (listing.endpoint) {
    args.push('--endpoint-url', listing.endpoint);
  }
  return args.map(shellQuote).join(' ');
}

/**
 * The same listing as a Python script: boto3's `list_sessions` paginator with
 * `PaginationConfig` (`PageSize`, `MaxItems`, `StartingToken`). It prints one line per session
 * (id, state, name, tab-separated) and, when it stopped at `MaxItems`, `NextToken: <token>`.
 * Throws RangeError as `listSessionsCliCommand` does.
 */
export function listSessionsPython(listing: ListingToCopy): string {
  const parts = listingArguments(listing);
  const sessionArgs = [
    listing.profile ? `profile_name=${pythonString(listing.profile)}` : '',
    listing.region ? `region_name=${pythonString(listing.region)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const clientArgs = [pythonString('emr-serverless'), listing.endpoint ? `endpoint_url=${pythonString(listing.endpoint)}` : '']
    .filter(Boolean)
    .join(', ');
  const paginate = [`    applicationId=${pythonString(listing.applicationId)},`];
  if (parts.states) {
    paginate.push(`    states=[${parts.states.map(pythonString).join(', ')}],`);
  }
  if (parts.createdAtAfter) {
    paginate.push(`    createdAtAfter=${pyDatetime(parts.createdAtAfter)},`);
  }
  if (parts.createdAtBefore) {
    paginate.push(`    createdAtBefore=${pyDatetime(parts.createdAtBefore)},`);
  }
  const config = [`        "PageSize": ${listing.pageSize},`];
  if (listing.maxItems !== undefined) {
    config.push(`        "MaxItems": ${listing.maxItems},`);
  }
  if (parts.startingToken) {
    config.push(`        "StartingToken": ${pythonString(parts.startingToken)},`);
  }
  paginate.push('    PaginationConfig={', ...config, '    },');
  const needsDatetime = parts.createdAtAfter !== undefined || parts.createdAtBefore !== undefined;
  return [
    ...(needsDatetime ? ['from datetime import datetime, timezone', ''] : []),
    'import boto3',
    '',
    `session = boto3.Session(${sessionArgs})`,
    `client = session.client(${clientArgs})`,
    'pages = client.get_paginator("list_sessions").paginate(',
    ...paginate,
    ')',
    'for page in pages:',
    '    for s in page["sessions"]:',
    '        print(s["sessionId"], s["state"], s.get("name", ""), sep="\\t")',
    'if pages.resume_token:',
    '    print("NextToken:", pages.resume_token)',
    '',
  ].join('\n');
}

/**
 * Quotes a word for a POSIX shell so that it reaches the program unchanged, whatever it holds
 * (spaces, quotes, `$`, backquotes, newlines, non-ASCII): plain words as they are, anything
 * else in single quotes, with each `'` written as `'\''`.
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

interface ListingArguments {
  states?: readonly string[];
  createdAtAfter?: Date;
  createdAtBefore?: Date;
  startingToken?: string;
}

function listingArguments(listing: ListingToCopy): ListingArguments {
  const { pageSize, maxItems, params } = listing;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50) {
    throw new RangeError(`pageSize must be an integer from 1 to 50, not ${pageSize}`);
  }
  if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1)) {
    throw new RangeError(`maxItems must be a positive integer, not ${maxItems}`);
  }
  for (const [name, date] of [
    ['createdAtAfter', params.createdAtAfter],
    ['createdAtBefore', params.createdAtBefore],
  ] as const) {
    if (date !== undefined && Number.isNaN(date.getTime())) {
      throw new RangeError(`${name} is not a valid date`);
    }
  }
  const startingToken = listing.position ? encodeStartingToken(listing.position) : undefined;
  return {
    ...(params.states && params.states.length > 0 ? { states: params.states } : {}),
    ...(params.createdAtAfter ? { createdAtAfter: params.createdAtAfter } : {}),
    ...(params.createdAtBefore ? { createdAtBefore: params.createdAtBefore } : {}),
    ...(startingToken ? { startingToken } : {}),
  };
}

/**
 * A Python string literal with exactly `value`'s characters: JSON's escapes (`\"`, `\\`, `\n`,
 * `\uXXXX`) mean the same in Python, and other characters stand as they are in UTF-8 source.
 */
export function pythonString(value: string): string {
  return JSON.stringify(value);
}

/** A timezone-aware UTC `datetime(...)` for a Date, to the millisecond. */
function pyDatetime(date: Date): string {
  const fields = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return `datetime(${fields.join(', ')}, ${date.getUTCMilliseconds() * 1000}, tzinfo=timezone.utc)`;
}
