export const CASE_STATUSES = [
  'NEW',
  'TRIAGED',
  'ASSIGNED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'NEEDS_INFO',
  'RETURNED',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
  'MERGED',
  'REOPENED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SENSITIVITIES = ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, { vi: string; en: string }> = {
  NEW: { vi: 'Mới tiếp nhận', en: 'New' },
  TRIAGED: { vi: 'Đã phân loại', en: 'Triaged' },
  ASSIGNED: { vi: 'Đã chuyển cơ quan', en: 'Assigned' },
  ACKNOWLEDGED: { vi: 'Cơ quan đã nhận xử lý', en: 'Acknowledged' },
  IN_PROGRESS: { vi: 'Đang giải quyết', en: 'In progress' },
  NEEDS_INFO: { vi: 'Cần bổ sung thông tin', en: 'Needs information' },
  RETURNED: { vi: 'Bị trả lại', en: 'Returned' },
  RESOLVED: { vi: 'Đã có kết quả', en: 'Resolved' },
  CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  REJECTED: { vi: 'Không thụ lý', en: 'Rejected' },
  MERGED: { vi: 'Đã gộp', en: 'Merged' },
  REOPENED: { vi: 'Mở lại', en: 'Reopened' },
};

export const PRIORITY_LABELS: Record<Priority, { vi: string; en: string }> = {
  URGENT: { vi: 'Khẩn', en: 'Urgent' },
  HIGH: { vi: 'Cao', en: 'High' },
  NORMAL: { vi: 'Bình thường', en: 'Normal' },
  LOW: { vi: 'Thấp', en: 'Low' },
};

export const SENSITIVITY_LABELS: Record<Sensitivity, { vi: string; en: string }> = {
  PUBLIC: { vi: 'Công khai', en: 'Public' },
  // The marks of the Law on Protection of State Secrets (Mật, Tối mật, Tuyệt mật); the top one is never kept here.
  RESTRICTED: { vi: 'Mật', en: 'Restricted' },
  CONFIDENTIAL: { vi: 'Tối mật', en: 'Confidential' },
};
