/** Key pairs the endpoint accepts. */

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry exactly this x-amz-security-token. */
  sessionToken?: string;
  /** When true, requests signed with this key get ExpiredTokenException. */
  expired?: boolean;
  /** Caller identity (used in AccessDenied messages and as createdBy of started sessions). */
  principalArn?: string;
}

/** The documented test key pair accepted by default. Region: any. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIALOCALEMRTEST0001';
export const DEFAULT_SECRET_ACCESS_KEY = 'localEmrTestSecretKey0000000000000000000';
export const DEFAULT_KEY_PAIR: KeyPair = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
};

/**
 * A documented test key pair with a session token, as temporary (STS or SSO) credentials
 * have. Not accepted unless given in `credentials`.
 */
export const SESSION_KEY_PAIR: KeyPair = {
  accessKeyId: 'ASIALOCALEMRSESSION1',
  secretAccessKey: 'localEmrSessionSecretKey0000000000000000',
  sessionToken: 'localEmrSessionToken0000000000000000000000000000000000000000000000000000',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob',
};

export class KeyRing {
  private readonly byId = new Map<string, KeyPair>();

  constructor(pairs: readonly KeyPair[] = [DEFAULT_KEY_PAIR]) {
    for (const pair of pairs) {
      this.add(pair);
    }
  }

  /** Adds or replaces the key pair with this access key id. */
  add(pair: KeyPair): void {
    if (!pair.accessKeyId || !pair.secretAccessKey) {
      throw new Error('a key pair needs an access key id and a secret access key');
    }
    this.byId.set(pair.accessKeyId, { ...pair });
  }

  get(accessKeyId: string): KeyPair | undefined {
    return this.byId.get(accessKeyId);
  }
}
