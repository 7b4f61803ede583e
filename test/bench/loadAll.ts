import { paginateListSessions } from '@aws-sdk/client-emr-serverless';
import { ExplorerRowBuilder } from '../../src/model/explorerNodes';
import { SETTINGS } from '../../src/model/settings';
import { ms, PartResult, times, verdict, type Figure } from './figures';
import { gcFunction } from './retainedHeap';
import { median, round, roundAll } from './stats';
import type { WarmClients } from './warmClients';

export const LOAD_ALL_TARGET_RATIO = 1.1;
export const LOAD_ALL_REDRAWS_TARGET_PER_SECOND = 4;
const WARMUP_ROUNDS = 1;
export const LOAD_ALL_ROUNDS = 7;

interface LoadAllRound {
  readonly modelMs: number;
  readonly paginatorMs: number;
  /** Processor time of this process (the endpoint included, alike for both) over each load. */
  readonly modelCpuMs: number;
  readonly paginatorCpuMs: number;
  readonly requests: number;
  /** GetSession requests the model's poller sent during the load (a load longer than its 5 s interval polls). */
  readonly polls: number;
  /** Change events for the application while the pages came in, the one at the end left out. */
  readonly redrawsDuring: number;
  /** The shortest time between two of them, in ms (Infinity with fewer than two). */
  readonly shortestGapMs: number;
}

/**
 * Load All of one application's sessions as the extension runs it: `ExplorerModel.loadAll`
 * with the largest `emrServerless.maxItems`, on a model with its poller running, while a
 * listener rebuilds the application's rows (ExplorerRowBuilder, what the tree's getChildren
 * returns) on every change event, as the tree does on a redraw. Against it, the SDK's own
 * `paginateListSessions` loop over the same data, its pages kept in an array. The two load
 * in turns, whole loads, which one starts alternating by round; the figure is the median of
 * the rounds' ratios, each taken from two loads that ran next to each other. Garbage is
 * collected before each load, so that neither side pays for collecting what the other left
 * (the model's 10,000 rows and their tree rows, the paginator's pages).
 *
 * Redraws are the change events the model sends for the application while the pages come
 * in; the one it sends when the load has ended is left out, as the test of Load All does.
 */
export async function measureLoadAll(clients: WarmClients): Promise<PartResult> {
  const collect = gcFunction();
  const sessions = clients.sessionCount;
  const expectedRequests = Math.ceil(sessions / clients.pageSize);
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    await loadAllRound(clients, i % 2 === 0, collect);
  }
  const rounds: LoadAllRound[] = [];
  for (let i = 0; i < LOAD_ALL_ROUNDS; i++) {
    rounds.push(await loadAllRound(clients, i % 2 === 0, collect));
  }
  clients.server.resetRequests();

  const ratio = median(rounds.map((r) => r.modelMs / r.paginatorMs));
  const cpuRatio = median(rounds.map((r) => r.modelCpuMs / r.paginatorCpuMs));
  const model = median(rounds.map((r) => r.modelMs));
  const paginator = median(rounds.map((r) => r.paginatorMs));
  const ratioOk = ratio <= LOAD_ALL_TARGET_RATIO;
  const rates = rounds.map((r) => r.redrawsDuring / (r.modelMs / 1000));
  const worstRate = Math.max(...rates);
  const shortestGap = Math.min(...rounds.map((r) => r.shortestGapMs));
  const ratesOk = worstRate <= LOAD_ALL_REDRAWS_TARGET_PER_SECOND;
  const requestsOk = rounds.every((r) => r.requests === expectedRequests);
  const count = sessions.toLocaleString('en-US');
  const figures: Figure[] = [
    {
      id: 'loadAllRatio',
      label: `Load All of ${count} sessions`,
      value: times(ratio),
      target: `≤ ${LOAD_ALL_TARGET_RATIO.toFixed(2)}× SDK paginator`,
      verdict: verdict(ratioOk && requestsOk),
      detail:
        `median of ${LOAD_ALL_ROUNDS} rounds' model / paginator; medians: model ${ms(model, 1)}, SDK paginator ` +
        `${ms(paginator, 1)}; in processor time ${times(cpuRatio)}; ` +
        `${rounds.map((r) => r.requests).join(', ')} requests (${expectedRequests} expected)` +
        (rounds.some((r) => r.polls > 0) ? `; the poller's GetSession requests: ${rounds.map((r) => r.polls).join(', ')}` : ''),
      ...(ratioOk && requestsOk
        ? {}
        : {
            why: requestsOk
              ? `the model spends ${ms((model - paginator) / expectedRequests)} more per page than the paginator`
              : 'the model sent a request that brought no new page',
          }),
    },
    {
      id: 'loadAllRedrawsPerSecond',
      label: `redraws during Load All of ${count} sessions`,
      value: `${worstRate.toFixed(2)} a second`,
      target: `≤ ${LOAD_ALL_REDRAWS_TARGET_PER_SECOND} a second`,
      verdict: verdict(ratesOk),
      detail:
        `the most of ${LOAD_ALL_ROUNDS} rounds: ${rounds.map((r) => r.redrawsDuring).join(', ')} redraws while ` +
        `${expectedRequests} pages came in, then one at the end; shortest gap ${Number.isFinite(shortestGap) ? ms(shortestGap, 0) : '—'}`,
      ...(ratesOk ? {} : { why: 'change events came faster than once per 250 ms' }),
    },
  ];
  return {
    figures,
    data: {
      sessions,
      pageSize: clients.pageSize,
      rounds: LOAD_ALL_ROUNDS,
      warmupRounds: WARMUP_ROUNDS,
      ratio: round(ratio, 4),
      cpuRatio: round(cpuRatio, 4),
      medianMs: { model: round(model, 3), paginator: round(paginator, 3) },
      cpuMs: { model: roundAll(rounds.map((r) => r.modelCpuMs)), paginator: roundAll(rounds.map((r) => r.paginatorCpuMs)) },
      samplesMs: { model: roundAll(rounds.map((r) => r.modelMs)), paginator: roundAll(rounds.map((r) => r.paginatorMs)) },
      redrawsDuring: rounds.map((r) => r.redrawsDuring),
      redrawsPerSecond: roundAll(rates, 3),
      shortestGapMs: Number.isFinite(shortestGap) ? round(shortestGap, 1) : null,
      requests: rounds.map((r) => r.requests),
      polls: rounds.map((r) => r.polls),
    },
  };
}

