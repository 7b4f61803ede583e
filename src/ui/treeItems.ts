import * as vscode from 'vscode';
import type { Session } from '@aws-sdk/client-emr-serverless';
import { guardrailTooltip } from '../model/sessionGuardrails';
import type { ActionNode, ExplorerNode, ListingNoun } from '../model/explorerNodes';
import {
  applicationDescription,
  applicationLabel,
  applicationTooltip,
  escapeMarkdown,
  labelText,
  sessionDescription,
  sessionLabel,
  sessionTooltip,
} from '../model/format';
import { MAX_EMPTY_PAGES_PER_LOAD } from '../model/pagedListing';
import { rowAccessibilityLabel } from '../model/rowAccessibility';
import { ACTIVE_SESSION_STATES } from '../model/sessionStates';
import { applicationStateLook, sessionStateLook, StateLook } from '../model/stateIcons';
import { COMMANDS, CONTEXT_VALUES, FROM_TREE_ROW, withState } from './commandIds';

const ACTION_ICONS: Record<ActionNode['action'], string> = {
  retry: 'refresh',
  showLog: 'output',
  copyLoginCommand: 'copy',
  openCredentialsFile: 'go-to-file',
  selectProfile: 'account',
  openSettings: 'settings-gear',
  openProxySettings: 'settings-gear',
  refresh: 'refresh',
  listFromStart: 'debug-step-over',
};

