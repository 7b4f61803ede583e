/**
 * Command line of the local EMR Serverless endpoint: `node out/test/localEmr/cli.js --help`.
 * stdout carries exactly one line, "listening on http://127.0.0.1:PORT", once it is ready;
 * everything else goes to stderr. Invalid flags exit with status 2; SIGINT/SIGTERM close the
 * server and exit 0.
 */
import { CliUsageError, USAGE, parseCliArgs, type CliOptions } from './cliArgs';
import { DEFAULT_KEY_PAIR } from './credentials';
import { LocalEmrServer } from './server';

function fail(message: string, code: number): never {
  process.stderr.write(`local-emr: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      fail(`${error.message}\nRun with --help for usage.`, 2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const keyPair = { ...(options.keyPair ?? DEFAULT_KEY_PAIR), ...(options.callerArn ? { principalArn: options.callerArn } : {}) };
  let server: LocalEmrServer;
  try {
    server = await LocalEmrServer.start({
      port: options.port,
      seed: options.seed,
      applications: options.applications,
      sessionsPerApplication: options.sessions,
      region: options.region,
      accountId: options.accountId,
      credentials: [keyPair],
      churn: options.churn,
      churnIntervalMs: options.churnIntervalMs,
      log: options.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    fail(`cannot listen on 127.0.0.1:${options.port}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  for (const fault of options.faults) {
    server.faults.inject(fault);
  }
  const stop = (signal: string): void => {
    process.stderr.write(`local-emr: ${signal}, closing\n`);
    setTimeout(() => process.exit(0), 2000).unref();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const sessions = server.store.applications().reduce((n, a) => n + server.store.sessions(a.id).length, 0);
  process.stderr.write(
    `local-emr: ${options.applications} applications (+1 terminated), ${sessions} sessions, seed ${options.seed}, ` +
      `region ${options.region}, access key id ${keyPair.accessKeyId}` +
      `${options.churn ? ', churn on' : ''}${options.faults.length ? `, ${options.faults.length} fault(s)` : ''}\n`,
  );
  process.stdout.write(`listening on ${server.url}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1));
