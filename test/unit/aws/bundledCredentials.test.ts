import * as assert from 'assert';
import { createHash } from 'crypto';
import type { BuildOptions } from 'esbuild';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { createEmrApi as CreateEmrApi } from '../../../src/aws/emrClient';
import { describeError } from '../../../src/model/awsErrors';
import { SSO_PROFILE_LINES } from '../../harness/awsProfile';
import { REPO_ROOT } from '../../harness/repoPaths';
import { DEFAULT_KEY_PAIR, SESSION_KEY_PAIR } from '../../localEmr/server';
import { overrideEnvironment } from '../support/environment';
import { LocalEmrConnection } from '../support/localEmrConnection';

const SSO_START_URL = 'https://corp.awsapps.com/start';

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

/** Builds the files that ship (esbuild.js's shippedBundles, production) into `outdir`; gives their merged metafile. */
async function buildShippedFiles(outdir: string): Promise<Metafile> {
  const build = (await import(pathToFileURL(path.join(REPO_ROOT, 'esbuild.js')).href)) as {
    default: { shippedBundles(options: { production: boolean }): (BuildOptions & { outfile: string })[] };
  };
  const esbuild = await import('esbuild');
  const outputs: Metafile['outputs'] = {};
  for (const options of build.default.shippedBundles({ production: true })) {
    const result = await esbuild.build({ ...options, outfile: path.join(outdir, path.basename(options.outfile)), metafile: true });
    for (const [name, output] of Object.entries(result.metafile.outputs)) {
      outputs[`dist/${path.basename(name)}`] = output;
    }
  }
  return { outputs };
}

/**
 * The AWS side as it ships: the files of esbuild.js's production build (dist/aws.js, which
 * the extension loads on its first request, with dist/l10n.js), which hold only what the
 * extension and the credential providers take from each SDK client (and one STS client for
 * roles and "Created by me"). Each credential kind that calls a nested client gets its
 * credentials through the bundle from a stand-in that answers the one call (STS AssumeRole and
 * AssumeRoleWithWebIdentity, IAM Identity Center GetRoleCredentials, SSO OIDC CreateToken),
 * then lists from the local endpoint with them.
 */
