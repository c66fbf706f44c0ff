import { FOOTER_EN, FOOTER_VI, type LocalText, type Source, type TemplateDef } from './shared.js';

/** A hotspot may be forming (to the leaders). */
export interface Vars {
  areaName: LocalText;
  categoryName: LocalText;
  recentCount: number;
  baselineWeeklyMean: number;
  score: number;
  /** Length of the recent window. */
  days: number;
  peopleAffected?: number | null;
  sensitive?: boolean;
  cases?: Array<{ caseCode: string; caseTitle: string; caseUrl: string }>;
  hotspotsUrl?: string;
}

export const vi: Source = {
  subject: `[Cảnh báo điểm nóng] {{categoryName}} tại {{areaName}}: {{recentCount}} ý kiến trong {{days}} ngày`,
  text: `Kính gửi: Các đồng chí lãnh đạo

Hệ thống ghi nhận dấu hiệu hình thành điểm nóng:
- Địa bàn: {{areaName}}
- Lĩnh vực: {{categoryName}}{{#if sensitive}} (lĩnh vực nhạy cảm){{/if}}
- Số ý kiến, phản ánh trong {{days}} ngày gần nhất: {{recentCount}}
- Bình quân mỗi tuần trong 8 tuần trước đó: {{baselineWeeklyMean}}
- Mức tăng (có trọng số): {{score}} lần
{{#if peopleAffected}}- Số người bị ảnh hưởng được phản ánh: {{peopleAffected}}
{{/if}}
{{#if cases}}
Các vụ việc gần nhất:
{{#each cases}}
- [{{caseCode}}] {{caseTitle}}
  {{caseUrl}}
{{/each}}
{{/if}}
{{#if hotspotsUrl}}

Xem chi tiết:
{{hotspotsUrl}}
{{/if}}
${FOOTER_VI}`,
};

export const en: Source = {
  subject: `[Hotspot warning] {{categoryName}} in {{areaName}}: {{recentCount}} concerns in {{days}} days`,
  text: `To: the leadership

A hotspot may be forming:
- Area: {{areaName}}
- Category: {{categoryName}}{{#if sensitive}} (sensitive){{/if}}
- Concerns in the last {{days}} days: {{recentCount}}
- Weekly mean over the 8 weeks before: {{baselineWeeklyMean}}
- Rise (weighted): {{score}} times
{{#if peopleAffected}}- People affected, as reported: {{peopleAffected}}
{{/if}}
{{#if cases}}
Latest cases:
{{#each cases}}
- [{{caseCode}}] {{caseTitle}}
  {{caseUrl}}
{{/each}}
{{/if}}
{{#if hotspotsUrl}}

Details:
{{hotspotsUrl}}
{{/if}}
${FOOTER_EN}`,
};

export const template: TemplateDef<Vars> = {
  required: { areaName: true, categoryName: true, recentCount: true, baselineWeeklyMean: true, score: true, days: true },
  vi,
  en,
};
