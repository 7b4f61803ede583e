/**
 * When the first request to a local endpoint went out and was answered, seen through Node's
 * `http.client.request.start` diagnostics channel: the same observer in the extension host and
 * in the bare Node process it is compared with (coldListingFloor.ts), so both are timed alike.
 */
import * as diagnostics from 'diagnostics_channel';
import type { ClientRequest } from 'http';
import type { Socket } from 'net';

/** performance.now() of each step of the first request to `port`; undefined until it happens. */
export interface RequestMarks {
  /** The SDK created the Node request (credentials resolved, request signed). */
  started?: number;
  /** Its socket connected. */
  connected?: number;
  /** The request was written, to the socket or to its buffer while it connected. */
  sent?: number;
  /** The answer's status line and headers arrived: the first byte. */
  firstByte?: number;
}

/** Starts watching for the first request to 127.0.0.1:`port`; `stop()` unsubscribes. */
export function watchFirstRequest(port: number): { readonly marks: RequestMarks; stop(): void } {
  const marks: RequestMarks = {};
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (marks.started !== undefined || !requestGoesTo(request, port)) {
      return;
    }
    marks.started = performance.now();
    // Node publishes the request once it has its socket (recent versions), or before.
    const onSocket = (socket: Socket) => {
      if (socket.connecting) {
        socket.once('connect', () => (marks.connected = performance.now()));
      } else {
        marks.connected ??= performance.now();
      }
    };
    if (request.socket) {
      onSocket(request.socket as Socket);
    } else {
      request.once('socket', onSocket);
    }
    // 'finish' can come before the socket connects (the request waits in its buffer): the
    // request goes out at the later of the two.
    request.once('finish', () => (marks.sent = performance.now()));
    request.once('response', () => (marks.firstByte = performance.now()));
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  return { marks, stop: () => diagnostics.unsubscribe('http.client.request.start', onStart) };
}

function requestGoesTo(request: ClientRequest, port: number): boolean {
  const host = request.getHeader('host');
  return typeof host === 'string' && host.endsWith(`:${port}`);
}

/** The steps of a cold first listing, in ms from the click (or, bare, from loading the SDK). */
export interface ColdListingSteps {
  /** To the SDK loaded (the extension's deferred `import()` of its AWS side). */
  readonly sdkLoadedMs: number;
  /** To the SDK client created (the extension: its EmrApi, with the Region resolved). */
  readonly clientCreatedMs: number;
  /** To the Node request created: credentials resolved from the profile, request signed. */
  readonly requestStartedMs: number;
  readonly connectedMs: number;
  /** To the request gone out: what the ratio compares. */
  readonly sentMs: number;
  readonly firstByteMs: number;
  /** To the rows (extension) or the parsed page (bare SDK). */
  readonly answeredMs: number;
}

/** Steps from marks taken on one clock; throws naming the first step that never happened. */
export function coldListingSteps(
  start: number,
  marks: { sdkLoaded?: number; clientCreated?: number; answered?: number } & RequestMarks,
): ColdListingSteps {
  const step = (name: string, at: number | undefined) => {
    if (at === undefined) {
      throw new Error(`the cold first listing never reached "${name}"`);
    }
    return at - start;
  };
  return {
    sdkLoadedMs: step('SDK loaded', marks.sdkLoaded),
    clientCreatedMs: step('client created', marks.clientCreated),
    requestStartedMs: step('request started', marks.started),
    connectedMs: step('connected', marks.connected),
    sentMs: Math.max(step('request sent', marks.sent), step('connected', marks.connected)),
    firstByteMs: step('first byte', marks.firstByte),
    answeredMs: step('answered', marks.answered),
  };
}
