/**
 * The ListSessions paginator's knobs in the tree: Load All (MaxItems), List From Token… and
 * List From Start (StartingToken), Copy as AWS CLI Command and Copy as Python (a position
 * handed to a terminal or a notebook).
 */
import * as vscode from 'vscode';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { ExplorerNode } from '../model/explorerNodes';
import type { Logger } from '../model/logger';
import { listSessionsCliCommand, listSessionsPython } from '../model/listSessionsCommand';
import { SETTING_KEYS, SETTINGS_SECTION, validateMaxItems } from '../model/settings';
import { parseStartingToken, StartingTokenError } from '../model/startingToken';
import { COMMANDS } from './commandIds';
import { registerGuarded } from './commandGuard';
import { reportSettingsWarnings } from './configuration';

export interface ListingCommandDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  /** Shows an application of a connection (the first without one) expanded, so that its sessions are seen. */
  readonly revealApplication: (applicationId: string, connectionId?: string) => Promise<void>;
}

/** emrServerless.maxItems, validated; a value that cannot be used is reported and the default used. */
export function readMaxItems(log: Logger): number {
  const { maxItems, warning } = validateMaxItems(vscode.workspace.getConfiguration(SETTINGS_SECTION).get(SETTING_KEYS.maxItems));
  if (warning) {
    reportSettingsWarnings([warning], log);
  }
  return maxItems;
}

/** The application a row stands for or belongs to: an application, its sessions' "Load more", its "Listed from a token". */
function applicationOf(node: ExplorerNode | undefined): string | undefined {
  switch (node?.kind) {
    case 'application':
      return node.applicationId;
    case 'loadMore':
    case 'listedFromToken':
      return node.parentId;
    default:
      return undefined;
  }
}

/** Whether text looks like a token someone copied: a CLI or boto3 token, or a long service token (not any short word). */
function looksLikeCopiedToken(text: string): boolean {
  try {
    return parseStartingToken(text).format !== 'service' || text.length >= 16;
  } catch {
    return false;
  }
}

/** How a NextToken begins, as an example in the input box; the same in every language. */
const NEXT_TOKEN_EXAMPLE = 'eyJuZXh0VG9rZW4iOiAi…';

export function registerListingCommands(deps: ListingCommandDeps): vscode.Disposable[] {
  const { connections, log } = deps;

  const copy = (language: 'AWS CLI command' | 'Python') => async (node?: ExplorerNode) => {
    const applicationId = applicationOf(node);
    // The row's own connection: the command names its profile, Region and endpoint.
    const model = connections.modelOf(node);
    if (!applicationId || !model) {
      return;
    }
    const listing = model.listingToCopy(applicationId, readMaxItems(log));
    const text = language === 'Python' ? listSessionsPython(listing) : listSessionsCliCommand(listing);
    await vscode.env.clipboard.writeText(text);
    const loaded = model.sessions(applicationId).items.length;
    const where = listing.position && (listing.position.pageToken !== undefined || listing.position.rowsTakenFromPage > 0)
      ? loaded === 1
        ? vscode.l10n.t('it resumes after the 1 session loaded')
        : vscode.l10n.t('it resumes after the {0} sessions loaded', loaded)
      : vscode.l10n.t('it lists from the start');
    vscode.window.setStatusBarMessage(language === 'Python' ? vscode.l10n.t('$(check) Copied as Python: {0}', where) : vscode.l10n.t('$(check) Copied as AWS CLI command: {0}', where), 5000);
  };

  return [
    registerGuarded(COMMANDS.copyAsCliCommand, log, copy('AWS CLI command')),
    registerGuarded(COMMANDS.copyAsPython, log, copy('Python')),
    registerGuarded(COMMANDS.loadAll, log, async (node?: ExplorerNode) => {
      const applicationId = applicationOf(node);
      const model = connections.modelOf(node);
      if (!applicationId || !model) {
        return;
      }
      const maxItems = readMaxItems(log);
      const name = model.applications.find(applicationId)?.name || applicationId;
      await deps.revealApplication(applicationId, node?.connectionId);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading all sessions of {0}', name), cancellable: true },
        (progress, token) =>
          model.loadAll(applicationId, {
            maxItems,
            isCancelled: () => token.isCancellationRequested,
            onProgress: (loaded) => progress.report({ message: vscode.l10n.t('{0} of at most {1} loaded', loaded, maxItems) }),
            // Bounded as one "Load more" is: a long run of empty pages leaves the Keep Looking row.
            stopOnEmptyPages: true,
          }),
      );
      if (result.stoppedBy === 'maxItems') {
        vscode.window.setStatusBarMessage(
          vscode.l10n.t('$(info) Loaded {0} sessions of {1}, the {2}.{3} limit; Load more goes on.', result.loaded, name, SETTINGS_SECTION, SETTING_KEYS.maxItems),
          8000,
        );
      }
    }),
    registerGuarded(COMMANDS.listFromToken, log, async (node?: ExplorerNode) => {
      const applicationId = applicationOf(node);
      const model = connections.modelOf(node);
      if (!applicationId || !model) {
        return;
      }
      // A token just copied from a terminal is offered as it is.
      const clipboard = (await vscode.env.clipboard.readText()).trim();
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('List From Token'),
        value: looksLikeCopiedToken(clipboard) ? clipboard : '',
        prompt:
          vscode.l10n.t(
            'Paste the NextToken the AWS CLI or boto3 printed, or a service nextToken. It must come from a listing of this application with the same filters and page size.',
          ),
        placeHolder: NEXT_TOKEN_EXAMPLE,
        ignoreFocusOut: true,
        validateInput: (value) => {
          try {
            parseStartingToken(value);
            return undefined;
          } catch (error) {
            return error instanceof StartingTokenError ? error.message : String(error);
          }
        },
      });
      if (text === undefined) {
        return;
      }
      model.listFromPosition(applicationId, parseStartingToken(text).position);
      await deps.revealApplication(applicationId, node?.connectionId);
    }),
    registerGuarded(COMMANDS.listFromStart, log, async (node?: ExplorerNode) => {
      const applicationId = applicationOf(node);
      const model = connections.modelOf(node);
      if (applicationId && model) {
        model.listFromStart(applicationId);
        await deps.revealApplication(applicationId, node?.connectionId);
      }
    }),
  ];
}