function icon(look: StateLook): vscode.ThemeIcon {
  return new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

/** Service text goes into tooltips escaped; the string is never trusted and runs nothing. */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/**
 * The tooltip of an application or session row. Built only when the row is hovered
 * (TreeDataProvider.resolveTreeItem), so that rendering thousands of rows stays cheap.
 */
export function tooltipFor(node: ExplorerNode, now: number, details?: Session): vscode.MarkdownString | undefined {
  switch (node.kind) {
    case 'application':
      return markdown(applicationTooltip(node.app, now));
    case 'session':
      return markdown(
        sessionTooltip(node.session, now) +
          (node.where ? `**${vscode.l10n.t('Running in:')}** ${escapeMarkdown(node.where)}  \n` : '') +
          (details ? `\n\n${guardrailTooltip(details, now)}` : ''),
      );
    default:
      return undefined;
  }
}

/**
 * The row for a node. `details`: GetSession's answer for a session row, when the model has it
 * (it tells a screen reader when an idle session will end). Every row says its state in words
 * to a screen reader (rowAccessibilityLabel), whatever its icon shows.
 */
export function toTreeItem(node: ExplorerNode, now: number, details?: Session): vscode.TreeItem {
  const item = treeItemOf(node, now);
  item.accessibilityInformation = { label: rowAccessibilityLabel(node, now, details) };
  return item;
}

function treeItemOf(node: ExplorerNode, now: number): vscode.TreeItem {
  switch (node.kind) {
    case 'connection': {
      // Loaded when expanded: a connection never expanded resolves no credentials.
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      // What the label does not say already: the endpoint, or everything under a label of the user's.
      item.description = node.detail.startsWith(`${node.name} · `)
        ? node.detail.slice(node.name.length + 3)
        : node.detail === node.name
          ? undefined
          : node.detail;
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.tooltip = vscode.l10n.t('EMR Serverless applications of {0}', node.detail);
      item.contextValue = CONTEXT_VALUES.connection;
      return item;
    }
    case 'application': {
      const item = new vscode.TreeItem(applicationLabel(node.app), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = [applicationDescription(node.app, node.columns), node.activeCount === undefined ? '' : vscode.l10n.t('{0} active', node.activeCount)]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = icon(applicationStateLook(node.app.state));
      item.contextValue = withState(CONTEXT_VALUES.application, node.app.state);
      return item;
    }
    case 'session': {
      const s = node.session;
      const item = new vscode.TreeItem(sessionLabel(s), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = [sessionDescription(s, now), node.where === undefined ? '' : labelText(node.where)].filter(Boolean).join(' · ');
      item.iconPath = icon(sessionStateLook(s.state));
      item.contextValue = withState(CONTEXT_VALUES.session, s.state);
      item.command = { command: COMMANDS.showSessionDetails, title: vscode.l10n.t('Show Session Details'), arguments: [node] };
      return item;
    }
    case 'runningNow': {
      // Collapsed at first: nothing is listed until the row is expanded.
      const item = new vscode.TreeItem(vscode.l10n.t('Running now'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = node.count === undefined ? undefined : vscode.l10n.t('{0} active', node.count);
      item.iconPath = new vscode.ThemeIcon('pulse');
      item.tooltip = vscode.l10n.t(
        'Every active session ({0}) of every application of every connection, newest first',
        ACTIVE_SESSION_STATES.join(', '),
      );
      item.contextValue = CONTEXT_VALUES.runningNow;
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem(
        node.loading ? vscode.l10n.t('Loading more…') : vscode.l10n.t('Load more'),
        vscode.TreeItemCollapsibleState.None,
      );
      item.id = node.id;
      const loaded = loadedCount(node.noun, node.loaded);
      item.description = node.hidden ? vscode.l10n.t('{0}, {1} by others hidden', loaded, node.hidden) : loaded;
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
      item.tooltip =
        node.noun === 'sessions' ? vscode.l10n.t('Load the next page of sessions') : vscode.l10n.t('Load the next page of applications');
      item.contextValue = node.parentId === undefined ? CONTEXT_VALUES.loadMore : CONTEXT_VALUES.loadMoreSessions;
      item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [node, FROM_TREE_ROW] };
      return item;
    }
    case 'keepLooking': {
      const pages = node.emptyPages === 1 ? vscode.l10n.t('1 empty page') : vscode.l10n.t('{0} empty pages', node.emptyPages);
      const item = new vscode.TreeItem(
        node.loading ? vscode.l10n.t('Still looking…') : notFoundYet(node.noun, node.loaded > 0),
        vscode.TreeItemCollapsibleState.None,
      );
      item.id = node.id;
      item.description = node.loading ? vscode.l10n.t('{0} so far', pages) : vscode.l10n.t('click to keep looking');
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'search');
      item.tooltip =
        (node.noun === 'sessions'
          ? vscode.l10n.t('EMR Serverless sent {0} in a row, each with a token for more sessions.', pages)
          : vscode.l10n.t('EMR Serverless sent {0} in a row, each with a token for more applications.', pages)) +
        ' ' +
        vscode.l10n.t('Keep Looking asks for up to {0} more pages, one request each.', MAX_EMPTY_PAGES_PER_LOAD);
      item.contextValue = CONTEXT_VALUES.keepLooking;
      item.command = { command: COMMANDS.keepLooking, title: vscode.l10n.t('Keep Looking'), arguments: [node] };
      return item;
    }
    case 'error': {
      const p = node.report;
      // A long title is read as a short label, then where in the description; the tooltip has it whole.
      const item = new vscode.TreeItem(p.rowLabel ?? p.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      // The steps are the rows beneath, Retry among them: the row itself runs nothing, so
      // that Retry is offered once, as a labelled row a keyboard can reach.
      const description = [node.afterRows ? vscode.l10n.t('loading more failed') : undefined, p.rowLabel ? p.rowDescription : undefined].filter(Boolean);
      item.description = description.length > 0 ? description.join(' · ') : undefined;
      item.iconPath = new vscode.ThemeIcon(
        p.kind === 'throttled' ? 'warning' : 'error',
        new vscode.ThemeColor(p.kind === 'throttled' ? 'problemsWarningIcon.foreground' : 'problemsErrorIcon.foreground'),
      );
      item.tooltip = markdown(`**${escapeMarkdown(p.title)}**\n\n${escapeMarkdown(p.detail)}`);
      item.contextValue = p.loginCommand ? CONTEXT_VALUES.errorWithLoginCommand : CONTEXT_VALUES.error;
      return item;
    }
    case 'action': {
      const item = new vscode.TreeItem(labelText(node.label), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(ACTION_ICONS[node.action]);
      item.contextValue = CONTEXT_VALUES.errorAction;
      item.command = { command: COMMANDS.runErrorAction, title: node.label, arguments: [node] };
      return item;
    }
    case 'listedFromToken': {
      const item = new vscode.TreeItem(vscode.l10n.t('Listed from a token'), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = vscode.l10n.t('click to list from the start');
      item.iconPath = new vscode.ThemeIcon('debug-step-over');
      const rows = node.position.rowsTakenFromPage;
      item.tooltip =
        rows === 0
          ? vscode.l10n.t('These sessions start at the page of the token given to List From Token…, not at the newest session. Click to list from the start.')
          : rows === 1
            ? vscode.l10n.t('These sessions start 1 row into the page of the token given to List From Token…, not at the newest session. Click to list from the start.')
            : vscode.l10n.t(
                'These sessions start {0} rows into the page of the token given to List From Token…, not at the newest session. Click to list from the start.',
                rows,
              );
      item.contextValue = CONTEXT_VALUES.listedFromToken;
      item.command = { command: COMMANDS.listFromStart, title: vscode.l10n.t('List From Start'), arguments: [node] };
      return item;
    }
    case 'empty': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.filtered ? 'filter' : 'info');
      if (node.filtered) {
        item.description = vscode.l10n.t('click to clear filters');
        item.command = { command: COMMANDS.clearFilters, title: vscode.l10n.t('Clear Filters') };
        item.contextValue = CONTEXT_VALUES.emptyFiltered;
      } else {
        item.contextValue = CONTEXT_VALUES.empty;
      }
      return item;
    }
  }
}

/** "12 sessions loaded", "1 application loaded". */
function loadedCount(noun: ListingNoun, loaded: number): string {
  if (noun === 'sessions') {
    return loaded === 1 ? vscode.l10n.t('1 session loaded') : vscode.l10n.t('{0} sessions loaded', loaded);
  }
  return loaded === 1 ? vscode.l10n.t('1 application loaded') : vscode.l10n.t('{0} applications loaded', loaded);
}

/** "No sessions found yet", or "No more sessions found yet" when some rows were loaded before. */
function notFoundYet(noun: ListingNoun, more: boolean): string {
  if (noun === 'sessions') {
    return more ? vscode.l10n.t('No more sessions found yet') : vscode.l10n.t('No sessions found yet');
  }
  return more ? vscode.l10n.t('No more applications found yet') : vscode.l10n.t('No applications found yet');
}
