/**
 * Find Session…: a quick pick over the loaded sessions of every application that the tree shows
 * (those "Created by Me" hides are counted in the title, not offered: the tree has no row to
 * select for them), filtered as the user types by the pure matcher in model/sessionSearch.ts. "Search all pages…" loads the rest
 * of every application (model/searchAllPages.ts) while the quick pick stays open; choosing a
 * session reveals its row in the tree.
 */
import * as vscode from 'vscode';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import type { Logger } from '../model/logger';
import { searchAllPages, type SearchAllPagesProgress, type SearchAllPagesResult } from '../model/searchAllPages';
import { type FoundSession, MAX_SHOWN_MATCHES, SessionFinder } from '../model/sessionSearch';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { readMaxItems } from './listingCommands';
import type { ExplorerConnections } from '../model/explorerConnections';
import { pickConnection } from './connectionPicker';
import { revealSession, type RevealSessionDeps } from './revealSession';

/** What the command needs; the model is the connection's it works in (see findSession). */
export interface FindSessionDeps extends Omit<RevealSessionDeps, 'model' | 'connectionId'> {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
}

/** How often, at most, the list is redrawn while "Search all pages…" loads (ms). */
const SEARCH_REDRAW_MS = 250;

/** A row: a session, the search action (or its stop while it runs), or the count of matches not shown. */
type Item = vscode.QuickPickItem & { readonly action: 'session' | 'search' | 'stop' | 'more'; readonly session?: SessionSummary };

const number = (n: number) => n.toLocaleString('en-US');
const sessionCount = (n: number) => (n === 1 ? vscode.l10n.t('1 session') : vscode.l10n.t('{0} sessions', number(n)));
const applicationCount = (n: number) => (n === 1 ? vscode.l10n.t('1 application') : vscode.l10n.t('{0} applications', number(n)));

export function registerFindSession(deps: FindSessionDeps): vscode.Disposable {
  // An optional argument fills in the query, for key bindings and links.
  const scoped = async (): Promise<(FindSessionDeps & RevealSessionDeps) | undefined> => {
    // With several connections, the one to work in; with one, that one.
    const connection = await pickConnection(deps.connections, vscode.l10n.t('Find Session in Which Connection?'));
    return connection && { ...deps, model: connection.model, connectionId: connection.id };
  };
  return registerGuarded(COMMANDS.findSession, deps.log, async (query?: unknown) => {
    const within = await scoped();
    return within && findSession(within, typeof query === 'string' ? query : '');
  });
}

