import * as assert from 'assert';
import {
  listSessionsCliCommand,
  listSessionsPython,
  pythonString,
  shellQuote,
  type ListingToCopy,
} from '../../../src/model/listSessionsCommand';
import { AwsClientEnvironment, runProgram } from '../support/awsClients';

const LISTING: ListingToCopy = {
  applicationId: '00f1abcdexample',
  params: {
    states: ['IDLE', 'BUSY'],
    createdAtAfter: new Date('2026-11-01T00:00:00.123Z'),
    createdAtBefore: new Date('2026-11-29T12:00:00Z'),
  },
  pageSize: 25,
  maxItems: 1000,
  position: { pageToken: 'tok2', rowsTakenFromPage: 1 },
  region: 'eu-west-1',
  profile: 'data eng',
  endpoint: 'https://vpce-0123.emr-serverless.eu-west-1.vpce.amazonaws.com',
};

const HOSTILE = [
  "it's",
  'a b',
  '$(touch /tmp/pwned)',
  '`id`',
  '"quoted"',
  'back\\slash',
  'line\nbreak',
  '',
  '-dash',
  '* ? [x]',
  'é ü 日本',
  "'",
  "''",
];

describe('copy as AWS CLI command and as Python', function () {
  this.timeout(30_000);

  it('writes the AWS CLI command with the filters, paging, token and connection of the listing', () => {
    assert.strictEqual(
      listSessionsCliCommand(LISTING),
      'aws emr-serverless list-sessions --application-id 00f1abcdexample --states IDLE BUSY ' +
        '--created-at-after 2026-11-01T00:00:00.123Z --created-at-before 2026-11-29T12:00:00.000Z ' +
        '--page-size 25 --max-items 1000 --starting-token eyJuZXh0VG9rZW4iOiAidG9rMiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9 ' +
        "--region eu-west-1 --profile 'data eng' --endpoint-url https://vpce-0123.emr-serverless.eu-west-1.vpce.amazonaws.com",
    );
  });

  it('leaves out what the listing does not set: no filters, no token at the start, the default profile and endpoint', () => {
    assert.strictEqual(
      listSessionsCliCommand({
        applicationId: 'app1',
        params: { states: [] },
        pageSize: 50,
        position: { pageToken: undefined, rowsTakenFromPage: 0 },
        profile: '',
        endpoint: '',
      }),
      'aws emr-serverless list-sessions --application-id app1 --page-size 50',
    );
  });

  it('quotes any value so that a POSIX shell passes it on unchanged and runs nothing in it', async () => {
    const result = await runProgram('sh', ['-c', `printf '%s\\0' ${HOSTILE.map(shellQuote).join(' ')}`], process.env);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual(result.stdout.split('\0').slice(0, -1), HOSTILE);
  });

  it('writes Python string literals that hold exactly the value', async () => {
    const clients = AwsClientEnvironment.create();
    try {
      const script = `import sys\nsys.stdout.write("\\0".join([${HOSTILE.map(pythonString).join(', ')}]))`;
      assert.deepStrictEqual((await clients.runPython(script)).split('\0'), HOSTILE);
    } finally {
      clients.dispose();
    }
  });

  it('writes the boto3 paginator with PaginationConfig, the filters as UTC datetimes, and the connection', () => {
    const script = listSessionsPython(LISTING);
    assert.match(script, /^from datetime import datetime, timezone\n\nimport boto3\n/);
    assert.match(script, /\nsession = boto3\.Session\(profile_name="data eng", region_name="eu-west-1"\)\n/);
    assert.match(
      script,
      /\nclient = session\.client\("emr-serverless", endpoint_url="https:\/\/vpce-0123\.emr-serverless\.eu-west-1\.vpce\.amazonaws\.com"\)\n/,
    );
    assert.match(script, /\n {4}states=\["IDLE", "BUSY"\],\n/);
    assert.match(script, /\n {4}createdAtAfter=datetime\(2026, 11, 1, 0, 0, 0, 123000, tzinfo=timezone\.utc\),\n/);
    assert.match(script, /\n {4}createdAtBefore=datetime\(2026, 11, 29, 12, 0, 0, 0, tzinfo=timezone\.utc\),\n/);
    assert.match(
      script,
      /"PageSize": 25,\n {8}"MaxItems": 1000,\n {8}"StartingToken": "eyJuZXh0VG9rZW4iOiAidG9rMiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9",\n/,
    );
  });

  it('refuses a page size, item count or date that no listing can have', () => {
    assert.throws(() => listSessionsCliCommand({ ...LISTING, pageSize: 0 }), RangeError);
    assert.throws(() => listSessionsCliCommand({ ...LISTING, pageSize: 51 }), RangeError);
    assert.throws(() => listSessionsPython({ ...LISTING, maxItems: 0 }), RangeError);
    assert.throws(() => listSessionsCliCommand({ ...LISTING, params: { createdAtAfter: new Date('nope') } }), RangeError);
  });
});
