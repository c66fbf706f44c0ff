export const ROLES = ['officer', 'triager', 'agency', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  officer: { vi: 'Báo cáo viên, cộng tác viên', en: 'Officer' },
  triager: { vi: 'Cán bộ thường trực (phân loại)', en: 'Triage staff' },
  agency: { vi: 'Cán bộ cơ quan tiếp nhận', en: 'Agency staff' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

/** The standing body and its leaders: they may see everything, including reporters' personal data. */
export const STANDING_BODY_ROLES: readonly Role[] = ['triager', 'leader'];
