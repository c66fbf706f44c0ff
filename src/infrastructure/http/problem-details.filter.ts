import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldError } from './domain-error.js';

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

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
};

/** Maps any thrown value (domain error, Nest HTTP exception, Fastify error) to RFC 9457 problem details. */
export function toProblem(error: unknown, request?: { url?: string; id?: string }): Problem {
  let status = HttpStatus.INTERNAL_SERVER_ERROR;
  let code = 'INTERNAL_ERROR';
  let detail = 'An unexpected error occurred';
  let errors: FieldError[] | undefined;
  let extra: Record<string, unknown> = {};

  if (error instanceof DomainError) {
    status = error.status;
    code = error.code;
    detail = error.message;
    errors = error.errors;
    extra = error.extra ?? {};
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  } else if (isFastifyError(error)) {
    // Errors raised by Fastify before the handler: body too large, malformed JSON, wrong content type.
    status = error.statusCode;
    code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
    detail = error.message;
  }
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request?.url,
    requestId: request?.id,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

function isFastifyError(e: unknown): e is Error & { statusCode: number; code?: string } {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return e instanceof Error && typeof status === 'number' && status >= 400 && status < 600;
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(problem.retryAfterSeconds));
  }
  return reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = toProblem(exception, { url: request.url, id: request.id });
    if (problem.status >= 500) {
      this.logger.error({ err: exception, reqId: request.id }, 'request failed');
    }
    return sendProblem(reply, problem);
  }
}