/** Milliseconds of processor time (user and system) since `before`. */
function cpuSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function loadAllRound(clients: WarmClients, modelFirst: boolean, collect: () => void): Promise<LoadAllRound> {
  const model = async () => {
    const { server, applicationId } = clients;
    const explorer = clients.newModel({ live: true });
    const rows = new ExplorerRowBuilder(explorer);
    const redraws: number[] = [];
    explorer.onDidChange((id) => {
      if (id === applicationId) {
        redraws.push(performance.now());
        rows.sessions(applicationId);
      }
    });
    server.resetRequests();
    collect();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await explorer.loadAll(applicationId, { maxItems: SETTINGS.maxItems.maximum, onProgress: () => undefined });
    const elapsed = performance.now() - started;
    const cpuMs = cpuSince(cpu);
    const requests = server.count('ListSessions');
    const polls = server.count('GetSession');
    const loaded = explorer.sessions(applicationId).items.length;
    explorer.dispose();
    if (result.stoppedBy !== 'end' || loaded !== clients.sessionCount) {
      throw new Error(`Load All stopped by ${result.stoppedBy} after ${loaded} of ${clients.sessionCount} sessions`);
    }
    // The last event is the one loadAll sends as it ends.
    const during = redraws.slice(0, -1);
    const gaps = during.slice(1).map((at, i) => at - during[i]);
    return { elapsed, cpuMs, requests, polls, redrawsDuring: during.length, shortestGapMs: Math.min(...gaps) };
  };
  const paginator = async () => {
    const pages = [];
    let count = 0;
    collect();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for await (const page of paginateListSessions({ client: clients.raw, pageSize: clients.pageSize }, { applicationId: clients.applicationId })) {
      pages.push(page);
      count += page.sessions?.length ?? 0;
    }
    const elapsed = performance.now() - started;
    const cpuMs = cpuSince(cpu);
    if (count !== clients.sessionCount) {
      throw new Error(`the paginator listed ${count} of ${clients.sessionCount} sessions`);
    }
    return { elapsed, cpuMs };
  };
  let m: Awaited<ReturnType<typeof model>>;
  let p: Awaited<ReturnType<typeof paginator>>;
  if (modelFirst) {
    m = await model();
    p = await paginator();
  } else {
    p = await paginator();
    m = await model();
  }
  return {
    modelMs: m.elapsed,
    paginatorMs: p.elapsed,
    modelCpuMs: m.cpuMs,
    paginatorCpuMs: p.cpuMs,
    requests: m.requests,
    polls: m.polls,
    redrawsDuring: m.redrawsDuring,
    shortestGapMs: m.shortestGapMs,
  };
}
