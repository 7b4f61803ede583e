import { Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH, requireChromium } from './codeServerInstall';
import { TempDir } from './tempDir';

/**
 * Flags for Debian's Chromium in a sandboxed, offline container: no GPU, no QUIC, and no
 * background calls home. Playwright gives every launch a fresh profile.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium; close it with `browser.close()`. Its temporary files,
 * configuration and cache (crash report settings, shared memory files) go to a throwaway
 * folder rather than /tmp and ~/.config, and are removed when the browser closes.
 */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  const home = new TempDir('emr-chromium');
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      env: {
        ...process.env,
        TMPDIR: home.dir('tmp'),
        XDG_CONFIG_HOME: home.dir('config'),
        XDG_CACHE_HOME: home.dir('cache'),
      },
    });
    browser.once('disconnected', home.remove);
    return browser;
  } catch (err) {
    home.remove();
    throw err;
  }
}
