import { concern, type Harness, startHarness } from './helpers/harness.js';
import { PNG, upload } from './helpers/attachments.js';
import { Desk, RESOLUTION } from './helpers/workflow.js';

/**
 * Need-to-know on every path (issue 12). The access sweep builds one case per sensitivity, each
 * with an agency holding open work (UBND), one that returned it (YT), one routed away by a re-route
 * (XD, CANCELLED), and an unrelated one (GDDT); then, for every user × every case that user must
 * not see × every read and action route, it checks the answer (403 for a role the route refuses,
 * 404 like an unknown case otherwise), that the database did not move, and that no list, search or
 * similar-case answer names the case or carries its words. Allowed reads must work.
 */

const PASSWORD = 'Vis-sweep-2026!quy-trinh';

type Sens = 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
const SENSITIVITIES: Sens[] = ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'];
/** A word only that case's text holds, so its presence in an answer is a leak. */
const SECRET: Record<Sens, string> = { PUBLIC: 'kxpublicq', RESTRICTED: 'kxrestrictq', CONFIDENTIAL: 'kxconfidq' };
/** The reporter's phone of that case's concern: a phone search finds it for the standing body only. */
const PHONE: Record<Sens, string> = { PUBLIC: '0912000101', RESTRICTED: '0912000202', CONFIDENTIAL: '0912000303' };
/** The same number as people type it: +84, spaces. */
const spaced = (phone: string) => encodeURIComponent(`+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);

type Who = 'officer' | 'officer2' | 'triager' | 'triager2' | 'leader' | 'admin' | 'ubnd' | 'yt' | 'xd' | 'gddt';
const ROLE: Record<Who, string> = {
  officer: 'officer',
  officer2: 'officer',
  triager: 'triager',
  triager2: 'triager',
  leader: 'leader',
  admin: 'admin',
  ubnd: 'agency',
  yt: 'agency',
  xd: 'agency',
  gddt: 'agency',
};
/**
 * The decided rule, written out independently of the code: who sees which case. The officer logged
 * all three concerns; the triager triaged and re-routed all three; UBND holds the open assignment.
 */
const SEES: Record<Who, Sens[]> = {
  officer: ['PUBLIC', 'RESTRICTED'],
  officer2: [],
  triager: ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'],
  triager2: ['PUBLIC', 'RESTRICTED'],
  leader: ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'],
  admin: ['PUBLIC'],
  ubnd: ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'],
  yt: [],
  xd: [],
  gddt: [],
};

interface Fixture {
  id: string;
  /** The case code (VV-…), which a search finds exactly. */
  code: string;
  assignments: { ubnd: string; yt: string; xd: string };
  extensionId: string;
  /** A file the standing body attached to the case. */
  attachmentId: string;
}

/** Every route that reads or acts on one case, from the controllers: roles the route admits, the request. */
interface Route {
  name: string;
  roles: string[];
  method: 'GET' | 'POST';
  path: (f: Fixture, spare: string) => string;
  body?: (f: Fixture, spare: string) => unknown;
  /** The answer when the role is admitted but the case is hidden (default 404, like an unknown case). */
  hidden?: { status: number; code: string };
}
const STAFF = ['officer', 'triager', 'agency', 'leader', 'admin'];
const CASE_ROUTES: Route[] = [
  { name: 'GET /cases/:id', roles: STAFF, method: 'GET', path: (f) => `/api/v1/cases/${f.id}` },
  { name: 'GET /cases/:id/similar', roles: ['triager', 'leader'], method: 'GET', path: (f) => `/api/v1/cases/${f.id}/similar` },
  { name: 'GET /cases/:id/attachments', roles: STAFF, method: 'GET', path: (f) => `/api/v1/cases/${f.id}/attachments` },
  { name: 'GET /attachments/:id', roles: STAFF, method: 'GET', path: (f) => `/api/v1/attachments/${f.attachmentId}` },
  { name: 'GET /attachments/:id/content', roles: STAFF, method: 'GET', path: (f) => `/api/v1/attachments/${f.attachmentId}/content` },
  { name: 'GET /cases/:id/suggested-agencies', roles: ['triager', 'leader'], method: 'GET', path: (f) => `/api/v1/cases/${f.id}/suggested-agencies` },
  // Notes have no role gate: a caller who may not read them gets 404 as for an unseen case.
  { name: 'GET /cases/:id/notes', roles: STAFF, method: 'GET', path: (f) => `/api/v1/cases/${f.id}/notes` },
  { name: 'GET /cases/:id/notes/mentionable', roles: STAFF, method: 'GET', path: (f) => `/api/v1/cases/${f.id}/notes/mentionable` },
  { name: 'POST /cases/:id/notes', roles: STAFF, method: 'POST', path: (f) => `/api/v1/cases/${f.id}/notes`, body: () => ({ body: 'Ghi chú thử' }) },
  {
    name: 'POST /cases/:id/triage',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/triage`,
    body: () => ({ categoryCode: 'LAND', priority: 'LOW', sensitivity: 'PUBLIC', leadAgency: 'GDDT', supportingAgencies: [] }),
  },
  {
    name: 'POST /cases/:id/reject',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/reject`,
    body: () => ({ reason: 'Ngoài phạm vi' }),
  },
  {
    name: 'POST /cases/:id/merge',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/merge`,
    body: (_f, spare) => ({ intoCaseId: spare }),
  },
  {
    // A visible case merged into the hidden one: the hidden survivor is "no such case", as an unknown id is.
    name: 'POST /cases/:spare/merge into :id',
    roles: ['triager'],
    method: 'POST',
    path: (_f, spare) => `/api/v1/cases/${spare}/merge`,
    body: (f) => ({ intoCaseId: f.id }),
    hidden: { status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    name: 'POST /cases/:id/request-info',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/request-info`,
    body: () => ({ question: 'Bổ sung?' }),
  },
  {
    name: 'POST /cases/:id/provide-info',
    roles: ['triager', 'officer'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/provide-info`,
    body: () => ({ answer: 'Đây' }),
  },
  { name: 'POST /cases/:id/close', roles: ['triager'], method: 'POST', path: (f) => `/api/v1/cases/${f.id}/close`, body: () => ({ note: 'Đóng' }) },
  { name: 'POST /cases/:id/reopen', roles: ['triager'], method: 'POST', path: (f) => `/api/v1/cases/${f.id}/reopen`, body: () => ({ reason: 'Mở lại' }) },
  { name: 'POST /cases/:id/directives', roles: ['leader'], method: 'POST', path: (f) => `/api/v1/cases/${f.id}/directives`, body: () => ({ text: 'Chỉ đạo' }) },
  {
    name: 'POST /cases/:id/directives/:eventId/reply',
    roles: ['agency'],
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.id}/directives/1/reply`,
    body: () => ({ text: 'Trả lời chỉ đạo' }),
  },
  {
    name: 'POST /extensions/:id/grant',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/extensions/${f.extensionId}/grant`,
    body: () => ({ note: 'Đồng ý' }),
  },
  {
    name: 'POST /extensions/:id/deny',
    roles: ['triager'],
    method: 'POST',
    path: (f) => `/api/v1/extensions/${f.extensionId}/deny`,
    body: () => ({ note: 'Không' }),
  },
];
/** The agency routes, tried on each of the case's assignments (open, returned, cancelled). */
const ASSIGNMENT_ACTIONS: Array<{ action: string; body: unknown }> = [
  { action: 'acknowledge', body: {} },
  { action: 'progress', body: { note: 'Đang làm' } },
  { action: 'request-info', body: { question: 'Cần gì?' } },
  { action: 'return', body: { reason: 'Không phải của chúng tôi' } },
  { action: 'delegate', body: { toOrgUnitCode: 'X02-UBND' } },
  { action: 'resolve', body: RESOLUTION },
  { action: 'extensions', body: { days: 3, reason: 'Thêm thời gian' } },
];
for (const holder of ['ubnd', 'yt', 'xd'] as const) {
  for (const { action, body } of ASSIGNMENT_ACTIONS) {
    CASE_ROUTES.push({
      name: `POST /assignments/:${holder}/${action}`,
      roles: ['agency'],
      method: 'POST',
      path: (f) => `/api/v1/assignments/${f.assignments[holder]}/${action}`,
      body: () => body,
    });
  }
}
/** Lists and searches: the hidden case must not be in them, nor its words. */
const LIST_ROUTES: Array<{ name: string; roles: string[]; path: (s: Sens, f: Fixture) => string }> = [
  { name: 'GET /cases', roles: STAFF, path: () => '/api/v1/cases?limit=100' },
  { name: 'GET /cases?q=', roles: STAFF, path: (s) => `/api/v1/cases?q=${SECRET[s]}` },
  { name: 'GET /cases?q=phone', roles: STAFF, path: (s) => `/api/v1/cases?q=${PHONE[s]}` },
  { name: 'GET /cases?q=+84 phone', roles: STAFF, path: (s) => `/api/v1/cases?q=${spaced(PHONE[s])}` },
  { name: 'GET /cases?q=code', roles: STAFF, path: (_s, f) => `/api/v1/cases?q=${f.code}` },
  { name: 'GET /cases?q=code lower-case', roles: STAFF, path: (_s, f) => `/api/v1/cases?q=${f.code.toLowerCase()}` },
  { name: 'GET /cases?sensitivity=all&pageSize=100', roles: STAFF, path: () => '/api/v1/cases?sensitivity=PUBLIC,RESTRICTED,CONFIDENTIAL&pageSize=100' },
  { name: 'GET /cases?agency=YT (returned)', roles: STAFF, path: () => '/api/v1/cases?agency=YT&pageSize=100' },
  { name: 'GET /cases?leadAgency=UBND&sort=oldest', roles: STAFF, path: () => '/api/v1/cases?leadAgency=UBND&sort=oldest&page=1&pageSize=100' },
  { name: 'GET /cases?figure=open', roles: STAFF, path: () => '/api/v1/cases?figure=open&pageSize=100' },
  { name: 'GET /cases?figure=received&from=&to=', roles: STAFF, path: () => '/api/v1/cases?figure=received&from=2000-01-01&to=2199-12-31&pageSize=100' },
  { name: 'GET /cases?category=LAND&area=T01', roles: STAFF, path: () => '/api/v1/cases?category=LAND&area=T01&pageSize=100' },
  { name: 'GET /assignments?active=false', roles: ['agency'], path: () => '/api/v1/assignments?active=false' },
  { name: 'GET /assignments', roles: ['agency'], path: () => '/api/v1/assignments' },
  { name: 'GET /assignments?caseId=', roles: ['agency'], path: (_s, f) => `/api/v1/assignments?caseId=${f.id}` },
  { name: 'GET /assignments?q=', roles: ['agency'], path: (s) => `/api/v1/assignments?q=${SECRET[s]}` },
  { name: 'GET /assignments?q=code', roles: ['agency'], path: (_s, f) => `/api/v1/assignments?q=${f.code}` },
  {
    name: 'GET /assignments?status=all&sort=oldest',
    roles: ['agency'],
    path: () => '/api/v1/assignments?status=ASSIGNED,ACKNOWLEDGED,IN_PROGRESS,RETURNED,CANCELLED,RESOLVED&sort=oldest&pageSize=100',
  },
  { name: 'GET /extensions', roles: ['triager', 'leader'], path: () => '/api/v1/extensions' },
];

