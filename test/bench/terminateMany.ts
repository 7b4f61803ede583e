import { TerminateSessionCommand } from '@aws-sdk/client-emr-serverless';
import { createEmrApi } from '../../src/aws/emrClient';
import { terminateSessions, TERMINATE_CONCURRENCY } from '../../src/model/sessionActions';
import { sdkClient } from '../unit/localEmr/helpers';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';
import { silentLogger } from '../unit/support/silentLogger';
import { ms, times, verdict, type PartResult } from './figures';
import { median } from './stats';

const SESSIONS = 20;
const LATENCY_MS = 50;
const ROUNDS = 5;
const TARGET_RATIO = 1.2;

/**
 * Terminating 20 sessions at 50 ms latency, as Terminate Session does for a selection (at most
 * five requests at a time), against the floor: ⌈20 / 5⌉ TerminateSession calls one after the
 * other with the raw SDK client, measured side by side in the same run.
 */
export async function measureTerminateMany(): Promise<PartResult> {
  const local = await LocalEmrConnection.start({ seed: 11, applications: 1, sessionsPerApplication: 0 });
  const client = sdkClient(local.server);
  const api = await createEmrApi(local.settings(), silentLogger);
  try {
    const appId = local.server.store.applications().find((a) => a.state !== 'TERMINATED')!.id;
    local.server.faults.inject({ operation: 'TerminateSession', kind: 'latency', latencyMs: LATENCY_MS });
    const fresh = (n: number) => Array.from({ length: n }, () => ({ applicationId: appId, sessionId: local.server.store.addSession(appId, { state: 'IDLE' }).sessionId }));
    // Warm both clients' connections first.
    await terminateSessions(api, fresh(TERMINATE_CONCURRENCY));
    await client.send(new TerminateSessionCommand(fresh(1)[0]));

    const extension: number[] = [];
    const floor: number[] = [];
    const sequential = Math.ceil(SESSIONS / TERMINATE_CONCURRENCY);
    for (let round = 0; round < ROUNDS; round++) {
      const targets = fresh(SESSIONS);
      let started = performance.now();
      const outcomes = await terminateSessions(api, targets);
      extension.push(performance.now() - started);
      if (outcomes.some((o) => !o.ok)) {
        throw new Error('a TerminateSession failed in the bench');
      }
      const raw = fresh(sequential);
      started = performance.now();
      for (const t of raw) {
        await client.send(new TerminateSessionCommand(t));
      }
      floor.push(performance.now() - started);
    }
    const ratio = median(extension) / median(floor);
    return {
      figures: [
        {
          id: 'terminateMany',
          label: `Terminate ${SESSIONS} sessions at ${LATENCY_MS} ms latency vs ${sequential} sequential raw calls`,
          value: times(ratio),
          target: `≤ ${TARGET_RATIO.toFixed(2)}×`,
          verdict: verdict(ratio <= TARGET_RATIO),
          detail: `${ms(median(extension), 1)} vs ${ms(median(floor), 1)}`,
        },
      ],
      data: { sessions: SESSIONS, latencyMs: LATENCY_MS, concurrency: TERMINATE_CONCURRENCY, extensionMs: extension, floorMs: floor, ratio },
    };
  } finally {
    api.dispose();
    client.destroy();
    await local.close();
  }
}
