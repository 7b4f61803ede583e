/**
 * restJson1 on the wire: JSON bodies with timestamps as epoch seconds (JSON numbers, fractional
 * when the time has milliseconds), `x-amzn-requestid` on every response, errors named in
 * `x-amzn-errortype` with a `{"message": "..."}` body.
 */
import type { ServerResponse } from 'node:http';
import type { ServiceError } from './serviceErrors';

/** Epoch seconds of a Date (e.g. 1700000000.123). */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** JSON text of a response body; Date values become epoch seconds. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? toEpochSeconds(raw) : value;
  });
}

function baseHeaders(requestId: string, length: number): Record<string, string | number> {
  return {
    'content-type': 'application/json',
    'content-length': length,
    'x-amzn-requestid': requestId,
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  sendText(res, status, toWireJson(body), requestId);
}

/** Sends a body verbatim (also used for deliberately broken JSON). */
export function sendText(res: ServerResponse, status: number, text: string, requestId: string, extra: Record<string, string> = {}): void {
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...baseHeaders(requestId, payload.length), ...extra });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: ServiceError, requestId: string): void {
  sendText(res, error.status, JSON.stringify({ message: error.message }), requestId, { 'x-amzn-errortype': error.errorType });
}
