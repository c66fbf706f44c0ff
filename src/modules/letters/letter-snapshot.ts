import { formatDay } from '../../infrastructure/time/vn-time.js';
import type { DocumentRecipient } from './entities/outgoing-document.entity.js';

/**
 * Everything a forwarding letter shows, as it was issued (outgoing_document.snapshot). The files are
 * rendered from this alone, so the same row gives the same bytes for ever: the words are written
 * into `body` when the letter is issued, not composed again at each download.
 */
export interface LetterSnapshot {
  v: 1;
  kind: 'FORWARDING_LETTER';
  /** ISO instant of issue (the transaction's now()): the date line and the files' metadata. */
  issuedAt: string;
  numberText: string;
  letterhead: { superiorBody: string; issuingBody: string; place: string };
  issuer: { unitId: string; code: string; name: string };
  /** "V/v …" */
  subject: string;
  case: {
    id: string;
    code: string;
    title: string;
    summary: string | null;
    category: string | null;
    priority: string;
    area: string;
  };
  concerns: Array<{ title: string; area: string; channel: string; peopleAffected: number | null; receivedAt: string }>;
  /** Kính gửi: the lead first. */
  recipients: DocumentRecipient[];
  /** The lead's answer deadline: its working days and its due instant, as the routing just set them. */
  deadline: { workingDays: number | null; dueAt: string | null };
  /** The paragraphs between "Kính gửi:" and the signature, final text. */
  body: string[];
  signer: { userId: string | null; name: string; title: string; authority: string | null };
  /** "Nơi nhận:" after the addressees ("Như trên"), and the archive line's units. */
  copies: string[];
  archive: string;
}

export interface LetterFacts {
  issuerName: string;
  case: LetterSnapshot['case'];
  concerns: LetterSnapshot['concerns'];
  recipients: DocumentRecipient[];
  deadline: LetterSnapshot['deadline'];
  /** The triager's own words for what is asked, instead of the standard sentence. */
  requestedAction?: string | null;
}

/** "đất đai, bồi thường" from "Đất đai, bồi thường": a label inside a sentence, acronyms (HĐND) kept. */
export function inSentence(label: string): string {
  return label.length > 1 && label[1] === label[1].toLocaleLowerCase('vi') ? label[0].toLocaleLowerCase('vi') + label.slice(1) : label;
}

/** Ends with a full stop unless it already ends a sentence. */
const sentence = (s: string) => (/[.!?…:;]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

const joinNames = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`);

/** The summary line: the category, not the case's words (the register shows it to everyone who may see the case). */
export function letterSubject(category: string | null): string {
  return category ? `V/v chuyển phản ánh, kiến nghị về ${inSentence(category)}` : 'V/v chuyển phản ánh, kiến nghị của Nhân dân';
}

/** The body of a forwarding letter: what was received, the concerns, what is asked, by when. */
export function letterBody(f: LetterFacts): string[] {
  const lead = f.recipients.find((r) => r.role === 'LEAD') ?? f.recipients[0];
  const supporting = f.recipients.filter((r) => r !== lead).map((r) => r.name);
  const c = f.case;
  const classification = [`mã vụ việc ${c.code}`, c.category ? `lĩnh vực: ${inSentence(c.category)}` : null, `mức độ: ${inSentence(c.priority)}`]
    .filter(Boolean)
    .join('; ');
  const body = [`${f.issuerName} nhận được phản ánh, kiến nghị của Nhân dân về việc: ${c.title} (${classification}).`];
  if (c.summary) body.push(`Tóm tắt nội dung: ${sentence(c.summary)}`);
  if (f.concerns.length) {
    body.push(`Nội dung phản ánh, kiến nghị (${f.concerns.length} ý kiến):`);
    for (const k of f.concerns) {
      const people = k.peopleAffected ? `; ${k.peopleAffected} người liên quan` : '';
      body.push(`- ${k.title} (${k.area}; kênh tiếp nhận: ${inSentence(k.channel)}${people}; tiếp nhận ngày ${formatDay(new Date(k.receivedAt), 'vi')}).`);
    }
  }
  const action =
    f.requestedAction ??
    `${f.issuerName} chuyển nội dung trên đến ${lead?.name ?? 'quý cơ quan'} chủ trì${supporting.length ? `, phối hợp với ${joinNames(supporting)}` : ''} xem xét, giải quyết theo thẩm quyền.`;
  body.push(action);
  const due = f.deadline.dueAt ? formatDay(new Date(f.deadline.dueAt), 'vi') : null;
  const within = f.deadline.workingDays ? `trong thời hạn ${f.deadline.workingDays} ngày làm việc` : null;
  const when = [within, due ? `trước ngày ${due}` : null].filter(Boolean).join(', ');
  body.push(
    `Đề nghị ${lead?.name ?? 'quý cơ quan'} báo cáo kết quả giải quyết về ${f.issuerName}${when ? ` ${when}` : ''}; ` +
      `đồng thời cập nhật tiến độ, kết quả trên Hệ thống tiếp nhận và theo dõi giải quyết các vấn đề Nhân dân quan tâm (mã vụ việc ${c.code})./.`,
  );
  return body;
}

/** "VT, PAKN": the clerical office, and the drafting unit named after the symbol's last dash. */
export function archiveLine(symbol: string): string {
  const drafter = symbol.includes('-') ? symbol.slice(symbol.lastIndexOf('-') + 1) : '';
  return drafter ? `VT, ${drafter}` : 'VT';
}

/** The date line's place from an area's name: "Tỉnh Lào Cai" → "Lào Cai" (Decree 30: the place's proper name). */
export function placeOf(areaName: string): string {
  return areaName.replace(/^(Tỉnh|Thành phố|TP\.|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường|Đặc khu)\s+/u, '');
}
