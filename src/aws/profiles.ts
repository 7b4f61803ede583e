import { loadSharedConfigFiles } from '@smithy/core/config';

export interface ProfileInfo {
  readonly name: string;
  /** How the profile gets credentials: SSO, role, process, keys. */
  readonly kind: string;
  readonly region?: string;
}

/**
 * The profiles in the shared config and credentials files (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE are honoured), read with the SDK's own loader. Only names and
 * kinds leave this function; no secret does.
 */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The config file's other sections ([sso-session x], [services x]) come back as
  // "sso-session.x" and "services.x"; they are not profiles.
  const isProfile = (name: string) => !/^(sso-session|services)\./.test(name);
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(isProfile));
  return [...names].sort().map((name) => {
    const merged: Record<string, string | undefined> = { ...credentialsFile[name], ...configFile[name] };
    return { name, kind: kindOf(merged), region: merged.region };
  });
}

function kindOf(p: Record<string, string | undefined>): string {
  if (p.sso_session || p.sso_start_url) {
    return 'SSO';
  }
  if (p.role_arn) {
    return 'role';
  }
  if (p.credential_process) {
    return 'credential process';
  }
  if (p.aws_access_key_id) {
    return p.aws_session_token ? 'session keys' : 'access keys';
  }
  return 'settings only';
}
