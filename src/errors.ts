/**
 * Domain errors carry a stable `code` integrators can switch on, and a `kind` the HTTP layer maps to a status.
 * Domain code never names HTTP statuses.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'locked'
  | 'rate_limited'
  | 'unavailable';

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly extra: Record<string, unknown>;

  constructor(kind: ErrorKind, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.extra = extra;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super('not_found', `${resource}_not_found`, `No ${resource.replace(/_/g, ' ')} with id ${id}.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super('conflict', code, message, extra);
  }
}

export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super('unprocessable', code, message, extra);
  }
}

/** A request field that passed schema validation but breaks a rule; reported like a validation error. */
export class FieldError extends DomainError {
  constructor(pointer: string, message: string, location: 'body' | 'query' | 'path' | 'header' = 'body') {
    super('bad_request', 'validation_failed', `${pointer.slice(1) || location} ${message}`, {
      errors: [{ pointer, location, message }],
    });
  }
}
