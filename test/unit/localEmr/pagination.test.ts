import * as assert from 'assert';
import {
  ListApplicationsCommand,
  ListSessionsCommand,
  paginateListApplications,
  paginateListSessions,
  type EMRServerlessClient,
  type ListSessionsCommandOutput,
} from '@aws-sdk/client-emr-serverless';
import { LocalEmrServer, ManualClock } from '../../localEmr/server';
import { NEXT_TOKEN_SHAPE, sdkClient } from './helpers';

describe('local EMR endpoint: pagination', function () {
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let appId: string;

  before(async () => {
    server = await LocalEmrServer.start({ seed: 5, applications: 12, sessionsPerApplication: 60, clock: new ManualClock() });
    client = sdkClient(server);
    appId = server.store.listApplications()[0]?.id ?? '';
  });
  after(async () => {
    client.destroy();
    await server.close();
  });
  beforeEach(() => server.resetRequests());

  async function sessionPages(pageSize: number, applicationId = appId): Promise<ListSessionsCommandOutput[]> {
    const pages: ListSessionsCommandOutput[] = [];
    for await (const page of paginateListSessions({ client, pageSize, stopOnSameToken: true }, { applicationId })) {
      pages.push(page);
    }
    return pages;
  }

  for (const pageSize of [1, 7, 50]) {
    it(`paginateListSessions at page size ${pageSize} returns every session once, in the store's order`, async () => {
      const expected = server.store.listSessions(appId);
      assert.strictEqual(expected.length, 60);
      const pages = await sessionPages(pageSize);
      const items = pages.flatMap((p) => p.sessions ?? []);
      assert.deepStrictEqual(items, expected, 'SDK output equals the store listing, field for field');
      assert.strictEqual(new Set(items.map((s) => s.sessionId)).size, items.length, 'no duplicates');
      assert.strictEqual(pages.length, Math.ceil(expected.length / pageSize));
      assert.strictEqual(server.count('ListSessions'), pages.length, 'one request per page');
      assert.ok(pages.slice(0, -1).every((p) => p.sessions?.length === pageSize), 'every page but the last is full');
      assert.strictEqual(pages[pages.length - 1]?.nextToken, undefined, 'the last page has no nextToken');
      const tokens = pages.slice(0, -1).map((p) => p.nextToken ?? '');
      assert.ok(tokens.every((t) => NEXT_TOKEN_SHAPE.test(t)), `token shape: ${tokens[0]}`);
      assert.strictEqual(new Set(tokens).size, tokens.length, 'a token is never repeated within a listing');
    });

    it(`paginateListApplications at page size ${pageSize} returns every visible application once, in the store's order`, async () => {
      const expected = server.store.listApplications();
      const pages = [];
      for await (const page of paginateListApplications({ client, pageSize, stopOnSameToken: true }, {})) {
        pages.push(page);
      }
      const items = pages.flatMap((p) => p.applications ?? []);
      assert.deepStrictEqual(items, expected);
      assert.deepStrictEqual(
        items.map((a) => a.id),
        server.store.applications().filter((a) => a.state !== 'TERMINATED').map((a) => a.id),
      );
      assert.strictEqual(items.length, 12, 'the TERMINATED application is not listed');
      assert.strictEqual(pages.length, Math.ceil(12 / pageSize));
      assert.strictEqual(pages[pages.length - 1]?.nextToken, undefined);
      assert.ok(pages.slice(0, -1).every((p) => NEXT_TOKEN_SHAPE.test(p.nextToken ?? '')));
    });
  }

  it('without maxResults the server pages by 50', async () => {
    const first = await client.send(new ListSessionsCommand({ applicationId: appId }));
    assert.strictEqual(first.sessions?.length, 50);
    assert.ok(first.nextToken);
    const second = await client.send(new ListSessionsCommand({ applicationId: appId, nextToken: first.nextToken }));
    assert.strictEqual(second.sessions?.length, 10);
    assert.strictEqual(second.nextToken, undefined);
    assert.strictEqual(server.requests[0]?.maxResults, undefined, 'no maxResults was sent');
  });

  it('a token is reusable: the same token, page size and filters return the same page', async () => {
    const input = { applicationId: appId, maxResults: 7, states: ['TERMINATED', 'IDLE'] as ('TERMINATED' | 'IDLE')[] };
    const first = await client.send(new ListSessionsCommand(input));
    const token = first.nextToken;
    assert.ok(token);
    const a = await client.send(new ListSessionsCommand({ ...input, nextToken: token }));
    const b = await client.send(new ListSessionsCommand({ ...input, nextToken: token }));
    assert.deepStrictEqual(a.sessions, b.sessions);
    assert.strictEqual(a.nextToken, b.nextToken);
    assert.notDeepStrictEqual(a.sessions, first.sessions, 'the token moved on');
    const smaller = await client.send(new ListSessionsCommand({ ...input, nextToken: token, maxResults: 3 }));
    assert.deepStrictEqual(smaller.sessions, a.sessions?.slice(0, 3), 'a smaller page starts at the same place');
    // Filters in another order are the same listing: the token still fits.
    const reordered = await client.send(new ListSessionsCommand({ ...input, states: ['IDLE', 'TERMINATED'], nextToken: token }));
    assert.deepStrictEqual(reordered.sessions, a.sessions);
  });

  it('walking a listing twice yields the same tokens', async () => {
    const once = (await sessionPages(7)).map((p) => p.nextToken);
    const twice = (await sessionPages(7)).map((p) => p.nextToken);
    assert.deepStrictEqual(once, twice);
  });

  it('sessions created during a listing neither duplicate nor skip what the listing still has to show', async () => {
    const expected = server.store.listSessions(appId).map((s) => s.sessionId);
    const first = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 10 }));
    // Newer than everything listed so far: it sorts before the cursor and does not shift later pages.
    const newest = server.store.addSession(appId, { createdAt: server.clock.now() + 1000 });
    // Older than the cursor: it belongs to the pages still to come and shows up there, once.
    const cursorItem = first.sessions?.[9];
    assert.ok(cursorItem?.createdAt);
    const older = server.store.addSession(appId, { createdAt: cursorItem.createdAt.getTime() - 1 });
    const rest: string[] = [];
    let token = first.nextToken;
    while (token) {
      const page = await client.send(new ListSessionsCommand({ applicationId: appId, maxResults: 10, nextToken: token }));
      rest.push(...(page.sessions ?? []).map((s) => s.sessionId ?? ''));
      token = page.nextToken;
    }
    const seen = [...(first.sessions ?? []).map((s) => s.sessionId ?? ''), ...rest];
    assert.ok(!seen.includes(newest.sessionId), 'a session newer than the cursor is not squeezed in');
    assert.strictEqual(seen.filter((id) => id === older.sessionId).length, 1, 'an older new session appears once');
    assert.deepStrictEqual(seen.filter((id) => id !== older.sessionId), expected, 'no duplicates, no gaps');
    assert.deepStrictEqual(seen, server.store.listSessions(appId).map((s) => s.sessionId).filter((id) => id !== newest.sessionId));
  });

  it('a listing that ends exactly on a page boundary has no trailing token', async () => {
    const retired = server.store.applications().find((a) => a.state === 'TERMINATED');
    assert.ok(retired);
    const count = server.store.listSessions(retired.id).length;
    assert.strictEqual(count, 3);
    const page = await client.send(new ListSessionsCommand({ applicationId: retired.id, maxResults: 3 }));
    assert.strictEqual(page.sessions?.length, 3);
    assert.strictEqual(page.nextToken, undefined);
    const apps = await client.send(new ListApplicationsCommand({ maxResults: 6 }));
    const more = await client.send(new ListApplicationsCommand({ maxResults: 6, nextToken: apps.nextToken }));
    assert.strictEqual(more.applications?.length, 6);
    assert.strictEqual(more.nextToken, undefined);
  });

  it('an empty listing answers an empty list without a token', async () => {
    const page = await client.send(
      new ListSessionsCommand({ applicationId: appId, createdAtBefore: new Date('2001-01-01T00:00:00Z') }),
    );
    assert.deepStrictEqual(page.sessions, []);
    assert.strictEqual(page.nextToken, undefined);
  });
});
