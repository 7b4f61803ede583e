/**
 * The SDK side of "Scan All Regions": one profile's credentials, resolved once and shared by
 * one client per Region, each made when its Region is first asked.
 */
import { ListApplicationsCommand, type EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import type { Logger } from '../model/logger';
import type { ProxyConfig } from '../model/proxyRoute';
import type { RegionScanApi } from '../model/regionScan';
import type { ConnectionSettings } from '../model/settings';
import { createClientNetwork, ENVIRONMENT_PROXY_CONFIG, newEmrServerlessClient } from './emrClient';
import { RenewableCredentials } from './renewableCredentials';

/** Most applications asked for per Region: the service's page limit. */
const PAGE_SIZE = 50;

/**
 * A RegionScanApi for `connection`'s profile and endpoint (its `region` is not used: each call
 * names its own), its requests through the proxy `proxy` chooses. Call dispose() when the scan
 * is done, to close the clients' connections.
 */
export function createRegionScanApi(
  connection: ConnectionSettings,
  log: Logger,
  proxy: ProxyConfig = ENVIRONMENT_PROXY_CONFIG,
): RegionScanApi & { dispose(): void } {
  const network = createClientNetwork(connection, proxy, log);
  const credentials = new RenewableCredentials(connection.profile, log, network.credentialsClientConfig);
  const clients = new Map<string, EMRServerlessClient>();
  const clientFor = (region: string): EMRServerlessClient => {
    let client = clients.get(region);
    if (!client) {
      client = newEmrServerlessClient(connection, region, credentials, log, network);
      clients.set(region, client);
    }
    return client;
  };
  const profileName = connection.profile || process.env.AWS_PROFILE || undefined;
  return {
    ...(profileName ? { profileName } : {}),
    async listApplications(region, signal) {
      const out = await clientFor(region).send(new ListApplicationsCommand({ maxResults: PAGE_SIZE }), { abortSignal: signal });
      return { applications: out.applications ?? [], ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    },
    dispose() {
      for (const client of clients.values()) {
        client.destroy();
      }
      clients.clear();
      network.agents.destroy();
    },
  };
}
