/**
 * Demo data for Concern Desk.
 *
 * Models one province in today's two-tier local government (since 1 July 2025:
 * province + communes/wards, no districts): Lào Cai province with eight of its
 * communes and wards. All concerns, places inside communes (villages, residential
 * groups, projects), reporters and phone numbers are fictional. Reporter names are
 * invented; e-mail addresses use the reserved demo domain `demo.local`.
 *
 * Deliberate duplicate groups (same issue, different words and channels), for
 * demonstrating duplicate detection / case merging:
 *   A. X02 – compensation dispute, southern trunk road, residential group 12
 *      (COLLABORATOR, PETITION, PRESS)
 *   B. X04 – dust and odour from a chemical plant in the industrial park
 *      (VOTER_MEETING, SOCIAL_MEDIA, HOTLINE)
 *   C. X08 – cracked, subsiding houses at a hydropower resettlement site
 *      (FIELD, CITIZEN_RECEPTION, DIALOGUE)
 *   D. X01 – riverside embankment works encroaching on an old temple (relic)
 *      (COLLABORATOR, PRESS)
 *   E. X06 – dilapidated temporary classrooms at the Sín Chải satellite school
 *      (VOTER_MEETING, PRESS)
 *
 * Plain data only: no imports, no side effects.
 */

export type OrgKind = 'PROPAGANDA_DEPT' | 'PEOPLES_COUNCIL' | 'PEOPLES_COMMITTEE' | 'DEPARTMENT' | 'COURT' | 'PROCURACY' | 'POLICE' | 'OTHER';

export type Level = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

export interface DemoArea {
  code: string;
  parentCode: string | null;
  level: Level;
  nameVi: string;
  nameEn: string;
}

export interface DemoOrgUnit {
  code: string;
  parentCode: string | null;
  kind: OrgKind;
  level: Level;
  areaCode: string;
  nameVi: string;
  nameEn: string;
  emails: string[];
  /** The issuing-unit profile (Decree 30 letterhead), for a unit that issues documents. */
  letterhead?: { documentSymbol: string; superiorBody: string; letterheadName: string; documentPlace: string };
}

export interface DemoCategory {
  code: string;
  labelVi: string;
  labelEn: string;
  sensitive: boolean;
}

export type Channel =
  'VOTER_MEETING' | 'PETITION' | 'CITIZEN_RECEPTION' | 'DIALOGUE' | 'PRESS' | 'SOCIAL_MEDIA' | 'SURVEY' | 'COLLABORATOR' | 'FIELD' | 'HOTLINE';

export interface DemoConcern {
  channel: Channel;
  areaCode: string;
  categoryCode: string;
  title: string;
  description: string;
  peopleAffected: number | null;
  daysAgo: number;
  reporter: { name: string; phone?: string; email?: string } | null;
}

// ---------------------------------------------------------------------------
// Areas: one province, eight communes/wards (two-tier structure)
// ---------------------------------------------------------------------------

