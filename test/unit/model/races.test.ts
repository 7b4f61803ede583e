import * as assert from 'assert';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { NO_FILTER, SessionFilter, toListSessionsParams } from '../../../src/model/sessionFilter';
import { LocalEmrConnection } from '../support/localEmrConnection';

const PAGE = 7;
const SLOW = { operation: 'ListSessions' as const, kind: 'latency' as const, latencyMs: 150 };

/**
 * Races between a load in flight and what a user does meanwhile. After each, the rows shown
 * must be exactly a prefix of the server's listing for the current filter and connection,
 * in the server's order, with no duplicates.
 */
describe('races while a page is loading', () => {
  let local: LocalEmrConnection;
  let other: LocalEmrConnection;
  let appId: string;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 31, applications: 2, sessionsPerApplication: 60 });
    other = await LocalEmrConnection.start({ seed: 32, applications: 2, sessionsPerApplication: 60 });
    appId = local.server.store.listApplications()[0].id;
  });
  after(async () => {
    await other.close();
    await local.close();
  });
  afterEach(() => {
    local.server.faults.clear();
  });

  function newModel(filter: SessionFilter = NO_FILTER): ExplorerModel {
    return new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings(), pageSize: PAGE },
      filter,
    });
  }

  /** The invariant: shown rows are a prefix of the server's listing, no duplicates, nothing else. */
  function assertPrefix(model: ExplorerModel, server: LocalEmrConnection, minimum: number): void {
    const shown = new ExplorerRowBuilder(model)
      .sessions(appId)
      .flatMap((n) => (n.kind === 'session' ? [n.session.sessionId ?? ''] : []));
    const params = toListSessionsParams(model.filter, model.now());
    const listing = server.server.store.listSessions(appId, params).map((s) => s.sessionId);
    assert.ok(shown.length >= minimum, `at least ${minimum} rows shown, got ${shown.length}`);
    assert.deepStrictEqual(shown, listing.slice(0, shown.length), 'rows are a prefix of the server listing');
    assert.strictEqual(new Set(shown).size, shown.length, 'no duplicates');
  }

  it('refresh while "Load more" is in flight', async () => {
    const model = newModel();
    await model.sessions(appId).loadNext();
    local.server.faults.inject(SLOW);
    const pending = model.sessions(appId).loadNext();
    model.refresh();
    await pending;
    await model.sessions(appId).loadNext();
    await new Promise((r) => setTimeout(r, 200));
    assertPrefix(model, local, PAGE);
    assert.strictEqual(model.sessions(appId).items.length, PAGE, 'the aborted page was not appended');
    model.dispose();
  });

  it('a filter change while loading', async () => {
    const model = newModel();
    local.server.faults.inject(SLOW);
    const pending = model.sessions(appId).loadNext();
    model.setFilter({ states: ['TERMINATED', 'FAILED'], createdAt: { kind: 'any' } });
    await pending;
    await model.sessions(appId).loadNext();
    await model.sessions(appId).loadNext();
    await new Promise((r) => setTimeout(r, 200));
    assertPrefix(model, local, 2 * PAGE);
    assert.ok(model.sessions(appId).items.every((s) => s.state === 'TERMINATED' || s.state === 'FAILED'));
    model.dispose();
  });

  it('a double-click on "Load more"', async () => {
    const model = newModel();
    await model.sessions(appId).loadNext();
    local.server.faults.inject(SLOW);
    local.server.resetRequests();
    await Promise.all([model.sessions(appId).loadNext(), model.sessions(appId).loadNext()]);
    assert.strictEqual(local.server.count('ListSessions'), 1);
    assertPrefix(model, local, 2 * PAGE);
    model.dispose();
  });

  it('collapsing during a load, then expanding again', async () => {
    const model = newModel();
    model.setExpanded(appId, true);
    local.server.faults.inject(SLOW);
    const pending = model.sessions(appId).loadNext();
    model.setExpanded(appId, false);
    await pending;
    local.server.resetRequests();
    model.setExpanded(appId, true);
    assertPrefix(model, local, PAGE);
    assert.strictEqual(local.server.count('ListSessions'), 0, 're-expanding shows the cached rows');
    model.dispose();
  });

  it('a page-size change while loading', async () => {
    const model = newModel();
    await model.sessions(appId).loadNext();
    local.server.faults.inject(SLOW);
    const pending = model.sessions(appId).loadNext();
    model.updateSettings({ ...model.settings, pageSize: 5 });
    await pending;
    await model.sessions(appId).loadNext();
    await new Promise((r) => setTimeout(r, 200));
    assertPrefix(model, local, 5);
    assert.strictEqual(model.sessions(appId).items.length, 5);
    model.dispose();
  });

  it('a connection change (another endpoint) while loading shows only the new connection', async () => {
    const model = newModel();
    await model.applications.loadNext();
    local.server.faults.inject({ ...SLOW, operation: '*' });
    const pendingApps = model.applications.loadNext();
    const oldSessions = model.sessions(appId);
    const pendingSessions = oldSessions.loadNext();
    model.updateSettings({ ...model.settings, connection: other.settings() });
    await Promise.all([pendingApps, pendingSessions]);
    await model.applications.loadNext();
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(
      model.applications.items.map((a) => a.id),
      other.server.store.listApplications().map((a) => a.id),
      'only the new endpoint\'s applications',
    );
    const sessionsNow = model.sessions(appId);
    assert.notStrictEqual(sessionsNow, oldSessions, 'the old application\'s sessions are gone');
    assert.strictEqual(sessionsNow.started, false, 'nothing of the old connection is loaded for it');
    assert.deepStrictEqual(sessionsNow.items, []);
    model.dispose();
  });
});
