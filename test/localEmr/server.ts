/**
 * A local Amazon EMR Serverless endpoint speaking restJson1 over HTTP on 127.0.0.1: the
 * session-related operations, SigV4 verification, stable page tokens, a controllable clock,
 * fault injection and request accounting. README.md beside this file sums up the behaviour;
 * the details live with the code (listingOrder.ts, pageTokens.ts, sessionCommands.ts, faults.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Churn, DEFAULT_CHURN_INTERVAL_MS } from './churn';
import { realClock, type Clock } from './clock';
import { DEFAULT_KEY_PAIR, KeyRing, type KeyPair } from './credentials';
import { FaultInjector, type FaultSpec } from './faults';
import { emptyPage, runOperation } from './handlers';
import { applicationArn, sessionArn, type EndpointOperationName } from './model';
import { PageTokens } from './pageTokens';
import { recordFor, type RecordedRequest } from './requestLog';
import { matchRoute, parseUrl, type Route } from './router';
import type { Query } from './validation';
import { defaultPrincipalArn } from './sampleValues';
import { ServiceError, serviceErrors } from './serviceErrors';
import { SessionStore } from './sessionStore';
import { parseAuthorization, SigV4Verifier } from './sigv4Verifier';
import {
  callerIdentityDenied,
  callerIdentityXml,
  checkStsAction,
  isQueryRequest,
  parseQueryBody,
  STS_SIGNING_SERVICE,
  stsErrorXml,
} from './stsQuery';
import { sendError, sendJson, sendText } from './wireFormat';

export { DEFAULT_ACCESS_KEY_ID, DEFAULT_KEY_PAIR, DEFAULT_SECRET_ACCESS_KEY, SESSION_KEY_PAIR, type KeyPair } from './credentials';
export { ManualClock, realClock, type Clock } from './clock';
export { FaultInjector, FAULT_KINDS, type FaultKind, type FaultSpec } from './faults';
export { SessionStore, type ApplicationFilter, type SessionFilter, type SessionOverrides, type ApplicationOverrides } from './sessionStore';
export {
  APPLICATION_STATES,
  OPERATION_NAMES,
  SESSION_STATES,
  type ApplicationDetail,
  type ApplicationRecord,
  type ApplicationState,
  type ApplicationSummary,
  type OperationName,
  type SessionRecord,
  type SessionState,
  type SessionSummary,
} from './model';
export type { RecordedRequest } from './requestLog';
export { DASHBOARD_TOKEN_PREFIX, SESSION_AUTH_TOKEN_PREFIX } from './secretMarkers';

export interface LocalEmrOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /**
   * The loopback address to listen on; default 127.0.0.1. Another one, such as 127.0.0.2, is
   * not among the hosts a proxy is never used for, so requests to it can go through a proxy.
   */
  host?: string;
  /** Data seed; default 7. */
  seed?: number;
  /** Visible (non-terminated) applications; default 3. One TERMINATED application is always added. */
  applications?: number;
  /** Sessions of each visible application; default 250. */
  sessionsPerApplication?: number;
  /**
   * Region in ARNs and endpoints; default 'us-east-1'. Without `regions`, requests may be
   * signed for any region and all see this region's data.
   */
  region?: string;
  /**
   * Serve several regions: each request sees the data of the region it is signed for (the
   * region of its SigV4 credential scope). `region` keeps the data set made from the options
   * above; each region named here gets its own, generated from its own seed (default: the seed
   * and the region's name); any other region has no applications, as in an account that never
   * used it.
   */
  regions?: Record<string, RegionData>;
  /** Account id in ARNs; default '123456789012'. */
  accountId?: string;
  /** Active sessions (SUBMITTED to BUSY) per application before StartSession answers ServiceQuotaExceededException (402); default 25, the service's default quota. */
  sessionQuota?: number;
  /** Default: the real clock. */
  clock?: Clock;
  /** Accepted key pairs; default [DEFAULT_KEY_PAIR]. */
  credentials?: KeyPair[];
  /** Start and terminate sessions every few seconds (live demo); default false. */
  churn?: boolean;
  /** Churn period; default 3000 ms. */
  churnIntervalMs?: number;
  /** Receives one line per request (operation, status, duration, request id); default: no logging. */
  log?: (line: string) => void;
}

