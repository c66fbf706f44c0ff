/** HTTP Basic credentials, as a browser sends them to /admin/queues, /docs and /metrics. */
export function basic(user: string, password: string): { authorization: string } {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** The demo admin's Basic credentials (the operator surfaces take an active admin). */
export const ADMIN_BASIC = basic('admin@demo.local', 'demo-2026');