async function findSession(deps: FindSessionDeps & RevealSessionDeps, initialQuery: string): Promise<void> {
  const { model, log } = deps;
  // The first page of applications, so that a first Find has something to look through.
  await deps.provider.getChildren();
  const maxItems = readMaxItems(log);
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Find Session');
  pick.placeholder = vscode.l10n.t('Type a session name, ID, creator or state; every word must match');
  const itemOf = new WeakMap<FoundSession<SessionSummary>, Item>();
  let finder = new SessionFinder<SessionSummary>([], new Map(), model.now());
  let search: { cancelled: boolean; progress?: SearchAllPagesProgress } | undefined;
  let lastResult: SearchAllPagesResult | undefined;

  // Rows loaded, refreshed or changed in place (a new state) make a new finder at the next redraw.
  let stale = true;
  const watching = [model.onDidChange(() => (stale = true)), model.onDidChangeSession(() => (stale = true))];
  const reindex = () => {
    if (stale) {
      stale = false;
      const names = new Map(model.applications.items.map((a) => [a.id ?? '', a.name || a.id || '']));
      finder = new SessionFinder(model.loadedSessions(), names, model.now(), (session) => model.isShown(session));
    }
  };
  const sessionItem = (found: FoundSession<SessionSummary>): Item => {
    let item = itemOf.get(found);
    if (!item) {
      // alwaysShow: this matcher decides what is shown, not the quick pick's own label filter.
      item = { label: found.label, description: found.description, detail: found.detail, alwaysShow: true, action: 'session', session: found.session };
      itemOf.set(found, item);
    }
    return item;
  };
  /** Applications "Search all pages…" would load more of: not listed yet, or below the cap with pages left. */
  const searchable = () =>
    (model.applications.hasMore ? 1 : 0) +
    model.applications.items.filter((a) => model.hasUnloadedSessions(a.id ?? '') && model.loadedCount(a.id ?? '') < maxItems).length;

  const render = () => {
    reindex();
    const { shown, total, hidden } = finder.find(pick.value, MAX_SHOWN_MATCHES);
    const items: Item[] = shown.map(sessionItem);
    if (total > shown.length) {
      items.push({ label: '$(ellipsis)', description: total - shown.length === 1
            ? vscode.l10n.t('1 more session match: type more to narrow the list')
            : vscode.l10n.t('{0} more sessions match: type more to narrow the list', number(total - shown.length)), alwaysShow: true, action: 'more' });
    }
    // The action's words are its description: the quick pick sorts rows whose label matches
    // the query first, and this row must stay last whatever is typed.
    if (search) {
      const p = search.progress;
      items.push({
        label: '$(debug-stop)',
        description: vscode.l10n.t('Stop Searching'),
        detail: p ? vscode.l10n.t('Searching {0} ({1} of {2}) · {3} loaded', p.current || vscode.l10n.t('applications'), Math.min(p.applicationsDone + 1, p.applications), applicationCount(p.applications), sessionCount(p.loaded)) : vscode.l10n.t('Listing applications…'),
        alwaysShow: true,
        action: 'stop',
      });
    } else {
      const left = searchable();
      if (left > 0) {
        items.push({
          label: '$(search)',
          description: vscode.l10n.t('Search all pages…'),
          detail: vscode.l10n.t('Load the rest of every application, up to {0} each', sessionCount(maxItems)),
          alwaysShow: true,
          action: 'search',
        });
      }
    }
    pick.items = items;
    pick.title = titleOf(total, hidden, lastResult, maxItems);
  };

  let redrawTimer: ReturnType<typeof setTimeout> | undefined;
  const renderSoon = () => {
    redrawTimer ??= setTimeout(() => {
      redrawTimer = undefined;
      render();
    }, SEARCH_REDRAW_MS);
  };

  const startSearch = async () => {
    const current = { cancelled: false } as { cancelled: boolean; progress?: SearchAllPagesProgress };
    search = current;
    pick.busy = true;
    render();
    try {
      lastResult = await searchAllPages(model, {
        maxItems,
        isCancelled: () => current.cancelled,
        onProgress: (progress) => {
          current.progress = progress;
          renderSoon();
        },
      });
    } finally {
      search = undefined;
      pick.busy = false;
      if (redrawTimer) {
        clearTimeout(redrawTimer);
        redrawTimer = undefined;
      }
    }
    render();
  };

  let chosen: SessionSummary | undefined;
  const closed = new Promise<void>((resolve) => {
    pick.onDidHide(() => {
      if (search) {
        search.cancelled = true;
      }
      resolve();
    });
  });
  pick.onDidChangeValue(() => render());
  pick.onDidAccept(() => {
    const item = pick.activeItems[0];
    switch (item?.action) {
      case 'session':
        chosen = item.session;
        pick.hide();
        break;
      case 'search':
        void startSearch().catch((error: unknown) => log.error(`[find] Search all pages failed: ${String(error)}`));
        break;
      case 'stop':
        if (search) {
          search.cancelled = true;
        }
        break;
      default:
        break;
    }
  });
  pick.value = initialQuery;
  render();
  pick.show();
  await closed;
  watching.forEach((w) => w.dispose());
  pick.dispose();
  if (redrawTimer) {
    clearTimeout(redrawTimer);
  }
  if (chosen?.applicationId && chosen.sessionId) {
    const outcome = await revealSession(deps, chosen.applicationId, chosen.sessionId, { maxItems, what: chosen.name || chosen.sessionId });
    if (outcome !== 'revealed') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The session {0} is no longer in the tree: it was refreshed or filtered meanwhile. Find it again.', chosen.name || chosen.sessionId),
      );
    }
  }
}

/**
 * The quick pick's title: how many sessions match, how many more match but are hidden by
 * "Created by Me" (not offered: the tree has no row for them), and how the last search ended.
 */
function titleOf(matches: number, hidden: number, result: SearchAllPagesResult | undefined, maxItems: number): string {
  const parts = [matches === 1 ? vscode.l10n.t('Find Session: 1 match') : vscode.l10n.t('Find Session: {0} matches', number(matches))];
  if (hidden > 0) {
    parts.push(hidden === 1 ? vscode.l10n.t('1 more hidden by "Created by Me"') : vscode.l10n.t('{0} more hidden by "Created by Me"', number(hidden)));
  }
  if (result?.stoppedBy === 'cancelled') {
    parts.push(vscode.l10n.t('search stopped'));
  }
  if (result && result.capped.length > 0) {
    parts.push(vscode.l10n.t('{0} stopped at {1} sessions', applicationCount(result.capped.length), number(maxItems)));
  }
  if (result && (result.failed.length > 0 || result.stoppedBy === 'error')) {
    parts.push(vscode.l10n.t('some pages failed: their rows in the tree say why'));
  }
  return parts.join(' · ');
}
