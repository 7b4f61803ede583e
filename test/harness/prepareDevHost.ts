/**
 * Prepares `.vscode-test/dev-host/` for the launch configurations in .vscode/launch.json
 * (`npm run devhost:prepare`, their pre-launch task):
 *
 *   - aws/config and aws/credentials: the profile `local-emr` with the local endpoint's
 *     key pair, which the launch configurations pass as AWS_CONFIG_FILE and
 *     AWS_SHARED_CREDENTIALS_FILE, so the user's own ~/.aws is not used;
 *   - workspace/.vscode/settings.json: the folder "Run Extension" opens, with the
 *     extension's settings pointing at the endpoint of `npm run local-emr -- --port 4599`;
 *   - test-user-data/User/settings.json and the empty folder test-workspace: user settings
 *     and workspace for "Extension Tests", whose tests point the endpoint setting at an
 *     endpoint of their own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_KEY_PAIR } from '../localEmr/server';
import { writeAwsProfile } from './awsProfile';
import { CACHE_DIR, fromRoot } from './repoPaths';
import { localEndpointSettings, writeUserSettings } from './workbenchSettings';

/** The port that the "Local EMR endpoint" launch configuration listens on. */
export const DEV_HOST_ENDPOINT_PORT = 4599;

const root = path.join(CACHE_DIR, 'dev-host');
writeAwsProfile(path.join(root, 'aws'), DEFAULT_KEY_PAIR);
const workspaceSettings = path.join(root, 'workspace', '.vscode', 'settings.json');
fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
fs.writeFileSync(
  workspaceSettings,
  JSON.stringify(localEndpointSettings(`http://127.0.0.1:${DEV_HOST_ENDPOINT_PORT}`), null, 2) + '\n',
);
writeUserSettings(path.join(root, 'test-user-data'), localEndpointSettings());
fs.mkdirSync(path.join(root, 'test-workspace'), { recursive: true });
console.log(`development host files written to ${fromRoot(root)}`);
