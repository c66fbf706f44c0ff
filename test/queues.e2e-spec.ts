import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { concern, count, type Harness, startHarness } from './helpers/harness.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/**
 * Queues that scale: exact totals, sorts, filters and pages of the case list and the agency inbox,
 * search by case code and reporter phone (need-to-know), bulk actions with per-case results, saved
 * views, and the cases behind the leaders' figures.
 */
describe('queues: lists with totals, sorts, filters, pages, search, bulk actions and drill-down', () => {
  let h: Harness;
  let d: Desk;
  let officer: string;
  let triage: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
    officer = await d.as('officer@demo.local');
    triage = await d.as('triage@demo.local');
  });

  /** Logs `n` concerns in batches (each a case), returns the case ids in order. */
  async function batch(n: number, make: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < n; start += 500) {
      const size = Math.min(500, n - start);
      const res = await h.api.post(
        '/api/v1/concerns/batch',
        { concerns: Array.from({ length: size }, (_, i) => concern(make(start + i))) },
        { token: officer },
      );
      expect(res.status).toBe(201);
      ids.push(...res.body.items.map((i: { caseId: string }) => i.caseId));
    }
    return ids;
  }

  const list = (qs: string, token = triage) => h.api.get(`/api/v1/cases?${qs}`, { token });
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

  /** Every page of a list, asserting the total stays the same on each. */
  async function allPages(path: string, token: string, pageSize: number): Promise<{ seen: string[]; total: number; pages: number }> {
    const seen: string[] = [];
    let total = -1;
    let pages = 0;
    for (let page = 1; ; page++) {
      const res = await h.api.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`, { token });
      expect(res.status).toBe(200);
      if (total === -1) total = res.body.total;
      expect(res.body.total).toBe(total);
      if (!res.body.items.length) break;
      pages++;
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
    }
    return { seen, total, pages };
  }

  describe('GET /cases', () => {
    let cases: string[];

    beforeEach(async () => {
      // 30 cases received a day apart (the oldest first), in three channels and two areas, with growing numbers affected.
      cases = await batch(30, (i) => ({
        title: `Phản ánh số ${i}`,
        channel: ['PETITION', 'VOTER_MEETING', 'HOTLINE'][i % 3],
        areaCode: i < 10 ? 'X03' : 'X02',
        peopleAffected: i * 10,
        reporter: { name: `Người phản ánh ${i}`, phone: `0912 000 ${String(i).padStart(3, '0')}` },
      }));
      await h.sql(
        `UPDATE cases SET created_at = now() - ((30 - idx) || ' days')::interval FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, idx) WHERE cases.id = t.id`,
        [cases],
      );
      await h.sql(`UPDATE cases SET priority = 'URGENT' WHERE id = ANY($1::uuid[])`, [[cases[20], cases[25]]]);
      await h.sql(`UPDATE cases SET priority = 'LOW' WHERE id = $1`, [cases[0]]);
    });

    it('answers the exact total and sorts oldest, newest, by priority and by people affected', async () => {
      const oldest = await list('sort=oldest&pageSize=5');
      expect(oldest.status).toBe(200);
      expect(oldest.body).toMatchObject({ total: 30, page: 1, pageSize: 5, sort: 'oldest' });
      expect(ids(oldest)).toEqual(cases.slice(0, 5));
      expect(ids(await list('sort=newest&pageSize=5'))).toEqual(cases.slice(25).reverse());
      // Without a sort: newest first, as before.
      expect(ids(await list('pageSize=3'))).toEqual([cases[29], cases[28], cases[27]]);
      // Priority: the urgent ones (oldest first among them), then normal by age; the low one last.
      const byPriority = ids(await list('sort=priority&pageSize=100'));
      expect(byPriority.slice(0, 3)).toEqual([cases[20], cases[25], cases[1]]);
      expect(byPriority[29]).toBe(cases[0]);
      expect(ids(await list('sort=affected&pageSize=3'))).toEqual([cases[29], cases[28], cases[27]]);
    });

    it('sorts by deadline: the lead agency’s open answer deadline first, soonest first, then the rest by receipt', async () => {
      const due = async (i: number, days: number) =>
        h.sql(
          `INSERT INTO assignment (case_id, org_unit_id, role, resolve_due_at) SELECT $1, id, 'LEAD', now() + ($2 || ' days')::interval FROM org_unit WHERE code = 'NNMT'`,
          [cases[i], days],
        );
      await due(10, 5);
      await due(3, 2);
      await due(28, -1);
      expect(ids(await list('sort=deadline&pageSize=5'))).toEqual([cases[28], cases[3], cases[10], cases[0], cases[1]]);
    });

    it('pages through every case exactly once in every order', async () => {
      for (const sort of ['oldest', 'newest', 'deadline', 'priority', 'affected']) {
        const { seen, total, pages } = await allPages(`/api/v1/cases?sort=${sort}`, triage, 7);
        expect({ sort, total, pages, distinct: new Set(seen).size }).toEqual({ sort, total: 30, pages: 5, distinct: 30 });
        expect(new Set(seen)).toEqual(new Set(cases));
      }
      // Past the last page: no items, the same total.
      expect((await list('page=9&pageSize=7')).body).toMatchObject({ items: [], total: 30 });
    });

    it('filters by channel, area, priority, sensitivity, received dates, lead agency, unassigned and overdue, with the total of what matches', async () => {
      expect((await list('channel=PETITION')).body.total).toBe(10);
      expect((await list('area=X03&channel=VOTER_MEETING')).body.total).toBe(3);
      expect((await list('priority=URGENT,LOW')).body.total).toBe(3);
      await h.sql(`UPDATE cases SET sensitivity = 'RESTRICTED' WHERE id = $1`, [cases[5]]);
      expect(ids(await list('sensitivity=RESTRICTED'))).toEqual([cases[5]]);

      // Received dates are Vietnam days, both ends included.
      const [{ from, to }] = await h.sql(
        `SELECT to_char(min(created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS from, to_char(max(created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS to
           FROM cases WHERE id = ANY($1::uuid[])`,
        [cases.slice(10, 15)],
      );
      expect((await list(`from=${from}&to=${to}`)).body.total).toBe(5);

      await h.sql(
        `INSERT INTO assignment (case_id, org_unit_id, role, resolve_due_at) SELECT $1, id, 'LEAD', now() - interval '1 day' FROM org_unit WHERE code = 'UBND'`,
        [cases[7]],
      );
      await h.sql(
        `INSERT INTO assignment (case_id, org_unit_id, role, resolve_due_at) SELECT $1, id, 'LEAD', now() + interval '3 days' FROM org_unit WHERE code = 'UBND'`,
        [cases[8]],
      );
      await h.sql(`UPDATE cases SET status = 'ASSIGNED' WHERE id = ANY($1::uuid[])`, [[cases[7], cases[8]]]);
      expect(ids(await list('leadAgency=UBND&sort=oldest'))).toEqual([cases[7], cases[8]]);
      expect((await list('unassigned=true')).body.total).toBe(28);
      expect(ids(await list('overdue=true'))).toEqual([cases[7]]);
      expect((await list('status=NEW')).body.total).toBe(28);
    });

    it('late=true: the cases whose clock that matters now is past due, the standing body’s own triage step included', async () => {
      // Two cases received ten days ago (their CREATED events moved back, as an old intake would have them): their triage step is late.
      await h.sql(`BEGIN; SET LOCAL session_replication_role = replica;
        UPDATE case_event SET occurred_at = now() - interval '10 days' WHERE type = 'CREATED' AND case_id IN ('${cases[2]}', '${cases[4]}');
        COMMIT;`);
      const late = await list('late=true&status=NEW&sort=oldest&pageSize=1');
      expect(late.status).toBe(200);
      expect(late.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(ids(late)).toEqual([cases[2]]);
      expect(late.body.items[0].clock).toMatchObject({ step: 'TRIAGE', state: 'BREACHED' });
      expect(ids(await list('late=true&status=NEW&sort=oldest&pageSize=1&page=2'))).toEqual([cases[4]]);
      expect((await list('late=true&channel=PETITION')).body.total).toBe(0);
      expect((await list('late=yes')).status).toBe(400);
    });

    it('refuses bad query parameters with 400 naming each', async () => {
      const bad = await list('sort=random&pageSize=1000&page=0&from=2026-13-01&overdue=yes&figure=everything&age=3-4&channel=petition');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'age',
        'channel',
        'figure',
        'from',
        'overdue',
        'page',
        'pageSize',
        'sort',
      ]);
      expect((await list('from=2026-05-02&to=2026-05-01')).status).toBe(400);
      // The keyset cursor belongs to newest-first; other orders page by number.
      const cursor = (await list('limit=5')).body.nextCursor;
      expect(cursor).toEqual(expect.any(String));
      const mixed = await list(`sort=oldest&cursor=${cursor}`);
      expect(mixed.status).toBe(400);
      expect(mixed.body.errors[0].field).toBe('cursor');
    });
  });

  describe('search by code and reporter phone', () => {
    it('finds a case by its code, and by the reporter’s phone for the standing body only', async () => {
      const [a, b] = await batch(2, (i) => ({ title: `Vụ việc ${i}`, reporter: { name: 'Trần Văn Nam', phone: i === 0 ? '0912 345 678' : '0987 000 111' } }));
      const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [a]);
      expect(code).toMatch(/^VV-\d{4}-\d{6}$/);
      expect(ids(await list(`q=${code}`))).toEqual([a]);
      expect(ids(await list(`q=${code.toLowerCase()}`))).toEqual([a]);

      // The phone however it is typed: spaces, dots, +84.
      for (const phone of ['0912345678', '0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678']) {
        expect({ phone, found: ids(await list(`q=${encodeURIComponent(phone)}`)) }).toEqual({ phone, found: [a] });
      }
      expect(ids(await list(`q=0987000111`, await d.as('leader@demo.local')))).toEqual([b]);

      // An agency on the case finds it by code, never by the reporter's phone (it never sees reporters).
      await d.triage(a, { leadAgency: 'NNMT', supportingAgencies: [] });
      const nnmt = await d.as('nnmt@demo.local');
      expect(ids(await list(`q=${code}`, nnmt))).toEqual([a]);
      expect((await list('q=0912345678', nnmt)).body).toMatchObject({ items: [], total: 0 });
      // Nor does the officer who logged it through the search (the list is no reporter lookup).
      expect((await list('q=0912345678', officer)).body.total).toBe(0);
    });
  });

  describe('bulk actions', () => {
    it('routes 50 cases, each in its own transaction, and reports each result: already routed and closed ones fail alone', async () => {
      const all = await batch(50, (i) => ({ title: `Hàng loạt ${i}` }));
      for (const id of all.slice(0, 3)) expect((await d.triage(id, { leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
      await h.sql(`UPDATE cases SET status = 'CLOSED' WHERE id = ANY($1::uuid[])`, [all.slice(3, 5)]);
      const unknown = '00000000-0000-4000-8000-000000000000';

      const res = await h.api.post(
        '/api/v1/cases/bulk/triage',
        { caseIds: [...all, unknown], leadAgency: 'NNMT', priority: 'HIGH', sensitivity: 'PUBLIC' },
        { token: triage },
      );
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(51);
      const byId = new Map(res.body.results.map((r: { caseId: string }) => [r.caseId, r]));
      for (const id of all.slice(0, 5)) expect(byId.get(id)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: expect.any(String) });
      for (const id of all.slice(5)) expect(byId.get(id)).toEqual({ caseId: id, ok: true, status: 'ASSIGNED' });
      expect(byId.get(unknown)).toMatchObject({ ok: false, code: 'NOT_FOUND' });

      // What the answer says is what the database holds: 45 routed to NNMT, each with its letter; the others untouched.
      const [{ n }] = await h.sql(
        `SELECT count(*)::int AS n FROM assignment a JOIN org_unit o ON o.id = a.org_unit_id WHERE o.code = 'NNMT' AND a.role = 'LEAD' AND a.case_id = ANY($1::uuid[])`,
        [all],
      );
      expect(n).toBe(45);
      expect(await count(h, 'outgoing_document')).toBe(48);
      expect((await h.sql(`SELECT status FROM cases WHERE id = ANY($1::uuid[]) ORDER BY status`, [all.slice(0, 5)])).map((r) => r.status)).toEqual([
        'ASSIGNED',
        'ASSIGNED',
        'ASSIGNED',
        'CLOSED',
        'CLOSED',
      ]);
    });

    it('caps a request at 100 cases and checks its fields before acting on any', async () => {
      const [one] = await batch(1);
      const tooMany = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const res = await h.api.post('/api/v1/cases/bulk/triage', { caseIds: tooMany, leadAgency: 'NNMT' }, { token: triage });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['caseIds']);
      expect((await h.api.post('/api/v1/cases/bulk/priority', { caseIds: [one, one], priority: 'HIGH' }, { token: triage })).status).toBe(400);
      expect((await h.api.post('/api/v1/cases/bulk/priority', { caseIds: [one], priority: 'SOON' }, { token: triage })).status).toBe(400);
      expect((await h.api.post('/api/v1/cases/bulk/merge', { caseIds: [], intoCaseId: one }, { token: triage })).status).toBe(400);
      expect((await h.api.post('/api/v1/cases/bulk/priority', { caseIds: [one], priority: 'HIGH' }, { token: officer })).status).toBe(403);
      expect(await d.events(one)).toHaveLength(1);
    });

    it('sets the priority of cases not yet routed, and merges cases into a chosen one, reporting each', async () => {
      const [a, b, c, into] = await batch(4);
      await d.triage(c, { leadAgency: 'NNMT', supportingAgencies: [] });
      const prio = await h.api.post('/api/v1/cases/bulk/priority', { caseIds: [a, b, c], priority: 'URGENT' }, { token: triage });
      expect(prio.status).toBe(200);
      expect(prio.body.results).toEqual([
        { caseId: a, ok: true, status: 'NEW' },
        { caseId: b, ok: true, status: 'NEW' },
        { caseId: c, ok: false, code: 'ILLEGAL_TRANSITION', message: expect.any(String) },
      ]);
      expect((await d.caseAs('triage@demo.local', a)).body.priority).toBe('URGENT');
      expect((await d.events(a)).map((e) => [e.type, e.payload])).toEqual([
        ['CREATED', expect.any(Object)],
        ['PRIORITY_CHANGED', { from: 'NORMAL', to: 'URGENT' }],
      ]);

      const merge = await h.api.post('/api/v1/cases/bulk/merge', { caseIds: [a, b, into], intoCaseId: into }, { token: triage });
      expect(merge.status).toBe(200);
      expect(merge.body.results.map((r: { ok: boolean; code?: string }) => [r.ok, r.code ?? null])).toEqual([
        [true, null],
        [true, null],
        [false, 'VALIDATION_FAILED'],
      ]);
      expect((await d.caseAs('triage@demo.local', into)).body.concernCount).toBe(3);
    });
  });

  describe('the agency inbox', () => {
    it('with 1,200 assignments: the counter says 1,200, paging reaches every one, and the last one can be acknowledged', async () => {
      // 1,199 assignments written straight into the tables (fast), then one routed through the desk, newest and of low priority.
      const seeded = await batch(1199);
      await h.sql(`UPDATE cases SET status = 'ASSIGNED' WHERE id = ANY($1::uuid[])`, [seeded]);
      await h.sql(
        `INSERT INTO assignment (case_id, org_unit_id, role, resolve_due_at, acknowledge_due_at)
         SELECT t.id, o.id, 'LEAD', now() + interval '10 days', now() + interval '2 days' FROM unnest($1::uuid[]) AS t(id), org_unit o WHERE o.code = 'NNMT'`,
        [seeded],
      );
      const [last] = await batch(1, () => ({ title: 'Vụ việc thứ 1.200' }));
      expect((await d.triage(last, { leadAgency: 'NNMT', supportingAgencies: [], priority: 'LOW' })).status).toBe(200);
      const nnmt = await d.as('nnmt@demo.local');

      const first = await h.api.get('/api/v1/assignments', { token: nnmt });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 1200, counts: { open: 1200, overdue: 0 }, page: 1, pageSize: 50, sort: 'urgent' });
      expect(first.body.items).toHaveLength(50);
      // Most urgent first: the low-priority one is on the last page, past where the old LIMIT 500 stopped.
      const { seen, total, pages } = await allPages('/api/v1/assignments', nnmt, 100);
      expect({ total, pages, distinct: new Set(seen).size }).toEqual({ total: 1200, pages: 12, distinct: 1200 });
      const lastPage = await h.api.get('/api/v1/assignments?page=12&pageSize=100', { token: nnmt });
      expect(lastPage.body.items.at(-1).caseId).toBe(last);

      // The case page finds its own assignment from the case, not from the inbox.
      const page = await h.api.get(`/api/v1/cases/${last}`, { token: nnmt });
      const mine = page.body.assignments.filter((a: { orgUnitCode: string }) => a.orgUnitCode === 'NNMT');
      expect(mine).toHaveLength(1);
      const byCase = await h.api.get(`/api/v1/assignments?caseId=${last}`, { token: nnmt });
      expect(byCase.body).toMatchObject({ total: 1, items: [{ id: mine[0].id, caseId: last, status: 'ASSIGNED' }] });
      const ack = await h.api.post(`/api/v1/assignments/${mine[0].id}/acknowledge`, {}, { token: nnmt });
      expect(ack.status).toBe(200);
      expect(ack.body.caseStatus).toBe('ACKNOWLEDGED');

      // Filters and sorts of the inbox, with their totals.
      expect((await h.api.get('/api/v1/assignments?status=ACKNOWLEDGED', { token: nnmt })).body.total).toBe(1);
      expect((await h.api.get('/api/v1/assignments?priority=LOW', { token: nnmt })).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([last]);
      expect((await h.api.get('/api/v1/assignments?sort=newest&pageSize=1', { token: nnmt })).body.items[0].caseId).toBe(last);
      await h.sql(`UPDATE assignment SET resolve_due_at = now() - interval '1 hour' WHERE case_id = ANY($1::uuid[])`, [seeded.slice(0, 7)]);
      const overdue = await h.api.get('/api/v1/assignments?overdue=true&sort=deadline', { token: nnmt });
      expect(overdue.body.total).toBe(7);
      expect(overdue.body.counts.overdue).toBe(7);
      const bad = await h.api.get('/api/v1/assignments?sort=soon&pageSize=500&caseId=x&status=DONE', { token: nnmt });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['caseId', 'pageSize', 'sort', 'status']);
    }, 120_000);
  });

  describe('saved views', () => {
    it('keeps each user’s views: create, replace by name, list by page, delete; another user’s are not theirs', async () => {
      const view = { page: 'triage', name: 'Đất đai khẩn', query: { sort: 'oldest', category: 'LAND', priority: 'URGENT' } };
      const created = await h.api.post('/api/v1/me/saved-views', view, { token: triage });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject(view);
      const replaced = await h.api.post('/api/v1/me/saved-views', { ...view, query: { sort: 'deadline' } }, { token: triage });
      expect(replaced.status).toBe(200);
      expect(replaced.body.id).toBe(created.body.id);
      await h.api.post('/api/v1/me/saved-views', { page: 'cases', name: 'Tất cả', query: {} }, { token: triage });

      expect((await h.api.get('/api/v1/me/saved-views?page=triage', { token: triage })).body.items).toEqual([
        expect.objectContaining({ id: created.body.id, name: 'Đất đai khẩn', query: { sort: 'deadline' } }),
      ]);
      expect((await h.api.get('/api/v1/me/saved-views', { token: triage })).body.items).toHaveLength(2);
      const leader = await d.as('leader@demo.local');
      expect((await h.api.get('/api/v1/me/saved-views', { token: leader })).body.items).toEqual([]);
      expect((await h.api.request('DELETE', `/api/v1/me/saved-views/${created.body.id}`, undefined, { token: leader })).status).toBe(404);

      for (const bad of [
        { ...view, page: 'elsewhere' },
        { ...view, name: '  ' },
        { ...view, query: { sort: 5 } },
        { ...view, query: [] },
        { ...view, query: { 'bad key': 'x' } },
      ]) {
        expect({ bad, status: (await h.api.post('/api/v1/me/saved-views', bad, { token: triage })).status }).toEqual({ bad, status: 400 });
      }
      expect((await h.api.request('DELETE', '/api/v1/me/saved-views/not-a-view', undefined, { token: triage })).status).toBe(400);
      expect((await h.api.request('DELETE', `/api/v1/me/saved-views/${created.body.id}`, undefined, { token: triage })).status).toBe(204);
      expect((await h.api.get('/api/v1/me/saved-views?page=triage', { token: triage })).body.items).toEqual([]);
      expect(await count(h, 'saved_view')).toBe(1);
    });
  });

  describe('drill-down from the leader figures', () => {
    let worker: Started;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;

    beforeAll(async () => {
      smtp = await startSmtp();
      worker = startProcess('worker.js', { SMTP_URL: smtp.url, METRICS_REFRESH_MS: '200', HOTSPOT_SCAN_MS: '3600000' });
    });
    afterAll(async () => {
      await worker?.stop();
      await smtp?.close();
    });

    it('the list behind a figure counts what the figure counts: received in total, by lead agency and not yet assigned; open by age', async () => {
      const all = await batch(12, (i) => ({ title: `Chỉ số ${i}`, channel: i % 2 ? 'PETITION' : 'HOTLINE' }));
      for (const id of all.slice(0, 4)) await d.triage(id, { leadAgency: 'UBND', supportingAgencies: [] });
      for (const id of all.slice(4, 6)) await d.triage(id, { leadAgency: 'NNMT', supportingAgencies: [] });
      // A merged case leaves the figures: so it leaves the list behind them.
      await d.desk(all[11], 'merge', { intoCaseId: all[10] });
      const leader = await d.as('leader@demo.local');
      const [{ today }] = await h.sql(`SELECT to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS today`);
      const period = `from=${today}&to=${today}`;
      const byAgency = async () => (await h.api.get(`/api/v1/metrics/resolution-times?groupBy=agency&${period}&lang=vi`, { token: leader })).body;
      await waitFor(async () => (await byAgency()).totals?.received === 11, 'facts refreshed', worker, 30_000);

      const metrics = await byAgency();
      const drill = async (qs: string) => (await list(`${qs}&pageSize=1`, leader)).body.total;
      expect(await drill(`figure=received&${period}`)).toBe(metrics.totals.received);
      const row = (code: string | null) => metrics.rows.find((r: { key: { agency: string | null } }) => r.key.agency === code);
      expect(await drill(`figure=received&${period}&leadAgency=UBND`)).toBe(row('UBND').received);
      expect(row('UBND').received).toBe(4);
      // Unrouted cases: their own line, labelled as such, and their own list.
      expect(row(null)).toMatchObject({ label: 'Chưa giao cơ quan nào', received: 5 });
      expect(await drill(`figure=received&${period}&unassigned=true`)).toBe(5);
      const hotline = (await h.api.get(`/api/v1/metrics/resolution-times?channel=HOTLINE&${period}`, { token: leader })).body.totals.received;
      expect(await drill(`figure=received&${period}&channel=HOTLINE`)).toBe(hotline);

      const open = (await h.api.get('/api/v1/metrics/open-cases?groupBy=agency&lang=en', { token: leader })).body;
      expect(await drill('figure=open')).toBe(open.totals.total);
      expect(open.totals.total).toBe(11);
      expect(await drill('figure=open&age=0-7')).toBe(open.totals.byAge['0-7']);
      expect(await drill('figure=open&overdue=true')).toBe(open.totals.overdue);
      expect(open.rows.find((r: { key: { agency: string | null } }) => r.key.agency === null).label).toBe('Not yet assigned');
    }, 60_000);
  });
});
