import { paginateListSessions, type ListSessionsCommandOutput } from '@aws-sdk/client-emr-serverless';
import { mib, PartResult, times, verdict, type Figure } from './figures';
import { interleave } from './interleave';
import { median, round } from './stats';
import type { WarmClients } from './warmClients';

export const RETAINED_HEAP_TARGET_RATIO = 1.5;
const WARMUP_ROUNDS = 1;
export const RETAINED_HEAP_ROUNDS = 5;

/**
 * The heap that stays in use after loading every session of one application: in the model
 * (the listing's rows and whatever the model keeps with them) against the SDK's own response
 * objects for the same pages, kept in an array. Each side is measured as the difference of
 * `heapUsed` after full garbage collections before and after it loads, while it still holds
 * what it loaded. Needs node --expose-gc.
 */
export async function measureRetainedHeap(clients: WarmClients): Promise<PartResult> {
  const collect = gcFunction();
  const { server, applicationId, pageSize } = clients;
  const sessions = clients.sessionCount;

  const retained = (load: () => Promise<{ held: unknown; count: number }>, what: string): Promise<number> =>
    retainedBytes({ collect, forgetRequests: () => server.resetRequests(), expected: sessions }, load, what);

  const contenders = {
    model: () =>
      retained(async () => {
        const model = clients.newModel();
        const listing = model.sessions(applicationId);
        while (listing.hasMore && listing.error === undefined) {
          await listing.loadNext();
        }
        return { held: model, count: listing.items.length };
      }, 'model'),
    responses: () =>
      retained(async () => {
        const pages: ListSessionsCommandOutput[] = [];
        let count = 0;
        for await (const page of paginateListSessions({ client: clients.raw, pageSize }, { applicationId })) {
          pages.push(page);
          count += page.sessions?.length ?? 0;
        }
        return { held: pages, count };
      }, 'SDK responses'),
  };

  await interleave(WARMUP_ROUNDS, contenders);
  const samples = await interleave(RETAINED_HEAP_ROUNDS, contenders);
  const model = median(samples.model);
  const raw = median(samples.responses);
  const ratio = model / raw;
  const ok = ratio <= RETAINED_HEAP_TARGET_RATIO;
  const figures: Figure[] = [
    {
      id: 'retainedHeapRatio',
      label: `retained heap, ${sessions.toLocaleString('en-US')} sessions`,
      value: times(ratio),
      target: `≤ ${RETAINED_HEAP_TARGET_RATIO.toFixed(1)}× raw responses`,
      verdict: verdict(ok),
      detail: `model ${mib(model)} vs SDK responses ${mib(raw)}, medians of ${RETAINED_HEAP_ROUNDS}`,
      ...(ok ? {} : { why: `the model keeps ${Math.round((model - raw) / sessions)} bytes more per session than the responses` }),
    },
  ];
  return {
    figures,
    data: {
      sessions,
      pageSize,
      rounds: RETAINED_HEAP_ROUNDS,
      warmupRounds: WARMUP_ROUNDS,
      ratio: round(ratio, 4),
      medianBytes: { model: Math.round(model), responses: Math.round(raw) },
      bytesPerSession: { model: round(model / sessions, 1), responses: round(raw / sessions, 1) },
      samplesBytes: samples,
    },
  };
}

/**
 * Bytes of heap (`heapUsed`, after full collections before and after) that `load` leaves in use
 * while what it returned (`held`) is still held. The local endpoint runs in this process, so
 * what it records about each request is forgotten first: it is not the client's. Throws
 * unless `load` loaded exactly `expected` sessions.
 */
export async function retainedBytes(
  { collect, forgetRequests, expected }: { collect: () => void; forgetRequests: () => void; expected: number },
  load: () => Promise<{ held: unknown; count: number }>,
  what: string,
): Promise<number> {
  await settle(collect);
  const before = process.memoryUsage().heapUsed;
  const { held, count } = await load();
  forgetRequests();
  await settle(collect);
  const after = process.memoryUsage().heapUsed;
  if (count !== expected || held === undefined) {
    throw new Error(`${what}: ${count} sessions loaded, not ${expected}`);
  }
  return after - before;
}

/** `gc()`, which node gives with --expose-gc; an error without it. */
export function gcFunction(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('the heap cannot be measured without garbage collection on demand: run node with --expose-gc');
  }
  return gc;
}

/** Lets pending callbacks finish, then collects garbage until the heap stops shrinking. */
export async function settle(collect: () => void): Promise<void> {
  let previous = Infinity;
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous) {
      return;
    }
    previous = used;
  }
}
