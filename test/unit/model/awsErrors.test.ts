import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import { classifyError } from '../../../src/aws/errorClassification';
import { attachFailureFacts, describeError, ErrorReport, nextSteps } from '../../../src/model/awsErrors';
import { DEFAULT_KEY_PAIR, LocalEmrServer } from '../../localEmr/server';
import { overrideEnvironment } from '../support/environment';
import { SSO_PROFILE_LINES } from '../../harness/awsProfile';

const CONTEXT = { operation: 'ListApplications', endpointLabel: 'EMR Serverless in us-east-1' };

/** Classifies as the SDK side does, then words it. */
function described(error: Error): ErrorReport {
  attachFailureFacts(error, { kind: classifyError(error) });
  return describeError(error, CONTEXT);
}

describe('error descriptions', () => {
  it('names the action that was denied when it is not an EMR Serverless one', () => {
    const error = Object.assign(
      new Error('User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Analyst'),
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
    );
    assert.strictEqual(described(error).title, 'Access denied: sts:AssumeRole');
  });

  it('does not take a service message that merely contains "sso" for expired credentials', () => {
    const error = Object.assign(new Error('The processor session limit was reached'), { name: 'ValidationException', $fault: 'client' });
    assert.strictEqual(described(error).kind, 'invalidRequest');
  });

  it('says a rejected starting token is the cause, and offers List from the start instead of Retry, only for a request that carried one', () => {
    const error = Object.assign(new Error('The nextToken does not belong to this request: it was issued for a listing with different parameters.'), {
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
    });
    attachFailureFacts(error, { kind: classifyError(error) });
    const fromToken = describeError(error, { operation: 'ListSessions', endpointLabel: 'EMR Serverless in us-east-1', fromStartingToken: true });
    assert.strictEqual(fromToken.title, 'The service rejected the starting token');
    assert.match(fromToken.detail, /^EMR Serverless in us-east-1 rejected the token this listing starts from: The nextToken does not belong to this request: .* List from the start, or use List From Token… with a token of this listing\. \(request id req-1\)$/);
    assert.deepStrictEqual(nextSteps(fromToken).map((s) => s.label), ['List from the start', 'Show Log']);
    const plain = describeError(error, { operation: 'ListSessions', endpointLabel: 'EMR Serverless in us-east-1' });
    assert.strictEqual(plain.title, 'Request rejected');
    assert.deepStrictEqual(nextSteps(plain).map((s) => s.label), ['Retry', 'Show Log']);
  });

  it('offers no settings for throttling, since no setting helps with it', () => {
    const error = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const report = described(error);
    assert.strictEqual(report.kind, 'throttled');
    assert.deepStrictEqual(nextSteps(report).map((s) => s.label), ['Retry', 'Show Log']);
  });
});

/**
 * Each way a profile gets its credentials, failing through the real SDK client and credential
 * providers against the local endpoint, from temporary config files: the row names the step
 * that fits that kind of credentials.
 */
