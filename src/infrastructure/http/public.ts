import { SetMetadata } from '@nestjs/common';

/**
 * Metadata key of @Public(). It lives here, not in the auth module, because infrastructure
 * controllers (health, metrics) mark routes public and infrastructure imports no module; auth's
 * guard reads it and auth re-exports both.
 */
export const IS_PUBLIC = 'auth:public';

/** The route needs no token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
