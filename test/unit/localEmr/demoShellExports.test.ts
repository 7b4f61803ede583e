import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LOCAL_PROFILE, shellExports, withoutAwsVariables, writeAwsProfile } from '../../harness/awsProfile';
import { DEFAULT_KEY_PAIR, LocalEmrServer } from '../../localEmr/server';
import { runProgram } from '../support/awsClients';

/** The lines `npm run demo` prints so that a copied AWS CLI command runs in a terminal. */
describe('the demo’s AWS CLI hint', function () {
  this.timeout(60_000);
  let server: LocalEmrServer;
  let dir: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 7, applications: 3, sessionsPerApplication: 5 });
    // A folder whose name needs quoting, as a temporary folder may.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emr demo's files-"));
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets the AWS CLI in a shell list the local endpoint’s applications with --profile local-emr, and prints no key', async () => {
    const files = writeAwsProfile(dir, DEFAULT_KEY_PAIR);
    const lines = shellExports(files);
    assert.match(lines[0], /^export AWS_CONFIG_FILE=/);
    assert.match(lines[1], /^export AWS_SHARED_CREDENTIALS_FILE=/);
    for (const line of lines) {
      assert.ok(!line.includes(DEFAULT_KEY_PAIR.accessKeyId) && !line.includes(DEFAULT_KEY_PAIR.secretAccessKey), line);
    }
    const script = [...lines, `aws emr-serverless list-applications --profile ${LOCAL_PROFILE} --endpoint-url ${server.url} --output json`].join('\n');
    // A shell with no AWS variable of its own, as a new terminal has.
    const result = await runProgram('bash', ['-c', script], { ...withoutAwsVariables(process.env), AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' });
    assert.strictEqual(result.code, 0, result.stderr);
    const listed = (JSON.parse(result.stdout) as { applications: Array<{ id: string }> }).applications.map((a) => a.id).sort();
    assert.deepStrictEqual(listed, server.store.listApplications().map((a) => a.id).sort());
  });
});
