import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import { describeError } from '../../../src/model/awsErrors';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import type { ConnectionSettings } from '../../../src/model/settings';
import { DEFAULT_KEY_PAIR, KeyPair, LocalEmrServer, SESSION_KEY_PAIR } from '../../localEmr/server';
import { overrideEnvironment } from '../support/environment';

const EXPIRED_PAIR: KeyPair = {
  accessKeyId: 'ASIALOCALEMREXPIRED1',
  secretAccessKey: 'localEmrExpiredSecretKey0000000000000000',
  sessionToken: 'localEmrExpiredToken000000000000000000000000000000000000000000000000000',
  expired: true,
};

/**
 * Credentials that change while VS Code runs: the shared files are edited, or the credential
 * process is fixed, and Retry (or the next request) uses the new credentials with the same
 * model and API, as without reloading VS Code.
 */
describe('credentials that change while the explorer runs', function () {
  this.timeout(20_000);
  let server: LocalEmrServer;
  let dir: string;
  let restore: () => void;
  let model: ExplorerModel | undefined;
  const created: ConnectionSettings[] = [];

  before(async () => {
    server = await LocalEmrServer.start({ applications: 2, sessionsPerApplication: 1, credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR, EXPIRED_PAIR] });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-renew-'));
    const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_'));
    restore = overrideEnvironment({
      ...Object.fromEntries(names.map((n) => [n, undefined])),
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    fs.writeFileSync(path.join(dir, 'config'), '[profile team]\nregion = us-east-1\n');
    created.length = 0;
  });
  afterEach(() => {
    model?.dispose();
    model = undefined;
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeKeys(file: string, keys: KeyPair): void {
    fs.writeFileSync(
      file,
      `[team]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n` +
        (keys.sessionToken ? `aws_session_token = ${keys.sessionToken}\n` : ''),
    );
  }

  function newModel(): ExplorerModel {
    model = new ExplorerModel({
      createApi: async (connection) => {
        created.push(connection);
        return createEmrApi(connection, { debug() {}, info() {}, warn() {}, error() {} });
      },
      settings: { connection: { profile: 'team', region: 'us-east-1', endpoint: server.url, requestTimeoutMs: 5_000 }, pageSize: 5 },
      filter: NO_FILTER,
    });
    return model;
  }

  async function failure(m: ExplorerModel) {
    await m.applications.loadNext();
    assert.ok(m.applications.error !== undefined, 'the first listing should fail');
    return describeError(m.applications.error, { operation: 'ListApplications', endpointLabel: m.endpointLabel, profile: 'team' });
  }

  async function retried(m: ExplorerModel): Promise<void> {
    m.retry(undefined);
    // A failed first page starts the listing again; the tree then asks for its first page.
    await m.applications.loadNext();
    assert.strictEqual(m.applications.error, undefined);
    assert.strictEqual(m.applications.items.length, 2);
    assert.strictEqual(created.length, 1, 'one API for the connection, as without a reload');
  }

  it('a wrong secret corrected in the credentials file: Retry succeeds', async () => {
    writeKeys(path.join(dir, 'credentials'), { ...DEFAULT_KEY_PAIR, secretAccessKey: 'wrongSecretKey000000000000000000000000000' });
    const m = newModel();
    assert.strictEqual((await failure(m)).kind, 'invalidCredentials');
    writeKeys(path.join(dir, 'credentials'), DEFAULT_KEY_PAIR);
    await retried(m);
  });

  it('expired temporary keys renewed in the credentials file: Retry succeeds', async () => {
    writeKeys(path.join(dir, 'credentials'), EXPIRED_PAIR);
    const m = newModel();
    const report = await failure(m);
    assert.strictEqual(report.kind, 'expiredCredentials');
    assert.match(report.detail, /Update the temporary keys \(with aws_session_token\) of profile "team"/);
    writeKeys(path.join(dir, 'credentials'), SESSION_KEY_PAIR);
    await retried(m);
  });

  it('a credential_process that was fixed: Retry runs it again and succeeds', async () => {
    const script = path.join(dir, 'credentials.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho "not signed in" >&2\nexit 1\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'config'), `[profile team]\ncredential_process = ${script}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '');
    const m = newModel();
    const report = await failure(m);
    assert.strictEqual(report.kind, 'credentialsFailed');
    assert.match(report.detail, /failed: not signed in/);
    // Only the script changes, not the shared files.
    const output = { Version: 1, AccessKeyId: DEFAULT_KEY_PAIR.accessKeyId, SecretAccessKey: DEFAULT_KEY_PAIR.secretAccessKey };
    fs.writeFileSync(script, `#!/bin/sh\necho '${JSON.stringify(output)}'\n`, { mode: 0o755 });
    await retried(m);
  });

  it('keys rotated in the credentials file while they work: the next request signs with the new ones', async () => {
    writeKeys(path.join(dir, 'credentials'), DEFAULT_KEY_PAIR);
    const m = newModel();
    await m.applications.loadNext();
    assert.strictEqual(m.applications.error, undefined);
    writeKeys(path.join(dir, 'credentials'), SESSION_KEY_PAIR);
    // The old key stops working, as after a rotation.
    server.addKeyPair({ ...DEFAULT_KEY_PAIR, expired: true });
    try {
      m.refresh();
      await m.applications.loadNext();
      assert.strictEqual(m.applications.error, undefined, 'signed with the new key');
      assert.strictEqual(created.length, 1);
    } finally {
      server.addKeyPair(DEFAULT_KEY_PAIR);
    }
  });

  it('keys corrected in the credentials file after the connection was made, before its first request: that request signs with them', async () => {
    writeKeys(path.join(dir, 'credentials'), { ...DEFAULT_KEY_PAIR, secretAccessKey: 'wrongSecretKey000000000000000000000000000' });
    const api = await createEmrApi(
      { profile: 'team', region: 'us-east-1', endpoint: server.url, requestTimeoutMs: 5_000 },
      { debug() {}, info() {}, warn() {}, error() {} },
    );
    try {
      // The files were read when the connection was made (the read is given time to end); the
      // request must not sign with what it read. (The comment line makes the file's size
      // differ whatever the secrets' lengths.)
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeKeys(path.join(dir, 'credentials'), DEFAULT_KEY_PAIR);
      fs.appendFileSync(path.join(dir, 'credentials'), '# corrected\n');
      const page = await api.openApplicationPager(5)(undefined, new AbortController().signal).next();
      assert.strictEqual(page.done, false);
      assert.strictEqual(page.value.items.length, 2);
    } finally {
      api.dispose();
    }
  });

  it('AWS_SHARED_CREDENTIALS_FILE pointed at another file: the next request reads that file', async () => {
    writeKeys(path.join(dir, 'credentials'), { ...DEFAULT_KEY_PAIR, secretAccessKey: 'wrongSecretKey000000000000000000000000000' });
    const m = newModel();
    assert.strictEqual((await failure(m)).kind, 'invalidCredentials');
    const other = path.join(dir, 'other-credentials');
    writeKeys(other, DEFAULT_KEY_PAIR);
    process.env.AWS_SHARED_CREDENTIALS_FILE = other;
    await retried(m);
  });
});
