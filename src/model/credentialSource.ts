/**
 * How the connection gets its AWS credentials, as read from the shared config and credentials
 * files and the environment (src/aws/credentialSources.ts reads it). Error rows use it to name
 * the step that can fix a credentials failure. No secret is ever part of it: only profile
 * names, file paths and which keys are present.
 */
export type CredentialSource =
  /** IAM Identity Center: `sso_session`, or the legacy `sso_start_url` keys. */
  | { readonly type: 'sso'; readonly profile: string }
  /**
   * `login_session` in the profile (`aws login`), set in `file`. The shipped build leaves out the
   * SDK's provider for it (esbuild.js LEFT_OUT), so such a profile never gives credentials.
   */
  | { readonly type: 'login'; readonly profile: string; readonly file: SharedFile }
  /** `credential_process` in the profile, set in `file`. */
  | { readonly type: 'process'; readonly profile: string; readonly file: SharedFile }
  /** `aws_access_key_id` in the profile, set in `file`; temporary when `aws_session_token` is there too. */
  | { readonly type: 'keys'; readonly profile: string; readonly file: SharedFile; readonly temporary: boolean }
  /**
   * `role_arn`: the role is assumed with the credentials of `sourceProfile` (then `source` says
   * how that profile gets them), or of `credentialSource` (Environment, Ec2InstanceMetadata,
   * EcsContainer).
   */
  | {
      readonly type: 'role';
      readonly profile: string;
      readonly sourceProfile?: string;
      readonly credentialSource?: string;
      readonly source?: CredentialSource;
    }
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in VS Code's environment (default chain only). */
  | { readonly type: 'environment' }
  /** The profile is not in the files, or has no credential settings; `profile` absent: none named. */
  | { readonly type: 'none'; readonly profile?: string };

/** One of the two shared files: which one, and its absolute path. */
export interface SharedFile {
  readonly role: 'config' | 'credentials';
  readonly path: string;
}

/**
 * The source whose settings have to change to fix a failure: for role chaining the source
 * profile's (followed to its end), otherwise the source itself.
 */
export function rootSource(source: CredentialSource): CredentialSource {
  let current = source;
  for (let depth = 0; current.type === 'role' && current.source && depth < 10; depth++) {
    current = current.source;
  }
  return current;
}
