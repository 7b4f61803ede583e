import { ListApplicationsCommand, type EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import pLimit from 'p-limit';
import { createRegionScanApi } from '../../src/aws/regionScanApi';
import { REGION_SCAN_CONCURRENCY, scanRegions } from '../../src/model/regionScan';
import { regionsOfPartition } from '../../src/model/regions';
import { sdkClient } from '../unit/localEmr/helpers';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';
import { silentLogger } from '../unit/support/silentLogger';
import { ms, times, verdict, type PartResult } from './figures';
import { median, roundAll } from './stats';

const LATENCY_MS = 100;
const ROUNDS = 5;
const TARGET_RATIO = 1.25;
/** The 17 Regions every standard account has enabled. */
const REGIONS = regionsOfPartition('aws')
  .filter((r) => !r.optIn)
  .map((r) => r.id);

/**
 * Scan All Regions over 17 Regions at 100 ms latency, as the command runs it (scanRegions over
 * a RegionScanApi: credentials from the profile, one client per Region, kept for the next scan
 * as the extension keeps it), against the ideal schedule at the same concurrency measured with
 * raw SDK calls in the same run: with 6 at a time, 17 calls take ⌈17 / 6⌉ = 3 waves, each as
 * long as one call, so the ideal is 3 raw ListApplications calls one after the other on warm
 * clients. The same 17 raw calls through a pool of 6 are recorded beside it. Everything is
 * warmed by one scan first; the rounds alternate.
 */
export async function measureScanAllRegions(): Promise<PartResult> {
  if (REGIONS.length !== 17) {
    throw new Error(`expected 17 Regions enabled by default, the list has ${REGIONS.length}`);
  }
  const local = await LocalEmrConnection.start({
    seed: 17,
    applications: 3,
    sessionsPerApplication: 0,
    regions: { 'eu-west-1': { applications: 2 }, 'ap-northeast-1': { applications: 1 } },
  });
  const raw = new Map<string, EMRServerlessClient>(REGIONS.map((region) => [region, sdkClient(local.server, { region })]));
  const waves = Math.ceil(REGIONS.length / REGION_SCAN_CONCURRENCY);
  /** The ideal schedule: each wave takes exactly one call, so ⌈17 / 6⌉ raw calls one after the other. */
  const idealSchedule = async () => {
    for (let wave = 0; wave < waves; wave++) {
      await raw.get(REGIONS[wave]!)!.send(new ListApplicationsCommand({ maxResults: 50 }));
    }
  };
  /** For the record: the same 17 raw calls through a pool of 6. */
  const rawScan = async () => {
    const limit = pLimit(REGION_SCAN_CONCURRENCY);
    await Promise.all(REGIONS.map((region) => limit(() => raw.get(region)!.send(new ListApplicationsCommand({ maxResults: 50 })))));
  };
  const api = createRegionScanApi(local.settings(), silentLogger);
  const extensionScan = async () => {
    const result = await scanRegions(api, REGIONS);
    if (result.problems.length > 0 || result.withApplications.length !== 3) {
      throw new Error(`the scan found ${result.withApplications.length} Regions with applications and ${result.problems.length} problems`);
    }
  };
  try {
    local.server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: LATENCY_MS });
    // Warm the raw clients' connections, and the code paths of both sides.
    await rawScan();
    await extensionScan();
    const extension: number[] = [];
    const ideal: number[] = [];
    const pooled: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      await extensionScan();
      extension.push(performance.now() - started);
      started = performance.now();
      await idealSchedule();
      ideal.push(performance.now() - started);
      started = performance.now();
      await rawScan();
      pooled.push(performance.now() - started);
    }
    const ratio = median(extension) / median(ideal);
    return {
      figures: [
        {
          id: 'scanAllRegions',
          label: `Scan All Regions, ${REGIONS.length} Regions at ${LATENCY_MS} ms latency vs the ideal schedule (${waves} waves of ${REGION_SCAN_CONCURRENCY} raw calls)`,
          value: times(ratio),
          target: `≤ ${TARGET_RATIO.toFixed(2)}×`,
          verdict: verdict(ratio <= TARGET_RATIO),
          detail: `${ms(median(extension), 1)} vs ${ms(median(ideal), 1)}`,
        },
      ],
      data: {
        regions: REGIONS.length,
        latencyMs: LATENCY_MS,
        concurrency: REGION_SCAN_CONCURRENCY,
        waves,
        extensionMs: roundAll(extension),
        idealMs: roundAll(ideal),
        rawPoolOfSixMs: roundAll(pooled),
        ratio,
      },
    };
  } finally {
    api.dispose();
    raw.forEach((client) => client.destroy());
    await local.close();
  }
}
