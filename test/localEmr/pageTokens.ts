/**
 * Page tokens: opaque, 1 to 1024 characters of [A-Za-z0-9_=-] (base64url). A token holds
 * the position after the last item returned (see listingOrder.ts) and a binding, a hash of the
 * listing's parameters (operation, application, normalised states, createdAt bounds; not the
 * page size), authenticated with an HMAC under a per-server secret. Tokens are deterministic:
 * the same position in the same listing always yields the same token, so a token can be
 * reused and returns the same page for the same page size. Forged, altered or foreign tokens
 * are rejected, and so is a token presented with other filters than it was issued for.
 *
 * A token handed out with an empty page (the `emptyPage` fault) also counts the empty pages
 * served in a row at that position, so that each one differs from the token that asked for it,
 * as the SDK paginators require (the same token twice in a row stops them).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SortKey } from './listingOrder';
import { serviceErrors } from './serviceErrors';

const VERSION = 1;
const MAC_BYTES = 16;

/** A short hash naming one listing (operation plus filters). */
export function listingBinding(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export class PageTokens {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  /** A token for the position after `key`; `emptyPages` > 0 marks one handed out with an empty page. */
  issue(binding: string, key: SortKey, emptyPages = 0): string {
    const fields: unknown[] = [VERSION, binding, key.g, key.t, key.i];
    if (emptyPages > 0) {
      fields.push(emptyPages);
    }
    const payload = Buffer.from(JSON.stringify(fields), 'utf8');
    return Buffer.concat([payload, this.mac(payload)]).toString('base64url');
  }

  /** The position a token stands for; throws ValidationException when it was not issued for this listing. */
  read(token: string, binding: string): SortKey {
    return this.readPosition(token, binding).after;
  }

  /** The position a token stands for and how many empty pages in a row led to it (0 for a plain token). */
  readPosition(token: string, binding: string): { after: SortKey; emptyPages: number } {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= MAC_BYTES || raw.toString('base64url') !== token) {
      throw invalid();
    }
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    const mac = raw.subarray(raw.length - MAC_BYTES);
    if (!timingSafeEqual(mac, this.mac(payload))) {
      throw invalid();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(parsed) || (parsed.length !== 5 && parsed.length !== 6) || parsed[0] !== VERSION) {
      throw invalid();
    }
    const [, tokenBinding, g, t, i, emptyPages = 0] = parsed as [number, unknown, unknown, unknown, unknown, unknown?];
    if (typeof g !== 'number' || typeof t !== 'number' || typeof i !== 'string' || typeof emptyPages !== 'number') {
      throw invalid();
    }
    if (tokenBinding !== binding) {
      throw serviceErrors.invalidRequest(
        'The nextToken does not belong to this request: it was issued for a listing with different parameters.',
      );
    }
    return { after: { g, t, i }, emptyPages };
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, MAC_BYTES);
  }
}

function invalid() {
  return serviceErrors.invalidRequest('The nextToken is invalid or expired.');
}
