/**
 * "Created by Me": a filter shortcut that shows only the sessions the caller created. Each
 * connection's caller comes from STS GetCallerIdentity (ExplorerModel.callerIdentity), asked
 * only here, when the filter is turned on; run again, the command turns it off.
 */
import * as vscode from 'vscode';
import { describeError } from '../model/awsErrors';
import type { ExplorerConnections } from '../model/explorerConnections';
import type { Logger } from '../model/logger';
import { creatorShortName } from '../model/principals';
import type { SessionFilter } from '../model/sessionFilter';
import { COMMANDS, VIEW_ID } from './commandIds';
import { registerGuarded } from './commandGuard';
import { notifyError } from './notifyError';

export interface CreatedByMeDeps {
  readonly connections: ExplorerConnections;
  readonly log: Logger;
  /** Saves a new filter (workspace state, view description) and applies it. */
  readonly applyFilter: (filter: SessionFilter) => Promise<void>;
}

/**
 * The command's result: the first connection's caller ARN once the filter is on; undefined when
 * it turned the filter off, or when a caller could not be found and the filter is unchanged.
 */
export function registerCreatedByMeCommand({ connections, log, applyFilter }: CreatedByMeDeps): vscode.Disposable {
  const run = async (): Promise<string | undefined> => {
    if (connections.filter.createdByMe) {
      const { createdByMe: _on, ...rest } = connections.filter;
      await applyFilter(rest);
      return undefined;
    }
    const asked = await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: vscode.l10n.t('Asking STS who you are') }, () =>
      Promise.allSettled(connections.list.map((c) => c.model.callerIdentity())),
    );
    const failed = asked.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) {
      const connection = connections.list[failed];
      const error = (asked[failed] as PromiseRejectedResult).reason;
      const report = describeError(error, {
        operation: 'GetCallerIdentity',
        endpointLabel: connection?.model.endpointLabel ?? 'STS',
        profile: connection?.model.settings.connection.profile || undefined,
      });
      notifyError(log, {
        component: 'filter',
        message:
          (connections.isMulti
            ? vscode.l10n.t('"Created by me" needs to know who you are in {0}, and STS GetCallerIdentity failed, so the filter is unchanged.', connection?.name ?? '')
            : vscode.l10n.t('"Created by me" needs to know who you are, and STS GetCallerIdentity failed, so the filter is unchanged.')) +
          ` ${report.title}: ${report.detail}`,
        error,
        retry: run,
      });
      return undefined;
    }
    const arns = asked.map((r) => (r as PromiseFulfilledResult<{ arn: string }>).value.arn);
    log.info(`[filter] created by me: ${arns.map((arn) => creatorShortName(arn) ?? arn).join(', ')}`);
    await applyFilter({ ...connections.filter, createdByMe: true });
    return arns[0];
  };
  // The view title's menu offers one of the two, by the createdByMe context key: the checked
  // one, which turns the filter off, while it is on.
  return vscode.Disposable.from(registerGuarded(COMMANDS.filterCreatedByMe, log, run), registerGuarded(COMMANDS.filterCreatedByMeChecked, log, run));
}
