/** Command-line flags of the local endpoint (see USAGE) and the fault grammar. */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, FAULT_TABLE, LIST_OPERATIONS, type FaultKind, type FaultSpec } from './faults';
import { OPERATION_NAMES, STS_OPERATION_NAMES, type EndpointOperationName } from './model';

/** The operations a --fault may name. */
const FAULT_OPERATIONS: readonly string[] = [...OPERATION_NAMES, ...STS_OPERATION_NAMES];

export const DEFAULT_CLI_PORT = 4599;

/** One line per fault kind, from FAULT_TABLE: its name and what it answers. */
function faultKindLines(): string {
  const width = Math.max(...FAULT_KINDS.map((kind) => kind.length)) + 2;
  return FAULT_KINDS.map((kind) => `  ${kind.padEnd(width)}${FAULT_TABLE[kind].description}`).join('\n');
}

export const USAGE = `Usage: node out/test/localEmr/cli.js [options]

A local Amazon EMR Serverless endpoint (restJson1 over HTTP, SigV4-verified) on 127.0.0.1.
When ready it prints one line to stdout: "listening on http://127.0.0.1:PORT".
Request logs (operation, status, duration, request id) go to stderr. SIGINT/SIGTERM stop it.

Options:
  --port N                 port on 127.0.0.1; 0 picks a free port (default ${DEFAULT_CLI_PORT})
  --applications N         visible applications (default 3); one TERMINATED one is added
  --sessions N             sessions per application (default 250)
  --seed N                 data seed (default 7)
  --region REGION          region in ARNs and endpoints (default us-east-1); requests may be
                           signed for any region
  --account-id ID          12-digit account id in ARNs (default 123456789012)
  --access-key-id ID       accept this key pair instead of the default test key pair
  --secret-access-key KEY  (both flags together)
  --session-token TOKEN    require this session token with that key pair
  --caller-arn ARN         the caller that key pair stands for: STS GetCallerIdentity's Arn
                           and createdBy of the sessions it starts (default
                           arn:aws:iam::ACCOUNT:user/alice, or with a session token
                           arn:aws:sts::ACCOUNT:assumed-role/DataEngineer/bob)
  --churn                  start and terminate sessions every few seconds (live demo)
  --churn-interval MS      churn period (default 3000)
  --latency MS             add MS of latency to every request (same as --fault '*:latency:MS')
  --fault SPEC             inject a fault; repeatable
  --quiet                  no per-request log lines
  -h, --help               show this help

Fault SPEC grammar:
  SPEC := OPERATION ":" KIND { ":" ARG }
  OPERATION := ${FAULT_OPERATIONS.join(' | ')} | *
  KIND := one of the kinds below
  ARG  := N | times=N | ms=N | page=first | page=later | status=400 | status=429 | region=REGION
  A bare number N is the count of requests the fault hits (default: every request), except
  for latency, where the first bare number is the delay in ms and a second one the count.
  page=first hits only requests without nextToken, page=later only requests with one.
  status applies to throttle: ThrottlingException with HTTP 429 (default) or 400.
  region=REGION hits only requests signed for that region.

Fault kinds:
${faultKindLines()}

Examples:
  --fault ListSessions:throttle:2          two ThrottlingExceptions, then normal answers
  --fault ListApplications:accessDenied    every ListApplications is denied
  --fault GetSession:http500:1             one InternalServerException
  --fault ListSessions:hang:page=later     later pages never answer
  --fault '*:latency:50'                   50 ms on every request
  --fault ListSessions:throttle:times=3:status=400
  --fault ListSessions:emptyPage:2         two empty pages with a nextToken, then the sessions
  --fault '*:regionNotEnabled:region=af-south-1'   af-south-1 acts as an opt-in Region not enabled
`;

export class CliUsageError extends Error {}

export interface CliOptions {
  help: boolean;
  port: number;
  applications: number;
  sessions: number;
  seed: number;
  region: string;
  accountId: string;
  keyPair?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** --caller-arn: the principal of the accepted key pair. */
  callerArn?: string;
  churn: boolean;
  churnIntervalMs?: number;
  faults: FaultSpec[];
  quiet: boolean;
}

