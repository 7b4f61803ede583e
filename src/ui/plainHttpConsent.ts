import * as vscode from 'vscode';
import { needsPlainHttpConsent, SettingsError } from '../model/settings';

/** globalState key: the plain-HTTP endpoints the user has agreed to send signed requests to. */
const PLAIN_HTTP_CONSENT_KEY = 'emrServerless.plainHttpEndpoints';
const SEND_ANYWAY = vscode.l10n.t('Send Anyway');

/**
 * Asks once per endpoint, in a modal dialog, before signed requests go in clear text to a
 * plain `http://` endpoint on another machine (see needsPlainHttpConsent), and remembers a
 * yes in the user's global state. Resolves at once for https and for this machine.
 * Rejects with a SettingsError when the user does not confirm; nothing is sent then.
 */
export async function ensurePlainHttpConsent(endpoint: string | undefined, globalState: vscode.Memento): Promise<void> {
  if (!endpoint || !needsPlainHttpConsent(endpoint)) {
    return;
  }
  const confirmed = globalState.get<string[]>(PLAIN_HTTP_CONSENT_KEY, []);
  if (confirmed.includes(endpoint)) {
    return;
  }
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The endpoint {0} uses plain HTTP on another machine. Requests signed with your AWS credentials would travel unencrypted. Send them anyway?', endpoint),
    { modal: true },
    SEND_ANYWAY,
  );
  if (choice !== SEND_ANYWAY) {
    throw new SettingsError(
      vscode.l10n.t('Plain HTTP endpoint not confirmed'),
      vscode.l10n.t('{0} uses plain HTTP and sending to it was not confirmed. Use an https:// endpoint, or retry and confirm.', endpoint),
    );
  }
  await globalState.update(PLAIN_HTTP_CONSENT_KEY, [...confirmed, endpoint]);
}
