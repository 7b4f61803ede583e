import * as assert from 'assert';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerNode, ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { MAX_EMPTY_PAGES_PER_LOAD } from '../../../src/model/pagedListing';
import { NO_FILTER, SessionFilter } from '../../../src/model/sessionFilter';
import { LocalEmrConnection } from '../support/localEmrConnection';

const sessionIds = (rows: ExplorerNode[]) => rows.flatMap((n) => (n.kind === 'session' ? [n.session.sessionId ?? ''] : []));

/**
 * Empty pages that still carry a nextToken, as AWS list operations answer them (most often
 * under a filter). One expand or one "Load more" goes through them, one request per page.
 */
describe('paging through empty pages that carry a nextToken', function () {
  let local: LocalEmrConnection;
  let appId: string;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 41, applications: 3, sessionsPerApplication: 3 });
    appId = local.server.store.listApplications()[0]?.id ?? '';
  });
  after(() => local.close());
  beforeEach(() => {
    local.server.faults.clear();
    local.server.resetRequests();
  });

  function newModel(pageSize = 50, filter: SessionFilter = NO_FILTER): ExplorerModel {
    return new ExplorerModel({ createApi: local.createApi, settings: { connection: local.settings(), pageSize }, filter });
  }

  it('shows the 3 sessions after one expand when two empty pages with a token come first, in exactly 3 requests', async () => {
    const model = newModel();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    await model.sessions(appId).loadNext();
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows.map((n) => n.kind), ['session', 'session', 'session'], 'the sessions and no "Load more"');
    assert.deepStrictEqual(sessionIds(rows), local.server.store.listSessions(appId, {}).map((s) => s.sessionId));
    assert.strictEqual(local.server.count('ListSessions'), 3);
    assert.deepStrictEqual(
      local.server.requests.map((r) => r.maxResults),
      [50, 50, 50],
      'each request asks for one page of the configured size',
    );
    model.dispose();
  });

  it(`stops after ${MAX_EMPTY_PAGES_PER_LOAD} empty pages in a row with a row that says nothing was found yet, and keeps looking when asked`, async () => {
    const model = newModel();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: MAX_EMPTY_PAGES_PER_LOAD + 2 });
    const listing = model.sessions(appId);
    await listing.loadNext();
    assert.strictEqual(local.server.count('ListSessions'), MAX_EMPTY_PAGES_PER_LOAD, 'the run is bounded');
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows, [
      {
        kind: 'keepLooking',
        id: `keepLooking/${appId}`,
        parentId: appId,
        loaded: 0,
        emptyPages: MAX_EMPTY_PAGES_PER_LOAD,
        loading: false,
        noun: 'sessions',
      },
    ]);

    const keepLooking = listing.loadNext();
    const whileLooking = new ExplorerRowBuilder(model).sessions(appId);
    assert.strictEqual(whileLooking[0]?.kind === 'keepLooking' && whileLooking[0].loading, true, 'the row shows it is looking');
    await keepLooking;
    const after = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(sessionIds(after), local.server.store.listSessions(appId, {}).map((s) => s.sessionId));
    assert.deepStrictEqual(after.map((n) => n.kind), ['session', 'session', 'session']);
    assert.strictEqual(local.server.count('ListSessions'), MAX_EMPTY_PAGES_PER_LOAD + 3, 'two more empty pages, then the sessions');
    assert.strictEqual(listing.emptyPagesInARow, 0);
    model.dispose();
  });

  it(`Load All stops after ${MAX_EMPTY_PAGES_PER_LOAD} empty pages in a row with the same Keep Looking row, where Keep Looking goes on`, async () => {
    const model = newModel();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 3 * MAX_EMPTY_PAGES_PER_LOAD });
    const result = await model.loadAll(appId, { maxItems: 1000, stopOnEmptyPages: true });
    assert.deepStrictEqual(result, { loaded: 0, stoppedBy: 'emptyPages' });
    assert.strictEqual(local.server.count('ListSessions'), MAX_EMPTY_PAGES_PER_LOAD, 'the run is bounded as one "Load more" is');
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows.map((n) => n.kind === 'keepLooking' && `${n.noun} ${n.loaded} ${n.emptyPages}`), [
      `sessions 0 ${MAX_EMPTY_PAGES_PER_LOAD}`,
    ]);

    await model.sessions(appId).loadNext();
    assert.strictEqual(local.server.count('ListSessions'), 2 * MAX_EMPTY_PAGES_PER_LOAD, 'Keep Looking asks for the next run of pages');
    local.server.faults.clear();
    const again = await model.loadAll(appId, { maxItems: 1000, stopOnEmptyPages: true });
    assert.strictEqual(again.stoppedBy, 'end');
    assert.deepStrictEqual(sessionIds(new ExplorerRowBuilder(model).sessions(appId)), local.server.store.listSessions(appId, {}).map((s) => s.sessionId));
    model.dispose();
  });

  it('Load All goes on through empty pages that are fewer than the bound and loads every session', async () => {
    const model = newModel(1);
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: MAX_EMPTY_PAGES_PER_LOAD - 1, page: 'later' });
    const result = await model.loadAll(appId, { maxItems: 1000, stopOnEmptyPages: true });
    assert.deepStrictEqual(result, { loaded: 3, stoppedBy: 'end' });
    assert.deepStrictEqual(sessionIds(new ExplorerRowBuilder(model).sessions(appId)), local.server.store.listSessions(appId, {}).map((s) => s.sessionId));
    model.dispose();
  });

  it('says "No sessions match the filter" when the empty pages lead to the end of the listing', async () => {
    const model = newModel(50, { states: [], createdAt: { kind: 'range', before: '2001-01-01T00:00:00.000Z' } });
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    await model.sessions(appId).loadNext();
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows.map((n) => n.kind === 'empty' && n.message), ['No sessions match the filter']);
    assert.strictEqual(local.server.count('ListSessions'), 3);
    model.dispose();
  });

  it('goes through empty later pages on one "Load more" and appends the next page, no gap, no duplicate', async () => {
    const model = newModel(1);
    const listing = model.sessions(appId);
    await listing.loadNext();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 3, page: 'later' });
    local.server.resetRequests();
    await listing.loadNext();
    assert.strictEqual(local.server.count('ListSessions'), 4, 'three empty pages and the page with a row');
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    const expected = local.server.store.listSessions(appId, {}).map((s) => s.sessionId);
    assert.deepStrictEqual(sessionIds(rows), expected.slice(0, 2));
    assert.strictEqual(rows[rows.length - 1]?.kind, 'loadMore');
    model.dispose();
  });

  it('shows "Load more" again after keep-looking rows once rows arrive, and the bound counts per load', async () => {
    const model = newModel(1);
    const listing = model.sessions(appId);
    await listing.loadNext();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: MAX_EMPTY_PAGES_PER_LOAD, page: 'later' });
    await listing.loadNext();
    let rows = new ExplorerRowBuilder(model).sessions(appId);
    const tail = rows[rows.length - 1];
    assert.ok(tail?.kind === 'keepLooking', `expected the keep-looking row, got ${tail?.kind}`);
    assert.strictEqual(tail.loaded, 1, 'it knows rows were loaded before ("No more sessions found yet")');
    await listing.loadNext();
    rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows.map((n) => n.kind), ['session', 'session', 'loadMore']);
    model.dispose();
  });

  it('lists applications through empty pages the same way, and bounds that run too', async () => {
    const expected = local.server.store.listApplications().map((a) => a.id);
    let model = newModel(50);
    local.server.faults.inject({ operation: 'ListApplications', kind: 'emptyPage', times: 2 });
    await model.applications.loadNext();
    let roots = new ExplorerRowBuilder(model).roots();
    assert.deepStrictEqual(roots.map((n) => (n.kind === 'application' ? n.applicationId : n.kind)), expected);
    assert.strictEqual(local.server.count('ListApplications'), 3);
    model.dispose();

    model = newModel(50);
    local.server.faults.inject({ operation: 'ListApplications', kind: 'emptyPage', times: MAX_EMPTY_PAGES_PER_LOAD });
    await model.applications.loadNext();
    roots = new ExplorerRowBuilder(model).roots();
    assert.deepStrictEqual(roots.map((n) => n.kind === 'keepLooking' && `${n.noun} ${n.loaded}`), ['applications 0']);
    await model.applications.loadNext();
    roots = new ExplorerRowBuilder(model).roots();
    assert.deepStrictEqual(roots.map((n) => (n.kind === 'application' ? n.applicationId : n.kind)), expected);
    model.dispose();
  });

  it('drops the late answers of a run of empty pages when a refresh comes during it, and asks nothing more for it', async () => {
    const model = newModel();
    const old = model.sessions(appId);
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 6 });
    local.server.faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs: 150, times: 6 });
    const pending = old.loadNext();
    const deadline = Date.now() + 5000;
    while (local.server.count('ListSessions') < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    model.refreshApplication(appId);
    const sentBeforeRefresh = local.server.count('ListSessions');
    await pending;
    await new Promise((r) => setTimeout(r, 400));
    assert.strictEqual(local.server.count('ListSessions'), sentBeforeRefresh, 'the aborted run sent no further request');
    assert.strictEqual(old.items.length, 0);
    assert.strictEqual(old.error, undefined, 'an abort is not reported as a failure');
    local.server.faults.clear();
    const fresh = model.sessions(appId);
    assert.notStrictEqual(fresh, old);
    await fresh.loadNext();
    assert.deepStrictEqual(sessionIds(new ExplorerRowBuilder(model).sessions(appId)), local.server.store.listSessions(appId, {}).map((s) => s.sessionId));
    model.dispose();
  });

  it('keeps what the run had reached when a page fails after empty pages, and Retry goes on from there', async () => {
    const model = newModel();
    local.server.faults.inject({ operation: 'ListSessions', kind: 'emptyPage', times: 2 });
    local.server.faults.inject({ operation: 'ListSessions', kind: 'accessDenied', times: 1, page: 'later' });
    const listing = model.sessions(appId);
    await listing.loadNext();
    const rows = new ExplorerRowBuilder(model).sessions(appId);
    assert.deepStrictEqual(rows.map((n) => n.kind), ['error']);
    local.server.resetRequests();
    model.retry(appId);
    await listing.whenIdle();
    assert.strictEqual(model.sessions(appId), listing, 'the same listing goes on');
    assert.strictEqual(local.server.count('ListSessions'), 1, 'one request, resuming after the empty pages');
    assert.ok(local.server.requests[0]?.nextToken, 'with the token the empty pages gave');
    assert.strictEqual(listing.items.length, 3);
    model.dispose();
  });
});
