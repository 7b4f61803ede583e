import * as assert from 'assert';
import { TerminateSessionCommand } from '@aws-sdk/client-emr-serverless';
import type { EmrApi } from '../../../src/model/emrApi';
import { sparkConnectString, type SessionEndpoint } from '../../../src/model/sparkConnect';
import { TokenRenewal, type RenewalEnd } from '../../../src/model/tokenRenewal';
import { ManualClock, SESSION_AUTH_TOKEN_PREFIX } from '../../localEmr/server';
import { sdkClient } from '../localEmr/helpers';
import { LocalEmrConnection } from '../support/localEmrConnection';
import { ManualTimers } from '../support/manualTimers';

const MINUTE = 60_000;

/** Resolves with the next value pushed through `push`. */
function nextEvent<T>(): { push: (value: T) => void; next: () => Promise<T>; seen: T[] } {
  const seen: T[] = [];
  let waiting: ((value: T) => void) | undefined;
  return {
    seen,
    push(value) {
      seen.push(value);
      const w = waiting;
      waiting = undefined;
      w?.(value);
    },
    next: () => new Promise<T>((resolve) => (waiting = resolve)),
  };
}

describe('auth token renewal on a manual clock, against the local endpoint', function () {
  let local: LocalEmrConnection;
  let api: EmrApi;
  let clock: ManualClock;
  let timers: ManualTimers;
  let applicationId: string;
  let idle: string[];

  before(async () => {
    clock = new ManualClock();
    local = await LocalEmrConnection.start({ seed: 9, applications: 1, sessionsPerApplication: 60, clock });
    api = await local.createApi(local.settings());
    applicationId = local.server.store.listApplications()[0]?.id ?? '';
    // Running sessions of their own, without an idle timeout and started minutes ago: the
    // endpoint ends sessions by their idle timeout and the 24-hour limit, and these tests move
    // the clock by hours.
    const now = clock.now();
    idle = Array.from({ length: 5 }, (_, i) =>
      local.server.store.addSession(applicationId, { state: 'IDLE', createdAt: now - (i + 1) * 60_000, idleTimeoutMinutes: 0 }).sessionId,
    );
    assert.ok(idle.every((id) => local.server.store.getSession(applicationId, id)?.state === 'IDLE'), 'the sessions are running');
  });
  after(async () => {
    api.dispose();
    await local.close();
  });
  beforeEach(() => {
    timers = new ManualTimers(clock);
    local.server.faults.clear();
  });

  function renewalOf(sessionId: string, initial: SessionEndpoint) {
    const renewed = nextEvent<SessionEndpoint>();
    const retries = nextEvent<number>();
    const ended = nextEvent<RenewalEnd>();
    const renewal = new TokenRenewal(initial, {
      fetchEndpoint: (signal) => api.getSessionEndpoint(applicationId, sessionId, signal),
      onRenewed: renewed.push,
      onRetrying: (_error, retryAt) => retries.push(retryAt),
      onEnded: ended.push,
      clock: timers,
      log: local.log,
    });
    return { renewal, renewed, retries, ended };
  }

  const endpointCalls = () => local.server.count('GetSessionEndpoint');

  it('fetches a new token 5 minutes before the old one expires, and replaces it', async () => {
    const sessionId = idle[0] as string;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const { renewal, renewed } = renewalOf(sessionId, initial);
    try {
      assert.strictEqual(renewal.nextRenewalAt, initial.authTokenExpiresAt.getTime() - 5 * MINUTE);
      const calls = endpointCalls();
      timers.advance(55 * MINUTE - 1);
      assert.strictEqual(endpointCalls(), calls, 'nothing is fetched before 55 minutes');
      assert.strictEqual(renewal.current, initial);

      const fresh = renewed.next();
      timers.advance(1);
      const second = await fresh;
      assert.strictEqual(endpointCalls(), calls + 1);
      assert.notStrictEqual(second.authToken, initial.authToken);
      assert.strictEqual(renewal.current, second);
      assert.strictEqual(second.authTokenExpiresAt.getTime(), clock.now() + 60 * MINUTE, 'the new token expires an hour later on the endpoint clock');
      assert.strictEqual(renewal.nextRenewalAt, second.authTokenExpiresAt.getTime() - 5 * MINUTE);
      assert.notStrictEqual(sparkConnectString(renewal.current), sparkConnectString(initial));

      const third = renewed.next();
      timers.advance(55 * MINUTE);
      assert.notStrictEqual((await third).authToken, second.authToken, 'it keeps renewing while the session runs');
    } finally {
      renewal.detach();
    }
  });

  it('retries a failed renewal after 5 s, then 10 s, and renews once the service answers again', async () => {
    const sessionId = idle[1] as string;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const { renewal, renewed, retries } = renewalOf(sessionId, initial);
    try {
      local.server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'accessDenied', times: 2 });
      const dueAt = initial.authTokenExpiresAt.getTime() - 5 * MINUTE;
      const firstRetry = retries.next();
      timers.advance(dueAt - clock.now());
      assert.strictEqual(await firstRetry, dueAt + 5_000);
      assert.strictEqual(renewal.nextRenewalAt, dueAt + 5_000);

      const calls = endpointCalls();
      timers.advance(4_999);
      assert.strictEqual(endpointCalls(), calls, 'no request before the backoff is over');
      const secondRetry = retries.next();
      timers.advance(1);
      assert.strictEqual(await secondRetry, dueAt + 5_000 + 10_000, 'the second wait is twice the first');

      const fresh = renewed.next();
      timers.advance(10_000);
      const token = await fresh;
      assert.notStrictEqual(token.authToken, initial.authToken);
      assert.strictEqual(renewal.current, token);
      assert.strictEqual(renewal.endedBy, undefined);
      assert.ok(local.lines.some((l) => /warn \[connect\] session \w+: auth token renewal failed \(AccessDeniedException\), retry 2 in 10 s/.test(l)));
    } finally {
      renewal.detach();
    }
  });

  it('stops when GetSessionEndpoint says the session has ended, and fetches nothing more', async () => {
    const sessionId = idle[2] as string;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const { renewal, renewed, ended } = renewalOf(sessionId, initial);
    const client = sdkClient(local.server);
    try {
      await client.send(new TerminateSessionCommand({ applicationId, sessionId }));
      const end = ended.next();
      timers.advance(55 * MINUTE);
      assert.strictEqual(await end, 'sessionEnded');
      assert.strictEqual(renewal.endedBy, 'sessionEnded');
      assert.strictEqual(renewal.nextRenewalAt, undefined);
      assert.strictEqual(timers.pendingCount, 0, 'no timer is left');
      const calls = endpointCalls();
      timers.advance(120 * MINUTE);
      assert.strictEqual(endpointCalls(), calls);
      assert.strictEqual(renewed.seen.length, 0);
      assert.deepStrictEqual(ended.seen, ['sessionEnded'], 'the end is reported once');
    } finally {
      client.destroy();
    }
  });

  it('stops at once when told the session ended, or on detach, and reports each end once', async () => {
    for (const [sessionId, stop, reason] of [
      [idle[3] as string, (r: TokenRenewal) => r.sessionEnded(), 'sessionEnded'],
      [idle[4] as string, (r: TokenRenewal) => r.detach(), 'detached'],
    ] as const) {
      const initial = await api.getSessionEndpoint(applicationId, sessionId);
      const { renewal, ended } = renewalOf(sessionId, initial);
      stop(renewal);
      stop(renewal);
      renewal.detach();
      assert.deepStrictEqual(ended.seen, [reason]);
      assert.strictEqual(timers.pendingCount, 0);
      const calls = endpointCalls();
      timers.advance(120 * MINUTE);
      assert.strictEqual(endpointCalls(), calls);
    }
  });

  it('detaching during a renewal abandons the request and never reports its token', async () => {
    const sessionId = idle[0] as string;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const { renewal, renewed, ended } = renewalOf(sessionId, initial);
    local.server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'hang', times: 1 });
    const calls = endpointCalls();
    timers.advance(55 * MINUTE);
    while (endpointCalls() === calls) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    renewal.detach();
    assert.deepStrictEqual(ended.seen, ['detached']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.strictEqual(renewed.seen.length, 0);
    assert.strictEqual(renewal.current, initial);
    const request = local.server.requests.filter((r) => r.operation === 'GetSessionEndpoint').at(-1);
    assert.strictEqual(request?.fault, 'hang');
  });

  it('renews at once a token that is already within 5 minutes of expiring', async () => {
    const sessionId = idle[1] as string;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const nearlyExpired = { ...initial, authTokenExpiresAt: new Date(clock.now() + 2 * MINUTE) };
    const { renewal, renewed } = renewalOf(sessionId, nearlyExpired);
    try {
      assert.ok((renewal.nextRenewalAt ?? Infinity) <= clock.now());
      const fresh = renewed.next();
      timers.advance(0);
      assert.notStrictEqual((await fresh).authToken, initial.authToken);
    } finally {
      renewal.detach();
    }
  });

  it('a run that connects, renews, fails and stops never writes a token to the log', async () => {
    const sessionId = idle[3] as string;
    local.lines.length = 0;
    const initial = await api.getSessionEndpoint(applicationId, sessionId);
    const { renewal, renewed, retries } = renewalOf(sessionId, initial);
    local.server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'accessDenied', times: 1 });
    const retry = retries.next();
    timers.advance(55 * MINUTE);
    await retry;
    const fresh = renewed.next();
    timers.advance(5_000);
    const second = await fresh;
    renewal.detach();
    assert.ok(local.lines.length >= 5, local.lines.join('\n'));
    for (const token of [initial.authToken, second.authToken]) {
      assert.ok(!local.lines.some((l) => l.includes(token)), 'a log line holds the token');
      assert.ok(!local.lines.some((l) => l.includes(token.slice(-24))), 'a log line holds part of the token');
    }
    assert.ok(!local.lines.some((l) => l.includes(SESSION_AUTH_TOKEN_PREFIX)), 'a log line holds a token the endpoint minted');
    assert.ok(local.lines.some((l) => l.startsWith('info [connect]') && l.includes('auth token renewed, valid until')));
  });
});
