import * as assert from 'assert';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { NO_FILTER, SessionFilter } from '../../../src/model/sessionFilter';
import { DEFAULT_KEY_PAIR } from '../../localEmr/server';
import { LocalEmrConnection } from '../support/localEmrConnection';

async function loadAll(model: ExplorerModel, applicationId: string): Promise<string[]> {
  const listing = model.sessions(applicationId);
  while (listing.hasMore) {
    await listing.loadNext();
    assert.strictEqual(listing.error, undefined, `page failed: ${String(listing.error)}`);
  }
  return listing.items.map((s) => s.sessionId ?? '');
}

describe('explorer model against the local endpoint', function () {
  let local: LocalEmrConnection;
  let appId: string;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 11, applications: 2, sessionsPerApplication: 120 });
  });
  after(() => local.close());

  function newModel(pageSize: number, filter: SessionFilter = NO_FILTER, now?: () => number): ExplorerModel {
    return new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings(), pageSize },
      filter,
      now,
    });
  }

  beforeEach(async () => {
    local.server.faults.clear();
    const model = newModel(50);
    await model.applications.loadNext();
    appId = model.applications.items[0].id ?? '';
    model.dispose();
    local.server.resetRequests();
  });

  for (const pageSize of [1, 7, 50]) {
    it(`pages through every session exactly once, in the server's order, at page size ${pageSize}`, async () => {
      const model = newModel(pageSize);
      const expected = local.server.store.listSessions(appId, {}).map((s) => s.sessionId);
      const ids = await loadAll(model, appId);
      assert.deepStrictEqual(ids, expected);
      assert.strictEqual(new Set(ids).size, ids.length, 'no duplicates');
      assert.strictEqual(local.server.count('ListSessions'), Math.ceil(expected.length / pageSize));
      model.dispose();
    });
  }

  it('lists applications through the same pager, hiding none that the service lists', async () => {
    const model = newModel(1);
    while (model.applications.hasMore) {
      await model.applications.loadNext();
    }
    const expected = local.server.store.applications().filter((a) => a.state !== 'TERMINATED').map((a) => a.id);
    assert.deepStrictEqual(model.applications.items.map((a) => a.id), expected);
    model.dispose();
  });

  it('joins a second and third click on "Load more" to the load in flight', async () => {
    const model = newModel(7);
    const listing = model.sessions(appId);
    await listing.loadNext();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs: 150 });
    const clicks = [listing.loadNext(), listing.loadNext(), listing.loadNext()];
    assert.strictEqual(listing.status, 'loading');
    await Promise.all(clicks);
    assert.strictEqual(local.server.count('ListSessions'), 2, 'one request per page, not per click');
    assert.strictEqual(listing.items.length, 14);
    model.dispose();
  });

  it('maps the state filter and custom range onto the request, and shows what the server filtered', async () => {
    const filter: SessionFilter = {
      states: ['BUSY', 'IDLE'],
      createdAt: { kind: 'range', after: '2000-01-01T00:00:00.000Z', before: '2100-01-01T00:00:00.000Z' },
    };
    const model = newModel(50, filter);
    const ids = await loadAll(model, appId);
    const request = local.server.requests.find((r) => r.operation === 'ListSessions');
    assert.ok(request, 'a ListSessions request was sent');
    assert.deepStrictEqual(request.states, ['IDLE', 'BUSY']);
    assert.strictEqual(request.createdAtAfter, '2000-01-01T00:00:00Z');
    assert.strictEqual(request.createdAtBefore, '2100-01-01T00:00:00Z');
    const expected = local.server.store
      .listSessions(appId, { states: ['IDLE', 'BUSY'], createdAtAfter: new Date('2000-01-01T00:00:00Z'), createdAtBefore: new Date('2100-01-01T00:00:00Z') })
      .map((s) => s.sessionId);
    assert.ok(expected.length > 0);
    assert.deepStrictEqual(ids, expected);
    model.dispose();
  });

  it('resolves a relative preset once per listing, so every page uses the same bounds', async () => {
    let now = Date.now();
    const model = newModel(7, { states: [], createdAt: { kind: 'relative', preset: '30d' } }, () => now);
    const listing = model.sessions(appId);
    await listing.loadNext();
    now += 3_600_000;
    await listing.loadNext();
    now += 3_600_000;
    await listing.loadNext();
    const bounds = local.server.requests.filter((r) => r.operation === 'ListSessions').map((r) => r.createdAtAfter);
    assert.strictEqual(bounds.length, 3);
    assert.ok(bounds[0], 'a lower bound was sent');
    assert.deepStrictEqual(new Set(bounds).size, 1, `bounds differ between pages: ${bounds.join(', ')}`);
    model.refresh();
    now += 3_600_000;
    await model.sessions(appId).loadNext();
    const after = local.server.requests.filter((r) => r.operation === 'ListSessions').map((r) => r.createdAtAfter);
    assert.notStrictEqual(after[3], bounds[0], 'a new listing resolves the preset anew');
    model.dispose();
  });

  it('keeps loaded rows when a later page fails, and retries only that page', async () => {
    const model = newModel(7);
    const listing = model.sessions(appId);
    await listing.loadNext();
    const firstPage = listing.items.map((s) => s.sessionId);
    local.server.faults.inject({ operation: 'ListSessions', kind: 'accessDenied', page: 'later' });
    await listing.loadNext();
    assert.strictEqual(listing.status, 'failed');
    assert.deepStrictEqual(listing.items.map((s) => s.sessionId), firstPage, 'loaded rows stay');
    const report = model.errorOf(listing, 'ListSessions');
    assert.strictEqual(report?.kind, 'accessDenied');
    assert.match(report?.title ?? '', /emr-serverless:ListSessions/);
    const nodes = new ExplorerRowBuilder(model).sessions(appId);
    assert.strictEqual(nodes.length, 8);
    assert.strictEqual(nodes[7].kind, 'error');

    local.server.faults.clear();
    await listing.loadNext();
    const expected = local.server.store.listSessions(appId, {}).slice(0, 14).map((s) => s.sessionId);
    assert.deepStrictEqual(listing.items.map((s) => s.sessionId), expected, 'retry appends the next page, no gap, no duplicate');
    model.dispose();
  });

  it('aborts the request in flight on refresh and never applies its late answer', async () => {
    const model = newModel(7);
    const old = model.sessions(appId);
    local.server.faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs: 300 });
    const pending = old.loadNext();
    await new Promise((r) => setTimeout(r, 50));
    model.refresh();
    await pending;
    await new Promise((r) => setTimeout(r, 400));
    assert.strictEqual(old.items.length, 0, 'the aborted listing took no rows');
    assert.strictEqual(old.error, undefined, 'an abort is not reported as a failure');
    const fresh = model.sessions(appId);
    assert.notStrictEqual(fresh, old);
    assert.strictEqual(fresh.status, 'notStarted');
    model.dispose();
  });

  it('abandons a request that never answers when the filter changes', async () => {
    const model = newModel(7);
    local.server.faults.inject({ operation: 'ListSessions', kind: 'hang' });
    const hanging = model.sessions(appId);
    const pending = hanging.loadNext();
    await new Promise((r) => setTimeout(r, 100));
    model.setFilter({ states: ['FAILED'], createdAt: { kind: 'any' } });
    await pending;
    local.server.faults.clear();
    const fresh = model.sessions(appId);
    await fresh.loadNext();
    assert.ok(fresh.items.length > 0);
    assert.ok(fresh.items.every((s) => s.state === 'FAILED'));
    model.dispose();
  });

  it('says "no sessions match" with a way out when the filter leaves nothing', async () => {
    const model = newModel(50, { states: [], createdAt: { kind: 'range', before: '2001-01-01T00:00:00.000Z' } });
    await model.sessions(appId).loadNext();
    const nodes = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(nodes.map((n) => n.kind), ['empty']);
    assert.strictEqual(nodes[0].kind === 'empty' && nodes[0].filtered, true);
    model.dispose();
  });

  it('says why an application on a release before emr-7.13.0, or of type HIVE, has no sessions, and gives it no active count', async () => {
    const bare = await LocalEmrConnection.start({ seed: 3, applications: 2, sessionsPerApplication: 0 });
    try {
      const [old, hive] = bare.server.store.listApplications().map((a) => a.id);
      bare.server.store.updateApplication(old, { releaseLabel: 'emr-7.12.0', type: 'SPARK' });
      bare.server.store.updateApplication(hive, { releaseLabel: 'emr-7.13.0', type: 'HIVE' });
      const model = new ExplorerModel({ createApi: bare.createApi, settings: { connection: bare.settings(), pageSize: 50 }, filter: NO_FILTER });
      await model.applications.loadNext();
      const builder = new ExplorerRowBuilder(model);
      builder.roots();
      const messages = [];
      for (const id of [old, hive]) {
        await model.sessions(id).loadNext();
        messages.push(builder.sessions(id).map((n) => (n.kind === 'empty' ? n.message : n.kind)));
      }
      assert.deepStrictEqual(messages, [
        ['No sessions: emr-7.12.0 is older than emr-7.13.0'],
        ['No sessions: HIVE applications have no interactive sessions'],
      ]);
      // "0 active" would suggest that sessions could be active there.
      const counts = builder.roots().flatMap((n) => (n.kind === 'application' ? [[n.applicationId, n.activeCount]] : []));
      assert.deepStrictEqual(counts, [
        [old, undefined],
        [hive, undefined],
      ]);
      model.dispose();
    } finally {
      await bare.close();
    }
  });

  it('reports missing credentials as such, naming the profile', async () => {
    const model = new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings({ profile: 'no-such-profile' }), pageSize: 50 },
      filter: NO_FILTER,
    });
    await model.applications.loadNext();
    const report = model.errorOf(model.applications, 'ListApplications');
    assert.strictEqual(report?.kind, 'noCredentials');
    assert.match(report?.detail ?? '', /no-such-profile/);
    assert.strictEqual(local.server.count(), 0, 'nothing unsigned was sent');
    model.dispose();
  });

  it('logs each request with operation, duration and request id, and no secret', async () => {
    const model = newModel(50);
    local.lines.length = 0;
    await model.sessions(appId).loadNext();
    const line = local.lines.find((l) => l.includes('ListSessions'));
    assert.match(line ?? '', /ListSessions \(application [0-9a-z]+, page size 50\) ok in \d+ ms, request id \S+/);
    const all = local.lines.join('\n');
    assert.ok(!all.includes(DEFAULT_KEY_PAIR.secretAccessKey), 'the secret key is never logged');
    model.dispose();
  });
});
