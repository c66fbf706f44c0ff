import ExcelJS from 'exceljs';
import { WorkingCalendar } from '../src/modules/deadlines/working-calendar.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { Desk } from './helpers/workflow.js';

/** YYYY-MM-DD in Vietnam, `plusDays` from today. */
const vnDay = (plusDays = 0) => new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
const DAY_S = 86_400;
/** The policy under test, in working seconds: short enough for real time to breach it. */
const RESOLVE_S = 10;
const TRIAGE_S = 4;
const at = (e: { occurredAt: string }) => new Date(e.occurredAt);

/** percentile_cont over these values, as PostgreSQL computes it. */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return lo === pos ? v[lo] : v[lo] + (pos - lo) * (v[lo + 1] - v[lo]);
}
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const mean = (values: number[]) => (values.length ? values.reduce((s, x) => s + x, 0) / values.length : null);
/** Median, p90 and mean of whole seconds, as the API gives them (seconds, 2 decimals). */
const stats = (values: number[]) => ({ median: round2(percentile(values, 0.5)), p90: round2(percentile(values, 0.9)), mean: round2(mean(values)) });
const share = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : null);

interface Expected {
  caseId: string;
  agency: string;
  triageS: number;
  triageOnTime: boolean;
  verifyS: number | null;
  pausedS: number;
  onTime: boolean;
  resolveS: number;
  wallAnswerMs: number;
}

/**
 * The metrics follow the clocks, through HTTP against the API and a worker: cases run through the
 * workflow with real (short) deadlines, and every figure is computed here again from the cases'
 * own timelines with the WorkingCalendar of the database's calendar rows — never copied from the
 * server's answer.
 */
