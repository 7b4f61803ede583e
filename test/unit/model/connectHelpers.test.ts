import * as assert from 'assert';
import { applicationConsoleUrl, sessionConsoleUrl } from '../../../src/model/consoleUrls';
import { pysparkSnippet } from '../../../src/model/pysparkSnippet';
import { pipInstallCommand, PYSPARK_BY_RELEASE, pysparkForRelease } from '../../../src/model/pysparkVersions';

describe('PySpark version for a release', function () {
  it('emr-7.13.0 needs PySpark 3.5.6 and Python 3.11, installed with the quoted connect extra', () => {
    const match = pysparkForRelease('emr-7.13.0');
    assert.deepStrictEqual(match, {
      known: true,
      releaseLabel: 'emr-7.13.0',
      pysparkVersion: '3.5.6',
      pythonVersion: '3.11',
      pipInstall: 'pip install "pyspark[connect]==3.5.6"',
    });
  });

  it('says a release it does not know is unknown instead of guessing a version', () => {
    for (const label of ['emr-7.14.0', 'emr-7.2.0', '', 'toString', '__proto__']) {
      const match = pysparkForRelease(label);
      assert.strictEqual(match.known, false, label);
      if (!match.known) {
        assert.match(match.message, /not known/);
        assert.doesNotMatch(match.message, /==/);
      }
    }
  });

  it('every release in the table has a three-part PySpark version and a Python minor version', () => {
    for (const [label, match] of Object.entries(PYSPARK_BY_RELEASE)) {
      assert.match(label, /^emr-\d+\.\d+\.\d+$/);
      assert.match(match.pysparkVersion, /^\d+\.\d+\.\d+$/);
      assert.match(match.pythonVersion, /^3\.\d+$/);
    }
    assert.strictEqual(pipInstallCommand('3.5.6'), 'pip install "pyspark[connect]==3.5.6"');
  });
});

describe('PySpark snippet', function () {
  const session = { applicationId: '00fabc', sessionId: '00sdef', releaseLabel: 'emr-7.13.0' };

  it('reads SPARK_REMOTE and names the session and the matching PySpark', () => {
    const text = pysparkSnippet(session);
    assert.match(text, /SparkSession\.builder\.remote\(os\.environ\["SPARK_REMOTE"\]\)\.getOrCreate\(\)/);
    assert.match(text, /if "SPARK_REMOTE" not in os\.environ:\n\s+raise RuntimeError\(/);
    assert.match(text, /session 00sdef \(application 00fabc\)/);
    assert.ok(text.includes('pip install "pyspark[connect]==3.5.6"'));
    assert.ok(text.endsWith('\n'));
  });

  it('never holds a connection string or a token', () => {
    const text = pysparkSnippet(session);
    assert.doesNotMatch(text, /sc:\/\//);
    assert.doesNotMatch(text, /x-aws-proxy-auth/);
  });

  it('for an unknown release, asks for the Spark version of the release rather than naming one', () => {
    const text = pysparkSnippet({ ...session, releaseLabel: 'emr-9.0.0' });
    assert.doesNotMatch(text, /==/);
    assert.match(text, /Spark version of the session's release/);
  });
});

describe('AWS Console links', function () {
  it('open the EMR Serverless pages of an application and a session in the chosen region', () => {
    assert.strictEqual(
      applicationConsoleUrl({ region: 'eu-west-1' }, '00fabc'),
      'https://eu-west-1.console.aws.amazon.com/emr/home?region=eu-west-1#/serverless/applications/00fabc',
    );
    assert.strictEqual(
      sessionConsoleUrl({ region: 'us-east-2' }, '00fabc', '00sdef'),
      'https://us-east-2.console.aws.amazon.com/emr/home?region=us-east-2#/serverless/applications/00fabc/sessions/00sdef',
    );
  });

  it('use the GovCloud and China console hosts in those partitions', () => {
    assert.strictEqual(
      applicationConsoleUrl({ region: 'us-gov-west-1' }, '00fabc'),
      'https://console.amazonaws-us-gov.com/emr/home?region=us-gov-west-1#/serverless/applications/00fabc',
    );
    assert.strictEqual(
      applicationConsoleUrl({ region: 'cn-north-1' }, '00fabc'),
      'https://cn-north-1.console.amazonaws.cn/emr/home?region=cn-north-1#/serverless/applications/00fabc',
    );
  });

  it('are hidden (undefined) for a custom endpoint, and for a region name that is not one', () => {
    assert.strictEqual(applicationConsoleUrl({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4599' }, '00fabc'), undefined);
    assert.strictEqual(sessionConsoleUrl({ region: 'us-east-1', endpoint: 'https://vpce-1.emr-serverless.us-east-1.vpce.amazonaws.com' }, 'a', 'b'), undefined);
    assert.strictEqual(applicationConsoleUrl({ region: 'not a region' }, '00fabc'), undefined);
  });
});
