import * as fs from 'fs';
import * as path from 'path';

/** The AWS profile the harness writes for the local endpoint, and its region. */
export const LOCAL_PROFILE = 'local-emr';
export const LOCAL_REGION = 'us-east-1';

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsProfileFiles {
  configFile: string;
  credentialsFile: string;
  /**
   * Environment for a process that should see only this profile: every AWS_* variable of
   * the current environment removed (no user profile, keys, region or role), the two files
   * set, and the EC2 instance metadata service, which cannot answer here, disabled.
   */
  env: NodeJS.ProcessEnv;
}

/**
 * Writes an AWS config and credentials file into `dir` holding one profile with `keys`,
 * so that the extension signs requests the local endpoint accepts without reading or
 * touching the user's own ~/.aws.
 */
export function writeAwsProfile(dir: string, keys: KeyPair, profile = LOCAL_PROFILE, region = LOCAL_REGION): AwsProfileFiles {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, `[profile ${profile}]\nregion = ${region}\noutput = json\n`);
  fs.writeFileSync(
    credentialsFile,
    `[${profile}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n` +
      (keys.sessionToken ? `aws_session_token = ${keys.sessionToken}\n` : ''),
    { mode: 0o600 },
  );
  return {
    configFile,
    credentialsFile,
    env: {
      ...withoutAwsVariables(process.env),
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  };
}

/**
 * The two lines that point a POSIX shell's AWS CLI and boto3 at the files writeAwsProfile
 * wrote (`export AWS_CONFIG_FILE=…` and `export AWS_SHARED_CREDENTIALS_FILE=…`), paths quoted
 * for the shell. They name the files only, never the keys in them.
 */
export function shellExports(files: Pick<AwsProfileFiles, 'configFile' | 'credentialsFile'>): [string, string] {
  return [`export AWS_CONFIG_FILE=${shellWord(files.configFile)}`, `export AWS_SHARED_CREDENTIALS_FILE=${shellWord(files.credentialsFile)}`];
}

/** `text` as one word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A copy of `env` without any AWS_* variable. */
export function withoutAwsVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AWS_')));
}

/** The SSO profile tests use: its name, and the `sso_session` it signs in through. */
export const SSO_PROFILE = 'corp-sso';

/**
 * AWS config-file lines for profile `corp-sso`, signed in through IAM Identity Center with the
 * `[sso-session corp]` section (start URL https://corp.awsapps.com/start, region us-east-1,
 * account 123456789012, role DataEngineer), as `aws configure sso` writes them.
 */
export const SSO_PROFILE_LINES: readonly string[] = [
  `[profile ${SSO_PROFILE}]`,
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = DataEngineer',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
];
