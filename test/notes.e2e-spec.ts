import { Queue } from 'bullmq';
import { count, type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/*
 * Internal working notes: only the standing body and the agencies assigned to a case read and write
 * them (everyone else gets 404, as for a case they cannot see); a mention tells the named user or
 * unit by e-mail through the outbox, the job and the SMTP server here, without the case's words when
 * the case is not PUBLIC. Then the reply templates, kept by admins and read by those who answer.
 */

/** Words found nowhere else: the confidential case's title and a note on it. */
const SECRET_TITLE = 'Quexmorvandil';
const SECRET_NOTE = 'Zorblatquin';

describe('case notes and reply templates', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let notices: Queue;
  let publicCase: string;
  let confidentialCase: string;

  const notes = async (email: string, caseId: string, query = '') => h.api.get(`/api/v1/cases/${caseId}/notes${query}`, { token: await d.as(email) });
  const write = async (email: string, caseId: string, body: unknown) => h.api.post(`/api/v1/cases/${caseId}/notes`, body, { token: await d.as(email) });
  const mentionJobs = async () => (await h.sql(`SELECT count(*)::int AS n FROM outbox_message WHERE job_name = 'note-mentions'`))[0].n as number;
  /** The mention notices that reached an address (its mailbox also gets the case's other notices). */
  const mentionMails = (address: string) => smtp.to(address).filter((m) => m.subject.includes('Ghi chú nội bộ'));
  const userId = async (email: string) => (await h.sql(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id as string;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    notices = new Queue('notices', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, APP_BASE_URL: h.api.baseUrl, RECONCILE_MS: '500' });
    await waitFor(async () => (await notices.getWorkersCount()) > 0, 'worker consuming the notices queue', worker);
    d = new Desk(h);
    publicCase = await d.newCase({ title: 'Chậm bồi thường đường trục phía Nam, tổ 12' });
    expect((await d.triage(publicCase)).status).toBe(200); // lead UBND, supporting NNMT, PUBLIC
    confidentialCase = await d.newCase({ title: `Tố cáo cán bộ địa chính ${SECRET_TITLE} nhận tiền` });
    expect((await d.triage(confidentialCase, { sensitivity: 'CONFIDENTIAL', leadAgency: 'NNMT', supportingAgencies: [] })).status).toBe(200);
  });
  afterAll(async () => {
    await worker?.stop();
    await notices?.close();
    await h?.close();
    await smtp?.close();
  });

  it('the standing body and the assigned agencies read and write notes; the officer, another agency and the admin get 404', async () => {
    const writers = ['triage@demo.local', 'leader@demo.local', 'ubnd@demo.local', 'nnmt@demo.local'];
    for (const email of writers) {
      const res = await write(email, publicCase, { body: `Ghi chú của ${email}: đã liên hệ tổ dân phố 12.` });
      expect({ email, status: res.status }).toEqual({ email, status: 201 });
      expect(res.body).toMatchObject({ caseId: publicCase, body: `Ghi chú của ${email}: đã liên hệ tổ dân phố 12.`, mentions: [] });
    }
    for (const email of writers) {
      const res = await notes(email, publicCase);
      expect(res.status).toBe(200);
      // Newest first, each with its author and the author's unit.
      expect(res.body.items.map((n: { body: string }) => n.body.split(':')[0])).toEqual([...writers].reverse().map((e) => `Ghi chú của ${e}`));
    }
    const agencyNote = (await notes('triage@demo.local', publicCase)).body.items.find((n: { author: { role: string } }) => n.author.role === 'agency');
    expect(agencyNote.authorUnit.code).toMatch(/^(UBND|NNMT)$/);

    const before = await count(h, 'case_note');
    for (const email of ['officer@demo.local', 'xd@demo.local', 'admin@demo.local']) {
      // The officer logged the concern and the admin sees PUBLIC cases: the case is visible to both, its notes are not.
      expect({
        email,
        read: (await notes(email, publicCase)).status,
        write: (await write(email, publicCase, { body: 'Tôi cũng muốn ghi chú.' })).status,
      }).toEqual({
        email,
        read: 404,
        write: 404,
      });
    }
    expect((await d.caseAs('officer@demo.local', publicCase)).status).toBe(200);
    expect(JSON.stringify((await d.caseAs('officer@demo.local', publicCase)).body)).not.toContain('Ghi chú của');
    // An agency not on the confidential case, and a case that does not exist, look the same.
    expect((await notes('ubnd@demo.local', confidentialCase)).status).toBe(404);
    expect((await notes('triage@demo.local', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await notes('triage@demo.local', 'not-a-uuid')).status).toBe(404);
    expect(await count(h, 'case_note')).toBe(before);
    // Append-only: the database refuses to change a note.
    await expect(h.sql(`UPDATE case_note SET body = 'sửa'`)).rejects.toThrow('case_note is append-only: UPDATE refused');
  });

  it('offers as mentionable exactly those who may read the notes', async () => {
    const picker = async (email: string, caseId: string) => (await h.api.get(`/api/v1/cases/${caseId}/notes/mentionable`, { token: await d.as(email) })).body;
    const onConfidential = await picker('nnmt@demo.local', confidentialCase);
    expect(onConfidential.units.map((u: { code: string }) => u.code)).toEqual(['NNMT']);
    const emails = onConfidential.users.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['triage@demo.local', 'leader@demo.local', 'nnmt@demo.local']));
    for (const never of ['ubnd@demo.local', 'xd@demo.local', 'officer@demo.local', 'admin@demo.local']) expect(emails).not.toContain(never);
    expect((await picker('triage@demo.local', publicCase)).units.map((u: { code: string }) => u.code).sort()).toEqual(['NNMT', 'UBND']);
    expect((await h.api.get(`/api/v1/cases/${publicCase}/notes/mentionable`, { token: await d.as('officer@demo.local') })).status).toBe(404);
  });

  it('pages the notes newest first with a cursor', async () => {
    const fresh = await d.newCase({ title: 'Ô nhiễm khói bụi lò gạch' });
    expect((await d.triage(fresh, { categoryCode: 'ENVIRONMENT', leadAgency: 'NNMT', supportingAgencies: [] })).status).toBe(200);
    for (let i = 1; i <= 5; i++) expect((await write('triage@demo.local', fresh, { body: `Ghi chú số ${i}` })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await notes('nnmt@demo.local', fresh, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((n: { body: string }) => n.body));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Ghi chú số 5', 'Ghi chú số 4', 'Ghi chú số 3', 'Ghi chú số 2', 'Ghi chú số 1']);
    expect((await notes('nnmt@demo.local', fresh, '?cursor=bogus')).status).toBe(400);
    expect((await notes('nnmt@demo.local', fresh, '?limit=0')).status).toBe(400);
  });

  it('a mention e-mails the named user and unit; on a confidential case the subject and body carry the code, not the words', async () => {
    const res = await write('triage@demo.local', confidentialCase, {
      body: `Đề nghị đồng chí xác minh ngay nội dung ${SECRET_NOTE}, báo cáo trước thứ Sáu.`,
      mentions: [{ email: 'nnmt@demo.local' }, { userId: await userId('leader@demo.local') }],
    });
    expect(res.status).toBe(201);
    expect(res.body.mentions.map((x: { email: string }) => x.email).sort()).toEqual(['leader@demo.local', 'nnmt@demo.local']);
    const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [confidentialCase]);

    await waitFor(
      async () => mentionMails('nnmt@demo.local').length === 1 && mentionMails('leader@demo.local').length === 1,
      'the two mention e-mails',
      worker,
    );
    for (const mail of [...mentionMails('nnmt@demo.local'), ...mentionMails('leader@demo.local')]) {
      expect(mail.subject).toContain(`[${code}]`);
      expect(mail.subject).toContain('Ghi chú nội bộ');
      for (const words of [SECRET_TITLE, SECRET_NOTE, 'Tố cáo', 'địa chính']) {
        expect(mail.subject).not.toContain(words);
        expect(mail.raw).not.toContain(words);
        expect(mail.text).not.toContain(words);
      }
      expect(mail.text).toContain('Nguyễn Thị Lan');
      expect(mail.text).toContain(`/#/cases/${confidentialCase}`);
      // A stable Message-ID, the notice's own, and the delivery recorded on it.
      expect(mail.messageId).toBe(`<${mail.notificationId}@concern-desk.local>`);
    }
    await waitFor(
      async () => (await h.sql(`SELECT count(*)::int AS n FROM notification WHERE template = 'note-mention' AND status = 'SENT'`))[0].n === 2,
      'notices SENT',
      worker,
    );
    const rows = await h.sql(`SELECT dedupe_key, smtp_message_id FROM notification WHERE template = 'note-mention' ORDER BY recipient`);
    expect(rows.map((r) => r.dedupe_key)).toEqual([expect.stringMatching(/^note:/), expect.stringMatching(/^note:/)]);
    // The job again (a duplicate from the reconciler, a replay): no second notice, no second e-mail.
    const again = await notices.add('note-mentions', { noteId: res.body.id }, { jobId: `note-mentions-again-${res.body.id}` });
    await waitFor(async () => (await again.getState()) === 'completed', 'the repeated job', worker);
    expect(await h.sql(`SELECT count(*)::int AS n FROM notification WHERE template = 'note-mention'`)).toEqual([{ n: 2 }]);
    expect(mentionMails('nnmt@demo.local')).toHaveLength(1);

    // On a PUBLIC case the notice may say what the note says; a unit's mention goes to its contact addresses.
    const [unit] = await h.sql(`SELECT emails FROM org_unit WHERE code = 'UBND'`);
    const pub = await write('nnmt@demo.local', publicCase, { body: 'Đề nghị UBND tỉnh chủ trì họp các hộ dân tổ 12.', mentions: [{ unitCode: 'UBND' }] });
    expect(pub.status).toBe(201);
    expect(pub.body.mentions).toEqual([expect.objectContaining({ kind: 'unit', unitCode: 'UBND' })]);
    const to = (unit.emails as string[])[0];
    await waitFor(async () => mentionMails(to).length === 1, 'the unit mention e-mail', worker);
    const mail = mentionMails(to)[0];
    expect(mail.subject).toContain('Chậm bồi thường đường trục phía Nam');
    expect(mail.text).toContain('Đề nghị UBND tỉnh chủ trì họp các hộ dân tổ 12.');
  });

  it('refuses bad notes and bad mentions with 400 or 422, writing nothing', async () => {
    const before = { notes: await count(h, 'case_note'), jobs: await mentionJobs() };
    const bad: Array<[unknown, number, string?]> = [
      [{ body: '' }, 400],
      [{ body: '   \n ' }, 400],
      [{}, 400],
      [{ body: 'x'.repeat(10_000) }, 400],
      [{ body: 42 }, 400],
      [{ body: 'Ghi chú', mentions: [{ email: 'nnmt@demo.local', unitCode: 'NNMT' }] }, 400],
      [{ body: 'Ghi chú', mentions: [{}] }, 400],
      [{ body: 'Ghi chú', mentions: 'nnmt@demo.local' }, 400],
      [{ body: 'Ghi chú', extra: true }, 400],
      [{ body: ['Ghi chú'] }, 400],
      [{ body: 'Ghi chú', mentions: [null] }, 400],
      [{ body: 'Ghi chú', mentions: [['nnmt@demo.local']] }, 400],
      [{ body: 'Ghi chú', mentions: [{ userId: 'khong-phai-uuid' }] }, 400],
      [{ body: 'Ghi chú', mentions: [{ email: 'khong-phai-thu' }] }, 400],
      [{ body: 'Ghi chú', mentions: [{ unitCode: 'NN MT; DROP' }] }, 400],
      [{ body: 'Ghi chú', mentions: Array.from({ length: 21 }, () => ({ unitCode: 'UBND' })) }, 400],
      [{ body: 'Ghi chú\u0000' }, 400],
      [{ body: 'Ghi chú', mentions: [{ email: 'khong-co-ai@demo.local' }] }, 422, 'MENTION_UNKNOWN'],
      [{ body: 'Ghi chú', mentions: [{ userId: '00000000-0000-4000-8000-000000000000' }] }, 422, 'MENTION_UNKNOWN'],
      [{ body: 'Ghi chú', mentions: [{ unitCode: 'NOPE' }] }, 422, 'MENTION_UNKNOWN'],
      // They exist, but may not read this case's notes: the officer, an agency not assigned, the admin.
      [{ body: 'Ghi chú', mentions: [{ email: 'officer@demo.local' }] }, 422, 'MENTION_NOT_ALLOWED'],
      [{ body: 'Ghi chú', mentions: [{ email: 'xd@demo.local' }] }, 422, 'MENTION_NOT_ALLOWED'],
      [{ body: 'Ghi chú', mentions: [{ email: 'nnmt@demo.local' }, { unitCode: 'XD' }] }, 422, 'MENTION_NOT_ALLOWED'],
      [{ body: 'Ghi chú', mentions: [{ email: 'admin@demo.local' }] }, 422, 'MENTION_NOT_ALLOWED'],
    ];
    for (const [body, status, code] of bad) {
      const res = await write('triage@demo.local', publicCase, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code: code ?? 'VALIDATION_FAILED' });
      if (code) expect(res.body.errors[0].field).toMatch(/^mentions\[\d\]$/);
    }
    // UBND is not on the confidential case: neither the unit nor its user may be named there.
    expect((await write('triage@demo.local', confidentialCase, { body: 'Ghi chú', mentions: [{ unitCode: 'UBND' }] })).body.code).toBe('MENTION_NOT_ALLOWED');
    expect((await write('triage@demo.local', confidentialCase, { body: 'Ghi chú', mentions: [{ email: 'ubnd@demo.local' }] })).body.code).toBe(
      'MENTION_NOT_ALLOWED',
    );
    expect((await h.api.post(`/api/v1/cases/not-a-uuid/notes`, { body: 'Ghi chú' }, { token: await d.as('triage@demo.local') })).status).toBe(400);
    expect({ notes: await count(h, 'case_note'), jobs: await mentionJobs() }).toEqual(before);
  });

  describe('reply templates', () => {
    const admin = () => d.as('admin@demo.local');
    const create = async (body: unknown, token?: string) => h.api.post('/api/v1/admin/reply-templates', body, { token: token ?? (await admin()) });

    it('admins create, change and deactivate them (audited); others get 403; bad input 400', async () => {
      const land = await create({
        categoryCode: 'LAND',
        purpose: 'AGENCY_ANSWER',
        title: 'Đã chi trả bồi thường',
        body: 'Về vụ việc {caseCode}, {agencyName} đã chi trả.',
      });
      expect(land.status).toBe(201);
      expect(land.body).toMatchObject({ categoryCode: 'LAND', purpose: 'AGENCY_ANSWER', active: true, category: { code: 'LAND' } });
      const patched = await h.api.patch(
        `/api/v1/admin/reply-templates/${land.body.id}`,
        { title: 'Đã chi trả đủ bồi thường', active: false },
        { token: await admin() },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ title: 'Đã chi trả đủ bồi thường', active: false, body: land.body.body });
      const anyCategory = await h.api.patch(`/api/v1/admin/reply-templates/${land.body.id}`, { categoryCode: null }, { token: await admin() });
      expect(anyCategory.body).toMatchObject({ categoryId: null, categoryCode: null, category: null });
      const audit = await h.sql(`SELECT action FROM audit_log WHERE entity_type = 'reply_template' AND entity_id = $1 ORDER BY id`, [land.body.id]);
      expect(audit.map((a) => a.action)).toEqual(['REPLY_TEMPLATE_CREATED', 'REPLY_TEMPLATE_UPDATED', 'REPLY_TEMPLATE_UPDATED']);

      const before = await count(h, 'reply_template');
      const bad: unknown[] = [
        { purpose: 'AGENCY_ANSWER', title: '', body: 'x' },
        { purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: '  ' },
        { purpose: 'CITIZEN_LETTER', title: 'Tiêu đề', body: 'Nội dung' },
        { purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: 'x'.repeat(4001) },
        { purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: 'Nội dung', categoryCode: 'NO_SUCH' },
        { purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: 'Nội dung', active: 'yes' },
        { purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: 'Nội dung', id: 'mine' },
      ];
      for (const body of bad) expect({ body, status: (await create(body)).status }).toEqual({ body, status: 400 });
      expect((await h.api.patch(`/api/v1/admin/reply-templates/${land.body.id}`, { title: null }, { token: await admin() })).status).toBe(400);
      expect((await h.api.patch(`/api/v1/admin/reply-templates/00000000-0000-4000-8000-000000000000`, { title: 'X' }, { token: await admin() })).status).toBe(
        404,
      );
      for (const email of ['triage@demo.local', 'nnmt@demo.local', 'leader@demo.local', 'officer@demo.local']) {
        const token = await d.as(email);
        expect((await create({ purpose: 'AGENCY_ANSWER', title: 'Tiêu đề', body: 'Nội dung' }, token)).status).toBe(403);
        expect((await h.api.patch(`/api/v1/admin/reply-templates/${land.body.id}`, { active: true }, { token })).status).toBe(403);
        expect((await h.api.get('/api/v1/admin/reply-templates', { token })).status).toBe(403);
      }
      expect(await count(h, 'reply_template')).toBe(before);
    });

    it('lists the active templates of a purpose for a category: its own first, then those for any category', async () => {
      await h.sql(`TRUNCATE reply_template`);
      const made: Record<string, string> = {};
      for (const [key, categoryCode, purpose, active] of [
        ['land', 'LAND', 'AGENCY_ANSWER', true],
        ['any', null, 'AGENCY_ANSWER', true],
        ['env', 'ENVIRONMENT', 'AGENCY_ANSWER', true],
        ['ask', 'LAND', 'TRIAGE_REQUEST', true],
        ['old', 'LAND', 'AGENCY_ANSWER', false],
      ] as const) {
        const res = await create({ categoryCode, purpose, title: `Mẫu ${key}`, body: `Nội dung ${key} cho {caseCode}`, active });
        expect(res.status).toBe(201);
        made[key] = res.body.id;
      }
      const [land] = await h.sql(`SELECT id FROM category WHERE code = 'LAND'`);
      const titles = async (email: string, query: string) => {
        const res = await h.api.get(`/api/v1/reply-templates${query}`, { token: await d.as(email) });
        expect(res.status).toBe(200);
        return res.body.items.map((t: { title: string }) => t.title);
      };
      expect(await titles('nnmt@demo.local', '?category=LAND&purpose=AGENCY_ANSWER')).toEqual(['Mẫu land', 'Mẫu any']);
      expect(await titles('ubnd@demo.local', `?categoryId=${land.id}&purpose=AGENCY_ANSWER`)).toEqual(['Mẫu land', 'Mẫu any']);
      expect(await titles('triage@demo.local', '?category=LAND&purpose=TRIAGE_REQUEST')).toEqual(['Mẫu ask']);
      expect(await titles('leader@demo.local', '?category=ENVIRONMENT&purpose=AGENCY_ANSWER')).toEqual(['Mẫu env', 'Mẫu any']);
      expect(await titles('triage@demo.local', '?purpose=AGENCY_ANSWER')).toEqual(['Mẫu any']);
      expect((await h.api.get('/api/v1/reply-templates?purpose=NOPE', { token: await d.as('triage@demo.local') })).status).toBe(400);
      expect((await h.api.get('/api/v1/reply-templates?categoryId=12', { token: await d.as('triage@demo.local') })).status).toBe(400);
      for (const email of ['officer@demo.local', 'admin@demo.local']) {
        expect((await h.api.get('/api/v1/reply-templates?purpose=AGENCY_ANSWER', { token: await d.as(email) })).status).toBe(403);
      }
      // The admin's own list shows them all, inactive ones too, and filters.
      const all = await h.api.get('/api/v1/admin/reply-templates', { token: await admin() });
      expect(all.body.items).toHaveLength(5);
      const inactive = await h.api.get('/api/v1/admin/reply-templates?active=false', { token: await admin() });
      expect(inactive.body.items.map((t: { id: string }) => t.id)).toEqual([made.old]);
    });
  });
});