function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliUsageError(`${flag} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

/** Parses one --fault SPEC (see USAGE). */
export function parseFaultSpec(spec: string): FaultSpec {
  const [operation, kind, ...args] = spec.split(':');
  if (operation !== '*' && !FAULT_OPERATIONS.includes(operation ?? '')) {
    throw new CliUsageError(`--fault '${spec}': unknown operation '${operation}' (expected one of ${FAULT_OPERATIONS.join(', ')} or *)`);
  }
  if (!(FAULT_KINDS as readonly string[]).includes(kind ?? '')) {
    throw new CliUsageError(`--fault '${spec}': unknown kind '${kind ?? ''}' (expected one of ${FAULT_KINDS.join(', ')})`);
  }
  const fault: FaultSpec = { operation: operation as EndpointOperationName | '*', kind: kind as FaultKind };
  const count = (raw: string): number => integer(`--fault '${spec}'`, raw, 0, 1, 1_000_000_000);
  for (const arg of args) {
    const [name, value] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [undefined, arg];
    if (name === undefined && fault.kind === 'latency' && fault.latencyMs === undefined) {
      fault.latencyMs = integer(`--fault '${spec}' latency`, value, 0, 0, 3_600_000);
    } else if (name === undefined || name === 'times') {
      fault.times = count(value);
    } else if (name === 'ms') {
      fault.latencyMs = integer(`--fault '${spec}' ms`, value, 0, 0, 3_600_000);
    } else if (name === 'page' && (value === 'first' || value === 'later')) {
      fault.page = value;
    } else if (name === 'status' && (value === '400' || value === '429')) {
      fault.status = Number(value) as 400 | 429;
    } else if (name === 'region' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) {
      fault.region = value;
    } else {
      throw new CliUsageError(`--fault '${spec}': cannot understand '${arg}'`);
    }
  }
  if (fault.kind === 'emptyPage' && operation !== '*' && !(LIST_OPERATIONS as readonly string[]).includes(fault.operation)) {
    throw new CliUsageError(`--fault '${spec}': emptyPage applies only to ${LIST_OPERATIONS.join(' and ')} (or *)`);
  }
  if (fault.kind === 'latency' && fault.latencyMs === undefined) {
    throw new CliUsageError(`--fault '${spec}': latency needs a delay in ms, e.g. '*:latency:50'`);
  }
  return fault;
}

export function parseCliArgs(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        applications: { type: 'string' },
        sessions: { type: 'string' },
        seed: { type: 'string' },
        region: { type: 'string' },
        'account-id': { type: 'string' },
        'access-key-id': { type: 'string' },
        'secret-access-key': { type: 'string' },
        'session-token': { type: 'string' },
        'caller-arn': { type: 'string' },
        churn: { type: 'boolean' },
        'churn-interval': { type: 'string' },
        latency: { type: 'string' },
        fault: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const region = values.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new CliUsageError(`--region must look like us-east-1, got '${region}'`);
  }
  const accountId = values['account-id'] ?? '123456789012';
  if (!/^\d{12}$/.test(accountId)) {
    throw new CliUsageError(`--account-id must be 12 digits, got '${accountId}'`);
  }
  const options: CliOptions = {
    help: values.help ?? false,
    port: integer('--port', values.port, DEFAULT_CLI_PORT, 0, 65535),
    applications: integer('--applications', values.applications, 3, 0, 1000),
    sessions: integer('--sessions', values.sessions, 250, 0, 1_000_000),
    seed: integer('--seed', values.seed, 7, 0, 2 ** 32 - 1),
    region,
    accountId,
    churn: values.churn ?? false,
    faults: (values.fault ?? []).map(parseFaultSpec),
    quiet: values.quiet ?? false,
  };
  if (values['churn-interval'] !== undefined) {
    options.churnIntervalMs = integer('--churn-interval', values['churn-interval'], 3000, 50, 3_600_000);
  }
  if (values.latency !== undefined) {
    options.faults.unshift({ operation: '*', kind: 'latency', latencyMs: integer('--latency', values.latency, 0, 0, 3_600_000) });
  }
  const accessKeyId = values['access-key-id'];
  const secretAccessKey = values['secret-access-key'];
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new CliUsageError('--access-key-id and --secret-access-key must be given together');
  }
  if (values['session-token'] !== undefined && accessKeyId === undefined) {
    throw new CliUsageError('--session-token needs --access-key-id and --secret-access-key');
  }
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    if (accessKeyId === '' || secretAccessKey === '') {
      throw new CliUsageError('--access-key-id and --secret-access-key must not be empty');
    }
    options.keyPair = { accessKeyId, secretAccessKey };
    if (values['session-token'] !== undefined) {
      options.keyPair.sessionToken = values['session-token'];
    }
  }
  const callerArn = values['caller-arn'];
  if (callerArn !== undefined) {
    if (!/^arn:[a-z0-9-]+:(iam|sts)::\d{12}:\S+$/.test(callerArn)) {
      throw new CliUsageError(`--caller-arn must be an IAM or STS principal ARN such as arn:aws:iam::123456789012:user/alice, got '${callerArn}'`);
    }
    options.callerArn = callerArn;
  }
  return options;
}
