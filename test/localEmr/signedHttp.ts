/**
 * A minimal SigV4-signed HTTP client for requests the AWS SDK will not send (malformed
 * timestamps, unknown routes, unsigned requests), signed with SignatureV4 the way the SDK signs.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULT_KEY_PAIR, type KeyPair } from './credentials';
import { Sha256 } from './sha256';
import { SIGNING_SERVICE } from './sigv4Verifier';

export interface RawRequest {
  method?: string;
  /** Path as it goes on the wire (already percent-encoded), e.g. `/applications/abc/sessions`. */
  path: string;
  /** Decoded query values; repeated keys as arrays. */
  query?: Record<string, string | string[]>;
  body?: string;
  headers?: Record<string, string>;
  keyPair?: KeyPair;
  region?: string;
  service?: string;
  /** Send without an Authorization header. */
  unsigned?: boolean;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function encodeQuery(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
    }
  }
  return parts.join('&');
}

export async function signedRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const method = req.method ?? 'GET';
  const query = req.query ?? {};
  const headers: Record<string, string> = { host: url.host, ...(req.headers ?? {}) };
  if (req.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(req.body));
  }
  let finalHeaders = headers;
  if (!req.unsigned) {
    const key = req.keyPair ?? DEFAULT_KEY_PAIR;
    const signer = new SignatureV4({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
      region: req.region ?? 'us-east-1',
      service: req.service ?? SIGNING_SERVICE,
      sha256: Sha256,
      applyChecksum: false,
    });
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: req.path,
      query,
      headers,
      body: req.body,
    });
    finalHeaders = signed.headers;
  }
  const search = encodeQuery(query);
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: url.hostname, port: url.port, method, path: search ? `${req.path}?${search}` : req.path, headers: finalHeaders },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}
