import * as fs from 'fs';
import * as path from 'path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { CodeServer } from '../harness/codeServer';

/** A tree row as shown: its label and its description (greyed, after the label). */
export interface TreeRow {
  label: string;
  description: string;
  /** Label, a space and description. */
  text: string;
  /** What a screen reader says for the row (its accessibility label), e.g. "session etl, idle, created 3 hours ago". */
  ariaLabel: string;
  /** Whether the label and description are cut off (shown with an ellipsis) at the side bar's width. */
  cut: boolean;
}

/**
 * The code-server workbench in a Chromium page, with the actions a user takes on it:
 * activity bar, tree rows, context menus, the Command Palette, notifications, clipboard.
 */
export class Workbench {
  /** Where screenshots taken in the middle of a step go; set by whoever runs the story. */
  shotsDir = '.';

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A path for a screenshot taken in the middle of a step. */
  shotPath(name: string): string {
    return path.join(this.shotsDir, `${name}.png`);
  }

  /**
   * Opens the workbench on the server's workspace folder and waits until it is shown.
   * The page may read and write the clipboard. Browser console errors go to
   * `consoleLog` (offline, the workbench logs failed look-ups of the marketplace).
   */
  static async open(browser: Browser, server: CodeServer, consoleLog: string): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') {
        fs.appendFileSync(consoleLog, `${message.text()}\n`);
      }
    });
    page.on('pageerror', (err) => console.error(`  [page error] ${err.message}`));
    await page.goto(server.workbenchUrl());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(context, page);
  }

  /** Reloads the workbench, as after editing settings.json outside VS Code. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /**
   * Shows a view container by clicking its activity bar icon, unless it already shows. After a
   * reload the icon can read as selected while the side bar stays hidden, and a click on it then
   * can be lost or hide the side bar: then `showCommand` (from the Command Palette, which never
   * hides anything) shows it.
   */
  async openViewContainer(title: string, showCommand = 'EMR Serverless: Focus on Sessions View'): Promise<void> {
    const tab = this.page.locator('.activitybar').getByRole('tab', { name: title });
    await tab.waitFor({ timeout: 30_000 });
    const titleLabel = this.sideBar.locator('.title-label', { hasText: new RegExp(title, 'i') });
    const shown = () => titleLabel.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    for (let attempt = 1; attempt <= 3; attempt++) {
      if ((await tab.getAttribute('aria-selected')) === 'true' && (await shown())) {
        return;
      }
      if (attempt === 1 && (await tab.getAttribute('aria-selected')) !== 'true') {
        await tab.click();
      } else {
        // Right after a reload the Command Palette may not list the command yet; the loop looks again.
        await this.runCommand(showCommand).catch(() => this.page.keyboard.press('Escape'));
      }
    }
    await titleLabel.waitFor();
  }

  /** Every row of the side bar's trees. */
  treeItems(): Locator {
    return this.sideBar.getByRole('treeitem');
  }

  /** The row whose label reads `label`. */
  treeItem(label: string): Locator {
    return this.treeItems().filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) });
  }

  /**
   * Clicks the row whose label reads `label`, with the pointer first moved off the tree and a
   * tooltip still showing closed: after an earlier click, rows move as pages load, and the
   * tooltip of the row that came under the pointer would otherwise cover the target and take
   * the click.
   */
  async clickRow(label: string): Promise<void> {
    await this.page.mouse.move(0, 0);
    const hover = this.page.locator('.context-view').filter({ has: this.page.locator('p') });
    if (await hover.first().isVisible()) {
      await this.page.keyboard.press('Escape');
      await hover.first().waitFor({ state: 'hidden' });
    }
    await this.waitForTreeToSettle();
    await this.treeItem(label).click();
  }

  /** The rows shown, as a user reads them: label, then description. */
  async rows(): Promise<TreeRow[]> {
    return this.treeItems().evaluateAll((elements) =>
      elements.map((element) => {
        const text = (selector: string) => element.querySelector(selector)?.textContent?.trim() ?? '';
        const label = text('.label-name');
        const description = text('.label-description');
        const container = element.querySelector('.monaco-icon-label-container');
        const cut = container ? container.scrollWidth > container.clientWidth : false;
        const ariaLabel = element.getAttribute('aria-label') ?? '';
        return { label, description, text: description ? `${label} ${description}` : label, ariaLabel, cut };
      }),
    );
  }

  /**
   * Waits until exactly `count` rows match `pattern`: by default what a screen reader says
   * for them (`ariaLabel`, which holds every field), or `on: 'text'` for what is shown.
   */
  async waitForRows(pattern: RegExp, count: number, { on = 'ariaLabel', timeout = 20_000 }: { on?: 'ariaLabel' | 'text'; timeout?: number } = {}): Promise<TreeRow[]> {
    let matching: TreeRow[] = [];
    let all: TreeRow[] = [];
    const found = async () => {
      all = await this.rows();
      matching = all.filter((row) => pattern.test(row[on]));
      return matching.length === count;
    };
    try {
      await waitUntil(found, `${count} rows matching ${pattern}`, timeout);
    } catch {
      const shown = JSON.stringify(all.map((row) => row[on]));
      throw new Error(`expected ${count} rows matching ${pattern}, saw ${matching.length}; rows: ${shown}`);
    }
    return matching;
  }

  /** Drags the side bar's edge so that it is `width` pixels wide (rows show whole). */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.sideBar.boundingBox();
    if (!box) {
      throw new Error('the side bar is not shown');
    }
    const edge = { x: box.x + box.width + 1, y: box.y + box.height / 2 };
    await this.page.mouse.move(edge.x, edge.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, edge.y, { steps: 5 });
    await this.page.mouse.up();
    // Away from the sash and the activity bar, so no hover decoration is in screenshots.
    await this.page.mouse.move(box.x + width + 300, box.y + box.height - 50);
  }

  /**
   * Waits until the side bar's trees have not redrawn (no row added, removed or changed) for
   * `quietMs` milliseconds, as a person waits for a list to stop moving before clicking in it.
   * A click that lands while the tree redraws its rows is lost. Polling keeps redrawing rows, so
   * after `timeout` milliseconds it goes on anyway: this lowers the odds of a lost click, and the
   * callers still check that their click took effect.
   */
  async waitForTreeToSettle({ quietMs = 400, timeout = 5_000 }: { quietMs?: number; timeout?: number } = {}): Promise<void> {
    await this.sideBar.evaluate(
      (root, { quietMs, timeout }) =>
        new Promise<void>((resolve) => {
          const finish = () => {
            observer.disconnect();
            clearTimeout(quiet);
            clearTimeout(deadline);
            resolve();
          };
          // The page's MutationObserver (this function runs in the browser; the project's types have no DOM).
          type Observer = { observe(target: unknown, options: object): void; disconnect(): void };
          const { MutationObserver } = globalThis as unknown as { MutationObserver: new (callback: () => void) => Observer };
          const observer = new MutationObserver(() => {
            clearTimeout(quiet);
            quiet = setTimeout(finish, quietMs);
          });
          let quiet = setTimeout(finish, quietMs);
          const deadline = setTimeout(finish, timeout);
          const list = root.querySelector('.monaco-list-rows') ?? root;
          observer.observe(list, { subtree: true, childList: true, characterData: true, attributeFilter: ['aria-label', 'aria-expanded', 'style'] });
        }),
      { quietMs, timeout },
    );
  }

  /**
   * Expands a collapsed row by clicking it once the tree has settled, and waits until it shows as
   * expanded. A click that lands while the tree redraws the row is lost, so a row still collapsed
   * after a few seconds is clicked again (it is never clicked once it shows as expanded).
   */
  async expand(row: Locator): Promise<void> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      if ((await row.getAttribute('aria-expanded')) === 'true') {
        return;
      }
      await this.waitForTreeToSettle();
      await row.click();
      try {
        await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 'the row to expand', 5_000);
        return;
      } catch {
        // Clicked while redrawn: try again.
      }
    }
    throw new Error('the row did not expand after 4 clicks');
  }

  /** Right-clicks a row, once the tree has settled, and chooses `item` from its context menu. */
  async chooseFromContextMenu(row: Locator, item: string | RegExp): Promise<void> {
    await this.waitForTreeToSettle();
    await row.click({ button: 'right' });
    const entry = this.page.getByRole('menuitem', { name: item });
    await entry.waitFor();
    // The workbench ignores a click that lands while the menu is still opening.
    await entry.hover();
    await this.page.waitForTimeout(150);
    await entry.click();
    await entry.waitFor({ state: 'detached' });
  }

  /** The greyed description beside the row labelled `label`. */
  async rowDescription(label: string): Promise<string> {
    return ((await this.treeItem(label).first().locator('.label-description').textContent()) ?? '').trim();
  }

  /** Clicks an action in the view's title bar by its title (e.g. "Filter by State…"). */
  async clickViewAction(title: string): Promise<void> {
    await this.sideBar.hover();
    await this.sideBar.getByRole('button', { name: title, exact: true }).first().click();
  }

  /** Chooses an action from the view title's "More Actions..." menu by its title. */
  async chooseFromViewMenu(title: string): Promise<void> {
    await this.sideBar.hover();
    const more = this.sideBar.locator('.title-actions, .actions-container').getByRole('button', { name: /More Actions/ }).first();
    await more.click();
    const entry = this.page.getByRole('menuitem', { name: title });
    await entry.waitFor();
    // As for context menus, a click that lands while the menu is still opening is ignored.
    await entry.hover();
    await this.page.waitForTimeout(150);
    await entry.click();
    await entry.waitFor({ state: 'detached' });
  }

  /** The title of the active editor tab, as shown on it. */
  async activeTabTitle(): Promise<string> {
    const tab = this.page.locator('.tabs-container .tab.active').first();
    await tab.waitFor();
    return ((await tab.locator('.monaco-icon-label-container, .label-name').first().textContent()) ?? '').trim();
  }

  /** The titles of the view title's inline actions, as shown. */
  async viewActionTitles(): Promise<string[]> {
    await this.sideBar.hover();
    return this.sideBar
      .locator('.pane-header .actions-container, .composite.title .actions-container')
      .first()
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  }

  /** Hovers a row and clicks one of its inline actions by title. */
  async clickRowAction(rowLabel: string, title: string): Promise<void> {
    const row = this.treeItem(rowLabel).first();
    await row.hover();
    await row.getByRole('button', { name: title, exact: true }).click();
  }

  /** Waits until the view's message above the tree shows `text` (the active filters). */
  async waitForViewDescription(text: string): Promise<void> {
    await this.sideBar.locator('.message', { hasText: text }).first().waitFor();
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Clicks the checkboxes of items of an open multi-select quick pick, by their labels. Like a
   * person, it clicks the next one only once the quick pick shows the click: the row's check
   * has changed and the keyboard focus has left the checkbox (where Enter would toggle it
   * again rather than accept).
   */
  async toggleQuickPickItems(labels: string[]): Promise<void> {
    await this.quickInput.waitFor();
    for (const label of labels) {
      const row = () =>
        this.quickInput.locator('.monaco-list-row', { has: this.page.locator('.label-name').getByText(label, { exact: true }) });
      const checked = async () => (await row().getAttribute('aria-checked')) === 'true';
      const was = await checked();
      await row().locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-checkbox').first().click();
      await waitUntil(
        async () =>
          (await checked()) !== was &&
          (await this.page.evaluate<boolean>("!document.activeElement?.closest('.monaco-checkbox, input[type=checkbox]')")),
        `the quick pick to show the click on ${label}, with the focus off its checkbox`,
        5_000,
      );
    }
  }

  /** Accepts an open quick pick (its OK button, or Enter). */
  async acceptQuickPick(): Promise<void> {
    const ok = this.quickInput.getByRole('button', { name: 'OK' });
    if (await ok.isVisible()) {
      await ok.click();
    } else {
      await this.page.keyboard.press('Enter');
    }
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /** Waits until the open quick pick has closed (accepted or dismissed). */
  async waitForQuickPickClosed(): Promise<void> {
    await this.quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {
      throw new Error('the quick pick is still open: Enter did not accept it');
    });
  }

  /** Chooses an item of an open single-select quick pick by its label. */
  async chooseQuickPickItem(label: string): Promise<void> {
    await this.quickInput.waitFor();
    await this.quickInput
      .locator('.monaco-list-row', { has: this.page.locator('.label-name').getByText(label, { exact: true }) })
      .click();
  }

  /** The rows of the open quick pick whose text (label, description, detail) matches `text`. */
  quickPickRows(text: string | RegExp): Locator {
    return this.quickInput.locator('.monaco-list-row', { hasText: text });
  }

  /** Replaces the text of an open input box or quick pick. */
  async typeInQuickInput(text: string): Promise<void> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor();
    await input.fill(text);
  }

  /** Waits until the open quick input's title matches `pattern` (e.g. the second of two boxes). */
  async waitForQuickInputTitle(pattern: RegExp): Promise<void> {
    await this.quickInput.locator('.quick-input-title', { hasText: pattern }).waitFor();
  }

  /** Waits until the open input box explains something matching `pattern`. */
  async waitForQuickInputMessage(pattern: RegExp): Promise<void> {
    await this.quickInput.locator('.quick-input-message', { hasText: pattern }).waitFor();
  }

  /** A message in the status bar. */
  statusBarMessage(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar', { hasText: text });
  }

  /** Runs a command by its title from the Command Palette. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // The Command Palette can open inert while the workbench is busy with something modal of its
    // own: close it and open it again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt >= 3) {
          throw err;
        }
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.locator('.quick-input-list').getByRole('option', { name: new RegExp(title) }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText: text });
  }

  /** What the browser's clipboard holds. */
  async clipboardText(): Promise<string> {
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }
}

/** Polls `condition` every 100 ms until it holds, or fails after `timeout` ms. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
