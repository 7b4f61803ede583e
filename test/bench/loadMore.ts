import { paginateListSessions, type SessionSummary } from '@aws-sdk/client-emr-serverless';
import { ms, PartResult, times, verdict, type Figure } from './figures';
import { median, round, roundAll } from './stats';
import type { WarmClients } from './warmClients';

export const LOAD_MORE_TARGET_RATIO = 1.1;
const WARMUP_ROUNDS = 1;
export const LOAD_MORE_ROUNDS = 7;

interface RoundResult {
  readonly modelMs: number;
  readonly paginatorMs: number;
  readonly modelRequests: number;
  readonly paginatorRequests: number;
}

/**
 * Every session of one application loaded through "Load more" in the model
 * (`listing.loadNext()` until `!hasMore`), against the SDK's own `paginateListSessions`
 * loop over the same data. The two go page by page in turns (a page of one, then a page of
 * the other; which starts alternates by round), and each side's time is the sum of its own
 * steps, so that a busy moment of the machine falls on both alike. Each model run must send
 * exactly ceil(sessions / pageSize) requests.
 */
export async function measureLoadMore(clients: WarmClients): Promise<PartResult> {
  const { server, pageSize } = clients;
  const sessions = clients.sessionCount;
  const expectedRequests = Math.ceil(sessions / pageSize);

  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    await loadBothInTurns(clients, i % 2 === 0);
  }
  const rounds: RoundResult[] = [];
  for (let i = 0; i < LOAD_MORE_ROUNDS; i++) {
    rounds.push(await loadBothInTurns(clients, i % 2 === 0));
  }
  server.resetRequests();

  const modelSamples = rounds.map((r) => r.modelMs);
  const paginatorSamples = rounds.map((r) => r.paginatorMs);
  const model = median(modelSamples);
  const sdk = median(paginatorSamples);
  const ratio = model / sdk;
  const ratioOk = ratio <= LOAD_MORE_TARGET_RATIO;
  const modelRequests = rounds.map((r) => r.modelRequests);
  const requestsOk = modelRequests.every((n) => n === expectedRequests);
  const figures: Figure[] = [
    {
      id: 'loadMoreRatio',
      label: `load-more throughput, ${sessions.toLocaleString('en-US')} sessions`,
      value: times(ratio),
      target: `≤ ${LOAD_MORE_TARGET_RATIO.toFixed(2)}×`,
      verdict: verdict(ratioOk),
      detail: `model ${ms(model, 1)} vs SDK paginator ${ms(sdk, 1)}, medians of ${LOAD_MORE_ROUNDS}`,
      ...(ratioOk ? {} : { why: `the model spends ${ms((model - sdk) / expectedRequests)} more per page than the paginator` }),
    },
    {
      id: 'loadMoreRequests',
      label: `load-more requests, ${sessions.toLocaleString('en-US')} sessions`,
      value: requestsOk ? String(expectedRequests) : modelRequests.join(', '),
      target: `= ${expectedRequests} (ceil(${sessions} / ${pageSize}))`,
      verdict: verdict(requestsOk),
      ...(requestsOk ? {} : { why: 'the model sent a request that brought no new page' }),
    },
  ];
  return {
    figures,
    data: {
      sessions,
      pageSize,
      rounds: LOAD_MORE_ROUNDS,
      warmupRounds: WARMUP_ROUNDS,
      ratio: round(ratio, 4),
      medianMs: { model: round(model, 3), paginator: round(sdk, 3) },
      samplesMs: { model: roundAll(modelSamples), paginator: roundAll(paginatorSamples) },
      perRoundRatios: roundAll(rounds.map((r) => r.modelMs / r.paginatorMs), 4),
      expectedRequests,
      requestsPerRun: { model: modelRequests, paginator: rounds.map((r) => r.paginatorRequests) },
    },
  };
}

/** One round: both sides load everything, a page at a time in turns. */
async function loadBothInTurns(clients: WarmClients, modelFirst: boolean): Promise<RoundResult> {
  const { server, applicationId, pageSize } = clients;
  const sessions = clients.sessionCount;
  const model = clients.newModel();
  const listing = model.sessions(applicationId);
  const pages = paginateListSessions({ client: clients.raw, pageSize }, { applicationId });
  const rows: SessionSummary[] = [];
  const result = { modelMs: 0, paginatorMs: 0, modelRequests: 0, paginatorRequests: 0 };
  let paginatorDone = false;

  const modelStep = async () => {
    const requests = server.count('ListSessions');
    const started = performance.now();
    await listing.loadNext();
    result.modelMs += performance.now() - started;
    result.modelRequests += server.count('ListSessions') - requests;
    if (listing.error !== undefined) {
      throw new Error(`"Load more" failed after ${listing.items.length} sessions: ${String(listing.error)}`);
    }
  };
  const paginatorStep = async () => {
    const requests = server.count('ListSessions');
    const started = performance.now();
    const page = await pages.next();
    if (page.done) {
      paginatorDone = true;
    } else {
      rows.push(...(page.value.sessions ?? []));
    }
    result.paginatorMs += performance.now() - started;
    result.paginatorRequests += server.count('ListSessions') - requests;
  };

  while (listing.hasMore || !paginatorDone) {
    for (const step of modelFirst ? [modelStep, paginatorStep] : [paginatorStep, modelStep]) {
      if (step === modelStep ? listing.hasMore : !paginatorDone) {
        await step();
      }
    }
  }
  model.dispose();
  if (listing.items.length !== sessions || rows.length !== sessions) {
    throw new Error(`loaded ${listing.items.length} sessions in the model and ${rows.length} through the paginator, not ${sessions}`);
  }
  server.resetRequests();
  return result;
}
