/**
 * The floor of the cold first listing: a bare Node process that loads the AWS SDK, resolves
 * the profile and sends the ListApplications request the explorer's first listing sends, once,
 * cold, against a local endpoint started in the same process (as the extension host's is).
 * Node's own modules are loaded first, as they are in an extension host; the SDK's are not.
 * Bundled with esbuild.js's bundleOptions, the extension's own build (same SDK packages,
 * plugins and minification), and run by the benchmark with the extension host's Node.
 *
 * Environment: EMR_FLOOR_SERVER_MODULE (the compiled out/test/localEmr/server.js),
 * EMR_FLOOR_RESULTS (where the ColdListingSteps go, as JSON), EMR_FLOOR_PROFILE,
 * EMR_FLOOR_REGION, and the AWS profile files' variables.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import { startCpuProfile } from './cpuProfile';
import { coldListingSteps, watchFirstRequest } from './requestTimeline';

/** The explorer's page size when nothing sets it (emrServerless.pageSize). */
const PAGE_SIZE = 50;

/**
 * Node's own modules that an extension host has loaded long before any extension asks for
 * anything (VS Code uses them itself), so that the floor is the SDK's cold cost, not Node's.
 */
const NODE_MODULES_AN_EXTENSION_HOST_HAS_LOADED = ['http', 'https', 'net', 'tls', 'crypto', 'stream', 'fs/promises', 'os', 'url', 'zlib', 'assert', 'child_process', 'util'];

function warmNodeAsAnExtensionHostIs(): void {
  const load = createRequire(__filename);
  NODE_MODULES_AN_EXTENSION_HOST_HAS_LOADED.forEach((name) => load(name));
  // Node's fetch (undici), which VS Code's own requests have loaded, and its standard streams.
  void globalThis.fetch;
  void process.stderr;
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set`);
    }
    return value;
  };
  // Loaded from the compiled sources, outside the bundle and outside what is timed.
  const { LocalEmrServer } = createRequire(__filename)(env('EMR_FLOOR_SERVER_MODULE')) as typeof import('../../localEmr/server');
  const server = await LocalEmrServer.start({ seed: 3, applications: 1, sessionsPerApplication: 10 });
  warmNodeAsAnExtensionHostIs();
  const watch = watchFirstRequest(Number(new URL(server.url).port));
  const profile = await startCpuProfile('bare-node');
  try {
    const start = performance.now();
    const sdk = await import('./floorSdk.js');
    const sdkLoaded = performance.now();
    const client = new sdk.EMRServerlessClient({
      region: env('EMR_FLOOR_REGION'),
      endpoint: server.url,
      credentials: sdk.fromIni({ profile: env('EMR_FLOOR_PROFILE') }),
    });
    const clientCreated = performance.now();
    const page = await sdk.paginateListApplications({ client, pageSize: PAGE_SIZE }, {}).next();
    const answered = performance.now();
    await profile.stop();
    const applications = page.value?.applications?.length ?? 0;
    if (applications === 0) {
      throw new Error('ListApplications answered no application');
    }
    const steps = coldListingSteps(start, { sdkLoaded, clientCreated, answered, ...watch.marks });
    fs.writeFileSync(env('EMR_FLOOR_RESULTS'), JSON.stringify({ steps, nodeVersion: process.version, applications }));
    client.destroy();
  } finally {
    watch.stop();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
