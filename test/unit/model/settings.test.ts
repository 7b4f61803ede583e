import * as assert from 'assert';
import { needsPlainHttpConsent, validatePollInterval, validateSettings } from '../../../src/model/settings';

describe('settings', () => {
  it('uses the defaults when nothing is set', () => {
    const { settings, warnings } = validateSettings({});
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(settings, {
      connection: { profile: '', endpoint: undefined, requestTimeoutMs: 10_000 },
      pageSize: 50,
    });
  });

  it('takes valid values as they are', () => {
    const { settings, warnings } = validateSettings({
      profile: ' analytics ',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4599/',
      pageSize: 7,
      requestTimeoutSeconds: 5,
    });
    assert.deepStrictEqual(warnings, []);
    assert.strictEqual(settings.connection.profile, 'analytics');
    assert.strictEqual(settings.connection.region, 'eu-west-1');
    assert.strictEqual(settings.connection.endpoint, 'http://127.0.0.1:4599');
    assert.strictEqual(settings.connection.requestTimeoutMs, 5000);
    assert.strictEqual(settings.pageSize, 7);
  });

  for (const pageSize of [0, 100, 'abc', 2.5, -1]) {
    it(`refuses page size ${JSON.stringify(pageSize)} with a message and falls back to 50`, () => {
      const { settings, warnings } = validateSettings({ pageSize });
      assert.strictEqual(settings.pageSize, 50);
      assert.strictEqual(warnings.length, 1);
      assert.match(warnings[0], /pageSize must be a whole number from 1 to 50/);
    });
  }

  it('refuses an endpoint that is not an http(s) URL, and marks the connection unusable rather than falling back', () => {
    for (const endpoint of ['not a url', 'ftp://example.com', 'localhost:4599', 'https://user:secret@example.com']) {
      const { settings, warnings } = validateSettings({ endpoint });
      assert.strictEqual(settings.connection.endpoint, undefined, endpoint);
      assert.ok(settings.connection.endpointError, `${endpoint} is marked unusable`);
      assert.strictEqual(warnings.length, 1, endpoint);
      assert.match(warnings[0], /emrServerless\.endpoint/);
      assert.ok(!warnings[0].includes('secret'), 'the message never repeats a password');
    }
  });

  it('asks for consent only for plain http away from this machine', () => {
    assert.strictEqual(needsPlainHttpConsent(undefined), false);
    assert.strictEqual(needsPlainHttpConsent('https://emr.example.com'), false);
    assert.strictEqual(needsPlainHttpConsent('http://127.0.0.1:4599'), false);
    assert.strictEqual(needsPlainHttpConsent('http://localhost:4599'), false);
    assert.strictEqual(needsPlainHttpConsent('http://[::1]:4599'), false);
    assert.strictEqual(needsPlainHttpConsent('http://emr.internal.example.com'), true);
    assert.strictEqual(needsPlainHttpConsent('http://10.0.0.5:8080'), true);
  });
});

describe('poll interval setting', () => {
  it('is 5 seconds when nothing is set', () => {
    assert.deepStrictEqual(validatePollInterval(undefined), { seconds: 5 });
  });

  for (const [raw, seconds] of [
    [0, 0],
    [1, 1],
    [30, 30],
    [300, 300],
    ['10', 10],
  ] as const) {
    it(`takes ${JSON.stringify(raw)} as ${seconds} s${seconds === 0 ? ', which turns polling off' : ''}`, () => {
      assert.deepStrictEqual(validatePollInterval(raw), { seconds });
    });
  }

  for (const raw of [-1, 301, 2.5, 'soon', null, true]) {
    it(`refuses ${JSON.stringify(raw)} with a message and uses 5 s`, () => {
      const { seconds, warning } = validatePollInterval(raw);
      assert.strictEqual(seconds, 5);
      assert.match(warning ?? '', /^emrServerless\.pollIntervalSeconds must be a whole number from 0 \(off\) to 300, not ".*"; using 5\.$/);
    });
  }
});
