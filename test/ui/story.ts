import * as fs from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';
import { formatDuration } from '../harness/loggedCommand';

/** One thing a user does, and what they then see. */
export interface Step<Context> {
  /** What the user does, in their words ("expand an application"). */
  name: string;
  /** File name (without extension) of the screenshot taken after the step; none when absent. */
  screenshot?: string;
  run(context: Context): Promise<void>;
}

export interface StoryResult {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Runs steps in order, printing each one's time and saving a screenshot after it as
 * `<dir>/<NN>-<screenshot>.png`. The first failing step saves `<dir>/failure.png` and
 * prints its error; the steps after it are skipped, since each builds on the one before.
 */
export async function runStory<Context>(
  title: string,
  steps: Array<Step<Context>>,
  context: Context,
  page: Page,
  dir: string,
): Promise<StoryResult> {
  fs.mkdirSync(dir, { recursive: true });
  const result: StoryResult = { passed: 0, failed: 0, skipped: 0 };
  const storyStarted = Date.now();
  console.log(`${title}: ${steps.length} steps, screenshots in ${path.relative(process.cwd(), dir) || dir}`);
  for (const [index, step] of steps.entries()) {
    const number = String(index + 1).padStart(2, '0');
    if (result.failed > 0) {
      result.skipped++;
      console.log(`  - ${number} ${step.name} (skipped)`);
      continue;
    }
    const started = Date.now();
    try {
      await step.run(context);
      if (step.screenshot) {
        await page.screenshot({ path: path.join(dir, `${number}-${step.screenshot}.png`) });
      }
      result.passed++;
      console.log(`  ✓ ${number} ${step.name} (${formatDuration(Date.now() - started)})`);
    } catch (err) {
      result.failed++;
      console.log(`  ✗ ${number} ${step.name} (${formatDuration(Date.now() - started)})`);
      console.error(indent(err instanceof Error ? (err.stack ?? err.message) : String(err)));
      await page.screenshot({ path: path.join(dir, 'failure.png') }).catch((shotError: Error) => {
        console.error(`    (no failure screenshot: ${shotError.message})`);
      });
    }
  }
  console.log(`${title} took ${formatDuration(Date.now() - storyStarted)}`);
  console.log(`ui: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  return result;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
