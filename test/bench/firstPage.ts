import { ListSessionsCommand, paginateListSessions } from '@aws-sdk/client-emr-serverless';
import { ms, PartResult, signedMs, times, verdict, type Figure } from './figures';
import { interleave, timed as timedWallClock, type Contender } from './interleave';
import { median, round, roundAll } from './stats';
import { WarmClients } from './warmClients';

/** At 50 ms per request, where users are, the model may add at most 1 %. */
export const FIRST_PAGE_TARGET_RATIO = 1.01;
/**
 * With no added latency a loopback round trip takes about a millisecond, and a ratio to it
 * mostly measures noise: there the model's fixed cost is reported in milliseconds.
 */
export const FIRST_PAGE_OVERHEAD_TARGET_MS = 0.1;
/** A typical application: a first page is a small part of what it holds. */
const SESSIONS = 250;
const WARMUP_ROUNDS = 10;
/** Rounds per latency: a round at 50 ms costs four round trips of 50 ms and more. */
export const FIRST_PAGE_ROUNDS: Readonly<Record<number, number>> = { 0: 300, 50: 40 };
const LATENCIES_MS = [0, 50];

type Side = 'model' | 'sdk' | 'paginator' | 'emrApi';

/**
 * The first page of an application's sessions as the explorer loads it (a fresh
 * ExplorerModel, then `sessions(id).loadNext()`) against one plain `ListSessionsCommand`
 * sent by a warm SDK client, interleaved, with no added latency and with 50 ms per request.
 * Two steps in between run in the same rounds, to tell where a difference comes from: the
 * first page of the SDK's paginator, and of the extension's EmrApi pager (its own pager, on
 * the extension's client with its credentials, request log and the listing's abort signal)
 * that the model pages with.
 */
export async function measureFirstPage(): Promise<PartResult> {
  const clients = await WarmClients.start(SESSIONS);
  try {
    const { server, applicationId, pageSize } = clients;
    const expected = Math.min(pageSize, clients.sessionCount);
    const check = (count: number, what: string) => {
      if (count !== expected) {
        throw new Error(`${what}: ${count} sessions on the first page, not ${expected}`);
      }
    };

    // Processor time (user and system) of this process over each sample: the endpoint runs in
    // it too, alike for every side, so the difference between sides is the client's own work,
    // which a busy machine stretches in wall-clock time but not here.
    let cpu: Record<Side, number[]> = { model: [], sdk: [], paginator: [], emrApi: [] };
    const timed = async (side: Side, work: () => Promise<unknown>): Promise<number> => {
      const before = process.cpuUsage();
      const elapsed = await timedWallClock(work);
      const used = process.cpuUsage(before);
      cpu[side].push((used.user + used.system) / 1000);
      return elapsed;
    };
    const contenders: Record<Side, Contender> = {
      model: async () => {
        const model = clients.newModel();
        const listing = model.sessions(applicationId);
        const elapsed = await timed('model', () => listing.loadNext());
        model.dispose();
        if (listing.error !== undefined) {
          throw new Error(`the model's first page failed: ${String(listing.error)}`);
        }
        check(listing.items.length, 'model');
        return elapsed;
      },
      sdk: async () => {
        let count = -1;
        const elapsed = await timed('sdk', async () => {
          const out = await clients.raw.send(new ListSessionsCommand({ applicationId, maxResults: pageSize }));
          count = out.sessions?.length ?? 0;
        });
        check(count, 'ListSessionsCommand');
        return elapsed;
      },
      paginator: async () => {
        let count = -1;
        const elapsed = await timed('paginator', async () => {
          const pages = paginateListSessions({ client: clients.raw, pageSize }, { applicationId });
          const first = await pages.next();
          count = first.done ? 0 : first.value.sessions?.length ?? 0;
          await pages.return(undefined);
        });
        check(count, 'paginateListSessions');
        return elapsed;
      },
      emrApi: async () => {
        let count = -1;
        const controller = new AbortController();
        const elapsed = await timed('emrApi', async () => {
          const pager = clients.api.openSessionPager(applicationId, {}, pageSize)(undefined, controller.signal);
          const first = await pager.next();
          count = first.done ? 0 : first.value.items.length;
          await pager.return?.(undefined);
        });
        check(count, 'EmrApi pager');
        return elapsed;
      },
    };

    await interleave(WARMUP_ROUNDS, contenders);
    const figures: Figure[] = [];
    const data: Record<string, unknown> = { sessions: SESSIONS, pageSize, warmupRounds: WARMUP_ROUNDS };
    for (const latencyMs of LATENCIES_MS) {
      server.faults.clear();
      if (latencyMs > 0) {
        server.faults.inject({ operation: 'ListSessions', kind: 'latency', latencyMs });
      }
      server.resetRequests();
      cpu = { model: [], sdk: [], paginator: [], emrApi: [] };
      const rounds = FIRST_PAGE_ROUNDS[latencyMs];
      const samples = await interleave(rounds, contenders);
      const sides = Object.keys(contenders) as Side[];
      const requests = server.count();
      if (requests !== sides.length * rounds) {
        throw new Error(`${sides.length * rounds} requests expected at ${latencyMs} ms latency, the endpoint counted ${requests}`);
      }
      const medians = Object.fromEntries(sides.map((side) => [side, median(samples[side])])) as Record<Side, number>;
      // Each round's model and SDK samples ran next to each other, on the same state of a
      // shared machine: their differences and ratios wander much less than either side.
      const paired = {
        overheadMs: median(samples.model.map((m, i) => m - samples.sdk[i])),
        ratio: median(samples.model.map((m, i) => m / samples.sdk[i])),
        cpuMs: median(cpu.model.map((m, i) => m - cpu.sdk[i])),
      };
      figures.push(latencyMs === 0 ? fixedOverheadFigure(rounds, medians, paired) : firstPageFigure(latencyMs, rounds, medians, paired));
      data[`latency${latencyMs}ms`] = {
        rounds,
        requests,
        ratio: round(paired.ratio, 4),
        overheadMs: round(paired.overheadMs, 4),
        ratioOfMedians: round(medians.model / medians.sdk, 4),
        medianMs: Object.fromEntries(sides.map((side) => [side, round(medians[side], 4)])),
        samplesMs: Object.fromEntries(sides.map((side) => [side, roundAll(samples[side])])),
        cpuOverheadMs: round(paired.cpuMs, 4),
        cpuMedianMs: Object.fromEntries(sides.map((side) => [side, round(median(cpu[side]), 4)])),
      };
    }
    server.faults.clear();
    return { figures, data };
  } finally {
    await clients.close();
  }
}

