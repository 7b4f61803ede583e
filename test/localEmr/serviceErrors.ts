/**
 * Errors the endpoint answers with. The error name travels in the `x-amzn-errortype`
 * header and the body is `{"message": "..."}`, as restJson1 services do.
 */
export class ServiceError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

const MAX_ECHO = 100;

/** Quotes a caller-supplied value inside an error message, cut to a readable length. */
export function echo(value: string): string {
  return value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}...` : value;
}

export const serviceErrors = {
  /** Several constraint violations become one message, as the service reports them. */
  validation(messages: string | string[]): ServiceError {
    const list = typeof messages === 'string' ? [messages] : messages;
    const n = list.length;
    const text = `${n} validation error${n === 1 ? '' : 's'} detected: ${list.join('; ')}`;
    return new ServiceError('ValidationException', 400, text);
  },
  /** A ValidationException whose message is not a list of constraint violations. */
  invalidRequest(message: string): ServiceError {
    return new ServiceError('ValidationException', 400, message);
  },
  notFound(message: string): ServiceError {
    return new ServiceError('ResourceNotFoundException', 404, message);
  },
  conflict(message: string): ServiceError {
    return new ServiceError('ConflictException', 409, message);
  },
  /** The model's ServiceQuotaExceededException: HTTP 402 (sic), as the model's `httpStatusCode` says. */
  quotaExceeded(message: string): ServiceError {
    return new ServiceError('ServiceQuotaExceededException', 402, message);
  },
  internal(): ServiceError {
    return new ServiceError('InternalServerException', 500, 'An internal error occurred. Please retry your request.');
  },
  unavailable(): ServiceError {
    return new ServiceError('ServiceUnavailableException', 503, 'Service is unavailable. Please retry your request.');
  },
  throttling(status: 400 | 429): ServiceError {
    return new ServiceError('ThrottlingException', status, 'Rate exceeded');
  },
  accessDenied(principalArn: string, action: string, resourceArn: string): ServiceError {
    return new ServiceError(
      'AccessDeniedException',
      403,
      `User: ${principalArn} is not authorized to perform: emr-serverless:${action} on resource: ${resourceArn}`,
    );
  },
  expiredToken(): ServiceError {
    return new ServiceError('ExpiredTokenException', 403, 'The security token included in the request is expired');
  },
  unrecognizedClient(): ServiceError {
    return new ServiceError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
  },
  invalidSignature(message?: string): ServiceError {
    return new ServiceError(
      'InvalidSignatureException',
      403,
      message ??
        'The request signature we calculated does not match the signature you provided. ' +
          'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  },
  incompleteSignature(message: string): ServiceError {
    return new ServiceError('IncompleteSignatureException', 400, message);
  },
  missingAuthenticationToken(): ServiceError {
    return new ServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
  },
  unknownOperation(method: string, path: string): ServiceError {
    return new ServiceError('UnknownOperationException', 404, `No operation matches ${method} ${echo(path)}`);
  },
  payloadTooLarge(): ServiceError {
    return new ServiceError('ValidationException', 413, 'Request body is too large');
  },
};
