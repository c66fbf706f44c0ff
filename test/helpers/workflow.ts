import { minimalPdf, upload } from './attachments.js';
import { concern, type Harness } from './harness.js';

/** Drives cases through the API as the people who use it would. */
export class Desk {
  private tokens = new Map<string, string>();

  constructor(private readonly h: Harness) {}

  async as(email: string): Promise<string> {
    if (!this.tokens.has(email)) this.tokens.set(email, await this.h.api.login(email));
    return this.tokens.get(email)!;
  }

  /** An officer logs a concern; returns its case id. */
  async newCase(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await this.h.api.post('/api/v1/concerns', concern(overrides), { token: await this.as('officer@demo.local') });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.caseId;
  }

  async triage(caseId: string, body: Record<string, unknown> = {}) {
    return this.h.api.post(
      `/api/v1/cases/${caseId}/triage`,
      {
        categoryCode: 'LAND',
        priority: 'HIGH',
        sensitivity: 'PUBLIC',
        summary: 'Chậm bồi thường, 35 hộ',
        leadAgency: 'UBND',
        supportingAgencies: ['NNMT'],
        ...body,
      },
      { token: await this.as('triage@demo.local') },
    );
  }

  async caseAs(email: string, caseId: string) {
    return this.h.api.get(`/api/v1/cases/${caseId}`, { token: await this.as(email) });
  }

  async status(caseId: string): Promise<string> {
    return (await this.caseAs('triage@demo.local', caseId)).body.status;
  }

  /** The caller's assignment on a case, from their inbox. */
  async assignment(email: string, caseId: string): Promise<string> {
    const inbox = await this.h.api.get(`/api/v1/assignments?caseId=${caseId}&active=true`, { token: await this.as(email) });
    const item = inbox.body.items.find((i: { caseId: string }) => i.caseId === caseId);
    if (!item) throw new Error(`${email} has no active assignment on ${caseId}`);
    return item.id;
  }

  async agency(email: string, assignmentId: string, action: string, body?: unknown) {
    return this.h.api.post(`/api/v1/assignments/${assignmentId}/${action}`, body ?? {}, { token: await this.as(email) });
  }

  async desk(caseId: string, action: string, body?: unknown, headers?: Record<string, string>) {
    return this.h.api.post(`/api/v1/cases/${caseId}/${action}`, body ?? {}, { token: await this.as('triage@demo.local'), headers });
  }

  /** An agency resolves its assignment, acknowledging it first (with its signed answer attached). */
  async answer(email: string, caseId: string, outcome = 'RESOLVED') {
    const id = await this.assignment(email, caseId);
    await this.agency(email, id, 'acknowledge');
    return this.agency(email, id, 'resolve', await this.resolution(email, caseId, id, outcome, 'Đã giải quyết theo thẩm quyền.'));
  }

  /**
   * The agency uploads its signed answer document (a small PDF) to the case; returns its attachment id.
   * Outcomes RESOLVED and PARTIALLY_RESOLVED need one.
   */
  async signedAnswer(email: string, caseId: string, assignmentId?: string): Promise<string> {
    const fields: Record<string, string> = { purpose: 'ANSWER_DOCUMENT', ...(assignmentId ? { assignmentId } : {}) };
    const file = { bytes: minimalPdf(`Cong van tra loi ${caseId}`), name: 'cong-van-tra-loi.pdf' };
    const res = await upload(this.h.api, `/api/v1/cases/${caseId}/attachments`, await this.as(email), file, fields);
    if (res.status !== 201) throw new Error(`upload of the signed answer failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** A resolve body (RESOLUTION by default) whose documentRef names a freshly uploaded signed answer when the outcome needs one. */
  async resolution(email: string, caseId: string, assignmentId?: string, outcome = RESOLUTION.outcome, summary = RESOLUTION.summary) {
    const documentRef: Record<string, string> = { ...RESOLUTION.documentRef };
    if (outcome === 'RESOLVED' || outcome === 'PARTIALLY_RESOLVED') documentRef.attachmentId = await this.signedAnswer(email, caseId, assignmentId);
    return { outcome, summary, documentRef };
  }

  async events(caseId: string): Promise<Array<{ type: string; fromStatus: string; toStatus: string; payload: any }>> {
    return (await this.caseAs('triage@demo.local', caseId)).body.events;
  }
}

export const RESOLUTION = {
  outcome: 'RESOLVED',
  summary: 'Đã chi trả đủ tiền bồi thường cho 35 hộ.',
  documentRef: { number: '125/UBND-TNMT', date: '2026-11-20', issuer: 'UBND tỉnh' },
};
