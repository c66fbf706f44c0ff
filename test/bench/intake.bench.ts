/**
 * npm run bench:intake [-- --seconds 30 --clients 64]
 *
 * Drives the running API with concurrent POST /api/v1/concerns and, in the same run, sends the
 * same-shape transaction (intake's statement, one concern per commit: case + concern + CREATED event)
 * straight to PostgreSQL through a pool of the same size, so the API figure reads as a ratio
 * of what the database alone sustains on this machine. Commits are durable (synchronous_commit
 * as the server has it, printed below). Prints throughput and p50/p95/p99 latency.
 */
import { Agent, request } from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { INSERT_CONCERNS_SQL, insertConcernsParams } from '../../src/modules/intake/concern-writer.js';
import { arg, closedLoop, freshDatabase, startApi, summary } from './bench-support.js';

const SECONDS = arg('seconds', 30);
const CLIENTS = arg('clients', 64);
const POOL = arg('pool', 20);

function body(i: number) {
  return JSON.stringify({
    channel: 'VOTER_MEETING',
    areaCode: 'X02',
    categoryCode: 'LAND',
    title: `Cử tri phản ánh chậm bồi thường giải phóng mặt bằng, ý kiến số ${i}`,
    description: 'Các hộ dân tổ dân phố 12 phản ánh việc chậm chi trả tiền bồi thường khi thu hồi đất làm đường trục phía Nam.',
    peopleAffected: 12,
    reporter: { name: 'Nguyễn Văn Bình', phone: '0912000111' },
  });
}

async function main() {
  const url = await freshDatabase('concern_desk_bench');
  const db = new pg.Pool({ connectionString: url, max: POOL });
  const [settings] = (await db.query(`SELECT current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync, version() AS v`)).rows;
  const [ref] = (
    await db.query(`SELECT (SELECT id FROM area WHERE code = 'X02') AS area, (SELECT id FROM category WHERE code = 'LAND') AS cat,
                           (SELECT id FROM app_user WHERE email = 'officer@demo.local') AS usr, (SELECT id FROM org_unit WHERE code = 'BTG') AS unit`)
  ).rows;
  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}; ${String(settings.v).split(',')[0]}; synchronous_commit=${settings.sc}, fsync=${settings.fsync}`,
  );
  console.log(`load: ${CLIENTS} concurrent clients, ${SECONDS}s per phase, database pool ${POOL}`);

  // 1. The same transaction straight to PostgreSQL.
  const raw = (i: number) => {
    const b = JSON.parse(body(i));
    return db
      .query({
        name: 'intake_insert_concerns', // the API's statement, prepared once per connection as the API does
        text: INSERT_CONCERNS_SQL,
        values: insertConcernsParams([{ ...b, areaId: ref.area, categoryId: ref.cat, sensitive: false, actorId: ref.usr, actorUnitId: ref.unit }]).params,
      })
      .then(() => true);
  };
  await closedLoop(CLIENTS, 3, raw); // warm-up
  const rawResult = summary(await closedLoop(CLIENTS, SECONDS, raw));

  // 2. The API, a separate process, over HTTP with keep-alive.
  const api = await startApi({ DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL) });
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'officer@demo.local', password: 'demo-2026' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const target = new URL('/api/v1/concerns', api.url);
  const post = (i: number) =>
    new Promise<boolean>((resolve) => {
      const payload = body(i);
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${accessToken}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 201));
        },
      );
      req.on('error', () => resolve(false));
      req.end(payload);
    });
  await closedLoop(CLIENTS, 3, post); // warm-up (JIT, pools)
  const apiResult = summary(await closedLoop(CLIENTS, SECONDS, post));
  api.child.kill('SIGTERM');
  agent.destroy();

  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM concern`)).rows;
  await db.end();

  console.log('\nphase                         req/s     p50 ms   p95 ms   p99 ms   errors');
  const row = (name: string, r: ReturnType<typeof summary>) =>
    console.log(
      `${name.padEnd(28)} ${String(r.perSecond).padStart(6)} ${String(r.p50).padStart(10)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  row('PostgreSQL direct (same tx)', rawResult);
  row('API POST /api/v1/concerns', apiResult);
  console.log(
    `\nAPI / raw throughput ratio: ${(apiResult.perSecond / rawResult.perSecond).toFixed(2)} (target >= 0.60); API p99 ${apiResult.p99} ms (target < 100 ms)`,
  );
  console.log(`rows written: ${n} concerns`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
