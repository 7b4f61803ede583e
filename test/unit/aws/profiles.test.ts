import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { listProfiles } from '../../../src/aws/profiles';
import { overrideEnvironment } from '../support/environment';
import { SSO_PROFILE_LINES } from '../../harness/awsProfile';

describe('profile list', () => {
  let restore: () => void;
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-profiles-'));
    fs.writeFileSync(
      path.join(dir, 'config'),
      [
        '[default]',
        'region = eu-west-1',
        ...SSO_PROFILE_LINES,
        '[services local]',
        'emr_serverless =',
        '  endpoint_url = http://127.0.0.1:4599',
        '[profile analyst]',
        'role_arn = arn:aws:iam::123456789012:role/Analyst',
        'source_profile = default',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n[batch]\ncredential_process = /usr/bin/true\n');
    restore = overrideEnvironment({
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    });
  });
  after(() => {
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the profiles of both files with how each gets credentials, and no other section', async () => {
    const profiles = await listProfiles();
    assert.deepStrictEqual(profiles, [
      { name: 'analyst', kind: 'role', region: undefined },
      { name: 'batch', kind: 'credential process', region: undefined },
      { name: 'corp-sso', kind: 'SSO', region: undefined },
      { name: 'default', kind: 'access keys', region: 'eu-west-1' },
    ]);
  });

  it('names how each profile gets credentials in the display language', async () => {
    l10n.config({ contents: { role: 'Rolle', 'credential process': 'Anmeldeprozess', SSO: 'SSO (IAM Identity Center)', 'access keys': 'Zugriffsschlüssel' } });
    try {
      const profiles = await listProfiles();
      assert.deepStrictEqual(
        profiles.map((p) => p.kind),
        ['Rolle', 'Anmeldeprozess', 'SSO (IAM Identity Center)', 'Zugriffsschlüssel'],
      );
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
