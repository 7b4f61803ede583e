import type { ExplorerHandle } from '../../../src/extension';
import type { ApplicationNode } from '../../../src/model/explorerNodes';
import { localTime, sessionTooltip } from '../../../src/model/format';
import type { LocalEmrServer } from '../../localEmr/server';
import type { RenderingResult } from '../hostResults';
import { childrenOf } from './treeAccess';

const MIN_WARM_PASSES = 3;
const MAX_WARM_PASSES = 7;
/** Later passes stop once they have taken this long, after at least the minimum. */
const WARM_BUDGET_MS = 4000;
/** The tooltip text is timed on this many sessions, this many times, and scaled up. */
const DIAGNOSTIC_SAMPLE = 1000;
const DIAGNOSTIC_RUNS = 5;

/**
 * Loads every session of `app` through the model, page by page, then times what VS Code
 * asks of the extension to show them: getChildren for the application and getTreeItem for
 * every row. The first pass is reported apart from the later ones. The tooltip text of the
 * same sessions is then timed on its own (on a sample, scaled to all of them), to tell how
 * much of a pass it is.
 */
export async function measureRendering(handle: ExplorerHandle, server: LocalEmrServer, app: ApplicationNode): Promise<RenderingResult> {
  const sessions = server.store.listSessions(app.applicationId, {}).length;
  server.resetRequests();
  const listing = handle.model.sessions(app.applicationId);
  while (listing.hasMore) {
    await listing.loadNext();
    if (listing.error !== undefined) {
      throw new Error(`loading sessions failed after ${listing.items.length}: ${String(listing.error)}`);
    }
  }
  if (listing.items.length !== sessions) {
    throw new Error(`${listing.items.length} sessions loaded, not ${sessions}`);
  }
  const loadRequests = server.count('ListSessions');

  server.resetRequests();
  const pass = async (): Promise<{ ms: number; rows: number }> => {
    const started = performance.now();
    const rows = await childrenOf(handle, app);
    for (const row of rows) {
      handle.provider.getTreeItem(row);
    }
    return { ms: performance.now() - started, rows: rows.length };
  };
  const cold = await pass();
  const warm: number[] = [];
  const warmStarted = performance.now();
  while (warm.length < MAX_WARM_PASSES && (warm.length < MIN_WARM_PASSES || performance.now() - warmStarted < WARM_BUDGET_MS)) {
    warm.push((await pass()).ms);
  }
  if (server.count() !== 0) {
    throw new Error(`showing loaded sessions sent ${server.count()} requests`);
  }

  const now = handle.model.now();
  const sample = listing.items.slice(0, DIAGNOSTIC_SAMPLE);
  const tooltips = () => {
    for (const session of sample) {
      sessionTooltip(session, now);
    }
  };
  const localTimes = () => {
    for (const session of sample) {
      localTime(session.createdAt);
      localTime(session.updatedAt);
    }
  };
  // Short runs in turns, the fastest of each: the cost with the least disturbance.
  const tooltipRuns: number[] = [];
  const localTimeRuns: number[] = [];
  for (let i = 0; i < DIAGNOSTIC_RUNS; i++) {
    tooltipRuns.push(timeOf(tooltips));
    localTimeRuns.push(timeOf(localTimes));
  }
  const scale = listing.items.length / sample.length;
  return {
    sessions,
    rows: cold.rows,
    loadRequests,
    coldMs: cold.ms,
    warmMs: warm,
    tooltipTextMs: Math.min(...tooltipRuns) * scale,
    localTimeMs: Math.min(...localTimeRuns) * scale,
  };
}

function timeOf(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}
