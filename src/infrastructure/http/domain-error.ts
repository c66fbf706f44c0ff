import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from './error-messages.js';

export interface FieldError {
  /** Path of the bad field, e.g. `reporter.email` or `concerns[3].areaCode`. */
  field: string;
  message: string;
  /** The validation rule that refused it (class-validator's constraint name), for its message in other languages; not sent. */
  rule?: string;
}

/**
 * A business error with a stable code (clients branch on `code`, never on the message).
 * The ProblemDetailsFilter turns it into application/problem+json, its `detail` the code's message
 * (error-messages.ts) in the reader's language; `message` is for the logs.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  static notFound(what: string, id: string) {
    return new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, `${what} ${id} not found`);
  }

  static validation(errors: FieldError[], message = 'The request has invalid fields') {
    return new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, message, errors);
  }

  static conflict(code: ErrorCode, message: string, extra?: Record<string, unknown>) {
    return new DomainError(code, HttpStatus.CONFLICT, message, undefined, extra);
  }
}
