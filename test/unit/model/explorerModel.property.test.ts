/**
 * Property-based tests of the explorer model (fast-check's model-based testing): random
 * sequences of what a user does (expand and collapse, Load more, Load All and Cancel,
 * Refresh, a filter change, a page-size change, a connection change, Start and Terminate
 * Session, Retry) with poll ticks, clock moves, injected faults and answers delivered in any
 * order between them, against the real model and the local endpoint through the real AWS SDK.
 * After every step the rows shown must be consistent with what the service answered.
 *
 * Every run prints its seed. A failure is shrunk to a shortest sequence of steps, and its
 * message gives the seed, a path and a replayPath; to replay that shrunk sequence:
 *   FC_SEED=<seed> FC_PATH=<path> FC_REPLAY_PATH=<replayPath> npm run test:unit -- --grep 'property-based'
 * (FC_SEED alone reruns the same sequences and shrinks again). FC_RUNS sets how many sequences
 * run (200 by default) and FC_MAX_COMMANDS how many steps each has at most (25 by default).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { MAX_EMPTY_PAGES_PER_LOAD } from '../../../src/model/pagedListing';
import { NO_FILTER, toListSessionsParams, type ListSessionsParams, type SessionFilter } from '../../../src/model/sessionFilter';
import type { FaultSpec } from '../../localEmr/server';
import { ExplorerWorld, usePropertyProfiles } from '../support/explorerWorld';
import type { PagerRecord } from '../support/gatedEmrApi';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const MAX_COMMANDS = Number(process.env.FC_MAX_COMMANDS ?? 25);
const PAGE_SIZES = [2, 3, 5] as const;

/** Filters a user can choose: none, states (which group rows by state), creation times, both. */
const FILTERS: readonly SessionFilter[] = [
  NO_FILTER,
  { states: ['STARTED', 'IDLE', 'BUSY'], createdAt: { kind: 'any' } },
  { states: ['FAILED', 'TERMINATED'], createdAt: { kind: 'any' } },
  { states: [], createdAt: { kind: 'relative', preset: '7d' } },
  { states: ['SUBMITTED', 'STARTING', 'IDLE', 'TERMINATING'], createdAt: { kind: 'relative', preset: '30d' } },
  { states: [], createdAt: { kind: 'range', after: '2025-04-01T00:00:00Z', before: '2025-05-20T00:00:00Z' } },
];

/** Clock moves: a second, a poll interval, a redraw tick, ten minutes, three hours (idle timeouts end sessions). */
const CLOCK_MOVES = [1_000, 5_000, 60_000, 600_000, 3 * 3_600_000] as const;

/**
 * One user action or event, then the invariants. On a fast network every answer it leads to
 * arrives before the next step, oldest first, or newest first when reordered; on a slow one
 * they stay on their way until delivered.
 */
type Network = 'fast' | 'reordered' | 'slow';

class Step implements fc.AsyncCommand<object, ExplorerWorld> {
  constructor(
    private readonly name: string,
    private readonly act: (world: ExplorerWorld) => void,
    private readonly network: Network = 'slow',
  ) {}

  on(network: Network): Step {
    return new Step(this.name, this.act, network);
  }

  check(): boolean {
    return true;
  }

  async run(_model: object, world: ExplorerWorld): Promise<void> {
    // A millisecond passes between two things a user does, so no two of them share a time on the endpoint.
    world.moveClock(1);
    this.act(world);
    await world.settle();
    if (this.network !== 'slow') {
      await world.deliverEverything(this.network === 'reordered' ? 'newest' : 'oldest');
    }
    assertInvariants(world, this.toString());
  }

