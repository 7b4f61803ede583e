import * as assert from 'assert';
import { describeError, ErrorKind } from '../../../src/model/awsErrors';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { actionsFor, ExplorerRowBuilder, ErrorAction } from '../../../src/model/explorerNodes';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import { ERROR_FAULT_KINDS, type FaultSpec } from '../../localEmr/faults';
import { LocalEmrConnection } from '../support/localEmrConnection';

const PAGE = 7;
const TIMEOUT_MS = 400;

interface FaultCase {
  readonly name: string;
  readonly fault: Pick<FaultSpec, 'kind' | 'times'>;
  /** The error a user sees, or 'ok' when the SDK's retries absorb the fault. */
  readonly expect: ErrorKind | 'ok';
  readonly title?: (operation: string, target: string) => string;
  readonly actions?: ErrorAction[];
}

/** Every fault the local endpoint can inject, and what a user must see for it. */
const FAULTS: FaultCase[] = [
  { name: 'throttling below the retry limit', fault: { kind: 'throttle', times: 2 }, expect: 'ok' },
  {
    name: 'throttling above the retry limit',
    fault: { kind: 'throttle' },
    expect: 'throttled',
    title: (_op, target) => `Throttled by ${target}`,
    actions: ['retry', 'showLog'],
  },
  { name: 'HTTP 500', fault: { kind: 'http500' }, expect: 'serviceError', title: (_op, t) => `${t} failed`, actions: ['retry', 'showLog'] },
  { name: 'HTTP 503', fault: { kind: 'http503' }, expect: 'serviceError', title: (_op, t) => `${t} failed`, actions: ['retry', 'showLog'] },
  {
    name: 'access denied',
    fault: { kind: 'accessDenied' },
    expect: 'accessDenied',
    title: (op) => `Access denied: emr-serverless:${op}`,
    actions: ['retry', 'selectProfile', 'showLog'],
  },
  {
    name: 'an expired token',
    fault: { kind: 'expiredToken' },
    expect: 'expiredCredentials',
    title: () => 'AWS credentials expired',
    // The profile holds keys in its credentials file: renewing them there is what helps.
    actions: ['openCredentialsFile', 'retry', 'selectProfile', 'showLog'],
  },
  {
    // What an opt-in Region the account has not enabled answers: it does not know the keys.
    name: 'a Region that is not enabled',
    fault: { kind: 'regionNotEnabled' },
    expect: 'invalidCredentials',
    title: () => 'AWS rejected the credentials',
    actions: ['openCredentialsFile', 'retry', 'selectProfile', 'showLog'],
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformedJson' },
    expect: 'badResponse',
    title: (_op, t) => `Unreadable answer from ${t}`,
    actions: ['retry', 'openSettings', 'showLog'],
  },
  {
    name: 'a dropped connection',
    fault: { kind: 'dropConnection' },
    expect: 'unreachable',
    title: (_op, t) => `Cannot reach ${t}`,
    actions: ['retry', 'openSettings', 'showLog'],
  },
  {
    name: 'a response that never comes',
    fault: { kind: 'hang' },
    expect: 'timeout',
    title: (_op, t) => `No answer from ${t}`,
    actions: ['retry', 'openSettings', 'showLog'],
  },
];

