import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The request's id (x-request-id, made by Fastify when the caller sent none), for the access log. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest<{ id?: string }>().id;
});
