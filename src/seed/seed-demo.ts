import * as argon2 from 'argon2';
import { type DataSource, type EntityManager } from 'typeorm';
import { CaseRepository } from '../modules/cases/case.repository.js';
import { insertConcerns } from '../modules/intake/concern-writer.js';
import { seedReplyTemplates } from './seed-templates.js';
import { DEMO_AREAS, DEMO_CATEGORIES, DEMO_CONCERNS, DEMO_ORG_UNITS, DEMO_PROGRAMME, DEMO_ROUTING } from './demo-data.js';

/** Demo only: every demo account uses this password. */
export const DEMO_PASSWORD = 'demo-2026';

export interface DemoUser {
  email: string;
  fullName: string;
  role: 'officer' | 'triager' | 'agency' | 'leader' | 'admin';
  unit: string | null;
  /** The signing profile of who signs the unit's documents. */
  signing?: { jobTitle: string; signingAuthority: string | null; defaultFor: string };
}

/** One user per role at the standing body, and one agency user per receiving body (its code in lower case). */
export function demoUsers(): DemoUser[] {
  const staff: DemoUser[] = [
    { email: 'officer@demo.local', fullName: 'Lò Văn Minh (báo cáo viên)', role: 'officer', unit: 'BTG' },
    { email: 'triage@demo.local', fullName: 'Nguyễn Thị Lan (thường trực)', role: 'triager', unit: 'BTG' },
    // The deputy head signs the commission's forwarding letters on behalf of the head (KT. = ký thay).
    {
      email: 'leader@demo.local',
      fullName: 'Trần Quốc Hưng',
      role: 'leader',
      unit: 'BTG',
      signing: { jobTitle: 'Phó Trưởng ban', signingAuthority: 'KT. TRƯỞNG BAN', defaultFor: 'BTG' },
    },
    { email: 'admin@demo.local', fullName: 'Quản trị hệ thống', role: 'admin', unit: 'BTG' },
  ];
  const agencies = DEMO_ORG_UNITS.filter((u) => u.kind !== 'PROPAGANDA_DEPT').map((u): DemoUser => ({
    email: `${u.code.toLowerCase()}@demo.local`,
    fullName: `Văn thư ${u.nameVi}`,
    role: 'agency',
    unit: u.code,
  }));
  return [...staff, ...agencies];
}

export interface ReferenceIds {
  area: Map<string, string>;
  unit: Map<string, string>;
  category: Map<string, { id: string; sensitive: boolean }>;
  user: Map<string, string>;
}

