import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../src/extension';
import type { ExplorerNode } from '../../src/model/explorerNodes';
import { REGION_SCAN_CONCURRENCY } from '../../src/model/regionScan';
import { EMR_SERVERLESS_REGIONS, regionsOfPartition } from '../../src/model/regions';
import { DEFAULT_KEY_PAIR, LocalEmrServer, SESSION_KEY_PAIR } from '../localEmr/server';
import { activateExtension, readSetting, setSetting, waitFor } from './helpers';

type Row<K extends ExplorerNode['kind']> = ExplorerNode & { kind: K };

/**
 * Add Regions… and Scan All Regions in the real extension host, against one local endpoint that
 * plays several Regions: each request sees the data of the Region it is signed for.
 */
describe('Add Regions… and Scan All Regions in VS Code', function () {
  this.timeout(60_000);
  let handle: ExplorerHandle;
  let server: LocalEmrServer;
  let profile: string;
  const undo: Array<() => Promise<void> | void> = [];

  before(async () => {
    handle = (await activateExtension()).exports as ExplorerHandle;
    server = await LocalEmrServer.start({
      seed: 71,
      applications: 2,
      sessionsPerApplication: 8,
      credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR],
      regions: { 'eu-west-1': { applications: 2 }, 'ap-south-2': { applications: 1 }, 'af-south-1': { applications: 1 } },
    });
    profile = readSetting<string>('profile') ?? '';
    undo.push(() => server.close());
    undo.push(await setSetting('connections', []));
  });
  after(async () => {
    for (const step of undo.reverse()) {
      await step();
    }
  });
  beforeEach(async () => {
    server.faults.clear();
    server.resetRequests();
    await useConnections([{ profile, region: 'us-east-1', endpoint: server.url, label: 'home' }]);
  });

  async function useConnections(list: unknown[]): Promise<void> {
    await vscode.workspace.getConfiguration('emrServerless').update('connections', list, vscode.ConfigurationTarget.Global);
    await waitFor(() => handle.connections.list.length === Math.max(1, list.length), `${list.length} connections`);
  }
  const storedRegions = () =>
    (vscode.workspace.getConfiguration('emrServerless').inspect<Array<{ region: string; endpoint?: string; profile: string }>>('connections')?.globalValue ?? []).map(
      (e) => `${e.profile}|${e.region}|${e.endpoint}`,
    );
  // "Running now" has its own suite (runningNow.test.ts); these tests are about the rows below it.
  const children = async (node?: ExplorerNode) => ((await handle.provider.getChildren(node)) ?? []).filter((n) => n.kind !== 'runningNow');
  const label = (node: ExplorerNode) => {
    const l = (handle.provider.getTreeItem(node) as vscode.TreeItem).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };

  /** Runs a command and, while it runs, does `answer` to its quick pick (which opens after a while). */
  async function runAndAnswer(command: string, answer: () => Promise<void>): Promise<void> {
    let done = false;
    const run = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => (done = true));
    for (let i = 0; i < 30 && !done; i++) {
      await new Promise((r) => setTimeout(r, 700));
      if (!done) {
        await answer();
      }
    }
    await run;
  }

  it('Add Regions… offers the Regions not listed yet and adds the one checked, with the same profile and endpoint', async () => {
    await runAndAnswer('emrServerless.addRegions', async () => {
      // Move to a Region, check it, accept.
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    });
    const stored = storedRegions();
    assert.strictEqual(stored.length, 2, `stored: ${stored.join(', ')}`);
    assert.strictEqual(stored[0], `${profile}|us-east-1|${server.url}`, 'the connection shown until then is kept');
    const [, added, endpoint] = stored[1]!.split('|');
    assert.strictEqual(endpoint, server.url);
    assert.ok(added !== 'us-east-1' && regionsOfPartition('aws').some((r) => r.id === added), `${added} is a Region that was offered`);
    await waitFor(() => handle.connections.list.length === 2, 'two connections');
    const roots = await children();
    assert.ok(roots.every((r) => r.kind === 'connection'));
    assert.strictEqual(roots.length, 2);
    assert.ok(label(roots[1]!).includes(added!), `${label(roots[1]!)} names ${added}`);
  });

  it('Select Region… with one connection in emrServerless.connections moves that connection to the Region chosen, and the tree lists its applications', async () => {
    // The pick lists the Regions where EMR Serverless is offered, in this order, from the first.
    const index = EMR_SERVERLESS_REGIONS.findIndex((r) => r.id === 'eu-west-1');
    assert.ok(index > 0);
    await runAndAnswer('emrServerless.selectRegion', async () => {
      for (let i = 0; i < index; i++) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      }
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    });
    assert.deepStrictEqual(storedRegions(), [`${profile}|eu-west-1|${server.url}`], 'the one entry has the new Region and keeps its endpoint');
    assert.strictEqual(vscode.workspace.getConfiguration('emrServerless').inspect<Array<{ label?: string }>>('connections')?.globalValue?.[0]?.label, 'home');
    await waitFor(() => handle.connections.primary.model.settings.connection.region === 'eu-west-1', 'the connection to use eu-west-1');
    const apps = (await children()).filter((r): r is Row<'application'> => r.kind === 'application').map((r) => r.applicationId);
    assert.deepStrictEqual(apps, server.storeFor('eu-west-1').listApplications().map((a) => a.id));
  });

  it('Add Connection… offers the custom endpoint the connections use, first, and the connection it adds sends its requests there', async () => {
    const index = EMR_SERVERLESS_REGIONS.findIndex((r) => r.id === 'eu-west-1');
    const pause = () => new Promise((r) => setTimeout(r, 900));
    let done = false;
    const run = Promise.resolve(vscode.commands.executeCommand('emrServerless.addConnection')).finally(() => (done = true));
    // The profile: the default credential chain, first; then the Region, eu-west-1.
    await pause();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause();
    for (let i = 0; i < index; i++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    }
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    // The endpoint, then the label: each answered with Enter on what it offers first.
    for (let i = 0; i < 10 && !done; i++) {
      await pause();
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await run;
    assert.deepStrictEqual(storedRegions(), [`${profile}|us-east-1|${server.url}`, `|eu-west-1|${server.url}`]);
    await waitFor(() => handle.connections.list.length === 2, 'two connections');
    const added = handle.connections.list[1]!;
    assert.strictEqual(added.model.settings.connection.endpoint, server.url);
    assert.strictEqual(added.model.endpointLabel.includes('amazonaws.com'), false, `requests go to ${added.model.endpointLabel}`);
  });

  it('Scan All Regions asks every Region at most six at a time, and adds the Regions found with applications', async () => {
    // The listing of the connection set before this test is not part of the scan: let it finish.
    await children();
    server.resetRequests();
    server.faults.inject({ operation: 'ListApplications', kind: 'latency', latencyMs: 30 });
    server.faults.inject({ operation: 'ListApplications', kind: 'regionNotEnabled', region: 'af-south-1' });
    await runAndAnswer('emrServerless.scanAllRegions', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    });
    const scanned = server.requests.filter((r) => r.operation === 'ListApplications');
    assert.deepStrictEqual(new Set(scanned.map((r) => r.region)), new Set(regionsOfPartition('aws').map((r) => r.id)));
    assert.ok(server.peakInFlight <= REGION_SCAN_CONCURRENCY, `${server.peakInFlight} requests at once`);
    // Found: eu-west-1 and ap-south-2 (checked at first) and us-east-1 (already listed); af-south-1 is not enabled.
    assert.deepStrictEqual(storedRegions().sort(), [`${profile}|ap-south-2|${server.url}`, `${profile}|eu-west-1|${server.url}`, `${profile}|us-east-1|${server.url}`]);
    await waitFor(() => handle.connections.list.length === 3, 'three connections');
    const rows = (await children()) as Row<'connection'>[];
    const southRow = rows.find((r) => /ap-south-2/.test(label(r)))!;
    const apps = (await children(southRow)).filter((r): r is Row<'application'> => r.kind === 'application').map((r) => r.applicationId);
    assert.deepStrictEqual(apps, server.storeFor('ap-south-2').listApplications().map((a) => a.id));
  });
});
