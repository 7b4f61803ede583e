/**
 * Fault injection. A fault targets one operation or all ('*'), optionally only the first page
 * of a listing (`page: 'first'`, requests without nextToken; every non-list request counts as
 * a first page) or only later pages (`page: 'later'`, requests with nextToken). It fires on
 * `times` matching requests (default: unlimited) and then stops. Latency faults add up and
 * the request then proceeds; of the other faults, the first matching one (in injection order)
 * answers the request in its place.
 *
 * A fault with a `region` hits only requests signed for that region (the SigV4 credential
 * scope), so one endpoint can play several regions that answer differently.
 *
 * `emptyPage` is not an error: it answers a list request (ListApplications, ListSessions) with
 * 200, no items and a nextToken that resumes at the position the request asked for, as the
 * service may do under a filter. It only matches list operations, also under '*'.
 */
import type { EndpointOperationName, OperationName } from './model';

/** The operations that answer pages; the only ones an `emptyPage` fault applies to. */
export const LIST_OPERATIONS: readonly OperationName[] = ['ListApplications', 'ListSessions'];

/** What one fault kind does; the CLI's --help lists these lines. */
export interface FaultKindInfo {
  /** One line: what the endpoint answers in the request's place. */
  readonly description: string;
  /** Whether a client sees an error (after its retries, when the fault keeps firing). */
  readonly producesError: boolean;
}

/** Every fault kind the endpoint can inject: the one list the CLI, its help and the fault matrices read. */
export const FAULT_TABLE = {
  latency: { description: 'delays the answer by the given ms, then the request proceeds; several add up', producesError: false },
  throttle: { description: 'ThrottlingException, HTTP 429 (or 400 with status=400)', producesError: true },
  http500: { description: 'InternalServerException (500)', producesError: true },
  http503: { description: 'ServiceUnavailableException (503)', producesError: true },
  accessDenied: { description: 'AccessDeniedException (403) naming the action and resource', producesError: true },
  expiredToken: { description: 'ExpiredTokenException (403)', producesError: true },
  malformedJson: { description: '200 with a broken JSON body', producesError: true },
  dropConnection: { description: 'the socket is destroyed without an answer', producesError: true },
  hang: { description: 'no answer until the client aborts or the server closes', producesError: true },
  regionNotEnabled: {
    description: 'UnrecognizedClientException (403), as AWS answers in an opt-in Region the account has not enabled',
    producesError: true,
  },
  emptyPage: {
    description: 'list operations only: 200 with no items and a nextToken that resumes at the same position',
    producesError: false,
  },
} as const satisfies Record<string, FaultKindInfo>;

export type FaultKind = keyof typeof FAULT_TABLE;

export const FAULT_KINDS = Object.keys(FAULT_TABLE) as readonly FaultKind[];

/** The kinds a client sees as an error; a fault matrix must cover each of them. */
export const ERROR_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => FAULT_TABLE[kind].producesError);

export interface FaultSpec {
  operation: EndpointOperationName | '*';
  kind: FaultKind;
  /** How many matching requests it hits; unlimited when absent. */
  times?: number;
  /** For 'latency': the delay added, in ms. */
  latencyMs?: number;
  page?: 'first' | 'later';
  /** For 'throttle': HTTP status of the ThrottlingException, 429 (default) or 400. */
  status?: 400 | 429;
  /** Only requests signed for this region (the SigV4 credential scope); every region when absent. */
  region?: string;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export interface FaultDecision {
  /** Total latency to add before answering (ms). */
  latencyMs: number;
  /** The fault that answers the request instead of the operation, if any. */
  fault?: FaultSpec;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    if (!(FAULT_KINDS as readonly string[]).includes(spec.kind)) {
      throw new Error(`unknown fault kind ${String(spec.kind)}`);
    }
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`fault times must be a positive integer, got ${spec.times}`);
    }
    if (spec.kind === 'latency' && (spec.latencyMs === undefined || !(spec.latencyMs >= 0))) {
      throw new Error('a latency fault needs latencyMs >= 0');
    }
    if (spec.kind === 'emptyPage' && spec.operation !== '*' && !(LIST_OPERATIONS as readonly string[]).includes(spec.operation)) {
      throw new Error(`an emptyPage fault applies only to ${LIST_OPERATIONS.join(' and ')}, not ${spec.operation}`);
    }
    if (spec.status !== undefined && spec.status !== 400 && spec.status !== 429) {
      throw new Error('a throttle fault status must be 400 or 429');
    }
    this.active.push({ spec: { ...spec }, remaining: spec.times ?? Infinity });
  }

  clear(): void {
    this.active = [];
  }

  /** The faults still armed, with their remaining counts folded into `times`. */
  list(): FaultSpec[] {
    return this.active.map(({ spec, remaining }) =>
      Number.isFinite(remaining) ? { ...spec, times: remaining } : { ...spec },
    );
  }

  /**
   * Decides what happens to one request, consuming the counts of the faults that fire.
   * `region`: the region the request is signed for.
   */
  take(operation: EndpointOperationName, hasNextToken: boolean, region?: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const f of this.active) {
      if (f.remaining <= 0 || !matches(f.spec, operation, hasNextToken) || (f.spec.region !== undefined && f.spec.region !== region)) {
        continue;
      }
      if (f.spec.kind === 'latency') {
        decision.latencyMs += f.spec.latencyMs ?? 0;
        f.remaining--;
      } else if (!decision.fault) {
        decision.fault = f.spec;
        f.remaining--;
      }
    }
    this.active = this.active.filter((f) => f.remaining > 0);
    return decision;
  }
}

function matches(spec: FaultSpec, operation: EndpointOperationName, hasNextToken: boolean): boolean {
  if (spec.operation !== '*' && spec.operation !== operation) {
    return false;
  }
  if (spec.kind === 'emptyPage' && !(LIST_OPERATIONS as readonly string[]).includes(operation)) {
    return false;
  }
  if (spec.page === 'first') {
    return !hasNextToken;
  }
  if (spec.page === 'later') {
    return hasNextToken;
  }
  return true;
}
