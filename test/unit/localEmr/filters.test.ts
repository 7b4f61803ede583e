import * as assert from 'assert';
import {
  ListApplicationsCommand,
  paginateListSessions,
  type EMRServerlessClient,
  type ListSessionsCommandInput,
  type SessionState,
  type SessionSummary,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock, SESSION_STATES } from '../../localEmr/server';
import { sdkClient } from './helpers';

describe('local EMR endpoint: filters', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let appId: string;
  let all: SessionSummary[];

  before(async () => {
    server = await LocalEmrServer.start({ seed: 9, applications: 8, sessionsPerApplication: 200, clock: new ManualClock() });
    client = sdkClient(server);
    appId = server.store.listApplications()[0]?.id ?? '';
    all = await list({});
    assert.strictEqual(all.length, 200);
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  async function list(input: Omit<ListSessionsCommandInput, 'applicationId'>, pageSize = 23): Promise<SessionSummary[]> {
    const items: SessionSummary[] = [];
    for await (const page of paginateListSessions({ client, pageSize, stopOnSameToken: true }, { applicationId: appId, ...input })) {
      items.push(...(page.sessions ?? []));
    }
    return items;
  }

  const ids = (items: SessionSummary[]): string[] => items.map((s) => s.sessionId ?? '');

  for (const state of SESSION_STATES) {
    it(`states=[${state}] returns exactly the ${state} sessions of the full listing, in its order`, async () => {
      const got = await list({ states: [state] });
      const expected = all.filter((s) => s.state === state);
      assert.ok(expected.length > 0, `the data has ${state} sessions`);
      assert.deepStrictEqual(ids(got), ids(expected));
      assert.deepStrictEqual(got, server.store.listSessions(appId, { states: [state] }));
    });
  }

  it('several states come back grouped by state, groups in enum order whatever the filter order', async () => {
    const filter: SessionState[] = ['TERMINATED', 'IDLE', 'SUBMITTED', 'BUSY'];
    const got = await list({ states: filter }, 7);
    const order = ['SUBMITTED', 'IDLE', 'BUSY', 'TERMINATED'];
    const expected = order.flatMap((state) => all.filter((s) => s.state === state));
    assert.deepStrictEqual(ids(got), ids(expected));
    // Contiguous groups: the state changes exactly (groups - 1) times.
    const changes = got.filter((s, i) => i > 0 && s.state !== got[i - 1]?.state).length;
    assert.strictEqual(changes, order.length - 1);
    assert.deepStrictEqual([...new Set(got.map((s) => s.state))], order);
  });

  it('all eight states are eight groups covering the whole listing', async () => {
    const got = await list({ states: [...SESSION_STATES] }, 50);
    assert.strictEqual(got.length, all.length);
    assert.deepStrictEqual([...new Set(got.map((s) => s.state))], [...SESSION_STATES]);
    assert.deepStrictEqual(ids(got), SESSION_STATES.flatMap((state) => ids(all.filter((s) => s.state === state))));
  });

  function boundsFrom(withMillis: boolean): [Date, Date] {
    const candidates = all.filter((s) => (s.createdAt?.getTime() ?? 0) % 1000 !== 0 === withMillis);
    assert.ok(candidates.length >= 4, `enough sessions with${withMillis ? '' : 'out'} milliseconds`);
    const newer = candidates[Math.floor(candidates.length / 4)]?.createdAt as Date;
    const older = candidates[Math.floor((candidates.length * 3) / 4)]?.createdAt as Date;
    return [older, newer];
  }

  for (const withMillis of [true, false]) {
    it(`createdAtAfter/createdAtBefore ${withMillis ? 'with' : 'without'} milliseconds are inclusive bounds`, async () => {
      const [after, before] = boundsFrom(withMillis);
      const got = await list({ createdAtAfter: after, createdAtBefore: before });
      const expected = all.filter((s) => (s.createdAt as Date) >= after && (s.createdAt as Date) <= before);
      assert.deepStrictEqual(ids(got), ids(expected));
      assert.ok(got.some((s) => s.createdAt?.getTime() === after.getTime()), 'the lower bound itself is included');
      assert.ok(got.some((s) => s.createdAt?.getTime() === before.getTime()), 'the upper bound itself is included');
      const sent = server.requests.filter((r) => r.operation === 'ListSessions').pop();
      const wire = withMillis ? after.toISOString() : after.toISOString().replace('.000Z', 'Z');
      assert.strictEqual(sent?.createdAtAfter, wire, 'the SDK sends milliseconds only when they are not zero');
    });
  }

  it('a lone lower bound and a lone upper bound split the listing', async () => {
    const pivot = all[80]?.createdAt as Date;
    const newer = await list({ createdAtAfter: pivot });
    const older = await list({ createdAtBefore: new Date(pivot.getTime() - 1) });
    assert.deepStrictEqual([...ids(newer), ...ids(older)], ids(all));
  });

  it('states and date bounds combine', async () => {
    const [after, before] = boundsFrom(true);
    const got = await list({ states: ['FAILED', 'TERMINATED'], createdAtAfter: after, createdAtBefore: before });
    const inRange = all.filter((s) => (s.createdAt as Date) >= after && (s.createdAt as Date) <= before);
    const expected = [...inRange.filter((s) => s.state === 'FAILED'), ...inRange.filter((s) => s.state === 'TERMINATED')];
    assert.ok(expected.length > 0);
    assert.deepStrictEqual(ids(got), ids(expected));
  });

  it('a lower bound after the upper bound matches nothing', async () => {
    assert.deepStrictEqual(await list({ createdAtAfter: new Date('2025-05-01T00:00:00Z'), createdAtBefore: new Date('2025-04-01T00:00:00Z') }), []);
  });

  it('ListApplications: no filter hides TERMINATED; a states filter groups; TERMINATED is listed when asked for', async () => {
    const everything = server.store.applications();
    const visible = await client.send(new ListApplicationsCommand({}));
    assert.deepStrictEqual(visible.applications?.map((a) => a.id), everything.filter((a) => a.state !== 'TERMINATED').map((a) => a.id));
    const grouped = await client.send(new ListApplicationsCommand({ states: ['STOPPED', 'STARTED', 'CREATED'] }));
    const expected = ['CREATED', 'STARTED', 'STOPPED'].flatMap((state) => everything.filter((a) => a.state === state).map((a) => a.id));
    assert.ok(expected.length >= 3);
    assert.deepStrictEqual(grouped.applications?.map((a) => a.id), expected);
    const terminated = await client.send(new ListApplicationsCommand({ states: ['TERMINATED'] }));
    assert.strictEqual(terminated.applications?.length, 1);
    assert.strictEqual(terminated.applications?.[0]?.state, 'TERMINATED');
  });
});
