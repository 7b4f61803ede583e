import { ListApplicationsCommand, ListSessionsCommand, type SessionSummary } from '@aws-sdk/client-emr-serverless';
import pLimit from 'p-limit';
import { createEmrApi } from '../../src/aws/emrClient';
import { listRunningSessions, RUNNING_NOW_CONCURRENCY } from '../../src/model/runningSessions';
import { ACTIVE_SESSION_STATES } from '../../src/model/sessionStates';
import { sdkClient } from '../unit/localEmr/helpers';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';
import { silentLogger } from '../unit/support/silentLogger';
import { ms, times, verdict, type PartResult } from './figures';
import { median, roundAll } from './stats';

const APPLICATIONS = 20;
const LATENCY_MS = 50;
const ROUNDS = 7;
const TARGET_RATIO = 1.25;

/**
 * "Running now" over 20 applications at 50 ms latency: the extension's fan-out (its
 * connection's warm client, ListApplications then ListSessions with the active states for each
 * application, every page, RUNNING_NOW_CONCURRENCY requests at a time) against the same
 * fan-out written with raw SDK calls on a warm client, at the same concurrency, in the same run.
 */
export async function measureRunningNow(): Promise<PartResult> {
  const local = await LocalEmrConnection.start({ seed: 19, applications: APPLICATIONS, sessionsPerApplication: 30 });
  const client = sdkClient(local.server);
  const api = await createEmrApi(local.settings(), silentLogger);
  const connections = [{ id: 'bench', api: async () => api }];
  const rawFanOut = async (): Promise<number> => {
    const limit = pLimit(RUNNING_NOW_CONCURRENCY);
    const apps = (await limit(() => client.send(new ListApplicationsCommand({ maxResults: 50 })))).applications ?? [];
    const found: SessionSummary[] = [];
    await Promise.all(
      apps.map(async (app) => {
        let nextToken: string | undefined;
        do {
          const out = await limit(() => client.send(new ListSessionsCommand({ applicationId: app.id, states: [...ACTIVE_SESSION_STATES], maxResults: 50, nextToken })));
          found.push(...(out.sessions ?? []));
          nextToken = out.nextToken;
        } while (nextToken);
      }),
    );
    return found.length;
  };
  try {
    local.server.faults.inject({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });
    const expected = await rawFanOut();
    const first = await listRunningSessions(connections);
    if (first.sessions.length !== expected || first.failures.length > 0) {
      throw new Error(`the fan-out listed ${first.sessions.length} sessions with ${first.failures.length} failures; raw calls listed ${expected}`);
    }
    const extension: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      await listRunningSessions(connections);
      extension.push(performance.now() - started);
      started = performance.now();
      await rawFanOut();
      raw.push(performance.now() - started);
    }
    const ratio = median(extension) / median(raw);
    return {
      figures: [
        {
          id: 'runningNow',
          label: `"Running now" over ${APPLICATIONS} applications (${expected} active sessions) at ${LATENCY_MS} ms latency vs the same fan-out with raw SDK calls`,
          value: times(ratio),
          target: `≤ ${TARGET_RATIO.toFixed(2)}×`,
          verdict: verdict(ratio <= TARGET_RATIO),
          detail: `${ms(median(extension), 1)} vs ${ms(median(raw), 1)}`,
        },
      ],
      data: { applications: APPLICATIONS, activeSessions: expected, requests: first.requests, latencyMs: LATENCY_MS, concurrency: RUNNING_NOW_CONCURRENCY, extensionMs: roundAll(extension), rawMs: roundAll(raw), ratio },
    };
  } finally {
    api.dispose();
    client.destroy();
    await local.close();
  }
}