describe('metrics follow the clocks: on time by the moved due, triage, verification, paused time, the agency ranking', () => {
  let h: Harness;
  let d: Desk;
  let worker: Started;
  let leader: string;
  const expected: Expected[] = [];
  /** GDDT's case, still waiting for information when the figures are read: its clock is paused. */
  let held: { caseId: string; assignmentId: string; assignedAt: number; triageS: number; triageOnTime: boolean };
  /** Every triaged case: the answered ones and the held one. */
  const triaged = () => [...expected, held];
  const today = vnDay(0);

  const get = (path: string, token = leader) => h.api.get(path, { token });
  const calendar = async () => new WorkingCalendar(await h.sql(`SELECT day::text AS day, kind FROM calendar_day`));

  /** From a case's timeline: what each figure must be. */
  async function expectationOf(caseId: string, agency: string, cal: WorkingCalendar): Promise<Expected> {
    const events: any[] = (await d.caseAs('triage@demo.local', caseId)).body.events;
    const one = (type: string) => events.filter((e) => e.type === type).pop();
    const created = at(one('CREATED'));
    const triaged = at(one('TRIAGED'));
    const assigned = one('ASSIGNED');
    const leadId = assigned.payload.assignmentIds[0];
    const answered = at(events.find((e) => e.type === 'ASSIGNMENT_RESOLVED' && e.payload.assignmentId === leadId));
    const resolved = at(one('RESOLVED'));
    const closed = one('CLOSED');
    const pauses = events.filter((e) => e.type === 'CLOCK_PAUSED' && e.payload.assignmentId === leadId);
    const resumes = events.filter((e) => e.type === 'CLOCK_RESUMED' && e.payload.assignmentId === leadId);
    expect(resumes).toHaveLength(pauses.length);
    const pausedS = pauses.reduce((s, p, i) => s + cal.workingSecondsBetween(at(p), at(resumes[i])), 0);
    // The due instant: assignment + allowed + paused working time.
    const due = cal.addWorkingDays(at(assigned), (RESOLVE_S + pausedS) / DAY_S);
    return {
      caseId,
      agency,
      triageS: cal.workingSecondsBetween(created, triaged),
      triageOnTime: triaged.getTime() <= cal.addWorkingDays(created, TRIAGE_S / DAY_S).getTime(),
      verifyS: closed ? cal.workingSecondsBetween(resolved, at(closed)) : null,
      pausedS,
      onTime: answered.getTime() <= due.getTime(),
      resolveS: cal.workingSecondsBetween(created, resolved),
      wallAnswerMs: answered.getTime() - at(assigned).getTime(),
    };
  }

  const triageTo = async (caseId: string, lead: string) =>
    expect((await d.triage(caseId, { priority: 'NORMAL', leadAgency: lead, supportingAgencies: [] })).status).toBe(200);
  const answer = async (email: string, caseId: string) => expect((await d.answer(email, caseId)).status).toBe(200);
  const close = async (caseId: string) => expect((await d.desk(caseId, 'close', { note: 'Đồng ý kết quả' })).status).toBe(200);
  const elapsed = (since: number, ms: number) => waitFor(async () => Date.now() - since > ms, `${ms} ms passed`);

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    worker = startProcess('worker.js', { APP_BASE_URL: h.api.baseUrl, METRICS_REFRESH_MS: '200', HOTSPOT_SCAN_MS: '3600000', LOG_LEVEL: 'info' });
    await waitFor(async () => worker.output().includes('worker started'), 'worker start', worker);
    d = new Desk(h);
    leader = await d.as('leader@demo.local');
    const admin = await d.as('admin@demo.local');
    // Not dependent on the weekday: the days around today are working days.
    for (let i = -3; i <= 2; i++) {
      expect(
        (await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(i)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin })).status,
      ).toBeLessThan(300);
    }
    const policy = await h.api.post(
      '/api/v1/admin/deadline-policies',
      {
        priority: 'NORMAL',
        acknowledgeDays: RESOLVE_S / DAY_S,
        resolveDays: RESOLVE_S / DAY_S,
        triageDays: TRIAGE_S / DAY_S,
        verifyDays: 1,
        escalationStepDays: 1,
        reminderFractions: [0.5],
        remindDayBefore: false,
      },
      { token: admin },
    );
    expect([policy.status, policy.status === 201 ? null : policy.body]).toEqual([201, null]);

    const paused = async () => {
      // UBND asks the standing body for information at once, waits longer than its whole allowance, then answers.
      const p = await d.newCase();
      await triageTo(p, 'UBND');
      const u = await d.assignment('ubnd@demo.local', p);
      expect((await d.agency('ubnd@demo.local', u, 'request-info', { question: 'Đề nghị cung cấp danh sách hộ dân' })).status).toBe(200);
      await waitFor(
        async () => (await d.caseAs('triage@demo.local', p)).body.assignments.find((a: any) => a.id === u).clock.pausedWorkingSeconds >= RESOLVE_S + 2,
        'paused longer than the allowance',
      );
      expect((await d.desk(p, 'provide-info', { answer: 'Danh sách 35 hộ kèm theo' })).status).toBe(200);
      await answer('ubnd@demo.local', p);
      await close(p);
      return p;
    };
    const late = async () => {
      // NNMT's case is triaged after the triage allowance, and answered after its own.
      const l = await d.newCase();
      await elapsed(Date.now(), (TRIAGE_S + 1) * 1000);
      await triageTo(l, 'NNMT');
      await elapsed(Date.now(), (RESOLVE_S + 1) * 1000);
      await answer('nnmt@demo.local', l);
      return l;
    };
    const quick = async (lead: string, closeIt: boolean) => {
      const c = await d.newCase();
      await triageTo(c, lead);
      await answer(`${lead.toLowerCase()}@demo.local`, c);
      if (closeIt) await close(c);
      return c;
    };
    const hold = async () => {
      const c = await d.newCase();
      await triageTo(c, 'GDDT');
      const id = await d.assignment('gddt@demo.local', c);
      expect((await d.agency('gddt@demo.local', id, 'request-info', { question: 'Đề nghị cung cấp hồ sơ trường' })).status).toBe(200);
      return { c, id };
    };
    const [p, l, h1] = await Promise.all([paused(), late(), hold()]);
    const q1 = await quick('XD', true);
    const q2 = await quick('XD', false);
    const r = await quick('YT', true);
    const cal = await calendar();
    for (const [id, agency] of [
      [p, 'UBND'],
      [l, 'NNMT'],
      [q1, 'XD'],
      [q2, 'XD'],
      [r, 'YT'],
    ]) {
      expected.push(await expectationOf(id, agency, cal));
    }
    const heldEvents: any[] = (await d.caseAs('triage@demo.local', h1.c)).body.events;
    const [created, triagedAt, assigned] = ['CREATED', 'TRIAGED', 'ASSIGNED'].map((type) => at(heldEvents.find((e) => e.type === type)));
    held = {
      caseId: h1.c,
      assignmentId: h1.id,
      assignedAt: assigned.getTime(),
      triageS: cal.workingSecondsBetween(created, triagedAt),
      triageOnTime: triagedAt.getTime() <= cal.addWorkingDays(created, TRIAGE_S / DAY_S).getTime(),
    };
    // The worker's refresh brings them in: every answer and both verifications.
    await waitFor(async () => {
      const t = (await get(`/api/v1/metrics/resolution-times?from=${today}&to=${today}`)).body.totals;
      return t?.resolved === 5 && t.verify.count === 3 && t.triage.count === 6;
    }, 'facts refreshed');
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('the scenario is what it says: the paused answer is late by wall time and on time by the moved due; the late one breached', () => {
    const [p, l, q1, q2, r] = expected;
    expect(p.pausedS).toBeGreaterThanOrEqual(RESOLVE_S + 2);
    expect(p.wallAnswerMs).toBeGreaterThan(RESOLVE_S * 1000);
    expect(p.onTime).toBe(true);
    expect(l.onTime).toBe(false);
    expect(l.triageOnTime).toBe(false);
    expect([q1, q2, r].every((x) => x.onTime && x.triageOnTime && x.pausedS === 0)).toBe(true);
    expect(expected.filter((x) => x.verifyS !== null)).toHaveLength(3);
  });

  it('on-time share, time to triage, time to verify and time paused in the API equal the hand-computed values', async () => {
    const res = await get(`/api/v1/metrics/resolution-times?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.percentiles).toBe('exact');
    const t = res.body.totals;
    const onTime = expected.filter((x) => x.onTime).length;
    expect({ answered: t.answered, onTime: t.onTime, onTimeShare: t.onTimeShare }).toEqual({ answered: 5, onTime, onTimeShare: share(onTime, 5) });
    expect(onTime).toBe(4);
    // Only the late answer is overdue; the paused one's due moved past its answer.
    expect(t.overdue).toBe(1);
    const triageOnTime = triaged().filter((x) => x.triageOnTime).length;
    expect(t.triage).toMatchObject({
      count: 6,
      onTime: triageOnTime,
      onTimeShare: share(triageOnTime, 6),
      workingSeconds: stats(triaged().map((x) => x.triageS)),
    });
    const verified = expected.filter((x) => x.verifyS !== null).map((x) => x.verifyS!);
    expect(t.verify).toMatchObject({ count: 3, workingSeconds: stats(verified) });
    expect(t.paused).toMatchObject({ count: 5, workingSeconds: stats(expected.map((x) => x.pausedS)) });

    // By agency: each agency's own figures.
    const by = await get(`/api/v1/metrics/resolution-times?from=${today}&to=${today}&groupBy=agency`);
    for (const agency of ['UBND', 'NNMT', 'XD', 'YT']) {
      const mine = expected.filter((x) => x.agency === agency);
      const row = by.body.rows.find((x: any) => x.key.agency === agency);
      const n = mine.filter((x) => x.onTime).length;
      expect([agency, row.answered, row.onTime, row.onTimeShare, row.paused.workingSeconds]).toEqual([
        agency,
        mine.length,
        n,
        share(n, mine.length),
        stats(mine.map((x) => x.pausedS)),
      ]);
      expect(row.triage.workingSeconds).toEqual(stats(mine.map((x) => x.triageS)));
    }
  });

  it('a paused clock is never overdue, though its allowance has passed by wall time', async () => {
    const a = (await d.caseAs('triage@demo.local', held.caseId)).body.assignments.find((x: any) => x.id === held.assignmentId);
    expect(a.clock.state).toBe('PAUSED');
    expect(Date.now() - held.assignedAt).toBeGreaterThan(RESOLVE_S * 1000);
    const open = await get('/api/v1/metrics/open-cases?groupBy=agency');
    expect(open.body.rows.find((r: any) => r.key.agency === 'GDDT')).toMatchObject({ total: 1, overdue: 0 });
    expect(
      (await get(`/api/v1/metrics/resolution-times?from=${today}&to=${today}&groupBy=agency`)).body.rows.find((r: any) => r.key.agency === 'GDDT'),
    ).toMatchObject({
      received: 1,
      overdue: 0,
      answered: 0,
      onTimeShare: null,
    });
  });

  /** The ranking rule, applied here to the hand-computed figures. */
  function expectedRanking(minAnswered: number) {
    const none = { agency: 'GDDT', answered: 0, onTime: 0, onTimeShare: null, medianHours: null, pausedMean: null };
    const answeredBy = [...new Set(expected.map((x) => x.agency))].map((agency) => {
      const mine = expected.filter((x) => x.agency === agency);
      const onTime = mine.filter((x) => x.onTime).length;
      const medianHours =
        Math.round(
          (percentile(
            mine.map((x) => x.resolveS),
            0.5,
          )! /
            3600) *
            100,
        ) / 100;
      return {
        agency,
        answered: mine.length,
        onTime,
        onTimeShare: share(onTime, mine.length)!,
        medianHours,
        pausedMean: round2(mean(mine.map((x) => x.pausedS))),
      };
    });
    type Line = { agency: string; answered: number; onTime: number; onTimeShare: number | null; medianHours: number | null; pausedMean: number | null };
    const agencies: Line[] = [...answeredBy, none];
    agencies.sort(
      (a, b) =>
        (b.onTimeShare ?? -1) - (a.onTimeShare ?? -1) ||
        b.answered - a.answered ||
        (a.medianHours ?? Infinity) - (b.medianHours ?? Infinity) ||
        (a.agency < b.agency ? -1 : 1),
    );
    return {
      ranked: agencies.filter((a) => a.answered >= minAnswered).map((a, i) => ({ rank: i + 1, ...a })),
      unranked: agencies.filter((a) => a.answered < minAnswered).map((a) => ({ rank: null, ...a })),
    };
  }
  const lineOf = (r: any) => ({
    rank: r.rank,
    agency: r.agency,
    answered: r.answered,
    onTime: r.onTime,
    onTimeShare: r.onTimeShare,
    medianHours: r.resolveMedianWorkingHours,
    pausedMean: r.paused.workingSeconds.mean,
  });

  it('ranks agencies by on-time share, ties by answered count, then median time to resolve, then code; only those with enough answers', async () => {
    const all = await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}&minAnswered=1`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ from: today, to: today, minAnswered: 1, visibility: 'all' });
    // GDDT answered nothing yet: listed, without a rank.
    expect(all.body.unranked.map(lineOf)).toEqual(expectedRanking(1).unranked);
    expect(all.body.unranked.map((r: any) => [r.rank, r.agency])).toEqual([[null, 'GDDT']]);
    expect(all.body.ranked.map(lineOf)).toEqual(expectedRanking(1).ranked);
    // XD (2 of 2) before UBND and YT (1 of 1 each: then by median time to resolve, then by code), NNMT (0 of 1) last.
    const order = all.body.ranked.map((r: any) => r.agency);
    expect([order[0], order[3], [...order.slice(1, 3)].sort((a: string, b: string) => a.localeCompare(b))]).toEqual(['XD', 'NNMT', ['UBND', 'YT']]);
    // Asked twice, the same order (nothing depends on the database's row order).
    expect((await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}&minAnswered=1`)).body.ranked).toEqual(all.body.ranked);

    const two = await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}&minAnswered=2`);
    const e2 = expectedRanking(2);
    expect(two.body.ranked.map(lineOf)).toEqual(e2.ranked);
    expect(two.body.unranked.map(lineOf)).toEqual(e2.unranked);
    expect(two.body.ranked.map((r: any) => r.agency)).toEqual(['XD']);
    // The default asks for 5 answered cases: nobody here has them.
    const byDefault = await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}`);
    expect(byDefault.body.minAnswered).toBe(5);
    expect(byDefault.body.ranked).toEqual([]);
    expect(byDefault.body.unranked.map(lineOf)).toEqual(expectedRanking(5).unranked);
  });

  it('an agency reads every rank and name, and only its own figures; officers read none; bad input is a 400 problem', async () => {
    const ubnd = await d.as('ubnd@demo.local');
    const res = await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}&minAnswered=1`, ubnd);
    expect(res.status).toBe(200);
    expect(res.body.visibility).toBe('own');
    expect(res.body.ranked.map((r: any) => [r.rank, r.agency])).toEqual(expectedRanking(1).ranked.map((a) => [a.rank, a.agency]));
    for (const r of res.body.ranked) {
      if (r.agency === 'UBND') expect(r).toMatchObject({ answered: 1, onTime: 1, onTimeShare: 1 });
      else expect([r.answered, r.onTime, r.onTimeShare, r.resolveMedianWorkingHours, r.paused]).toEqual([null, null, null, null, null]);
    }
    const unrankedForAgency = await get(`/api/v1/metrics/agency-ranking?from=${today}&to=${today}&minAnswered=2`, ubnd);
    expect(unrankedForAgency.body.unranked.map((r: any) => r.agency)).toEqual(['UBND']);
    expect((await get(`/api/v1/metrics/agency-ranking`, await d.as('officer@demo.local'))).status).toBe(403);

    for (const [query, field] of [
      ['minAnswered=0', 'minAnswered'],
      ['minAnswered=abc', 'minAnswered'],
      ['minAnswered=1.5', 'minAnswered'],
      ['minAnswered=0x10', 'minAnswered'],
      ['minAnswered=99999', 'minAnswered'],
      ['from=2026-02-30', 'from'],
      ['agency=UBND', 'agency'],
      ['from=2026-10-31&to=2026-10-01', 'from'],
    ]) {
      const bad = await get(`/api/v1/metrics/agency-ranking?${query}`);
      expect([query, bad.status, bad.headers.get('content-type')]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(bad.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('the review report carries the ranking section, in JSON and read back from XLSX', async () => {
    const [y, m] = today.split('-').map(Number);
    const quarter = `${y}-Q${Math.ceil(m / 3)}`;
    const json = await get(`/api/v1/reports/review?period=${quarter}&minAnswered=1`);
    expect(json.status).toBe(200);
    expect(json.body.ranking.ranked.map(lineOf)).toEqual(expectedRanking(1).ranked);
    expect(json.body.summary).toMatchObject({ answered: 5, onTime: 4, onTimeShare: 0.8 });

    const res = await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=${quarter}&format=xlsx&minAnswered=1`, {
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = wb.worksheets.find((w) => w.name.startsWith('2.'))!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((r: any) => (r ? r.slice(1) : []));
    expect(rows[2][0]).toBe('Xếp hạng đơn vị theo tỷ lệ đúng hạn');
    expect(rows[3].slice(0, 5)).toEqual(['Hạng', 'Cơ quan chủ trì', 'Đã trả lời (có hạn)', 'Đúng hạn', 'Tỷ lệ đúng hạn (%)']);
    const labels = Object.fromEntries(json.body.ranking.ranked.map((r: any) => [r.agency, r.label]));
    expect(rows.slice(4, 8).map((r: any[]) => r.slice(0, 5))).toEqual(
      expectedRanking(1).ranked.map((a) => [a.rank, labels[a.agency], a.answered, a.onTime, Math.round(a.onTimeShare! * 1000) / 10]),
    );
    // With the default threshold every agency is listed, unranked.
    const csv = await (
      await fetch(`${h.api.baseUrl}/api/v1/reports/review?period=${quarter}&format=csv`, { headers: { authorization: `Bearer ${leader}` } })
    ).text();
    expect(csv).toContain('Xếp hạng đơn vị theo tỷ lệ đúng hạn');
    expect(csv).toContain(`Chưa xếp hạng,${labels.XD},2,2,100`);
  });

  it('the day rollup gives the same counts, shares and means once the days are rolled', async () => {
    // Move the facts two days back (the same working seconds) and have the worker build the rollup again: those days now come from metric_day.
    const instants = ['received_at', 'assigned_at', 'acknowledged_at', 'resolved_at', 'closed_at', 'due_at', 'answered_at', 'triaged_at', 'verified_at'];
    await h.sql(`UPDATE case_fact SET ${instants.map((c) => `${c} = ${c} - interval '2 days'`).join(', ')}`);
    await h.sql(`UPDATE metrics_watermark SET rolled_until = NULL`);
    await waitFor(async () => (await h.sql(`SELECT rolled_until::text AS d FROM metrics_watermark`))[0].d === today, 'rollup rebuilt');
    const rolled = await h.sql(
      `SELECT sum(triaged)::int AS triaged, sum(verified)::int AS verified, sum(paused_n)::int AS paused FROM metric_day WHERE dims = 0 AND grain = 'day'`,
    );
    expect(rolled).toEqual([{ triaged: 6, verified: 3, paused: 5 }]);
    const t = (await get(`/api/v1/metrics/resolution-times?from=${vnDay(-3)}&to=${vnDay(-1)}`)).body.totals;
    expect({ answered: t.answered, onTime: t.onTime, overdue: t.overdue }).toEqual({ answered: 5, onTime: 4, overdue: 1 });
    expect(t.triage.workingSeconds.mean).toBe(round2(mean(triaged().map((x) => x.triageS))));
    expect(t.triage.onTime).toBe(triaged().filter((x) => x.triageOnTime).length);
    expect(t.verify.workingSeconds.mean).toBe(round2(mean(expected.filter((x) => x.verifyS !== null).map((x) => x.verifyS!))));
    expect(t.paused.workingSeconds.mean).toBe(round2(mean(expected.map((x) => x.pausedS))));
    const ranking = await get(`/api/v1/metrics/agency-ranking?from=${vnDay(-3)}&to=${vnDay(-1)}&minAnswered=1`);
    expect(ranking.body.ranked.map(lineOf)).toEqual(expectedRanking(1).ranked);
  });
});