  toString(): string {
    return this.network === 'fast' ? this.name : `${this.name} (${this.network})`;
  }
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

const applicationStep = (name: string, act: (world: ExplorerWorld, applicationId: string) => void) =>
  fc.nat(7).map(
    (i) =>
      new Step(`${name}(app ${i})`, (world) => {
        const id = pick(world.applicationIds(), i);
        if (id !== undefined) {
          act(world, id);
        }
      }),
  );

const faultArbitrary: fc.Arbitrary<FaultSpec> = fc
  .record({
    operation: fc.constantFrom('ListSessions', 'ListApplications', 'GetSession', 'TerminateSession', 'StartSession', '*'),
    kind: fc.constantFrom('accessDenied', 'expiredToken', 'malformedJson', 'emptyPage'),
    times: fc.constantFrom(1, 2, undefined),
    page: fc.constantFrom('first', 'later', undefined),
  })
  .map(({ operation, kind, times, page }) => {
    const empty = kind === 'emptyPage';
    const listOnly = empty && operation !== '*' && operation !== 'ListApplications';
    // Empty pages end: a listing that never moves on keeps Load All asking until Cancel, as it should.
    const count = empty ? (times ?? MAX_EMPTY_PAGES_PER_LOAD + 2) : times;
    return {
      operation: listOnly ? 'ListSessions' : operation,
      kind,
      ...(count === undefined ? {} : { times: count }),
      ...(page === undefined ? {} : { page }),
    } as FaultSpec;
  });

const actions = fc.oneof(
  { weight: 4, arbitrary: applicationStep('expand', (w, id) => w.expand(id)) },
  { weight: 1, arbitrary: applicationStep('collapse', (w, id) => w.collapse(id)) },
  { weight: 4, arbitrary: applicationStep('loadMore', (w, id) => w.loadMore(id)) },
  { weight: 1, arbitrary: fc.constant(new Step('loadMoreApplications', (w) => w.loadMoreApplications())) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(7), fc.constantFrom(4, 7, 1000)).map(
      ([i, maxItems]) =>
        new Step(`loadAll(app ${i}, maxItems ${maxItems})`, (w) => {
          const id = pick(w.applicationIds(), i);
          if (id !== undefined) {
            w.loadAll(id, maxItems);
          }
        }),
    ),
  },
  { weight: 1, arbitrary: fc.constant(new Step('cancelLoadAll', (w) => w.cancelLoads())) },
  { weight: 1, arbitrary: fc.constant(new Step('refresh', (w) => w.explorer.refresh())) },
  { weight: 1, arbitrary: applicationStep('refreshApplication', (w, id) => w.model.refreshApplication(id)) },
  { weight: 2, arbitrary: applicationStep('retry', (w, id) => w.retry(id)) },
  { weight: 1, arbitrary: fc.constant(new Step('retryApplications', (w) => w.retry(undefined))) },
  {
    weight: 2,
    arbitrary: fc
      .nat(FILTERS.length - 1)
      .map((i) => new Step(`setFilter(${JSON.stringify(FILTERS[i])})`, (w) => w.setFilter(FILTERS[i]))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...PAGE_SIZES).map((size) => new Step(`setPageSize(${size})`, (w) => w.setPageSize(size))),
  },
  { weight: 1, arbitrary: fc.nat(2).map((i) => new Step(`switchConnection(${i})`, (w) => w.switchConnection(i))) },
  { weight: 2, arbitrary: fc.nat(3).map((i) => new Step(`startSession(${i})`, (w) => w.start(i))) },
  { weight: 4, arbitrary: fc.nat(40).map((i) => new Step(`terminateSession(row ${i})`, (w) => w.terminate(i))) },
  { weight: 4, arbitrary: fc.constantFrom(...CLOCK_MOVES).map((ms) => new Step(`moveClock(${ms} ms)`, (w) => w.moveClock(ms))) },
  {
    weight: 2,
    arbitrary: faultArbitrary.map(
      (spec) => new Step(`injectFault(${JSON.stringify(spec)})`, (w) => w.server.faults.inject(spec)),
    ),
  },
  { weight: 1, arbitrary: fc.constant(new Step('clearFaults', (w) => w.server.faults.clear())) },
  { weight: 5, arbitrary: fc.nat(9).map((i) => new Step(`deliver(${i})`, (w) => void w.gate.releaseOne(i))) },
  {
    weight: 2,
    arbitrary: fc.constant(
      new Step('deliverAll', (w) => {
        for (let n = w.gate.held.length; n > 0; n--) {
          w.gate.releaseOne(0);
        }
      }),
    ),
  },
);

