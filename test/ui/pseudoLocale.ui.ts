/**
 * The extension in VS Code's pseudo-locale (qps-ploc), where every translated string has its
 * letters swapped for accented look-alikes ("Load more" reads "Ŀǿǿȧȧḓ ḿǿǿřḗḗ"). The pseudo
 * translations are generated here from the English bundle and package.nls.json with
 * @vscode/l10n-dev, so they always match the sources. Any English word of the extension's own
 * texts still on screen is a string that does not go through the translation bundle.
 *
 * Run: `npm run test:ui:pseudo` (screenshots in test-results/ui-pseudo/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { LOCAL_PROFILE } from '../harness/awsProfile';
import { fromRoot, RESULTS_DIR } from '../harness/repoPaths';
import { TempDir } from '../harness/tempDir';
import type { LocalEmrServer } from '../localEmr/server';
import { runStory, Step } from './story';
import { UiEnvironment } from './uiEnvironment';
import type { Workbench } from './workbench';

const LOCALE = 'qps-ploc';

type Strings = Record<string, string | { message: string; comment: string[] }>;

function readStrings(file: string): Strings {
  return JSON.parse(fs.readFileSync(fromRoot(file), 'utf8')) as Strings;
}

function text(value: Strings[string]): string {
  return typeof value === 'string' ? value : value.message;
}

interface PseudoContext {
  workbench: Workbench;
  endpoint: LocalEmrServer;
  /** The pseudo translation of an English bundle string, such as 'Load more'. */
  pseudo(english: string): string;
  /** The pseudo translation of a package.nls.json key, such as 'command.filterStates.title'. */
  manifest(key: string): string;
  /** The English words of the extension's own texts seen in `shown`, apart from data. */
  untranslated(shown: string): string[];
  /** Changes the user settings (read by the workbench when it loads). */
  updateSettings(changes: Record<string, unknown>): void;
}

/** Words of three letters or more, lower-cased. */
function words(value: string): string[] {
  return value.toLowerCase().match(/[a-z]{3,}/g) ?? [];
}

/** Fails, listing where, when any of `texts` holds an English word of the extension's texts. */
function expectTranslated(context: PseudoContext, what: string, texts: string[]): void {
  const found = texts.map((shown) => ({ shown, english: context.untranslated(shown) })).filter((t) => t.english.length > 0);
  if (found.length > 0) {
    throw new Error(`${what}: English left untranslated:\n${found.map((t) => `  ${JSON.stringify(t.shown)}: ${t.english.join(', ')}`).join('\n')}`);
  }
}

/**
 * The text of the tooltip shown for `row`. The pointer rests on the row's label until the hover
 * shows; a row that redraws under it (a session being polled) can drop the first hover.
 */
async function hoverText(workbench: Workbench, row: ReturnType<Workbench['treeItems']>): Promise<string> {
  const hover = workbench.page.locator('.monaco-hover').filter({ hasText: /\S/ }).first();
  for (let attempt = 1; ; attempt++) {
    await workbench.page.mouse.move(0, 0);
    await row.locator('.label-name').hover({ position: { x: 10, y: 5 } });
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 4) {
        throw err;
      }
    }
  }
  const shown = await hover.innerText();
  await workbench.page.mouse.move(0, 0);
  await workbench.page.keyboard.press('Escape');
  return shown;
}

/**
 * What the extension put in the open quick input: its title, prompt or validation message, the
 * placeholder and every item. VS Code's own parts ("OK", "3 Selected") are left out: the empty
 * language pack does not translate them.
 */
async function quickInputText(workbench: Workbench): Promise<string[]> {
  const widget = workbench.page.locator('.quick-input-widget');
  await widget.waitFor();
  const parts = await widget.locator('.quick-input-title, .quick-input-message, .quick-input-list .monaco-list-row').allInnerTexts();
  // VS Code's own hint after an input box's prompt.
  const own = "(Press 'Enter' to confirm or 'Escape' to cancel)";
  const placeholder = (await widget.locator('input.input').getAttribute('placeholder')) ?? '';
  return [...parts.map((part) => part.replace(own, '')), placeholder];
}

