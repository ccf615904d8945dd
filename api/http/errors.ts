/**
 * Every error an API handler answers with, one class per HTTP status, so handlers throw and
 * callers (and tests) branch on types. Anything that is not an `HttpError` becomes a 500 whose
 * body never carries the original message (it is logged instead).
 */

/** Per-field messages, keyed by the field's name (or JSON pointer for nested fields). */
export type FieldErrors = Readonly<Record<string, string>>;

export class HttpError extends Error {
  readonly status: number;
  readonly details: FieldErrors | undefined;
  /** Extra response headers, e.g. `WWW-Authenticate`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    details?: FieldErrors,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  /** The JSON body API Gateway style: `{"message": ...}`, plus `details` when there are field errors. */
  toBody(): { message: string; details?: FieldErrors } {
    return this.details
      ? { message: this.message, details: this.details }
      : { message: this.message };
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, details?: FieldErrors) {
    super(400, message, details);
  }
}

/** A body or parameter that breaks its JSON Schema; `details` says what is wrong with each field. */
export class ValidationError extends BadRequestError {
  constructor(details: FieldErrors, message = 'Invalid request') {
    super(message, details);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'Unauthorized') {
    super(401, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Not found') {
    super(404, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message);
  }
}

export class PreconditionFailedError extends HttpError {
  constructor(message: string) {
    super(412, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, `Request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(message = 'Content-Type must be application/json') {
    super(415, message);
  }
}

/** RFC 6585: the server requires the request to be conditional (here: a version for PUT). */
export class PreconditionRequiredError extends HttpError {
  constructor(message: string) {
    super(428, message);
  }
}
