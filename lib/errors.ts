/**
 * Typed errors thrown by the domain and mapped to HTTP answers in one place
 * (`http/errors.ts`). Each carries a stable machine-readable `code` and a message that
 * is safe to show to the client.
 *
 * @module
 */

/** Field-level problems attached to a validation error: path -> message. */
export type ErrorDetails = Record<string, unknown>;

/** Base class of every error the app answers on purpose (never a 500). */
export class AppError extends Error {
  constructor(
    /** HTTP status this error maps to. */
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    /** Stable machine-readable code, e.g. `not_found`. */
    readonly code: string,
    message: string,
    /** Optional structured details (for validation: the fields named). */
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule; `details` names the fields. */
export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetails, code = "validation_failed") {
    super(400, code, message, details);
  }
}

/** No valid credentials were presented. */
export class UnauthorizedError extends AppError {
  constructor(message = "Sign in to continue.", code = "unauthenticated") {
    super(401, code, message);
  }
}

/** Credentials are valid but the role or origin does not allow the action. */
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do that.", code = "forbidden") {
    super(403, code, message);
  }
}

/** The resource does not exist in the caller's workspace (other tenants' ids included). */
export class NotFoundError extends AppError {
  constructor(what = "Resource", code = "not_found") {
    super(404, code, `${what} not found.`);
  }
}

/** The request conflicts with the current state (duplicate email, last admin...). */
export class ConflictError extends AppError {
  constructor(message: string, code = "conflict") {
    super(409, code, message);
  }
}

/** Too many requests; `retryAfter` is in whole seconds. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfter: number, message = "Too many attempts. Try again later.") {
    super(429, "rate_limited", message, { retryAfter });
  }
}
