import { GetSessionEndpointCommand } from '@aws-sdk/client-emr-serverless';
import { sparkConnectString, SPARK_REMOTE } from '../../src/model/sparkConnect';
import { ms, PartResult, signedMs, times, verdict, type Figure } from './figures';
import { interleave, timed, type Contender } from './interleave';
import { median, round, roundAll } from './stats';
import type { WarmClients } from './warmClients';

export const CONNECT_TARGET_RATIO = 1.05;
export const CONNECT_LATENCY_MS = 50;
const WARMUP_ROUNDS = 10;
export const CONNECT_ROUNDS = 40;

type Side = 'sdk' | 'connect';

/**
 * One raw GetSessionEndpoint call on a warm SDK client: the yardstick for Connect. Resolves
 * with its duration in ms; throws when the answer carries no endpoint or token.
 */
export function rawGetSessionEndpoint(clients: WarmClients, applicationId: string, sessionId: string): Contender {
  return async () => {
    let answered = false;
    const elapsed = await timed(async () => {
      const out = await clients.raw.send(new GetSessionEndpointCommand({ applicationId, sessionId }));
      answered = Boolean(out.endpoint && out.authToken);
    });
    if (!answered) {
      throw new Error('GetSessionEndpoint answered without endpoint or token');
    }
    return elapsed;
  };
}

/**
 * Connect below the VS Code layer, at 50 ms per request: the extension's EmrApi call, the
 * connection string, and SPARK_REMOTE set in an environment map (where the extension sets its
 * environment variable collection), against one raw GetSessionEndpoint call, interleaved. The
 * same figure from the command, in an extension host, is measured by host/connectProbe.ts.
 */
export async function measureConnect(clients: WarmClients): Promise<PartResult> {
  const { server, applicationId } = clients;
  const sessionId = server.store.listSessions(applicationId, { states: ['IDLE', 'BUSY', 'STARTED'] })[0]?.sessionId;
  if (!sessionId) {
    throw new Error('the local endpoint has no running session to connect to');
  }
  const environment = new Map<string, string>();
  const contenders: Record<Side, Contender> = {
    sdk: rawGetSessionEndpoint(clients, applicationId, sessionId),
    connect: async () => {
      environment.delete(SPARK_REMOTE);
      const elapsed = await timed(async () => {
        const endpoint = await clients.api.getSessionEndpoint(applicationId, sessionId);
        environment.set(SPARK_REMOTE, sparkConnectString(endpoint));
      });
      if (!environment.get(SPARK_REMOTE)?.startsWith('sc://')) {
        throw new Error('SPARK_REMOTE was not set');
      }
      return elapsed;
    },
  };

  server.faults.clear();
  await interleave(WARMUP_ROUNDS, contenders);
  server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'latency', latencyMs: CONNECT_LATENCY_MS });
  server.resetRequests();
  try {
    const samples = await interleave(CONNECT_ROUNDS, contenders);
    const requests = server.count('GetSessionEndpoint');
    if (requests !== 2 * CONNECT_ROUNDS) {
      throw new Error(`${2 * CONNECT_ROUNDS} GetSessionEndpoint requests expected, the endpoint counted ${requests}`);
    }
    const m = { sdk: median(samples.sdk), connect: median(samples.connect) };
    return {
      figures: [connectFigure(m)],
      data: {
        latencyMs: CONNECT_LATENCY_MS,
        rounds: CONNECT_ROUNDS,
        warmupRounds: WARMUP_ROUNDS,
        ratio: round(m.connect / m.sdk, 4),
        medianMs: { sdk: round(m.sdk, 4), connect: round(m.connect, 4) },
        samplesMs: { sdk: roundAll(samples.sdk), connect: roundAll(samples.connect) },
      },
    };
  } finally {
    server.faults.clear();
  }
}

function connectFigure(m: Record<Side, number>): Figure {
  const ratio = m.connect / m.sdk;
  const ok = ratio <= CONNECT_TARGET_RATIO;
  return {
    id: `connectCoreRatio${CONNECT_LATENCY_MS}ms`,
    label: `Connect below VS Code to SPARK_REMOTE, ${CONNECT_LATENCY_MS} ms latency`,
    value: times(ratio),
    target: `≤ ${CONNECT_TARGET_RATIO.toFixed(2)}×`,
    verdict: verdict(ok),
    detail: `EmrApi + connection string ${ms(m.connect)} vs raw GetSessionEndpoint ${ms(m.sdk)}; medians of ${CONNECT_ROUNDS}`,
    ...(ok ? {} : { why: `${signedMs(m.connect - m.sdk)} per connect: the extension's client and request log, and the string` }),
  };
}
