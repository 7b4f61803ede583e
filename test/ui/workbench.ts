import * as fs from 'fs';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { CodeServer } from '../harness/codeServer';

/** A tree row as shown: its label and its description (greyed, after the label). */
export interface TreeRow {
  label: string;
  description: string;
  /** Label, a space and description. */
  text: string;
}

/**
 * The code-server workbench in a Chromium page, with the actions a user takes on it:
 * activity bar, tree rows, context menus, the Command Palette, notifications, clipboard.
 */
export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

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

  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Shows a view container by clicking its activity bar icon, unless it already shows. */
  async openViewContainer(title: string): Promise<void> {
    const tab = this.page.locator('.activitybar').getByRole('tab', { name: title });
    await tab.waitFor({ timeout: 30_000 });
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
    }
    await this.sideBar.locator('.title-label', { hasText: new RegExp(title, 'i') }).waitFor();
  }

  /** Every row of the side bar's trees. */
  treeItems(): Locator {
    return this.sideBar.getByRole('treeitem');
  }

  /** The row whose label reads `label`. */
  treeItem(label: string): Locator {
    return this.treeItems().filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) });
  }

  /** The rows shown, as a user reads them: label, then description. */
  async rows(): Promise<TreeRow[]> {
    return this.treeItems().evaluateAll((elements) =>
      elements.map((element) => {
        const text = (selector: string) => element.querySelector(selector)?.textContent?.trim() ?? '';
        const label = text('.label-name');
        const description = text('.label-description');
        return { label, description, text: description ? `${label} ${description}` : label };
      }),
    );
  }

  /** Waits until exactly `count` rows read as `pattern` (label, space, description). */
  async waitForRows(pattern: RegExp, count: number, timeout = 20_000): Promise<TreeRow[]> {
    let matching: TreeRow[] = [];
    let all: TreeRow[] = [];
    const found = async () => {
      all = await this.rows();
      matching = all.filter((row) => pattern.test(row.text));
      return matching.length === count;
    };
    try {
      await waitUntil(found, `${count} rows matching ${pattern}`, timeout);
    } catch {
      const shown = JSON.stringify(all.map((row) => row.text));
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

  /** Expands a collapsed row by clicking it, and waits until it shows as expanded. */
  async expand(row: Locator): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 'the row to expand');
  }

  /** Right-clicks a row and chooses `item` from its context menu. */
  async chooseFromContextMenu(row: Locator, item: string | RegExp): Promise<void> {
    await row.click({ button: 'right' });
    const entry = this.page.getByRole('menuitem', { name: item });
    await entry.waitFor();
    await entry.click();
  }

  /** Runs a command by its title from the Command Palette. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
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
