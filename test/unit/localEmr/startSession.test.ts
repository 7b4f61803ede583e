import * as assert from 'assert';
import { GetApplicationCommand, StartSessionCommand, type EMRServerlessClient, type StartSessionCommandInput } from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { rejectsWith, sdkClient } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';

describe('local EMR endpoint: StartSession checks its input as the service does', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let appId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 29, applications: 8, sessionsPerApplication: 10, clock: new ManualClock() });
    client = sdkClient(server);
    appId = server.store.listApplications()[0]?.id ?? '';
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  const refused = async (input: Partial<StartSessionCommandInput>, constraint: RegExp): Promise<void> => {
    const before = server.store.sessions(appId).length;
    const error = await rejectsWith(
      client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, ...input })),
      'ValidationException',
      400,
    );
    assert.match(error.message, constraint);
    assert.strictEqual(server.store.sessions(appId).length, before, 'no session was created');
  };

  it('accepts a role ARN with a path, and refuses a user ARN, another account format or a short text', async () => {
    const ok = await client.send(
      new StartSessionCommand({ applicationId: appId, executionRoleArn: 'arn:aws:iam::123456789012:role/service-role/EMRStudio-SessionRole' }),
    );
    assert.ok(ok.sessionId);
    await refused({ executionRoleArn: 'arn:aws:iam::123456789012:user/alice' }, /'executionRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:\(aws/);
    await refused({ executionRoleArn: 'arn:aws:iam::12345:role/EMRServerlessExecutionRole' }, /'executionRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await refused({ executionRoleArn: 'role/Short' }, /'executionRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/);
  });

  it('takes an idle timeout from 0 to 1,000,000 minutes and refuses values outside that range', async () => {
    for (const idleTimeoutMinutes of [0, 1_000_000]) {
      await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, idleTimeoutMinutes }));
    }
    await refused({ idleTimeoutMinutes: -1 }, /Value '-1' at 'idleTimeoutMinutes' failed to satisfy constraint: Member must have value greater than or equal to 0/);
    await refused({ idleTimeoutMinutes: 1_000_001 }, /Member must have value less than or equal to 1000000/);
  });

  it('takes up to 200 tags and refuses 201, keys over 128 characters, values over 256, and characters outside the pattern', async () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key-${i}`, `value ${i}`]));
    await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, tags: tags(200) }));
    await refused({ tags: tags(201) }, /'tags' failed to satisfy constraint: Member must have length less than or equal to 200/);
    await refused({ tags: { ['k'.repeat(129)]: 'v' } }, /'tags.key' failed to satisfy constraint: Member must have length less than or equal to 128/);
    await refused({ tags: { team: 'v'.repeat(257) } }, /'tags.team' failed to satisfy constraint: Member must have length less than or equal to 256/);
    await refused({ tags: { 'team!': 'data' } }, /'tags.key' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await refused({ tags: { team: 'données' } }, /'tags.team' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('takes a name of 256 characters and refuses 257, or a blank name', async () => {
    await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, name: 'n'.repeat(256) }));
    await refused({ name: 'n'.repeat(257) }, /'name' failed to satisfy constraint: Member must have length less than or equal to 256/);
    await refused({ name: '   ' }, /'name' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('refuses a clientToken longer than 64 characters or outside [A-Za-z0-9._-]', async () => {
    await refused({ clientToken: 't'.repeat(65) }, /'clientToken' failed to satisfy constraint: Member must have length less than or equal to 64/);
    await refused({ clientToken: 'two words' }, /'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it('reports every violation of one request in one ValidationException', async () => {
    await refused({ executionRoleArn: 'arn:aws:iam::123456789012:user/alice', idleTimeoutMinutes: -5, name: ' ' }, /^3 validation errors detected: /);
  });

  it('the same clientToken and input return the same session; other input with it is a ConflictException', async () => {
    const input = { applicationId: appId, executionRoleArn: ROLE, clientToken: 'wizard-run-7', name: 'retry me', idleTimeoutMinutes: 45, tags: { team: 'qa' } };
    const before = server.store.sessions(appId).length;
    const first = await client.send(new StartSessionCommand(input));
    const again = await client.send(new StartSessionCommand({ ...input, tags: { team: 'qa' } }));
    assert.deepStrictEqual([again.sessionId, again.arn], [first.sessionId, first.arn]);
    assert.strictEqual(server.store.sessions(appId).length, before + 1, 'one session for two requests');
    const conflict = await rejectsWith(client.send(new StartSessionCommand({ ...input, idleTimeoutMinutes: 46 })), 'ConflictException', 409);
    assert.match(conflict.message, /wizard-run-7/);
  });

  it('GetApplication carries interactiveConfiguration: enabled on most SPARK applications, not on HIVE ones or one per eight', async () => {
    const configs = [];
    for (const app of server.store.listApplications()) {
      const { application } = await client.send(new GetApplicationCommand({ applicationId: app.id }));
      configs.push({ type: application?.type, release: application?.releaseLabel, interactive: application?.interactiveConfiguration });
    }
    assert.deepStrictEqual(
      configs.map((c) => c.interactive?.sessionEnabled),
      [true, true, true, false, false, false, true, false],
    );
    assert.ok(configs.every((c) => typeof c.interactive?.studioEnabled === 'boolean' && typeof c.interactive?.livyEndpointEnabled === 'boolean'));
    assert.ok(configs.filter((c) => c.type === 'HIVE').every((c) => c.interactive?.sessionEnabled === false && c.interactive?.studioEnabled === false));
    assert.ok(configs.some((c) => c.release === 'emr-7.12.0'), 'an application on a release older than emr-7.13.0');
  });

  it('an application without sessionEnabled, on a release before emr-7.13.0, or of type HIVE refuses StartSession with the reason', async () => {
    const apps = server.store.listApplications();
    const disabled = apps.find((a) => a.type === 'SPARK' && a.releaseLabel === 'emr-7.13.0' && !server.store.getApplication(a.id)?.interactiveConfiguration.sessionEnabled);
    const older = apps.find((a) => a.releaseLabel !== 'emr-7.13.0');
    const hive = apps.find((a) => a.type === 'HIVE');
    assert.ok(disabled && older && hive);
    const start = (applicationId: string) => client.send(new StartSessionCommand({ applicationId, executionRoleArn: ROLE }));
    assert.match((await rejectsWith(start(disabled.id), 'ValidationException', 400)).message, /Interactive sessions are not enabled for application/);
    assert.match((await rejectsWith(start(older.id), 'ValidationException', 400)).message, /uses release emr-7\.12\.0\. Interactive sessions need release emr-7\.13\.0 or later/);
    assert.match((await rejectsWith(start(hive.id), 'ValidationException', 400)).message, /HIVE application/);
  });
});
