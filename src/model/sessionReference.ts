import * as l10n from '@vscode/l10n';
/**
 * What a user pastes to go to one session: a session ID, or a session ARN, which also names
 * the application, the Region and the account. Forms from the EMR Serverless API reference:
 * `arn:PARTITION:emr-serverless:REGION:ACCOUNT:/applications/APP_ID/sessions/SESSION_ID` (with a
 * `/` right after the account's colon); application and session ids match `[0-9a-z]+`, 1 to 64
 * characters (the service model's ApplicationId and SessionId shapes).
 */

export type SessionReference =
  | { readonly kind: 'id'; readonly sessionId: string }
  | {
      readonly kind: 'arn';
      readonly partition: string;
      readonly region: string;
      readonly account: string;
      readonly applicationId: string;
      readonly sessionId: string;
    };

/** Thrown by parseSessionReference; its message says what is wrong and what is expected, for an input box. */
export class SessionReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionReferenceError';
  }
}

export const SESSION_ARN_FORM = 'arn:aws:emr-serverless:REGION:ACCOUNT:/applications/APPLICATION_ID/sessions/SESSION_ID';

const ID = /^[0-9a-z]{1,64}$/;
const SESSION_ARN = /^arn:([a-z][a-z0-9-]*):emr-serverless:([a-z0-9-]+):(\d{12}):\/applications\/([^/]+)\/sessions\/([^/]+)$/;
const APPLICATION_ARN = /^arn:[a-z][a-z0-9-]*:emr-serverless:[a-z0-9-]*:\d*:\/applications\/[^/]+\/?$/;

/**
 * Reads a session ID or session ARN; surrounding white space is ignored. Throws
 * SessionReferenceError for anything else (blank text, an application ARN, an ARN of another
 * service, an id with characters the service never uses).
 */
export function parseSessionReference(text: string): SessionReference {
  const value = text.trim();
  if (value === '') {
    throw new SessionReferenceError('Enter a session ID, such as 00fabc123def4567, or a session ARN.');
  }
  if (value.startsWith('arn:')) {
    if (APPLICATION_ARN.test(value)) {
      throw new SessionReferenceError(`This is an application ARN. Enter a session ARN: ${SESSION_ARN_FORM}.`);
    }
    const match = SESSION_ARN.exec(value);
    if (!match) {
      throw new SessionReferenceError(`This is not an EMR Serverless session ARN. A session ARN reads ${SESSION_ARN_FORM}.`);
    }
    const [, partition = '', region = '', account = '', applicationId = '', sessionId = ''] = match;
    if (!ID.test(applicationId) || !ID.test(sessionId)) {
      throw new SessionReferenceError('The application and session IDs in the ARN hold only lower-case letters and digits (1 to 64).');
    }
    return { kind: 'arn', partition, region, account, applicationId, sessionId };
  }
  if (!ID.test(value)) {
    throw new SessionReferenceError(
      `A session ID holds only lower-case letters and digits (1 to 64), such as 00fabc123def4567; a session ARN starts with "arn:".`,
    );
  }
  return { kind: 'id', sessionId: value };
}

/**
 * What to tell a user whose session GetSession did not find (ResourceNotFoundException): the
 * session, where it was looked for (the application's name or id, and the Region), and what to
 * check.
 */
export function sessionNotFoundMessage(sessionId: string, application: string, region: string): string {
  return (
    l10n.t('No session {0} in application {1} in {2}.', sessionId, application, region) +
    ' ' +
    l10n.t('Check the session ID, and for an ID alone the application chosen; a session ARN names both, and the Region.')
  );
}