describe('access sweep: every role × every hidden case × every read and action route', () => {
  let h: Harness;
  let d: Desk;
  const token: Partial<Record<Who, string>> = {};
  const fx = {} as Record<Sens, Fixture>;
  let spare: string;
  const tally = { requests: 0, leaks: 0, serverErrors: 0, allowedReads: 0 };
  const leaks: string[] = [];

  const as = (who: Who) => token[who]!;
  const leak = (what: string) => {
    tally.leaks++;
    leaks.push(what);
  };

  async function send(who: Who, method: string, path: string, body?: unknown) {
    tally.requests++;
    const res = await h.api.request(method, path, body, { token: as(who) });
    if (res.status >= 500) tally.serverErrors++;
    return res;
  }

  /** What a hidden request must not move: the fixture cases, their events, assignments, extensions, concerns; the outbox. */
  async function snapshot(): Promise<string> {
    const rows = await h.sql(
      `SELECT to_jsonb(c) AS c,
              (SELECT count(*) FROM case_event e WHERE e.case_id = c.id) AS events,
              (SELECT count(*) FROM concern k WHERE k.case_id = c.id) AS concerns,
              (SELECT count(*) FROM case_note n WHERE n.case_id = c.id) AS notes,
              (SELECT jsonb_agg(to_jsonb(s) ORDER BY s.id) FROM assignment s WHERE s.case_id = c.id) AS assignments,
              (SELECT jsonb_agg(to_jsonb(x) ORDER BY x.id) FROM extension_request x JOIN assignment s ON s.id = x.assignment_id WHERE s.case_id = c.id) AS extensions
         FROM cases c ORDER BY c.id`,
    );
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM outbox_message`);
    return JSON.stringify({ rows, outbox: n });
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    d = new Desk(h);
    for (const [who, email] of [
      ['officer', 'officer@demo.local'],
      ['triager', 'triage@demo.local'],
      ['leader', 'leader@demo.local'],
      ['admin', 'admin@demo.local'],
      ['ubnd', 'ubnd@demo.local'],
      ['yt', 'yt@demo.local'],
      ['xd', 'xd@demo.local'],
      ['gddt', 'gddt@demo.local'],
    ] as Array<[Who, string]>) {
      token[who] = await d.as(email);
    }
    // A second officer and a second triager of the standing body, made by the admin.
    for (const [who, role] of [
      ['officer2', 'officer'],
      ['triager2', 'triager'],
    ] as const) {
      const email = `${who}.vis@demo.local`;
      const made = await h.api.post(
        '/api/v1/admin/users',
        { email, password: PASSWORD, fullName: `Cán bộ ${who}`, role, orgUnitCode: 'BTG' },
        { token: as('admin') },
      );
      if (made.status !== 201 && made.status !== 409) throw new Error(`create ${email}: ${made.status} ${JSON.stringify(made.body)}`);
      token[who] = await h.api.login(email, PASSWORD);
    }

    for (const s of SENSITIVITIES) {
      const id = await d.newCase({
        title: `Chậm bồi thường giải phóng mặt bằng ${SECRET[s]}`,
        description: `Các hộ dân phản ánh việc chậm chi trả tiền bồi thường ${SECRET[s]}.`,
        categoryCode: s === 'RESTRICTED' ? 'RELIGION' : 'LAND',
        reporter: { name: 'Nguyễn Thị Hoa', phone: PHONE[s], email: 'hoa@example.vn' },
      });
      const first = await d.triage(id, { sensitivity: s, leadAgency: 'YT', supportingAgencies: ['XD'] });
      expect(first.status).toBe(200);
      const yt = first.body.assignments.find((a: { orgUnitCode: string }) => a.orgUnitCode === 'YT').id;
      const xd = first.body.assignments.find((a: { orgUnitCode: string }) => a.orgUnitCode === 'XD').id;
      expect((await d.agency('yt@demo.local', yt, 'return', { reason: 'Không thuộc lĩnh vực y tế' })).status).toBe(200);
      const again = await d.triage(id, { sensitivity: s, leadAgency: 'UBND', supportingAgencies: [] });
      expect(again.body.assignments.map((a: { orgUnitCode: string; status: string }) => [a.orgUnitCode, a.status])).toEqual([
        ['YT', 'RETURNED'],
        ['XD', 'CANCELLED'],
        ['UBND', 'ASSIGNED'],
      ]);
      const ubnd = again.body.assignments.find((a: { orgUnitCode: string }) => a.orgUnitCode === 'UBND').id;
      const ext = await d.agency('ubnd@demo.local', ubnd, 'extensions', { days: 5, reason: 'Cần đo đạc lại' });
      expect(ext.status).toBe(201);
      const file = await upload(h.api, `/api/v1/cases/${id}/attachments`, as('triager'), { bytes: PNG, name: `${SECRET[s]}.png` }, { purpose: 'EVIDENCE' });
      expect(file.status).toBe(201);
      // An internal note carrying the case's word: whoever may not read the notes must not see it.
      const note = await h.api.post(`/api/v1/cases/${id}/notes`, { body: `Đã làm việc với UBND xã ${SECRET[s]}` }, { token: as('triager') });
      expect(note.status).toBe(201);
      const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [id]);
      fx[s] = { id, code, assignments: { ubnd, yt, xd }, extensionId: ext.body.id, attachmentId: file.body.id };
    }
    // A NEW public case of the standing body's own, to merge from and into.
    const logged = await h.api.post('/api/v1/concerns', concern({ title: 'Đường liên xã xuống cấp', categoryCode: 'INFRASTRUCTURE' }), {
      token: as('triager'),
    });
    spare = logged.body.caseId;
  }, 120_000);

  afterAll(async () => {
    process.stdout.write(
      `access sweep: ${tally.requests} requests, ${tally.leaks} leaks, ${tally.serverErrors} 5xx, ${tally.allowedReads} allowed reads checked\n`,
    );
    await h?.close();
  });

  it('the fixtures are what the rule talks about (so the sweep can fail)', async () => {
    const rows = await h.sql(`SELECT id, sensitivity FROM cases WHERE id = ANY($1) ORDER BY id`, [SENSITIVITIES.map((s) => fx[s].id)]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.sensitivity]))).toEqual(Object.fromEntries(SENSITIVITIES.map((s) => [fx[s].id, s])));
    // The leader sees each case in search, similar cases and extension requests: the checks below look where the cases are.
    for (const s of SENSITIVITIES) {
      const found = await send('leader', 'GET', `/api/v1/cases?q=${SECRET[s]}`);
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([fx[s].id]);
    }
    const similar = await send('leader', 'GET', `/api/v1/cases/${fx.PUBLIC.id}/similar`);
    expect(similar.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([fx.RESTRICTED.id, fx.CONFIDENTIAL.id]));
    const extensions = await send('leader', 'GET', '/api/v1/extensions');
    expect(extensions.body.map((x: { caseId: string }) => x.caseId).sort()).toEqual(SENSITIVITIES.map((s) => fx[s].id).sort());
    const inbox = await send('ubnd', 'GET', '/api/v1/assignments');
    expect(JSON.stringify(inbox.body)).toContain(SECRET.CONFIDENTIAL);
    // The leader finds each by its reporter's phone (as typed either way) and by its code; the holding agency by its code.
    for (const s of SENSITIVITIES) {
      for (const q of [PHONE[s], spaced(PHONE[s]), fx[s].code, fx[s].code.toLowerCase()]) {
        const found = await send('leader', 'GET', `/api/v1/cases?q=${q}`);
        expect([q, found.body.items.map((i: { id: string }) => i.id)]).toEqual([q, [fx[s].id]]);
      }
      const byCode = await send('ubnd', 'GET', `/api/v1/cases?q=${fx[s].code}`);
      expect(byCode.body.items.map((i: { id: string }) => i.id)).toEqual([fx[s].id]);
      const byCase = await send('ubnd', 'GET', `/api/v1/assignments?caseId=${fx[s].id}`);
      expect(JSON.stringify(byCase.body)).toContain(SECRET[s]);
      const notes = await send('leader', 'GET', `/api/v1/cases/${fx[s].id}/notes`);
      expect(JSON.stringify(notes.body)).toContain(SECRET[s]);
    }
  });

  it('refuses every hidden case on every route (403 by role, else 404 like an unknown case), moves nothing, and lists never name it', async () => {
    for (const who of Object.keys(SEES) as Who[]) {
      const role = ROLE[who];
      for (const s of SENSITIVITIES.filter((x) => !SEES[who].includes(x))) {
        const f = fx[s];
        for (const route of CASE_ROUTES) {
          const before = route.method === 'POST' ? await snapshot() : '';
          const res = await send(who, route.method, route.path(f, spare), route.body?.(f, spare));
          const expected = !route.roles.includes(role) ? { status: 403, code: 'FORBIDDEN' } : (route.hidden ?? { status: 404, code: 'NOT_FOUND' });
          const tag = `${who} ${route.name} on ${s}`;
          if (res.status !== expected.status || res.body?.code !== expected.code) leak(`${tag}: ${res.status} ${JSON.stringify(res.body)}`);
          // (A 404 echoes the id it was asked about, as for an unknown id; the case's words never appear.)
          else if (JSON.stringify(res.body).includes(SECRET[s])) leak(`${tag}: answer carries the case's words`);
          if (route.method === 'POST' && (await snapshot()) !== before) leak(`${tag}: the database changed`);
        }
        for (const list of LIST_ROUTES.filter((l) => l.roles.includes(role))) {
          const res = await send(who, 'GET', list.path(s, f));
          const text = JSON.stringify(res.body);
          if (res.status !== 200) leak(`${who} ${list.name} for ${s}: ${res.status}`);
          // The inbox may keep the unit's own assignment row (id, status, case code) but nothing of the case.
          else if (text.includes(SECRET[s]) || (!list.name.startsWith('GET /assignments') && text.includes(f.id))) leak(`${who} ${list.name} shows ${s}`);
        }
        // Similar cases of a case the user does see never suggest the hidden one.
        if (['triager', 'leader'].includes(role)) {
          for (const visible of SEES[who]) {
            const res = await send(who, 'GET', `/api/v1/cases/${fx[visible].id}/similar`);
            if (res.status !== 200 || JSON.stringify(res.body).includes(f.id)) leak(`${who} similar of ${visible} suggests ${s}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(tally.leaks).toBe(0);
    expect(tally.serverErrors).toBe(0);
  }, 300_000);

  it('lets everyone read what they may: the case page, the list, search', async () => {
    const problems: string[] = [];
    for (const who of Object.keys(SEES) as Who[]) {
      for (const s of SEES[who]) {
        const page = await send(who, 'GET', `/api/v1/cases/${fx[s].id}`);
        tally.allowedReads++;
        if (page.status !== 200 || !JSON.stringify(page.body).includes(SECRET[s])) problems.push(`${who} cannot read ${s}: ${page.status}`);
        const found = await send(who, 'GET', `/api/v1/cases?q=${SECRET[s]}`);
        tally.allowedReads++;
        if (!found.body.items?.some((i: { id: string }) => i.id === fx[s].id)) problems.push(`${who} does not find ${s}`);
        if (['triager', 'leader'].includes(ROLE[who])) {
          tally.allowedReads += 2;
          if ((await send(who, 'GET', `/api/v1/cases/${fx[s].id}/similar`)).status !== 200) problems.push(`${who} similar of ${s}`);
          if ((await send(who, 'GET', `/api/v1/cases/${fx[s].id}/suggested-agencies`)).status !== 200) problems.push(`${who} suggestions of ${s}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps notes to the standing body and the holding agency, reporter phones to the standing body, saved views to their owner, the audit log to admins', async () => {
    const problems: string[] = [];
    const expectStatus = async (who: Who, method: string, path: string, status: number, body?: unknown) => {
      const res = await send(who, method, path, body);
      if (res.status !== status) problems.push(`${who} ${method} ${path}: ${res.status} (expected ${status}) ${JSON.stringify(res.body).slice(0, 200)}`);
      return res;
    };
    // Officers and admins never read notes, even of a case they see (404, as for an unseen case); nor do agencies without work on it.
    for (const who of ['officer', 'admin', 'yt', 'xd', 'gddt'] as Who[]) {
      for (const s of SENSITIVITIES) {
        for (const suffix of ['notes', 'notes/mentionable']) {
          const res = await expectStatus(who, 'GET', `/api/v1/cases/${fx[s].id}/${suffix}`, 404);
          if (JSON.stringify(res.body).includes(SECRET[s])) problems.push(`${who} ${suffix} of ${s} carries its words`);
        }
      }
    }
    const [{ n: notesBefore }] = await h.sql(`SELECT count(*)::int AS n FROM case_note`);
    for (const who of ['officer', 'admin'] as Who[]) await expectStatus(who, 'POST', `/api/v1/cases/${fx.PUBLIC.id}/notes`, 404, { body: 'Ghi chú' });
    const [{ n: notesAfter }] = await h.sql(`SELECT count(*)::int AS n FROM case_note`);
    if (notesAfter !== notesBefore) problems.push(`notes written by an officer or admin: ${notesBefore} → ${notesAfter}`);
    // Those who may read them do, on every sensitivity; the mentionable list never offers an officer, an admin or a unit without work.
    for (const who of ['triager', 'leader', 'ubnd'] as Who[]) {
      for (const s of SENSITIVITIES) {
        tally.allowedReads++;
        const notes = await expectStatus(who, 'GET', `/api/v1/cases/${fx[s].id}/notes`, 200);
        if (!JSON.stringify(notes.body).includes(SECRET[s])) problems.push(`${who} does not read the note of ${s}`);
        const who2 = await expectStatus(who, 'GET', `/api/v1/cases/${fx[s].id}/notes/mentionable`, 200);
        const text = JSON.stringify(who2.body);
        for (const outsider of ['officer@demo.local', 'admin@demo.local', 'yt@demo.local', 'xd@demo.local', 'gddt@demo.local', '"GDDT"', '"YT"'])
          if (text.includes(outsider)) problems.push(`${who} may mention ${outsider} on ${s}`);
        if (!text.includes('ubnd@demo.local')) problems.push(`${who} may not mention the holding agency on ${s}`);
      }
    }
    // A phone search matches reporters for the standing body only: officers (even the one who logged it), agencies (even the holding one) and admins find nothing.
    for (const who of Object.keys(SEES) as Who[]) {
      const standing = ['triager', 'leader'].includes(ROLE[who]);
      for (const s of SENSITIVITIES) {
        for (const q of [PHONE[s], spaced(PHONE[s])]) {
          const res = await send(who, 'GET', `/api/v1/cases?q=${q}`);
          const ids = (res.body.items ?? []).map((i: { id: string }) => i.id);
          const want = standing && SEES[who].includes(s) ? [fx[s].id] : [];
          if (res.status !== 200 || JSON.stringify(ids) !== JSON.stringify(want))
            problems.push(`${who} phone search for ${s}: ${res.status} ${JSON.stringify(ids)}`);
        }
      }
    }
    // An agency asking for another unit's case by id gets no row of it.
    for (const s of SENSITIVITIES) {
      const res = await expectStatus('gddt', 'GET', `/api/v1/assignments?caseId=${fx[s].id}`, 200);
      if (res.body.items?.length !== 0) problems.push(`gddt lists assignments of ${s}: ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    // Bulk actions on a hidden case: per case NOT_FOUND, like an unknown id, and nothing moves.
    const before = await snapshot();
    for (const [path, body] of [
      ['/api/v1/cases/bulk/priority', { caseIds: [fx.CONFIDENTIAL.id], priority: 'LOW' }],
      ['/api/v1/cases/bulk/triage', { caseIds: [fx.CONFIDENTIAL.id], leadAgency: 'GDDT' }],
      ['/api/v1/cases/bulk/merge', { caseIds: [fx.CONFIDENTIAL.id], intoCaseId: spare }],
      ['/api/v1/cases/bulk/merge', { caseIds: [spare], intoCaseId: fx.CONFIDENTIAL.id }],
    ] as const) {
      const res = await expectStatus('triager2', 'POST', path, 200, body);
      const [result] = res.body.results ?? [];
      if (result?.ok !== false || !['NOT_FOUND', 'VALIDATION_FAILED'].includes(result?.code)) problems.push(`triager2 ${path}: ${JSON.stringify(res.body)}`);
      if (JSON.stringify(res.body).includes(SECRET.CONFIDENTIAL)) problems.push(`triager2 ${path} carries the case's words`);
    }
    if ((await snapshot()) !== before) problems.push('a bulk action on a hidden case moved the database');

    // Saved views are their owner's: another user neither lists nor deletes them.
    const view = await expectStatus('triager', 'POST', '/api/v1/me/saved-views', 201, {
      page: 'triage',
      name: 'Mật kxviewq',
      query: { q: SECRET.CONFIDENTIAL },
    });
    for (const who of ['triager2', 'officer', 'leader', 'admin', 'ubnd'] as Who[]) {
      const list = await expectStatus(who, 'GET', '/api/v1/me/saved-views', 200);
      if (JSON.stringify(list.body).includes('kxviewq')) problems.push(`${who} lists the triager's saved view`);
      await expectStatus(who, 'DELETE', `/api/v1/me/saved-views/${view.body.id}`, 404);
    }
    const mine = await expectStatus('triager', 'GET', '/api/v1/me/saved-views?page=triage', 200);
    if (!JSON.stringify(mine.body).includes('kxviewq')) problems.push('the owner no longer lists the saved view');
    await expectStatus('triager', 'DELETE', `/api/v1/me/saved-views/${view.body.id}`, 204);

    // The audit log and the reply-template admin are the admin's; reply templates are for those who answer.
    const template = await expectStatus('admin', 'POST', '/api/v1/admin/reply-templates', 201, {
      categoryCode: 'LAND',
      purpose: 'AGENCY_ANSWER',
      title: 'Trả lời kxtemplateq',
      body: 'Về vụ việc {caseCode} …',
    });
    const history = `/api/v1/admin/audit-log?entityType=reply_template&entityId=${template.body.id}`;
    for (const who of ['officer', 'triager', 'leader', 'ubnd'] as Who[]) {
      await expectStatus(who, 'GET', history, 403);
      await expectStatus(who, 'GET', `/api/v1/admin/audit-log?entityType=cases&entityId=${fx.CONFIDENTIAL.id}`, 403);
      await expectStatus(who, 'GET', '/api/v1/admin/reply-templates', 403);
    }
    const audited = await expectStatus('admin', 'GET', history, 200);
    if (audited.body.items?.length !== 1) problems.push(`the admin reads no history of the template: ${JSON.stringify(audited.body).slice(0, 200)}`);
    for (const who of ['officer', 'officer2', 'admin'] as Who[])
      await expectStatus(who, 'GET', '/api/v1/reply-templates?category=LAND&purpose=AGENCY_ANSWER', 403);
    for (const who of ['triager', 'leader', 'ubnd'] as Who[]) {
      const res = await expectStatus(who, 'GET', '/api/v1/reply-templates?category=LAND&purpose=AGENCY_ANSWER', 200);
      if (!JSON.stringify(res.body).includes('kxtemplateq')) problems.push(`${who} does not get the reply template`);
    }
    expect(problems).toEqual([]);
  });
});

describe('need-to-know: merge, return, officers, information requests, access log', () => {
  let h: Harness;
  let d: Desk;

  async function staff(who: 'officer2' | 'triager2', role: string): Promise<string> {
    const email = `${who}.vis@demo.local`;
    const made = await h.api.post(
      '/api/v1/admin/users',
      { email, password: PASSWORD, fullName: `Cán bộ ${who}`, role, orgUnitCode: 'BTG' },
      { token: await d.as('admin@demo.local') },
    );
    expect([201, 409]).toContain(made.status);
    return h.api.login(email, PASSWORD);
  }
  const search = async (token: string, q: string) => (await h.api.get(`/api/v1/cases?q=${q}`, { token })).body.items.map((i: { id: string }) => i.id);
  const read = async (token: string, id: string) => (await h.api.get(`/api/v1/cases/${id}`, { token })).status;
  const eventCount = async (id: string) => (await h.sql(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [id]))[0].n;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
  });

  it('a CONFIDENTIAL case merged into a PUBLIC one makes the survivor CONFIDENTIAL: its former agency, the officer, the admin and other triagers lose it', async () => {
    const officer = await d.as('officer@demo.local');
    const admin = await d.as('admin@demo.local');
    const yt = await d.as('yt@demo.local');
    const ubnd = await d.as('ubnd@demo.local');
    const triager2 = await staff('triager2', 'triager');

    // The survivor: public, first routed to YT (which returned it: its former agency), now with UBND.
    const survivor = await d.newCase({ title: 'Ngập nước khu dân cư pmergeq', description: 'Mưa lớn gây ngập pmergeq.' });
    const first = await d.triage(survivor, { sensitivity: 'PUBLIC', leadAgency: 'YT', supportingAgencies: [] });
    await d.agency('yt@demo.local', first.body.assignments[0].id, 'return', { reason: 'Không thuộc lĩnh vực' });
    await d.triage(survivor, { sensitivity: 'PUBLIC', leadAgency: 'UBND', supportingAgencies: [] });
    // The duplicate: CONFIDENTIAL, returned by GDDT, so it may be merged.
    const secret = await d.newCase({ title: 'Ngập nước khu dân cư cmergeq', description: 'Người phản ánh nêu tên cán bộ cmergeq.' });
    const triaged = await d.triage(secret, { sensitivity: 'CONFIDENTIAL', leadAgency: 'GDDT', supportingAgencies: [] });
    await d.agency('gddt@demo.local', triaged.body.assignments[0].id, 'return', { reason: 'Không thuộc lĩnh vực' });

    for (const token of [officer, admin, triager2, ubnd]) expect(await read(token, survivor)).toBe(200);
    for (const token of [officer, admin, triager2, ubnd, yt]) expect(await search(token, 'cmergeq')).toEqual([]);

    const merged = await d.desk(secret, 'merge', { intoCaseId: survivor });
    expect(merged.status).toBe(200);
    expect(merged.body.sensitivity).toBe('CONFIDENTIAL');
    expect(merged.body.into.sensitivity).toBe('CONFIDENTIAL');
    const [row] = await h.sql(`SELECT sensitivity FROM cases WHERE id = $1`, [survivor]);
    expect(row.sensitivity).toBe('CONFIDENTIAL');
    const events = await d.events(survivor);
    expect(events.at(-1)).toMatchObject({ type: 'MERGE_RECEIVED', payload: { sensitivityRaised: { from: 'PUBLIC', to: 'CONFIDENTIAL' } } });
    expect((await d.events(secret)).at(-1)).toMatchObject({ type: 'MERGED', payload: { sensitivityRaised: { from: 'PUBLIC', to: 'CONFIDENTIAL' } } });

    // Nobody outside the named people finds the moved concerns, by detail or by search.
    for (const token of [officer, admin, triager2, yt]) {
      expect(await read(token, survivor)).toBe(404);
      expect(await search(token, 'cmergeq')).toEqual([]);
      expect(await search(token, 'pmergeq')).toEqual([]);
    }
    // The agency that holds the work is named, and sees the merged concerns (not their reporters); so do the leader and the triager on the case.
    const asUbnd = await h.api.get(`/api/v1/cases/${survivor}`, { token: ubnd });
    expect(asUbnd.status).toBe(200);
    expect(asUbnd.body.concerns.map((k: { title: string }) => k.title)).toContain('Ngập nước khu dân cư cmergeq');
    expect(asUbnd.body.concerns.every((k: object) => !('reporter' in k))).toBe(true);
    expect(await search(await d.as('leader@demo.local'), 'cmergeq')).toContain(survivor);
    expect(await search(await d.as('triage@demo.local'), 'cmergeq')).toContain(survivor);
  });

  it('merging keeps the stricter sensitivity either way round (RESTRICTED into CONFIDENTIAL stays CONFIDENTIAL, unchanged is null)', async () => {
    const target = await d.newCase({ title: 'Đích' });
    await d.triage(target, { sensitivity: 'CONFIDENTIAL', leadAgency: 'UBND', supportingAgencies: [] });
    const source = await d.newCase({ title: 'Nguồn', categoryCode: 'RELIGION' });
    const merged = await d.desk(source, 'merge', { intoCaseId: target });
    expect(merged.status).toBe(200);
    expect(merged.body.sensitivity).toBe('CONFIDENTIAL');
    expect((await d.events(target)).at(-1)).toMatchObject({ type: 'MERGE_RECEIVED', payload: { sensitivityRaised: null } });
  });

  it('an agency that returned a case loses it, including events written after it left; its inbox keeps the row without the case', async () => {
    const yt = await d.as('yt@demo.local');
    const caseId = await d.newCase({ title: 'Trạm y tế xuống cấp kxreturnq' });
    const triaged = await d.triage(caseId, { sensitivity: 'PUBLIC', leadAgency: 'YT', supportingAgencies: ['UBND'] });
    const mine = triaged.body.assignments.find((a: { orgUnitCode: string }) => a.orgUnitCode === 'YT').id;
    expect(await read(yt, caseId)).toBe(200);
    expect((await d.agency('yt@demo.local', mine, 'return', { reason: 'Không thuộc lĩnh vực y tế' })).status).toBe(200);
    const directive = await h.api.post(
      `/api/v1/cases/${caseId}/directives`,
      { text: 'Giải quyết dứt điểm kxlaterq' },
      { token: await d.as('leader@demo.local') },
    );
    expect(directive.status).toBe(201);

    expect(await read(yt, caseId)).toBe(404);
    expect(await search(yt, 'kxreturnq')).toEqual([]);
    expect(await search(yt, 'kxlaterq')).toEqual([]);
    const inbox = await h.api.get('/api/v1/assignments?active=false', { token: yt });
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ id: mine, status: 'RETURNED', caseId, caseVisible: false, title: null, summary: null, directives: null });
    expect(JSON.stringify(inbox.body)).not.toMatch(/kxreturnq|kxlaterq/);
    const before = await eventCount(caseId);
    for (const [action, body] of [
      ['acknowledge', {}],
      ['progress', { note: 'Đang làm' }],
      ['return', { reason: 'Trả lại lần nữa' }],
      ['extensions', { days: 3, reason: 'Thêm thời gian' }],
    ] as const) {
      const res = await d.agency('yt@demo.local', mine, action, body);
      expect([action, res.status, res.body.code]).toEqual([action, 404, 'NOT_FOUND']);
    }
    expect(await eventCount(caseId)).toBe(before);
    // The triager still reads the later directive; the agency that holds work sees it too.
    expect((await d.events(caseId)).map((e) => e.type)).toContain('DIRECTIVE_ISSUED');
  });

  it('an officer follows the case of a RESTRICTED concern they logged (with its reporter), but not once it is CONFIDENTIAL', async () => {
    const officer = await d.as('officer@demo.local');
    const officer2 = await staff('officer2', 'officer');
    const restricted = await d.newCase({ title: 'Tranh chấp đất cơ sở tôn giáo kxrelq', categoryCode: 'RELIGION' });
    const [row] = await h.sql(`SELECT sensitivity FROM cases WHERE id = $1`, [restricted]);
    expect(row.sensitivity).toBe('RESTRICTED');
    const page = await h.api.get(`/api/v1/cases/${restricted}`, { token: officer });
    expect(page.status).toBe(200);
    expect(page.body.concerns[0].reporter).toEqual({ name: 'Nguyễn Thị Hoa', phone: '0912345678', email: 'hoa@example.vn' });
    expect(await search(officer, 'kxrelq')).toEqual([restricted]);
    expect(await d.triage(restricted, { sensitivity: 'RESTRICTED', leadAgency: 'UBND', supportingAgencies: [] })).toMatchObject({ status: 200 });
    expect(await read(officer, restricted)).toBe(200);
    expect(await read(officer2, restricted)).toBe(404);

    const confidential = await d.newCase({ title: 'Đơn tố cáo kxconfq', categoryCode: 'RELIGION' });
    expect(await read(officer, confidential)).toBe(200);
    await d.triage(confidential, { sensitivity: 'CONFIDENTIAL', leadAgency: 'UBND', supportingAgencies: [] });
    expect(await read(officer, confidential)).toBe(404);
    expect(await search(officer, 'kxconfq')).toEqual([]);
  });

  it('only the addressee answers an information request: not the officer when an agency asked the standing body, not the desk when it asked the officer', async () => {
    const officer = await d.as('officer@demo.local');
    const officer2 = await staff('officer2', 'officer');
    const caseId = await d.newCase();
    await d.triage(caseId, { supportingAgencies: [] });
    const ubnd = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', ubnd, 'acknowledge');
    expect((await d.agency('ubnd@demo.local', ubnd, 'request-info', { question: 'Đề nghị cung cấp danh sách hộ' })).body.caseStatus).toBe('NEEDS_INFO');

    const before = await eventCount(caseId);
    const byOfficer = await h.api.post(`/api/v1/cases/${caseId}/provide-info`, { answer: 'Tôi trả lời thay' }, { token: officer });
    expect([byOfficer.status, byOfficer.body.code]).toEqual([403, 'NOT_ADDRESSEE']);
    const byOther = await h.api.post(`/api/v1/cases/${caseId}/provide-info`, { answer: 'Tôi trả lời thay' }, { token: officer2 });
    expect([byOther.status, byOther.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(await eventCount(caseId)).toBe(before);
    expect(await d.status(caseId)).toBe('NEEDS_INFO');
    expect((await d.desk(caseId, 'provide-info', { answer: 'Danh sách 35 hộ gửi kèm.' })).status).toBe(200);

    const asked = await d.newCase();
    expect((await d.desk(asked, 'request-info', { question: 'Đề nghị bổ sung vị trí' })).body.status).toBe('NEEDS_INFO');
    const byDesk = await d.desk(asked, 'provide-info', { answer: 'Thường trực trả lời' });
    expect([byDesk.status, byDesk.body.code]).toEqual([403, 'NOT_ADDRESSEE']);
    expect((await h.api.post(`/api/v1/cases/${asked}/provide-info`, { answer: 'Tổ 12' }, { token: officer })).status).toBe(200);
  });

  it('writes an access-log row for each read of a case page and of reporter data, which admins alone can read', async () => {
    const triage = await d.as('triage@demo.local');
    const ubnd = await d.as('ubnd@demo.local');
    const admin = await d.as('admin@demo.local');
    const officer2 = await staff('officer2', 'officer');
    const caseId = await d.newCase();
    await d.triage(caseId, { supportingAgencies: [] });
    const [{ n: start }] = await h.sql(`SELECT count(*)::int AS n FROM access_log`);

    const byDesk = await h.api.get(`/api/v1/cases/${caseId}`, { token: triage });
    const byAgency = await h.api.get(`/api/v1/cases/${caseId}`, { token: ubnd });
    expect((await h.api.get(`/api/v1/cases/${caseId}`, { token: officer2 })).status).toBe(404);
    await h.api.get('/api/v1/cases', { token: triage }); // a list of titles is not logged
    const rows = await h.sql(`SELECT user_id, role, case_id, action, request_id FROM access_log ORDER BY id OFFSET $1`, [start]);
    const [{ id: triagerId }] = await h.sql(`SELECT id FROM app_user WHERE email = 'triage@demo.local'`);
    const [{ id: ubndId }] = await h.sql(`SELECT id FROM app_user WHERE email = 'ubnd@demo.local'`);
    expect(rows).toEqual([
      { user_id: triagerId, role: 'triager', case_id: caseId, action: 'CASE_READ', request_id: byDesk.headers.get('x-request-id') },
      { user_id: triagerId, role: 'triager', case_id: caseId, action: 'REPORTER_READ', request_id: byDesk.headers.get('x-request-id') },
      { user_id: ubndId, role: 'agency', case_id: caseId, action: 'CASE_READ', request_id: byAgency.headers.get('x-request-id') },
    ]);

    // Admin only, filtered, newest first, cursor pages.
    for (const token of [triage, await d.as('leader@demo.local'), ubnd]) {
      expect((await h.api.get(`/api/v1/admin/access-log?caseId=${caseId}`, { token })).status).toBe(403);
    }
    const all = await h.api.get(`/api/v1/admin/access-log?caseId=${caseId}`, { token: admin });
    expect(all.status).toBe(200);
    const total = all.body.items.length;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.body.items[0]).toMatchObject({ caseId, role: 'agency', action: 'CASE_READ', userEmail: 'ubnd@demo.local' });
    const mine = await h.api.get(`/api/v1/admin/access-log?userId=${ubndId}&caseId=${caseId}`, { token: admin });
    expect(mine.body.items.map((i: { action: string }) => i.action)).toEqual(['CASE_READ']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await h.api.get(
        `/api/v1/admin/access-log?caseId=${caseId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
    const future = await h.api.get(`/api/v1/admin/access-log?caseId=${caseId}&from=2199-01-01`, { token: admin });
    expect(future.body.items).toEqual([]);
    const window = await h.api.get(`/api/v1/admin/access-log?caseId=${caseId}&from=2020-01-01&to=2199-01-01T00:00:00Z`, { token: admin });
    expect(window.body.items).toHaveLength(total);
    for (const bad of ['cursor=abc', 'from=2026', 'to=2026-02-30', 'caseId=x', 'limit=0', 'limit=501', 'role=admin']) {
      const res = await h.api.get(`/api/v1/admin/access-log?${bad}`, { token: admin });
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    // Append-only, like audit_log.
    await expect(h.sql(`UPDATE access_log SET action = 'X'`)).rejects.toThrow('access_log is append-only: UPDATE refused');
    await expect(h.sql(`DELETE FROM access_log`)).rejects.toThrow('access_log is append-only: DELETE refused');
  });
});