export const DEMO_AREAS: DemoArea[] = [
  { code: 'T01', parentCode: null, level: 'PROVINCE', nameVi: 'Tỉnh Lào Cai', nameEn: 'Lao Cai Province' },
  { code: 'X01', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Phường Lào Cai', nameEn: 'Lao Cai Ward' },
  { code: 'X02', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Phường Cam Đường', nameEn: 'Cam Duong Ward' },
  { code: 'X03', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Phường Sa Pa', nameEn: 'Sa Pa Ward' },
  { code: 'X04', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Bảo Thắng', nameEn: 'Bao Thang Commune' },
  { code: 'X05', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Bát Xát', nameEn: 'Bat Xat Commune' },
  { code: 'X06', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Mường Khương', nameEn: 'Muong Khuong Commune' },
  { code: 'X07', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Bắc Hà', nameEn: 'Bac Ha Commune' },
  { code: 'X08', parentCode: 'T01', level: 'COMMUNE', nameVi: 'Xã Văn Bàn', nameEn: 'Van Ban Commune' },
];

// ---------------------------------------------------------------------------
// Org units (parents before children)
// ---------------------------------------------------------------------------

export const DEMO_ORG_UNITS: DemoOrgUnit[] = [
  // Top level (province)
  {
    code: 'BTG',
    parentCode: null,
    kind: 'PROPAGANDA_DEPT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    nameEn: "Provincial Party Committee's Commission for Propaganda and Mass Mobilisation",
    emails: ['vanthu.btgdv@demo.local', 'thuongtruc.btgdv@demo.local'],
    // The merged commission (since 2025) under the provincial Party Committee; PAKN: its desk for citizens' concerns.
    letterhead: { documentSymbol: 'BTGDVTU-PAKN', superiorBody: 'TỈNH ỦY LÀO CAI', letterheadName: 'BAN TUYÊN GIÁO VÀ DÂN VẬN', documentPlace: 'Lào Cai' },
  },
  {
    code: 'HDND',
    parentCode: null,
    kind: 'PEOPLES_COUNCIL',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Thường trực HĐND tỉnh',
    nameEn: "Standing Committee of the Provincial People's Council",
    emails: ['vanthu.hdnd@demo.local'],
  },
  {
    code: 'UBND',
    parentCode: null,
    kind: 'PEOPLES_COMMITTEE',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'UBND tỉnh',
    nameEn: "Provincial People's Committee",
    emails: ['vanthu.ubnd@demo.local', 'tiepcongdan.ubnd@demo.local'],
  },
  {
    code: 'TAND',
    parentCode: null,
    kind: 'COURT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Tòa án nhân dân tỉnh',
    nameEn: "Provincial People's Court",
    emails: ['vanthu.tand@demo.local'],
  },
  {
    code: 'VKSND',
    parentCode: null,
    kind: 'PROCURACY',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Viện kiểm sát nhân dân tỉnh',
    nameEn: "Provincial People's Procuracy",
    emails: ['vanthu.vksnd@demo.local'],
  },
  {
    code: 'CA',
    parentCode: null,
    kind: 'POLICE',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Công an tỉnh',
    nameEn: 'Provincial Police',
    emails: ['vanthu.congan@demo.local', 'tiepcongdan.congan@demo.local'],
  },

  // Departments under the provincial People's Committee
  {
    code: 'NNMT',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Nông nghiệp và Môi trường',
    nameEn: 'Department of Agriculture and Environment',
    emails: ['vanthu.snnmt@demo.local', 'thanhtra.snnmt@demo.local'],
  },
  {
    code: 'XD',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Xây dựng',
    nameEn: 'Department of Construction',
    emails: ['vanthu.sxd@demo.local'],
  },
  {
    code: 'YT',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Y tế',
    nameEn: 'Department of Health',
    emails: ['vanthu.syt@demo.local'],
  },
  {
    code: 'GDDT',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Giáo dục và Đào tạo',
    nameEn: 'Department of Education and Training',
    emails: ['vanthu.sgddt@demo.local'],
  },
  {
    code: 'NV',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Nội vụ',
    nameEn: 'Department of Home Affairs',
    emails: ['vanthu.snv@demo.local'],
  },
  {
    code: 'DTTG',
    parentCode: 'UBND',
    kind: 'DEPARTMENT',
    level: 'PROVINCE',
    areaCode: 'T01',
    nameVi: 'Sở Dân tộc và Tôn giáo',
    nameEn: 'Department of Ethnic Minorities and Religion',
    emails: ['vanthu.sdttg@demo.local'],
  },

  // Commune-level People's Committees (report to the provincial UBND)
  {
    code: 'X01-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X01',
    nameVi: 'UBND phường Lào Cai',
    nameEn: "Lao Cai Ward People's Committee",
    emails: ['ubnd.laocai@demo.local'],
  },
  {
    code: 'X02-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X02',
    nameVi: 'UBND phường Cam Đường',
    nameEn: "Cam Duong Ward People's Committee",
    emails: ['ubnd.camduong@demo.local', 'diachinh.camduong@demo.local'],
  },
  {
    code: 'X03-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X03',
    nameVi: 'UBND phường Sa Pa',
    nameEn: "Sa Pa Ward People's Committee",
    emails: ['ubnd.sapa@demo.local'],
  },
  {
    code: 'X04-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X04',
    nameVi: 'UBND xã Bảo Thắng',
    nameEn: "Bao Thang Commune People's Committee",
    emails: ['ubnd.baothang@demo.local'],
  },
  {
    code: 'X05-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X05',
    nameVi: 'UBND xã Bát Xát',
    nameEn: "Bat Xat Commune People's Committee",
    emails: ['ubnd.batxat@demo.local'],
  },
  {
    code: 'X06-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X06',
    nameVi: 'UBND xã Mường Khương',
    nameEn: "Muong Khuong Commune People's Committee",
    emails: ['ubnd.muongkhuong@demo.local'],
  },
  {
    code: 'X07-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X07',
    nameVi: 'UBND xã Bắc Hà',
    nameEn: "Bac Ha Commune People's Committee",
    emails: ['ubnd.bacha@demo.local'],
  },
  {
    code: 'X08-UBND',
    parentCode: 'UBND',
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    areaCode: 'X08',
    nameVi: 'UBND xã Văn Bàn',
    nameEn: "Van Ban Commune People's Committee",
    emails: ['ubnd.vanban@demo.local', 'vanphong.vanban@demo.local'],
  },
];

// ---------------------------------------------------------------------------
// Categories (topics named in the sources)
// ---------------------------------------------------------------------------

export const DEMO_CATEGORIES: DemoCategory[] = [
  { code: 'LAND', labelVi: 'Đất đai, bồi thường, giải phóng mặt bằng', labelEn: 'Land, compensation and site clearance', sensitive: false },
  { code: 'RESETTLEMENT', labelVi: 'Tái định cư', labelEn: 'Resettlement', sensitive: false },
  { code: 'ENVIRONMENT', labelVi: 'Môi trường', labelEn: 'Environment', sensitive: false },
  { code: 'CORRUPTION', labelVi: 'Tham nhũng, lãng phí, quan liêu', labelEn: 'Corruption, waste and bureaucracy', sensitive: true },
  { code: 'RELIGION', labelVi: 'Tôn giáo', labelEn: 'Religion', sensitive: true },
  { code: 'ETHNIC', labelVi: 'Công tác dân tộc', labelEn: 'Ethnic affairs', sensitive: true },
  { code: 'SECURITY_SOVEREIGNTY', labelVi: 'An ninh quốc gia, chủ quyền', labelEn: 'National security and sovereignty', sensitive: true },
  { code: 'PUBLIC_ORDER', labelVi: 'Trật tự, an toàn xã hội', labelEn: 'Public order and safety', sensitive: false },
  { code: 'HERITAGE', labelVi: 'Di tích lịch sử, văn hóa', labelEn: 'Historical and cultural relics', sensitive: false },
  { code: 'PERSONNEL', labelVi: 'Công tác cán bộ', labelEn: 'Personnel', sensitive: true },
  { code: 'MAJOR_COURT_CASE', labelVi: 'Xét xử các vụ án lớn', labelEn: 'Major court cases', sensitive: true },
  { code: 'LAW_ENFORCEMENT', labelVi: 'Thực thi pháp luật', labelEn: 'Law enforcement', sensitive: false },
  {
    code: 'SOCIO_ECONOMIC',
    labelVi: 'Chương trình phát triển kinh tế - xã hội (nông thôn mới, giảm nghèo, cây trồng)',
    labelEn: 'Socio-economic programmes (new rural development, poverty reduction, crops)',
    sensitive: false,
  },
  { code: 'INFRASTRUCTURE', labelVi: 'Hạ tầng, giao thông', labelEn: 'Infrastructure and transport', sensitive: false },
  { code: 'HEALTH', labelVi: 'Y tế', labelEn: 'Health', sensitive: false },
  { code: 'EDUCATION', labelVi: 'Giáo dục', labelEn: 'Education', sensitive: false },
  { code: 'PRICES_MARKETS', labelVi: 'Giá cả, thị trường', labelEn: 'Prices and markets', sensitive: false },
  {
    code: 'LABOUR_OVERSEAS',
    labelVi: 'Lao động, việc làm, đi làm việc ở nước ngoài',
    labelEn: 'Labour, employment and overseas work',
    sensitive: false,
  },
  {
    code: 'FALSE_INFO_ONLINE',
    labelVi: 'Thông tin sai sự thật, thù địch trên mạng',
    labelEn: 'False or hostile information online',
    sensitive: false,
  },
];

// ---------------------------------------------------------------------------
// Concerns
// ---------------------------------------------------------------------------

export const DEMO_CONCERNS: DemoConcern[] = [
  // --- Duplicate group A: X02, land compensation, southern trunk road, residential group 12 ---
  {
    channel: 'COLLABORATOR',
    areaCode: 'X02',
    categoryCode: 'LAND',
    title: 'Hộ dân tổ 12 phường Cam Đường chưa đồng thuận mức bồi thường đất dự án đường trục phía Nam',
    description:
      'Cộng tác viên dư luận xã hội phản ánh khoảng 30 hộ dân tổ dân phố số 12 cho rằng đơn giá bồi thường đất ở thấp hơn nhiều so với giá chuyển nhượng thực tế trong khu vực. Các hộ chưa nhận tiền và chưa bàn giao mặt bằng nên đoạn tuyến qua tổ dân phố đang bị chậm thi công. Một số người có ý định rủ nhau lên tỉnh khiếu nại đông người.',
    peopleAffected: 120,
    daysAgo: 19,
    reporter: { name: 'Phạm Thị Thu', phone: '0912458731' },
  },
  {
    channel: 'PETITION',
    areaCode: 'X02',
    categoryCode: 'LAND',
    title: 'Đơn tập thể đề nghị xem xét lại giá bồi thường khi thu hồi đất làm đường trục phía Nam qua tổ dân phố 12',
    description:
      '27 hộ gia đình tổ dân phố 12, phường Cam Đường gửi đơn tập thể đề nghị điều chỉnh phương án bồi thường, hỗ trợ. Theo đơn, giá đất áp dụng chỉ bằng khoảng một phần ba giá thị trường và phần đất vườn liền kề không được hỗ trợ chuyển đổi nghề. Các hộ đề nghị tổ chức đối thoại công khai với chủ đầu tư và chính quyền phường.',
    peopleAffected: 108,
    daysAgo: 13,
    reporter: { name: 'Trần Văn Khải', phone: '0983217645' },
  },
  {
    channel: 'PRESS',
    areaCode: 'X02',
    categoryCode: 'LAND',
    title: 'Báo điện tử: dự án đường trục phía Nam ở Cam Đường "đứng hình" vì vướng giải phóng mặt bằng',
    description:
      'Một bài báo điện tử cho biết dự án đường trục phía Nam đoạn qua phường Cam Đường chậm tiến độ hơn một năm do hàng chục hộ dân không chấp nhận giá bồi thường. Bài viết dẫn ý kiến người dân cho rằng việc áp giá thiếu minh bạch và chưa được giải thích thỏa đáng. Bài báo đang được chia sẻ nhiều trên mạng xã hội.',
    peopleAffected: null,
    daysAgo: 8,
    reporter: null,
  },

  // --- Duplicate group B: X04, chemical plant emissions in the industrial park ---
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X04',
    categoryCode: 'ENVIRONMENT',
    title: 'Cử tri phản ánh bụi và mùi hắc từ nhà máy hóa chất trong khu công nghiệp ảnh hưởng các thôn lân cận',
    description:
      'Tại buổi tiếp xúc cử tri trước kỳ họp HĐND tỉnh, cử tri các thôn giáp khu công nghiệp xã Bảo Thắng phản ánh thường xuyên có mùi hắc và bụi trắng bám trên mái nhà, cây trồng vào ban đêm. Nhiều hộ có người bị ho, khó thở kéo dài. Cử tri đề nghị cơ quan chức năng kiểm tra, quan trắc và công khai kết quả.',
    peopleAffected: 650,
    daysAgo: 41,
    reporter: { name: 'Lương Văn Tuấn', phone: '0915662304' },
  },
  {
    channel: 'SOCIAL_MEDIA',
    areaCode: 'X04',
    categoryCode: 'ENVIRONMENT',
    title: 'Clip lan truyền cảnh khói vàng bốc lên từ ống khói nhà máy gần khu dân cư Bảo Thắng lúc nửa đêm',
    description:
      'Một đoạn video trên mạng xã hội ghi cảnh khói màu vàng bốc lên từ ống khói một nhà máy trong khu công nghiệp tại xã Bảo Thắng vào khoảng 0 giờ. Người đăng cho rằng nhà máy lợi dụng ban đêm để xả khí thải khiến cả thôn ngửi thấy mùi khó chịu. Video thu hút hàng nghìn lượt chia sẻ và nhiều bình luận bức xúc.',
    peopleAffected: null,
    daysAgo: 36,
    reporter: null,
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X04',
    categoryCode: 'ENVIRONMENT',
    title: 'Người dân gọi đường dây nóng báo mùi khí lạ nồng nặc, trẻ nhỏ bị ho sau đêm nhà máy vận hành',
    description:
      'Một người dân thôn giáp khu công nghiệp gọi điện cho biết đêm qua cả thôn ngửi thấy mùi khí rất nặng, nhiều trẻ nhỏ bị ho và rát họng. Người gọi đề nghị cơ quan môi trường lấy mẫu không khí ngay trong đêm khi nhà máy hoạt động. Đây là lần thứ ba trong tháng người dân phản ánh hiện tượng này.',
    peopleAffected: 200,
    daysAgo: 34,
    reporter: { name: 'Đỗ Thị Lan', phone: '0978120459' },
  },

  // --- Duplicate group C: X08, hydropower resettlement site, cracked houses ---
  {
    channel: 'FIELD',
    areaCode: 'X08',
    categoryCode: 'RESETTLEMENT',
    title: 'Nhiều nhà tại khu tái định cư thủy điện ở Văn Bàn bị nứt tường, sụt lún nền sau mưa lớn',
    description:
      'Qua khảo sát thực địa, báo cáo viên ghi nhận 14 ngôi nhà tại khu tái định cư thủy điện thuộc xã Văn Bàn xuất hiện vết nứt tường và nền bị sụt lún sau đợt mưa lớn. Taluy dương phía sau khu dân cư có dấu hiệu sạt trượt. Người dân lo mất an toàn khi mùa mưa bão đến gần.',
    peopleAffected: 62,
    daysAgo: 61,
    reporter: { name: 'Hà Văn Lợi', phone: '0989145270' },
  },
  {
    channel: 'CITIZEN_RECEPTION',
    areaCode: 'X08',
    categoryCode: 'RESETTLEMENT',
    title: 'Công dân đến trụ sở tiếp công dân tỉnh phản ánh nhà ở khu tái định cư thủy điện nứt nẻ chưa được khắc phục',
    description:
      'Một công dân thay mặt 12 hộ ở khu tái định cư thủy điện xã Văn Bàn đến trụ sở tiếp công dân tỉnh trình bày sự việc. Theo ông, nhà được bàn giao chưa đầy năm năm đã nứt nẻ, nền lún, nhiều lần báo xã nhưng chưa có phương án sửa chữa. Các hộ đề nghị kiểm định chất lượng công trình và làm rõ trách nhiệm đơn vị thi công.',
    peopleAffected: 50,
    daysAgo: 55,
    reporter: { name: 'Triệu Văn Hòe', phone: '0967302918' },
  },
  {
    channel: 'DIALOGUE',
    areaCode: 'X08',
    categoryCode: 'RESETTLEMENT',
    title: 'Hộ tái định cư thủy điện đề nghị di dời khẩn cấp vì nhà lún nứt, đồi phía sau có nguy cơ sạt',
    description:
      'Tại buổi đối thoại trực tiếp với Nhân dân, đại diện các hộ ở khu tái định cư thủy điện xã Văn Bàn đề nghị bố trí nơi ở tạm và di dời khẩn cấp. Các hộ cho rằng nền nhà được san lấp không đầm nén kỹ nên lún nứt ngày càng nặng. Người dân cũng phản ánh hệ thống nước tự chảy của khu tái định cư thường xuyên bị tắc, mất nước.',
    peopleAffected: 62,
    daysAgo: 47,
    reporter: { name: 'Bàn Văn Sinh', phone: '0996728415' },
  },

  // --- Duplicate group D: X01, embankment works and an old temple (relic) ---
  {
    channel: 'COLLABORATOR',
    areaCode: 'X01',
    categoryCode: 'HERITAGE',
    title: 'Người dân lo thi công kè bờ sông làm nứt tường, lấn vào khuôn viên ngôi đền cổ được xếp hạng di tích cấp tỉnh',
    description:
      'Cộng tác viên phản ánh máy móc thi công kè bờ sông chạy sát khuôn viên ngôi đền cổ ven sông thuộc phường Lào Cai, tường bao phía sau đã xuất hiện vết nứt. Các cụ cao tuổi và người dân thường lên lễ đền tỏ ra bức xúc vì không được thông báo về phương án bảo vệ di tích. Người dân đề nghị tạm dừng đoạn thi công sát đền để khảo sát.',
    peopleAffected: null,
    daysAgo: 28,
    reporter: { name: 'Vũ Thị Hạnh', phone: '0904571183' },
  },
  {
    channel: 'PRESS',
    areaCode: 'X01',
    categoryCode: 'HERITAGE',
    title: 'Báo tỉnh: dự án kè sông "đe dọa" di tích đền cổ ven sông ở phường Lào Cai',
    description:
      'Bài phóng sự trên báo tỉnh cho biết một phần móng kè được đổ sát chân tường bao của ngôi đền cổ đã xếp hạng di tích cấp tỉnh. Phóng viên ghi nhận tường đền bị nứt, bậc đá cổ dẫn xuống bến sông bị đào xới. Bài báo đặt câu hỏi về việc thẩm định tác động đến di tích trước khi phê duyệt dự án.',
    peopleAffected: null,
    daysAgo: 24,
    reporter: null,
  },

  // --- Duplicate group E: X06, dilapidated satellite school ---
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X06',
    categoryCode: 'EDUCATION',
    title: 'Cử tri đề nghị xây mới phòng học điểm trường thôn Sín Chải, học sinh đang học trong lớp tạm dột nát',
    description:
      'Cử tri thôn Sín Chải, xã Mường Khương phản ánh ba phòng học tạm bằng ván gỗ của điểm trường tiểu học đã mục nát, mùa mưa dột nước, mùa đông gió lùa. Hơn 60 học sinh phải học ghép, có hôm chuyển sang học nhờ nhà văn hóa thôn. Cử tri đề nghị đưa điểm trường vào danh mục đầu tư kiên cố hóa ngay năm nay.',
    peopleAffected: 64,
    daysAgo: 95,
    reporter: { name: 'Thào Seo Lử', phone: '0958214796' },
  },
  {
    channel: 'PRESS',
    areaCode: 'X06',
    categoryCode: 'EDUCATION',
    title: 'Học sinh vùng cao Mường Khương học trong phòng vách ván mục, mái dột ở điểm trường Sín Chải',
    description:
      'Một tờ báo trung ương đăng phóng sự ảnh về điểm trường thôn Sín Chải, nơi học sinh tiểu học ngồi học trong phòng vách ván mục, nền đất, mái tôn thủng. Giáo viên phải dùng ni lông che bàn mỗi khi trời mưa. Bài viết nêu điểm trường đã được hứa đầu tư từ nhiều năm nhưng chưa thực hiện.',
    peopleAffected: 64,
    daysAgo: 88,
    reporter: null,
  },

  // --- Single concerns ---
  {
    channel: 'SOCIAL_MEDIA',
    areaCode: 'X03',
    categoryCode: 'FALSE_INFO_ONLINE',
    title: 'Tin sai sự thật: "thu hồi toàn bộ ruộng bậc thang ở Sa Pa giao cho doanh nghiệp du lịch"',
    description:
      'Một số tài khoản mạng xã hội lan truyền thông tin tỉnh sẽ thu hồi toàn bộ ruộng bậc thang của đồng bào ở phường Sa Pa để giao cho doanh nghiệp làm du lịch. Thông tin kèm ảnh cắt ghép văn bản giả mạo, gây hoang mang cho nhiều hộ dân. Cần kịp thời cung cấp thông tin chính thống và xác minh nguồn phát tán.',
    peopleAffected: null,
    daysAgo: 5,
    reporter: null,
  },
  {
    channel: 'COLLABORATOR',
    areaCode: 'X07',
    categoryCode: 'ETHNIC',
    title: 'Đối tượng lạ vào thôn tuyên truyền lập "Nhà nước Mông", vận động bà con bỏ nương đi nơi khác',
    description:
      'Cộng tác viên dư luận xã hội báo cáo có hai người lạ đến một số thôn vùng cao xã Bắc Hà tụ tập bà con, tuyên truyền về việc thành lập "Nhà nước Mông" và hứa hẹn cấp đất nếu di cư. Một số hộ đã có biểu hiện dao động, định bán trâu bò. Cần nắm tình hình và tuyên truyền, vận động kịp thời.',
    peopleAffected: 40,
    daysAgo: 3,
    reporter: { name: 'Giàng A Dìn', phone: '0929187546' },
  },
  {
    channel: 'FIELD',
    areaCode: 'X06',
    categoryCode: 'RELIGION',
    title: 'Xuất hiện nhóm sinh hoạt tôn giáo chưa được công nhận tại nhà dân, vận động bỏ thờ cúng tổ tiên',
    description:
      'Qua nắm tình hình cơ sở, tuyên truyền viên ghi nhận một nhóm khoảng 15 hộ tụ tập sinh hoạt tôn giáo tại nhà riêng vào tối thứ bảy hằng tuần. Người đứng đầu nhóm vận động các hộ bỏ bàn thờ tổ tiên, không tham gia các nghi lễ truyền thống của dòng họ. Việc này gây mâu thuẫn trong một số gia đình và dòng họ.',
    peopleAffected: 70,
    daysAgo: 22,
    reporter: { name: 'Lù Văn Pao', phone: '0974518209' },
  },
  {
    channel: 'FIELD',
    areaCode: 'X05',
    categoryCode: 'SECURITY_SOVEREIGNTY',
    title: 'Bờ suối biên giới bị xói lở sau lũ, cọc dấu phụ có nguy cơ trôi, cần gia cố khẩn cấp',
    description:
      'Đoàn công tác khảo sát khu vực biên giới xã Bát Xát ghi nhận đoạn bờ suối biên giới dài khoảng 200 mét bị xói lở mạnh sau đợt lũ. Một cọc dấu phụ nằm sát mép nước có nguy cơ bị cuốn trôi. Đề nghị các lực lượng chức năng phối hợp gia cố và quản lý chặt chẽ đoạn biên giới này.',
    peopleAffected: null,
    daysAgo: 15,
    reporter: { name: 'Nông Văn Quyết', phone: '0945310872' },
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X05',
    categoryCode: 'SECURITY_SOVEREIGNTY',
    title: 'Người dân báo có nhóm người lạ qua lại đường mòn biên giới ban đêm, nghi xuất nhập cảnh trái phép',
    description:
      'Người dân thôn giáp biên gọi đường dây nóng cho biết nhiều đêm liền thấy nhóm người lạ mang theo hành lý đi qua đường mòn sát biên giới. Có người dẫn đường là đối tượng ngoài địa phương. Người dân đề nghị lực lượng chức năng tăng cường tuần tra, kiểm soát.',
    peopleAffected: null,
    daysAgo: 2,
    reporter: { name: 'Chảo Láo Sử', phone: '0987264915' },
  },
  {
    channel: 'PETITION',
    areaCode: 'X07',
    categoryCode: 'CORRUPTION',
    title: 'Đơn tố cáo bình xét hộ nghèo không đúng đối tượng, người thân cán bộ thôn được nhận hỗ trợ làm nhà',
    description:
      'Đơn có chữ ký của 9 hộ dân thôn vùng cao xã Bắc Hà tố cáo việc bình xét hộ nghèo năm nay không công khai. Theo đơn, hai hộ có nhà kiên cố, có xe ô tô là người thân của cán bộ thôn vẫn được xếp hộ nghèo và nhận hỗ trợ làm nhà. Trong khi đó một số hộ thực sự khó khăn lại bị loại khỏi danh sách.',
    peopleAffected: 35,
    daysAgo: 30,
    reporter: { name: 'Lý Seo Chử', phone: '0954902617' },
  },
  {
    channel: 'PRESS',
    areaCode: 'X07',
    categoryCode: 'CORRUPTION',
    title: 'Nhiều công trình nước sinh hoạt tập trung ở Bắc Hà xây xong bỏ hoang, gây lãng phí hàng tỷ đồng',
    description:
      'Báo chí phản ánh ít nhất bốn công trình cấp nước sinh hoạt tập trung tại xã Bắc Hà, tổng vốn hơn 6 tỷ đồng, chỉ hoạt động được vài tháng rồi bỏ không. Bể chứa nứt vỡ, đường ống hư hỏng, người dân vẫn phải đi gánh nước ở khe suối. Bài báo đặt vấn đề trách nhiệm khảo sát, nghiệm thu và quản lý sau đầu tư.',
    peopleAffected: 900,
    daysAgo: 72,
    reporter: null,
  },
  {
    channel: 'CITIZEN_RECEPTION',
    areaCode: 'X03',
    categoryCode: 'LAND',
    title: 'Công dân khiếu nại giấy chứng nhận quyền sử dụng đất bị cấp chồng lấn với khu homestay lân cận',
    description:
      'Bà Lò Thị Sen trình bày thửa đất nương của gia đình được cấp giấy chứng nhận từ năm 2008 nay bị cấp chồng lấn khoảng 300 mét vuông cho một hộ kinh doanh homestay. Gia đình đã gửi đơn lên phường hai lần nhưng chưa được trả lời. Bà đề nghị đo đạc lại và thu hồi giấy chứng nhận cấp sai.',
    peopleAffected: 5,
    daysAgo: 39,
    reporter: { name: 'Lò Thị Sen', phone: '0968415207' },
  },
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X05',
    categoryCode: 'INFRASTRUCTURE',
    title: 'Cử tri đề nghị sửa tuyến đường liên thôn bị sạt lở, xe cứu thương không vào được',
    description:
      'Cử tri các thôn vùng cao xã Bát Xát phản ánh tuyến đường liên thôn dài khoảng 8 km bị sạt lở nhiều điểm từ mùa mưa năm trước nhưng chưa được khắc phục. Xe cứu thương và xe chở nông sản không vào được, người bệnh phải cáng bộ ra đường chính. Cử tri đề nghị bố trí vốn sửa chữa trước mùa mưa.',
    peopleAffected: 1200,
    daysAgo: 110,
    reporter: { name: 'Phàn Văn Lở', phone: '0995847261' },
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X02',
    categoryCode: 'PUBLIC_ORDER',
    title: 'Nhóm thanh niên tụ tập đua xe, lạng lách trên tuyến đường mới mở ở Cam Đường lúc nửa đêm',
    description:
      'Người dân gọi đường dây nóng phản ánh nhiều đêm cuối tuần có hàng chục thanh niên tụ tập đua xe máy, rú ga, lạng lách trên tuyến đường mới mở qua phường Cam Đường. Tiếng ồn kéo dài đến 2 giờ sáng, người đi đường rất sợ hãi. Đề nghị công an tăng cường tuần tra, xử lý.',
    peopleAffected: 300,
    daysAgo: 9,
    reporter: { name: 'Nguyễn Thị Thanh Mai', phone: '0936582714' },
  },
  {
    channel: 'SOCIAL_MEDIA',
    areaCode: 'X01',
    categoryCode: 'PRICES_MARKETS',
    title: 'Dư luận phản ánh giá rau xanh, thịt lợn ở chợ trung tâm tăng mạnh sau lũ, nghi có găm hàng, ép giá',
    description:
      'Nhiều bài đăng trong các hội nhóm mạng xã hội của người dân phường Lào Cai phản ánh giá rau xanh tăng gấp đôi, giá thịt lợn tăng 20-30% chỉ sau vài ngày mưa lũ. Một số ý kiến cho rằng có tiểu thương găm hàng để đẩy giá. Người dân đề nghị cơ quan quản lý thị trường kiểm tra, bình ổn giá.',
    peopleAffected: null,
    daysAgo: 17,
    reporter: null,
  },
  {
    channel: 'COLLABORATOR',
    areaCode: 'X04',
    categoryCode: 'LABOUR_OVERSEAS',
    title: 'Công ty môi giới thu tiền đặt cọc đi làm việc ở nước ngoài nhưng hơn một năm chưa cho xuất cảnh',
    description:
      'Cộng tác viên phản ánh khoảng 20 lao động xã Bảo Thắng đã nộp từ 80 đến 150 triệu đồng cho một công ty môi giới để đi làm việc tại Nhật Bản và Đài Loan (Trung Quốc). Sau hơn một năm, các lao động vẫn chưa được xuất cảnh, công ty liên tục hẹn và không trả lại tiền. Nhiều gia đình phải vay ngân hàng nên rất bức xúc.',
    peopleAffected: 20,
    daysAgo: 50,
    reporter: { name: 'Hoàng Thị Nhung', phone: '0911738260' },
  },
  {
    channel: 'FIELD',
    areaCode: 'X05',
    categoryCode: 'LABOUR_OVERSEAS',
    title: 'Lao động tự do sang bên kia biên giới làm thuê theo mùa, tiềm ẩn nguy cơ bị lừa đảo, mua bán người',
    description:
      'Qua nắm tình hình, cán bộ ghi nhận nhiều thanh niên, phụ nữ ở các thôn giáp biên xã Bát Xát tự ý sang bên kia biên giới làm thuê vụ mía, vụ chuối. Một số người không về liên lạc với gia đình. Đề nghị tăng cường tuyên truyền về xuất cảnh hợp pháp và phòng, chống mua bán người.',
    peopleAffected: 45,
    daysAgo: 66,
    reporter: { name: 'Sần Thị Mỷ', phone: '0939681524' },
  },
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X07',
    categoryCode: 'SOCIO_ECONOMIC',
    title: 'Cử tri phản ánh cây giống mận ghép trong chương trình phát triển cây ăn quả ôn đới chết nhiều',
    description:
      'Cử tri xã Bắc Hà cho biết cây giống mận ghép được cấp theo chương trình phát triển cây ăn quả ôn đới năm trước chết tới 40%, nhiều cây không đúng giống. Người dân đã bỏ công làm đất và phân bón nhưng không có thu hoạch. Cử tri đề nghị làm rõ nguồn gốc giống và có phương án cấp bù.',
    peopleAffected: 180,
    daysAgo: 102,
    reporter: { name: 'Vàng Thị Dế', phone: '0947259163' },
  },
  {
    channel: 'SURVEY',
    areaCode: 'X08',
    categoryCode: 'SOCIO_ECONOMIC',
    title: 'Khảo sát xã hội học: nhiều hộ mới thoát nghèo lo tái nghèo khi hết chính sách hỗ trợ',
    description:
      'Kết quả điều tra xã hội học tại xã Văn Bàn cho thấy gần 60% hộ mới thoát nghèo được hỏi lo ngại sẽ tái nghèo khi không còn được hỗ trợ bảo hiểm y tế, học phí và vay vốn ưu đãi. Nguyên nhân chủ yếu là thu nhập phụ thuộc vào một loại cây trồng và thiếu việc làm ổn định. Người dân đề nghị kéo dài thời gian hỗ trợ và có mô hình sinh kế bền vững.',
    peopleAffected: 850,
    daysAgo: 80,
    reporter: null,
  },
  {
    channel: 'DIALOGUE',
    areaCode: 'X04',
    categoryCode: 'SOCIO_ECONOMIC',
    title: 'Người dân đề nghị công khai các khoản đóng góp xây dựng nông thôn mới nâng cao',
    description:
      'Tại buổi đối thoại với lãnh đạo xã Bảo Thắng, nhiều hộ dân cho biết mỗi khẩu phải đóng góp 500 nghìn đồng làm đường bê tông và nhà văn hóa thôn để đạt chuẩn nông thôn mới nâng cao. Người dân đồng tình chủ trương nhưng đề nghị công khai dự toán, quyết toán và miễn giảm cho hộ khó khăn. Một số hộ cho rằng mức đóng góp vượt khả năng.',
    peopleAffected: 1500,
    daysAgo: 58,
    reporter: { name: 'Bùi Văn Toản', phone: '0916204738' },
  },
  {
    channel: 'PETITION',
    areaCode: 'X03',
    categoryCode: 'MAJOR_COURT_CASE',
    title: 'Người bị hại đề nghị sớm đưa vụ án lừa đảo góp vốn đầu tư khu nghỉ dưỡng ra xét xử, thu hồi tài sản',
    description:
      'Đơn của 43 người bị hại cho biết đã góp tổng cộng hơn 70 tỷ đồng vào một dự án khu nghỉ dưỡng tại phường Sa Pa, sau đó phát hiện dự án không có pháp lý. Vụ án đã được khởi tố gần hai năm nhưng chưa đưa ra xét xử. Các bị hại đề nghị cơ quan tố tụng đẩy nhanh tiến độ và kê biên tài sản để khắc phục hậu quả.',
    peopleAffected: 43,
    daysAgo: 44,
    reporter: { name: 'Đặng Quốc Bảo', phone: '0903618254', email: 'dangquocbao@demo.local' },
  },
  {
    channel: 'PRESS',
    areaCode: 'T01',
    categoryCode: 'MAJOR_COURT_CASE',
    title: 'Dư luận quan tâm phiên xét xử vụ án khai thác khoáng sản trái phép với nhiều bị cáo là cán bộ',
    description:
      'Nhiều cơ quan báo chí đưa tin sắp mở phiên tòa sơ thẩm vụ án khai thác, vận chuyển quặng trái phép kéo dài nhiều năm, trong đó có một số bị cáo là cán bộ quản lý. Dư luận quan tâm việc xử lý trách nhiệm người đứng đầu và thu hồi tài sản cho Nhà nước. Cần chủ động thông tin, định hướng dư luận trước và trong thời gian xét xử.',
    peopleAffected: null,
    daysAgo: 20,
    reporter: null,
  },
  {
    channel: 'CITIZEN_RECEPTION',
    areaCode: 'X06',
    categoryCode: 'LAW_ENFORCEMENT',
    title: 'Công dân phản ánh bản án dân sự về tranh chấp đất đã có hiệu lực hơn hai năm nhưng chưa được thi hành',
    description:
      'Ông Lồ Văn Chính trình bày bản án phúc thẩm buộc hộ liền kề trả lại 1.200 mét vuông đất nương đã có hiệu lực từ hai năm trước. Đến nay cơ quan thi hành án vẫn chưa tổ chức cưỡng chế, phía bên kia tiếp tục canh tác trên phần đất tranh chấp. Ông đề nghị làm rõ lý do chậm thi hành án.',
    peopleAffected: 6,
    daysAgo: 63,
    reporter: { name: 'Lồ Văn Chính', phone: '0963815294' },
  },
  {
    channel: 'COLLABORATOR',
    areaCode: 'X05',
    categoryCode: 'ENVIRONMENT',
    title: 'Khai thác cát sỏi trái phép trên suối ban đêm, gây sạt lở ruộng lúa hai bên bờ',
    description:
      'Cộng tác viên phản ánh có máy xúc và xe tải khai thác cát sỏi trái phép trên đoạn suối chảy qua xã Bát Xát, chủ yếu hoạt động vào ban đêm. Bờ suối bị khoét sâu, khoảng 2 ha ruộng lúa của các hộ ven suối đã bị sạt xuống lòng suối. Người dân đã báo thôn nhưng tình trạng vẫn tiếp diễn.',
    peopleAffected: 25,
    daysAgo: 26,
    reporter: { name: 'Ly Văn Tả', phone: '0982971604' },
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X03',
    categoryCode: 'HEALTH',
    title: 'Trạm y tế thiếu thuốc điều trị tăng huyết áp, tiểu đường cấp theo bảo hiểm y tế nhiều tháng nay',
    description:
      'Người dân gọi đường dây nóng cho biết trạm y tế phường Sa Pa nhiều tháng nay không có đủ thuốc điều trị tăng huyết áp, tiểu đường theo bảo hiểm y tế. Người bệnh mãn tính phải tự mua thuốc bên ngoài với giá cao. Nhiều người cao tuổi không có điều kiện đi khám ở tuyến trên.',
    peopleAffected: 350,
    daysAgo: 12,
    reporter: { name: 'San Thị Chiêm', phone: '0972046831' },
  },
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X08',
    categoryCode: 'HEALTH',
    title: 'Cử tri phản ánh trạm y tế xã sau sắp xếp thiếu bác sĩ, người dân phải đi xa để khám bệnh',
    description:
      'Cử tri xã Văn Bàn cho biết sau khi sắp xếp đơn vị hành chính, trạm y tế điểm ở khu vực xã cũ chỉ còn một y sĩ trực, không có bác sĩ. Người dân các thôn xa phải đi hơn 30 km để khám bệnh, cấp thuốc. Cử tri đề nghị bố trí bác sĩ luân phiên và duy trì trạm y tế điểm.',
    peopleAffected: 4500,
    daysAgo: 33,
    reporter: { name: 'Hoàng Văn Thái', phone: '0985102967' },
  },
  {
    channel: 'SOCIAL_MEDIA',
    areaCode: 'X02',
    categoryCode: 'FALSE_INFO_ONLINE',
    title: 'Trang mạng giả mạo cơ quan nhà nước thông báo thu phí cập nhật căn cước, thu thập thông tin cá nhân',
    description:
      'Một trang mạng xã hội mang tên và biểu trưng giống cơ quan nhà nước đăng thông báo yêu cầu người dân phường Cam Đường nộp phí "cập nhật địa chỉ trên căn cước" sau sắp xếp đơn vị hành chính. Trang này hướng dẫn người dân gửi ảnh căn cước và mã OTP. Đã có một số người bị chiếm đoạt tiền trong tài khoản.',
    peopleAffected: 15,
    daysAgo: 1,
    reporter: null,
  },
  {
    channel: 'SOCIAL_MEDIA',
    areaCode: 'T01',
    categoryCode: 'FALSE_INFO_ONLINE',
    title: 'Bài viết xuyên tạc chủ trương sắp xếp đơn vị hành chính, kích động người dân không hợp tác với chính quyền',
    description:
      'Một số trang mạng có nguồn gốc nước ngoài đăng bài xuyên tạc rằng việc sắp xếp đơn vị hành chính là để "xóa tên quê hương" và thu hồi đất của đồng bào. Bài viết kêu gọi người dân không làm thủ tục, không hợp tác với chính quyền xã mới. Cần tổ chức đấu tranh, phản bác và cung cấp thông tin chính thống.',
    peopleAffected: null,
    daysAgo: 0,
    reporter: null,
  },
  {
    channel: 'PETITION',
    areaCode: 'X01',
    categoryCode: 'PERSONNEL',
    title: 'Đơn phản ánh quy trình tuyển dụng viên chức giáo dục có dấu hiệu thiếu minh bạch',
    description:
      'Đơn của một số thí sinh dự tuyển viên chức giáo dục phản ánh kết quả phỏng vấn không được công bố chi tiết, nhiều thí sinh điểm thi viết cao vẫn trượt. Theo đơn, một số người trúng tuyển có quan hệ thân thích với cán bộ quản lý. Người gửi đơn đề nghị phúc khảo và thanh tra toàn bộ kỳ tuyển dụng.',
    peopleAffected: 12,
    daysAgo: 69,
    reporter: { name: 'Ngô Minh Đức', phone: '0988304571', email: 'ngominhduc@demo.local' },
  },
  {
    channel: 'SURVEY',
    areaCode: 'T01',
    categoryCode: 'PERSONNEL',
    title: 'Khảo sát: cán bộ, công chức cấp xã băn khoăn về bố trí vị trí việc làm và chế độ sau sắp xếp bộ máy',
    description:
      'Phiếu khảo sát dư luận trong đội ngũ cán bộ, công chức cấp xã cho thấy nhiều người băn khoăn về việc bố trí vị trí việc làm, chế độ phụ cấp và quãng đường đi làm xa sau khi sắp xếp. Một bộ phận có tâm lý chờ đợi, muốn nghỉ việc theo chính sách. Đề nghị sớm công khai đề án vị trí việc làm và chính sách hỗ trợ.',
    peopleAffected: 1800,
    daysAgo: 76,
    reporter: null,
  },
  {
    channel: 'DIALOGUE',
    areaCode: 'X03',
    categoryCode: 'INFRASTRUCTURE',
    title: 'Hộ kinh doanh homestay phản ánh thường xuyên mất điện, nước vào mùa du lịch cao điểm',
    description:
      'Tại buổi đối thoại với doanh nghiệp và hộ kinh doanh du lịch phường Sa Pa, nhiều chủ homestay cho biết mùa cao điểm thường xuyên mất điện, nước sinh hoạt yếu, ảnh hưởng đến khách lưu trú. Hệ thống cấp nước không theo kịp tốc độ xây dựng cơ sở lưu trú. Các hộ đề nghị nâng cấp trạm biến áp và nguồn nước.',
    peopleAffected: 400,
    daysAgo: 85,
    reporter: { name: 'Tẩn Thị Mẩy', phone: '0998574126' },
  },
  {
    channel: 'FIELD',
    areaCode: 'X07',
    categoryCode: 'EDUCATION',
    title: 'Thiếu nhà ở bán trú, nhiều học sinh trung học cơ sở phải dựng lán tạm gần trường để đi học',
    description:
      'Qua khảo sát thực tế tại xã Bắc Hà, tuyên truyền viên ghi nhận khoảng 40 học sinh trung học cơ sở nhà xa trường phải dựng lán tạm bằng tre, nứa để ở trọ trong tuần. Các em tự nấu ăn, điều kiện vệ sinh và an toàn rất kém, nhất là mùa đông. Đề nghị bổ sung nhà ở bán trú và chế độ hỗ trợ.',
    peopleAffected: 40,
    daysAgo: 99,
    reporter: { name: 'Hầu Văn Pủa', phone: '0967043918' },
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X04',
    categoryCode: 'PRICES_MARKETS',
    title: 'Người dân báo cửa hàng vật tư nông nghiệp bán phân bón, thuốc bảo vệ thực vật nghi giả, kém chất lượng',
    description:
      'Một nông dân xã Bảo Thắng gọi đường dây nóng cho biết sau khi bón phân mua tại một cửa hàng vật tư nông nghiệp, lúa và cây ăn quả không phát triển, nhiều hộ khác cũng gặp tình trạng tương tự. Bao bì phân bón có dấu hiệu in lại, không rõ nhà sản xuất. Người dân đề nghị quản lý thị trường kiểm tra, lấy mẫu.',
    peopleAffected: 60,
    daysAgo: 45,
    reporter: { name: 'Đinh Văn Hậu', phone: '0941273685' },
  },
  {
    channel: 'CITIZEN_RECEPTION',
    areaCode: 'X07',
    categoryCode: 'ETHNIC',
    title: 'Đồng bào dân tộc thiểu số phản ánh chậm nhận hỗ trợ đất sản xuất, chuyển đổi nghề theo chương trình mục tiêu quốc gia',
    description:
      'Đại diện một số hộ đồng bào Mông, Dao ở xã Bắc Hà đến tiếp công dân phản ánh đã được phê duyệt danh sách hỗ trợ chuyển đổi nghề từ năm trước nhưng chưa nhận được kinh phí. Các hộ không được thông báo rõ lý do chậm trễ. Đề nghị kiểm tra tiến độ giải ngân và công khai danh sách thụ hưởng.',
    peopleAffected: 150,
    daysAgo: 38,
    reporter: { name: 'Sùng A Tráng', phone: '0976920184' },
  },
  {
    channel: 'DIALOGUE',
    areaCode: 'X06',
    categoryCode: 'LAND',
    title: 'Tranh chấp ranh giới nương rẫy giữa hai thôn kéo dài, có nguy cơ xô xát',
    description:
      'Tại buổi đối thoại do xã Mường Khương tổ chức, đại diện hai thôn vẫn chưa thống nhất ranh giới khu nương rẫy khoảng 15 ha mà cả hai bên đều cho là đất canh tác truyền thống. Đã xảy ra việc nhổ cây trồng của nhau và lời qua tiếng lại gay gắt. Cần đo đạc, xác định ranh giới và hòa giải sớm để tránh xô xát.',
    peopleAffected: 320,
    daysAgo: 16,
    reporter: { name: 'Tráng A Sinh', phone: '0934197582' },
  },
  {
    channel: 'COLLABORATOR',
    areaCode: 'X08',
    categoryCode: 'HERITAGE',
    title: 'Mỏ đá khai thác gần hang động có dấu tích khảo cổ, người dân lo di tích bị phá hủy',
    description:
      'Cộng tác viên phản ánh một mỏ đá vôi đang nổ mìn khai thác cách cửa hang động có dấu tích cư trú của người tiền sử chưa đầy 300 mét. Sau các đợt nổ mìn, một phần vách hang bị sụt đá. Người dân đề nghị cơ quan văn hóa khảo sát, khoanh vùng bảo vệ hang động.',
    peopleAffected: null,
    daysAgo: 114,
    reporter: { name: 'Lưu Thị Hằng', phone: '0958136472' },
  },
  {
    channel: 'PRESS',
    areaCode: 'X04',
    categoryCode: 'INFRASTRUCTURE',
    title: 'Cầu treo dân sinh xuống cấp, ván mặt cầu mục gãy, người dân và học sinh vẫn phải qua lại hằng ngày',
    description:
      'Báo điện tử phản ánh cây cầu treo dân sinh nối hai thôn bên sông ở xã Bảo Thắng đã xuống cấp nghiêm trọng, nhiều tấm ván mặt cầu mục gãy, dây cáp hoen gỉ. Mỗi ngày có hàng trăm lượt người dân và học sinh qua lại. Bài báo cảnh báo nguy cơ mất an toàn vào mùa lũ.',
    peopleAffected: 700,
    daysAgo: 118,
    reporter: null,
  },
  {
    channel: 'VOTER_MEETING',
    areaCode: 'X01',
    categoryCode: 'RESETTLEMENT',
    title: 'Cử tri phản ánh khu tái định cư dự án mở rộng đường chưa có điện, nước, hộ dân chưa thể xây nhà',
    description:
      'Cử tri phường Lào Cai phản ánh khu tái định cư phục vụ dự án mở rộng tuyến đường ven sông đã giao đất cho các hộ hơn một năm nhưng chưa có điện, nước và hệ thống thoát nước. Nhiều hộ phải thuê nhà ở tạm, chi phí thuê cao hơn mức hỗ trợ. Cử tri đề nghị đẩy nhanh hoàn thiện hạ tầng khu tái định cư.',
    peopleAffected: 140,
    daysAgo: 57,
    reporter: { name: 'Lê Thị Phượng', phone: '0917460328' },
  },
  {
    channel: 'SURVEY',
    areaCode: 'T01',
    categoryCode: 'HEALTH',
    title: 'Điều tra xã hội học: mức độ hài lòng của người bệnh với dịch vụ khám chữa bệnh tuyến xã còn thấp',
    description:
      'Kết quả điều tra xã hội học trên địa bàn tỉnh cho thấy chỉ khoảng 55% người được hỏi hài lòng với dịch vụ khám chữa bệnh tại trạm y tế xã, phường. Các lý do chính là thiếu thuốc, thiếu trang thiết bị và thời gian chờ đợi lâu. Người dân đề nghị tăng cường nhân lực và thuốc thiết yếu cho tuyến cơ sở.',
    peopleAffected: null,
    daysAgo: 105,
    reporter: null,
  },
  {
    channel: 'PETITION',
    areaCode: 'X05',
    categoryCode: 'CORRUPTION',
    title: 'Đơn phản ánh cán bộ địa chính gây khó khăn, kéo dài thời gian giải quyết hồ sơ đất đai',
    description:
      'Đơn của một số hộ dân xã Bát Xát phản ánh hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất đã nộp quá hạn nhiều tháng nhưng chưa được giải quyết. Người dân cho rằng cán bộ địa chính yêu cầu bổ sung giấy tờ nhiều lần, có biểu hiện gợi ý "chi phí bồi dưỡng". Đề nghị kiểm tra, xử lý nghiêm nếu có sai phạm.',
    peopleAffected: 18,
    daysAgo: 27,
    reporter: { name: 'Phạm Văn Cường', phone: '0963728145' },
  },
  {
    channel: 'HOTLINE',
    areaCode: 'X06',
    categoryCode: 'PUBLIC_ORDER',
    title: 'Người dân báo đối tượng lạ dụ dỗ phụ nữ, trẻ em gái trong thôn đi làm ăn xa với thu nhập cao',
    description:
      'Người dân gọi đường dây nóng cho biết có đối tượng lạ thường xuyên đến thôn vùng cao xã Mường Khương, làm quen và hứa hẹn việc làm lương cao ở thành phố cho phụ nữ, trẻ em gái. Hai em gái trong thôn đã bỏ nhà đi và gia đình không liên lạc được. Đề nghị công an xác minh, ngăn chặn nguy cơ mua bán người.',
    peopleAffected: 2,
    daysAgo: 6,
    reporter: { name: 'Giàng Thị Sua', phone: '0926814093' },
  },
];

/** Which agency usually leads on a category at province level: the demo's routing rules. */
export const DEMO_ROUTING: Record<string, string> = {
  LAND: 'NNMT',
  RESETTLEMENT: 'UBND',
  ENVIRONMENT: 'NNMT',
  CORRUPTION: 'UBND',
  RELIGION: 'DTTG',
  ETHNIC: 'DTTG',
  SECURITY_SOVEREIGNTY: 'CA',
  PUBLIC_ORDER: 'CA',
  HERITAGE: 'UBND',
  PERSONNEL: 'NV',
  MAJOR_COURT_CASE: 'TAND',
  LAW_ENFORCEMENT: 'VKSND',
  SOCIO_ECONOMIC: 'UBND',
  INFRASTRUCTURE: 'XD',
  HEALTH: 'YT',
  EDUCATION: 'GDDT',
  PRICES_MARKETS: 'UBND',
  LABOUR_OVERSEAS: 'NV',
  FALSE_INFO_ONLINE: 'CA',
};

/** The demo's coordination programme with the People's Committee, and its annual plans. */
export const DEMO_PROGRAMME = {
  code: '01-CTrPH/BTGTU-UBND',
  titleVi: 'Chương trình phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy với UBND tỉnh thực hiện Quy chế 238 giai đoạn 2021–2025',
  titleEn: "Coordination programme of the Propaganda and Mass Mobilisation Commission with the Provincial People's Committee under Regulation 238, 2021–2025",
  periodStart: '2021-03-25',
  periodEnd: '2026-12-31',
  partyCodes: ['UBND', 'HDND'],
  acknowledgeDays: 3,
  resolveDays: 30,
  plans: [
    { code: '84-KH/HĐND-BTGTU', year: 2023, signedOn: '2023-02-28' },
    { code: '12-KH/BTGDVTU-UBND', year: 2026, signedOn: '2026-01-15' },
  ],
};
