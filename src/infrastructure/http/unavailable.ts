/** Seconds a client is told to wait when PostgreSQL or Redis cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);
// SQLSTATE: class 08 connection exceptions; 57P01–57P03 admin/crash shutdown, cannot connect now; 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
// What pg, the TypeORM pool and ioredis say when the server is gone (they set no code).
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /Reached the max retries per request limit/i,
  /Stream isn't writeable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether an error means PostgreSQL or Redis is unreachable (not a bug): the answer is then 503
 * with Retry-After. The error is searched through TypeORM's `driverError`, `cause` and
 * AggregateError's `errors` (a refused connection to `localhost` tries ::1 and 127.0.0.1).
 */
export function isInfrastructureUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length && seen.size < 20) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, name, message, driverError, cause, errors } = e as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    stack.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}
