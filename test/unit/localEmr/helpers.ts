import * as assert from 'assert';
import { EMRServerlessClient, type EMRServerlessClientConfig } from '@aws-sdk/client-emr-serverless';
import { DEFAULT_KEY_PAIR, type LocalEmrServer } from '../../localEmr/server';

/** An SDK client for the local endpoint: default test key pair, us-east-1, no retries unless overridden. */
export function sdkClient(server: LocalEmrServer, overrides: Partial<EMRServerlessClientConfig> = {}): EMRServerlessClient {
  return new EMRServerlessClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: DEFAULT_KEY_PAIR.accessKeyId, secretAccessKey: DEFAULT_KEY_PAIR.secretAccessKey },
    maxAttempts: 1,
    ...overrides,
  });
}

export interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  code?: string;
}

/** Awaits a call that must fail with the named error; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, name: string, status?: number): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    const e = error as SdkError;
    assert.strictEqual(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    if (status !== undefined) {
      assert.strictEqual(e.$metadata?.httpStatusCode, status);
    }
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

export const NEXT_TOKEN_SHAPE = /^[A-Za-z0-9_=-]{1,1024}$/;
export const REQUEST_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
