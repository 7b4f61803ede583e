import * as path from 'path';
import { ensureCodeServer } from '../harness/codeServerInstall';
import { formatDuration } from '../harness/loggedCommand';
import { BENCH_RESULTS_DIR } from './benchPaths';
import { ACTIVATE_TARGET_MS } from './extensionHostFigures';
import { ms, PartResult, verdict, type Figure } from './figures';
import { runInExtensionHost } from './hostLauncher';
import type { ConnectionsActivationResult } from './hostResults';
import { median, round } from './stats';

/** Fresh extension hosts with 10 connections set before activation, about 10 s each. */
const LAUNCHES = 3;
const HOST_TIMEOUT_MS = 180_000;

/**
 * activate() with 10 connections (median of fresh extension hosts), and whether anything was
 * resolved for a connection that was not expanded: no SDK client and no request while the ten
 * rows show, and exactly one client once one of them is expanded.
 */
export async function measureConnectionsActivation(extensionDir: string): Promise<PartResult> {
  const tools = await ensureCodeServer();
  const launches: ConnectionsActivationResult[] = [];
  for (let i = 1; i <= LAUNCHES; i++) {
    const started = Date.now();
    launches.push(
      await runInExtensionHost<ConnectionsActivationResult>({
        tools,
        extensionDir,
        mode: 'connections',
        logDir: path.join(BENCH_RESULTS_DIR, `extension-host-connections-${i}`),
        timeoutMs: HOST_TIMEOUT_MS,
      }),
    );
    console.log(`  extension host with 10 connections ${i} of ${LAUNCHES} done in ${formatDuration(Date.now() - started)}`);
  }
  const activateMs = median(launches.map((l) => l.activateMs));
  const lazy = launches.every(
    (l) => l.resolvedAtRoots === 0 && l.requestsAtRoots === 0 && !l.sdkLoadedAtRoots && l.resolvedAfterOneExpanded === 1 && l.applicationsOfExpanded > 0,
  );
  const ok = activateMs <= ACTIVATE_TARGET_MS && lazy;
  const first = launches[0];
  const figures: Figure[] = [
    {
      id: 'connectionsActivate',
      label: `activate(), ${first?.connections ?? 0} connections`,
      value: ms(activateMs),
      target: `≤ ${ACTIVATE_TARGET_MS} ms; nothing resolved before expand`,
      verdict: verdict(ok),
      detail:
        `median of ${launches.length} launches: ${launches.map((l) => l.activateMs.toFixed(2)).join(', ')} ms; ` +
        `with the ${first?.connections ?? 0} rows shown: ${first?.resolvedAtRoots ?? '?'} clients, ${first?.requestsAtRoots ?? '?'} requests, SDK ${first?.sdkLoadedAtRoots ? 'loaded' : 'not loaded'}; ` +
        `one expanded: ${first?.resolvedAfterOneExpanded ?? '?'} client, ${first?.requestsAfterOneExpanded ?? '?'} request(s)`,
      ...(ok ? {} : { why: lazy ? 'activate() itself is over its target' : 'a connection that was not expanded was resolved' }),
    },
  ];
  return { figures, data: { launches: launches.length, medianActivateMs: round(activateMs, 4), perLaunch: launches } };
}
