import { sparkConnectString, SPARK_REMOTE } from '../../src/model/sparkConnect';
import { TokenRenewal } from '../../src/model/tokenRenewal';
import { silentLogger } from '../unit/support/silentLogger';
import { mib, PartResult, times, verdict, type Figure } from './figures';
import { gcFunction, settle } from './retainedHeap';
import { round } from './stats';
import type { WarmClients } from './warmClients';

export const HEAP_CHECK_TARGET_RATIO = 1.1;
export const REFRESH_CYCLES = 1000;
export const CONNECT_CYCLES = 100;

/**
 * Whether something is kept that should not be: the heap in use, after full garbage
 * collections, once the first cycle has run, against the same after the last. One explorer
 * model, with its poller running on the shown view and the application expanded, is refreshed
 * 1,000 times (each refresh reloads the applications and the expanded application's first
 * page, as the tree asks after a refresh); then one running session is connected and detached
 * 100 times (GetSessionEndpoint, the Spark Connect string in SPARK_REMOTE, the token's renewal
 * started and stopped). The endpoint runs in this process: what it records of each request is
 * dropped before every reading. Needs node --expose-gc.
 */
export async function measureHeapCheck(clients: WarmClients): Promise<PartResult> {
  const collect = gcFunction();
  const { server, applicationId } = clients;
  const sessionId = server.store.listSessions(applicationId, { states: ['IDLE', 'BUSY', 'STARTED'] })[0]?.sessionId;
  if (!sessionId) {
    throw new Error('the local endpoint has no running session to connect to');
  }
  const heapNow = async () => {
    server.resetRequests();
    await settle(collect);
    return process.memoryUsage().heapUsed;
  };

  const model = clients.newModel({ live: true });
  const refreshCycle = async () => {
    model.refresh();
    await model.applications.loadNext();
    const listing = model.sessions(applicationId);
    await listing.loadNext();
    if (model.applications.error !== undefined || listing.error !== undefined || listing.items.length === 0) {
      throw new Error(`a refresh failed: ${String(model.applications.error ?? listing.error ?? 'no sessions listed')}`);
    }
  };
  const environment = new Map<string, string>();
  const connectCycle = async () => {
    const endpoint = await clients.api.getSessionEndpoint(applicationId, sessionId);
    const renewal = new TokenRenewal(endpoint, {
      fetchEndpoint: (signal) => clients.api.getSessionEndpoint(applicationId, sessionId, signal),
      onRenewed: (renewed) => environment.set(SPARK_REMOTE, sparkConnectString(renewed)),
      onEnded: () => environment.delete(SPARK_REMOTE),
      log: silentLogger,
    });
    environment.set(SPARK_REMOTE, sparkConnectString(endpoint));
    renewal.detach();
    if (environment.has(SPARK_REMOTE)) {
      throw new Error('detaching left SPARK_REMOTE set');
    }
  };

  try {
    const refresh = await cycles(REFRESH_CYCLES, refreshCycle, heapNow);
    const connect = await cycles(CONNECT_CYCLES, connectCycle, heapNow);
    const figures = [
      heapFigure('heapAfterRefreshes', `heap after ${REFRESH_CYCLES.toLocaleString('en-US')} refreshes`, refresh),
      heapFigure('heapAfterConnects', `heap after ${CONNECT_CYCLES} connects and detaches`, connect),
    ];
    return {
      figures,
      data: {
        refreshCycles: REFRESH_CYCLES,
        connectCycles: CONNECT_CYCLES,
        refresh: { ...refresh, ratio: round(refresh.after / refresh.first, 4) },
        connect: { ...connect, ratio: round(connect.after / connect.first, 4) },
      },
    };
  } finally {
    model.dispose();
  }
}

interface HeapReadings {
  /** heapUsed in bytes after the first cycle, and after the last. */
  readonly first: number;
  readonly after: number;
}

async function cycles(count: number, cycle: () => Promise<void>, heapNow: () => Promise<number>): Promise<HeapReadings> {
  await cycle();
  const first = await heapNow();
  for (let i = 1; i < count; i++) {
    await cycle();
  }
  return { first, after: await heapNow() };
}

function heapFigure(id: string, label: string, readings: HeapReadings): Figure {
  const ratio = readings.after / readings.first;
  const ok = ratio <= HEAP_CHECK_TARGET_RATIO;
  return {
    id,
    label,
    value: times(ratio),
    target: `≤ ${HEAP_CHECK_TARGET_RATIO.toFixed(1)}× after the first`,
    verdict: verdict(ok),
    detail: `heap in use ${mib(readings.after)} after the last cycle, ${mib(readings.first)} after the first`,
    ...(ok ? {} : { why: `${mib(readings.after - readings.first)} more is kept after the cycles than after the first one` }),
  };
}
