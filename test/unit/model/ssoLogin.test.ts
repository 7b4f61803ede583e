import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import { describeError } from '../../../src/model/awsErrors';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import { DEFAULT_KEY_PAIR, LocalEmrServer, SESSION_KEY_PAIR } from '../../localEmr/server';
import { overrideEnvironment } from '../support/environment';
import { SSO_PROFILE_LINES } from '../../harness/awsProfile';

/**
 * A finished `aws sso login` while the explorer runs: the CLI writes the SSO token cache file,
 * and Retry then gets role credentials with it, through the SDK's real SSO provider (the IAM
 * Identity Center portal is a stand-in on this machine that answers GetRoleCredentials).
 */
describe('an aws sso login finished while the explorer runs', function () {
  this.timeout(20_000);
  let server: LocalEmrServer;
  let portal: http.Server;
  let dir: string;
  let restore: () => void;
  const bearerTokens: string[] = [];

  before(async () => {
    server = await LocalEmrServer.start({ applications: 2, sessionsPerApplication: 1, credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR] });
    portal = http.createServer((req, res) => {
      bearerTokens.push(String(req.headers['x-amz-sso_bearer_token'] ?? ''));
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          roleCredentials: {
            accessKeyId: SESSION_KEY_PAIR.accessKeyId,
            secretAccessKey: SESSION_KEY_PAIR.secretAccessKey,
            sessionToken: SESSION_KEY_PAIR.sessionToken,
            expiration: Date.now() + 3_600_000,
          },
        }),
      );
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-sso-login-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        ...SSO_PROFILE_LINES,
        '',
      ].join('\n'),
    );
    const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_'));
    restore = overrideEnvironment({
      ...Object.fromEntries(names.map((n) => [n, undefined])),
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
      HOME: dir,
    });
  });
  after(async () => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => portal.close(resolve));
    await server.close();
  });

  it('the row says to run aws sso login; once the login wrote its token, Retry lists the applications', async () => {
    const model = new ExplorerModel({
      createApi: (c) => createEmrApi(c, { debug() {}, info() {}, warn() {}, error() {} }),
      settings: { connection: { profile: 'corp-sso', region: 'us-east-1', endpoint: server.url, requestTimeoutMs: 5_000 }, pageSize: 5 },
      filter: NO_FILTER,
    });
    try {
      await model.applications.loadNext();
      const report = describeError(model.applications.error, { operation: 'ListApplications', endpointLabel: model.endpointLabel, profile: 'corp-sso' });
      assert.strictEqual(report.loginCommand, 'aws sso login --profile corp-sso');

      // What `aws sso login` leaves behind: the token cache file, named by the session's SHA-1.
      const cache = path.join(dir, '.aws', 'sso', 'cache');
      fs.mkdirSync(cache, { recursive: true });
      fs.writeFileSync(
        path.join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
        JSON.stringify({ accessToken: 'fresh-sso-access-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }),
      );
      model.retry(undefined);
      await model.applications.loadNext();
      assert.strictEqual(model.applications.error, undefined);
      assert.strictEqual(model.applications.items.length, 2);
      assert.deepStrictEqual(bearerTokens, ['fresh-sso-access-token'], 'the new token was used, once');
    } finally {
      model.dispose();
    }
  });
});
