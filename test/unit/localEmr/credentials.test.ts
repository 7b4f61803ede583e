import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { EMRServerlessClient, ListApplicationsCommand, type EMRServerlessClientConfig } from '@aws-sdk/client-emr-serverless';
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_KEY_PAIR, DEFAULT_SECRET_ACCESS_KEY, LocalEmrServer, ManualClock, type KeyPair } from '../../localEmr/server';
import { Sha256 } from '../../localEmr/sha256';
import { signedRequest } from '../../localEmr/signedHttp';
import { rejectsWith } from './helpers';

const TOKEN_PAIR: KeyPair = {
  accessKeyId: 'ASIALOCALEMRTEMP0002',
  secretAccessKey: 'temporarySecretKey00000000000000000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
};
const EXPIRED_PAIR: KeyPair = { accessKeyId: 'ASIALOCALEMREXPD0003', secretAccessKey: 'expiredSecretKey000000000000000000000000', expired: true };

/** Sets environment variables for the duration of `body`, then restores them. */
async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(vars)) {
    saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('local EMR endpoint: credentials and SigV4', function () {
  let server: LocalEmrServer;
  let dir: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 2, applications: 2, sessionsPerApplication: 5, clock: new ManualClock() });
    server.addKeyPair(TOKEN_PAIR);
    server.addKeyPair(EXPIRED_PAIR);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-emr-creds-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  });
  beforeEach(() => server.resetRequests());

  function client(credentials: EMRServerlessClientConfig['credentials'], region = 'us-east-1'): EMRServerlessClient {
    return new EMRServerlessClient({ endpoint: server.url, region, credentials, maxAttempts: 1 });
  }

  async function listWith(c: EMRServerlessClient): Promise<number> {
    try {
      const out = await c.send(new ListApplicationsCommand({}));
      return out.applications?.length ?? -1;
    } finally {
      c.destroy();
    }
  }

  it('the documented test key pair is the default', () => {
    assert.strictEqual(DEFAULT_KEY_PAIR.accessKeyId, 'AKIALOCALEMRTEST0001');
    assert.strictEqual(DEFAULT_ACCESS_KEY_ID, 'AKIALOCALEMRTEST0001');
    assert.strictEqual(DEFAULT_SECRET_ACCESS_KEY, 'localEmrTestSecretKey0000000000000000000');
  });

  it('a profile from temporary AWS config and credentials files (fromIni) signs requests that verify', async () => {
    const credentials = path.join(dir, 'credentials');
    const config = path.join(dir, 'config');
    fs.writeFileSync(
      credentials,
      `[local-test]\naws_access_key_id = ${DEFAULT_ACCESS_KEY_ID}\naws_secret_access_key = ${DEFAULT_SECRET_ACCESS_KEY}\n` +
        `[local-temp]\naws_access_key_id = ${TOKEN_PAIR.accessKeyId}\naws_secret_access_key = ${TOKEN_PAIR.secretAccessKey}\naws_session_token = ${TOKEN_PAIR.sessionToken}\n`,
    );
    fs.writeFileSync(config, '[profile local-test]\nregion = us-east-1\n[profile local-temp]\nregion = eu-west-1\n');
    await withEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: undefined }, async () => {
      assert.strictEqual(await listWith(client(fromIni({ profile: 'local-test' }))), 2);
      assert.strictEqual(await listWith(client(fromIni({ profile: 'local-temp' }), 'eu-west-1')), 2);
    });
    assert.deepStrictEqual(server.requests.map((r) => [r.accessKeyId, r.status]), [
      [DEFAULT_ACCESS_KEY_ID, 200],
      [TOKEN_PAIR.accessKeyId, 200],
    ]);
  });

  it('environment variables (fromEnv) sign requests that verify', async () => {
    await withEnv(
      { AWS_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEFAULT_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: undefined },
      async () => assert.strictEqual(await listWith(client(fromEnv())), 2),
    );
    assert.strictEqual(server.requests[0]?.status, 200);
  });

  it('a key pair with a session token works only with that token', async () => {
    assert.strictEqual(await listWith(client(TOKEN_PAIR)), 2);
    const { sessionToken: _omit, ...withoutToken } = TOKEN_PAIR;
    await rejectsWith(listWith(client(withoutToken)), 'UnrecognizedClientException', 403);
    await rejectsWith(listWith(client({ ...TOKEN_PAIR, sessionToken: 'another-token' })), 'UnrecognizedClientException', 403);
    await rejectsWith(listWith(client({ ...DEFAULT_KEY_PAIR, sessionToken: 'unexpected' })), 'UnrecognizedClientException', 403);
  });

  it('a wrong secret is InvalidSignatureException', async () => {
    const e = await rejectsWith(listWith(client({ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: 'wrong-secret' })), 'InvalidSignatureException', 403);
    assert.match(e.message, /signature we calculated does not match/);
    assert.ok(e.$metadata?.requestId);
  });

  it('an unknown access key is UnrecognizedClientException', async () => {
    await rejectsWith(listWith(client({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: DEFAULT_SECRET_ACCESS_KEY })), 'UnrecognizedClientException', 403);
  });

  it('a key pair marked expired is ExpiredTokenException', async () => {
    await rejectsWith(listWith(client(EXPIRED_PAIR)), 'ExpiredTokenException', 403);
  });

  it('any region verifies', async () => {
    assert.strictEqual(await listWith(client(DEFAULT_KEY_PAIR, 'ap-southeast-2')), 2);
  });

  it('an unsigned request is MissingAuthenticationTokenException', async () => {
    const res = await signedRequest(server.url, { path: '/applications', unsigned: true });
    assert.strictEqual(res.status, 403);
    assert.strictEqual(res.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.ok(res.headers['x-amzn-requestid']);
  });

  it('a signature scoped to another service is InvalidSignatureException', async () => {
    const s3 = await signedRequest(server.url, { path: '/applications', service: 's3' });
    assert.strictEqual(s3.status, 403);
    assert.strictEqual(s3.headers['x-amzn-errortype'], 'InvalidSignatureException');
    assert.match(JSON.parse(s3.body).message, /emr-serverless/);
  });

  /** Signs one request, then sends another (path with query, body) under that signature. */
  async function replay(signedAs: { path: string; query?: Record<string, string>; body?: string; method?: string }, sent: { target: string; body?: string }): Promise<number> {
    const url = new URL(server.url);
    const signer = new SignatureV4({ credentials: DEFAULT_KEY_PAIR, region: 'us-east-1', service: 'emr-serverless', sha256: Sha256, applyChecksum: false });
    const headers: Record<string, string> = { host: url.host };
    if (signedAs.body !== undefined) headers['content-type'] = 'application/json';
    const signed = await signer.sign({
      method: signedAs.method ?? 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: signedAs.path,
      query: signedAs.query ?? {},
      headers,
      body: signedAs.body,
    });
    return new Promise((resolve, reject) => {
      const r = request({ host: url.hostname, port: url.port, method: signedAs.method ?? 'GET', path: sent.target, headers: signed.headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end(sent.body);
    });
  }

  it('the signature covers the path, the query and the body', async () => {
    assert.strictEqual(await replay({ path: '/applications', query: { maxResults: '2' } }, { target: '/applications?maxResults=2' }), 200);
    assert.strictEqual(await replay({ path: '/applications', query: { maxResults: '2' } }, { target: '/applications?maxResults=3' }), 403);
    assert.strictEqual(await replay({ path: '/applications' }, { target: '/applications/00zzzzzzzzzzzzzz' }), 403);
    const appId = server.store.listApplications()[0]?.id ?? '';
    const body = JSON.stringify({ clientToken: 'replay-1', executionRoleArn: 'arn:aws:iam::123456789012:role/R' });
    const other = body.replace('replay-1', 'replay-2');
    const target = `/applications/${appId}/sessions`;
    assert.strictEqual(await replay({ method: 'POST', path: target, body }, { target, body: other }), 403);
    assert.strictEqual(await replay({ method: 'POST', path: target, body }, { target, body }), 200);
    assert.deepStrictEqual(
      server.requests.map((r) => r.errorType ?? r.status),
      [200, 'InvalidSignatureException', 'InvalidSignatureException', 'InvalidSignatureException', 200],
    );
  });
});
