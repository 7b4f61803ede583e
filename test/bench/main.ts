/**
 * `npm run bench`: sizes, activation, paging overhead and throughput, rendering, memory,
 * request counts and polling cost of the extension, each compared in the same run against its target (and,
 * for ratios, against the plain AWS SDK doing the same work). Prints one table and writes
 * every number to bench-results/latest.json.
 *
 * Exits 0 when everything was measured, even if a figure misses its target; non-zero when
 * something could not be measured. Needs node --expose-gc (for the heap figure).
 *
 * Parts can be named to measure only them: `npm run bench -- firstPage loadMore`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCodeServer } from '../harness/codeServerInstall';
import { formatDuration, runLogged } from '../harness/loggedCommand';
import { fromRoot, REPO_ROOT, VSIX_PATH } from '../harness/repoPaths';
import { TempDir } from '../harness/tempDir';
import { BENCH_RESULTS_DIR, BUNDLE_METAFILE, LATEST_RESULTS } from './benchPaths';
import { measureSizes } from './bundleSize';
import { CONNECT_ROUNDS, measureConnect } from './connect';
import { measureConnectionsActivation } from './connectionsActivation';
import { measureConnectionsHeap } from './connectionsHeap';
import { BareNodeFloor, type FloorResult } from './coldListing/bareNodeFloor';
import { measureClickToFirstRow } from './coldListing/clickToFirstRow';
import { extensionHostFigures } from './extensionHostFigures';
import type { Figure, PartResult } from './figures';
import { FIND_ROUNDS, FIND_SESSIONS, measureFindSessions } from './findSessions';
import { FIRST_PAGE_ROUNDS, measureFirstPage } from './firstPage';
import { CONNECT_CYCLES, measureHeapCheck, REFRESH_CYCLES } from './heapCheck';
import { runInExtensionHost } from './hostLauncher';
import type { HostResults } from './hostResults';
import { LOAD_ALL_ROUNDS, measureLoadAll } from './loadAll';
import { LOAD_MORE_ROUNDS, measureLoadMore } from './loadMore';
import { measurePollingCost } from './pollingCost';
import { measureTerminateMany } from './terminateMany';
import { measureScanAllRegions } from './scanAllRegions';
import { measureRunningNow } from './runningNow';
import { formatTable } from './reportTable';
import { measureRetainedHeap, RETAINED_HEAP_ROUNDS } from './retainedHeap';
import { extractExtension, readVsix, type ArchiveEntry } from './vsixArchive';
import { WarmClients } from './warmClients';

/**
 * Fresh extension hosts for the activation figures. The first also measures rendering and
 * request counts (about 20 s); the others measure activation alone (about 10 s each).
 */
const HOST_LAUNCHES = 5;
const FULL_HOST_LAUNCHES = 1;
const HOST_TIMEOUT_MS = 180_000;
/** Fresh code-server workbenches in Chromium for the click to first application row, about 30 s each. */
const CLICK_LAUNCHES = 3;
const LOAD_MORE_SESSIONS = 10_000;
/** Enough for the sample data to hold running sessions to connect to. */
const CONNECT_SESSIONS = 50;

interface Outcome {
  readonly figures: Figure[];
  readonly data: Record<string, unknown>;
  readonly failures: string[];
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  const outcome: Outcome = { figures: [], data: {}, failures: [] };
  const only = process.argv.slice(2);
  const wanted = (...names: string[]) => only.length === 0 || names.some((name) => only.includes(name));
  const part = async (name: string, work: () => Promise<PartResult>) => {
    if (!wanted(name)) {
      return;
    }
    const partStarted = Date.now();
    console.log(`measuring ${name}…`);
    try {
      const result = await work();
      outcome.figures.push(...result.figures);
      outcome.data[name] = { ...result.data, seconds: Math.round((Date.now() - partStarted) / 100) / 10 };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome.failures.push(`${name}: ${message}`);
      outcome.data[name] = { error: message };
      console.error(`  could not measure ${name}: ${message}`);
    }
  };

