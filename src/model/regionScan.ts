/**
 * "Scan All Regions": which Regions hold EMR Serverless applications for one profile. One
 * ListApplications page per Region is enough to know, so one request each, at most
 * REGION_SCAN_CONCURRENCY at a time, and each Region's answer or failure is kept on its own:
 * a failing Region never hides what the others found.
 *
 * An opt-in Region that the account has not enabled does not know the account's credentials:
 * EMR Serverless there answers UnrecognizedClientException ("The security token included in
 * the request is invalid"; InvalidClientTokenId on services with the query protocol), and a
 * Region whose endpoint does not exist fails its DNS lookup (ENOTFOUND). Either, in an opt-in
 * Region, is reported as "not enabled", unless a Region that is enabled by default failed the
 * same way in the same scan: then the credentials themselves are the problem.
 */
import * as l10n from '@vscode/l10n';
import type { ApplicationSummary } from '@aws-sdk/client-emr-serverless';
import pLimit from 'p-limit';
import { describeError, type ErrorReport } from './awsErrors';
import { findRegion, isOptInRegion } from './regions';

/** How many ListApplications requests a scan runs at once. */
export const REGION_SCAN_CONCURRENCY = 6;

/** What a scan needs: the first ListApplications page in a given Region, with the profile's credentials. */
export interface RegionScanApi {
  /** The profile whose credentials sign the requests; undefined for the default chain. For messages. */
  readonly profileName?: string;
  /**
   * ListApplications in `region`, first page only. Rejects with the SDK's error (with its
   * failure facts attached, see awsErrors.ts), or with an AbortError when `signal` aborts.
   */
  listApplications(region: string, signal: AbortSignal): Promise<{ readonly applications: readonly ApplicationSummary[]; readonly nextToken?: string }>;
}

/** One Region's outcome. */
export type RegionScanOutcome =
  | { readonly region: string; readonly status: 'applications'; readonly applications: readonly ApplicationSummary[]; readonly more: boolean }
  | { readonly region: string; readonly status: 'none' }
  | { readonly region: string; readonly status: 'notEnabled'; readonly error: unknown }
  | { readonly region: string; readonly status: 'failed'; readonly error: unknown }
  /** The scan was cancelled before this Region was asked (or while it was). */
  | { readonly region: string; readonly status: 'cancelled' };

export interface RegionScanResult {
  /** One outcome per Region, in the order the Regions were given. */
  readonly outcomes: readonly RegionScanOutcome[];
  /** The Regions with at least one application, in the order given. */
  readonly withApplications: readonly Extract<RegionScanOutcome, { status: 'applications' }>[];
  /** Regions that could not be scanned, each with its own reason. */
  readonly problems: readonly Extract<RegionScanOutcome, { status: 'notEnabled' | 'failed' }>[];
}

export interface RegionScanOptions {
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** After each Region answered: how many are done out of how many. */
  readonly onProgress?: (done: number, total: number, outcome: RegionScanOutcome) => void;
}

/**
 * Asks each Region for its first page of applications, at most `concurrency` (default
 * REGION_SCAN_CONCURRENCY) at a time. Never rejects: every failure is in its Region's outcome.
 */
