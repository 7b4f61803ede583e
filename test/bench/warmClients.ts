import { EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import { fromIni } from '@aws-sdk/credential-providers';
import { createEmrApi } from '../../src/aws/emrClient';
import type { EmrApi } from '../../src/model/emrApi';
import { ExplorerModel } from '../../src/model/explorerModel';
import { silentLogger } from '../unit/support/silentLogger';
import { NO_FILTER } from '../../src/model/sessionFilter';
import { DEFAULT_PAGE_SIZE, DEFAULT_POLL_INTERVAL_SECONDS, ExplorerSettings } from '../../src/model/settings';
import type { LocalEmrOptions, LocalEmrServer } from '../localEmr/server';
import { LocalEmrConnection } from '../unit/support/localEmrConnection';

/**
 * A local endpoint with two warm clients to it: the extension's EmrApi (the SDK client with
 * the extension's request log) that every ExplorerModel of the run shares, and a plain SDK
 * client with the same endpoint, credentials and timeouts. Neither is disposed between
 * measurements, so both sides reuse their connections and resolved credentials.
 */
export class WarmClients {
  readonly pageSize = DEFAULT_PAGE_SIZE;
  private readonly settings: ExplorerSettings;
  /** What every model of the run gets from createApi: the shared API, with dispose a no-op. */
  private readonly modelApi: EmrApi;

  private constructor(
    readonly connection: LocalEmrConnection,
    readonly applicationId: string,
    private readonly sharedApi: EmrApi,
    readonly raw: EMRServerlessClient,
  ) {
    this.settings = { connection: connection.settings(), pageSize: this.pageSize };
    this.modelApi = { ...sharedApi, dispose: () => undefined };
  }

  /** Starts an endpoint with one visible application holding `sessions` sessions. */
  static async start(sessions: number, options: LocalEmrOptions = {}): Promise<WarmClients> {
    const connection = await LocalEmrConnection.start({ seed: 11, applications: 1, sessionsPerApplication: sessions, ...options });
    try {
      const app = connection.server.store.applications().find((a) => a.state !== 'TERMINATED');
      if (!app) {
        throw new Error('the local endpoint has no visible application');
      }
      const settings = connection.settings();
      const api = await createEmrApi(settings, silentLogger);
      const raw = new EMRServerlessClient({
        region: api.region,
        endpoint: settings.endpoint,
        credentials: fromIni({ profile: settings.profile }),
        requestHandler: {
          requestTimeout: settings.requestTimeoutMs,
          connectionTimeout: Math.min(settings.requestTimeoutMs, 10_000),
        },
      });
      return new WarmClients(connection, app.id, api, raw);
    } catch (err) {
      await connection.close();
      throw err;
    }
  }

  /** The shared API itself, as the model pages with it. */
  get api(): EmrApi {
    return this.modelApi;
  }

  get server(): LocalEmrServer {
    return this.connection.server;
  }

  /** Sessions the endpoint holds for the application, as ListSessions would list them. */
  get sessionCount(): number {
    return this.server.store.listSessions(this.applicationId, {}).length;
  }

  /**
   * A fresh model on the shared API; disposing the model leaves the API open. `live`: with
   * the poller the extension runs (the default interval), the view shown and the
   * application expanded, as when the user works in the tree.
   */
  newModel(options: { live?: boolean } = {}): ExplorerModel {
    const api = this.modelApi;
    const model = new ExplorerModel({
      createApi: () => Promise.resolve(api),
      settings: this.settings,
      filter: NO_FILTER,
      ...(options.live ? { live: { pollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS, log: silentLogger } } : {}),
    });
    if (options.live) {
      model.setVisible(true);
      model.setExpanded(this.applicationId, true);
    }
    return model;
  }

  async close(): Promise<void> {
    this.sharedApi.dispose();
    this.raw.destroy();
    await this.connection.close();
  }
}