  // A metafile left by an earlier build would describe another bundle.
  fs.rmSync(BUNDLE_METAFILE, { force: true });
  await runLogged({
    label: 'building the production bundle and .vsix (npm run package)',
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['run', 'package'],
    cwd: REPO_ROOT,
    env: { ...process.env, EMR_BUNDLE_METAFILE: BUNDLE_METAFILE },
    logFile: path.join(BENCH_RESULTS_DIR, 'package.log'),
  });
  // Everything below reads the .vsix built just now: the sizes, and the extension that the
  // extension host loads, extracted as VS Code would install it.
  const vsix = readVsix(VSIX_PATH);
  const extension = new TempDir('emr-bench-extension');
  try {
    extractExtension(vsix, extension.path);
    await part('size', async () => measureSizes(vsix));
    await part('firstPage', measureFirstPage);
    await part('connect', async () => {
      const clients = await WarmClients.start(CONNECT_SESSIONS);
      try {
        return await measureConnect(clients);
      } finally {
        await clients.close();
      }
    });
    await part('findSessions', measureFindSessions);
    await part('heapCheck', async () => {
      const clients = await WarmClients.start(CONNECT_SESSIONS);
      try {
        return await measureHeapCheck(clients);
      } finally {
        await clients.close();
      }
    });
    await part('pollingCost', measurePollingCost);
    await part('terminateMany', measureTerminateMany);
    await part('scanAllRegions', measureScanAllRegions);
    await part('runningNow', measureRunningNow);
    if (wanted('loadMore', 'loadAll', 'retainedHeap')) {
      await withManySessions(async (clients) => {
        await part('loadMore', () => measureLoadMore(clients));
        await part('loadAll', () => measureLoadAll(clients));
        await part('retainedHeap', () => measureRetainedHeap(clients));
      }).catch((err: Error) => {
        outcome.failures.push(`loadMore, loadAll, retainedHeap: ${err.message}`);
        console.error(`  could not start the endpoint with ${LOAD_MORE_SESSIONS} sessions: ${err.message}`);
      });
    }
    await part('connectionsHeap', measureConnectionsHeap);
    await part('extensionHost', () => measureInExtensionHost(extension.path, vsix));
    await part('connectionsActivation', () => measureConnectionsActivation(extension.path));
  } finally {
    extension.remove();
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    seconds,
    ...(only.length > 0 ? { partsMeasured: only } : {}),
    runs: {
      firstPageRoundsByLatencyMs: FIRST_PAGE_ROUNDS,
      connectRounds: CONNECT_ROUNDS,
      loadMoreRounds: LOAD_MORE_ROUNDS,
      loadAllRounds: LOAD_ALL_ROUNDS,
      loadMoreSessions: LOAD_MORE_SESSIONS,
      findSessions: FIND_SESSIONS,
      findRounds: FIND_ROUNDS,
      retainedHeapRounds: RETAINED_HEAP_ROUNDS,
      heapCheckCycles: { refresh: REFRESH_CYCLES, connect: CONNECT_CYCLES },
      extensionHostLaunches: HOST_LAUNCHES,
      fullExtensionHostLaunches: FULL_HOST_LAUNCHES,
      clickToFirstRowLaunches: CLICK_LAUNCHES,
    },
    figures: outcome.figures,
    parts: outcome.data,
    failures: outcome.failures,
  };
  fs.writeFileSync(LATEST_RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log('');
  console.log(formatTable(outcome.figures, outcome.failures));
  console.log('');
  const over = outcome.figures.filter((f) => f.verdict === 'over').length;
  console.log(
    `${outcome.figures.length} figures, ${over} over target${outcome.failures.length ? `, ${outcome.failures.length} not measured` : ''}; ` +
      `${formatDuration(Date.now() - started)}; every number in ${fromRoot(LATEST_RESULTS)}`,
  );
  return outcome.failures.length === 0 ? 0 : 1;
}

/** Load-more and Load All throughput and retained heap share one endpoint with 10,000 sessions. */
async function withManySessions(work: (clients: WarmClients) => Promise<void>): Promise<void> {
  const clients = await WarmClients.start(LOAD_MORE_SESSIONS);
  try {
    await work(clients);
  } finally {
    await clients.close();
  }
}

async function measureInExtensionHost(extensionDir: string, vsix: readonly ArchiveEntry[]): Promise<PartResult> {
  if (!vsix.some((e) => e.name === 'extension/package.json')) {
    throw new Error('the .vsix holds no extension/package.json');
  }
  const tools = await ensureCodeServer();
  const launches: HostResults[] = [];
  // Each fresh host's cold first listing is paired with a fresh bare Node process doing the same.
  const floor = await BareNodeFloor.build();
  const floors: FloorResult[] = [];
  try {
    for (let i = 1; i <= HOST_LAUNCHES; i++) {
      const launchStarted = Date.now();
      const launch = await runInExtensionHost({
        tools,
        extensionDir,
        mode: i <= FULL_HOST_LAUNCHES ? 'full' : 'activation',
        logDir: path.join(BENCH_RESULTS_DIR, `extension-host-${i}`),
        timeoutMs: HOST_TIMEOUT_MS,
      });
      launches.push(launch);
      floors.push(await floor.measure(launch.nodePath));
      console.log(`  extension host ${i} of ${HOST_LAUNCHES}, and its bare Node floor, done in ${formatDuration(Date.now() - launchStarted)}`);
    }
  } finally {
    floor.dispose();
  }
  const clicks: number[] = [];
  for (let i = 1; i <= CLICK_LAUNCHES; i++) {
    clicks.push(await measureClickToFirstRow(i));
  }
  return extensionHostFigures(launches, floors, clicks);
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
