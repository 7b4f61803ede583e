/**
 * IAM and STS principal ARNs, as in a session's `createdBy` and STS GetCallerIdentity's `Arn`:
 * short names for display, and "created by me".
 *
 * ARN forms (IAM User Guide, "IAM identifiers"):
 * `arn:PARTITION:iam::ACCOUNT:user/PATH/NAME`, `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`,
 * `arn:PARTITION:iam::ACCOUNT:root`, `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`,
 * `arn:PARTITION:sts::ACCOUNT:federated-user/NAME`.
 */

export type PrincipalKind = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root';

export interface Principal {
  readonly kind: PrincipalKind;
  readonly partition: string;
  readonly account: string;
  /** User, role or federated user name, without path; for `root`, `root`. */
  readonly name: string;
  /** The role session name of an `assumed-role`. */
  readonly sessionName?: string;
}

/** The principal an ARN names, or undefined when it is not an IAM or STS principal ARN. */
export function parsePrincipalArn(arn: string): Principal | undefined {
  const match = /^arn:([a-z0-9-]+):(iam|sts)::(\d{12}):(.+)$/.exec(arn);
  if (!match) {
    return undefined;
  }
  const [, partition = '', service, account = '', resource = ''] = match;
  if (service === 'iam' && resource === 'root') {
    return { kind: 'root', partition, account, name: 'root' };
  }
  const segments = resource.split('/');
  const type = segments[0];
  if (segments.some((s) => s === '') || segments.length < 2) {
    return undefined;
  }
  const last = segments[segments.length - 1] ?? '';
  if (service === 'iam' && (type === 'user' || type === 'role')) {
    return { kind: type, partition, account, name: last };
  }
  if (service === 'sts' && type === 'assumed-role' && segments.length === 3) {
    return { kind: 'assumed-role', partition, account, name: segments[1] ?? '', sessionName: last };
  }
  if (service === 'sts' && type === 'federated-user' && segments.length === 2) {
    return { kind: 'federated-user', partition, account, name: last };
  }
  return undefined;
}

/**
 * A creator's short name for the tree: `alice` for an IAM user (path dropped), `DataEngineer/bob`
 * for an assumed role's role and session name, the role or federated user name, `root`.
 * Anything that is not a principal ARN is returned as it is; undefined stays undefined.
 */
export function creatorShortName(createdBy: string | undefined): string | undefined {
  if (createdBy === undefined) {
    return undefined;
  }
  const principal = parsePrincipalArn(createdBy);
  if (!principal) {
    return createdBy;
  }
  return principal.kind === 'assumed-role' ? `${principal.name}/${principal.sessionName}` : principal.name;
}

/**
 * A test for "created by me", from the caller's STS GetCallerIdentity `Arn`. A session matches
 * when its `createdBy` is the same principal in the same partition and account: the same user
 * name, or for an assumed-role caller the same role and role session name (a new session of
 * the role under the same session name, such as another SSO sign-in, is still "me"). Returns
 * undefined when `callerArn` is not a principal ARN, since nothing could then be matched.
 */
export function createdByMatcher(callerArn: string): ((createdBy: string | undefined) => boolean) | undefined {
  const caller = parsePrincipalArn(callerArn);
  if (!caller) {
    return undefined;
  }
  return (createdBy) => {
    const creator = createdBy === undefined ? undefined : parsePrincipalArn(createdBy);
    return (
      creator !== undefined &&
      creator.kind === caller.kind &&
      creator.partition === caller.partition &&
      creator.account === caller.account &&
      creator.name === caller.name &&
      creator.sessionName === caller.sessionName
    );
  };
}
