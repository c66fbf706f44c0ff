import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  orgUnitId: string | null;
}

export { IS_PUBLIC, Public } from '../../infrastructure/http/public.js';
export const ROLES_KEY = 'auth:roles';

/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
