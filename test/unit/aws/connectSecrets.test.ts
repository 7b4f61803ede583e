import * as assert from 'assert';
import type { EmrApi } from '../../../src/model/emrApi';
import { DASHBOARD_TOKEN_PREFIX, SESSION_AUTH_TOKEN_PREFIX } from '../../localEmr/server';
import { LocalEmrConnection } from '../support/localEmrConnection';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Runs `work` while every console method and stdout/stderr write is also captured. */
async function capturingOutput(work: () => Promise<void>): Promise<string> {
  const captured: string[] = [];
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  const writes = [process.stdout, process.stderr].map((stream) => [stream, stream.write] as const);
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => void captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  }
  for (const [stream, write] of writes) {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  }
  try {
    await work();
  } finally {
    for (const [m, fn] of saved) {
      (console as unknown as Record<string, unknown>)[m] = fn;
    }
    for (const [stream, write] of writes) {
      stream.write = write;
    }
  }
  return captured.join('\n');
}

describe('request log of GetSessionEndpoint and GetResourceDashboard', function () {
  let local: LocalEmrConnection;
  let api: EmrApi;
  let applicationId: string;
  let sessionId: string;

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 3, applications: 1, sessionsPerApplication: 20 });
    api = await local.createApi(local.settings());
    applicationId = local.server.store.listApplications()[0]?.id ?? '';
    sessionId = local.server.store.listSessions(applicationId, { states: ['IDLE'] })[0]?.sessionId ?? '';
    assert.ok(applicationId && sessionId);
  });
  after(async () => {
    api.dispose();
    await local.close();
  });

  it('logs each call at every level with its session and request id, and never the auth token or the dashboard URL', async () => {
    local.lines.length = 0;
    const secrets: string[] = [];
    const output = await capturingOutput(async () => {
      for (let i = 0; i < 3; i++) {
        secrets.push((await api.getSessionEndpoint(applicationId, sessionId)).authToken);
        secrets.push((await api.getResourceDashboard(applicationId, sessionId)) ?? '');
      }
      local.server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'accessDenied', times: 1 });
      await assert.rejects(api.getSessionEndpoint(applicationId, sessionId), /not authorized/);
    });
    assert.strictEqual(secrets.filter((s) => s.length >= 20).length, 6);
    const requestIds = local.server.requests.map((r) => r.requestId);
    assert.strictEqual(local.lines.filter((l) => l.startsWith(`info [aws] GetSessionEndpoint (application ${applicationId}, session ${sessionId}) ok in`)).length, 3);
    assert.strictEqual(local.lines.filter((l) => l.startsWith(`info [aws] GetResourceDashboard (application ${applicationId}, session ${sessionId}) ok in`)).length, 3);
    assert.ok(local.lines.some((l) => l.startsWith('warn [aws] GetSessionEndpoint') && l.includes('AccessDeniedException')));
    assert.ok(requestIds.every((id) => local.lines.some((l) => l.includes(id))), 'every request id is logged');
    for (const secret of secrets) {
      const token = secret.includes('authToken=') ? secret.slice(secret.indexOf('authToken=') + 'authToken='.length) : secret;
      assert.ok(token.startsWith(SESSION_AUTH_TOKEN_PREFIX) || token.startsWith(DASHBOARD_TOKEN_PREFIX));
      for (const where of [local.lines.join('\n'), output]) {
        assert.ok(!where.includes(token), 'a secret reached the log or the console');
        assert.ok(!where.includes(token.slice(-24)), 'part of a secret reached the log or the console');
      }
    }
    for (const where of [local.lines.join('\n'), output]) {
      assert.ok(!where.includes(SESSION_AUTH_TOKEN_PREFIX) && !where.includes(DASHBOARD_TOKEN_PREFIX), 'a secret reached the log or the console');
    }
    assert.ok(!local.lines.join('\n').includes('emrappui'), 'no dashboard URL is logged');
  });
});
