import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Path of the bad field, e.g. `reporter.email` or `concerns[3].areaCode`. */
  field: string;
  message: string;
}

/**
 * A business error with a stable code (clients branch on `code`, never on the message).
 * The ProblemDetailsFilter turns it into application/problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
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

  static conflict(code: string, message: string, extra?: Record<string, unknown>) {
    return new DomainError(code, HttpStatus.CONFLICT, message, undefined, extra);
  }
}