describe('the next step fits how the profile gets its credentials', function () {
  this.timeout(20_000);
  let server: LocalEmrServer;
  let dir: string;
  let configFile: string;
  let credentialsFile: string;
  let restore: () => void;

  before(async () => {
    server = await LocalEmrServer.start({ applications: 1, sessionsPerApplication: 1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-kinds-'));
    configFile = path.join(dir, 'config');
    credentialsFile = path.join(dir, 'credentials');
    fs.writeFileSync(
      configFile,
      [
        ...SSO_PROFILE_LINES,
        '[profile legacy-sso]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = DataEngineer',
        '[profile analyst]',
        'role_arn = arn:aws:iam::123456789012:role/Analyst',
        'source_profile = corp-sso',
        '[profile broken]',
        `credential_process = sh -c "echo 'token for alice has expired' >&2; exit 3"`,
        '[profile console-user]',
        'login_session = arn:aws:iam::123456789012:user/alice',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(credentialsFile, `[wrong-secret]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = notTheSecret\n`);
    const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_'));
    restore = overrideEnvironment({
      ...Object.fromEntries(names.map((n) => [n, undefined])),
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: dir,
    });
  });
  after(async () => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  /** The row for ListApplications with `profile` (empty: the default chain). */
  async function rowFor(profile: string): Promise<ErrorReport> {
    const api = await createEmrApi({ profile, region: 'us-east-1', endpoint: server.url, requestTimeoutMs: 5_000 }, { debug() {}, info() {}, warn() {}, error() {} });
    try {
      await api.openApplicationPager(5)(undefined, new AbortController().signal).next();
    } catch (error) {
      return describeError(error, { ...CONTEXT, profile: profile || undefined });
    } finally {
      api.dispose();
    }
    assert.fail(`profile "${profile}" unexpectedly worked`);
  }
  const steps = (report: ErrorReport) => nextSteps(report).map((s) => s.label);

  it('an SSO profile (sso_session) says to run aws sso login for that profile, with a copy step', async () => {
    const report = await rowFor('corp-sso');
    assert.strictEqual(report.kind, 'expiredCredentials');
    assert.strictEqual(report.loginCommand, 'aws sso login --profile corp-sso');
    assert.match(report.detail, /Run `aws sso login --profile corp-sso`/);
    assert.deepStrictEqual(steps(report), ['Copy "aws sso login --profile corp-sso"', 'Retry', 'Select Profile…', 'Show Log']);
  });

  it('a legacy SSO profile (sso_start_url) also says aws sso login for that profile', async () => {
    const report = await rowFor('legacy-sso');
    assert.strictEqual(report.loginCommand, 'aws sso login --profile legacy-sso');
  });

  it('a role whose source profile uses SSO names the source profile, and the login is for that one', async () => {
    const report = await rowFor('analyst');
    assert.match(report.detail, /Profile "analyst" assumes its role with the credentials of profile "corp-sso"/);
    assert.strictEqual(report.loginCommand, 'aws sso login --profile corp-sso');
  });

  it('a failing credential_process says the process failed, with what it wrote to stderr, and opens the config file', async () => {
    const report = await rowFor('broken');
    assert.strictEqual(report.kind, 'credentialsFailed');
    assert.match(report.detail, /The credential_process of profile "broken" failed: token for alice has expired\./);
    assert.strictEqual(report.loginCommand, undefined);
    assert.deepStrictEqual(report.fileToOpen, { role: 'config', path: configFile });
    assert.deepStrictEqual(steps(report), ['Open AWS Config File', 'Retry', 'Select Profile…', 'Show Log']);
  });

  it('a profile of aws login says in its title that aws login is not supported, and gives the credential_process that works instead', async () => {
    const report = await rowFor('console-user');
    assert.strictEqual(report.kind, 'credentialsFailed');
    assert.strictEqual(report.title, 'Profile "console-user" uses aws login, which is not supported');
    assert.ok(
      report.detail.includes(`Add a profile with credential_process = aws configure export-credentials --profile console-user --format process to ${configFile}, select that profile, then retry.`),
      report.detail,
    );
    assert.deepStrictEqual(report.fileToOpen, { role: 'config', path: configFile });
    assert.deepStrictEqual(steps(report), ['Open AWS Config File', 'Retry', 'Select Profile…', 'Show Log']);
  });

  it('keys the service rejects say to update the keys of that profile, and open the credentials file, with no aws sso login', async () => {
    const report = await rowFor('wrong-secret');
    assert.strictEqual(report.kind, 'invalidCredentials');
    assert.match(report.detail, new RegExp(`Update the access keys of profile "wrong-secret" in ${credentialsFile.replace(/[/.]/g, '\\$&')}`));
    assert.deepStrictEqual(steps(report), ['Open AWS Credentials File', 'Retry', 'Select Profile…', 'Show Log']);
  });

  it('the default chain with AWS_PROFILE names that profile, and the copied login command has --profile', async () => {
    const undo = overrideEnvironment({ AWS_PROFILE: 'corp-sso' });
    try {
      const report = await rowFor('');
      assert.strictEqual(report.loginCommand, 'aws sso login --profile corp-sso');
      assert.match(report.detail, /the default credential chain \(profile "corp-sso"\)/);
    } finally {
      undo();
    }
  });

  it('a profile that is in neither file is reported as missing credentials, naming the profile', async () => {
    const report = await rowFor('nowhere');
    assert.strictEqual(report.kind, 'noCredentials');
    assert.match(report.detail, /Profile "nowhere" is not in your AWS config or credentials file/);
    assert.deepStrictEqual(steps(report), ['Retry', 'Select Profile…', 'Show Log']);
  });
});
