export const CHANNELS = [
  'VOTER_MEETING',
  'PETITION',
  'CITIZEN_RECEPTION',
  'DIALOGUE',
  'PRESS',
  'SOCIAL_MEDIA',
  'SURVEY',
  'COLLABORATOR',
  'FIELD',
  'HOTLINE',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, { vi: string; en: string }> = {
  VOTER_MEETING: { vi: 'Tiếp xúc cử tri', en: 'Voter meeting' },
  PETITION: { vi: 'Đơn thư, khiếu nại, tố cáo', en: 'Petition / complaint / denunciation' },
  CITIZEN_RECEPTION: { vi: 'Tiếp công dân', en: 'Citizen reception' },
  DIALOGUE: { vi: 'Đối thoại trực tiếp', en: 'Direct dialogue' },
  PRESS: { vi: 'Báo chí', en: 'Press' },
  SOCIAL_MEDIA: { vi: 'Mạng xã hội, internet', en: 'Social media / internet' },
  SURVEY: { vi: 'Điều tra xã hội học', en: 'Sociological survey' },
  COLLABORATOR: { vi: 'Cộng tác viên dư luận xã hội', en: 'Collaborator report' },
  FIELD: { vi: 'Nắm tình hình thực tế', en: 'Field observation' },
  HOTLINE: { vi: 'Đường dây nóng', en: 'Hotline' },
};

export const LIMITS = {
  title: 300,
  description: 10_000,
  batch: 500,
  idempotencyKey: 200,
} as const;