const steps: Array<Step<PseudoContext>> = [
  {
    name: 'the activity bar names the view container in the pseudo-locale, from package.nls.qps-ploc.json',
    screenshot: 'view-container',
    run: async ({ workbench, manifest }) => {
      await workbench.openViewContainer(manifest('viewsContainers.emrServerless.title'));
    },
  },
  {
    name: 'the application rows, their descriptions and what a screen reader hears are all translated',
    screenshot: 'applications',
    run: async (context) => {
      const { workbench, pseudo } = context;
      const prefix = pseudo('application {0}').replace('{0}', '');
      const rows = await workbench.waitForRows(new RegExp(`^${prefix}`), 3, { timeout: 60_000 });
      expectTranslated(context, 'application rows', rows.flatMap((row) => [row.text, row.ariaLabel]));
      const all = await workbench.rows();
      expectTranslated(context, 'root rows', all.flatMap((row) => [row.text, row.ariaLabel]));
    },
  },
  {
    name: 'an expanded application shows translated session rows and a translated Load more row',
    screenshot: 'sessions',
    run: async (context) => {
      const { workbench, pseudo } = context;
      const application = workbench.treeItems().filter({ has: workbench.page.locator(`[aria-label^="${pseudo('application {0}').replace('{0}', '')}"]`) });
      const first = (await application.count()) > 0 ? application.first() : workbench.page.locator(`.part.sidebar [role="treeitem"][aria-label^="${pseudo('application {0}').replace('{0}', '')}"]`).first();
      await workbench.expand(first);
      await workbench.waitForRows(new RegExp(`^${pseudo('Load more sessions, {0} loaded').replace('{0}', '\\d+')}$`), 1, { timeout: 30_000 });
      const rows = await workbench.rows();
      expectTranslated(context, 'session rows', rows.flatMap((row) => [row.text, row.ariaLabel]));
    },
  },
  {
    name: 'the tooltips of a session row and an application row are translated',
    screenshot: 'tooltip',
    run: async (context) => {
      const { workbench, pseudo } = context;
      // A session that has ended is not polled, so its row holds still under the pointer.
      const session = workbench.page
        .locator(`.part.sidebar [role="treeitem"][aria-label^="${pseudo('session {0}').replace('{0}', '')}"]`)
        .filter({ has: workbench.page.locator('.label-name') })
        .and(workbench.page.locator(`[aria-label*="${pseudo('terminated')}"], [aria-label*="${pseudo('failed')}"]`))
        .first();
      const sessionTip = await hoverText(workbench, session);
      if (!sessionTip.includes(pseudo('{0}:').replace('{0}', pseudo('Session ID')))) {
        throw new Error(`the session tooltip has no translated "Session ID:" row: ${JSON.stringify(sessionTip)}`);
      }
      // The last application, not expanded, is not polled either.
      const application = workbench.page.locator(`.part.sidebar [role="treeitem"][aria-label^="${pseudo('application {0}').replace('{0}', '')}"]`).last();
      const applicationTip = await hoverText(workbench, application);
      expectTranslated(context, 'tooltips', [sessionTip, applicationTip]);
    },
  },
  {
    name: 'Filter by State… opens a quick pick whose title, placeholder and shortcuts are translated',
    screenshot: 'state-filter',
    run: async (context) => {
      const { workbench, manifest, pseudo } = context;
      await workbench.clickViewAction(manifest('command.filterStates.title'));
      await workbench.waitForQuickInputTitle(new RegExp(pseudo('Filter Sessions by State')));
      const shown = await quickInputText(workbench);
      await workbench.page.keyboard.press('Escape');
      expectTranslated(context, 'state filter', shown);
    },
  },
  {
    name: 'Go to Session… with an unknown session ID shows a translated input box and error notification',
    screenshot: 'notification',
    run: async (context) => {
      const { workbench, manifest, pseudo } = context;
      await workbench.chooseFromViewMenu(manifest('command.goToSession.title'));
      await workbench.waitForQuickInputTitle(new RegExp(pseudo('Go to Session')));
      const box = await quickInputText(workbench);
      await workbench.typeInQuickInput('00zzzzzzzzzzzzzz');
      await workbench.page.keyboard.press('Enter');
      // An ID alone: the extension asks which application holds it.
      await workbench.waitForQuickInputTitle(new RegExp(pseudo('Go to Session {0}').replace('{0}', '00z+')));
      const which = await quickInputText(workbench);
      await workbench.page.keyboard.press('Enter');
      const notification = workbench.notification(new RegExp(pseudo('No session {0} in application {1} in {2}.').slice(0, 8)));
      await notification.first().waitFor({ timeout: 30_000 });
      // The message and its buttons; "Source:" and the toolbar are VS Code's own.
      const toast = (await notification.first().locator('.notification-list-item-message, .monaco-button').allInnerTexts()).join('\n');
      expectTranslated(context, 'Go to Session', [...box, ...which, toast]);
    },
  },
  {
    name: 'with a profile that does not exist, the welcome view says what to do, translated',
    screenshot: 'welcome-view',
    run: async (context) => {
      const { workbench, manifest } = context;
      context.updateSettings({ 'emrServerless.profile': 'no-such-profile' });
      await workbench.reload();
      // VS Code's own "Focus on … View" is English around the view's translated names.
      const container = manifest('viewsContainers.emrServerless.title');
      await workbench.openViewContainer(container, `${container}: Focus on ${manifest('views.sessions.name')} View`);
      const welcome = workbench.sideBar.locator('.welcome-view-content');
      await welcome.first().waitFor({ state: 'visible', timeout: 30_000 });
      expectTranslated(context, 'welcome view', await welcome.allInnerTexts());
    },
  },
];

