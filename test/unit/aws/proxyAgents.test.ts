import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import { describeError, nextSteps } from '../../../src/model/awsErrors';
import type { EmrApi } from '../../../src/model/emrApi';
import type { ProxyConfig } from '../../../src/model/proxyRoute';
import { DEFAULT_KEY_PAIR, SESSION_KEY_PAIR } from '../../localEmr/server';
import { SSO_PROFILE_LINES } from '../../harness/awsProfile';
import { RecordingProxy, refusingProxyUrl } from '../../harness/recordingProxy';
import { overrideEnvironment } from '../support/environment';
import { LocalEmrConnection } from '../support/localEmrConnection';

/**
 * Requests through a real proxy (the `proxy` package) to the local endpoint. The endpoint
 * listens on 127.0.0.2: localhost and 127.0.0.1 always go direct, as in VS Code, so an
 * endpoint there would never reach the proxy.
 */
describe('requests behind a proxy', function () {
  this.timeout(20_000);
  let connection: LocalEmrConnection;
  let proxy: RecordingProxy;
  const apis: EmrApi[] = [];

  before(async () => {
    connection = await LocalEmrConnection.start({ host: '127.0.0.2', applications: 2, sessionsPerApplication: 1 });
    proxy = await RecordingProxy.start();
  });
  after(async () => {
    await proxy.close();
    await connection.close();
  });
  beforeEach(() => {
    proxy.log.length = 0;
    connection.server.resetRequests();
  });
  afterEach(() => apis.splice(0).forEach((api) => api.dispose()));

  const endpointHost = () => new URL(connection.server.url).host;
  const config = (overrides: Partial<ProxyConfig>): ProxyConfig => ({ strictSSL: true, noProxySetting: [], env: {}, ...overrides });
  async function listApplications(proxyConfig: ProxyConfig): Promise<number> {
    const api = await createEmrApi(connection.settings({ requestTimeoutMs: 5_000 }), connection.log, proxyConfig);
    apis.push(api);
    const pages = api.openApplicationPager(50)(undefined, new AbortController().signal);
    let count = 0;
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      count += page.value.items.length;
    }
    return count;
  }
  async function failure(proxyConfig: ProxyConfig) {
    const error = await listApplications(proxyConfig).then(
      () => assert.fail('the listing should fail'),
      (e: unknown) => e,
    );
    const report = describeError(error, { operation: 'ListApplications', endpointLabel: connection.server.url });
    return { report, steps: nextSteps(report).map((s) => s.label) };
  }

  it('sends the EMR Serverless requests through the http.proxy setting, as CONNECT tunnels', async () => {
    assert.strictEqual(await listApplications(config({ proxySetting: proxy.url })), 2);
    assert.ok(proxy.tunnelsTo(endpointHost()) >= 1, `the proxy log: ${proxy.log.join('; ')}`);
    assert.ok(connection.server.count('ListApplications') >= 1);
    // The request itself, and its signature, travel inside the tunnel only.
    assert.ok(proxy.log.every((line) => line.startsWith('CONNECT ')), proxy.log.join('; '));
  });

  it('sends them through HTTP_PROXY for an http:// endpoint, lower-case http_proxy first', async () => {
    const refused = await refusingProxyUrl();
    assert.strictEqual(await listApplications(config({ env: { http_proxy: proxy.url, HTTP_PROXY: refused } })), 2);
    assert.ok(proxy.tunnelsTo(endpointHost()) >= 1);
  });

  it('sends them direct when NO_PROXY names the endpoint host', async () => {
    assert.strictEqual(await listApplications(config({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com, 127.0.0.2' } })), 2);
    assert.deepStrictEqual(proxy.log, []);
    assert.ok(connection.server.count('ListApplications') >= 1);
  });

  it('a refusing proxy gives an error row that names the proxy and offers Retry and the proxy settings', async () => {
    const refused = await refusingProxyUrl();
    const { report, steps } = await failure(config({ proxySetting: refused }));
    assert.strictEqual(report.kind, 'proxyFailed');
    assert.strictEqual(report.title, `Cannot reach proxy ${refused}`);
    assert.match(report.detail, /through the proxy http:\/\/127\.0\.0\.1:\d+, from VS Code's http\.proxy setting\. .*ECONNREFUSED.* Check http\.proxy/);
    assert.deepStrictEqual(steps, ['Retry', 'Open Proxy Settings', 'Show Log']);
    assert.strictEqual(connection.server.count(), 0, 'nothing reached the endpoint');
  });

  it('a proxy that wants credentials (407) says so, names the environment variable and never shows the password', async () => {
    const guarded = await RecordingProxy.start({ credentials: 'analyst:s3cret-proxy-pass' });
    try {
      const { report, steps } = await failure(config({ env: { HTTP_PROXY: guarded.url.replace('//', '//analyst:wrong-pass@') } }));
      assert.strictEqual(report.kind, 'proxyFailed');
      assert.strictEqual(report.title, `Proxy ${guarded.url} requires authentication`);
      assert.match(report.detail, /from the HTTP_PROXY environment variable\. .*407 Proxy Authentication Required/);
      assert.doesNotMatch(`${report.title} ${report.detail} ${connection.lines.join('\n')}`, /wrong-pass|analyst:/);
      assert.deepStrictEqual(steps, ['Retry', 'Open Proxy Settings', 'Show Log']);
      assert.strictEqual(connection.server.count(), 0);

      // With the right user and password in the URL, the same proxy lets the requests through.
      assert.strictEqual(await listApplications(config({ env: { HTTP_PROXY: guarded.url.replace('//', '//analyst:s3cret-proxy-pass@') } })), 2);
      assert.ok(guarded.tunnelsTo(endpointHost()) >= 2, guarded.log.join('; '));
    } finally {
      await guarded.close();
    }
  });
});

/**
 * The credential providers' own requests (IAM Identity Center for SSO, STS for a role) go
 * through the proxy too. The portal and STS are stand-ins on 127.0.0.2 that answer the one
 * call each provider makes.
 */
describe('credential providers behind a proxy', function () {
  this.timeout(20_000);
  let connection: LocalEmrConnection;
  let proxy: RecordingProxy;
  let standIn: http.Server;
  let dir: string;
  let restore: () => void;
  const standInCalls: string[] = [];

  before(async () => {
    connection = await LocalEmrConnection.start({ host: '127.0.0.2', applications: 1, sessionsPerApplication: 1, credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR] });
    proxy = await RecordingProxy.start();
    standIn = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const expires = new Date(Date.now() + 3_600_000);
        if (req.url?.startsWith('/federation/credentials')) {
          standInCalls.push('sso:GetRoleCredentials');
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ roleCredentials: { ...SESSION_KEY_PAIR, expiration: expires.getTime() } }));
          return;
        }
        standInCalls.push(`sts:${new URLSearchParams(body).get('Action')}`);
        res.setHeader('content-type', 'text/xml');
        res.end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
            `<AccessKeyId>${SESSION_KEY_PAIR.accessKeyId}</AccessKeyId><SecretAccessKey>${SESSION_KEY_PAIR.secretAccessKey}</SecretAccessKey>` +
            `<SessionToken>${SESSION_KEY_PAIR.sessionToken}</SessionToken><Expiration>${expires.toISOString()}</Expiration></Credentials>` +
            `<AssumedRoleUser><AssumedRoleId>AROALOCAL:bob</AssumedRoleId><Arn>${SESSION_KEY_PAIR.principalArn}</Arn></AssumedRoleUser>` +
            `</AssumeRoleResult></AssumeRoleResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.2', resolve));
    const standInUrl = `http://127.0.0.2:${(standIn.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-proxy-credentials-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        ...SSO_PROFILE_LINES,
        '[profile analyst-role]',
        'role_arn = arn:aws:iam::123456789012:role/DataEngineer',
        'source_profile = base',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'credentials'), `[base]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`);
    const cache = path.join(dir, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(
      path.join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ accessToken: 'sso-access-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }),
    );
    restore = overrideEnvironment({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL_SSO: standInUrl,
      AWS_ENDPOINT_URL_STS: standInUrl,
      HOME: dir,
    });
  });
  after(async () => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => standIn.close(resolve));
    await proxy.close();
    await connection.close();
  });
  beforeEach(() => {
    proxy.log.length = 0;
    standInCalls.length = 0;
  });

  const standInHost = () => `127.0.0.2:${(standIn.address() as AddressInfo).port}`;

  for (const { profile, call } of [
    { profile: 'corp-sso', call: 'sso:GetRoleCredentials' },
    { profile: 'analyst-role', call: 'sts:AssumeRole' },
  ]) {
    it(`profile "${profile}" gets its credentials (${call}) through the proxy, then lists through it`, async () => {
      const api = await createEmrApi(connection.settings({ profile, requestTimeoutMs: 5_000 }), connection.log, {
        proxySetting: proxy.url,
        strictSSL: true,
        noProxySetting: [],
        env: {},
      });
      try {
        const pages = api.openApplicationPager(50)(undefined, new AbortController().signal);
        const first = await pages.next();
        assert.strictEqual(first.done, false);
        assert.deepStrictEqual(standInCalls, [call]);
        assert.strictEqual(proxy.tunnelsTo(standInHost()), 1, `the proxy log: ${proxy.log.join('; ')}`);
        assert.ok(proxy.tunnelsTo(new URL(connection.server.url).host) >= 1, `the proxy log: ${proxy.log.join('; ')}`);
      } finally {
        api.dispose();
      }
    });
  }
});
