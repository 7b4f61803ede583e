/**
 * STS GetCallerIdentity on the local endpoint, as three real clients read it: the AWS SDK's
 * STSClient, the AWS CLI and boto3. The caller is the signing key pair's principal.
 */
import * as assert from 'assert';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_KEY_PAIR, type KeyPair, LocalEmrServer, SESSION_KEY_PAIR } from '../../localEmr/server';
import { AwsClientEnvironment, runProgram } from '../support/awsClients';

const CAROL: KeyPair = {
  accessKeyId: 'AKIALOCALEMRCAROL001',
  secretAccessKey: 'localEmrCarolSecretKey000000000000000000',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/Analyst/carol@example.com',
};

describe('local EMR endpoint: STS GetCallerIdentity', function () {
  this.timeout(60_000);
  let server: LocalEmrServer;
  let clients: AwsClientEnvironment;

  before(async () => {
    server = await LocalEmrServer.start({
      applications: 1,
      sessionsPerApplication: 3,
      credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR, CAROL],
    });
    clients = AwsClientEnvironment.create();
  });
  after(async () => {
    clients?.dispose();
    await server?.close();
  });
  beforeEach(() => server.faults.clear());

  const sts = (credentials: KeyPair) => new STSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });

  it('names the default key pair an IAM user, alice, with an AIDA user id and the account', async () => {
    const out = await sts(DEFAULT_KEY_PAIR).send(new GetCallerIdentityCommand({}));
    assert.strictEqual(out.Arn, 'arn:aws:iam::123456789012:user/alice');
    assert.strictEqual(out.Account, '123456789012');
    assert.match(out.UserId ?? '', /^AIDA[A-Z0-9]{17}$/);
  });

  it('names temporary credentials an assumed role with its session name, and a key pair its configured principal', async () => {
    const bob = await sts(SESSION_KEY_PAIR).send(new GetCallerIdentityCommand({}));
    assert.strictEqual(bob.Arn, 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob');
    assert.match(bob.UserId ?? '', /^AROA[A-Z0-9]{17}:bob$/);
    const carol = await sts(CAROL).send(new GetCallerIdentityCommand({}));
    assert.strictEqual(carol.Arn, CAROL.principalArn);
    assert.match(carol.UserId ?? '', /:carol@example\.com$/);
  });

  it('answers the AWS CLI and boto3 with the same identity as the SDK', async () => {
    server.resetRequests();
    const cli = await runProgram(
      'aws',
      ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'],
      clients.env,
    );
    assert.strictEqual(cli.code, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as { Arn: string; Account: string; UserId: string };
    const fromSdk = await sts(DEFAULT_KEY_PAIR).send(new GetCallerIdentityCommand({}));
    assert.deepStrictEqual(fromCli, { UserId: fromSdk.UserId, Account: fromSdk.Account, Arn: fromSdk.Arn });
    const boto = JSON.parse(
      await clients.runPython(
        `import boto3, json\nr = boto3.client("sts", endpoint_url="${server.url}", region_name="us-east-1").get_caller_identity()\nprint(json.dumps(r["Arn"]))`,
      ),
    ) as string;
    assert.strictEqual(boto, 'arn:aws:iam::123456789012:user/alice');
    assert.strictEqual(server.count('GetCallerIdentity'), 3);
  });

  it("rejects a wrong secret with STS's SignatureDoesNotMatch, as the AWS CLI reports it", async () => {
    const env = { ...clients.env, AWS_SECRET_ACCESS_KEY: 'not-the-secret-key-of-this-key-pair-0000' };
    const cli = await runProgram('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url], env);
    assert.notStrictEqual(cli.code, 0);
    assert.match(cli.stderr, /\(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation/);
  });

  it('answers an accessDenied fault with an AccessDenied error naming sts:GetCallerIdentity', async () => {
    server.faults.inject({ operation: 'GetCallerIdentity', kind: 'accessDenied', times: 1 });
    await assert.rejects(
      sts(SESSION_KEY_PAIR).send(new GetCallerIdentityCommand({})),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.strictEqual(error.name, 'AccessDenied');
        assert.match(error.message, /assumed-role\/DataEngineer\/bob is not authorized to perform: sts:GetCallerIdentity/);
        assert.strictEqual(error.$metadata?.httpStatusCode, 403);
        return true;
      },
    );
    const cli = await runProgram('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url], clients.env);
    assert.strictEqual(cli.code, 0, 'the fault answered one request only');
  });

  it('counts GetCallerIdentity in the request log with its status and the access key id that signed it', async () => {
    server.resetRequests();
    await sts(CAROL).send(new GetCallerIdentityCommand({}));
    assert.strictEqual(server.count('GetCallerIdentity'), 1);
    assert.strictEqual(server.requests[0]?.status, 200);
    assert.strictEqual(server.requests[0]?.accessKeyId, CAROL.accessKeyId);
  });
});
