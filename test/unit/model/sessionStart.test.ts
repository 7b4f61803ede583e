import * as assert from 'assert';
import type { Application } from '@aws-sdk/client-emr-serverless';
import {
  checkRoleArn,
  checkSessionName,
  parseIdleTimeout,
  parseKeyValues,
  formatKeyValues,
  sessionEligibility,
  startRefusal,
  supportsSessions,
  toStartSessionRequest,
} from '../../../src/model/sessionStart';

function app(over: Partial<Application>): Application {
  return {
    applicationId: '00app',
    arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00app',
    releaseLabel: 'emr-7.13.0',
    type: 'SPARK',
    state: 'STARTED',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    interactiveConfiguration: { sessionEnabled: true },
    ...over,
  } as Application;
}

describe('starting a session: which applications can take one', () => {
  it('accepts emr-7.13.0 and later releases, and refuses older or unknown ones', () => {
    assert.deepStrictEqual(
      ['emr-7.13.0', 'emr-7.14.2', 'emr-8.0.0', 'emr-7.12.9', 'emr-6.15.0', 'emr-7.9.0', 'custom'].map(supportsSessions),
      [true, true, true, false, false, false, false],
    );
  });

  it('offers a STARTED Spark application with sessions enabled', () => {
    assert.deepStrictEqual(sessionEligibility(app({})), { ok: true });
  });

  it('offers a STOPPED or CREATED application that can auto-start, and says why when it cannot', () => {
    assert.deepStrictEqual(sessionEligibility(app({ state: 'STOPPED' })), { ok: true });
    assert.deepStrictEqual(sessionEligibility(app({ state: 'CREATED', autoStartConfiguration: { enabled: true } })), { ok: true });
    const off = sessionEligibility(app({ state: 'STOPPED', autoStartConfiguration: { enabled: false } }));
    assert.ok(!off.ok && /auto-start is off/.test(off.reason));
  });

  it('names the reason for each application that cannot take a session', () => {
    const reasons = [
      app({ releaseLabel: 'emr-7.12.0' }),
      app({ interactiveConfiguration: { sessionEnabled: false, livyEndpointEnabled: true } }),
      app({ type: 'HIVE' }),
      app({ state: 'STOPPING' }),
    ].map((a) => {
      const e = sessionEligibility(a);
      return e.ok ? 'ok' : e.reason;
    });
    assert.deepStrictEqual(reasons, [
      'emr-7.12.0 is older than emr-7.13.0',
      'interactive sessions are not enabled on this application',
      'HIVE applications have no interactive sessions',
      'the application is STOPPING',
    ]);
  });

  it('words a refusal for an application that cannot take a session, naming it, and none for one that can', () => {
    assert.strictEqual(
      startRefusal(app({ name: 'clickstream', releaseLabel: 'emr-7.12.0' })),
      'No session can start in clickstream: emr-7.12.0 is older than emr-7.13.0.',
    );
    assert.strictEqual(
      startRefusal(app({ name: 'clickstream' }), 'Access denied'),
      'No session can start in clickstream: Access denied',
    );
    assert.strictEqual(startRefusal(app({})), undefined);
  });
});

