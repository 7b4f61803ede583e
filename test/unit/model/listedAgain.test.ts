import * as assert from 'assert';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { OpenPager, Page, PagedListing } from '../../../src/model/pagedListing';
import type { SessionFilter } from '../../../src/model/sessionFilter';
import { LocalEmrConnection } from '../support/localEmrConnection';

/** With a states filter the service groups rows by state, in this order of groups. */
const STARTING_THEN_IDLE: SessionFilter = { states: ['STARTING', 'IDLE'], createdAt: { kind: 'any' } };

/**
 * States change between pages. Under a states filter a session whose state changes moves to
 * another group and is listed again on a later page; the row must show the newer state.
 */
describe('a session listed again on a later page with a newer state', function () {
  let local: LocalEmrConnection;
  let appId: string;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 43, applications: 1, sessionsPerApplication: 40 });
    appId = local.server.store.listApplications()[0]?.id ?? '';
  });
  after(() => local.close());

  it('updates the row in place, at the same position with the same id, and never shows it twice', async () => {
    const moving = local.server.store.addSession(appId, { state: 'STARTING', name: 'moves-to-idle', createdAt: Date.now() });
    const model = new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings(), pageSize: 2 },
      filter: STARTING_THEN_IDLE,
    });
    const listing = model.sessions(appId);
    await listing.loadNext();
    const rows = new ExplorerRowBuilder(model);
    const before = rows.sessions(appId).flatMap((n) => (n.kind === 'session' ? [n] : []));
    const position = before.findIndex((n) => n.session.sessionId === moving.sessionId);
    assert.ok(position >= 0, 'the newest STARTING session is on the first page');
    assert.strictEqual(before[position]?.session.state, 'STARTING');

    local.server.store.updateSession(appId, moving.sessionId, { state: 'IDLE' });
    local.server.resetRequests();
    while (listing.hasMore) {
      await listing.loadNext();
    }
    const listedAgain = local.server.requests.some((r) => r.nextToken !== undefined);
    assert.ok(listedAgain, 'later pages were asked for');

    const after = rows.sessions(appId).flatMap((n) => (n.kind === 'session' ? [n] : []));
    const copies = after.filter((n) => n.session.sessionId === moving.sessionId);
    assert.strictEqual(copies.length, 1, 'one row for the session');
    assert.strictEqual(after[position]?.session.sessionId, moving.sessionId, 'it stays where it was');
    assert.strictEqual(after[position]?.id, before[position]?.id, 'with the same row id');
    assert.strictEqual(after[position]?.session.state, 'IDLE', 'showing the newer state');
    const ids = after.map((n) => n.session.sessionId);
    assert.strictEqual(new Set(ids).size, ids.length, 'no row is shown twice');
    const server = local.server.store.listSessions(appId, { states: ['STARTING', 'IDLE'] }).map((s) => s.sessionId);
    assert.deepStrictEqual([...ids].sort(), [...server].sort(), 'every session the service lists, once');
    model.dispose();
  });

  it('keeps the newer copy when a copy listed later says it was updated earlier', async () => {
    type Row = { id: string; state: string; updatedAt?: Date };
    const pages: Page<Row>[] = [
      { items: [{ id: 'a', state: 'IDLE', updatedAt: new Date(2_000) }, { id: 'b', state: 'STARTING' }], nextToken: 't1' },
      { items: [{ id: 'a', state: 'STARTING', updatedAt: new Date(1_000) }, { id: 'b', state: 'STARTED' }, { id: 'c', state: 'BUSY' }] },
    ];
    // The service's answers as they come, one page per request.
    const open: OpenPager<Row> = async function* () {
      yield* pages;
    };
    const listing = new PagedListing(open, { keyOf: (r) => r.id, updatedAtOf: (r) => r.updatedAt, onDidChange: () => undefined });
    await listing.loadNext();
    await listing.loadNext();
    assert.deepStrictEqual(
      listing.items.map((r) => `${r.id} ${r.state}`),
      ['a IDLE', 'b STARTED', 'c BUSY'],
      'an older updatedAt never replaces a newer one; without times the later answer wins',
    );
  });
});