interface Paired {
  /** Median over rounds of the model's time minus the SDK send's, in ms. */
  readonly overheadMs: number;
  /** Median over rounds of the model's time over the SDK send's. */
  readonly ratio: number;
  /** Median over rounds of the processor time the model took minus the SDK send's, in ms. */
  readonly cpuMs: number;
}

/** Where a difference comes from, step by step, from the medians of each side. */
function steps(m: Record<Side, number>): string {
  return (
    `SDK paginator ${signedMs(m.paginator - m.sdk)}, ` +
    `EmrApi's client and request log ${signedMs(m.emrApi - m.paginator)}, model ${signedMs(m.model - m.emrApi)}`
  );
}

function firstPageFigure(latencyMs: number, rounds: number, m: Record<Side, number>, paired: Paired): Figure {
  const ok = paired.ratio <= FIRST_PAGE_TARGET_RATIO;
  return {
    id: `firstPageRatio${latencyMs}ms`,
    label: `first-page overhead, ${latencyMs} ms latency`,
    value: times(paired.ratio),
    target: `≤ ${FIRST_PAGE_TARGET_RATIO.toFixed(2)}×`,
    verdict: verdict(ok),
    detail:
      `median of ${rounds} rounds' model / SDK send; medians: model ${ms(m.model)}, SDK send ${ms(m.sdk)}, ` +
      `SDK paginator ${ms(m.paginator)}, EmrApi pager ${ms(m.emrApi)}`,
    ...(ok ? {} : { why: `${signedMs(paired.overheadMs)} per first page (median of rounds): ${steps(m)}` }),
  };
}

function fixedOverheadFigure(rounds: number, m: Record<Side, number>, paired: Paired): Figure {
  const ok = paired.overheadMs <= FIRST_PAGE_OVERHEAD_TARGET_MS;
  return {
    id: 'firstPageOverhead0ms',
    label: 'first-page fixed overhead, 0 ms latency',
    value: signedMs(paired.overheadMs, 3),
    target: `≤ ${ms(FIRST_PAGE_OVERHEAD_TARGET_MS, 1)}`,
    verdict: verdict(ok),
    detail:
      `median of ${rounds} rounds' model − SDK send (ratio ${times(paired.ratio)}); in processor time ` +
      `${signedMs(paired.cpuMs, 3)}; medians: model ${ms(m.model, 3)}, ` +
      `SDK send ${ms(m.sdk, 3)}, SDK paginator ${ms(m.paginator, 3)}, EmrApi pager ${ms(m.emrApi, 3)}`,
    ...(ok ? {} : { why: steps(m) }),
  };
}
