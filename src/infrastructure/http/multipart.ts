import fastifyMultipart from '@fastify/multipart';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error.js';

/**
 * Route config of the few routes that take a file (`@RouteConfig(MULTIPART_ROUTE)`): they read
 * multipart/form-data, streamed by the handler; every other route stays JSON only.
 */
export const MULTIPART_ROUTE = { multipart: true } as const;

function isMultipartRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { multipart?: boolean } | undefined)?.multipart === true;
}

/**
 * Adds multipart/form-data for the routes marked MULTIPART_ROUTE only. @fastify/multipart's parser
 * reads nothing (the handler streams the parts from the request); a multipart body sent to any
 * other route answers 415 as before, and a marked route answers 415 to anything but multipart.
 * Busboy's limits bound a request to one file of at most `fileSize` bytes and a few short fields.
 */
export function registerMultipartUploads(fastify: FastifyInstance, fileSize: number) {
  void fastify.register(fastifyMultipart, {
    limits: { fileSize, files: 1, fields: 8, parts: 9, fieldSize: 1024, fieldNameSize: 64, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    const multipart = request.isMultipart?.() ?? false;
    if (multipart && !isMultipartRoute(request)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'This route reads application/json only', [
        { field: 'content-type', message: 'must be application/json' },
      ]);
    }
    if (!multipart && isMultipartRoute(request)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'This route reads multipart/form-data with one file part', [
        { field: 'content-type', message: 'must be multipart/form-data' },
      ]);
    }
  });
}
