import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { formatDay, localYearMonth } from '../../infrastructure/time/vn-time.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, visibilityCondition } from '../cases/case-access.js';
import type { DocumentKind, DocumentRecipient } from './entities/outgoing-document.entity.js';

export const REGISTER_FORMATS = ['xlsx', 'csv'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, { vi: string; en: string }> = {
  FORWARDING_LETTER: { vi: 'Công văn chuyển', en: 'Forwarding letter' },
  REPORT: { vi: 'Báo cáo', en: 'Report' },
};

/** Shown instead of a subject whose case the reader may not see: the number stays, its words do not. */
export const WITHHELD_SUBJECT = '(nội dung hạn chế)';

export interface RegisterQuery {
  year?: number;
  unit?: string;
  cursor?: string;
  limit?: number;
}

export interface RegisterEntry {
  id: string;
  number: number;
  numberText: string;
  year: number;
  issuedAt: string;
  kind: DocumentKind;
  kindLabel: { vi: string; en: string };
  /** null when the case is not visible to the reader (`withheld`). */
  subject: string | null;
  recipients: Array<Pick<DocumentRecipient, 'code' | 'name' | 'role'>>;
  signer: { name: string; title: string; authority: string | null };
  case: { id: string; code: string } | null;
  withheld: boolean;
}

interface Row {
  id: string;
  number: number;
  numberText: string;
  year: number;
  issuedAt: Date;
  kind: DocumentKind;
  subject: string;
  recipients: DocumentRecipient[];
  signerName: string;
  signerTitle: string;
  signerAuthority: string | null;
  caseId: string | null;
  caseCode: string | null;
  visible: boolean;
}

const CURSOR = /^[1-9][0-9]{0,9}$/;

/**
 * The register of outgoing documents as its readers see it: every number of the unit's year, in
 * order, none left out (a register shows its gaps by having none). The subject and the case are
 * shown only when the reader may see the case (the one visibility rule); otherwise the row keeps
 * its number, date, kind, addressees and signer, and says its words are withheld.
 */
@Injectable()
export class RegisterService {
  constructor(private readonly db: DataSource) {}

  /** The issuing unit read: the one named, else the caller's. */
  async unit(code: string | undefined, user: AuthUser): Promise<{ id: string; code: string; name: string }> {
    const [u] = code
      ? await this.db.query(`SELECT id, code, name_vi AS name FROM org_unit WHERE code = $1`, [code])
      : user.orgUnitId
        ? await this.db.query(`SELECT id, code, name_vi AS name FROM org_unit WHERE id = $1`, [user.orgUnitId])
        : [];
    if (!u) throw DomainError.validation([{ field: 'unit', message: code ? `unknown org unit ${code}` : 'is required: the caller belongs to no unit' }]);
    return u;
  }

  async list(q: RegisterQuery, user: AuthUser) {
    const unit = await this.unit(q.unit, user);
    const year = q.year ?? localYearMonth(new Date()).year;
    if (q.cursor !== undefined && !CURSOR.test(Buffer.from(q.cursor, 'base64url').toString('utf8'))) {
      throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor returned by this API' }]);
    }
    const after = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString('utf8')) : 0;
    const limit = q.limit ?? 50;
    const rows = await this.rows(unit.id, year, user, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      unit,
      year,
      items: page.map(present),
      nextCursor: rows.length > limit ? Buffer.from(String(page[page.length - 1].number)).toString('base64url') : null,
    };
  }

  /** Every row of the year as a file, and the cases whose words it carries (for the access log). */
  async export(q: { year?: number; unit?: string; format: RegisterFormat }, user: AuthUser) {
    const unit = await this.unit(q.unit, user);
    const year = q.year ?? localYearMonth(new Date()).year;
    const entries = (await this.rows(unit.id, year, user, 0, null)).map(present);
    const title = `SỔ ĐĂNG KÝ VĂN BẢN ĐI - ${unit.name} - năm ${year}`;
    const header = ['Số, ký hiệu', 'Ngày ban hành', 'Loại văn bản', 'Trích yếu nội dung', 'Nơi nhận', 'Người ký', 'Mã vụ việc'];
    const cells = entries.map((e) => [
      e.numberText,
      formatDay(new Date(e.issuedAt), 'vi'),
      e.kindLabel.vi,
      e.subject ?? WITHHELD_SUBJECT,
      e.recipients.map((r) => r.name).join('; '),
      [e.signer.authority, e.signer.title, e.signer.name].filter(Boolean).join(' - '),
      e.case?.code ?? '',
    ]);
    const base = `So-van-ban-di-${unit.code.replace(/[^A-Za-z0-9-]+/g, '-')}-${year}`;
    const cases = entries.flatMap((e) => (e.case ? [e.case.id] : []));
    if (q.format === 'csv') {
      // A BOM so Excel reads UTF-8; citizens' words that look like formulas are quoted as text.
      const csv = stringify([[title], header, ...cells], { escape_formulas: true });
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(`\uFEFF${csv}`, 'utf8'), cases };
    }
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Concern Desk';
    const ws = wb.addWorksheet(`Sổ văn bản đi ${year}`);
    ws.addRow([title]).font = { bold: true, size: 13 };
    const head = ws.addRow(header);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    for (const row of cells) {
      ws.addRow(row).eachCell((cell) => {
        // Stored as shared strings (never evaluated); those that look like a formula also get the Text format.
        if (typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)) cell.numFmt = '@';
      });
    }
    ws.columns.forEach((c, i) => (c.width = [18, 14, 16, 60, 40, 36, 18][i]));
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    return {
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: Buffer.from(await wb.xlsx.writeBuffer()),
      cases,
    };
  }

  /** The letters of a case (the case's visibility is the caller's to check first). */
  async ofCase(caseId: string) {
    const rows: Row[] = await this.db.query(`${select('TRUE')} WHERE d.case_id = $1 ORDER BY d.issued_at, d.number`, [caseId]);
    return rows.map(present);
  }

  private async rows(unitId: string, year: number, user: AuthUser, after: number, limit: number | null): Promise<Row[]> {
    const p = new Params();
    const visible = `(d.case_id IS NULL OR COALESCE(${visibilityCondition(user, p.add)}, FALSE))`;
    return this.db.query(
      `${select(visible)}
        WHERE d.issuing_unit_id = ${p.add(unitId)} AND d.year = ${p.add(year)} AND d.number > ${p.add(after)}
        ORDER BY d.number ${limit === null ? '' : `LIMIT ${p.add(limit)}`}`,
      p.values,
    );
  }
}

/** The register's columns; `visible` is an SQL condition on `c`, the case (LEFT JOINed). */
const select = (visible: string) => `SELECT d.id, d.number, d.number_text AS "numberText", d.year, d.issued_at AS "issuedAt", d.kind, d.subject, d.recipients,
       d.signer_name AS "signerName", d.signer_title AS "signerTitle", d.signer_authority AS "signerAuthority",
       d.case_id AS "caseId", c.code AS "caseCode", ${visible} AS visible
  FROM outgoing_document d LEFT JOIN cases c ON c.id = d.case_id`;

function present(r: Row): RegisterEntry {
  const shown = r.visible === true;
  return {
    id: r.id,
    number: r.number,
    numberText: r.numberText,
    year: r.year,
    issuedAt: new Date(r.issuedAt).toISOString(),
    kind: r.kind,
    kindLabel: DOCUMENT_KIND_LABELS[r.kind],
    subject: shown ? r.subject : null,
    recipients: r.recipients.map((x) => ({ code: x.code, name: x.name, role: x.role })),
    signer: { name: r.signerName, title: r.signerTitle, authority: r.signerAuthority },
    case: shown && r.caseId && r.caseCode ? { id: r.caseId, code: r.caseCode } : null,
    withheld: !shown,
  };
}
