/**
 * STS GetCallerIdentity: who the credentials of a connection belong to, for "Created by me".
 * Only GetCallerIdentityCommand and STSClient are imported, and emrClient.ts makes the client
 * on the first call. (In the shipped build this module is part of dist/aws.js, which the
 * credential providers' role assumers need STS in anyway; see esbuild.js.)
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallerIdentity } from '../model/emrApi';
import type { requestLogMiddleware } from './requestLog';

export interface CallerIdentityClientOptions {
  readonly region: string;
  /** The connection's custom endpoint, if any (see stsEndpointFor). */
  readonly endpoint: string | undefined;
  readonly credentials: AwsCredentialIdentityProvider;
  /** The clients' `requestHandler` options: proxy agents and timeouts (emrClient.ts's ClientNetwork). */
  readonly requestHandler: NonNullable<NonNullable<ConstructorParameters<typeof STSClient>[0]>['requestHandler']>;
  /** Logs and classifies each request, as for EMR Serverless (requestLog.ts). */
  readonly middleware: ReturnType<typeof requestLogMiddleware>;
}

export interface CallerIdentityClient {
  /** GetCallerIdentity; rejects with the SDK's error (AccessDenied, ExpiredToken, a network error). */
  getCallerIdentity(signal?: AbortSignal): Promise<CallerIdentity>;
  dispose(): void;
}

/**
 * Where STS requests go: with no custom endpoint, or one on AWS's own domains (an EMR
 * Serverless VPC endpoint answers nothing but EMR Serverless), STS's endpoint for the Region;
 * any other custom endpoint (a local endpoint, a proxy) gets them too, as it gets the rest.
 */
export function stsEndpointFor(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) {
    return undefined;
  }
  try {
    const host = new URL(endpoint).hostname.toLowerCase();
    return /(^|\.)amazonaws\.com(\.cn)?$/.test(host) ? undefined : endpoint;
  } catch {
    return endpoint;
  }
}

export function createCallerIdentityClient(options: CallerIdentityClientOptions): CallerIdentityClient {
  const endpoint = stsEndpointFor(options.endpoint);
  const client = new STSClient({
    region: options.region,
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    credentials: options.credentials,
    requestHandler: options.requestHandler,
  });
  client.middlewareStack.add(options.middleware, { step: 'initialize', name: 'stsRequestLog' });
  return {
    async getCallerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
      const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
      if (!out.Arn || !out.Account) {
        throw new Error('STS GetCallerIdentity answered without an Arn or Account');
      }
      return { arn: out.Arn, account: out.Account, userId: out.UserId ?? '' };
    },
    dispose() {
      client.destroy();
    },
  };
}
