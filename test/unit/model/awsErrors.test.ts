import * as assert from 'assert';
import { fromIni } from '@aws-sdk/credential-providers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeError } from '../../../src/model/awsErrors';
import { actionsFor } from '../../../src/model/explorerNodes';
import { overrideEnvironment } from '../support/environment';

const CONTEXT = { operation: 'ListApplications', endpointLabel: 'EMR Serverless in us-east-1' };

describe('error descriptions', () => {
  it('names the action that was denied when it is not an EMR Serverless one', () => {
    const error = Object.assign(
      new Error('User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Analyst'),
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
    );
    assert.strictEqual(describeError(error, CONTEXT).title, 'Access denied: sts:AssumeRole');
  });

  it('does not take a service message that merely contains "sso" for expired credentials', () => {
    const error = Object.assign(new Error('The processor session limit was reached'), { name: 'ValidationException' });
    assert.strictEqual(describeError(error, CONTEXT).kind, 'invalidRequest');
  });
});

/** Credential failures, raised by the real credential providers from real config files. */
describe('credential warnings from the real providers', () => {
  let restore: () => void;
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-sso-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[profile corp-sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = DataEngineer',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'credentials'), '');
    restore = overrideEnvironment({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      HOME: dir,
    });
  });
  after(() => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function failureOf(profile: string): Promise<unknown> {
    try {
      await fromIni({ profile, ignoreCache: true })();
    } catch (error) {
      return error;
    }
    assert.fail(`profile ${profile} unexpectedly resolved`);
  }

  it('an SSO profile without a valid login says to run aws sso login for that profile, with a copy button', async () => {
    const report = describeError(await failureOf('corp-sso'), { ...CONTEXT, profile: 'corp-sso' });
    assert.strictEqual(report.kind, 'expiredCredentials');
    assert.strictEqual(report.loginCommand, 'aws sso login --profile corp-sso');
    assert.match(report.detail, /aws sso login --profile corp-sso/);
    const actions = actionsFor({ kind: 'error', id: 'error/', report, afterRows: false }).map((a) => a.label);
    assert.deepStrictEqual(actions, ['Retry', 'Copy "aws sso login --profile corp-sso"', 'Select Profile…', 'Show Log']);
  });

  it('a failing credential_process is reported as a failure to get credentials, not as none found', async () => {
    fs.appendFileSync(path.join(dir, 'config'), '[profile broken]\ncredential_process = /bin/false\n');
    const report = describeError(await failureOf('broken'), { ...CONTEXT, profile: 'broken' });
    assert.strictEqual(report.kind, 'credentialsFailed', report.detail);
    assert.strictEqual(report.title, 'Could not get AWS credentials');
    assert.match(report.detail, /profile "broken"/);
  });

  it('a profile that does not exist is reported as missing credentials, naming the profile', async () => {
    const report = describeError(await failureOf('nowhere'), { ...CONTEXT, profile: 'nowhere' });
    assert.strictEqual(report.kind, 'noCredentials');
    assert.strictEqual(report.title, 'No AWS credentials found');
    assert.match(report.detail, /profile "nowhere"/);
  });
});
