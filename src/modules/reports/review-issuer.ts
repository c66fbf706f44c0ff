import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators.js';
import type { Lang } from './metrics.service.js';

/**
 * Who issues the review report, as its Decree 30 header and signing block name them: the standing
 * body's letterhead profile (org_unit: symbol, superior body, letterhead name, place; its default
 * signer's title, authority and name) where the admin set it, else derived from the unit's names,
 * its area and its parent. `issuerFrom` is the one place that decides.
 */
export interface ReviewIssuer {
  /** The body above the issuer, upper case ("TỈNH ỦY LÀO CAI"); null when there is none. */
  superior: string | null;
  /** The issuing body, upper case ("BAN TUYÊN GIÁO VÀ DÂN VẬN"). */
  name: string;
  /** The issuer's name as a sentence says it ("Ban Tuyên giáo và Dân vận Tỉnh ủy"). */
  fullName: string;
  /** The symbol after the document type in the number: Số: …/BC-BTGDVTU. */
  symbol: string;
  /** Where it is issued, for "Lào Cai, ngày … tháng … năm …". */
  place: string;
  /** Above the signature. */
  signerTitle: string;
  /** 'KT. TRƯỞNG BAN' and the like, above the title; null when the signer signs in their own right. */
  signerAuthority: string | null;
  /** The default signer's name; null leaves a placeholder for it. */
  signerName: string | null;
  /** "Nơi nhận:" lines, before the file copy. */
  recipients: string[];
}

interface UnitRow {
  id: string;
  /** Vietnamese names: the header is the Decree's, in Vietnamese, whatever the report's language. */
  name: string;
  parent: string | null;
  area: string | null;
  level: string;
  /** The name a sentence of the report uses, in its language. */
  localName: string;
  /** The letterhead profile (null where the admin has not set it). */
  documentSymbol?: string | null;
  superiorBody?: string | null;
  letterheadName?: string | null;
  documentPlace?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
  signerAuthority?: string | null;
}

// A Party committee's board is named after its committee: "Ban Tuyên giáo Tỉnh ủy" sits under "Tỉnh ủy <province>".
const COMMITTEE = /^(.+?)\s+(Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)$/iu;
// "Tỉnh Lào Cai" is issued from "Lào Cai".
const AREA_PREFIX = /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+/iu;
const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The initials of a body's name without "và" and diacritics: Ban Tuyên giáo và Dân vận Tỉnh ủy → BTGDVTU. */
export function symbolOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && w.toLowerCase() !== 'và' && w.toLowerCase() !== 'and')
    .map((w) =>
      w[0]
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[Đđ]/g, 'D'),
    )
    .join('')
    .toUpperCase();
}

/** The issuer of a unit, from its names alone. */
export function issuerFrom(u: UnitRow, recipients: string[]): ReviewIssuer {
  const place = u.documentPlace || (u.area ?? '').replace(AREA_PREFIX, '') || '…';
  const party = COMMITTEE.exec(u.name);
  const superior = u.superiorBody ? upper(u.superiorBody) : party ? upper(`${party[2]} ${place}`) : u.parent ? upper(u.parent) : null;
  return {
    superior,
    name: upper(u.letterheadName || (party ? party[1] : u.name)),
    fullName: u.localName,
    // A letter's symbol names the desk too (BTGDVTU-PAKN); a report is the body's own (…/BC-BTGDVTU).
    symbol: u.documentSymbol ? u.documentSymbol.split('-')[0] : symbolOf(u.name),
    place,
    signerTitle: u.signerTitle ? upper(u.signerTitle) : 'TRƯỞNG BAN',
    signerAuthority: u.signerTitle ? (u.signerAuthority ?? null) : null,
    signerName: u.signerTitle ? (u.signerName ?? null) : null,
    recipients: [...(superior ? [`Thường trực ${party ? party[2] : u.parent} (để báo cáo)`] : []), ...recipients],
  };
}

/**
 * The standing body that issues the report: the caller's own unit when it is a Propaganda
 * Department (a district board reports for itself), else the department at the top. Its
 * recipients: the programme's party units, or the People's Council and Committee at its level.
 */
export async function reviewIssuer(db: DataSource, user: AuthUser | null, programmeUnitIds: string[] | null, lang: Lang): Promise<ReviewIssuer> {
  const name = lang === 'en' ? 'name_en' : 'name_vi';
  const [unit]: UnitRow[] = await db.query(
    `SELECT u.id, u.name_vi AS name, p.name_vi AS parent, a.name_vi AS area, u.level, u.${name} AS "localName",
            u.document_symbol AS "documentSymbol", u.superior_body AS "superiorBody", u.letterhead_name AS "letterheadName",
            u.document_place AS "documentPlace", s.full_name AS "signerName", s.job_title AS "signerTitle", s.signing_authority AS "signerAuthority"
       FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id LEFT JOIN area a ON a.id = u.area_id
       LEFT JOIN app_user s ON s.id = u.default_signer_id AND s.active
      WHERE u.kind = 'PROPAGANDA_DEPT' AND u.active
      ORDER BY (u.id = $1::uuid) DESC NULLS LAST, u.parent_id NULLS FIRST, u.code
      LIMIT 1`,
    [user?.orgUnitId ?? null],
  );
  if (!unit) {
    return issuerFrom(
      { id: '', name: 'Ban Tuyên giáo', parent: null, area: null, level: 'PROVINCE', localName: lang === 'en' ? 'Propaganda Department' : 'Ban Tuyên giáo' },
      [],
    );
  }
  const rows: Array<{ name: string }> = programmeUnitIds
    ? await db.query(`SELECT ${name} AS name FROM org_unit WHERE id = ANY($1::uuid[]) ORDER BY kind, code`, [programmeUnitIds])
    : await db.query(
        `SELECT ${name} AS name FROM org_unit WHERE active AND level = $1 AND kind IN ('PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE') ORDER BY kind, code`,
        [unit.level],
      );
  return issuerFrom(unit, [...rows.map((r) => r.name), lang === 'en' ? 'The agencies in the coordination' : 'Các cơ quan, đơn vị phối hợp']);
}
