import * as assert from 'assert';
import type { EmrApi } from '../../../src/model/emrApi';
import {
  ConnectionStringError,
  maskConnectionStrings,
  maskedSparkConnectString,
  sparkConnectString,
  TOKEN_MASK,
} from '../../../src/model/sparkConnect';
import { LocalEmrConnection } from '../support/localEmrConnection';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbg.c2lnbmF0dXJl-_==';

describe('Spark Connect strings', function () {
  describe('from the local endpoint, through the AWS SDK', function () {
    let local: LocalEmrConnection;
    let api: EmrApi;
    let applicationId: string;
    let sessionId: string;

    before(async () => {
      local = await LocalEmrConnection.start({ seed: 5, applications: 1, sessionsPerApplication: 20 });
      api = await local.createApi(local.settings());
      applicationId = local.server.store.listApplications()[0]?.id ?? '';
      sessionId = local.server.store.listSessions(applicationId, { states: ['IDLE'] })[0]?.sessionId ?? '';
      assert.ok(applicationId && sessionId, 'the sample data has an IDLE session');
    });
    after(async () => {
      api.dispose();
      await local.close();
    });

    it('has exactly the documented form: sc:// host, :443/;use_ssl=true;x-aws-proxy-auth= and the token', async () => {
      const answer = await api.getSessionEndpoint(applicationId, sessionId);
      assert.strictEqual(answer.endpoint, `https://${sessionId}.${applicationId}.emr-serverless-services.us-east-1.amazonaws.com`);
      assert.ok(answer.authToken.length >= 32);
      const documented = `${answer.endpoint.replace(/^https:\/\//, 'sc://')}:443/;use_ssl=true;x-aws-proxy-auth=${answer.authToken}`;
      assert.strictEqual(sparkConnectString(answer), documented);
      assert.strictEqual(
        sparkConnectString(answer),
        `sc://${sessionId}.${applicationId}.emr-serverless-services.us-east-1.amazonaws.com:443/;use_ssl=true;x-aws-proxy-auth=${answer.authToken}`,
      );
    });

    it('the masked form of a real answer shows the host but not the token', async () => {
      const answer = await api.getSessionEndpoint(applicationId, sessionId);
      const masked = maskedSparkConnectString(answer);
      assert.strictEqual(masked, `sc://${sessionId}.${applicationId}.emr-serverless-services.us-east-1.amazonaws.com:443/;use_ssl=true;x-aws-proxy-auth=${TOKEN_MASK}`);
      assert.ok(!masked.includes(answer.authToken));
      assert.strictEqual(maskConnectionStrings(`SPARK_REMOTE=${sparkConnectString(answer)}`), `SPARK_REMOTE=${masked}`);
    });

    it('the token expires one hour after the endpoint answered, on its clock', async () => {
      const before = local.server.clock.now();
      const answer = await api.getSessionEndpoint(applicationId, sessionId);
      const after = local.server.clock.now();
      const expires = answer.authTokenExpiresAt.getTime();
      assert.ok(expires >= before + 3_600_000 - 1000 && expires <= after + 3_600_000 + 1000, `expires at ${answer.authTokenExpiresAt.toISOString()}`);
    });
  });

  describe('from answers that cannot become one', function () {
    const cases: [string, string, RegExp][] = [
      ['http://abc.example.com', 'a plain http endpoint', /does not start with https:\/\//],
      ['sc://abc.example.com', 'an sc:// endpoint', /does not start with https:\/\//],
      ['abc.example.com', 'a bare host name', /is not a URL/],
      ['https://abc.example.com/path', 'an endpoint with a path', /not a bare https:\/\/ host/],
      ['https://abc.example.com?x=1', 'an endpoint with a query', /not a bare https:\/\/ host/],
      ['https://user:pw@abc.example.com', 'an endpoint with credentials', /not a bare https:\/\/ host/],
      ['https://abc.example.com:8443', 'an endpoint on another port', /port 8443/],
    ];
    for (const [endpoint, what, message] of cases) {
      it(`rejects ${what} with a message that names it and never the token`, () => {
        assert.throws(
          () => sparkConnectString({ endpoint, authToken: TOKEN }),
          (e: unknown) => e instanceof ConnectionStringError && message.test(e.message) && e.message.includes(endpoint) && !e.message.includes(TOKEN),
        );
      });
    }

    it('accepts an explicit :443 or a trailing slash and still gives the documented form', () => {
      for (const endpoint of ['https://abc.example.com:443', 'https://abc.example.com/']) {
        assert.strictEqual(sparkConnectString({ endpoint, authToken: TOKEN }), `sc://abc.example.com:443/;use_ssl=true;x-aws-proxy-auth=${TOKEN}`);
      }
    });

    it('rejects an empty token, and a token that would end the parameter early, without showing it', () => {
      assert.throws(() => sparkConnectString({ endpoint: 'https://abc.example.com', authToken: '' }), /without an auth token/);
      for (const bad of ['abc;use_ssl=false', 'abc def']) {
        assert.throws(
          () => sparkConnectString({ endpoint: 'https://abc.example.com', authToken: bad }),
          (e: unknown) => e instanceof ConnectionStringError && !e.message.includes(bad),
        );
      }
    });
  });

  describe('masking text', function () {
    it('replaces every token in a text and leaves the rest as it was', () => {
      const one = `sc://a.example.com:443/;use_ssl=true;x-aws-proxy-auth=${TOKEN}`;
      const text = `export SPARK_REMOTE="${one}"\nthen ${one};more`;
      const masked = maskConnectionStrings(text);
      assert.ok(!masked.includes(TOKEN));
      assert.strictEqual(masked, `export SPARK_REMOTE="sc://a.example.com:443/;use_ssl=true;x-aws-proxy-auth=${TOKEN_MASK}"\nthen sc://a.example.com:443/;use_ssl=true;x-aws-proxy-auth=${TOKEN_MASK};more`);
    });

    it('leaves text without a connection string unchanged', () => {
      assert.strictEqual(maskConnectionStrings('IDLE · 3 h ago'), 'IDLE · 3 h ago');
    });
  });
});
