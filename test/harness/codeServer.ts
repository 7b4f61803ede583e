import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CodeServerTools } from './codeServerInstall';
import { freePort } from './freePort';
import { delay, ProcessGroup } from './processGroup';
import { REPO_ROOT } from './repoPaths';
import { TempDir } from './tempDir';
import { writeUserSettings } from './workbenchSettings';

export interface CodeServerOptions {
  tools: CodeServerTools;
  /** Port to listen on when it is free; otherwise (and by default) a free one. */
  port?: number;
  /** User settings on top of the quiet workbench ones (extension settings, theme). */
  settings?: Record<string, unknown>;
  /** A packaged extension to install before the server starts. */
  vsix?: string;
  /** Environment of the server and so of its extension host; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Starts the workbench with VS Code's smoke-test driver, which is what makes it honour
   * `extensionDevelopmentPath` and `extensionTestsPath` in the URL payload.
   */
  smokeTestDriver?: boolean;
  /** Where the server's output goes; by default into its throwaway folder. */
  logFile?: string;
  /** The workbench's and extension host's log level (`--log`), e.g. 'trace'. */
  logLevel?: string;
  /**
   * The display language (`--locale`), such as 'qps-ploc', VS Code's pseudo-locale. The server
   * only switches to a language it has a language pack for, so an empty pack is installed for it
   * (VS Code's own strings stay English); extensions then load their `package.nls.<locale>.json`
   * and `l10n/bundle.l10n.<locale>.json`.
   */
  locale?: string;
  /**
   * Files copied into the folder of the installed `vsix` before the server starts, as path inside
   * the extension → source path: translations that do not ship, such as the pseudo-locale's.
   */
  extensionFiles?: Record<string, string>;
}

/**
 * A code-server instance with a throwaway user-data, extensions and workspace folder,
 * listening on 127.0.0.1 without authentication. Call `stop()` when done; it is also
 * stopped when this process exits or is interrupted.
 */
export class CodeServer {
  private constructor(
    readonly url: string,
    readonly port: number,
    readonly workspace: string,
    readonly logFile: string,
    private readonly group: ProcessGroup,
    private readonly temp: TempDir,
  ) {}

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const temp = new TempDir('emr-code-server');
    try {
      const port = await freePort(options.port);
      const userDataDir = temp.dir('user-data');
      const extensionsDir = temp.dir('extensions');
      const workspace = temp.dir('workspace');
      const config = temp.file('config.yaml');
      // An empty config stops the server from starting, so all three keys are written.
      fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
      writeUserSettings(userDataDir, options.settings ?? {});
      const logFile = options.logFile ?? temp.file('code-server.log');
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      const env: NodeJS.ProcessEnv = {
        ...(options.env ?? process.env),
        // Otherwise code-server writes into ~/.local/share/code-server and ~/.config/code-server.
        XDG_DATA_HOME: temp.dir('xdg-data'),
        XDG_CONFIG_HOME: temp.dir('xdg-config'),
        // The server, its extension host and the built-in extensions (git, TypeScript) put
        // their IPC sockets here instead of leaving them in /tmp.
        TMPDIR: temp.dir('tmp'),
        XDG_RUNTIME_DIR: temp.dir('tmp'),
        PATH: `${path.join(options.tools.nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      };
      const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
      if (options.locale) {
        const pack = await packEmptyLanguagePack(options.locale, temp.dir('language-pack'));
        await installExtension(options.tools, common, pack.vsix, env, logFile);
        registerLanguagePack(userDataDir, extensionsDir, options.locale, pack);
      }
      if (options.vsix) {
        await installExtension(options.tools, common, options.vsix, env, logFile);
        copyIntoInstalledExtension(extensionsDir, options.extensionFiles ?? {});
      }
      const args = [
        options.tools.codeServerEntry,
        ...common,
        ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
        ...(options.logLevel ? ['--log', options.logLevel] : []),
        ...(options.locale ? ['--locale', options.locale] : []),
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ];
      const log = fs.openSync(logFile, 'a');
      const group = ProcessGroup.spawn('code-server', options.tools.node, args, {
        env,
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      const server = new CodeServer(`http://127.0.0.1:${port}`, port, workspace, logFile, group, temp);
      await server.waitUntilHealthy();
      return server;
    } catch (err) {
      temp.remove();
      throw err;
    }
  }

  /** The throwaway folder holding everything this server writes: user data, extensions, logs. */
  get dataDir(): string {
    return this.temp.path;
  }

