import * as assert from 'assert';
import type { EmrApi } from '../../../src/model/emrApi';
import { describeStartFailure, toStartSessionRequest } from '../../../src/model/sessionStart';
import { LocalEmrConnection } from '../support/localEmrConnection';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessSessionRole';

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

  function applicationIn(state: string): string {
    const app = local.server.store
      .applications()
      .map((a) => local.server.store.getApplication(a.id)!)
      .find((a) => a.state === state && a.type === 'SPARK' && a.interactiveConfiguration?.sessionEnabled && a.releaseLabel === 'emr-7.13.0');
    assert.ok(app, `the sample has a session-enabled Spark application in ${state}`);
    return app.applicationId;
  }

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
