import * as assert from 'assert';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { searchAllPages, type SearchAllPagesProgress } from '../../../src/model/searchAllPages';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import { LocalEmrConnection } from '../support/localEmrConnection';

const SESSIONS = 20;

/** "Search all pages…" of Find Session, and the model calls Find and Go to Session use, against the local endpoint. */
describe('searching all pages of every application', function () {
  let local: LocalEmrConnection;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 23, applications: 3, sessionsPerApplication: SESSIONS });
  });
  after(() => local.close());
  beforeEach(() => local.server.faults.clear());

  function newModel(pageSize: number): ExplorerModel {
    return new ExplorerModel({ createApi: local.createApi, settings: { connection: local.settings(), pageSize }, filter: NO_FILTER });
  }
  const listed = (applicationId: string) => local.server.store.listSessions(applicationId, {}).map((s) => s.sessionId ?? '');
  const applicationIds = () => local.server.store.applications().filter((a) => a.state !== 'TERMINATED').map((a) => a.id);
  const loadedIds = (model: ExplorerModel, applicationId: string) => model.sessions(applicationId).items.map((s) => s.sessionId ?? '');

  it('loads every page of applications, then every session of each into the listings the tree draws, each session once', async () => {
    const model = newModel(7);
    try {
      // One application's first page is loaded already, as when the user expanded it.
      await model.applications.loadNext();
      const first = model.applications.items[0]?.id ?? '';
      await model.sessions(first).loadNext();
      const result = await searchAllPages(model, { maxItems: 1000, isCancelled: () => false });
      assert.deepStrictEqual(result, { stoppedBy: 'end', capped: [], failed: [] });
      assert.deepStrictEqual(model.applications.items.map((a) => a.id), applicationIds());
      const rows = new ExplorerRowBuilder(model);
      for (const applicationId of applicationIds()) {
        assert.deepStrictEqual(loadedIds(model, applicationId), listed(applicationId), `sessions of ${applicationId}`);
        const drawn = rows.sessions(applicationId).filter((n) => n.kind === 'session');
        assert.strictEqual(drawn.length, listed(applicationId).length, 'one row per session, and no "Load more"');
      }
      assert.deepStrictEqual(
        model.loadedSessions().map((s) => s.sessionId),
        applicationIds().flatMap(listed),
        'every loaded session, in the tree\'s order',
      );
    } finally {
      model.dispose();
    }
  });

  it('lists applications page by page first when their listing has more than one page', async () => {
    const model = newModel(1);
    try {
      const result = await searchAllPages(model, { maxItems: 3, isCancelled: () => false });
      assert.strictEqual(result.stoppedBy, 'end');
      assert.deepStrictEqual(model.applications.items.map((a) => a.id), applicationIds());
      for (const applicationId of applicationIds()) {
        assert.strictEqual(model.loadedCount(applicationId), 3);
      }
    } finally {
      model.dispose();
    }
  });

  it('stops each application at maxItems, in the middle of a page, and leaves "Load more" to go on', async () => {
    const model = newModel(7);
    try {
      const result = await searchAllPages(model, { maxItems: 10, isCancelled: () => false });
      assert.deepStrictEqual([...result.capped].sort(), [...applicationIds()].sort());
      const rows = new ExplorerRowBuilder(model);
      for (const applicationId of applicationIds()) {
        assert.deepStrictEqual(loadedIds(model, applicationId), listed(applicationId).slice(0, 10));
        assert.strictEqual(rows.sessions(applicationId).at(-1)?.kind, 'loadMore');
      }
    } finally {
      model.dispose();
    }
  });

  it('reports its progress and stops between pages once cancelled, leaving each listing a prefix', async () => {
    const model = newModel(5);
    try {
      const seen: SearchAllPagesProgress[] = [];
      const result = await searchAllPages(model, { maxItems: 1000, isCancelled: () => seen.length >= 3, onProgress: (p) => seen.push(p) });
      assert.strictEqual(result.stoppedBy, 'cancelled');
      assert.ok(seen.every((p) => p.applications === applicationIds().length), 'progress counts the applications');
      assert.ok(seen.some((p) => p.loaded > 0), 'progress counts the sessions loaded');
      const loaded = applicationIds().reduce((sum, id) => sum + model.loadedCount(id), 0);
      assert.ok(loaded < applicationIds().length * SESSIONS, `stopped early: ${loaded} loaded`);
      for (const applicationId of applicationIds()) {
        const ids = loadedIds(model, applicationId);
        assert.deepStrictEqual(ids, listed(applicationId).slice(0, ids.length));
      }
    } finally {
      model.dispose();
    }
  });

  it('names the application of a loaded session, and none for a session not loaded', async () => {
    const model = newModel(5);
    try {
      await model.applications.loadNext();
      const second = applicationIds()[1] ?? '';
      await model.sessions(second).loadNext();
      assert.strictEqual(model.applicationOfLoadedSession(listed(second)[2] ?? ''), second);
      assert.strictEqual(model.applicationOfLoadedSession(listed(second)[SESSIONS - 1] ?? ''), undefined);
    } finally {
      model.dispose();
    }
  });

  it('Load All with `until` stops after the page that holds a sought session', async () => {
    const model = newModel(7);
    try {
      const applicationId = applicationIds()[0] ?? '';
      const sought = listed(applicationId)[10] ?? '';
      const result = await model.loadAll(applicationId, { maxItems: 1000, until: () => model.findSession(applicationId, sought) !== undefined });
      assert.deepStrictEqual(result, { loaded: 14, stoppedBy: 'found' }, 'two pages of seven');
    } finally {
      model.dispose();
    }
  });

  it('keeps a session\'s row object from one drawing to the next, so the tree can reveal it', async () => {
    const model = newModel(7);
    try {
      const applicationId = applicationIds()[0] ?? '';
      await model.sessions(applicationId).loadNext();
      const rows = new ExplorerRowBuilder(model);
      const before = rows.sessions(applicationId)[0];
      await model.sessions(applicationId).loadNext();
      assert.strictEqual(rows.sessions(applicationId)[0], before);
      assert.strictEqual(rows.sessionNode(applicationId, listed(applicationId)[0] ?? ''), before);
    } finally {
      model.dispose();
    }
  });

  it('gives the connection\'s own API for its Region, and one signed for another Region that answers GetSession', async () => {
    const model = newModel(7);
    try {
      const own = await model.apiInRegion('us-east-1');
      assert.strictEqual(own.api, await model.getApi());
      const other = await model.apiInRegion('eu-west-1');
      try {
        assert.strictEqual(other.api.region, 'eu-west-1');
        const applicationId = applicationIds()[0] ?? '';
        const session = await other.api.getSession(applicationId, listed(applicationId)[0] ?? '');
        assert.strictEqual(session.sessionId, listed(applicationId)[0]);
      } finally {
        other.release();
      }
    } finally {
      model.dispose();
    }
  });
});
