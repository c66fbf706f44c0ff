import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/** Vietnam local time → instant. October 2026 has no public holiday: only weekends are off. */
const vn = (local: string) => new Date(`${local}+07:00`);

interface TimelineCase {
  code: string;
  area?: string;
  category: string;
  agency?: string;
  received: string;
  assigned?: string;
  acknowledged?: string;
  resolved?: string;
  due?: string;
  status: string;
  people?: number;
}

/**
 * Writes a case with a backdated timeline straight into the tables, as the workflow would have
 * (the API stamps "now", and these figures need known instants). The worker's refresh then
 * derives case_fact from it, like for any other case.
 */
async function seedCase(h: Harness, c: TimelineCase): Promise<string> {
  const [row] = await h.sql(
    `INSERT INTO cases (code, status, title, category_id, area_id, priority, concern_count, people_affected, created_at, updated_at)
     SELECT $1::text, $2, 'Vụ việc ' || $1::text, (SELECT id FROM category WHERE code = $3), (SELECT id FROM area WHERE code = $4), 'NORMAL', 1, $6::int, $5, $5
     RETURNING id, area_id, category_id`,
    [c.code, c.status, c.category, c.area ?? 'X01', vn(c.received), c.people ?? null],
  );
  await h.sql(
    `INSERT INTO concern (case_id, channel, area_id, category_id, title, description, received_at, created_at, people_affected)
     VALUES ($1, 'VOTER_MEETING', $2, $3, 'Ý kiến cử tri', 'Nội dung', $4, $4, $5)`,
    [row.id, row.area_id, row.category_id, vn(c.received), c.people ?? null],
  );
  const event = (type: string, from: string | null, to: string | null, at: string, payload: object = {}) =>
    h.sql(`INSERT INTO case_event (case_id, type, from_status, to_status, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      row.id,
      type,
      from,
      to,
      JSON.stringify(payload),
      vn(at),
    ]);
  await event('CREATED', null, 'NEW', c.received);
  if (c.agency && c.assigned) {
    const [a] = await h.sql(
      `INSERT INTO assignment (case_id, org_unit_id, role, status, acknowledged_at, resolved_at, resolve_due_at, created_at, updated_at)
       SELECT $1::uuid, id, 'LEAD', $3, $4::timestamptz, $5::timestamptz, $6::timestamptz, $7::timestamptz, $7::timestamptz FROM org_unit WHERE code = $2 RETURNING id`,
      [
        row.id,
        c.agency,
        c.resolved ? 'RESOLVED' : c.acknowledged ? 'ACKNOWLEDGED' : 'ASSIGNED',
        c.acknowledged ? vn(c.acknowledged) : null,
        c.resolved ? vn(c.resolved) : null,
        c.due ? vn(c.due) : null,
        vn(c.assigned),
      ],
    );
    await event('ASSIGNED', 'NEW', 'ASSIGNED', c.assigned, { assignmentId: a.id, role: 'LEAD' });
    if (c.acknowledged) await event('ACKNOWLEDGED', 'ASSIGNED', 'ACKNOWLEDGED', c.acknowledged, { assignmentId: a.id });
    if (c.resolved) {
      await event('ASSIGNMENT_RESOLVED', null, null, c.resolved, { assignmentId: a.id });
      await event('RESOLVED', 'ACKNOWLEDGED', 'RESOLVED', c.resolved);
    }
  }
  return row.id;
}

/**
 * The known October 2026 data set. By hand (hours):
 *            received          assigned→ack (cal / working)      received→resolved (cal / working)   due           on time
 * A NNMT     Mon 05 09:00      Mon 10:00→Mon 14:00  4 / 4          Fri 09 09:00   96 / 96               Fri 16        yes
 * B NNMT     Fri 09 09:00      Fri 10:00→Mon 12 10:00 72 / 24      Mon 19 09:00  240 / 144 (weekends)    Thu 15 09:00  no (late)
 * C XD       Tue 06 08:00      Tue 09:00→Tue 11:00  2 / 2          Tue 13 08:00  168 / 120               Tue 20        yes
 * D XD       Wed 07 08:00      Wed 09:00, never acknowledged, open                                       Wed 14 09:00  overdue
 * E —        Thu 08 10:00      not triaged yet
 */
const OCTOBER: TimelineCase[] = [
  {
    code: 'VV-T-A',
    category: 'LAND',
    agency: 'NNMT',
    status: 'RESOLVED',
    received: '2026-10-05T09:00:00',
    assigned: '2026-10-05T10:00:00',
    acknowledged: '2026-10-05T14:00:00',
    resolved: '2026-10-09T09:00:00',
    due: '2026-10-16T10:00:00',
  },
  {
    code: 'VV-T-B',
    category: 'LAND',
    agency: 'NNMT',
    status: 'RESOLVED',
    received: '2026-10-09T09:00:00',
    assigned: '2026-10-09T10:00:00',
    acknowledged: '2026-10-12T10:00:00',
    resolved: '2026-10-19T09:00:00',
    due: '2026-10-15T09:00:00',
  },
  {
    code: 'VV-T-C',
    category: 'ENVIRONMENT',
    agency: 'XD',
    status: 'RESOLVED',
    received: '2026-10-06T08:00:00',
    assigned: '2026-10-06T09:00:00',
    acknowledged: '2026-10-06T11:00:00',
    resolved: '2026-10-13T08:00:00',
    due: '2026-10-20T09:00:00',
  },
  {
    code: 'VV-T-D',
    category: 'ENVIRONMENT',
    agency: 'XD',
    status: 'ASSIGNED',
    received: '2026-10-07T08:00:00',
    assigned: '2026-10-07T09:00:00',
    due: '2026-10-14T09:00:00',
  },
  { code: 'VV-T-E', category: 'LAND', status: 'NEW', received: '2026-10-08T10:00:00' },
];
const OCTOBER_QUERY = 'from=2026-10-01&to=2026-10-31';
const NONE = { median: null, p90: null, mean: null };
const ZERO = { median: 0, p90: 0, mean: 0 };

describe('leader reports: metrics, hotspots and the periodic review', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let reports: Queue;
  let leader: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    reports = new Queue('reports', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, METRICS_REFRESH_MS: '200', HOTSPOT_SCAN_MS: '3600000' });
    await waitFor(async () => (await reports.getWorkersCount()) > 0, 'worker consuming the reports queue', worker);
    leader = await h.api.login('leader@demo.local');
  });
  afterAll(async () => {
    await worker?.stop();
    await reports?.close();
    await h?.close();
    await smtp?.close();
  });

  const get = (path: string, token = leader) => h.api.get(path, { token });

  /** Waits until the worker's refresh has brought every case of the data set into the figures. */
  async function seedOctober() {
    for (const c of OCTOBER) await seedCase(h, c);
    await waitFor(
      async () => (await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`)).body.totals?.received === OCTOBER.length,
      'facts refreshed',
      worker,
    );
  }

  describe('on a known data set', () => {
    beforeAll(async () => {
      await h.reset();
      await seedOctober();
    });

    it('gives the totals, on-time share, medians, 90th percentiles and means computed by hand', async () => {
      const res = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`);
      expect(res.status).toBe(200);
      expect(res.body.percentiles).toBe('exact');
      expect(res.body.totals).toEqual({
        received: 5,
        resolved: 3,
        closed: 0,
        overdue: 2, // B resolved after its deadline, D still open past it
        answered: 3,
        onTime: 2,
        onTimeShare: 0.6667,
        // percentile_cont: p90 of [a, b, c] = b + 0.8 × (c − b)
        acknowledge: { calendarHours: { median: 4, p90: 58.4, mean: 26 }, workingHours: { median: 4, p90: 20, mean: 10 } },
        resolve: { calendarHours: { median: 168, p90: 225.6, mean: 168 }, workingHours: { median: 120, p90: 139.2, mean: 120 } },
        // These timelines have no triage or verification step; their leads never paused.
        triage: { count: 0, onTime: 0, onTimeShare: null, workingHours: NONE, workingSeconds: NONE },
        verify: { count: 0, workingHours: NONE, workingSeconds: NONE },
        paused: { count: 3, workingHours: ZERO, workingSeconds: ZERO },
      });
    });

    it('groups by agency, with cases not yet routed under "Chưa giao cơ quan nào"', async () => {
      const res = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&groupBy=agency`);
      const by = Object.fromEntries(res.body.rows.map((r: any) => [r.key.agency ?? 'none', r]));
      expect(Object.keys(by).sort()).toEqual(['NNMT', 'XD', 'none']);
      expect(by.NNMT).toMatchObject({ label: 'Sở Nông nghiệp và Môi trường', received: 2, resolved: 2, overdue: 1, onTimeShare: 0.5 });
      // Two values: median = their mean, p90 = a + 0.9 × (b − a).
      expect(by.NNMT.resolve.calendarHours).toEqual({ median: 168, p90: 225.6, mean: 168 });
      expect(by.NNMT.resolve.workingHours).toEqual({ median: 120, p90: 139.2, mean: 120 });
      expect(by.XD).toMatchObject({ received: 2, resolved: 1, overdue: 1, onTimeShare: 1 });
      expect(by.XD.acknowledge.workingHours).toEqual({ median: 2, p90: 2, mean: 2 });
      expect(by.none).toMatchObject({ label: 'Chưa giao cơ quan nào', received: 1, resolved: 0, onTimeShare: null });
      expect(res.body.totals.received).toBe(5);
    });

    it('buckets each measure by its own instant in a time series, and filters', async () => {
      const res = await get(`/api/v1/metrics/resolution-times?from=2026-09-01&to=2026-11-30&groupBy=week&category=LAND`);
      expect(res.status).toBe(200);
      const weeks = Object.fromEntries(res.body.rows.map((r: any) => [r.key.week, r]));
      // LAND: A and E received in W41 (5–11 Oct) with B; A resolved W41, B resolved W43 (19 Oct).
      expect(weeks['2026-W41']).toMatchObject({ received: 3, resolved: 1 });
      expect(weeks['2026-W43']).toMatchObject({ received: 0, resolved: 1, resolve: { workingHours: { median: 144 } } });
      expect(res.body.rows.map((r: any) => r.key.week)).toEqual([...res.body.rows.map((r: any) => r.key.week)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const two = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&groupBy=agency,month&lang=en`);
      expect(two.body.rows.find((r: any) => r.key.agency === 'XD' && r.key.month === '2026-10')).toMatchObject({
        label: 'Department of Construction · 2026-10',
        received: 2,
      });
    });

    it('keeps October in the day rollup: a row per day, and the month added up', async () => {
      // The worker rolls the days in the same refresh that derives the facts (just after them).
      await waitFor(async () => (await h.sql(`SELECT 1 FROM metric_day WHERE grain = 'month' AND day = '2026-10-01'`)).length > 0, 'October rolled up', worker);
      const days = await h.sql(`SELECT day::text AS day, received FROM metric_day WHERE grain = 'day' AND dims = 0 AND received > 0 ORDER BY day`);
      expect(days).toEqual(['05', '06', '07', '08', '09'].map((d) => ({ day: `2026-10-${d}`, received: 1 })));
      const [month] = await h.sql(
        `SELECT received, resolved, on_time, with_due, overdue FROM metric_day WHERE grain = 'month' AND dims = 0 AND day = '2026-10-01'`,
      );
      expect(month).toEqual({ received: 5, resolved: 3, on_time: 2, with_due: 3, overdue: 2 });
      // Per agency (dims 16), and per agency × category (16 | 8).
      const [xd] = await h.sql(
        `SELECT received, resolved FROM metric_day m JOIN org_unit o ON o.id = m.agency_id WHERE grain = 'month' AND dims = 16 AND o.code = 'XD'`,
      );
      expect(xd).toEqual({ received: 2, resolved: 1 });
      expect(await h.sql(`SELECT count(*)::int AS n FROM metric_day WHERE grain = 'month' AND dims = 24`)).toEqual([{ n: 3 }]);
    });

    it('answers filters and groupings beyond two dimensions from the facts, with the same figures', async () => {
      // agency + category + area: not in the rollup, read from case_fact.
      const three = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&agency=NNMT&category=LAND&groupBy=area`);
      expect(three.status).toBe(200);
      expect(three.body.rows).toHaveLength(1);
      expect(three.body.rows[0]).toMatchObject({ key: { area: 'X01' }, received: 2, resolved: 2, overdue: 1, onTimeShare: 0.5 });
      const two = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&agency=NNMT&groupBy=area`);
      expect(three.body.rows[0]).toEqual(two.body.rows[0]);
    });

    it('gives the same answers from the rollup as from the facts alone (METRICS_ROLLUP=off)', async () => {
      await waitFor(async () => (await h.sql(`SELECT 1 FROM metric_day WHERE grain = 'month' AND day = '2026-10-01'`)).length > 0, 'October rolled up', worker);
      const fromFacts = await startHarness({ METRICS_ROLLUP: 'off' });
      try {
        const token = await fromFacts.api.login('leader@demo.local');
        const queries = [
          OCTOBER_QUERY,
          `${OCTOBER_QUERY}&groupBy=agency`,
          `${OCTOBER_QUERY}&groupBy=category,agency&lang=en`,
          'from=2026-09-01&to=2026-11-30&groupBy=week&category=LAND',
          'from=2026-09-15&to=2026-12-31&groupBy=month,agency', // a part of September, whole October, the days of November up to now, and after
          'from=2026-10-06&to=2026-10-13&groupBy=area&agency=XD',
          'groupBy=quarter',
        ];
        for (const query of queries) {
          const rolled = await get(`/api/v1/metrics/resolution-times?${query}`);
          const facts = await fromFacts.api.get(`/api/v1/metrics/resolution-times?${query}`, { token });
          expect([rolled.status, facts.status]).toEqual([200, 200]);
          expect(rolled.body).toEqual(facts.body);
        }
      } finally {
        await fromFacts.close();
      }
    });

    it('estimates percentiles from the rollup within 1 % once a period holds more timings than METRICS_EXACT_MAX', async () => {
      const estimating = await startHarness({ METRICS_EXACT_MAX: '0' });
      try {
        const token = await estimating.api.login('leader@demo.local');
        for (const query of [OCTOBER_QUERY, `${OCTOBER_QUERY}&groupBy=agency`, `from=2026-09-01&to=2026-11-30&groupBy=week&category=LAND`]) {
          const estimated = (await estimating.api.get(`/api/v1/metrics/resolution-times?${query}`, { token })).body;
          const exact = (await get(`/api/v1/metrics/resolution-times?${query}`)).body;
          expect([estimated.percentiles, exact.percentiles]).toEqual(['estimated', 'exact']);
          expect(estimated.rows.map((r: any) => r.key)).toEqual(exact.rows.map((r: any) => r.key));
          for (const [e, x] of [[estimated.totals, exact.totals], ...estimated.rows.map((r: any, i: number) => [r, exact.rows[i]])]) {
            // Counts, shares and means are exact either way.
            expect({ ...e, acknowledge: null, resolve: null }).toEqual({ ...x, acknowledge: null, resolve: null });
            for (const measure of ['acknowledge', 'resolve']) {
              for (const time of ['calendarHours', 'workingHours']) {
                expect(e[measure][time].mean).toBe(x[measure][time].mean);
                for (const p of ['median', 'p90']) {
                  const [got, want] = [e[measure][time][p], x[measure][time][p]];
                  if (want === null) expect(got).toBeNull();
                  else expect(Math.abs(got - want)).toBeLessThanOrEqual(want * 0.01 + 0.01); // 1 %, and the rounding to 0.01 h
                }
              }
            }
          }
        }
      } finally {
        await estimating.close();
      }
    });

    it('counts open cases by age and overdue', async () => {
      const res = await get('/api/v1/metrics/open-cases?groupBy=agency');
      expect(res.status).toBe(200);
      expect(res.body.totals).toMatchObject({ total: 2, overdue: 1 }); // D (past due) and E (no deadline)
      expect(res.body.totals.byAge['31-60'] + res.body.totals.byAge['60+']).toBe(2);
      expect(res.body.rows.find((r: any) => r.key.agency === 'XD')).toMatchObject({ total: 1, overdue: 1 });
    });

    it('holds an agency user to their own figures', async () => {
      const nnmt = await h.api.login('nnmt@demo.local');
      const own = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`, nnmt);
      expect(own.status).toBe(200);
      expect(own.body.totals).toMatchObject({ received: 2, resolved: 2, overdue: 1 });
      const grouped = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&groupBy=agency`, nnmt);
      expect(grouped.body.rows.map((r: any) => r.key.agency)).toEqual(['NNMT']);
      const other = await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&agency=XD`, nnmt);
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
      expect((await get('/api/v1/metrics/open-cases?agency=XD', nnmt)).status).toBe(403);
      expect((await get('/api/v1/reports/review?period=2026-Q4', nnmt)).status).toBe(403);
      expect((await get('/api/v1/hotspots', nnmt)).status).toBe(403);
      const officer = await h.api.login('officer@demo.local');
      expect((await get('/api/v1/metrics/resolution-times', officer)).status).toBe(403);
    });

    it('refuses bad input with a 400 that says what is wrong', async () => {
      const bad = await get('/api/v1/metrics/resolution-times?groupBy=agency,month,area');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.errors)).toContain('Nhóm theo: có tối đa 2 mục');
      expect((await get('/api/v1/metrics/resolution-times?from=2026-02-30')).body.errors[0].message).toBe(
        'Từ ngày: phải là ngày theo dạng YYYY-MM-DD (năm 1900–2200)',
      );
      expect((await get('/api/v1/metrics/resolution-times?to=2026-13-01')).body.errors[0]).toEqual({
        field: 'to',
        message: 'Đến ngày: phải là ngày theo dạng YYYY-MM-DD (năm 1900–2200)',
      });
      expect((await get('/api/v1/metrics/resolution-times?from=2026-10-31&to=2026-10-01')).status).toBe(400);
      expect((await get('/api/v1/metrics/resolution-times?category=NOPE')).body.errors[0]).toEqual({
        field: 'category',
        message: 'Lĩnh vực: không có mã NOPE (hoặc đã ngừng dùng)',
      });
      expect((await get('/api/v1/reports/review?period=2026-Q5')).status).toBe(400);
    });

    it('exports the quarter as XLSX whose rows read back right, and as CSV and PDF', async () => {
      const res = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=2026-Q4&format=xlsx&minAnswered=1`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('bao-cao-so-ket-2026-Q4.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const sheet = (prefix: string) => wb.worksheets.find((w) => w.name.startsWith(prefix))!;
      const values = (prefix: string) =>
        sheet(prefix)
          .getSheetValues()
          .slice(5)
          .map((r: any) => (r ? r.slice(1) : []));
      // Summary: received, resolved, closed, overdue, on-time %.
      expect(values('1.')[0].slice(0, 6)).toEqual(['Toàn Ban', 5, 3, 0, 2, 66.7]);
      // Ranking by on-time share: XD (1 of 1 answered on time) before NNMT (1 of 2); rank, agency, answered, on time, %.
      const ranking = values('2.');
      expect(sheet('2.').name).toBe('2. Xếp hạng đơn vị theo tỷ lệ đúng hạn'.slice(0, 31));
      expect(ranking.slice(0, 2).map((r: any[]) => r.slice(0, 5))).toEqual([
        [1, 'Sở Xây dựng', 1, 1, 100],
        [2, 'Sở Nông nghiệp và Môi trường', 2, 1, 50],
      ]);
      // By lead agency: received, resolved, closed, overdue, on-time %.
      expect(values('3.')[0].slice(0, 6)).toEqual(['Sở Nông nghiệp và Môi trường', 2, 2, 0, 1, 50]);
      // Overdue and unresolved: D (open past due) first, then B (resolved late); E open without a deadline.
      const overdue = values('10.')
        .filter((r: any[]) => typeof r[0] === 'string' && r[0].startsWith('VV-T-'))
        .map((r: any[]) => r[0]);
      expect(overdue).toEqual(['VV-T-D', 'VV-T-B', 'VV-T-E']);

      // A title a citizen wrote as a formula must not reach Excel as one.
      await h.sql(`UPDATE cases SET title = '=HYPERLINK("http://evil.example","bấm")' WHERE code = 'VV-T-D'`);
      const csv = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=2026-Q4&format=csv&lang=en&minAnswered=1`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      const text = await csv.text();
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
      expect(text.split('\n').some((line) => line.split(',').some((cell) => /^"?[=+@]/.test(cell)))).toBe(false);
      expect(text).toContain('Agencies ranked by on-time share');
      // Rank, agency, answered, on time, %, median working days to resolve (C: 120 h), mean paused working hours.
      expect(text).toContain('1,Department of Construction,1,1,100,5,0');
      expect(text).toContain('Department of Construction,2,1,0,1,100');
      const pdf = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=2026-Q4&format=pdf`, { headers: { authorization: `Bearer ${leader}` } });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('e-mails the review report to leaders from the queue, with the XLSX and PDF attached', async () => {
      await reports.add('review-report', { period: '2026-Q4' });
      await waitFor(async () => smtp.to('leader@demo.local').some((m) => m.subject.includes('Quý IV năm 2026')), 'review report e-mailed', worker, 30_000);
      const mail = smtp.to('leader@demo.local').find((m) => m.subject.includes('Quý IV năm 2026'))!;
      expect(mail.text).toContain('Vụ việc tiếp nhận: 5');
      const xlsx = attachment(mail.raw, 'bao-cao-so-ket-2026-Q4.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as any);
      expect(wb.worksheets.length).toBe(12);
      expect(attachment(mail.raw, 'bao-cao-so-ket-2026-Q4.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('rebuilds the same figures from the timeline after the rollup is emptied', async () => {
      const before = (await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&groupBy=agency`)).body;
      await h.sql(`DELETE FROM case_fact`);
      await h.sql(`DELETE FROM metric_day`);
      await h.sql(`UPDATE metrics_watermark SET safe_event_id = 0`);
      await waitFor(async () => (await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`)).body.totals.received === 5, 'facts rebuilt', worker);
      expect((await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}&groupBy=agency`)).body.rows).toEqual(before.rows);
      expect(await h.sql(`SELECT received FROM metric_day WHERE grain = 'month' AND dims = 0 AND day = '2026-10-01'`)).toEqual([{ received: 5 }]);
    });

    it('rolls the days that ended while the worker was away, and their months', async () => {
      // As if the last roll were on 10 October and nothing after it had been rolled.
      await h.sql(`DELETE FROM metric_day WHERE day >= '2026-10-01'`);
      await h.sql(`UPDATE metrics_watermark SET rolled_until = '2026-10-10'`);
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      await waitFor(async () => (await h.sql(`SELECT rolled_until::text AS d FROM metrics_watermark`))[0].d === today, 'rollup caught up', worker);
      const days = await h.sql(`SELECT day::text AS day, received FROM metric_day WHERE grain = 'day' AND dims = 0 AND received > 0 ORDER BY day`);
      // 05–09 Oct stay gone: the roll took 10 October onwards (a rebuild would bring them back).
      expect(days).toEqual([]);
      expect(await h.sql(`SELECT resolved FROM metric_day WHERE grain = 'day' AND dims = 0 AND day IN ('2026-10-13', '2026-10-19') ORDER BY day`)).toEqual([
        { resolved: 1 },
        { resolved: 1 },
      ]);
      expect(await h.sql(`SELECT received, resolved FROM metric_day WHERE grain = 'month' AND dims = 0 AND day = '2026-10-01'`)).toEqual([
        { received: 0, resolved: 2 },
      ]);
      // Put October back whole for the next test.
      await h.sql(`UPDATE metrics_watermark SET rolled_until = NULL`);
      await waitFor(
        async () => (await h.sql(`SELECT received FROM metric_day WHERE grain = 'month' AND dims = 0 AND day = '2026-10-01'`))[0]?.received === 5,
        'rollup rebuilt',
        worker,
      );
    });

    it('rolls a past day again when a late entry changes it: the month follows', async () => {
      // D's resolution, recorded late: Wed 21 Oct 09:00, a week past its deadline (Wed 14).
      const [d] = await h.sql(`SELECT id FROM cases WHERE code = 'VV-T-D'`);
      await h.sql(`UPDATE cases SET status = 'RESOLVED' WHERE id = $1`, [d.id]);
      await h.sql(`UPDATE assignment SET status = 'RESOLVED', resolved_at = $2 WHERE case_id = $1`, [d.id, vn('2026-10-21T09:00:00')]);
      await h.sql(
        `INSERT INTO case_event (case_id, type, from_status, to_status, payload, occurred_at) VALUES ($1, 'RESOLVED', 'ASSIGNED', 'RESOLVED', '{}', $2)`,
        [d.id, vn('2026-10-21T09:00:00')],
      );
      await waitFor(async () => (await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`)).body.totals.resolved === 4, 'late resolution counted', worker);
      const { totals } = (await get(`/api/v1/metrics/resolution-times?${OCTOBER_QUERY}`)).body;
      // Resolve, calendar: 96, 168, 240 and D's 337 h → median (168 + 240) / 2, p90 240 + 0.7 × 97, mean 841 / 4.
      expect(totals).toMatchObject({
        received: 5,
        resolved: 4,
        overdue: 2,
        onTimeShare: 0.5,
        resolve: { calendarHours: { median: 204, p90: 307.9, mean: 210.25 } },
      });
      expect(await h.sql(`SELECT resolved FROM metric_day WHERE grain = 'day' AND dims = 0 AND day = '2026-10-21'`)).toEqual([{ resolved: 1 }]);
      expect(await h.sql(`SELECT resolved FROM metric_day WHERE grain = 'month' AND dims = 0 AND day = '2026-10-01'`)).toEqual([{ resolved: 4 }]);
      expect(await h.sql(`SELECT count(*)::int AS n FROM metric_dirty_day`)).toEqual([{ n: 0 }]);
    });
  });

  it('counts a case resolved through the workflow within seconds', async () => {
    await h.reset();
    const desk = new Desk(h);
    const caseId = await desk.newCase();
    expect((await desk.triage(caseId, { supportingAgencies: [] })).status).toBe(200);
    expect((await desk.answer('ubnd@demo.local', caseId)).status).toBe(200);
    await waitFor(
      async () => {
        const body = (await get('/api/v1/metrics/resolution-times?groupBy=agency')).body;
        return body.rows.some((r: any) => r.key.agency === 'UBND' && r.resolved === 1 && r.onTimeShare === 1);
      },
      'resolution counted',
      worker,
    );
  });

  describe('hotspots', () => {
    /** `n` concerns (one case each) about area × category, received `daysAgo` days ago. */
    async function concerns(area: string, category: string, n: number, daysAgo: number, people?: number) {
      for (let i = 0; i < n; i++) {
        const at = new Date(Date.now() - daysAgo * 86_400_000 - i * 60_000 + 7 * 3600_000).toISOString().slice(0, 19);
        await seedCase(h, { code: `VV-H-${area}-${category}-${daysAgo}-${i}`, area, category, status: 'NEW', received: at, people });
      }
    }
    async function scan() {
      const job = await reports.add('hotspot-scan', {});
      await waitFor(async () => (await job.getState()) === 'completed', 'hotspot scan', worker);
    }

    it('fires on a surge, stays quiet on a steady area, and e-mails leaders once', async () => {
      await h.reset();
      // Steady: 6 a week for nine weeks. Surge: 1 five weeks ago, then 8 in the last 3 days.
      for (let week = 0; week < 9; week++) await concerns('X04', 'ENVIRONMENT', 6, week * 7 + 2);
      await concerns('X03', 'LAND', 1, 35);
      await concerns('X03', 'LAND', 8, 2, 150);
      const mailsBefore = smtp.received.length;
      await scan();
      const res = await get('/api/v1/hotspots');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      const [spot] = res.body.items;
      expect(spot).toMatchObject({
        status: 'ACTIVE',
        area: { code: 'X03' },
        category: { code: 'LAND' },
        recentCount: 8,
        baselineWeeklyMean: 0.13,
        peopleAffected: 1200,
      });
      // 8 concerns × (1 + log10(151)) ≈ 25.4 against a floor of 1 per week.
      expect(spot.score).toBeGreaterThan(25);
      expect(spot.evidence.weeklyCounts).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 8]);
      expect(spot.evidence.cases).toHaveLength(8);

      await waitFor(async () => smtp.received.length > mailsBefore, 'hotspot e-mail', worker);
      await scan(); // the same episode again: no second hotspot, no second e-mail
      expect((await get('/api/v1/hotspots')).body.items).toHaveLength(1);
      await settle(h, TEST_REDIS_URL);
      const hotspotMails = smtp.received.slice(mailsBefore).filter((m) => m.subject.includes('Cảnh báo điểm nóng'));
      expect(hotspotMails).toHaveLength(1);
      expect(hotspotMails[0].to).toEqual(['leader@demo.local']);
      expect(hotspotMails[0].subject).toContain('8 ý kiến trong 7 ngày');
    });

    it('ends a hotspot once the surge is over', async () => {
      await h.sql(`UPDATE concern SET received_at = received_at - interval '60 days' WHERE area_id = (SELECT id FROM area WHERE code = 'X03')`);
      await scan();
      expect((await get('/api/v1/hotspots')).body.items).toHaveLength(0);
      const ended = await get('/api/v1/hotspots?status=ENDED');
      expect(ended.body.items).toHaveLength(1);
      expect(ended.body.items[0].endedAt).not.toBeNull();
    });
  });
});

/** The decoded content of a base64 MIME attachment, found by its file name in the raw message. */
function attachment(raw: string, filename: string): Buffer {
  const at = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  if (at < 0) throw new Error(`no attachment ${filename}`);
  const body = raw.slice(at).split(/\r?\n\r?\n/)[1];
  return Buffer.from(body.split(/\r?\n--/)[0].replace(/\s+/g, ''), 'base64');
}
