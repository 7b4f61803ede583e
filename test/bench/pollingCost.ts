import { StartSessionCommand, type Application } from '@aws-sdk/client-emr-serverless';
import { createEmrApi } from '../../src/aws/emrClient';
import { SessionPoller } from '../../src/model/sessionPoller';
import { sessionEligibility } from '../../src/model/sessionStart';
import { ManualClock } from '../localEmr/clock';
import { sdkClient } from '../unit/localEmr/helpers';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';
import { ManualTimers } from '../unit/support/manualTimers';
import { RecordingPollingApi } from '../unit/support/recordingPollingApi';
import { silentLogger } from '../unit/support/silentLogger';
import { verdict, type Figure, type PartResult } from './figures';

const INTERVAL_SECONDS = 5;
const MINUTE_MS = 60_000;
const ROLE = 'arn:aws:iam::123456789012:role/EMRServerlessExecutionRole';
const TRANSITIONAL_SESSIONS = 10;
const TRANSITIONAL = ['SUBMITTED', 'STARTING', 'STARTED', 'TERMINATING'] as const;

/**
 * GetSession requests per simulated minute that reach the local endpoint (through the real
 * SDK) while the session poller runs on the endpoint's manual clock: with k visible
 * transitional sessions (target exactly k × 60 / interval), with the view hidden (target 0),
 * and once every session has settled (target 0).
 */
export async function measurePollingCost(): Promise<PartResult> {
  const clock = new ManualClock();
  // Generated sessions in SUBMITTED, STARTING, STARTED or TERMINATING stay there, so they are
  // polled for as long as the figure needs.
  const local = await LocalEmrConnection.start({ seed: 11, applications: 3, sessionsPerApplication: 20, clock });
  const client = sdkClient(local.server);
  const sdkApi = await createEmrApi(local.settings(), silentLogger);
  try {
    const api = new RecordingPollingApi(sdkApi, () => clock.now());
    const timers = new ManualTimers(clock, () => api.settled());
    const poller = new SessionPoller({
      api: async () => api,
      errorContext: () => ({ endpointLabel: local.server.url }),
      intervalSeconds: INTERVAL_SECONDS,
      onSession: () => undefined,
      onApplication: () => undefined,
      onTick: () => undefined,
      log: silentLogger,
      clock: timers,
    });
    const perMinute = async (): Promise<number> => {
      local.server.resetRequests();
      await timers.advanceSettled(MINUTE_MS);
      return local.server.count('GetSession');
    };

    // Sessions added in a transitional state stay there, so they are polled for as long as the
    // figure needs.
    const applicationIds = local.server.store
      .applications()
      .map((a) => a.id)
      .slice(0, 2);
    for (let i = 0; i < TRANSITIONAL_SESSIONS; i++) {
      const appId = applicationIds[i % applicationIds.length];
      const s = local.server.store.addSession(appId, { state: TRANSITIONAL[i % TRANSITIONAL.length] });
      poller.observeSession(appId, s.sessionId, s);
    }
    applicationIds.forEach((id) => poller.setExpanded(id, true));
    const k = TRANSITIONAL_SESSIONS;
    poller.setVisible(true);
    await timers.advanceSettled(0);
    const visible = await perMinute();
    poller.setVisible(false);
    const hidden = await perMinute();

    // Fresh sessions: SUBMITTED now, IDLE 10 s later; the first minute polls them to IDLE.
    poller.forgetAll();
    const appId =
      local.server.store
        .applications()
        .map((a) => local.server.store.getApplication(a.id))
        .find((a) => a?.state === 'STARTED' && sessionEligibility(a as Application).ok)?.applicationId ?? '';
    for (let i = 0; i < k; i++) {
      const out = await client.send(new StartSessionCommand({ applicationId: appId, executionRoleArn: ROLE }));
      const session = local.server.store.getSession(appId, out.sessionId ?? '');
      poller.observeSession(appId, out.sessionId ?? '', session ?? {});
    }
    poller.setVisible(true);
    await perMinute();
    const settled = await perMinute();
    poller.dispose();

    const expected = (k * 60) / INTERVAL_SECONDS;
    const figures: Figure[] = [
      {
        id: 'pollingVisible',
        label: `polling cost, ${k} visible transitional sessions, ${INTERVAL_SECONDS} s interval`,
        value: `${visible} GetSession/min`,
        target: `= ${expected} (k × 60 / interval)`,
        verdict: verdict(visible === expected),
      },
      {
        id: 'pollingHidden',
        label: `polling cost, view hidden`,
        value: `${hidden} GetSession/min`,
        target: '= 0',
        verdict: verdict(hidden === 0),
      },
      {
        id: 'pollingSettled',
        label: `polling cost, ${k} sessions settled`,
        value: `${settled} GetSession/min`,
        target: '= 0',
        verdict: verdict(settled === 0),
      },
    ];
    return { figures, data: { k, intervalSeconds: INTERVAL_SECONDS, visible, hidden, settled, expected } };
  } finally {
    sdkApi.dispose();
    client.destroy();
    await local.close();
  }
}