export async function scanRegions(api: RegionScanApi, regions: readonly string[], options: RegionScanOptions = {}): Promise<RegionScanResult> {
  const limit = pLimit(options.concurrency ?? REGION_SCAN_CONCURRENCY);
  const signal = options.signal ?? new AbortController().signal;
  let done = 0;
  const raw = await Promise.all(
    regions.map((region) =>
      limit(async (): Promise<RegionScanOutcome> => {
        let outcome: RegionScanOutcome;
        if (signal.aborted) {
          outcome = { region, status: 'cancelled' };
        } else {
          try {
            const page = await api.listApplications(region, signal);
            outcome =
              page.applications.length > 0
                ? { region, status: 'applications', applications: page.applications, more: page.nextToken !== undefined }
                : // An empty first page with a token means nothing yet: a later page may hold some.
                  page.nextToken !== undefined
                  ? { region, status: 'applications', applications: [], more: true }
                  : { region, status: 'none' };
          } catch (error) {
            outcome = signal.aborted ? { region, status: 'cancelled' } : { region, status: 'failed', error };
          }
        }
        done++;
        options.onProgress?.(done, regions.length, outcome);
        return outcome;
      }),
    ),
  );
  const outcomes = markRegionsNotEnabled(raw);
  return {
    outcomes,
    withApplications: outcomes.filter((o): o is Extract<RegionScanOutcome, { status: 'applications' }> => o.status === 'applications'),
    problems: outcomes.filter((o): o is Extract<RegionScanOutcome, { status: 'notEnabled' | 'failed' }> => o.status === 'notEnabled' || o.status === 'failed'),
  };
}

/** Error names with which a Region rejects credentials it does not know. */
const UNKNOWN_CREDENTIALS_ERRORS: ReadonlySet<string> = new Set(['UnrecognizedClientException', 'InvalidClientTokenId']);

/** How an error says that a Region does not know the credentials, or has no endpoint; undefined otherwise. */
function notEnabledSign(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e.name !== undefined && UNKNOWN_CREDENTIALS_ERRORS.has(e.name)) {
    return e.name;
  }
  const code = e.code ?? e.cause?.code;
  return code === 'ENOTFOUND' ? code : undefined;
}

/** Turns failures of opt-in Regions into 'notEnabled' where the sign fits (see the header). */
function markRegionsNotEnabled(outcomes: readonly RegionScanOutcome[]): RegionScanOutcome[] {
  const signsInDefaultRegions = new Set(
    outcomes.flatMap((o) => (o.status === 'failed' && !isOptInRegion(o.region) ? [notEnabledSign(o.error)] : [])).filter((s) => s !== undefined),
  );
  return outcomes.map((o) => {
    if (o.status !== 'failed' || !isOptInRegion(o.region)) {
      return o;
    }
    const sign = notEnabledSign(o.error);
    return sign !== undefined && !signsInDefaultRegions.has(sign) ? { region: o.region, status: 'notEnabled', error: o.error } : o;
  });
}

/** The Region's code and console name, such as `eu-south-1 (Europe (Milan))`. */
export function regionLabel(region: string): string {
  const name = findRegion(region)?.name;
  return name ? `${region} (${name})` : region;
}

/**
 * What to tell a user about a Region that could not be scanned: a title for its row and the
 * next steps. A failure is worded as anywhere else (describeError) for ListApplications in that
 * Region.
 */
export function describeRegionProblem(outcome: Extract<RegionScanOutcome, { status: 'notEnabled' | 'failed' }>, profile: string | undefined): ErrorReport {
  const report = describeError(outcome.error, { operation: 'ListApplications', endpointLabel: l10n.t('EMR Serverless in {0}', outcome.region), profile });
  if (outcome.status === 'failed') {
    return report;
  }
  const e = outcome.error as { name?: string; code?: string; message?: string };
  return {
    kind: report.kind,
    title: l10n.t('{0} is not enabled for this account', outcome.region),
    detail: l10n.t({
      message:
        "{0} is an opt-in Region, and it did not accept this profile's credentials ({1}: {2}), so it is not enabled for the account. An administrator can enable it in the AWS console (Account, AWS Regions) or with \"{3}\"; enabling takes a few minutes.",
      args: [regionLabel(outcome.region), e.name ?? e.code ?? 'error', e.message ?? '', `aws account enable-region --region-name ${outcome.region}`],
      comment: ['{0} the Region code and name, {1} the error code, {2} the error message from AWS, {3} an AWS CLI command'],
    }),
    ...(report.requestId ? { requestId: report.requestId } : {}),
  };
}

