import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Hands VS Code's strings bundle for the display language (`vscode.l10n.bundle`, the
 * extension's `l10n/bundle.l10n.<language>.json`) to `@vscode/l10n`, through which the
 * modules that do not import `vscode` (src/model, src/aws) translate their row labels and
 * error texts. Without a bundle (English, or a language with no translation) those modules
 * keep their English source strings, as `vscode.l10n.t` does.
 */
export function configureTranslations(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
