/**
 * Tells the user when sessions started or terminated from here settle: ready (with Connect… and Copy ARN),
 * failed (with its stateDetails and Show Details), or terminated. The rows are followed through
 * the model's change events, which the poller drives; nothing is requested here.
 */
import * as vscode from 'vscode';
import type { ExplorerModel } from '../model/explorerModel';
import { withoutLinks } from '../model/format';
import type { Logger } from '../model/logger';
import { COMMANDS } from './commandIds';

/** A session being followed, with the name the notification gives it. */
export interface FollowedSession {
  readonly applicationId: string;
  readonly sessionId: string;
  readonly label: string;
}

const READY = new Set(['STARTED', 'IDLE', 'BUSY']);

/** Follows the sessions until each settles (or an hour passes), and notifies once per session. */
export function watchUntilSettled(model: ExplorerModel, log: Logger, sessions: readonly FollowedSession[], action: 'start' | 'terminate'): void {
  const pending = new Map(sessions.map((s) => [`${s.applicationId}/${s.sessionId}`, s]));
  const subscription = model.onDidChangeSession((applicationId, sessionId) => {
    const followed = pending.get(`${applicationId}/${sessionId}`);
    const row = followed && model.findSession(applicationId, sessionId);
    if (!followed || !row) {
      return;
    }
    const state = row.state ?? '';
    if (action === 'start' && READY.has(state)) {
      settle(followed);
      log.info(`[sessions] ${followed.sessionId} is ready (${state})`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Session {0} is ready.', withoutLinks(followed.label)), vscode.l10n.t('Connect…'), vscode.l10n.t('Copy ARN')).then((choice) => {
        if (choice === vscode.l10n.t('Connect…')) {
          // The row as it is now: it may have moved on (or ended) while the notification waited.
          const now = model.findSession(applicationId, sessionId) ?? row;
          void vscode.commands.executeCommand(COMMANDS.connectSession, { kind: 'session', id: `session/${applicationId}/${sessionId}`, session: now });
        } else if (choice === vscode.l10n.t('Copy ARN') && row.arn) {
          void vscode.env.clipboard.writeText(row.arn);
        }
      });
    } else if (state === 'FAILED') {
      settle(followed);
      const details = model.sessionDetails(applicationId, sessionId)?.session.stateDetails ?? row.stateDetails ?? '';
      log.warn(`[sessions] ${followed.sessionId} failed: ${details}`);
      void vscode.window
        .showErrorMessage(withoutLinks(vscode.l10n.t('Session {0} failed: {1}', followed.label, details)), vscode.l10n.t('Show Details'))
        .then((choice) => {
          if (choice === vscode.l10n.t('Show Details')) {
            void vscode.commands.executeCommand(COMMANDS.showSessionDetails, { kind: 'session', id: `session/${applicationId}/${sessionId}`, session: row });
          }
        });
    } else if (state === 'TERMINATED') {
      settle(followed);
      log.info(`[sessions] ${followed.sessionId} terminated`);
      void vscode.window.showInformationMessage(withoutLinks(vscode.l10n.t('Session {0} terminated.', followed.label)));
    }
  });
  const timeout = setTimeout(() => subscription.dispose(), 3_600_000);
  timeout.unref?.();
  function settle(s: FollowedSession): void {
    pending.delete(`${s.applicationId}/${s.sessionId}`);
    if (pending.size === 0) {
      subscription.dispose();
      clearTimeout(timeout);
    }
  }
}
