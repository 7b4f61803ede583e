/**
 * Links to the AWS Management Console's EMR Serverless pages for an application or a session.
 *
 * Source of the shape: the EMR console serves EMR Serverless (through EMR Studio) at
 * `https://REGION.console.aws.amazon.com/emr/home?region=REGION#/serverless`, an application at
 * `…#/serverless/applications/APPLICATION_ID`, and its job runs below that
 * (`…/applications/APPLICATION_ID/job-runs/JOB_RUN_ID`), as links in AWS's and users' public
 * scripts and dashboards show. The session page follows the job-run pattern,
 * `…/applications/APPLICATION_ID/sessions/SESSION_ID`: AWS documents no console URLs, so this
 * path is the one shape not seen in a published link.
 *
 * Other partitions have their own console hosts: `console.amazonaws-us-gov.com` (GovCloud) and
 * `REGION.console.amazonaws.cn` (China).
 */

/** Where the extension sends requests: a console link only makes sense for AWS's own endpoints. */
export interface ConsoleTarget {
  readonly region: string;
  /** The custom endpoint setting; set means a VPC endpoint, a local endpoint or another service, so no link is offered. */
  readonly endpoint?: string;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The console page of an application; undefined for a custom endpoint or a region name that is not one. */
export function applicationConsoleUrl(target: ConsoleTarget, applicationId: string): string | undefined {
  const home = serverlessHome(target);
  return home && `${home}/applications/${encodeURIComponent(applicationId)}`;
}

/** The console page of a session; undefined for a custom endpoint or a region name that is not one. */
export function sessionConsoleUrl(target: ConsoleTarget, applicationId: string, sessionId: string): string | undefined {
  const application = applicationConsoleUrl(target, applicationId);
  return application && `${application}/sessions/${encodeURIComponent(sessionId)}`;
}

function serverlessHome(target: ConsoleTarget): string | undefined {
  if (target.endpoint || !REGION_PATTERN.test(target.region)) {
    return undefined;
  }
  const region = target.region;
  const host = region.startsWith('us-gov-')
    ? 'console.amazonaws-us-gov.com'
    : region.startsWith('cn-')
      ? `${region}.console.amazonaws.cn`
      : `${region}.console.aws.amazon.com`;
  return `https://${host}/emr/home?region=${region}#/serverless`;
}
