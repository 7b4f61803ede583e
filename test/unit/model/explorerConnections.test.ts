import * as assert from 'assert';
import type { ConnectionConfig } from '../../../src/model/connectionList';
import { resolveConnections } from '../../../src/model/connectionList';
import type { EmrApi } from '../../../src/model/emrApi';
import { ExplorerConnections } from '../../../src/model/explorerConnections';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import type { ConnectionSettings } from '../../../src/model/settings';
import { listRunningSessions } from '../../../src/model/runningSessions';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import { ACTIVE_SESSION_STATES } from '../../../src/model/sessionStates';
import { LOCAL_PROFILE } from '../../harness/awsProfile';
import { LocalEmrConnection } from '../support/localEmrConnection';

/**
 * Several connections in one explorer, each against its own local endpoint (two servers with
 * different samples), through the real SDK and credential chain.
 */
describe('several connections against two local endpoints', () => {
  let prod: LocalEmrConnection;
  let dev: LocalEmrConnection;
  /** Connections (by endpoint) whose SDK client was created, in order. */
  let created: string[];
  let live: ExplorerConnections[];

  before(async () => {
    prod = await LocalEmrConnection.start({ seed: 41, applications: 3, sessionsPerApplication: 30 });
    dev = await LocalEmrConnection.start({ seed: 42, applications: 2, sessionsPerApplication: 30 });
  });
  after(async () => {
    await dev.close();
    await prod.close();
  });
  beforeEach(() => {
    created = [];
    live = [];
    prod.server.faults.clear();
    dev.server.faults.clear();
    prod.server.resetRequests();
    dev.server.resetRequests();
  });
  afterEach(() => live.forEach((c) => c.dispose()));

  const entry = (server: LocalEmrConnection, label?: string) => ({
    profile: LOCAL_PROFILE,
    region: 'us-east-1',
    endpoint: server.server.url,
    ...(label ? { label } : {}),
  });

  function configs(raw: unknown[]): readonly ConnectionConfig[] {
    const resolved = resolveConnections(raw, { connection: prod.settings(), pageSize: 50 });
    assert.deepStrictEqual(resolved.warnings, []);
    return resolved.connections;
  }

  function explorer(raw: unknown[]): ExplorerConnections {
    const createApi = async (connection: ConnectionSettings): Promise<EmrApi> => {
      created.push(connection.endpoint ?? '');
      return prod.createApi(connection);
    };
    const connections = new ExplorerConnections({ connections: configs(raw), filter: NO_FILTER, createApi });
    live.push(connections);
    return connections;
  }

  const ids = (items: readonly { id?: string }[]) => items.map((a) => a.id);
  const serverApps = (server: LocalEmrConnection) =>
    ids(server.server.store.listApplications().filter((a) => a.state !== 'TERMINATED'));

  it('lists each connection from its own endpoint, and resolves nothing for a connection that was not expanded', async () => {
    const connections = explorer([entry(prod, 'prod'), entry(dev, 'dev')]);
    assert.ok(connections.isMulti);
    assert.deepStrictEqual(
      connections.list.map((c) => c.name),
      ['prod', 'dev'],
    );
    assert.deepStrictEqual(created, [], 'no SDK client before anything is shown');
    const [first, second] = connections.list;
    await first.model.applications.loadNext();
    assert.deepStrictEqual(ids(first.model.applications.items), serverApps(prod));
    assert.deepStrictEqual(created, [prod.server.url], 'only the expanded connection has a client');
    assert.strictEqual(dev.server.requests.length, 0, 'nothing was sent for the other connection');
    await second.model.applications.loadNext();
    assert.deepStrictEqual(ids(second.model.applications.items), serverApps(dev));
  });

  it('lists Running now through a connection never expanded without building its model, which takes over that client when expanded', async () => {
    const connections = explorer([entry(prod, 'prod'), entry(dev, 'dev')]);
    const [first, second] = connections.list;
    await first.model.applications.loadNext();
    const answer = await listRunningSessions(connections.list.map((c) => ({ id: c.id, api: () => c.api() })));
    assert.deepStrictEqual(answer.failures, []);
    const onDev = answer.sessions.filter((s) => s.connectionId === second.id);
    assert.ok(onDev.length > 0, 'dev’s active sessions are listed');
    assert.deepStrictEqual(
      onDev.map((s) => s.session.sessionId).sort(),
      serverApps(dev).flatMap((id) => dev.server.store.listSessions(id ?? '', { states: [...ACTIVE_SESSION_STATES] }).map((s) => s.sessionId)).sort(),
    );
    assert.strictEqual(second.builtModel, undefined, 'dev has no model');
    assert.strictEqual(second.endpointLabel, dev.server.url, 'its endpoint is named without one');
    const reloaded: string[] = [];
    connections.onDidChange((c) => reloaded.push(c.name));
    connections.refresh();
    assert.deepStrictEqual(reloaded, ['prod'], 'Refresh has nothing to reload for dev');
    assert.deepStrictEqual(created, [prod.server.url, dev.server.url]);
    await second.model.applications.loadNext();
    assert.deepStrictEqual(ids(second.model.applications.items), serverApps(dev));
    assert.deepStrictEqual(created, [prod.server.url, dev.server.url], 'dev’s model uses the client Running now made: credentials resolved once');
  });

  it('resolves credentials once per connection: one client serves all of its requests', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    const model = connections.primary.model;
    await model.applications.loadNext();
    for (const app of model.applications.items.slice(0, 2)) {
      await model.sessions(app.id ?? '').loadNext();
      await (await model.getApi()).getApplication(app.id ?? '');
    }
    assert.ok(prod.server.requests.length >= 5, 'several requests were sent');
    assert.deepStrictEqual(created, [prod.server.url]);
  });

  it('keeps an error in one connection to its own rows: the other lists, and Retry recovers only the failed one', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    dev.server.faults.inject({ operation: 'ListApplications', kind: 'accessDenied' });
    const [good, bad] = connections.list;
    await Promise.all([good.model.applications.loadNext(), bad.model.applications.loadNext()]);
    const goodRows = new ExplorerRowBuilder(good.model, { id: good.id, prefixIds: true }).roots();
    const badRows = new ExplorerRowBuilder(bad.model, { id: bad.id, prefixIds: true }).roots();
    assert.deepStrictEqual(
      goodRows.map((r) => r.kind),
      serverApps(prod).map(() => 'application'),
    );
    assert.deepStrictEqual(
      badRows.map((r) => r.kind),
      ['error'],
    );
    assert.strictEqual(badRows[0].kind === 'error' && badRows[0].report.kind, 'accessDenied');
    assert.strictEqual(badRows[0].connectionId, bad.id, 'the error row belongs to its connection');
    assert.ok(
      goodRows.every((r) => r.id.startsWith(`connection/${good.id}/`)),
      'row ids are the connection’s own',
    );
    const before = prod.server.requests.length;
    dev.server.faults.clear();
    bad.model.retry(undefined);
    // As the tree does: the first page of the listing Retry left, or the load Retry started.
    const listing = bad.model.applications;
    await (listing.status === 'notStarted' ? listing.loadNext() : listing.whenIdle());
    assert.deepStrictEqual(ids(bad.model.applications.items), serverApps(dev));
    assert.strictEqual(prod.server.requests.length, before, 'the retry sent nothing to the other connection');
    assert.deepStrictEqual(ids(good.model.applications.items), serverApps(prod));
  });

  it('drops a removed connection’s rows at once and never applies its answer that arrives later', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    const removed = connections.list[1];
    dev.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 300 });
    const load = removed.model.applications.loadNext();
    let listChanged = 0;
    connections.onDidChangeList(() => listChanged++);
    connections.update(configs([entry(prod)]));
    assert.strictEqual(listChanged, 1);
    assert.ok(!connections.isMulti);
    assert.ok(removed.model.isDisposed);
    assert.strictEqual(connections.get(removed.id), undefined);
    await load;
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.deepStrictEqual(removed.model.applications.items, [], 'the slow answer was not applied');
    assert.strictEqual(connections.modelOf({ connectionId: removed.id }), undefined, 'its rows lead nowhere');
  });

  it('replaces a switched connection: the old connection’s slow answer never reaches the new rows', async () => {
    const connections = explorer([]);
    // The shorthand settings: one connection, prod's endpoint.
    const old = connections.primary;
    prod.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 300 });
    const oldLoad = old.model.applications.loadNext();
    // A profile switch: the same list position, another identity (here, the other endpoint).
    connections.update(
      resolveConnections([], { connection: prod.settings({ endpoint: dev.server.url }), pageSize: 50 }).connections,
    );
    const now = connections.primary;
    assert.notStrictEqual(now.id, old.id);
    assert.ok(old.model.isDisposed, 'the old connection is gone at once');
    assert.deepStrictEqual(now.model.applications.items, [], 'the new connection starts with no rows');
    await now.model.applications.loadNext();
    await oldLoad;
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.deepStrictEqual(ids(now.model.applications.items), serverApps(dev), 'only the new connection’s applications');
    assert.deepStrictEqual(old.model.applications.items, []);
    // A late GetSession of the old connection is not applied either.
    const app = prod.server.store.listApplications()[0];
    const session = prod.server.store.listSessions(app.id, {})[0];
    old.model.applySession(app.id, { applicationId: app.id, sessionId: session.sessionId, state: 'TERMINATED' } as never);
    assert.strictEqual(old.model.sessionDetails(app.id, session.sessionId), undefined);
  });

  it('keeps a connection’s rows when only its label changes', async () => {
    const connections = explorer([entry(prod, 'prod'), entry(dev, 'dev')]);
    const model = connections.primary.model;
    await model.applications.loadNext();
    connections.update(configs([entry(prod, 'production'), entry(dev, 'dev')]));
    assert.strictEqual(connections.primary.model, model);
    assert.strictEqual(connections.primary.name, 'production');
    assert.deepStrictEqual(ids(model.applications.items), serverApps(prod));
  });

  it('gives a connection first expanded after a settings change the settings in effect then', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    const later = resolveConnections([entry(prod), entry(dev)], { connection: prod.settings(), pageSize: 7 }).connections;
    connections.update(later);
    await connections.list[1].model.applications.loadNext();
    assert.deepStrictEqual(
      dev.server.requests.map((r) => r.maxResults),
      [7],
    );
  });

  it('sends nothing for a connection removed before it was ever expanded, even when an old row asks for it', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    const removed = connections.list[1];
    connections.update(configs([entry(prod)]));
    assert.ok(removed.model.isDisposed);
    await removed.model.applications.loadNext();
    assert.deepStrictEqual(removed.model.applications.items, []);
    assert.strictEqual(dev.server.requests.length, 0);
    assert.deepStrictEqual(created, []);
  });

  it('applies a filter to every connection', async () => {
    const connections = explorer([entry(prod), entry(dev)]);
    const filter = { states: ['IDLE' as const], createdAt: { kind: 'any' as const } };
    connections.setFilter(filter);
    for (const [c, server] of [
      [connections.list[0], prod],
      [connections.list[1], dev],
    ] as const) {
      await c.model.applications.loadNext();
      const app = c.model.applications.items[0].id ?? '';
      await c.model.sessions(app).loadNext();
      assert.deepStrictEqual(c.model.filter, filter);
      const sent = server.server.requests.filter((r) => r.operation === 'ListSessions');
      assert.deepStrictEqual(
        sent.map((r) => r.states),
        [['IDLE']],
      );
      assert.ok(c.model.sessions(app).items.every((s) => s.state === 'IDLE'));
    }
  });
});
