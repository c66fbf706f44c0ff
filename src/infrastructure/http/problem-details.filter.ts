import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldError } from './domain-error.js';
import { errorMessage, type ErrorCode, languageOf, problemTitle } from './error-messages.js';
import { localizeFieldError } from './field-labels.js';
import { isInfrastructureUnavailable, RETRY_AFTER_SECONDS } from './unavailable.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** The input a Fastify error is about, named as a validation error would name it. */
const FASTIFY_FIELD_ERRORS: Record<string, FieldError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { field: 'content-type', message: 'must be application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { field: 'content-length', message: 'does not match the body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { field: 'body', message: 'is larger than the limit' },
  FST_ERR_BAD_URL: { field: 'path', message: 'is not valid percent-encoded UTF-8' },
};

/**
 * Maps any thrown value (domain error, Nest HTTP exception, Fastify error) to RFC 9457 problem
 * details. `title`, `detail` and the field errors' messages are in the request's language
 * (Accept-Language: Vietnamese unless English is preferred); `code` and the extra fields are the
 * same in every language. The thrown error's own message stays in the logs.
 */
export function toProblem(error: unknown, request?: { url?: string; id?: string; headers?: Record<string, string | string[] | undefined> }): Problem {
  const lang = languageOf(request?.headers?.['accept-language']);
  let status = HttpStatus.INTERNAL_SERVER_ERROR;
  let code: string = 'INTERNAL_ERROR';
  let errors: FieldError[] | undefined;
  let extra: Record<string, unknown> = {};

  if (error instanceof DomainError) {
    status = error.status;
    code = error.code;
    errors = error.errors;
    extra = error.extra ?? {};
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
    const body = error.getResponse();
    // The health check's 503 says which dependency is down: keep that in the answer.
    const checks = typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : undefined;
    if (checks && typeof checks === 'object') extra = { checks };
    // Nest wraps Fastify's own 4xx errors (content type, body size) with the original as the cause.
    const named = fastifyFieldError(error.cause);
    if (named) {
      errors = [named];
      if (status === 400) code = 'VALIDATION_FAILED';
    }
  } else if (isFastifyError(error) && error.statusCode < 500) {
    // Errors raised by Fastify before the handler: body too large, bad URL encoding, wrong content type.
    status = error.statusCode;
    code = status === 400 ? 'VALIDATION_FAILED' : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
    const named = fastifyFieldError(error);
    if (named) errors = [named];
  } else if (isInfrastructureUnavailable(error)) {
    // PostgreSQL or Redis cannot be reached: nothing the client did, and worth trying again soon.
    status = HttpStatus.SERVICE_UNAVAILABLE;
    code = 'SERVICE_UNAVAILABLE';
    extra = { retryAfterSeconds: RETRY_AFTER_SECONDS };
  } else if (isFastifyError(error)) {
    status = error.statusCode;
    code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
  }
  if (status === 503 && extra.retryAfterSeconds === undefined) extra = { ...extra, retryAfterSeconds: RETRY_AFTER_SECONDS };
  return {
    type: 'about:blank',
    title: problemTitle(status, lang),
    status,
    code,
    detail: errorMessage(code, lang, extra),
    instance: request?.url,
    requestId: request?.id,
    ...(errors ? { errors: errors.map((e) => localizeFieldError(e, lang)) } : {}),
    ...extra,
  };
}

function fastifyFieldError(e: unknown): FieldError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? FASTIFY_FIELD_ERRORS[code] : undefined;
}

function isFastifyError(e: unknown): e is Error & { statusCode: number; code?: string } {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return e instanceof Error && typeof status === 'number' && status >= 400 && status < 600;
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  if (problem.status === 503 && typeof problem.retryAfterSeconds !== 'number') problem.retryAfterSeconds = RETRY_AFTER_SECONDS;
  if ((problem.status === 429 || problem.status === 503) && typeof problem.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(problem.retryAfterSeconds));
  }
  // The words depend on Accept-Language (toProblem): say so to caches, and which language they are in.
  void reply.header('vary', 'accept-language').header('content-language', languageOf(reply.request?.headers['accept-language']));
  return reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = toProblem(exception, request);
    if (problem.status === 503) {
      this.logger.warn({ err: exception, reqId: request.id }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, reqId: request.id }, 'request failed');
    }
    return sendProblem(reply, problem);
  }
}
