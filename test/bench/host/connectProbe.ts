/**
 * Connect… from the command to SPARK_REMOTE being set, in the extension host, against one raw
 * GetSessionEndpoint call of a plain SDK client in the same host, interleaved, both at the same
 * injected latency. Connect is run twice per round: with "Use in terminals" given as the
 * command's second argument (what the extension does, without the user's choice), and through
 * its quick pick, answered as a user who presses Enter at once would
 * (workbench.action.acceptSelectedQuickOpenItem, until the command has finished), which adds
 * the workbench's round trips.
 */
import { EMRServerlessClient, GetSessionEndpointCommand } from '@aws-sdk/client-emr-serverless';
import * as vscode from 'vscode';
import type { ExplorerHandle } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/model/explorerNodes';
import { DEFAULT_KEY_PAIR } from '../../localEmr/server';
import type { ConnectHostResult } from '../hostResults';
import { interleave, timed } from '../interleave';
import { HostEndpoint } from './hostEndpoint';
import { applicationsAmong, childrenOf } from './treeAccess';

export const CONNECT_HOST_LATENCY_MS = 50;
const WARMUP_ROUNDS = 6;
const ROUNDS = 30;
/** Between runs, so that the terminal just opened and closed is not measured with the next one. */
const SETTLE_MS = 150;

type SessionRow = ExplorerNode & { kind: 'session' };

export async function measureConnectInHost(handle: ExplorerHandle): Promise<ConnectHostResult> {
  const endpoint = await HostEndpoint.start(handle, { seed: 11, applications: 1, sessionsPerApplication: 50 });
  const raw = new EMRServerlessClient({
    region: (await handle.model.getApi()).region,
    endpoint: endpoint.server.url,
    credentials: { accessKeyId: DEFAULT_KEY_PAIR.accessKeyId, secretAccessKey: DEFAULT_KEY_PAIR.secretAccessKey },
  });
  try {
    const app = applicationsAmong(await childrenOf(handle))[0];
    if (!app) {
      throw new Error('the tree lists no application');
    }
    const row = (await childrenOf(handle, app)).find(
      (n): n is SessionRow => n.kind === 'session' && ['IDLE', 'BUSY', 'STARTED'].includes(n.session.state ?? ''),
    );
    if (!row) {
      throw new Error('the tree shows no running session to connect to');
    }
    const { applicationId, sessionId } = row.session;

    /** Times `run`, checks that it set SPARK_REMOTE with a token it had not before, then detaches. */
    const connected = async (run: () => Promise<unknown>): Promise<number> => {
      const before = handle.attached.currentEndpoint?.authToken;
      const ms = await timed(run);
      const now = handle.attached.currentEndpoint?.authToken;
      if (handle.attached.info?.sessionId !== sessionId || now === undefined || now === before) {
        throw new Error('Connect → Use in terminals did not set SPARK_REMOTE with a new token');
      }
      await vscode.commands.executeCommand('emrServerless.detachSession');
      vscode.window.terminals.forEach((t) => t.dispose());
      await settle();
      return ms;
    };
    const workbenchRoundTrips: number[] = [];
    const contenders = {
      sdk: async () => {
        let answered = false;
        const ms = await timed(async () => {
          const out = await raw.send(new GetSessionEndpointCommand({ applicationId, sessionId }));
          answered = Boolean(out.endpoint && out.authToken);
        });
        if (!answered) {
          throw new Error('GetSessionEndpoint answered without endpoint or token');
        }
        await settle();
        return ms;
      },
      connect: () => connected(() => Promise.resolve(vscode.commands.executeCommand('emrServerless.connectSession', row, 'terminals'))),
      connectPick: async () => {
        // How busy the workbench is just now: one round trip with nothing to accept.
        workbenchRoundTrips.push(await timed(async () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem')));
        return connected(async () => {
          let done = false;
          const command = Promise.resolve(vscode.commands.executeCommand('emrServerless.connectSession', row)).finally(() => (done = true));
          while (!done) {
            await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          await command;
        });
      },
    };
    const server = endpoint.server;
    await interleave(WARMUP_ROUNDS, contenders);
    workbenchRoundTrips.length = 0;
    server.faults.inject({ operation: 'GetSessionEndpoint', kind: 'latency', latencyMs: CONNECT_HOST_LATENCY_MS });
    server.resetRequests();
    const samples = await interleave(ROUNDS, contenders);
    const requests = server.count('GetSessionEndpoint');
    if (requests !== 3 * ROUNDS) {
      throw new Error(`${3 * ROUNDS} GetSessionEndpoint requests expected, the endpoint counted ${requests}`);
    }
    await vscode.commands.executeCommand('notifications.clearAll');
    return {
      latencyMs: CONNECT_HOST_LATENCY_MS,
      rounds: ROUNDS,
      sdkMs: samples.sdk,
      connectMs: samples.connect,
      connectPickMs: samples.connectPick,
      workbenchRoundTripMs: workbenchRoundTrips,
    };
  } finally {
    raw.destroy();
    await endpoint.close();
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
