import * as assert from 'assert';
import type { EmrApi } from '../../../src/model/emrApi';
import { checkRoleArn, describeStartFailure, parseKeyValues, settingsRefused, toStartSessionRequest } from '../../../src/model/sessionStart';
import { LocalEmrConnection } from '../support/localEmrConnection';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessSessionRole';

/** The id of a session-enabled Spark application on emr-7.13.0 of the local endpoint's sample, in `state`. */
function sessionApplicationIn(local: LocalEmrConnection, state: string): string {
  const app = local.server.store
    .applications()
    .map((a) => local.server.store.getApplication(a.id)!)
    .find((a) => a.state === state && a.type === 'SPARK' && a.interactiveConfiguration?.sessionEnabled && a.releaseLabel === 'emr-7.13.0');
  assert.ok(app, `the sample has a session-enabled Spark application in ${state}`);
  return app.applicationId;
}

/** StartSession's failures, as the real SDK receives them from the local endpoint, in words a user can act on. */
describe('starting a session: what a failure says', function () {
  let local: LocalEmrConnection;
  let api: EmrApi;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 3, applications: 8, sessionsPerApplication: 0, sessionQuota: 1 });
    api = await local.createApi(local.settings());
  });
  after(async () => {
    api.dispose();
    await local.close();
  });

  const applicationIn = (state: string) => sessionApplicationIn(local, state);

  async function failure(applicationId: string, executionRoleArn = ROLE, token = `t-${Math.random().toString(36).slice(2)}`): Promise<string> {
    const request = toStartSessionRequest({ applicationId, executionRoleArn, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} }, token);
    try {
      await api.startSession(request);
    } catch (error) {
      return describeStartFailure(error, request, local.server.url);
    }
    assert.fail('StartSession succeeded');
  }

  it('says an application that is stopping cannot take a session now, and to wait until it is STARTED', async () => {
    assert.match(await failure(applicationIn('STOPPING')), /^The application cannot take a session now: .* wait until it is STARTED, then retry\.$/);
  });

  it('says there are too many sessions and to terminate one, naming the default of 25', async () => {
    const appId = applicationIn('STARTED');
    await api.startSession(toStartSessionRequest({ applicationId: appId, executionRoleArn: ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} }, 'first'));
    assert.match(await failure(appId), /^Too many sessions: .*Terminate a session you no longer need \(an application allows 25 at once by default\)/);
  });

  it('passes on what the service refused in the settings', async () => {
    assert.match(await failure(applicationIn('STARTED'), 'arn:aws:iam::1:role/x'), /^EMR Serverless refused the session's settings: .*executionRoleArn/);
  });

  it('names the role and iam:PassRole when the caller may not pass the execution role', () => {
    const error = Object.assign(new Error('User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:PassRole on resource: ' + ROLE), {
      name: 'AccessDeniedException',
    });
    const request = toStartSessionRequest({ applicationId: 'a', executionRoleArn: ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} }, 't');
    assert.match(describeStartFailure(error, request, 'EMR Serverless in us-east-1'), new RegExp(`^You may not pass the execution role ${ROLE} to EMR Serverless: .* Ask for iam:PassRole on that role, or choose another role\\.$`));
  });
});

/** The wizard's checks against the service's: what one refuses, the other refuses too. */
describe('starting a session: the wizard refuses what the service refuses', function () {
  let local: LocalEmrConnection;
  let api: EmrApi;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 3, applications: 8, sessionsPerApplication: 0 });
    api = await local.createApi(local.settings());
  });
  after(async () => {
    api.dispose();
    await local.close();
  });

  const applicationIn = (state: string) => sessionApplicationIn(local, state);

  it('tells settings the service refused, which no retry can fix, from failures a retry may fix', async () => {
    const refused = await api.startSession(toStartSessionRequest({ applicationId: applicationIn('STARTED'), executionRoleArn: ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags: { 'bad key!': 'x' } }, 'refused-1')).then(
      () => assert.fail('StartSession succeeded'),
      (error: unknown) => error,
    );
    assert.strictEqual(settingsRefused(refused), true);
    const conflict = await api.startSession(toStartSessionRequest({ applicationId: applicationIn('STOPPING'), executionRoleArn: ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} }, 'conflict-1')).then(
      () => assert.fail('StartSession succeeded'),
      (error: unknown) => error,
    );
    assert.strictEqual(settingsRefused(conflict), false);
  });

  // Each line: the tags as typed, and whether they are fine. The wizard must refuse exactly what
  // the service refuses, so that nothing it accepts comes back as a ValidationException.
  const TAG_CASES: readonly [string, boolean][] = [
    ['team=data, project=etl', true],
    ['a b/c_d.e:f+g@h-i=x y/z_=.:+@-', true],
    ['empty=', true],
    [`${'k'.repeat(128)}=${'v'.repeat(256)}`, true],
    ['bad key!=x', false],
    ['team=data#1', false],
    ['équipe=données', false],
    [`${'k'.repeat(129)}=v`, false],
    [`k=${'v'.repeat(257)}`, false],
    [Array.from({ length: 200 }, (_, i) => `t${i}=v`).join(', '), true],
    [Array.from({ length: 201 }, (_, i) => `t${i}=v`).join(', '), false],
  ];
  for (const [typed, fine] of TAG_CASES) {
    it(`${fine ? 'accepts' : 'refuses'} the tags "${typed.length > 40 ? `${typed.slice(0, 40)}…` : typed}" in the wizard, as the service does`, async () => {
      const parsed = parseKeyValues(typed, 'tag');
      assert.strictEqual(typeof parsed !== 'string', fine, typeof parsed === 'string' ? parsed : 'the wizard accepted them');
      const tags = typeof parsed === 'string' ? Object.fromEntries(typed.split(',').map((p) => p.trim().split('=') as [string, string])) : parsed;
      const token = `tags-${Math.random().toString(36).slice(2)}`;
      const request = toStartSessionRequest({ applicationId: applicationIn('STARTED'), executionRoleArn: ROLE, idleTimeoutMinutes: 60, sparkProperties: {}, tags }, token);
      const outcome = await api.startSession(request).then(
        () => 'accepted',
        (error: unknown) => (settingsRefused(error) ? 'refused' : `failed: ${String(error)}`),
      );
      assert.strictEqual(outcome, fine ? 'accepted' : 'refused');
    });
  }

  it('refuses in the wizard an execution role ARN that the service refuses, and accepts one with a path', async () => {
    for (const [arn, fine] of [
      ['arn:aws:iam::123456789012:role/service-role/Emr+Spark@x', true],
      ['arn:aws:iam::123456789012:role/a', true],
      ['arn:aws:iam::123456789012:role/bad name', false],
      ['arn:aws:iam::123456789012:role/', false],
    ] as const) {
      assert.strictEqual(checkRoleArn(arn) === undefined, fine, arn);
      const request = toStartSessionRequest({ applicationId: applicationIn('STARTED'), executionRoleArn: arn, idleTimeoutMinutes: 60, sparkProperties: {}, tags: {} }, `role-${Math.random().toString(36).slice(2)}`);
      const outcome = await api.startSession(request).then(
        () => true,
        (error: unknown) => !settingsRefused(error),
      );
      assert.strictEqual(outcome, fine, arn);
    }
  });
});
