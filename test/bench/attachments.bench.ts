/**
 * npm run bench:attachments [-- --runs 7 --cases 50000 --attachments 25000 --skip-search]
 *
 * Attachments through the HTTP API, as a client sends and reads them, on a database of its own
 * (`concern_desk_bench_attachments`, created afresh), a Redis of its own and the compiled API and
 * workers (`core` + `reports`, as deployed):
 * 1. uploads of 1 MiB, 20 MiB (the default limit) and 100 MiB files (ATTACHMENT_MAX_BYTES raised to
 *    100 MiB here) to the disk backend and to S3 (s3rver, started here on a free port with a
 *    temporary directory): 2 warm-up uploads per size, then --runs timed ones, p50 / max; each a
 *    JPEG of different bytes (the same bytes would reuse the stored object), so every upload is
 *    hashed, sniffed, stored and recorded anew. The API's resident memory is sampled every 5 ms
 *    during each size's uploads (VmRSS of /proc/<pid>/status) beside its high-water mark (VmHWM):
 *    a streamed upload keeps it flat whatever the size;
 * 2. downloads of the 20 MiB file (each an access-log row), MiB/s;
 * 3. text extraction in the reports worker of a generated 100-page PDF (about 1,800 characters a
 *    page) and a DOCX of 250,000 characters (200,000 are kept): from the upload's answer (its
 *    commit) until GET /attachments/:id says `textState` DONE, with the job's own wait and run from
 *    the queue's event stream;
 * 4. the case search `GET /cases?q=` as the standing body (triage@demo.local) over --cases cases and
 *    --attachments attachments of about 2 KB of text each, inserted with SQL (folded with
 *    foldVietnamese, as the worker stores them): a rare word (of rare trigrams, then of common ones),
 *    two and four common words, median of 7.
 * Prints the figures with the run's date.
 */
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import { foldVietnamese } from '../../src/modules/cases/search-text.js';
import { JPEG } from '../helpers/attachments.js';
import { arg, flag, followQueueEvents, freePort, freshDatabase, percentile, ROOT, startApi, startRedis } from './bench-support.js';
import { pdfmakeReady } from '../../src/infrastructure/documents/pdfmake.js';

const RUNS = Math.max(1, Math.floor(arg('runs', 7)));
const WARMUP = 2;
const CASES = Math.max(1, Math.floor(arg('cases', 50_000)));
const ATTACHMENTS = Math.max(1, Math.floor(arg('attachments', 25_000)));
const SEARCH_RUNS = 7;
const DB = 'concern_desk_bench_attachments';
const MiB = 1024 * 1024;
const SIZES = [1 * MiB, 20 * MiB, 100 * MiB];
const BUCKET = 'concern-desk-bench';
const DOCX_MEDIA = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Whatever happens, no API, worker or Redis outlives the benchmark.
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) : '–');
const mib = (bytes: number) => (bytes / MiB).toFixed(0);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** VmRSS and VmHWM of a process, in bytes (0 once it is gone). */
function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** The highest VmRSS seen every 5 ms until stopped. */
function sampleRss(pid: number) {
  let max = memory(pid).rss;
  const timer = setInterval(() => (max = Math.max(max, memory(pid).rss)), 5);
  return () => {
    clearInterval(timer);
    return Math.max(max, memory(pid).rss);
  };
}

interface Client {
  url: string;
  token: (email: string) => Promise<string>;
}

function client(url: string): Client {
  const tokens = new Map<string, string>();
  return {
    url,
    async token(email) {
      if (!tokens.has(email)) {
        const res = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'demo-2026' }),
        });
        if (!res.ok) throw new Error(`login as ${email}: HTTP ${res.status} ${await res.text()}`);
        tokens.set(email, ((await res.json()) as { accessToken: string }).accessToken);
      }
      return tokens.get(email)!;
    },
  };
}

