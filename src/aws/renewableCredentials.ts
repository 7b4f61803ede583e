import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import * as fs from 'fs';
import type { Logger } from '../model/logger';
import { sharedFilePaths, type ParsedSharedFiles } from './credentialSources';

/** Credentials are resolved again this long before they expire, as the SDK does (ms). */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * The credentials of one connection, resolved when first needed and kept until one of these:
 * - the shared config or credentials file changed (path, modification time or size; checked
 *   before each request with two `stat` calls, which is cheaper and more reliable than file
 *   watchers: editors replace files, watchers need disposing, and the next request is the first
 *   moment the change matters). The calls are synchronous: a few microseconds each, where the
 *   asynchronous ones wait for a turn of libuv's thread pool and the event loop, which added
 *   milliseconds to every request on a busy machine;
 * - they expire in less than 5 minutes (SSO, assumed roles, credential_process with Expiration);
 * - a request failed because of them (`invalidate()`), so that Retry or Refresh after a fixed
 *   secret, a renewed key, a finished `aws sso login` or a fixed credential_process works
 *   without reloading VS Code.
 * Each resolution builds a fresh SDK provider with `ignoreCache: true`, so the files are read
 * again; a failed resolution is not kept. The first one instead reads what `readFilesAhead()`
 * read, if the files have not changed since.
 */
export class RenewableCredentials {
  private current: Promise<AwsCredentialIdentity> | undefined;
  /** What `current` resolved to, once it has: taken without a promise turn on every request. */
  private resolved: AwsCredentialIdentity | undefined;
  private filesStamp = '';
  /** The files' stamp when readFilesAhead() read them, until a resolution has used that read. */
  private readAheadStamp: string | undefined;

  /**
   * For the client's `credentials`. Marked `memoized` so that the SDK does not wrap it in its
   * own cache, which would keep keys without an expiry for the client's lifetime.
   */
  readonly provider: AwsCredentialIdentityProvider & { memoized: boolean };

  /**
   * `profile`: a profile name, or empty for the default credential provider chain.
   * `clientConfig`: given to the providers' own STS and SSO clients, such as the request
   * handler whose agents go through the proxy.
   */
  constructor(
    private readonly profile: string,
    private readonly log: Logger,
    private readonly clientConfig?: Record<string, unknown>,
  ) {
    const provider = (options?: Parameters<AwsCredentialIdentityProvider>[0]) => this.resolve(options);
    this.provider = Object.assign(provider, { memoized: true });
  }

  /**
   * Reads both shared files afresh now, into the SDK's cache of them, so that the first
   * resolution, and the SDK's own settings that the first request reads from the config file
   * (the auth scheme preference, the endpoint options), find them read instead of each waiting
   * for the disk after the request has started. Call it when the client is created, before
   * its first request. Never rejects: a missing or unreadable file reads as empty, as in the SDK.
   */
  readFilesAhead(): Promise<ParsedSharedFiles> {
    // Stamped before reading, so that a change during the read is seen as a change.
    this.readAheadStamp = filesStamp();
    return loadSharedConfigFiles({ ignoreCache: true });
  }

  /** Forgets the credentials; the next request resolves them again from the files. */
  invalidate(): void {
    this.current = undefined;
    this.resolved = undefined;
  }

  private async resolve(options?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> {
    const stamp = filesStamp();
    if (this.current && stamp !== this.filesStamp) {
      this.log.info('[aws] the AWS config or credentials file changed; resolving credentials again');
      this.invalidate();
    }
    if (this.current) {
      const identity = this.resolved ?? (await this.current.catch(() => undefined));
      if (identity && !(identity.expiration && identity.expiration.getTime() - Date.now() < EXPIRY_MARGIN_MS)) {
        return identity;
      }
    }
    this.filesStamp = stamp;
    // What readFilesAhead() read is as fresh as a new read while the files are unchanged.
    const ignoreCache = this.readAheadStamp !== stamp;
    this.readAheadStamp = undefined;
    const clientConfig = this.clientConfig;
    const provider = this.profile
      ? fromIni({ profile: this.profile, ignoreCache, clientConfig })
      : fromNodeProviderChain({ ignoreCache, clientConfig });
    const resolving = provider(options);
    this.current = resolving;
    this.resolved = undefined;
    resolving.then(
      (identity) => {
        if (this.current === resolving) {
          this.resolved = identity;
        }
      },
      () => {
        if (this.current === resolving) {
          this.current = undefined;
        }
      },
    );
    return resolving;
  }
}

/** Path, modification time and size of both shared files ("-" for a missing one). */
function filesStamp(): string {
  const { config, credentials } = sharedFilePaths();
  const stamp = (file: string) => {
    try {
      const s = fs.statSync(file, { throwIfNoEntry: false });
      return s ? `${file}:${s.mtimeMs}:${s.size}` : `${file}:-`;
    } catch {
      return `${file}:-`;
    }
  };
  return `${stamp(config)}|${stamp(credentials)}`;
}
