import { ListSessionsCommand, paginateListSessions } from '@aws-sdk/client-emr-serverless';
import { ms, PartResult, signedMs, times, verdict, type Figure } from './figures';
import { interleave, timed, type Contender } from './interleave';
import { median, round, roundAll } from './stats';
import { WarmClients } from './warmClients';

export const FIRST_PAGE_TARGET_RATIO = 1.05;
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
 * first page of the SDK's paginator, and of the extension's EmrApi pager (the paginator on
 * the extension's client, with its request log) that the model pages with.
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

    const contenders: Record<Side, Contender> = {
      model: async () => {
        const model = clients.newModel();
        const listing = model.sessions(applicationId);
        const elapsed = await timed(() => listing.loadNext());
        model.dispose();
        if (listing.error !== undefined) {
          throw new Error(`the model's first page failed: ${String(listing.error)}`);
        }
        check(listing.items.length, 'model');
        return elapsed;
      },
      sdk: async () => {
        let count = -1;
        const elapsed = await timed(async () => {
          const out = await clients.raw.send(new ListSessionsCommand({ applicationId, maxResults: pageSize }));
          count = out.sessions?.length ?? 0;
        });
        check(count, 'ListSessionsCommand');
        return elapsed;
      },
      paginator: async () => {
        let count = -1;
        const elapsed = await timed(async () => {
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
        const elapsed = await timed(async () => {
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
      const rounds = FIRST_PAGE_ROUNDS[latencyMs];
      const samples = await interleave(rounds, contenders);
      const sides = Object.keys(contenders) as Side[];
      const requests = server.count();
      if (requests !== sides.length * rounds) {
        throw new Error(`${sides.length * rounds} requests expected at ${latencyMs} ms latency, the endpoint counted ${requests}`);
      }
      const medians = Object.fromEntries(sides.map((side) => [side, median(samples[side])])) as Record<Side, number>;
      figures.push(firstPageFigure(latencyMs, rounds, medians));
      data[`latency${latencyMs}ms`] = {
        rounds,
        requests,
        ratio: round(medians.model / medians.sdk, 4),
        medianMs: Object.fromEntries(sides.map((side) => [side, round(medians[side], 4)])),
        samplesMs: Object.fromEntries(sides.map((side) => [side, roundAll(samples[side])])),
      };
    }
    server.faults.clear();
    return { figures, data };
  } finally {
    await clients.close();
  }
}

function firstPageFigure(latencyMs: number, rounds: number, m: Record<Side, number>): Figure {
  const ratio = m.model / m.sdk;
  const ok = ratio <= FIRST_PAGE_TARGET_RATIO;
  return {
    id: `firstPageRatio${latencyMs}ms`,
    label: `first-page overhead, ${latencyMs} ms latency`,
    value: times(ratio),
    target: `≤ ${FIRST_PAGE_TARGET_RATIO.toFixed(2)}×`,
    verdict: verdict(ok),
    detail: `model ${ms(m.model)} vs SDK send ${ms(m.sdk)}; SDK paginator ${ms(m.paginator)}, EmrApi pager ${ms(m.emrApi)}; medians of ${rounds}`,
    ...(ok
      ? {}
      : {
          why:
            `${signedMs(m.model - m.sdk)} per first page: SDK paginator ${signedMs(m.paginator - m.sdk)}, ` +
            `EmrApi's client and request log ${signedMs(m.emrApi - m.paginator)}, model ${signedMs(m.model - m.emrApi)}`,
        }),
  };
}
