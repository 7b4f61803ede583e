/**
 * SigV4 verification. The Authorization header names the access key, the credential scope
 * and the signed headers; the verifier recomputes the signature over the request as received
 * (method, raw path, query, the listed headers, the body hash) with SignatureV4 from
 * @smithy/signature-v4 and compares. Failures answer as AWS does:
 * no Authorization header: MissingAuthenticationTokenException (403); a malformed one:
 * IncompleteSignatureException (400); unknown access key or a wrong/missing session token:
 * UnrecognizedClientException (403); a key marked expired: ExpiredTokenException (403); wrong
 * service in the scope, a signature that does not match, or a request date more than 15 minutes
 * away from the real time: InvalidSignatureException (403). Any region is accepted.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { KeyPair, KeyRing } from './credentials';
import { serviceErrors } from './serviceErrors';
import { Sha256 } from './sha256';

export const SIGNING_SERVICE = 'emr-serverless';
const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** Path as received, still percent-encoded. */
  rawPath: string;
  /** Decoded query parameters. */
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`. */
export function parseAuthorization(header: string): Authorization {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!match) {
    throw serviceErrors.incompleteSignature(`Authorization header requires the AWS4-HMAC-SHA256 algorithm.`);
  }
  const parts = new Map<string, string>();
  for (const piece of (match[1] as string).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) {
      parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
    }
  }
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw serviceErrors.incompleteSignature(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
    );
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope.some((s) => s.length === 0) || scope[4] !== 'aws4_request') {
    throw serviceErrors.incompleteSignature(
      `Credential should be scoped to a valid region, service and terminator; got '${credential.split('/').slice(1).join('/')}'.`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) {
    return undefined;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export class SigV4Verifier {
  constructor(
    private readonly keys: KeyRing,
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** Returns the key pair that signed the request; throws the AWS error otherwise. */
  async verify(req: SignedRequest, service: string = SIGNING_SERVICE): Promise<KeyPair> {
    const header = headerValue(req.headers, 'authorization');
    if (!header) {
      throw serviceErrors.missingAuthenticationToken();
    }
    const auth = parseAuthorization(header);
    if (auth.service !== service) {
      throw serviceErrors.invalidSignature(`Credential should be scoped to correct service: '${service}'.`);
    }
    const key = this.keys.get(auth.accessKeyId);
    if (!key) {
      throw serviceErrors.unrecognizedClient();
    }
    if (key.expired) {
      throw serviceErrors.expiredToken();
    }
    const token = headerValue(req.headers, 'x-amz-security-token');
    if ((key.sessionToken ?? undefined) !== (token ?? undefined)) {
      throw serviceErrors.unrecognizedClient();
    }
    const amzDate = headerValue(req.headers, 'x-amz-date');
    const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (!amzDate || !signingDate) {
      throw serviceErrors.incompleteSignature("Authorization header requires existence of a valid 'X-Amz-Date' header.");
    }
    if (amzDate.slice(0, 8) !== auth.date) {
      throw serviceErrors.invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}'.`);
    }
    const skew = signingDate.getTime() - this.wallClock();
    if (Math.abs(skew) > MAX_SKEW_MS) {
      throw serviceErrors.invalidSignature(`Signature expired: ${amzDate} is now ${skew < 0 ? 'earlier' : 'later'} than the allowed 15 minutes from the server time.`);
    }
    const expected = await this.expectedSignature(req, auth, key, signingDate, service);
    const given = Buffer.from(auth.signature, 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw serviceErrors.invalidSignature();
    }
    return key;
  }

  private async expectedSignature(req: SignedRequest, auth: Authorization, key: KeyPair, signingDate: Date, service: string): Promise<string> {
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = headerValue(req.headers, name);
      if (value === undefined) {
        throw serviceErrors.invalidSignature();
      }
      headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, values] of Object.entries(req.query)) {
      query[k] = values.length === 1 ? (values[0] as string) : values;
    }
    const signer = new SignatureV4({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
      region: auth.region,
      service,
      sha256: Sha256,
      uriEscapePath: true,
      applyChecksum: false,
    });
    const host = headerValue(req.headers, 'host') ?? '';
    const signed = await signer.sign(
      { method: req.method, protocol: 'http:', hostname: host, path: req.rawPath, query, headers, body: req.body.length > 0 ? req.body : undefined },
      { signingDate, signableHeaders: new Set(auth.signedHeaders), signingRegion: auth.region, signingService: service },
    );
    const authorization = signed.headers['authorization'] ?? '';
    return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
  }
}