describe('the bundled AWS side', function () {
  this.timeout(60_000);
  let createEmrApi: typeof CreateEmrApi;
  let connection: LocalEmrConnection;
  let standIn: http.Server;
  let dir: string;
  let restore: () => void;
  let shipped: Metafile;
  let standInUrl: string;
  const calls: string[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-bundled-aws-'));
    shipped = await buildShippedFiles(path.join(dir, 'dist'));
    createEmrApi = ((await import(pathToFileURL(path.join(dir, 'dist', 'aws.js')).href)) as { default: { createEmrApi: typeof CreateEmrApi } }).default.createEmrApi;

    connection = await LocalEmrConnection.start({ applications: 1, sessionsPerApplication: 1, credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR] });
    standIn = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const expires = new Date(Date.now() + 3_600_000);
        if (req.url?.startsWith('/federation/credentials')) {
          calls.push(`sso:GetRoleCredentials with ${String(req.headers['x-amz-sso_bearer_token'])}`);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ roleCredentials: { ...SESSION_KEY_PAIR, expiration: expires.getTime() } }));
          return;
        }
        if (req.url === '/container-credentials') {
          calls.push(`container credentials with ${String(req.headers.authorization)}`);
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              AccessKeyId: SESSION_KEY_PAIR.accessKeyId,
              SecretAccessKey: SESSION_KEY_PAIR.secretAccessKey,
              Token: SESSION_KEY_PAIR.sessionToken,
              Expiration: expires.toISOString(),
            }),
          );
          return;
        }
        if (req.url === '/token') {
          const input = JSON.parse(body) as { grantType?: string; refreshToken?: string };
          calls.push(`sso-oidc:CreateToken ${input.grantType} ${input.refreshToken}`);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ accessToken: 'refreshed-access-token', expiresIn: 3600, refreshToken: 'next-refresh-token', tokenType: 'Bearer' }));
          return;
        }
        const action = new URLSearchParams(body).get('Action') ?? '';
        calls.push(`sts:${action}`);
        res.setHeader('content-type', 'text/xml');
        res.end(
          `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials>` +
            `<AccessKeyId>${SESSION_KEY_PAIR.accessKeyId}</AccessKeyId><SecretAccessKey>${SESSION_KEY_PAIR.secretAccessKey}</SecretAccessKey>` +
            `<SessionToken>${SESSION_KEY_PAIR.sessionToken}</SessionToken><Expiration>${expires.toISOString()}</Expiration></Credentials>` +
            `<AssumedRoleUser><AssumedRoleId>AROALOCAL:bob</AssumedRoleId><Arn>${SESSION_KEY_PAIR.principalArn}</Arn></AssumedRoleUser>` +
            `</${action}Result></${action}Response>`,
        );
      });
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
    const tokenFile = path.join(dir, 'web-identity-token');
    fs.writeFileSync(tokenFile, 'a-web-identity-token');
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[profile analyst-role]',
        'role_arn = arn:aws:iam::123456789012:role/DataEngineer',
        'source_profile = base',
        '[profile web-identity]',
        'role_arn = arn:aws:iam::123456789012:role/DataEngineer',
        `web_identity_token_file = ${tokenFile}`,
        ...SSO_PROFILE_LINES,
        '[profile console-user]',
        'login_session = arn:aws:iam::123456789012:user/alice',
        'region = us-east-1',
        '[profile expiring-sso]',
        'sso_session = expiring',
        'sso_account_id = 123456789012',
        'sso_role_name = DataEngineer',
        '[sso-session expiring]',
        `sso_start_url = ${SSO_START_URL}`,
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'credentials'), `[base]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`);
    const cache = path.join(dir, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true });
    const writeToken = (session: string, token: Record<string, string>) =>
      fs.writeFileSync(path.join(cache, `${createHash('sha1').update(session).digest('hex')}.json`), JSON.stringify({ region: 'us-east-1', startUrl: SSO_START_URL, ...token }));
    writeToken('corp', { accessToken: 'sso-access-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    // Within the SDK's five minutes of expiry, with what SSO OIDC needs to renew it.
    writeToken('expiring', {
      accessToken: 'expiring-access-token',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      refreshToken: 'a-refresh-token',
      clientId: 'a-client-id',
      clientSecret: 'a-client-secret',
      registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    restore = overrideEnvironment({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL_SSO: standInUrl,
      AWS_ENDPOINT_URL_SSO_OIDC: standInUrl,
      AWS_ENDPOINT_URL_STS: standInUrl,
      HOME: dir,
    });
  });
  after(async () => {
    restore?.();
    await new Promise((resolve) => standIn?.close(resolve));
    await connection?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    calls.length = 0;
  });

  for (const { profile, expected } of [
    { profile: 'analyst-role', expected: ['sts:AssumeRole'] },
    { profile: 'web-identity', expected: ['sts:AssumeRoleWithWebIdentity'] },
    { profile: 'corp-sso', expected: ['sso:GetRoleCredentials with sso-access-token'] },
    {
      profile: 'expiring-sso',
      expected: ['sso-oidc:CreateToken refresh_token a-refresh-token', 'sso:GetRoleCredentials with refreshed-access-token'],
    },
  ]) {
    it(`profile "${profile}" gets its credentials (${expected.join(', then ')}) and lists the applications with them`, async () => {
      const api = await createEmrApi(connection.settings({ profile, requestTimeoutMs: 5_000 }), connection.log);
      try {
        const first = await api.openApplicationPager(50)(undefined, new AbortController().signal).next();
        assert.strictEqual(first.done, false);
        assert.strictEqual(first.value?.items.length, 1);
        assert.deepStrictEqual(calls, expected);
      } finally {
        api.dispose();
      }
    });
  }

  it('gets container credentials (ECS, EKS Pod Identity) from the credentials endpoint with no profile, reading its answer as a Node.js stream, and lists the applications with them', async () => {
    const restoreContainer = overrideEnvironment({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${standInUrl}/container-credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a-container-token',
      AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
    });
    const api = await createEmrApi(connection.settings({ profile: '', requestTimeoutMs: 5_000 }), connection.log);
    try {
      const first = await api.openApplicationPager(50)(undefined, new AbortController().signal).next();
      assert.strictEqual(first.value?.items.length, 1);
      assert.deepStrictEqual(calls, ['container credentials with a-container-token']);
    } finally {
      api.dispose();
      restoreContainer();
    }
  });

  it('fails for a profile of aws login, which it leaves out, with a message that names the credential_process that works instead', async () => {
    const api = await createEmrApi(connection.settings({ profile: 'console-user', requestTimeoutMs: 5_000 }), connection.log);
    const requestsBefore = connection.server.count();
    try {
      await assert.rejects(api.openApplicationPager(50)(undefined, new AbortController().signal).next(), (error: Error) => {
        assert.match(error.message, /aws login \(login_session\), which this build of the extension leaves out/);
        assert.match(error.message, /credential_process is "aws configure export-credentials --profile console-user --format process"/);
        // The row says it in its title, not after a generic one.
        const report = describeError(error, { operation: 'ListApplications', endpointLabel: connection.server.url, profile: 'console-user' });
        assert.strictEqual(report.title, 'Profile "console-user" uses aws login, which is not supported');
        assert.match(report.detail, /credential_process = aws configure export-credentials --profile console-user --format process/);
        return true;
      });
      assert.deepStrictEqual(calls, []);
      assert.strictEqual(connection.server.count(), requestsBefore, 'no request is sent without credentials');
    } finally {
      api.dispose();
    }
  });

  it('signs STS requests with SigV4 for a profile that prefers SigV4a with one signing Region, and explains that SigV4a across all Regions is left out', async () => {
    const api = await createEmrApi(connection.settings({ profile: 'base', requestTimeoutMs: 5_000 }), connection.log);
    const restoreSigV4a = overrideEnvironment({ AWS_AUTH_SCHEME_PREFERENCE: 'sigv4a', AWS_SIGV4A_SIGNING_REGION_SET: 'us-east-1' });
    try {
      // One Region: the signer signs SigV4 for it, which the local endpoint checks.
      assert.match((await api.getCallerIdentity()).arn, /^arn:aws:iam::\d{12}:user\/\w+$/);
    } finally {
      restoreSigV4a();
      api.dispose();
    }
    const allRegions = await createEmrApi(connection.settings({ profile: 'base', requestTimeoutMs: 5_000 }), connection.log);
    const restoreAll = overrideEnvironment({ AWS_AUTH_SCHEME_PREFERENCE: 'sigv4a', AWS_SIGV4A_SIGNING_REGION_SET: '*' });
    const requestsBefore = connection.server.count();
    try {
      await assert.rejects(allRegions.getCallerIdentity(), /signs with SigV4 only: it leaves out SigV4a, which signing Region '\*' \(sigv4a_signing_region_set\) asks for/);
      assert.strictEqual(connection.server.count(), requestsBefore, 'nothing is sent unsigned');
    } finally {
      restoreAll();
      allRegions.dispose();
    }
  });

  it('ships the SDK only in aws.js, which the extension side loads with require on its first request', () => {
    const inputsOf = (file: string) => Object.keys(shipped.outputs[`dist/${file}`]?.inputs ?? {});
    assert.deepStrictEqual(Object.keys(shipped.outputs).filter((name) => name.endsWith('.js')).sort(), ['dist/aws.js', 'dist/extension.js', 'dist/l10n.js']);
    assert.deepStrictEqual(inputsOf('extension.js').filter((input) => /node_modules\/(@aws-sdk|@smithy)\//.test(input) || input.startsWith('src/aws/')), []);
    assert.ok(inputsOf('aws.js').some((input) => input.includes('node_modules/@aws-sdk/client-emr-serverless/')));
    const extensionSide = fs.readFileSync(path.join(dir, 'dist', 'extension.js'), 'utf8');
    assert.match(extensionSide, /\brequire\("\.\/aws\.js"\)/);
    assert.doesNotMatch(extensionSide, /\bimport\(/, 'an import() would go through the extension host\'s ES module loader');
  });

  it('gives both sides one @vscode/l10n, dist/l10n.js, so that the AWS side translates with the strings bundle the extension side sets', () => {
    const holdsL10n = Object.entries(shipped.outputs)
      .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes('node_modules/@vscode/l10n/')))
      .map(([name]) => name);
    assert.deepStrictEqual(holdsL10n, ['dist/l10n.js']);
    for (const side of ['extension.js', 'aws.js']) {
      assert.match(fs.readFileSync(path.join(dir, 'dist', side), 'utf8'), /\brequire\("\.\/l10n\.js"\)/, side);
    }
  });

  it('asks STS GetCallerIdentity who the caller of a role profile is, with the role\'s credentials', async () => {
    const api = await createEmrApi(connection.settings({ profile: 'analyst-role', requestTimeoutMs: 5_000 }), connection.log);
    try {
      const identity = await api.getCallerIdentity();
      assert.strictEqual(identity.arn, SESSION_KEY_PAIR.principalArn);
      assert.deepStrictEqual(calls, ['sts:AssumeRole']);
    } finally {
      api.dispose();
    }
  });
});
