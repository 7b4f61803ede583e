import { getProfileName, loadSharedConfigFiles, REGION_ENV_NAME, REGION_INI_NAME } from '@smithy/core/config';
import type { RegionSource } from '../model/emrApi';
import { DEFAULT_REGION } from '../model/regions';
import type { ConnectionSettings } from '../model/settings';
import type { ParsedSharedFiles } from './credentialSources';

/**
 * The Region of a connection and where it came from, in the order of the SDK's region chain
 * (@smithy/core/config NODE_REGION_CONFIG_OPTIONS), with the setting first: the
 * emrServerless.region setting, the AWS_REGION environment variable, the `region` of the
 * profile in use (the profile setting, else AWS_PROFILE, else "default") in the shared config
 * file, read afresh, and only then DEFAULT_REGION, which the view then names as the default.
 */
export async function resolveRegion(
  connection: ConnectionSettings,
  /** The shared files, read afresh (by default, read now). */
  sharedFiles: () => Promise<ParsedSharedFiles> = () => loadSharedConfigFiles({ ignoreCache: true }),
): Promise<{ region: string; source: RegionSource }> {
  if (connection.region) {
    return { region: connection.region, source: 'setting' };
  }
  const fromEnvironment = process.env[REGION_ENV_NAME]?.trim();
  if (fromEnvironment) {
    return { region: fromEnvironment, source: 'environment' };
  }
  const { configFile, credentialsFile } = await sharedFiles();
  const profile = getProfileName({ profile: connection.profile || undefined });
  const fromProfile = (configFile[profile]?.[REGION_INI_NAME] ?? credentialsFile[profile]?.[REGION_INI_NAME])?.trim();
  if (fromProfile) {
    return { region: fromProfile, source: 'profile' };
  }
  return { region: DEFAULT_REGION, source: 'default' };
}
