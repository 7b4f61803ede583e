/**
 * The endpoint's wire as clients other than the JavaScript SDK read it: the AWS CLI and boto3
 * (botocore), with their own models of EMR Serverless. Both must be installed (`aws` and
 * `python3` with boto3 on the PATH); a missing one fails the test with how to install it.
 */
import * as assert from 'assert';
import { execFile } from 'child_process';
import { StartSessionCommand } from '@aws-sdk/client-emr-serverless';
import { DEFAULT_KEY_PAIR, LocalEmrServer, ManualClock } from '../../localEmr/server';
import { sdkClient } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';

/** The test key pair and nothing of the user's own AWS configuration. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_')) env[key] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: DEFAULT_KEY_PAIR.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEFAULT_KEY_PAIR.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONWARNINGS: 'ignore',
  };
}

/** Runs a command without blocking the endpoint in this process; resolves with stdout and the exit code. */
function run(command: string, args: string[], install: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: isolatedEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${command} is not on the PATH; this test needs it: ${install}`));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

const BOTO3_SCRIPT = `
import json, sys
import boto3
from botocore.exceptions import ClientError
url, app, session, full_app = sys.argv[1:5]
c = boto3.client('emr-serverless', endpoint_url=url, region_name='us-east-1')
out = {}
s = c.get_session(applicationId=app, sessionId=session)['session']
out['session'] = {k: (v.isoformat() if hasattr(v, 'isoformat') else v) for k, v in s.items()}
out['interactive'] = c.get_application(applicationId=app)['application'].get('interactiveConfiguration')
try:
    c.start_session(applicationId=full_app, executionRoleArn='${ROLE}')
    out['quota'] = None
except ClientError as e:
    out['quota'] = {'code': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode'], 'message': e.response['Error']['Message']}
print(json.dumps(out))
`;

describe('local EMR endpoint: the AWS CLI and boto3 read the same answers', function () {
  this.timeout(60_000);
  let server: LocalEmrServer;
  let appId: string;
  let sessionId: string;
  let fullAppId: string;
  const clock = new ManualClock();

  before(async () => {
    server = await LocalEmrServer.start({ seed: 3, applications: 2, sessionsPerApplication: 20, clock });
    [appId, fullAppId] = server.store.listApplications().map((a) => a.id) as [string, string];
    const client = sdkClient(server);
    try {
      sessionId = (await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE, idleTimeoutMinutes: 30 }))).sessionId ?? '';
      clock.advance(10_000 + 20 * 60_000); // ready, then idle for 20 minutes
      // Filled after the clock moved: sample sessions may have reached their idle timeout meanwhile.
      while (server.store.listSessions(fullAppId, { states: ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY'] }).length < 25) {
        await client.send(new StartSessionCommand({ applicationId: fullAppId, executionRoleArn: ROLE }));
      }
    } finally {
      client.destroy();
    }
  });
  after(() => server.close());

  it('aws emr-serverless get-session shows idleSince, the idle timeout and billed utilisation', async () => {
    const { stdout, stderr, code } = await run(
      'aws',
      ['emr-serverless', 'get-session', '--endpoint-url', server.url, '--application-id', appId, '--session-id', sessionId, '--output', 'json'],
      'the AWS CLI (pip install awscli, or the aws-cli v2 installer)',
    );
    assert.strictEqual(code, 0, stderr);
    const session = (JSON.parse(stdout) as { session: Record<string, unknown> }).session;
    assert.strictEqual(session['state'], 'IDLE');
    assert.strictEqual(session['idleTimeoutMinutes'], 30);
    // The CLI shows a timestamp as it came (epoch seconds) or as ISO 8601, depending on its cli_timestamp_format.
    const idleSince = typeof session['idleSince'] === 'number' ? session['idleSince'] * 1000 : Date.parse(String(session['idleSince']));
    assert.strictEqual(idleSince, clock.now() - 20 * 60_000);
    assert.deepStrictEqual(session['billedResourceUtilization'], { vCPUHour: 4.007, memoryGBHour: 16.027, storageGBHour: 0 });
    assert.strictEqual(session['totalExecutionDurationSeconds'], 20 * 60 + 2);
  });

  it('boto3 parses GetSession, interactiveConfiguration and a ServiceQuotaExceededException with HTTP 402', async () => {
    const { stdout, stderr, code } = await run('python3', ['-c', BOTO3_SCRIPT, server.url, appId, sessionId, fullAppId], 'python3 with boto3 (pip install boto3)');
    assert.strictEqual(code, 0, stderr);
    const out = JSON.parse(stdout) as {
      session: Record<string, unknown>;
      interactive: Record<string, boolean>;
      quota: { code: string; status: number; message: string } | null;
    };
    assert.strictEqual(new Date(String(out.session['idleSince'])).getTime(), clock.now() - 20 * 60_000);
    assert.deepStrictEqual(out.session['totalResourceUtilization'], { vCPUHour: 4.007, memoryGBHour: 16.027, storageGBHour: 20.033 });
    assert.deepStrictEqual(out.interactive, { sessionEnabled: true, livyEndpointEnabled: false, studioEnabled: true });
    assert.strictEqual(out.quota?.code, 'ServiceQuotaExceededException');
    assert.strictEqual(out.quota?.status, 402);
    assert.match(out.quota?.message ?? '', /25 concurrent sessions/);
  });
});