/** The data set of one more region (see LocalEmrOptions.regions). */
export interface RegionData {
  /** Visible applications; default 0. */
  applications?: number;
  /** Sessions of each visible application; default 20. */
  sessionsPerApplication?: number;
  seed?: number;
  /** Answer from the main region's data instead (a region that mirrors it). */
  sameAsMain?: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** How a request ended: an HTTP status, or no answer at all. */
type Outcome = number | 'dropped' | 'abandoned';

export class LocalEmrServer {
  readonly url: string;
  readonly port: number;
  readonly clock: Clock;
  readonly store: SessionStore;
  readonly faults = new FaultInjector();
  readonly requests: RecordedRequest[] = [];
  /** Requests being handled now, and the most at once since start (or resetRequests). */
  inFlight = 0;
  peakInFlight = 0;
  private readonly regionStores = new Map<string, SessionStore>();
  private readonly keys: KeyRing;
  private readonly verifier: SigV4Verifier;
  private readonly tokens = new PageTokens();
  private readonly sockets = new Set<Socket>();
  private readonly log: (line: string) => void;
  private churn: Churn | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: LocalEmrOptions,
    store: SessionStore,
    clock: Clock,
  ) {
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.url = `http://${options.host ?? '127.0.0.1'}:${this.port}`;
    this.clock = clock;
    this.store = store;
    this.keys = new KeyRing(options.credentials ?? [DEFAULT_KEY_PAIR]);
    this.verifier = new SigV4Verifier(this.keys);
    this.log = options.log ?? (() => undefined);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void this.handle(req, res);
    });
    if (options.churn) {
      this.churn = new Churn(store, options.churnIntervalMs ?? DEFAULT_CHURN_INTERVAL_MS);
      this.churn.start();
    }
  }

  static async start(options: LocalEmrOptions = {}): Promise<LocalEmrServer> {
    const clock = options.clock ?? realClock;
    const store = new SessionStore({
      clock,
      seed: options.seed ?? 7,
      applications: options.applications ?? 3,
      sessionsPerApplication: options.sessionsPerApplication ?? 250,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      sessionQuota: options.sessionQuota,
    });
    for (const name of Object.keys(options.regions ?? {})) {
      if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(name)) {
        throw new Error(`regions: '${name}' is not a region name`);
      }
    }
    const server = createServer();
    // Keep idle connections open about as long as AWS endpoints do, so a client's pooled
    // connection is rarely closed under it between two calls.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new LocalEmrServer(server, options, store, clock);
  }

  /** Requests received so far, of one operation or of all. */
  count(operation?: EndpointOperationName): number {
    return operation === undefined ? this.requests.length : this.requests.filter((r) => r.operation === operation).length;
  }

  resetRequests(): void {
    this.requests.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /**
   * The data a request signed for `region` sees: `store` without the `regions` option (or for
   * the main region, or a region marked `sameAsMain`), else that region's own store, made on first use.
   */
  storeFor(region: string): SessionStore {
    const { regions } = this.options;
    if (regions === undefined || region === this.store.region || regions[region]?.sameAsMain) {
      return this.store;
    }
    let store = this.regionStores.get(region);
    if (!store) {
      const data = regions[region];
      store = new SessionStore({
        clock: this.clock,
        seed: data?.seed ?? (this.options.seed ?? 7) + seedOfName(region),
        applications: data?.applications ?? 0,
        sessionsPerApplication: data?.sessionsPerApplication ?? 20,
        region,
        accountId: this.store.accountId,
        sessionQuota: this.options.sessionQuota,
      });
      this.regionStores.set(region, store);
    }
    return store;
  }

  addKeyPair(keyPair: KeyPair): void {
    this.keys.add(keyPair);
  }

  /** Stops listening and destroys every open connection, hanging requests included. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.churn?.stop();
      this.server.close(() => resolve());
      for (const socket of this.sockets) {
        socket.destroy();
      }
    });
    return this.closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const { rawPath, query } = parseUrl(req.url ?? '/');
    if (isQueryRequest(method, rawPath, req.headers)) {
      return this.handleSts(req, res, { method, rawPath, query, requestId, startedAt });
    }
    const route = matchRoute(method, rawPath);
    const record = recordFor(
      { operation: route?.operation ?? 'UnknownOperation', method, path: rawPath, query, requestId, applicationId: route?.applicationId, sessionId: route?.sessionId },
      req.headers.authorization,
    );
    this.requests.push(record);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    let finished = false;
    const finish = (status: Outcome, errorType?: string): void => {
      if (!finished) {
        finished = true;
        this.inFlight--;
      }
      record.status = typeof status === 'number' ? status : 0;
      record.durationMs = Math.round(performance.now() - startedAt);
      if (errorType) record.errorType = errorType;
      this.log(`${record.operation} ${status}${errorType ? ` ${errorType}` : ''} ${record.durationMs}ms ${requestId}${record.fault ? ` fault=${record.fault}` : ''}`);
    };
    try {
      const body = await readBody(req);
      const key = await this.verifier.verify({ method, rawPath, query, headers: req.headers, body });
      // verify() has checked the header's shape, so its scope names the region.
      const region = parseAuthorization(req.headers.authorization ?? '').region;
      record.region = region;
      const store = this.storeFor(region);
      if (!route) {
        throw serviceErrors.unknownOperation(method, rawPath);
      }
      const decision = this.faults.take(route.operation, query['nextToken'] !== undefined, region);
      if (decision.latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
      }
      const principalArn = key.principalArn ?? defaultPrincipalArn(store.accountId, key.sessionToken !== undefined);
      if (decision.fault) {
        record.fault = decision.fault.kind;
        const answered = this.answerWithFault(decision.fault, req, res, finish, {
          throttleStatus: 429,
          accessDenied: () => serviceErrors.accessDenied(principalArn, route.operation, resourceArn(store, route)),
          cutOffBody: () => sendText(res, 200, '{"sessions": [{"applicationId": "00f', requestId),
          emptyPage: () => sendJson(res, 200, emptyPage({ store, tokens: this.tokens, route, query, body: Buffer.alloc(0), principalArn }), requestId),
        });
        if (answered) {
          return;
        }
      }
      const result = runOperation({ store, tokens: this.tokens, route, query, body, principalArn });
      sendJson(res, 200, result, requestId);
      finish(200);
    } catch (error) {
      const serviceError = error instanceof ServiceError ? error : serviceErrors.internal();
      if (!(error instanceof ServiceError)) {
        this.log(`internal error in ${record.operation}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!res.destroyed) {
        sendError(res, serviceError, requestId);
      }
      finish(serviceError.status, serviceError.errorType);
    }
  }

  /**
   * STS GetCallerIdentity (stsQuery.ts): the caller is the signing key pair's `principalArn`,
   * else the same default as `createdBy`. Faults apply as to any operation (`emptyPage` does not);
   * errors are STS's XML.
   */
  private async handleSts(
    req: IncomingMessage,
    res: ServerResponse,
    r: { method: string; rawPath: string; query: Query; requestId: string; startedAt: number },
  ): Promise<void> {
    const record = recordFor(
      { operation: 'GetCallerIdentity', method: r.method, path: r.rawPath, query: r.query, requestId: r.requestId },
      req.headers.authorization,
    );
    this.requests.push(record);
    const xml = { 'content-type': 'text/xml' };
    const finish = (status: Outcome, errorType?: string): void => {
      record.status = typeof status === 'number' ? status : 0;
      record.durationMs = Math.round(performance.now() - r.startedAt);
      if (errorType) record.errorType = errorType;
      this.log(`GetCallerIdentity ${status}${errorType ? ` ${errorType}` : ''} ${record.durationMs}ms ${r.requestId}${record.fault ? ` fault=${record.fault}` : ''}`);
    };
    try {
      const body = await readBody(req);
      const key = await this.verifier.verify({ method: r.method, rawPath: r.rawPath, query: r.query, headers: req.headers, body }, STS_SIGNING_SERVICE);
      checkStsAction(parseQueryBody(body));
      const principalArn = key.principalArn ?? defaultPrincipalArn(this.store.accountId, key.sessionToken !== undefined);
      const decision = this.faults.take('GetCallerIdentity', false);
      if (decision.latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
      }
      const fault = decision.fault;
      if (fault && fault.kind !== 'emptyPage') {
        record.fault = fault.kind;
        const answered = this.answerWithFault(fault, req, res, finish, {
          // STS throttles with 400 and the code Throttling.
          throttleStatus: 400,
          accessDenied: () => callerIdentityDenied(principalArn),
          cutOffBody: () => sendText(res, 200, '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws', r.requestId, xml),
        });
        if (answered) {
          return;
        }
      }
      sendText(res, 200, callerIdentityXml(principalArn, this.store.accountId, r.requestId), r.requestId, xml);
      finish(200);
    } catch (error) {
      const serviceError = error instanceof ServiceError ? error : serviceErrors.internal();
      const { code, xml: text } = stsErrorXml(serviceError, r.requestId);
      if (!res.destroyed) {
        sendText(res, serviceError.status, text, r.requestId, xml);
      }
      finish(serviceError.status, code);
    }
  }

  /**
   * Answers a request with a fault, EMR Serverless's or STS's alike; returns true when the request
   * is done with. Throws error-type faults (as `ServiceError`, which each protocol writes its own
   * way). `answers` holds what differs by protocol; without `emptyPage`, that fault is ignored.
   */
  private answerWithFault(
    fault: FaultSpec,
    req: IncomingMessage,
    res: ServerResponse,
    finish: (status: Outcome, errorType?: string) => void,
    answers: FaultAnswers,
  ): boolean {
    switch (fault.kind) {
      case 'emptyPage':
        if (!answers.emptyPage) {
          return false;
        }
        answers.emptyPage();
        finish(200);
        return true;
      case 'throttle':
        throw serviceErrors.throttling(fault.status ?? answers.throttleStatus);
      case 'http500':
        throw serviceErrors.internal();
      case 'http503':
        throw serviceErrors.unavailable();
      case 'expiredToken':
        throw serviceErrors.expiredToken();
      case 'accessDenied':
        throw answers.accessDenied();
      case 'regionNotEnabled':
        // What AWS answers in an opt-in Region the account has not enabled: the Region does
        // not know the account's credentials.
        throw serviceErrors.unrecognizedClient();
      case 'malformedJson':
        answers.cutOffBody();
        finish(200);
        return true;
      case 'dropConnection':
        req.socket.destroy();
        finish('dropped');
        return true;
      case 'hang':
        // Never answered: the request stays open until the client gives up or the server closes.
        res.on('close', () => finish('abandoned'));
        return true;
      case 'latency':
        return false;
    }
  }

}

