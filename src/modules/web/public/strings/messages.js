// Interface strings of the messages screens, merged into i18n.js's tables (kept apart so each area edits its own file).
export default {
  vi: {
    'date.placeholder': 'dd/mm/yyyy',
    'date.placeholderTime': 'dd/mm/yyyy hh:mm',
    'date.hint': 'Ngày/tháng/năm, ví dụ 05/12/2026.',
    'date.hintTime': 'Ngày/tháng/năm giờ:phút, ví dụ 05/12/2026 14:30.',
    'error.refreshed': 'Trang đã tải lại thông tin mới nhất của vụ việc.',
    'dashboard.tableRegion': 'Bảng số liệu (cuộn ngang được)',
    'case.actionsRegion': 'Thao tác',
    'agencyPanel.resolveSubmit': 'Gửi báo cáo kết quả',
  },
  en: {
    'date.placeholder': 'dd/mm/yyyy',
    'date.placeholderTime': 'dd/mm/yyyy hh:mm',
    'date.hint': 'Day/month/year, e.g. 05/12/2026.',
    'date.hintTime': 'Day/month/year hour:minute, e.g. 05/12/2026 14:30.',
    'error.refreshed': 'The page now shows the case as it is.',
    'dashboard.tableRegion': 'Table of figures (scrolls sideways)',
    'case.actionsRegion': 'Actions',
    'agencyPanel.resolveSubmit': 'Send the resolution',
  },
};
