import * as assert from 'assert';
import { ListApplicationsCommand, ListSessionsCommand } from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer } from '../../localEmr/server';
import { rejectsWith, sdkClient } from './helpers';

describe('local endpoint: several regions', function () {
  this.timeout(20_000);
  let server: LocalEmrServer;

  before(async () => {
    server = await LocalEmrServer.start({
      seed: 5,
      applications: 2,
      sessionsPerApplication: 10,
      region: 'us-east-1',
      regions: { 'eu-west-1': { applications: 3 }, 'ap-south-2': { applications: 1 }, 'us-west-2': { sameAsMain: true } },
    });
  });
  after(() => server.close());
  afterEach(() => {
    server.faults.clear();
    server.resetRequests();
  });

  const listIn = async (region: string) => {
    const client = sdkClient(server, { region });
    try {
      return (await client.send(new ListApplicationsCommand({}))).applications ?? [];
    } finally {
      client.destroy();
    }
  };

  it('answers each request with the applications of the region it is signed for', async () => {
    const east = await listIn('us-east-1');
    const west = await listIn('eu-west-1');
    const south = await listIn('ap-south-2');
    assert.deepStrictEqual(east.map((a) => a.id), server.store.listApplications().map((a) => a.id));
    assert.deepStrictEqual(west.map((a) => a.id), server.storeFor('eu-west-1').listApplications().map((a) => a.id));
    assert.strictEqual(east.length, 2);
    assert.strictEqual(west.length, 3);
    assert.strictEqual(south.length, 1);
    assert.ok(west.every((a) => a.arn?.startsWith('arn:aws:emr-serverless:eu-west-1:123456789012:/applications/')), 'ARNs name their region');
    assert.strictEqual(new Set([...east, ...west, ...south].map((a) => a.id)).size, 6, 'application ids differ between regions');
    assert.deepStrictEqual(server.requests.map((r) => r.region), ['us-east-1', 'eu-west-1', 'ap-south-2']);
  });

  it('answers a region marked sameAsMain with the main region\'s applications', async () => {
    const mirrored = await listIn('us-west-2');
    assert.deepStrictEqual(mirrored.map((a) => a.id), server.store.listApplications().map((a) => a.id));
    assert.strictEqual(server.storeFor('us-west-2'), server.store);
  });

  it('gives a region it was not told about no applications, as an account that never used it', async () => {
    assert.deepStrictEqual(await listIn('ca-central-1'), []);
  });

  it('keeps sessions apart by region: an application of one region is unknown in another', async () => {
    const westApp = server.storeFor('eu-west-1').listApplications()[0]!.id!;
    const client = sdkClient(server, { region: 'us-east-1' });
    try {
      await rejectsWith(client.send(new ListSessionsCommand({ applicationId: westApp })), 'ResourceNotFoundException', 404);
    } finally {
      client.destroy();
    }
  });

  it('hits only the named region with a fault that names one, and answers regionNotEnabled as AWS does', async () => {
    server.faults.inject({ operation: '*', kind: 'regionNotEnabled', region: 'ap-south-2' });
    const client = sdkClient(server, { region: 'ap-south-2' });
    try {
      const error = await rejectsWith(client.send(new ListApplicationsCommand({})), 'UnrecognizedClientException', 403);
      assert.strictEqual(error.message, 'The security token included in the request is invalid.');
    } finally {
      client.destroy();
    }
    assert.strictEqual((await listIn('eu-west-1')).length, 3, 'other regions answer as usual');
  });

  it('adds a latency fault that names a region only to that region', async () => {
    server.faults.inject({ operation: '*', kind: 'latency', latencyMs: 150, region: 'eu-west-1' });
    let started = performance.now();
    await listIn('us-east-1');
    const fast = performance.now() - started;
    started = performance.now();
    await listIn('eu-west-1');
    const slow = performance.now() - started;
    assert.ok(slow >= 150, `eu-west-1 took ${slow} ms`);
    assert.ok(fast < 150, `us-east-1 took ${fast} ms`);
  });

  it('without the regions option, answers every region with the same data', async () => {
    const single = await LocalEmrServer.start({ seed: 5, applications: 2, sessionsPerApplication: 0 });
    try {
      const client = sdkClient(single, { region: 'eu-west-1' });
      const apps = (await client.send(new ListApplicationsCommand({}))).applications ?? [];
      client.destroy();
      assert.deepStrictEqual(apps.map((a) => a.id), single.store.listApplications().map((a) => a.id));
    } finally {
      await single.close();
    }
  });
});