describe('fault matrix: every fault on every operation', function () {
  this.timeout(30_000);
  let local: LocalEmrConnection;
  let appId: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    local = await LocalEmrConnection.start({ seed: 21, applications: 2, sessionsPerApplication: 40 });
    appId = local.server.store.listApplications()[0].id;
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await local.close();
  });
  afterEach(() => {
    local.server.faults.clear();
    assert.deepStrictEqual(unhandled, [], 'nothing may be left unhandled');
  });

  function newModel(): ExplorerModel {
    return new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings({ requestTimeoutMs: TIMEOUT_MS }), pageSize: PAGE },
      filter: NO_FILTER,
    });
  }

  const serverSessions = () => local.server.store.listSessions(appId, {}).map((s) => s.sessionId);
  const serverApps = () => local.server.store.listApplications().map((a) => a.id);

  function expectError(model: ExplorerModel, error: unknown, operation: string, c: FaultCase): void {
    assert.ok(error !== undefined, `${c.name} on ${operation} should have failed`);
    const report = describeError(error, { operation, endpointLabel: model.endpointLabel, profile: model.settings.connection.profile });
    assert.strictEqual(report.kind, c.expect, `${report.kind}: ${report.title} / ${report.detail}`);
    assert.strictEqual(report.title, c.title?.(operation, model.endpointLabel));
    const node = { kind: 'error' as const, id: 'error/', report, afterRows: false };
    assert.deepStrictEqual(actionsFor(node).map((a) => a.action), c.actions);
    if (c.expect === 'expiredCredentials') {
      assert.strictEqual(report.loginCommand, undefined, 'no aws sso login for a profile without SSO settings');
      assert.match(report.detail, /Update the access keys of profile "local-emr" in .*credentials/);
    }
  }

  it('covers every fault kind of the local endpoint that ends in an error', () => {
    const covered = new Set(FAULTS.filter((c) => c.expect !== 'ok').map((c) => c.fault.kind));
    assert.deepStrictEqual(
      ERROR_FAULT_KINDS.filter((kind) => !covered.has(kind)),
      [],
      'fault kinds with no case in this matrix',
    );
  });

  for (const c of FAULTS) {
    describe(c.name, () => {
      it('on ListApplications: the right row, and Retry works once the fault clears', async () => {
        const model = newModel();
        local.server.faults.inject({ operation: 'ListApplications', ...c.fault });
        await model.applications.loadNext();
        if (c.expect !== 'ok') {
          expectError(model, model.applications.error, 'ListApplications', c);
          const rows = new ExplorerRowBuilder(model).roots();
          assert.deepStrictEqual(rows.map((n) => n.kind), ['error']);
          local.server.faults.clear();
          model.retry(undefined);
          await model.applications.loadNext();
        }
        assert.deepStrictEqual(model.applications.items.map((a) => a.id), serverApps());
        model.dispose();
      });

      it('on the first page of ListSessions: the right row, and Retry works once the fault clears', async () => {
        const model = newModel();
        local.server.faults.inject({ operation: 'ListSessions', page: 'first', ...c.fault });
        await model.sessions(appId).loadNext();
        if (c.expect !== 'ok') {
          expectError(model, model.sessions(appId).error, 'ListSessions', c);
          const rows = new ExplorerRowBuilder(model).sessions(appId);
          assert.deepStrictEqual(rows.map((n) => n.kind), ['error']);
          local.server.faults.clear();
          model.retry(appId);
          await model.sessions(appId).loadNext();
        }
        assert.deepStrictEqual(model.sessions(appId).items.map((s) => s.sessionId), serverSessions().slice(0, PAGE));
        model.dispose();
      });

      it('on a later page of ListSessions: loaded rows stay, none duplicated or missing after Retry', async () => {
        const model = newModel();
        const listing = model.sessions(appId);
        await listing.loadNext();
        local.server.faults.inject({ operation: 'ListSessions', page: 'later', ...c.fault });
        await listing.loadNext();
        if (c.expect !== 'ok') {
          expectError(model, listing.error, 'ListSessions', c);
          assert.deepStrictEqual(listing.items.map((s) => s.sessionId), serverSessions().slice(0, PAGE), 'rows stay');
          const rows = new ExplorerRowBuilder(model).sessions(appId);
          assert.deepStrictEqual(rows.map((n) => n.kind), [...Array(PAGE).fill('session'), 'error']);
          local.server.faults.clear();
          model.retry(appId);
          await listing.whenIdle();
        }
        assert.deepStrictEqual(listing.items.map((s) => s.sessionId), serverSessions().slice(0, 2 * PAGE));
        model.dispose();
      });

      it('on GetSession: the right message, and a second try works once the fault clears', async () => {
        const model = newModel();
        const sessionId = serverSessions()[0];
        local.server.faults.inject({ operation: 'GetSession', ...c.fault });
        const api = await model.getApi();
        const first = await api.getSession(appId, sessionId).then(
          (s) => ({ ok: s }),
          (error: unknown) => ({ error }),
        );
        if (c.expect === 'ok') {
          assert.ok('ok' in first && first.ok.sessionId === sessionId);
        } else {
          assert.ok('error' in first, 'GetSession should have failed');
          expectError(model, first.error, 'GetSession', c);
          local.server.faults.clear();
          const session = await api.getSession(appId, sessionId);
          assert.strictEqual(session.sessionId, sessionId);
        }
        model.dispose();
      });
    });
  }
});
