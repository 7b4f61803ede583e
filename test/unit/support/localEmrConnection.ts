import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import type { EmrApi } from '../../../src/model/emrApi';
import type { Logger } from '../../../src/model/logger';
import type { ConnectionSettings } from '../../../src/model/settings';
import { LOCAL_PROFILE, writeAwsProfile } from '../../harness/awsProfile';
import { overrideEnvironment } from './environment';
import { DEFAULT_KEY_PAIR, LocalEmrOptions, LocalEmrServer } from '../../localEmr/server';


/**
 * A local endpoint and a temporary AWS profile that holds its key pair, so the real
 * credential chain (fromIni) signs every request. Nothing of the user's ~/.aws is read.
 */
export class LocalEmrConnection {
  readonly lines: string[] = [];
  readonly log: Logger = {
    debug: (m) => this.lines.push(`debug ${m}`),
    info: (m) => this.lines.push(`info ${m}`),
    warn: (m) => this.lines.push(`warn ${m}`),
    error: (m) => this.lines.push(`error ${m}`),
  };
  private restoreEnvironment: () => void = () => undefined;

  private constructor(
    readonly server: LocalEmrServer,
    private readonly dir: string,
  ) {}

  static async start(options: LocalEmrOptions = {}): Promise<LocalEmrConnection> {
    const server = await LocalEmrServer.start(options);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-aws-'));
    const connection = new LocalEmrConnection(server, dir);
    connection.useProfileFiles();
    return connection;
  }

  settings(overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
    return { profile: LOCAL_PROFILE, region: 'us-east-1', endpoint: this.server.url, requestTimeoutMs: 30_000, ...overrides };
  }

  createApi = async (connection: ConnectionSettings): Promise<EmrApi> => createEmrApi(connection, this.log);

  async close(): Promise<void> {
    this.restoreEnvironment();
    fs.rmSync(this.dir, { recursive: true, force: true });
    await this.server.close();
  }

  /** Points this process's AWS variables at a throwaway profile; close() puts them back. */
  private useProfileFiles(): void {
    const profile = writeAwsProfile(this.dir, DEFAULT_KEY_PAIR, LOCAL_PROFILE);
    const names = new Set([...Object.keys(process.env), ...Object.keys(profile.env)].filter((n) => n.startsWith('AWS_')));
    this.restoreEnvironment = overrideEnvironment(Object.fromEntries([...names].map((name) => [name, profile.env[name]])));
  }
}