  /** Changes user settings as a user editing settings.json would; the workbench picks them up. */
  updateUserSettings(changes: Record<string, unknown>): void {
    const file = path.join(this.dataDir, 'user-data', 'User', 'settings.json');
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...current, ...changes }, null, 2) + '\n');
  }

  /** Resolves when the server's main process exits. */
  get exited(): Promise<number | null> {
    return this.group.exited;
  }

  /** The address of the host part of `vscode-remote://` URIs: the page's own host. */
  get authority(): string {
    return new URL(this.url).host;
  }

  /** A server-side absolute path as the workbench addresses it. */
  remoteUri(absolutePath: string): string {
    return `vscode-remote://${this.authority}${absolutePath}`;
  }

  /** The workbench URL for the workspace folder, with an optional URL payload. */
  workbenchUrl(payload?: Array<[string, string]>): string {
    let url = `${this.url}/?folder=${encodeURIComponent(this.workspace)}`;
    if (payload) {
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    return url;
  }

  /** The last lines of the server's output, for failure reports. */
  logTail(lines = 40): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Stops the server with all its processes and removes its folders. */
  async stop(): Promise<void> {
    try {
      await this.group.stop();
    } finally {
      this.temp.remove();
    }
  }

  private async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.group.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await delay(250);
    }
    const why = exited ? 'exited before it was ready' : `was not healthy after ${timeoutMs / 1000} s`;
    const tail = this.logTail();
    await this.stop();
    throw new Error(`code-server ${why}; its output:\n${tail}`);
  }
}

/** A language pack extension, packed as a .vsix, with its identifier and version. */
interface LanguagePack {
  vsix: string;
  id: string;
  version: string;
}

/**
 * Packs a language pack for `locale` that translates none of VS Code's own strings: what the
 * server needs before it switches the workbench and the extension host to that language.
 */
async function packEmptyLanguagePack(locale: string, dir: string): Promise<LanguagePack> {
  const name = `empty-language-pack-${locale}`;
  const version = '1.0.0';
  const source = path.join(dir, 'source');
  fs.mkdirSync(path.join(source, 'translations'), { recursive: true });
  fs.writeFileSync(
    path.join(source, 'package.json'),
    JSON.stringify({
      name,
      publisher: 'test',
      version,
      license: 'MIT',
      repository: 'https://example.invalid/empty-language-pack',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          { languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] },
        ],
      },
    }),
  );
  fs.writeFileSync(path.join(source, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(source, 'README.md'), `An empty language pack for ${locale}.\n`);
  fs.writeFileSync(path.join(source, 'LICENSE'), 'MIT\n');
  const vsix = path.join(dir, `${name}.vsix`);
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const group = ProcessGroup.spawn('vsce package', process.execPath, [vsce, 'package', '--out', vsix], { cwd: source, stdio: 'ignore' });
  const code = await group.exited;
  await group.stop();
  if (code !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`packing the ${locale} language pack failed (exit code ${code})`);
  }
  return { vsix, id: `test.${name}`, version };
}

/**
 * Writes the server's language pack cache (`languagepacks.json` in the user-data folder) as the
 * server itself writes it when it installs a language pack: \`code-server --install-extension\`
 * installs the pack but does not update that cache, and the server reads only the cache to know
 * which languages it can show. The hash is the server's: MD5 of the pack's id and version.
 */
function registerLanguagePack(userDataDir: string, extensionsDir: string, locale: string, pack: LanguagePack): void {
  const installed = path.join(extensionsDir, `${pack.id}-${pack.version}`);
  const translations = path.join(installed, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) {
    throw new Error(`the ${locale} language pack is not installed in ${installed}`);
  }
  const hash = createHash('md5').update(pack.id).update(pack.version).digest('hex');
  const entry = { hash, extensions: [{ extensionIdentifier: { id: pack.id }, version: pack.version }], translations: { vscode: translations }, label: locale };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }));
}

/** Copies `files` (path inside the extension → source) into this repository's installed extension. */
function copyIntoInstalledExtension(extensionsDir: string, files: Record<string, string>): void {
  const entries = Object.entries(files);
  if (entries.length === 0) {
    return;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (!fs.existsSync(installed)) {
    throw new Error(`${installed} is missing: the extension was not installed where expected`);
  }
  for (const [inside, source] of entries) {
    const target = path.join(installed, inside);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
}

async function installExtension(
  tools: CodeServerTools,
  common: string[],
  vsix: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<void> {
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} does not exist; build it with \`npm run package\``);
  }
  const log = fs.openSync(logFile, 'a');
  const group = ProcessGroup.spawn('code-server --install-extension', tools.node, [
    tools.codeServerEntry,
    ...common,
    '--install-extension',
    vsix,
  ], { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const code = await group.exited;
  await group.stop();
  if (code !== 0) {
    throw new Error(`installing ${vsix} failed (exit code ${code}); see ${logFile}`);
  }
}
