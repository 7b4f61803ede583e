/**
 * The Regions where EMR Serverless is offered: the one list the region picker, the settings'
 * check, "Add Regions…" and "Scan All Regions" read.
 *
 * Sources:
 * - which Regions offer EMR Serverless: the `emr-serverless` endpoints of the AWS endpoint
 *   data (botocore 1.43.11, `botocore/data/endpoints.json`, partitions `aws` and
 *   `aws-us-gov`; the `fips-` pseudo-Regions left out, and China's Regions too, since they
 *   need an account of their own);
 * - which Regions are opt-in: AWS Account Management Reference, "Enable or disable AWS Regions
 *   in your account": Regions launched before 20 March 2019 are enabled by default, later ones
 *   are disabled until the account enables them. GovCloud Regions are not opt-in, but take
 *   only GovCloud accounts.
 */

/** An AWS partition: which kind of account its Regions accept (`aws`: standard accounts). */
export type Partition = 'aws' | 'aws-us-gov';

export interface EmrServerlessRegion {
  /** Region code, such as eu-west-1. */
  readonly id: string;
  /** Its name in the AWS console, such as Europe (Ireland). */
  readonly name: string;
  /** Disabled in an account until someone enables it (see the sources above). */
  readonly optIn: boolean;
  readonly partition: Partition;
}

const region = (id: string, name: string, optIn = false, partition: Partition = 'aws'): EmrServerlessRegion => ({ id, name, optIn, partition });

/**
 * The Region used when neither the setting, AWS_REGION nor the profile names one; the region
 * setting itself defaults to empty, which means that chain.
 */
export const DEFAULT_REGION = 'us-east-1';

/**
 * Every Region where EMR Serverless is offered, standard ones first, in the console's order.
 * (Marked pure so that a bundle which takes only DEFAULT_REGION from here, the AWS side's,
 * leaves the table out.)
 */
export const EMR_SERVERLESS_REGIONS: readonly EmrServerlessRegion[] = /* @__PURE__ */ (() => [
  region('us-east-1', 'US East (N. Virginia)'),
  region('us-east-2', 'US East (Ohio)'),
  region('us-west-1', 'US West (N. California)'),
  region('us-west-2', 'US West (Oregon)'),
  region('af-south-1', 'Africa (Cape Town)', true),
  region('ap-east-1', 'Asia Pacific (Hong Kong)', true),
  region('ap-east-2', 'Asia Pacific (Taipei)', true),
  region('ap-south-1', 'Asia Pacific (Mumbai)'),
  region('ap-south-2', 'Asia Pacific (Hyderabad)', true),
  region('ap-northeast-1', 'Asia Pacific (Tokyo)'),
  region('ap-northeast-2', 'Asia Pacific (Seoul)'),
  region('ap-northeast-3', 'Asia Pacific (Osaka)'),
  region('ap-southeast-1', 'Asia Pacific (Singapore)'),
  region('ap-southeast-2', 'Asia Pacific (Sydney)'),
  region('ap-southeast-3', 'Asia Pacific (Jakarta)', true),
  region('ap-southeast-4', 'Asia Pacific (Melbourne)', true),
  region('ap-southeast-5', 'Asia Pacific (Malaysia)', true),
  region('ap-southeast-6', 'Asia Pacific (New Zealand)', true),
  region('ap-southeast-7', 'Asia Pacific (Thailand)', true),
  region('ca-central-1', 'Canada (Central)'),
  region('ca-west-1', 'Canada West (Calgary)', true),
  region('eu-central-1', 'Europe (Frankfurt)'),
  region('eu-central-2', 'Europe (Zurich)', true),
  region('eu-west-1', 'Europe (Ireland)'),
  region('eu-west-2', 'Europe (London)'),
  region('eu-west-3', 'Europe (Paris)'),
  region('eu-north-1', 'Europe (Stockholm)'),
  region('eu-south-1', 'Europe (Milan)', true),
  region('eu-south-2', 'Europe (Spain)', true),
  region('me-south-1', 'Middle East (Bahrain)', true),
  region('me-central-1', 'Middle East (UAE)', true),
  region('il-central-1', 'Israel (Tel Aviv)', true),
  region('mx-central-1', 'Mexico (Central)', true),
  region('sa-east-1', 'South America (São Paulo)'),
  region('us-gov-east-1', 'AWS GovCloud (US-East)', false, 'aws-us-gov'),
  region('us-gov-west-1', 'AWS GovCloud (US-West)', false, 'aws-us-gov'),
])();

/** The Region of that code, or undefined when EMR Serverless is not offered there. */
export function findRegion(id: string): EmrServerlessRegion | undefined {
  return EMR_SERVERLESS_REGIONS.find((r) => r.id === id);
}

/** True for an opt-in Region (see EmrServerlessRegion.optIn); false for others and unknown codes. */
export function isOptInRegion(id: string): boolean {
  return findRegion(id)?.optIn ?? false;
}

/**
 * The Regions a standard AWS account's credentials can be used in: partition `aws`, opt-in
 * ones included (whether they are enabled is only known by asking).
 */
export function regionsOfPartition(partition: Partition = 'aws'): readonly EmrServerlessRegion[] {
  return EMR_SERVERLESS_REGIONS.filter((r) => r.partition === partition);
}

/** The partition a Region code belongs to: `aws-us-gov` for us-gov-*, else `aws`. */
export function partitionOf(id: string): Partition {
  return findRegion(id)?.partition ?? (id.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
}
