import * as assert from 'assert';
import { createRegionScanApi } from '../../../src/aws/regionScanApi';
import { describeRegionProblem, REGION_SCAN_CONCURRENCY, scanRegions, type RegionScanOutcome } from '../../../src/model/regionScan';
import { regionsOfPartition } from '../../../src/model/regions';
import { LocalEmrConnection } from '../support/localEmrConnection';

/** The Regions of a standard account, as Scan All Regions asks them. */
const ALL = regionsOfPartition('aws').map((r) => r.id);

describe('Scan All Regions against the local endpoint', function () {
  this.timeout(30_000);
  let local: LocalEmrConnection;
  let api: ReturnType<typeof createRegionScanApi>;

  before(async () => {
    local = await LocalEmrConnection.start({
      seed: 3,
      applications: 2,
      sessionsPerApplication: 0,
      region: 'us-east-1',
      regions: { 'eu-west-1': { applications: 1 }, 'ap-south-2': { applications: 4 }, 'eu-south-1': { applications: 2 } },
    });
    api = createRegionScanApi(local.settings({ requestTimeoutMs: 2_000 }), local.log);
  });
  after(async () => {
    api.dispose();
    await local.close();
  });
  afterEach(() => {
    local.server.faults.clear();
    local.server.resetRequests();
  });

  const regionsOf = (outcomes: readonly RegionScanOutcome[]) => outcomes.map((o) => o.region);

  it('finds exactly the Regions that hold applications, with one ListApplications request per Region', async () => {
    const result = await scanRegions(api, ALL);
    assert.deepStrictEqual(regionsOf(result.withApplications), ['us-east-1', 'ap-south-2', 'eu-west-1', 'eu-south-1']);
    const counts = Object.fromEntries(result.withApplications.map((o) => [o.region, o.applications.length]));
    assert.deepStrictEqual(counts, { 'us-east-1': 2, 'ap-south-2': 4, 'eu-west-1': 1, 'eu-south-1': 2 });
    assert.deepStrictEqual(result.problems, []);
    assert.strictEqual(result.outcomes.filter((o) => o.status === 'none').length, ALL.length - 4);
    assert.strictEqual(local.server.count('ListApplications'), ALL.length);
    assert.deepStrictEqual(new Set(local.server.requests.map((r) => r.region)), new Set(ALL), 'each Region is asked, signed for itself');
  });

  it(`never has more than ${REGION_SCAN_CONCURRENCY} requests in flight, and uses all ${REGION_SCAN_CONCURRENCY}`, async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 60 });
    const progress: number[] = [];
    await scanRegions(api, ALL, { onProgress: (done, total) => progress.push(done / total) });
    assert.strictEqual(local.server.peakInFlight, REGION_SCAN_CONCURRENCY);
    assert.strictEqual(progress.length, ALL.length);
    assert.strictEqual(progress.at(-1), 1);
  });

  it('says that an opt-in Region is not enabled, on its own row, and still finds the others', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'regionNotEnabled', region: 'eu-south-1' });
    local.server.faults.inject({ operation: 'ListApplications', kind: 'regionNotEnabled', region: 'af-south-1' });
    const result = await scanRegions(api, ALL);
    assert.deepStrictEqual(
      result.problems.map((p) => [p.region, p.status]),
      [
        ['af-south-1', 'notEnabled'],
        ['eu-south-1', 'notEnabled'],
      ],
    );
    assert.deepStrictEqual(regionsOf(result.withApplications), ['us-east-1', 'ap-south-2', 'eu-west-1']);
    const report = describeRegionProblem(result.problems[1]!, api.profileName);
    assert.strictEqual(report.title, 'eu-south-1 is not enabled for this account');
    assert.match(report.detail, /eu-south-1 \(Europe \(Milan\)\) is an opt-in Region/);
    assert.match(report.detail, /aws account enable-region --region-name eu-south-1/);
    assert.match(report.detail, /UnrecognizedClientException: The security token included in the request is invalid/);
  });

  it('blames the credentials, not the Region, when a Region enabled by default rejects them too', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'regionNotEnabled' });
    const result = await scanRegions(api, ALL);
    assert.strictEqual(result.withApplications.length, 0);
    assert.ok(result.problems.every((p) => p.status === 'failed'), 'no Region is called not enabled');
    assert.strictEqual(result.problems.length, ALL.length);
    const report = describeRegionProblem(result.problems.find((p) => p.region === 'eu-south-1')!, api.profileName);
    assert.strictEqual(report.title, 'AWS rejected the credentials');
  });

  it('reports a Region that fails in another way with the usual wording, beside the Regions found', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'accessDenied', region: 'eu-west-1' });
    const result = await scanRegions(api, ALL);
    assert.deepStrictEqual(regionsOf(result.withApplications), ['us-east-1', 'ap-south-2', 'eu-south-1']);
    assert.deepStrictEqual(result.problems.map((p) => [p.region, p.status]), [['eu-west-1', 'failed']]);
    const report = describeRegionProblem(result.problems[0]!, api.profileName);
    assert.strictEqual(report.title, 'Access denied: emr-serverless:ListApplications');
  });

  it('asks no further Region once cancelled, and says which were not asked', async () => {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 100 });
    const controller = new AbortController();
    // Cancel once the first wave has reached the endpoint.
    const watch = setInterval(() => local.server.inFlight >= REGION_SCAN_CONCURRENCY && controller.abort(), 5);
    const result = await scanRegions(api, ALL, { signal: controller.signal }).finally(() => clearInterval(watch));
    assert.strictEqual(local.server.count('ListApplications'), REGION_SCAN_CONCURRENCY, 'only the first wave was sent');
    assert.ok(result.outcomes.every((o) => o.status === 'cancelled'));
    assert.deepStrictEqual(result.problems, []);
  });
});