/** The demo province without concerns: areas, org units, categories and users (tests start from this). */
export async function seedReference(m: EntityManager): Promise<ReferenceIds> {
  const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  const ids: ReferenceIds = { area: new Map(), unit: new Map(), category: new Map(), user: new Map() };
  for (const a of DEMO_AREAS) {
    const [row] = await m.query(`INSERT INTO area (code, parent_id, level, name_vi, name_en) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      a.code,
      a.parentCode ? ids.area.get(a.parentCode) : null,
      a.level,
      a.nameVi,
      a.nameEn,
    ]);
    ids.area.set(a.code, row.id);
  }
  for (const u of DEMO_ORG_UNITS) {
    const [row] = await m.query(
      `INSERT INTO org_unit (code, parent_id, kind, level, area_id, name_vi, name_en, emails, document_symbol, superior_body, letterhead_name, document_place)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        u.code,
        u.parentCode ? ids.unit.get(u.parentCode) : null,
        u.kind,
        u.level,
        ids.area.get(u.areaCode),
        u.nameVi,
        u.nameEn,
        u.emails,
        u.letterhead?.documentSymbol ?? null,
        u.letterhead?.superiorBody ?? null,
        u.letterhead?.letterheadName ?? null,
        u.letterhead?.documentPlace ?? null,
      ],
    );
    ids.unit.set(u.code, row.id);
  }
  for (const c of DEMO_CATEGORIES) {
    const [row] = await m.query(`INSERT INTO category (code, label_vi, label_en, sensitive) VALUES ($1, $2, $3, $4) RETURNING id`, [
      c.code,
      c.labelVi,
      c.labelEn,
      c.sensitive,
    ]);
    ids.category.set(c.code, { id: row.id, sensitive: c.sensitive });
  }
  for (const u of demoUsers()) {
    const [row] = await m.query(
      `INSERT INTO app_user (email, password_hash, full_name, role, org_unit_id, job_title, signing_authority) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [u.email, hash, u.fullName, u.role, u.unit ? ids.unit.get(u.unit) : null, u.signing?.jobTitle ?? null, u.signing?.signingAuthority ?? null],
    );
    ids.user.set(u.email, row.id);
    if (u.signing) await m.query(`UPDATE org_unit SET default_signer_id = $1 WHERE code = $2`, [row.id, u.signing.defaultFor]);
  }
  return ids;
}

/** The demo's coordination programme, its annual plans, and the routing rules it sets. */
async function seedProgrammeAndRules(m: EntityManager, ids: ReferenceIds) {
  const p = DEMO_PROGRAMME;
  const [programme] = await m.query(
    `INSERT INTO coordination_programme (code, title_vi, title_en, period_start, period_end, party_unit_ids, category_ids, acknowledge_days, resolve_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      p.code,
      p.titleVi,
      p.titleEn,
      p.periodStart,
      p.periodEnd,
      p.partyCodes.map((c) => ids.unit.get(c)),
      [...ids.category.values()].map((c) => c.id),
      p.acknowledgeDays,
      p.resolveDays,
    ],
  );
  for (const plan of p.plans) {
    await m.query(`INSERT INTO annual_plan (programme_id, code, year, signed_on) VALUES ($1, $2, $3, $4)`, [programme.id, plan.code, plan.year, plan.signedOn]);
  }
  for (const [category, unit] of Object.entries(DEMO_ROUTING)) {
    await m.query(`INSERT INTO routing_rule (category_id, level, org_unit_id, role, rank, programme_id) VALUES ($1, 'PROVINCE', $2, 'LEAD', 0, $3)`, [
      ids.category.get(category)!.id,
      ids.unit.get(unit),
      programme.id,
    ]);
  }
}

/** Loads the whole demo province: reference data, programme and rules, then each demo concern as a NEW case. */
export async function seedDemo(db: DataSource): Promise<{ users: number; concerns: number }> {
  return db.transaction(async (m) => {
    const ids = await seedReference(m);
    await seedProgrammeAndRules(m, ids);
    await seedReplyTemplates(m, ids.category);
    const officer = { id: ids.user.get('officer@demo.local')!, unit: ids.unit.get('BTG')! };
    // Oldest first, so case codes grow with time as they would in real use.
    const concerns = [...DEMO_CONCERNS].sort((a, b) => b.daysAgo - a.daysAgo);
    // The seed runs outside Nest; the repository holds no state, so a plain instance will do.
    const cases = new CaseRepository();
    for (const [i, c] of concerns.entries()) {
      const category = ids.category.get(c.categoryCode)!;
      await insertConcerns(cases, m, [
        {
          channel: c.channel,
          areaId: ids.area.get(c.areaCode)!,
          categoryId: category.id,
          sensitive: category.sensitive,
          title: c.title,
          description: c.description,
          peopleAffected: c.peopleAffected,
          reporter: c.reporter,
          actorId: officer.id,
          actorUnitId: officer.unit,
          receivedAt: new Date(Date.now() - c.daysAgo * 86_400_000 - (i % 9) * 3_600_000),
        },
      ]);
    }
    return { users: ids.user.size, concerns: concerns.length };
  });
}

export async function isEmpty(db: DataSource): Promise<boolean> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM org_unit`);
  return n === 0;
}
