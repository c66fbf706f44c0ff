import type { EntityManager } from 'typeorm';

/**
 * Demo reply templates (mẫu trả lời): the placeholders are filled in the browser from the case
 * and the user's unit — {caseCode}, {caseTitle}, {agencyName}, {areaName}, {today}.
 */
export const DEMO_REPLY_TEMPLATES: Array<{ category: string | null; purpose: 'AGENCY_ANSWER' | 'TRIAGE_REQUEST'; title: string; body: string }> = [
  {
    category: 'LAND',
    purpose: 'AGENCY_ANSWER',
    title: 'Đã chi trả tiền bồi thường, hỗ trợ',
    body:
      'Thực hiện đề nghị của cơ quan thường trực về vụ việc {caseCode}, {agencyName} đã phối hợp với UBND cấp xã và Ban Quản lý dự án rà soát hồ sơ ' +
      'bồi thường, hỗ trợ khi Nhà nước thu hồi đất tại {areaName}. Đến ngày {today}, đã chi trả đủ tiền bồi thường, hỗ trợ cho các hộ theo phương án ' +
      'được phê duyệt; các hộ đã nhận tiền và bàn giao mặt bằng. Kết quả cụ thể tại văn bản trả lời kèm theo.',
  },
  {
    category: 'LAND',
    purpose: 'TRIAGE_REQUEST',
    title: 'Đề nghị bổ sung thông tin thửa đất',
    body: 'Để có cơ sở chuyển xử lý vụ việc {caseCode}, đề nghị đồng chí bổ sung: số tờ bản đồ, số thửa, diện tích bị thu hồi, số hộ bị ảnh hưởng và bản sao quyết định thu hồi đất (nếu có).',
  },
  {
    category: 'ENVIRONMENT',
    purpose: 'AGENCY_ANSWER',
    title: 'Đã kiểm tra hiện trường, xử lý vi phạm môi trường',
    body:
      '{agencyName} đã chủ trì, phối hợp với UBND cấp xã kiểm tra hiện trường tại {areaName} về nội dung phản ánh của vụ việc {caseCode}. ' +
      'Qua kiểm tra, đã lập biên bản vi phạm hành chính, yêu cầu cơ sở dừng xả thải, khắc phục hậu quả và sẽ tiếp tục giám sát định kỳ.',
  },
  {
    category: null,
    purpose: 'AGENCY_ANSWER',
    title: 'Báo cáo tiến độ: đang xác minh',
    body:
      '{agencyName} đã tiếp nhận vụ việc {caseCode} và đang phối hợp với các cơ quan liên quan xác minh nội dung phản ánh. ' +
      'Dự kiến có kết quả trong thời hạn được giao; {agencyName} sẽ báo cáo cơ quan thường trực ngay khi có kết quả.',
  },
  {
    category: null,
    purpose: 'TRIAGE_REQUEST',
    title: 'Đề nghị bổ sung thông tin chung',
    body: 'Về vụ việc {caseCode}, đề nghị đồng chí bổ sung thời gian, địa điểm cụ thể, số người bị ảnh hưởng và tài liệu kèm theo (nếu có) để cơ quan thường trực xem xét, chuyển xử lý.',
  },
];

export async function seedReplyTemplates(m: EntityManager, categoryIds: Map<string, { id: string }>): Promise<void> {
  for (const t of DEMO_REPLY_TEMPLATES) {
    await m.query(`INSERT INTO reply_template (category_id, purpose, title, body) VALUES ($1, $2, $3, $4)`, [
      t.category ? categoryIds.get(t.category)!.id : null,
      t.purpose,
      t.title,
      t.body,
    ]);
  }
}