describe('starting a session: the wizard input', () => {
  it('accepts IAM role ARNs in every partition and explains anything else', () => {
    assert.strictEqual(checkRoleArn('arn:aws:iam::123456789012:role/EMRServerlessSessionRole'), undefined);
    assert.strictEqual(checkRoleArn('arn:aws-us-gov:iam::123456789012:role/service-role/Emr'), undefined);
    assert.match(checkRoleArn('') ?? '', /execution role is required/);
    assert.match(checkRoleArn('arn:aws:iam::123456789012:user/alice') ?? '', /not an IAM role ARN/);
    assert.match(checkRoleArn('arn:aws:iam::12345:role/x') ?? '', /not an IAM role ARN/);
  });

  it('allows names of up to 256 characters', () => {
    assert.strictEqual(checkSessionName('x'.repeat(256)), undefined);
    assert.match(checkSessionName('x'.repeat(257)) ?? '', /at most 256 characters \(this one has 257\)/);
  });

  it('reads the idle timeout in whole minutes from 1 to 1440, with 60 when empty', () => {
    assert.deepStrictEqual(['', '1', '90', '1440'].map(parseIdleTimeout), [60, 1, 90, 1440]);
    for (const bad of ['0', '1441', '2.5', '-3', 'ten']) {
      assert.match(String(parseIdleTimeout(bad)), /whole number of minutes from 1 to 1440/, bad);
    }
  });

  it('reads key=value pairs separated by commas or lines, and names a pair it cannot read', () => {
    assert.deepStrictEqual(parseKeyValues('spark.executor.memory=4g, spark.executor.cores = 2\nspark.x=a=b', 'Spark property'), {
      'spark.executor.memory': '4g',
      'spark.executor.cores': '2',
      'spark.x': 'a=b',
    });
    assert.deepStrictEqual(parseKeyValues('  ', 'tag'), {});
    assert.strictEqual(parseKeyValues('team=data, oops', 'tag'), 'Each tag is key=value; "oops" is not.');
    assert.strictEqual(parseKeyValues('=x', 'tag'), 'Each tag is key=value; "=x" is not.');
    assert.strictEqual(parseKeyValues('a=1,a=2', 'tag'), 'The tag "a" is given twice.');
    assert.match(String(parseKeyValues(`${'k'.repeat(129)}=v`, 'tag')), /at most 128 characters/);
  });

  it('reads a Spark property value with commas as one value, where no new key= follows the comma', () => {
    const packages = 'io.delta:delta-spark_2.12:3.2.0,org.apache.hadoop:hadoop-aws:3.3.4';
    assert.deepStrictEqual(parseKeyValues(`spark.jars.packages=${packages}`, 'Spark property'), { 'spark.jars.packages': packages });
    assert.deepStrictEqual(parseKeyValues(`spark.executor.memory=4g, spark.jars.packages=${packages}, spark.executor.cores=2`, 'Spark property'), {
      'spark.executor.memory': '4g',
      'spark.jars.packages': packages,
      'spark.executor.cores': '2',
    });
    assert.deepStrictEqual(parseKeyValues('spark.driver.extraJavaOptions=-Da=1,-Db=2', 'Spark property'), { 'spark.driver.extraJavaOptions': '-Da=1,-Db=2' });
    assert.deepStrictEqual(parseKeyValues('spark.x=a\\,b=c, spark.y=1', 'Spark property'), { 'spark.x': 'a,b=c', 'spark.y': '1' });
    assert.strictEqual(parseKeyValues('oops, spark.x=1', 'Spark property'), 'Each Spark property is key=value; "oops" is not.');
  });

  it('writes remembered Spark properties so that they read back the same, commas in values included', () => {
    const props = { 'spark.jars.packages': 'g:a:1,g:b:2', 'spark.x': 'a,b=c', 'spark.executor.cores': '2' };
    const text = formatKeyValues(props);
    assert.strictEqual(text, 'spark.jars.packages=g:a:1,g:b:2, spark.x=a\\,b=c, spark.executor.cores=2');
    assert.deepStrictEqual(parseKeyValues(text, 'Spark property'), props);
  });

  it('names the characters a tag may not hold, the length limits and the most tags, as the service model sets them', () => {
    assert.strictEqual(parseKeyValues('bad key!=x', 'tag'), 'The tag key "bad key!" holds "!": tags hold only letters, digits, spaces and _ . : / = + - @');
    assert.strictEqual(parseKeyValues('team=a#b;c#', 'tag'), 'The value of tag "team" holds "#" ";": tags hold only letters, digits, spaces and _ . : / = + - @');
    assert.strictEqual(parseKeyValues(`k=${'v'.repeat(257)}`, 'tag'), 'A tag value has at most 256 characters (the value of "k" has 257).');
    assert.strictEqual(parseKeyValues(Array.from({ length: 201 }, (_, i) => `t${i}=v`).join(','), 'tag'), 'At most 200 tags (201 given).');
  });

  it('refuses a Spark property with no value, over 1024 characters, or more than 100 properties', () => {
    assert.strictEqual(parseKeyValues('spark.executor.memory=', 'Spark property'), 'The Spark property "spark.executor.memory" has no value.');
    assert.match(String(parseKeyValues(`spark.x=${'v'.repeat(1025)}`, 'Spark property')), /^A Spark property value has at most 1024 characters \(the value of "spark.x" has 1025\)\.$/);
    assert.strictEqual(typeof parseKeyValues(`spark.x=${'v'.repeat(1024)}`, 'Spark property'), 'object');
    assert.strictEqual(parseKeyValues(Array.from({ length: 101 }, (_, i) => `spark.p${i}=1`).join(', '), 'Spark property'), 'At most 100 Spark properties (101 given).');
  });

  it('builds the StartSession request with the wizard run\'s client token and Spark properties as spark-defaults', () => {
    const request = toStartSessionRequest(
      {
        applicationId: '00app',
        executionRoleArn: ' arn:aws:iam::123456789012:role/R ',
        name: '  daily-etl ',
        idleTimeoutMinutes: 30,
        sparkProperties: { 'spark.executor.memory': '4g' },
        tags: { team: 'data' },
      },
      'token-1',
    );
    assert.deepStrictEqual(request, {
      applicationId: '00app',
      clientToken: 'token-1',
      executionRoleArn: 'arn:aws:iam::123456789012:role/R',
      name: 'daily-etl',
      idleTimeoutMinutes: 30,
      tags: { team: 'data' },
      configurationOverrides: { runtimeConfiguration: [{ classification: 'spark-defaults', properties: { 'spark.executor.memory': '4g' } }] },
    });
    const bare = toStartSessionRequest(
      { applicationId: 'a', executionRoleArn: 'r', idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} },
      't',
    );
    assert.deepStrictEqual(Object.keys(bare).sort(), ['applicationId', 'clientToken', 'executionRoleArn', 'idleTimeoutMinutes']);
  });
});
