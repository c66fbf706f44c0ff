export const ORG_UNIT_KINDS = ['PROPAGANDA_DEPT', 'PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE', 'DEPARTMENT', 'COURT', 'PROCURACY', 'POLICE', 'OTHER'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** Administrative levels. Districts are gone since 1 July 2025 but old data and other shapes keep them. */
export const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type Level = (typeof LEVELS)[number];

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, { vi: string; en: string }> = {
  PROPAGANDA_DEPT: { vi: 'Ban Tuyên giáo', en: 'Propaganda Department' },
  PEOPLES_COUNCIL: { vi: 'Hội đồng nhân dân', en: "People's Council" },
  PEOPLES_COMMITTEE: { vi: 'Ủy ban nhân dân', en: "People's Committee" },
  DEPARTMENT: { vi: 'Sở, ngành', en: 'Department' },
  COURT: { vi: 'Tòa án nhân dân', en: "People's Court" },
  PROCURACY: { vi: 'Viện kiểm sát nhân dân', en: "People's Procuracy" },
  POLICE: { vi: 'Công an', en: 'Police' },
  OTHER: { vi: 'Khác', en: 'Other' },
};

export const LEVEL_LABELS: Record<Level, { vi: string; en: string }> = {
  PROVINCE: { vi: 'Cấp tỉnh', en: 'Province' },
  DISTRICT: { vi: 'Cấp huyện', en: 'District' },
  COMMUNE: { vi: 'Cấp xã', en: 'Commune' },
};

/** SQL for a CHECK constraint that keeps a varchar column inside an enum. */
export const inList = (column: string, values: readonly string[]) => `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
