import { EMRServerlessClient, paginateListSessions, type ListSessionsCommandOutput } from '@aws-sdk/client-emr-serverless';
import { fromIni } from '@aws-sdk/credential-providers';
import { createEmrApi } from '../../src/aws/emrClient';
import { resolveConnections } from '../../src/model/connectionList';
import type { EmrApi } from '../../src/model/emrApi';
import { ExplorerConnections } from '../../src/model/explorerConnections';
import { NO_FILTER } from '../../src/model/sessionFilter';
import { DEFAULT_PAGE_SIZE } from '../../src/model/settings';
import { silentLogger } from '../unit/support/silentLogger';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';
import { mib, PartResult, times, verdict, type Figure } from './figures';
import { interleave } from './interleave';
import { gcFunction, retainedBytes } from './retainedHeap';
import { median, round } from './stats';

export const CONNECTIONS_HEAP_TARGET_RATIO = 1.5;
export const CONNECTIONS_HEAP_ROUNDS = 5;
const CONNECTIONS = 10;
const SESSIONS_PER_CONNECTION = 1_000;
/** Ten Regions, one per connection; the local endpoint answers for any Region. */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'ap-northeast-1', 'ap-southeast-2'];

/**
 * The heap that stays in use with 10 connections, each with 1,000 sessions of an application
 * loaded: ExplorerConnections (its ten models, listings and whatever they keep) against the
 * SDK's own ListSessions responses for the same pages, held in ten arrays. Both sides use warm
 * clients made beforehand, one per connection, so what is compared is what each keeps of the
 * data. Measured as in retainedHeap.ts: `heapUsed` after full collections, before and after.
 */
export async function measureConnectionsHeap(): Promise<PartResult> {
  const collect = gcFunction();
  const local = await LocalEmrConnection.start({ seed: 11, applications: 1, sessionsPerApplication: SESSIONS_PER_CONNECTION });
  const apis = new Map<string, EmrApi>();
  const raws: EMRServerlessClient[] = [];
  try {
    const app = local.server.store.applications().find((a) => a.state !== 'TERMINATED');
    if (!app) {
      throw new Error('the local endpoint has no visible application');
    }
    const base = local.settings();
    const entries = REGIONS.slice(0, CONNECTIONS).map((region) => ({ profile: base.profile, region, endpoint: local.server.url }));
    const configs = resolveConnections(entries, { connection: base, pageSize: DEFAULT_PAGE_SIZE }).connections;
    for (const config of configs) {
      const api = await createEmrApi(config.settings.connection, silentLogger);
      apis.set(config.id, { ...api, dispose: () => undefined });
      raws.push(
        new EMRServerlessClient({ region: config.settings.connection.region, endpoint: local.server.url, credentials: fromIni({ profile: base.profile }) }),
      );
    }
    const expected = CONNECTIONS * local.server.store.listSessions(app.id, {}).length;

    const retained = (load: () => Promise<{ held: unknown; count: number }>, what: string): Promise<number> =>
      retainedBytes({ collect, forgetRequests: () => local.server.resetRequests(), expected }, load, what);
    const contenders = {
      connections: () =>
        retained(async () => {
          const connections = new ExplorerConnections({
            connections: configs,
            filter: NO_FILTER,
            createApi: async (settings) => apis.get(configs.find((c) => c.settings.connection.region === settings.region)?.id ?? '') as EmrApi,
          });
          let count = 0;
          for (const connection of connections.list) {
            const listing = connection.model.sessions(app.id);
            while (listing.hasMore && listing.error === undefined) {
              await listing.loadNext();
            }
            count += listing.items.length;
          }
          return { held: connections, count };
        }, 'connections'),
      responses: () =>
        retained(async () => {
          const held: ListSessionsCommandOutput[][] = [];
          let count = 0;
          for (const client of raws) {
            const pages: ListSessionsCommandOutput[] = [];
            for await (const page of paginateListSessions({ client, pageSize: DEFAULT_PAGE_SIZE }, { applicationId: app.id })) {
              pages.push(page);
              count += page.sessions?.length ?? 0;
            }
            held.push(pages);
          }
          return { held, count };
        }, 'SDK responses'),
    };
    await interleave(1, contenders);
    const samples = await interleave(CONNECTIONS_HEAP_ROUNDS, contenders);
    const model = median(samples.connections);
    const raw = median(samples.responses);
    const ratio = model / raw;
    const ok = ratio <= CONNECTIONS_HEAP_TARGET_RATIO;
    const figures: Figure[] = [
      {
        id: 'connectionsHeapRatio',
        label: `heap, ${CONNECTIONS} connections × ${SESSIONS_PER_CONNECTION.toLocaleString('en-US')} sessions`,
        value: times(ratio),
        target: `≤ ${CONNECTIONS_HEAP_TARGET_RATIO.toFixed(1)}× raw responses`,
        verdict: verdict(ok),
        detail: `connections ${mib(model)} vs SDK responses ${mib(raw)}, medians of ${CONNECTIONS_HEAP_ROUNDS}`,
        ...(ok ? {} : { why: `the connections keep ${Math.round((model - raw) / expected)} bytes more per session than the responses` }),
      },
    ];
    return {
      figures,
      data: {
        connections: CONNECTIONS,
        sessions: expected,
        rounds: CONNECTIONS_HEAP_ROUNDS,
        ratio: round(ratio, 4),
        medianBytes: { connections: Math.round(model), responses: Math.round(raw) },
        samplesBytes: samples,
      },
    };
  } finally {
    raws.forEach((r) => r.destroy());
    await local.close();
  }
}