const steps = fc.tuple(actions, fc.nat(9)).map(([step, n]) => step.on(n < 4 ? 'fast' : n < 6 ? 'reordered' : 'slow'));

/** `ids` without repeats, first occurrence kept. */
function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * A listing's rows against the pages its own pagers received: the rows are those pages in
 * order, without repeats, and only the last page may be partly taken (Load All stops in the
 * middle of a page). `include` leaves out rows that are not from a page (sessions started here).
 */
function assertRowsArePages(
  what: string,
  rows: readonly string[],
  records: readonly PagerRecord[],
  include: (id: string) => boolean,
): void {
  const pages = records.flatMap((r) => r.pages);
  const fromPages = unique(pages.flatMap((p) => p.ids)).filter(include);
  const fromFullPages = unique(pages.slice(0, -1).flatMap((p) => p.ids)).filter(include);
  const shown = rows.filter(include);
  assert.deepStrictEqual(
    shown,
    fromPages.slice(0, shown.length),
    `${what}: the rows are the pages this listing received, in order`,
  );
  assert.ok(
    shown.length >= fromFullPages.length,
    `${what}: every page but the last is shown whole (${shown.length} rows, ${fromFullPages.length} in full pages)`,
  );
  // One chain of pages: a pager opened again after a failure resumes at the last token received.
  let token: string | undefined = records[0]?.startingToken;
  assert.strictEqual(token, undefined, `${what}: the listing starts at the start`);
  for (const record of records) {
    assert.strictEqual(record.startingToken, token, `${what}: a pager opened again resumes where the last page ended`);
    token = record.pages.at(-1)?.nextToken ?? token;
  }
}

/** States a session may be in once TerminateSession has answered for it. */
const ENDING_STATES = new Set(['TERMINATING', 'TERMINATED', 'FAILED']);

/** A listing's parameters are those of the filter in force (a relative preset resolved when the listing began). */
function assertFilterInForce(what: string, params: ListSessionsParams, filter: SessionFilter): void {
  const expected = toListSessionsParams(filter, 0);
  assert.deepStrictEqual(params.states, expected.states, `${what}: the listing's states are the filter's`);
  if (filter.createdAt.kind === 'relative') {
    assert.ok(params.createdAtAfter && !params.createdAtBefore, `${what}: the listing has the filter's relative creation time`);
  } else {
    assert.deepStrictEqual(
      [params.createdAtAfter, params.createdAtBefore],
      [expected.createdAtAfter, expected.createdAtBefore],
      `${what}: the listing's creation times are the filter's`,
    );
  }
}

function time(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'no time';
}

