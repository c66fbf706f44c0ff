import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttachmentUploads } from '../modules/attachments/upload.service.js';
import type { AuthUser } from '../modules/auth/auth.decorators.js';
import { AssignmentsService } from '../modules/routing/assignments.service.js';
import { TriageService } from '../modules/routing/triage.service.js';
import { DEMO_ROUTING } from './demo-data.js';
import { answerLetterPdf } from './seed-documents.js';

/**
 * Moves some demo cases along the workflow through the real services (so every step is a proper
 * event), leaving the others NEW for the triage desk: assigned, acknowledged, in progress,
 * waiting for information, resolved awaiting verification, closed and returned.
 */
export async function seedWorkflow(app: INestApplicationContext): Promise<number> {
  const db = app.get(DataSource);
  const triage = app.get(TriageService);
  const agencies = app.get(AssignmentsService);
  const uploads = app.get(AttachmentUploads);
  const users: AuthUser[] = await db.query(`SELECT id, email, full_name AS "fullName", role, org_unit_id AS "orgUnitId" FROM app_user`);
  const user = (email: string) => users.find((u) => u.email === email)!;
  const desk = user('triage@demo.local');
  // Oldest first, skipping the deliberate duplicates (left for the merge demo).
  const cases: Array<{ id: string; code: string; title: string; category: string; area: string }> = await db.query(
    `SELECT c.id, c.code, c.title, cat.code AS category, a.code AS area FROM cases c JOIN category cat ON cat.id = c.category_id JOIN area a ON a.id = c.area_id
      WHERE c.status = 'NEW'
        AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.id <> c.id AND o.area_id = c.area_id AND o.category_id = c.category_id)
      ORDER BY c.created_at LIMIT 14`,
  );
  /** A resolution carries its signed answer (a generated PDF), uploaded by the agency first as an upload would. */
  const resolve = async (assignmentId: string, c: { id: string; code: string; title: string }, agency: AuthUser, unitName: string) => {
    const ref = { number: `215/${agency.email.split('@')[0].toUpperCase()}-VP`, date: new Date().toISOString().slice(0, 10), issuer: unitName };
    const pdf = await answerLetterPdf({ ...ref, caseCode: c.code, title: c.title });
    const meta = { caseId: c.id, concernId: null, purpose: 'ANSWER_DOCUMENT' as const, assignmentId, filename: `Cong van ${ref.number.replace('/', '-')}.pdf` };
    const attachmentId = await uploads.store(Readable.from(pdf), meta, agency);
    const summary = 'Đã kiểm tra, làm việc với các hộ dân và giải quyết theo thẩm quyền.';
    await agencies.resolve(assignmentId, { outcome: 'RESOLVED', summary, documentRef: { ...ref, attachmentId } }, agency);
  };
  const unitNames = new Map<string, string>(
    (await db.query(`SELECT code, name_vi AS name FROM org_unit`)).map((u: { code: string; name: string }) => [u.code, u.name]),
  );
  const steps = [
    'ASSIGNED',
    'ASSIGNED',
    'ACKNOWLEDGED',
    'ACKNOWLEDGED',
    'IN_PROGRESS',
    'IN_PROGRESS',
    'IN_PROGRESS',
    'NEEDS_INFO',
    'RESOLVED',
    'RESOLVED',
    'CLOSED',
    'CLOSED',
    'RETURNED',
    'IN_PROGRESS',
  ];
  for (const [i, c] of cases.entries()) {
    const target = steps[i];
    const lead = DEMO_ROUTING[c.category] ?? 'UBND';
    const sensitive = ['RELIGION', 'ETHNIC', 'SECURITY_SOVEREIGNTY', 'CORRUPTION', 'PERSONNEL', 'MAJOR_COURT_CASE'].includes(c.category);
    await triage.triage(
      c.id,
      {
        categoryCode: c.category,
        priority: i % 5 === 0 ? 'URGENT' : i % 3 === 0 ? 'HIGH' : 'NORMAL',
        sensitivity: sensitive ? 'RESTRICTED' : 'PUBLIC',
        leadAgency: lead,
        supportingAgencies: lead !== 'UBND' && i % 2 === 0 ? [`${c.area}-UBND`].filter((code) => code !== 'T01-UBND') : [],
      },
      desk,
    );
    if (target === 'ASSIGNED') continue;
    const leadUser = user(`${lead.toLowerCase()}@demo.local`);
    const [a] = await db.query(`SELECT id FROM assignment WHERE case_id = $1 AND role = 'LEAD' AND status = 'ASSIGNED'`, [c.id]);
    if (target === 'RETURNED') {
      await agencies.returnToSender(a.id, 'Nội dung không thuộc chức năng, nhiệm vụ của đơn vị; đề nghị chuyển cơ quan có thẩm quyền.', leadUser);
      continue;
    }
    await agencies.acknowledge(a.id, leadUser);
    if (target === 'ACKNOWLEDGED') continue;
    await agencies.progress(a.id, 'Đã thành lập tổ công tác, đang kiểm tra thực tế tại địa phương.', leadUser);
    if (target === 'NEEDS_INFO') {
      await agencies.requestInfo(a.id, 'Đề nghị cung cấp danh sách hộ dân và tài liệu kèm theo phản ánh.', leadUser);
      continue;
    }
    if (target === 'IN_PROGRESS') continue;
    const supporting: Array<{ id: string; code: string }> = await db.query(
      `SELECT s.id, o.code FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.case_id = $1 AND s.role = 'SUPPORT' AND s.status = 'ASSIGNED'`,
      [c.id],
    );
    for (const s of supporting) {
      const su = user(`${s.code.toLowerCase()}@demo.local`);
      await agencies.acknowledge(s.id, su);
      await resolve(s.id, c, su, unitNames.get(s.code) ?? s.code);
    }
    await resolve(a.id, c, leadUser, unitNames.get(lead) ?? lead);
    if (target === 'CLOSED') await triage.close(c.id, 'Kết quả giải quyết đạt yêu cầu.', desk);
  }
  return cases.length;
}
