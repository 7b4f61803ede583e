/**
 * "Search all pages…" of Find Session: loads the rest of every application's session listing
 * through the listings the tree shows (ExplorerModel.loadAll), so every row found is also a
 * row of the tree, added once. Each application stops at `maxItems` sessions, as Load All does.
 */
import type { ExplorerModel } from './explorerModel';

export interface SearchAllPagesProgress {
  /** Applications whose sessions are loaded as far as this search goes, of `applications`. */
  readonly applicationsDone: number;
  readonly applications: number;
  /** The application being loaded now: its name, or its id when it has none. */
  readonly current: string;
  /** Sessions loaded in all applications. */
  readonly loaded: number;
}

export interface SearchAllPagesResult {
  /** Why it stopped: every listing ran to its end or its cap, the user cancelled, or the applications could not be listed. */
  readonly stoppedBy: 'end' | 'cancelled' | 'error';
  /** Applications that stopped at `maxItems` with more pages left, by id. */
  readonly capped: readonly string[];
  /** Applications whose next page failed, by id; their error rows say why and offer Retry. */
  readonly failed: readonly string[];
}

/**
 * Loads every page of applications, then, application by application, every page of sessions
 * up to `maxItems` each (a listing that already holds that many is left as it is).
 * `isCancelled` is asked between pages; `onProgress` is told after each page. Never rejects:
 * failures stay in the listings' error rows.
 */
export async function searchAllPages(
  model: ExplorerModel,
  options: { maxItems: number; isCancelled: () => boolean; onProgress?: (progress: SearchAllPagesProgress) => void },
): Promise<SearchAllPagesResult> {
  const apps = model.applications;
  while (apps.hasMore && !options.isCancelled()) {
    await apps.loadNext();
    if (model.applications !== apps || apps.error !== undefined) {
      return { stoppedBy: model.applications !== apps ? 'cancelled' : 'error', capped: [], failed: [] };
    }
  }
  const applications = [...apps.items];
  const capped: string[] = [];
  const failed: string[] = [];
  const loadedOf = (id: string) => model.loadedCount(id);
  let loadedBefore = applications.reduce((sum, app) => sum + loadedOf(app.id ?? ''), 0);
  for (const [index, app] of applications.entries()) {
    const applicationId = app.id ?? '';
    if (options.isCancelled() || model.applications !== apps) {
      return { stoppedBy: 'cancelled', capped, failed };
    }
    const current = app.name || applicationId;
    const before = loadedOf(applicationId);
    const report = (loaded: number) =>
      options.onProgress?.({ applicationsDone: index, applications: applications.length, current, loaded: loadedBefore - before + loaded });
    if (!model.hasUnloadedSessions(applicationId)) {
      continue;
    }
    report(before);
    const result = await model.loadAll(applicationId, { maxItems: options.maxItems, isCancelled: options.isCancelled, onProgress: report });
    loadedBefore += result.loaded - before;
    if (result.stoppedBy === 'maxItems') {
      capped.push(applicationId);
    } else if (result.stoppedBy === 'error') {
      failed.push(applicationId);
    } else if (result.stoppedBy === 'cancelled' && options.isCancelled()) {
      return { stoppedBy: 'cancelled', capped, failed };
    }
  }
  options.onProgress?.({ applicationsDone: applications.length, applications: applications.length, current: '', loaded: loadedBefore });
  return { stoppedBy: 'end', capped, failed };
}
