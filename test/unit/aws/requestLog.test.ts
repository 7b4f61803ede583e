import * as assert from 'assert';
import { freePort } from '../../harness/freePort';
import { DEFAULT_KEY_PAIR, SESSION_KEY_PAIR } from '../../localEmr/server';
import { LocalEmrConnection } from '../support/localEmrConnection';

/** The log line of a failed request: the cause, on one line, and nothing secret. */
describe('request log', function () {
  this.timeout(20_000);
  let local: LocalEmrConnection;

  before(async () => {
    local = await LocalEmrConnection.start({ applications: 1, sessionsPerApplication: 1 });
  });
  after(async () => {
    await local.close();
  });
  beforeEach(() => {
    local.lines.length = 0;
  });

  async function failedLine(endpoint: string): Promise<string> {
    const api = await local.createApi(local.settings({ endpoint, requestTimeoutMs: 2_000 }));
    try {
      await api.openApplicationPager(5)(undefined, new AbortController().signal).next();
      assert.fail('the request should have failed');
    } catch {
      // The log line is what is checked.
    } finally {
      api.dispose();
    }
    const failed = local.lines.filter((l) => l.includes('failed'));
    assert.strictEqual(failed.length, 1, local.lines.join('\n'));
    return failed[0];
  }

  it('a refused connection is logged with its kind, the error name, the code ECONNREFUSED and the message', async () => {
    const port = await freePort();
    const line = await failedLine(`http://127.0.0.1:${port}`);
    assert.match(line, /^warn \[aws\] ListApplications \(page size 5\) failed in \d+ ms \(unreachable\): \w+ ECONNREFUSED: .*ECONNREFUSED.*, 3 attempts$/);
    assert.ok(!line.includes('\n'), 'one line');
  });

  it('a rejected key is logged with the service error and message, and no key, secret or token', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'expiredToken' });
    try {
      const line = await failedLine(local.server.url);
      assert.match(line, /\(expiredCredentials\): ExpiredTokenException: .+, request id /);
      for (const secret of [DEFAULT_KEY_PAIR.secretAccessKey, SESSION_KEY_PAIR.secretAccessKey, SESSION_KEY_PAIR.sessionToken!]) {
        assert.ok(!line.includes(secret), 'no secret in the log');
      }
    } finally {
      local.server.faults.clear();
    }
  });
});
