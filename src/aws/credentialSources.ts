import { getHomeDir, getProfileName, loadSharedConfigFiles } from '@smithy/core/config';
import * as path from 'path';
import type { CredentialSource, SharedFile } from '../model/credentialSource';

/**
 * The absolute paths of the shared config and credentials files, as the SDK finds them:
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE when set (a leading `~/` is the home
 * directory), otherwise ~/.aws/config and ~/.aws/credentials.
 */
export function sharedFilePaths(): { readonly config: string; readonly credentials: string } {
  const resolve = (value: string | undefined, fallback: string) => {
    const file = value || path.join(getHomeDir(), '.aws', fallback);
    return file.startsWith('~/') ? path.join(getHomeDir(), file.slice(2)) : file;
  };
  return {
    config: resolve(process.env.AWS_CONFIG_FILE, 'config'),
    credentials: resolve(process.env.AWS_SHARED_CREDENTIALS_FILE, 'credentials'),
  };
}

/**
 * How `profileSetting` gets its credentials (empty: the default chain, which uses the
 * environment's keys first, then the profile named by AWS_PROFILE, else "default"). Reads the
 * files afresh, in the order the SDK's fromIni tries a profile's settings (role, keys,
 * process, SSO, aws login). Returns names, paths and the kind of settings only, never a secret.
 */
export async function readCredentialSource(profileSetting: string): Promise<CredentialSource> {
  if (!profileSetting && process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY) {
    return { type: 'environment' };
  }
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const paths = sharedFilePaths();
  const profile = profileSetting || getProfileName({});
  const named = Boolean(profileSetting || process.env.AWS_PROFILE);
  const source = credentialSourceOf(profile, { configFile, credentialsFile }, paths);
  // Without a named profile, a missing "default" only means the chain found nothing.
  return source.type === 'none' && !named ? { type: 'none' } : source;
}

type Section = Record<string, string | undefined>;

/** The two files as the SDK's loadSharedConfigFiles parses them. */
export interface ParsedSharedFiles {
  readonly configFile: Record<string, Section>;
  readonly credentialsFile: Record<string, Section>;
}

/** How `profile` gets its credentials, from files already read (see readCredentialSource). */
export function credentialSourceOf(
  profile: string,
  files: ParsedSharedFiles,
  paths: { config: string; credentials: string },
  depth = 0,
): CredentialSource {
  const fromCredentials = files.credentialsFile[profile];
  // The credentials file wins over the config file, as in the SDK's parseKnownFiles.
  const p: Section = { ...files.configFile[profile], ...fromCredentials };
  const fileOf = (key: string): SharedFile =>
    fromCredentials?.[key] !== undefined ? { role: 'credentials', path: paths.credentials } : { role: 'config', path: paths.config };
  if (p.role_arn) {
    const sourceProfile = p.source_profile;
    return {
      type: 'role',
      profile,
      ...(sourceProfile ? { sourceProfile } : {}),
      ...(p.credential_source ? { credentialSource: p.credential_source } : {}),
      ...(sourceProfile && sourceProfile !== profile && depth < 10 ? { source: credentialSourceOf(sourceProfile, files, paths, depth + 1) } : {}),
    };
  }
  if (p.aws_access_key_id) {
    return { type: 'keys', profile, file: fileOf('aws_access_key_id'), temporary: Boolean(p.aws_session_token) };
  }
  if (p.credential_process) {
    return { type: 'process', profile, file: fileOf('credential_process') };
  }
  if (p.sso_session || p.sso_start_url) {
    return { type: 'sso', profile };
  }
  if (p.login_session) {
    return { type: 'login', profile, file: fileOf('login_session') };
  }
  return { type: 'none', profile };
}
