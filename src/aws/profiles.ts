import { loadSharedConfigFiles } from '@smithy/core/config';
import * as l10n from '@vscode/l10n';
import type { CredentialSource } from '../model/credentialSource';
import { credentialSourceOf, sharedFilePaths } from './credentialSources';

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
  const paths = sharedFilePaths();
  return [...names].sort().map((name) => {
    const merged: Record<string, string | undefined> = { ...credentialsFile[name], ...configFile[name] };
    return { name, kind: kindLabel(kindOf(credentialSourceOf(name, { configFile, credentialsFile }, paths))), region: merged.region };
  });
}

/** The picker's word for how a profile gets credentials, in the display language. */
function kindLabel(kind: CredentialSource['type'] | 'temporaryKeys'): string {
  switch (kind) {
    case 'sso':
      return l10n.t('SSO');
    case 'role':
      return l10n.t('role');
    case 'process':
      return l10n.t('credential process');
    case 'keys':
      return l10n.t('access keys');
    case 'temporaryKeys':
      return l10n.t('session keys');
    case 'environment':
      return l10n.t('environment');
    case 'login':
      return l10n.t('aws login (not supported)');
    case 'none':
      return l10n.t('settings only');
  }
}

function kindOf(source: CredentialSource): CredentialSource['type'] | 'temporaryKeys' {
  return source.type === 'keys' && source.temporary ? 'temporaryKeys' : source.type;
}