/** New open cases (one concern each, logged by the officer). */
async function newCases(api: Client, n: number): Promise<string[]> {
  const res = await fetch(`${api.url}/api/v1/concerns/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token('officer@demo.local')}` },
    body: JSON.stringify({
      concerns: Array.from({ length: n }, (_, k) => ({
        channel: 'PETITION',
        areaCode: 'X02',
        categoryCode: 'LAND',
        title: `Hồ sơ bồi thường số ${k + 1}`,
        description: 'Người dân gửi kèm hồ sơ, hình ảnh hiện trường.',
      })),
    }),
  });
  if (!res.ok) throw new Error(`concerns/batch: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: Array<{ caseId: string }> }).items.map((x) => x.caseId);
}

/** One upload as a browser's FormData sends it; the time runs from the request to the answer read. */
async function upload(api: Client, caseId: string, bytes: Buffer, name: string, type: string): Promise<{ ms: number; id: string; answeredAt: number }> {
  const form = new FormData();
  form.append('purpose', 'EVIDENCE');
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const token = await api.token('triage@demo.local');
  const t0 = performance.now();
  const res = await fetch(`${api.url}/api/v1/cases/${caseId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  const answeredAt = performance.now();
  if (res.status !== 201) throw new Error(`upload of ${name} (${bytes.length} bytes): HTTP ${res.status} ${text.slice(0, 300)}`);
  return { ms: answeredAt - t0, id: (JSON.parse(text) as { id: string }).id, answeredAt };
}

/** One download, read to its last byte (counted, not kept). */
async function download(api: Client, id: string, size: number): Promise<number> {
  const token = await api.token('triage@demo.local');
  const t0 = performance.now();
  const res = await fetch(`${api.url}/api/v1/attachments/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`download ${id}: HTTP ${res.status} ${await res.text()}`);
  let n = 0;
  for await (const chunk of res.body!) n += (chunk as Uint8Array).length;
  const took = performance.now() - t0;
  if (n !== size) throw new Error(`download ${id}: ${n} bytes, expected ${size}`);
  return took;
}

interface UploadFigures {
  backend: string;
  size: number;
  latencies: number[];
  peakRss: number;
  hwm: number;
}

/** A JPEG of `size` bytes: its header, then random bytes (a photo's bytes do not compress either). */
function photo(size: number): Buffer {
  return Buffer.concat([JPEG, randomBytes(size - JPEG.length)]);
}

/** Uploads of each size (warm-up, then timed), with the API's memory; then downloads of the 20 MiB file. */
async function uploadsAndDownloads(backend: string, api: Client, pid: number) {
  const { rss: baseline, hwm: hwmBefore } = memory(pid);
  const figures: UploadFigures[] = [];
  const caseIds = await newCases(api, SIZES.length);
  let serial = 0;
  let twenty: string | null = null;
  for (const [i, size] of SIZES.entries()) {
    const bytes = photo(size);
    const next = () => {
      // Different bytes each time: a copy already stored would be reused, not written.
      bytes.writeUInt32BE(++serial, JPEG.length);
      return bytes;
    };
    for (let w = 0; w < WARMUP; w++) await upload(api, caseIds[i], next(), `anh-hien-truong-${serial}.jpg`, 'image/jpeg');
    const stop = sampleRss(pid);
    const latencies: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const u = await upload(api, caseIds[i], next(), `anh-hien-truong-${serial}.jpg`, 'image/jpeg');
      latencies.push(u.ms);
      if (size === 20 * MiB) twenty = u.id;
    }
    const peakRss = stop();
    figures.push({ backend, size, latencies: sorted(latencies), peakRss, hwm: memory(pid).hwm });
    const f = figures.at(-1)!;
    console.log(
      `  ${backend} upload ${mib(size)} MiB: p50 ${ms(percentile(f.latencies, 50))} ms, max ${ms(f.latencies.at(-1)!)} ms; API RSS peak ${mib(peakRss)} MiB (before the uploads ${mib(baseline)} MiB)`,
    );
  }
  const downloads: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const took = await download(api, twenty!, 20 * MiB);
    if (r >= WARMUP) downloads.push(took);
  }
  const d = sorted(downloads);
  console.log(`  ${backend} download 20 MiB: p50 ${ms(percentile(d, 50))} ms (${((20 * 1000) / percentile(d, 50)).toFixed(0)} MiB/s), max ${ms(d.at(-1)!)} ms`);
  return { baseline, hwmBefore, figures, downloads: d };
}

// ---------------------------------------------------------------------------------------------
// Documents and text
// ---------------------------------------------------------------------------------------------

/** Sentences of the letters and minutes agencies attach, by topic (the search words are among them). */
const GENERAL = [
  'Thực hiện ý kiến chỉ đạo của Ban Tuyên giáo và Dân vận Tỉnh ủy về việc nắm bắt, xử lý dư luận xã hội trên địa bàn,',
  'Ủy ban nhân dân xã đã giao các phòng, ban chuyên môn phối hợp kiểm tra, xác minh nội dung phản ánh của người dân.',
  'Qua kiểm tra thực tế tại thôn, đoàn công tác đã làm việc trực tiếp với các hộ gia đình có liên quan.',
  'Các hộ dân cơ bản thống nhất với kết quả làm việc và cam kết chấp hành đúng quy định của pháp luật.',
  'Đề nghị Mặt trận Tổ quốc và các đoàn thể tiếp tục tuyên truyền, vận động nhân dân đồng thuận.',
  'Biên bản được lập thành 05 bản có giá trị như nhau, mỗi bên giữ 01 bản, gửi cơ quan cấp trên 01 bản.',
  'Kính đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy xem xét, tổng hợp báo cáo Thường trực Tỉnh ủy theo quy định.',
  'Trong quá trình thực hiện, nếu có vướng mắc đề nghị phản ánh kịp thời về Văn phòng Ủy ban nhân dân tỉnh để được hướng dẫn.',
  'Nơi nhận: như trên; Thường trực Huyện ủy; Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân; lưu văn thư.',
  'Thời gian làm việc bắt đầu lúc 08 giờ 00 phút, kết thúc lúc 11 giờ 30 phút cùng ngày.',
];
const TOPICS = [
  [
    'Về việc chậm chi trả tiền bồi thường, hỗ trợ khi Nhà nước thu hồi đất để thực hiện dự án mở rộng đường tỉnh,',
    'Hội đồng bồi thường, hỗ trợ và tái định cư đã rà soát hồ sơ, phương án bồi thường của từng hộ bị ảnh hưởng.',
    'Diện tích đất bị thu hồi thuộc thửa đất đã được cấp giấy chứng nhận quyền sử dụng đất năm 2015.',
    'Tiến độ giải phóng mặt bằng chậm do một số hộ chưa đồng ý với đơn giá bồi thường về đất và tài sản trên đất.',
    'Ủy ban nhân dân huyện sẽ tổ chức đối thoại với các hộ dân trước khi ban hành quyết định phê duyệt phương án.',
    'Kinh phí bồi thường được chi trả từ nguồn vốn ngân sách tỉnh theo kế hoạch đầu tư công trung hạn.',
  ],
  [
    'Cơ sở sản xuất xả khói bụi và nước thải chưa qua xử lý ra suối, gây ô nhiễm môi trường khu dân cư.',
    'Đoàn kiểm tra đã lấy mẫu nước thải, mẫu không khí để phân tích, kết quả vượt quy chuẩn cho phép.',
    'Đề nghị cơ sở khắc phục ngay hệ thống xử lý chất thải, báo cáo kết quả trong thời hạn 30 ngày.',
    'Phòng Tài nguyên và Môi trường tiếp tục theo dõi, giám sát việc chấp hành của cơ sở.',
    'Rác thải sinh hoạt tồn đọng tại điểm tập kết đã được đơn vị thu gom vận chuyển đi xử lý.',
  ],
  [
    'Tuyến đường giao thông liên thôn xuống cấp nghiêm trọng, nhiều đoạn sạt lở sau mưa lũ.',
    'Công trình thủy lợi chậm tiến độ do nhà thầu thiếu nhân lực và vật tư, ảnh hưởng đến sản xuất vụ đông xuân.',
    'Chủ đầu tư đã yêu cầu nhà thầu bổ sung máy móc, thiết bị, bảo đảm hoàn thành trước mùa mưa.',
    'Cầu treo qua suối hư hỏng mặt cầu, đã cắm biển cảnh báo và bố trí người hướng dẫn qua lại.',
  ],
  [
    'Trạm y tế xã thiếu thuốc thiết yếu và trang thiết bị khám chữa bệnh cho nhân dân.',
    'Sở Y tế đã chỉ đạo bổ sung cơ số thuốc và điều động bác sĩ tăng cường về trạm y tế.',
    'Thái độ phục vụ người bệnh của một số nhân viên chưa tốt, đơn vị đã kiểm điểm, nhắc nhở.',
    'Vụ ngộ độc thực phẩm tại bếp ăn tập thể đã được điều tra nguyên nhân, xử lý theo quy định.',
  ],
];
const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Đức', 'Lò Thị Mai', 'Giàng A Páo', 'Sùng Thị Mỷ', 'Vàng A Chứ'];
/**
 * Two rare words, each in RARE_IN attachments only: a company's name whose trigrams are rare too
 * ("zen", "enc", "nco"), and a hamlet's whose trigrams are common ("khu", "huo", "uoi"), so the
 * index narrows it to the thousands of attachments holding all three, which PostgreSQL rechecks.
 */
const RARE_IN = 8;
const QUERIES = [
  { name: 'a rare word', q: 'Zenco' },
  { name: 'a rare word of common trigrams', q: 'khuổi' },
  { name: 'two common words', q: 'bồi thường' },
  { name: 'four common words', q: 'bồi thường giải phóng' },
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `chars` characters of a document on `topic`, with its own numbers and names. */
function documentText(rnd: () => number, topic: number, chars: number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const parts = [`Số ${1 + Math.floor(rnd() * 999)}/BC-UBND ngày ${1 + Math.floor(rnd() * 28)} tháng ${1 + Math.floor(rnd() * 12)} năm 2026.`];
  let n = parts[0].length;
  while (n < chars) {
    const s =
      rnd() < 0.45
        ? pick(GENERAL)
        : rnd() < 0.15
          ? `Ông (bà) ${pick(NAMES)}, thửa đất số ${1 + Math.floor(rnd() * 900)}, tờ bản đồ số ${1 + Math.floor(rnd() * 60)}, số tiền ${(1 + Math.floor(rnd() * 900)) * 1_000_000} đồng.`
          : pick(TOPICS[topic]);
    parts.push(s);
    n += s.length + 1;
  }
  return parts.join(' ');
}

/** A PDF of `pages` pages of Vietnamese text (pdfmake, Roboto: a real text layer), about 1,800 characters each. */
async function longPdf(pages: number): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  const rnd = mulberry32(14);
  const content = Array.from({ length: pages }, (_, i) => ({
    text: documentText(rnd, i % TOPICS.length, 1_800),
    pageBreak: i < pages - 1 ? 'after' : undefined,
  }));
  return pdfmake.createPdf({ content, defaultStyle: { font: 'Roboto', fontSize: 11 } }).getBuffer();
}

/** A DOCX of about `chars` characters in paragraphs of about 250. */
async function largeDocx(chars: number): Promise<{ bytes: Buffer; chars: number }> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  const rnd = mulberry32(238);
  const paragraphs: string[] = [];
  let n = 0;
  while (n < chars) {
    const p = documentText(rnd, paragraphs.length % TOPICS.length, 250);
    paragraphs.push(p);
    n += p.length;
  }
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
  return { bytes: await Packer.toBuffer(doc), chars: n };
}

/** Uploads a document again and again; each time, from the upload's answer until its text is DONE. */
async function extraction(api: Client, caseId: string, name: string, bytes: Buffer, type: string, url: string, redisUrl: string) {
  const events = followQueueEvents(redisUrl, ['attachments']);
  await sleep(300); // the follower has resolved the stream's current end
  const token = await api.token('triage@demo.local');
  const total: number[] = [];
  const ids: string[] = [];
  const answered = new Map<string, number>();
  let cold = NaN;
  for (let r = 0; r < 1 + RUNS; r++) {
    const u = await upload(api, caseId, bytes, name, type);
    let state = 'PENDING';
    while (state === 'PENDING') {
      await sleep(10);
      const res = await fetch(`${api.url}/api/v1/attachments/${u.id}`, { headers: { authorization: `Bearer ${token}` } });
      state = ((await res.json()) as { textState: string }).textState;
    }
    const took = performance.now() - u.answeredAt;
    if (state !== 'DONE') throw new Error(`${name}: text ${state}`);
    // The first one loads pdfjs or mammoth into the worker: warm-up.
    if (r === 0) cold = took;
    else {
      total.push(took);
      ids.push(u.id);
      answered.set(u.id, Date.now() - took);
    }
  }
  await sleep(300);
  await events.stop();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const [{ chars }] = (await db.query(`SELECT max(length(text_content))::int AS chars FROM attachment WHERE id = ANY($1::uuid[])`, [ids])).rows;
  await db.end();
  const jobs = ids.map((id) => events.jobs.get('attachments')!.get(`attachment-text.${id}`)).filter((j) => j?.added && j.active && j.done);
  const wait = sorted(jobs.map((j) => j!.active! - j!.added!));
  const run = sorted(jobs.map((j) => j!.done! - j!.active!));
  // The relay is woken by the commit, which comes before the answer: this one can be below zero.
  const relay = sorted(
    ids.flatMap((id) => (events.jobs.get('attachments')!.get(`attachment-text.${id}`)?.added ?? NaN) - answered.get(id)!).filter(Number.isFinite),
  );
  return { name, size: bytes.length, chars: chars as number, total: sorted(total), cold, wait, run, relay };
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

const CASE_TITLES = [
  'Chậm chi trả tiền bồi thường giải phóng mặt bằng',
  'Tranh chấp ranh giới đất giữa các hộ dân',
  'Chưa được cấp giấy chứng nhận quyền sử dụng đất',
  'Khói bụi từ cơ sở sản xuất ảnh hưởng khu dân cư',
  'Xả nước thải chưa qua xử lý ra suối',
  'Đường giao thông liên thôn xuống cấp nghiêm trọng',
  'Công trình thủy lợi chậm tiến độ ảnh hưởng sản xuất',
  'Trạm y tế xã thiếu thuốc và trang thiết bị',
  'Thu các khoản ngoài quy định đầu năm học',
  'Thông tin sai sự thật lan truyền trên mạng xã hội',
];
/** The topic of each title's attachments (index into TOPICS). */
const TITLE_TOPIC = [0, 0, 0, 1, 1, 2, 2, 3, 3, 3];

/** CASES cases and ATTACHMENTS attachments with extracted text (DONE), in bulk SQL; VACUUM ANALYZE after. */
async function loadSearchData(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const t0 = performance.now();
    const ref = (
      await db.query(`SELECT
        (SELECT array_agg(id ORDER BY code) FROM area WHERE active) AS areas,
        (SELECT array_agg(name_vi ORDER BY code) FROM area WHERE active) AS "areaNames",
        (SELECT array_agg(id ORDER BY code) FROM category) AS categories,
        (SELECT id FROM app_user WHERE email = 'officer@demo.local') AS officer,
        (SELECT id FROM app_user WHERE email = 'triage@demo.local') AS triager,
        (SELECT org_unit_id FROM app_user WHERE email = 'triage@demo.local') AS unit`)
    ).rows[0] as {
      areas: string[];
      areaNames: string[];
      categories: string[];
      officer: string;
      triager: string;
      unit: string | null;
    };
    const folded = CASE_TITLES.map(foldVietnamese);
    const areaFolded = ref.areaNames.map(foldVietnamese);
    // Cases over three years, newest last; 3 % CONFIDENTIAL (which the triager's rule checks case by case), 15 % RESTRICTED.
    await db.query(
      `INSERT INTO cases (code, status, title, category_id, priority, sensitivity, area_id, search_text, created_by_id, created_at, updated_at)
       SELECT 'VB-' || lpad(n::text, 8, '0'),
              (ARRAY['TRIAGED','ASSIGNED','ACKNOWLEDGED','IN_PROGRESS','RESOLVED','CLOSED','CLOSED','CLOSED'])[1 + n % 8],
              ($1::text[])[1 + n % $9::int] || ' tại ' || ($2::text[])[1 + (n / 7) % cardinality($2::text[])],
              ($3::uuid[])[1 + n % cardinality($3::uuid[])], 'NORMAL',
              CASE WHEN n % 33 = 0 THEN 'CONFIDENTIAL' WHEN n % 7 = 0 THEN 'RESTRICTED' ELSE 'PUBLIC' END,
              ($4::uuid[])[1 + (n / 7) % cardinality($4::uuid[])],
              ($5::text[])[1 + n % $9::int] || ' tai ' || ($6::text[])[1 + (n / 7) % cardinality($6::text[])],
              $7::uuid, now() - make_interval(secs => ($8::int - n) * (3 * 365 * 86400.0 / $8::int)),
              now() - make_interval(secs => ($8::int - n) * (3 * 365 * 86400.0 / $8::int))
         FROM generate_series(1, $8::int) n`,
      [CASE_TITLES, ref.areaNames, ref.categories, ref.areas, folded, areaFolded, ref.officer, CASES, CASE_TITLES.length],
    );
    const cases = (
      await db.query(`SELECT id, extract(epoch FROM created_at)::float8 AS at, substring(code from 4)::int AS n FROM cases WHERE code LIKE 'VB-%' ORDER BY n`)
    ).rows as Array<{ id: string; at: number; n: number }>;
    const rnd = mulberry32(2026);
    const rareAt = new Set(Array.from({ length: RARE_IN }, (_, i) => Math.floor(((i + 0.5) * ATTACHMENTS) / RARE_IN)));
    const batch = 1_000;
    for (let i = 0; i < ATTACHMENTS; i += batch) {
      const rows = Array.from({ length: Math.min(batch, ATTACHMENTS - i) }, (_, k) => {
        const c = cases[Math.floor(rnd() * cases.length)];
        let text = documentText(rnd, TITLE_TOPIC[c.n % CASE_TITLES.length], 2_000);
        if (rareAt.has(i + k)) text = `${text} Thôn Khuổi Mỵ, xã Nà Hẩu; Công ty TNHH Zenco.`;
        const pdf = rnd() < 0.7;
        return {
          caseId: c.id,
          purpose: (['EVIDENCE', 'PROGRESS', 'ANSWER_DOCUMENT', 'PETITION'] as const)[Math.floor(rnd() * 4)],
          filename: pdf ? `van-ban-${i + k}.pdf` : `bien-ban-${i + k}.docx`,
          media: pdf ? 'application/pdf' : DOCX_MEDIA,
          size: 20_000 + Math.floor(rnd() * 2_000_000),
          sha: randomBytes(32).toString('hex'),
          at: new Date((c.at + rnd() * 30 * 86400) * 1000),
          text,
          folded: foldVietnamese(text),
        };
      });
      await db.query(
        `INSERT INTO attachment (case_id, purpose, filename, media_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_unit, created_at, text_content, text_folded, text_state)
         SELECT c, p, f, m, s, h, 'bench/' || h, $10::uuid, $11::uuid, a, t, tf, 'DONE'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::text[], $9::text[]) AS x(c, p, f, m, s, h, a, t, tf)`,
        [
          rows.map((r) => r.caseId),
          rows.map((r) => r.purpose),
          rows.map((r) => r.filename),
          rows.map((r) => r.media),
          rows.map((r) => r.size),
          rows.map((r) => r.sha),
          rows.map((r) => r.at),
          rows.map((r) => r.text),
          rows.map((r) => r.folded),
          ref.triager,
          ref.unit,
        ],
      );
    }
    await db.query('VACUUM ANALYZE cases');
    await db.query('VACUUM ANALYZE attachment');
    const loadedIn = (performance.now() - t0) / 1000;
    // How common each word is (for reading the figures; not timed).
    const words = [...new Set(QUERIES.flatMap((q) => foldVietnamese(q.q).split(' ')))];
    const counts = new Map<string, { attachments: number; cases: number }>();
    for (const w of words) {
      const [r] = (
        await db.query(
          `SELECT (SELECT count(*)::int FROM attachment WHERE text_folded LIKE $1) AS attachments, (SELECT count(*)::int FROM cases WHERE search_text LIKE $1) AS cases`,
          [`%${w}%`],
        )
      ).rows;
      counts.set(w, r);
    }
    const [{ size }] = (await db.query(`SELECT pg_size_pretty(pg_total_relation_size('attachment')) AS size`)).rows;
    return { loadedIn, counts, size: size as string };
  } finally {
    await db.end();
  }
}

async function search(api: Client) {
  const token = await api.token('triage@demo.local');
  const results: Array<{ name: string; q: string; median: number; min: number; max: number; items: number }> = [];
  for (const { name, q } of QUERIES) {
    const times: number[] = [];
    let items = 0;
    for (let r = 0; r < WARMUP + SEARCH_RUNS; r++) {
      const t0 = performance.now();
      const res = await fetch(`${api.url}/api/v1/cases?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items: unknown[] };
      const took = performance.now() - t0;
      if (res.status !== 200) throw new Error(`search ${q}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      items = body.items.length;
      if (r >= WARMUP) times.push(took);
    }
    const t = sorted(times);
    results.push({ name, q, median: percentile(t, 50), min: t[0], max: t.at(-1)!, items });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

function startWorker(role: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/worker.js')], {
    env: { ...process.env, ...env, WORKER_ROLE: role },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
}

/** The host's CPU time (jiffies) from /proc/stat: busy and total over every CPU. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

async function main() {
  const runDate = new Date();
  const cpuBefore = machineCpu();
  console.log(
    `bench:attachments — ${cpus().length} cores, node ${process.version}, load ${loadavg()[0].toFixed(1)}; ${WARMUP} warm-up + ${RUNS} timed runs; search over ${CASES.toLocaleString('en-US')} cases, ${ATTACHMENTS.toLocaleString('en-US')} attachments`,
  );
  const url = await freshDatabase(DB);
  const redisPort = await freePort();
  children.push(await startRedis(redisPort));
  const redisUrl = `redis://127.0.0.1:${redisPort}/0`;
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-attachments-'));
  const s3Dir = mkdtempSync(join(tmpdir(), 'bench-s3rver-'));
  const base: Record<string, string> = {
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    STORAGE_DIR: storageDir,
    // No mail in this benchmark: a closed port (intake's notices fail and wait for their retries).
    SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    LOG_LEVEL: 'error',
    ATTACHMENT_MAX_BYTES: String(100 * MiB),
    ATTACHMENT_MAX_CASE_BYTES: String(64 * 1024 * MiB),
  };
  let s3: S3rver | null = null;
  try {
    // 1–3 on the disk, with the workers for the text.
    console.log('\ndisk (STORAGE_DIR in a temporary directory):');
    const disk = await startApi(base);
    children.push(disk.child);
    const workers = [startWorker('core', base), startWorker('reports', base)];
    const diskApi = client(disk.url);
    const onDisk = await uploadsAndDownloads('disk', diskApi, disk.child.pid!);

    console.log('\ntext extraction (reports worker, disk):');
    const [docCase] = await newCases(diskApi, 1);
    const pdf = await longPdf(100);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pages = (await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise).numPages;
    const docx = await largeDocx(250_000);
    const texts = [
      await extraction(diskApi, docCase, 'bao-cao-100-trang.pdf', pdf, 'application/pdf', url, redisUrl),
      await extraction(diskApi, docCase, 'bien-ban-lon.docx', docx.bytes, DOCX_MEDIA, url, redisUrl),
    ];
    const labels = [`PDF, ${pages} pages`, `DOCX, ${docx.chars.toLocaleString('en-US')} characters`];
    for (const [i, t] of texts.entries()) {
      console.log(
        `  ${labels[i]} (${(t.size / 1024).toFixed(0)} KB, ${t.chars.toLocaleString('en-US')} characters kept): upload answered → DONE p50 ${ms(percentile(t.total, 50))} ms, max ${ms(t.total.at(-1)!)} ms (first, cold: ${ms(t.cold)} ms); ` +
          `job run p50 ${ms(percentile(t.run, 50))} ms, queue wait p50 ${ms(percentile(t.wait, 50))} ms, upload answered → job added p50 ${ms(percentile(t.relay, 50))} ms`,
      );
    }
    await Promise.all(workers.map(stop));

    // 4. The search, on the same database (the disk API).
    let searchFigures: Awaited<ReturnType<typeof search>> | null = null;
    let loaded: Awaited<ReturnType<typeof loadSearchData>> | null = null;
    if (!flag('skip-search')) {
      console.log(`\nsearch: loading ${CASES.toLocaleString('en-US')} cases and ${ATTACHMENTS.toLocaleString('en-US')} attachments…`);
      loaded = await loadSearchData(url);
      console.log(`  loaded in ${loaded.loadedIn.toFixed(1)} s; attachment table ${loaded.size}`);
      searchFigures = await search(diskApi);
    }
    await stop(disk.child);

    // 1–2 on S3.
    console.log('\nS3 (s3rver on a free port, temporary directory):');
    const s3Port = await freePort();
    s3 = new S3rver({ address: '127.0.0.1', port: s3Port, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
    await s3.run();
    const s3Env = {
      ...base,
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    };
    const onS3Api = await startApi(s3Env);
    children.push(onS3Api.child);
    const onS3 = await uploadsAndDownloads('s3', client(onS3Api.url), onS3Api.child.pid!);
    await stop(onS3Api.child);

    // The table.
    // The host is shared: how busy its CPUs were tells a slow run from a slow change.
    const cpuAfter = machineCpu();
    const busy = (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total);
    console.log(
      `\nrun of ${runDate.toISOString()} (${cpus().length} cores, node ${process.version}); API with --max-semi-space-size=64; ` +
        `host ${(busy * 100).toFixed(0)} % busy over the run (every process, not only this benchmark's), load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(`\nupload (${RUNS} runs after ${WARMUP} warm-up)   p50 ms   max ms   MiB/s at p50   API RSS peak`);
    for (const side of [onDisk, onS3]) {
      for (const f of side.figures) {
        const p50 = percentile(f.latencies, 50);
        console.log(
          `${`${f.backend} ${mib(f.size)} MiB`.padEnd(36)}${ms(p50).padStart(7)}  ${ms(f.latencies.at(-1)!).padStart(7)}  ${((f.size / MiB / p50) * 1000).toFixed(0).padStart(13)}  ${`${mib(f.peakRss)} MiB`.padStart(13)}`,
        );
      }
      console.log(
        `${side.figures[0].backend}: API RSS before the uploads ${mib(side.baseline)} MiB; its high-water mark (VmHWM, start-up included) ${mib(side.hwmBefore)} MiB before, ${mib(side.figures.at(-1)!.hwm)} MiB after`,
      );
    }
    console.log(`\ndownload 20 MiB (${RUNS} runs)            p50 ms   max ms   MiB/s at p50`);
    for (const side of [onDisk, onS3]) {
      const p50 = percentile(side.downloads, 50);
      console.log(
        `${side.figures[0].backend.padEnd(36)}${ms(p50).padStart(7)}  ${ms(side.downloads.at(-1)!).padStart(7)}  ${((20 / p50) * 1000).toFixed(0).padStart(13)}`,
      );
    }
    console.log(`\ntext extraction (${RUNS} runs)                      commit → DONE p50   max    job run p50   cold (first)`);
    for (const [i, t] of texts.entries()) {
      console.log(
        `${`${labels[i]}, ${(t.size / 1024).toFixed(0)} KB`.padEnd(50)}${`${ms(percentile(t.total, 50))} ms`.padStart(19)}  ${ms(t.total.at(-1)!).padStart(5)}  ${`${ms(percentile(t.run, 50))} ms`.padStart(13)}  ${`${ms(t.cold)} ms`.padStart(13)}`,
      );
    }
    if (searchFigures && loaded) {
      console.log(
        `\ncase search as the standing body, ${CASES.toLocaleString('en-US')} cases, ${ATTACHMENTS.toLocaleString('en-US')} attachments of ~2 KB (median of ${SEARCH_RUNS})   median ms   min    max   cases listed`,
      );
      for (const s of searchFigures) {
        console.log(
          `${`${s.name} (q=${s.q})`.padEnd(92)}${ms(s.median).padStart(10)}  ${ms(s.min).padStart(5)}  ${ms(s.max).padStart(5)}  ${String(s.items).padStart(13)}`,
        );
      }
      console.log(
        `words in attachments / in cases' own text: ${[...loaded.counts].map(([w, c]) => `${w} ${c.attachments.toLocaleString('en-US')} / ${c.cases.toLocaleString('en-US')}`).join(', ')}`,
      );
    }
  } finally {
    await s3?.close().catch(() => undefined);
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(s3Dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