async function main(): Promise<number> {
  const resultsDir = path.join(RESULTS_DIR, 'ui-pseudo');
  const bundle = readStrings('l10n/bundle.l10n.json');
  const nls = readStrings('package.nls.json');
  const pseudoBundle = getL10nPseudoLocalized(bundle) as Strings;
  const pseudoNls = getL10nPseudoLocalized(nls) as Strings;
  const files = new TempDir('emr-pseudo-locale');
  fs.writeFileSync(files.file(`bundle.l10n.${LOCALE}.json`), JSON.stringify(pseudoBundle));
  fs.writeFileSync(files.file(`package.nls.${LOCALE}.json`), JSON.stringify(pseudoNls));
  // The English vocabulary of the extension's own texts, without placeholders and command links.
  const english = new Set(
    [...Object.values(bundle), ...Object.values(nls)]
      .map(text)
      .flatMap((value) => words(value.replace(/\{\d+\}|\(command:[^)]*\)|\$\([^)]*\)/g, ' '))),
  );
  const environment = await UiEnvironment.start({
    endpoint: { seed: 7, applications: 3, sessionsPerApplication: 12 },
    settings: { 'emrServerless.pageSize': 5 },
    theme: 'dark',
    resultsDir,
    locale: LOCALE,
    extensionFiles: {
      [path.join('l10n', `bundle.l10n.${LOCALE}.json`)]: files.file(`bundle.l10n.${LOCALE}.json`),
      [`package.nls.${LOCALE}.json`]: files.file(`package.nls.${LOCALE}.json`),
    },
  });
  try {
    environment.workbench.shotsDir = resultsDir;
    // Words of the endpoint's data (names, ids, states, release labels) are shown as they are,
    // and so is the time zone's name that Intl writes after a local time (such as "UTC").
    const store = environment.endpoint.store;
    const timeZone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const data = new Set(
      words(JSON.stringify([LOCAL_PROFILE, store.region, timeZone, store.applications(), ...store.applications().map((a) => store.sessions(a.id ?? ''))])),
    );
    const context: PseudoContext = {
      workbench: environment.workbench,
      endpoint: environment.endpoint,
      pseudo: (key) => {
        const value = pseudoBundle[key];
        if (value === undefined) {
          throw new Error(`"${key}" is not in l10n/bundle.l10n.json`);
        }
        return text(value);
      },
      manifest: (key) => {
        const value = pseudoNls[key];
        if (value === undefined) {
          throw new Error(`"${key}" is not in package.nls.json`);
        }
        return text(value);
      },
      // An ARN, or its form with REGION and ACCOUNT in capitals, is shown as it is.
      updateSettings: (changes) => environment.server.updateUserSettings(changes),
      untranslated: (shown) => [...new Set(words(shown.replace(/\barn:\S+/g, ' ')).filter((word) => english.has(word) && !data.has(word)))],
    };
    const result = await runStory(`pseudo-locale (${LOCALE})`, steps, context, environment.workbench.page, resultsDir);
    return result.failed === 0 ? 0 : 1;
  } finally {
    await environment.close();
    files.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