function assertInvariants(world: ExplorerWorld, step: string): void {
  const context = `after ${step}`;
  assert.deepStrictEqual(world.problems, [], `${context}: nothing is left unhandled`);
  const { server, settings } = world.connection;
  const store = server.store;
  const live = world.gate.pagers.filter((p) => !p.signal.aborted);
  for (const record of live) {
    assert.ok(
      record.endpoint === settings.endpoint && record.profile === settings.profile,
      `${context}: no listing of a discarded connection is still open (${record.operation} ${record.applicationId ?? ''} on ${record.endpoint} as ${record.profile})`,
    );
    assert.strictEqual(record.pageSize, world.model.settings.pageSize, `${context}: an open listing uses the page size in force`);
  }

  // Applications: a prefix of ListApplications, which nothing in a run reorders.
  const apps = world.applicationIds();
  assert.strictEqual(new Set(apps).size, apps.length, `${context}: no application is shown twice`);
  const appRecords = live.filter((p) => p.operation === 'ListApplications');
  assert.ok(new Set(appRecords.map((r) => r.signal)).size <= 1, `${context}: one application listing at a time`);
  assertRowsArePages(`${context}, applications`, apps, appRecords, () => true);
  const allApps = store.listApplications().map((a) => a.id);
  assert.deepStrictEqual(
    apps,
    allApps.slice(0, apps.length),
    `${context}: the applications are a prefix of the service's listing`,
  );

  for (const applicationId of apps.filter((id) => world.model.expanded.has(id) && world.drawn.has(id))) {
    const what = `${context}, sessions of ${applicationId}`;
    const listing = world.model.sessions(applicationId);
    const rows = listing.items.map((s) => s.sessionId ?? '');
    assert.strictEqual(new Set(rows).size, rows.length, `${what}: no session is shown twice`);
    for (const id of rows) {
      assert.ok(store.getSession(applicationId, id), `${what}: session ${id} is one of this connection's`);
    }
    const records = live.filter((p) => p.operation === 'ListSessions' && p.applicationId === applicationId);
    assert.ok(new Set(records.map((r) => r.signal)).size <= 1, `${what}: one listing at a time`);
    const params = world.model.listingToCopy(applicationId, 1).params;
    assertFilterInForce(what, params, world.model.filter);
    for (const record of records) {
      assert.deepStrictEqual(record.params, params, `${what}: its pages were asked for with the listing's filter`);
    }
    const fromPage = (id: string) => !world.startedHere(server, id);
    assertRowsArePages(what, rows, records, fromPage);
    if (params.states === undefined) {
      // Without a state filter the service's order is fixed (newest first), whatever the clock does.
      const all = store
        .listSessions(applicationId, params)
        .map((s) => s.sessionId)
        .filter(fromPage);
      const shown = rows.filter(fromPage);
      assert.deepStrictEqual(
        shown,
        all.slice(0, shown.length),
        `${what}: the rows are a prefix of the service's listing for the filter`,
      );
    }
    // No row shows a state older than the last answer received about it.
    for (const session of listing.items) {
      const known = world.gate.known.get(`${settings.endpoint} ${applicationId}/${session.sessionId}`);
      if (!known) {
        continue;
      }
      const shownAt = session.updatedAt?.getTime() ?? -Infinity;
      const locallyTerminating = known.terminated && session.state === 'TERMINATING';
      assert.ok(
        shownAt >= known.updatedAt || locallyTerminating,
        `${what}: session ${session.sessionId} shows ${session.state} of ${time(shownAt)}, older than a copy received of ${time(known.updatedAt)}`,
      );
      if (known.terminated) {
        assert.ok(
          ENDING_STATES.has(session.state ?? ''),
          `${what}: session ${session.sessionId} shows ${session.state} after TerminateSession was answered`,
        );
      }
    }
  }
}

describe('explorer model: property-based sequences of user actions against the local endpoint', function () {
  this.timeout(600_000);
  let restoreProfiles: () => void;
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(() => {
    restoreProfiles = usePropertyProfiles();
    process.on('unhandledRejection', onUnhandled);
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    restoreProfiles();
  });

  it("keeps every listing shown a prefix of the service's, with no stale state, and leaves nothing pending", async () => {
    const seed =
      process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
    console.log(`      property seed ${seed} (replay: FC_SEED=${seed}; ${RUNS} sequences of at most ${MAX_COMMANDS} steps)`);
    await fc.assert(
      fc.asyncProperty(
        fc.commands([steps], {
          maxCommands: MAX_COMMANDS,
          size: 'max',
          ...(process.env.FC_REPLAY_PATH ? { replayPath: process.env.FC_REPLAY_PATH } : {}),
        }),
        async (commands) => {
          unhandled = [];
          const world = await ExplorerWorld.create({ applications: 2, sessionsPerApplication: 12, pageSize: 3 });
          try {
            await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
            const drained = await world.drain();
            assertInvariants(world, 'every answer was delivered');
            assert.ok(
              drained,
              `every action ends once its answers arrive; still running: ${world
                .pending()
                .map((f) => f.label)
                .join(', ')}`,
            );
            world.explorer.dispose();
            await world.settle();
            assert.strictEqual(world.timers.pendingCount, 0, 'no timer is left once the model is disposed');
            assert.deepStrictEqual(unhandled.map(String), [], 'no promise rejection went unhandled');
          } finally {
            await world.close();
          }
        },
      ),
      { numRuns: RUNS, seed, ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) },
    );
  });
});