/** What a fault's answer looks like in one protocol (EMR Serverless's restJson1, STS's query/XML). */
interface FaultAnswers {
  /** The status of a `throttle` fault that names none: 429 for EMR Serverless, 400 for STS. */
  readonly throttleStatus: 400 | 429;
  /** The protocol's access-denied error for this request. */
  readonly accessDenied: () => ServiceError;
  /** Sends a 200 whose body is cut off mid-document (the `malformedJson` fault). */
  readonly cutOffBody: () => void;
  /** Sends a page with no items but a token; absent for operations without pages. */
  readonly emptyPage?: () => void;
}

function resourceArn(store: SessionStore, route: Route): string {
  const { region, accountId } = store;
  if (route.applicationId === undefined) {
    return `arn:aws:emr-serverless:${region}:${accountId}:/applications/*`;
  }
  if (route.sessionId === undefined) {
    return applicationArn(region, accountId, route.applicationId);
  }
  return sessionArn(region, accountId, route.applicationId, route.sessionId);
}

/** A small number from a region's name, so that each region's generated data differs. */
function seedOfName(name: string): number {
  let n = 0;
  for (const c of name) {
    n = (n * 31 + c.charCodeAt(0)) % 1_000_003;
  }
  return n;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(serviceErrors.payloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
