import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from './domain-error.js';
import { ERROR_MESSAGES, errorMessage, languageOf, registerMessageLabels } from './error-messages.js';
import { fieldLabel, localizeFieldError } from './field-labels.js';
import { toProblem } from './problem-details.filter.js';

const SRC = join(process.cwd(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'public' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Every code the source can answer: literals given to DomainError and DomainError.conflict, and
 * the codes the problem filter assigns itself (CODE_BY_STATUS, `code = '…'`).
 */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/new DomainError\(\s*'([A-Z_]+)'/g, /DomainError\.conflict\(\s*'([A-Z_]+)'/g, /\bcode = '([A-Z_]+)'/g, /^\s+\d{3}: '([A-Z_]+)',$/gm];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const p of patterns) for (const m of text.matchAll(p)) found.set(m[1], file.slice(SRC.length + 1));
  }
  return found;
}

describe('error catalogue', () => {
  it('finds the codes in the source (the scan itself works)', () => {
    const codes = codesInSource();
    for (const code of [
      'ILLEGAL_TRANSITION',
      'STALE_CASE',
      'LOGIN_LOCKED',
      'VALIDATION_FAILED',
      'SERVICE_UNAVAILABLE',
      'PRECONDITION_FAILED',
      'NOT_ADDRESSEE',
    ]) {
      expect(codes.has(code)).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(40);
  });

  it('has a Vietnamese and an English message for every code the source answers', () => {
    const missing = [...codesInSource()].filter(([code]) => !(code in ERROR_MESSAGES)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every message is written in both languages, and they differ', () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES) as Array<[string, { vi: string; en: string }]>) {
      expect([code, m.vi.trim().length > 0, m.en.trim().length > 0]).toEqual([code, true, true]);
      expect([code, m.vi === m.en]).toEqual([code, false]);
      // No raw codes in what people read.
      expect([code, /\b[A-Z]{2,}_[A-Z_]+\b/.test(m.vi + m.en)]).toEqual([code, false]);
    }
  });

  it('fills placeholders with words, and leaves out an optional part whose value is missing', () => {
    registerMessageLabels({
      caseStatus: { RESOLVED: { vi: 'Đã có kết quả', en: 'Resolved' } },
      assignmentStatus: { RESOLVED: { vi: 'Đã có kết quả', en: 'Resolved' } },
    });
    expect(errorMessage('ILLEGAL_TRANSITION', 'vi', { action: 'PROGRESS_REPORTED', currentStatus: 'RESOLVED' })).toBe(
      'Không thể báo cáo tiến độ khi vụ việc đang ở trạng thái “Đã có kết quả”.',
    );
    expect(errorMessage('ILLEGAL_TRANSITION', 'en', { action: 'PROGRESS_REPORTED', currentStatus: 'RESOLVED', assignmentStatus: 'RESOLVED' })).toBe(
      'You cannot report progress while the case is “Resolved” (your unit’s work: “Resolved”).',
    );
    expect(errorMessage('ILLEGAL_TRANSITION', 'en', { action: 'SOMETHING_NEW', currentStatus: 'RESOLVED' })).toBe(
      'You cannot do this while the case is “Resolved”.',
    );
    expect(errorMessage('NO_SUCH_CODE', 'vi')).toBe(ERROR_MESSAGES.HTTP_ERROR.vi);
    // Values left out never leave a blank: the action reads "do this", a missing status is left out.
    expect(errorMessage('ILLEGAL_TRANSITION', 'vi', { assignmentStatus: 'RESOLVED' })).toBe(
      'Không thể thực hiện thao tác này (phần việc của đơn vị: “Đã có kết quả”).',
    );
    expect(errorMessage('ILLEGAL_TRANSITION', 'en', {})).toBe('You cannot do this.');
  });

  it('reads the language from Accept-Language weights, Vietnamese by default', () => {
    expect(languageOf(undefined)).toBe('vi');
    expect(languageOf('')).toBe('vi');
    expect(languageOf('fr-FR')).toBe('vi');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('vi');
    expect(languageOf('vi;q=0.4, en;q=0.8')).toBe('en');
    expect(languageOf('en;q=0, vi')).toBe('vi');
    expect(languageOf('fr, en;q=0.5')).toBe('en');
  });

  it('names fields by label, with the item of a list and the concern of a batch', () => {
    expect(fieldLabel('concerns[2].reporter.phone', 'vi')).toBe('Số điện thoại (phản ánh thứ 3)');
    expect(fieldLabel('supportingAgencies[0]', 'en')).toBe('Supporting agencies 1');
    expect(fieldLabel('somethingNew', 'vi')).toBe('somethingNew');
    expect(localizeFieldError({ field: 'title', message: 'title must be shorter than or equal to 300 characters', rule: 'maxLength' }, 'vi')).toEqual({
      field: 'title',
      message: 'Tiêu đề: không được dài quá 300 ký tự',
    });
    expect(localizeFieldError({ field: 'status', message: 'status must be one of queued, sent', rule: 'isIn' }, 'vi')).toEqual({
      field: 'status',
      message: 'Trạng thái: phải là một trong các giá trị queued, sent',
    });
    expect(localizeFieldError({ field: 'title', message: 'title must be a string', rule: 'isString' }, 'en')).toEqual({
      field: 'title',
      message: 'Title: must be a string',
    });
  });

  it('answers a problem in the request’s language, code and extra fields unchanged', () => {
    const error = DomainError.conflict('ILLEGAL_TRANSITION', 'PROGRESS_REPORTED is not allowed while the case is RESOLVED', {
      action: 'PROGRESS_REPORTED',
      currentStatus: 'RESOLVED',
    });
    const vi = toProblem(error, { headers: { 'accept-language': 'vi' } });
    const en = toProblem(error, { headers: { 'accept-language': 'en-GB' } });
    expect(vi).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'RESOLVED', action: 'PROGRESS_REPORTED', title: 'Xung đột dữ liệu' });
    expect(en).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'RESOLVED', action: 'PROGRESS_REPORTED', title: 'Conflict' });
    expect(vi.detail).toMatch(/^Không thể báo cáo tiến độ/);
    expect(en.detail).toMatch(/^You cannot report progress/);
    expect(vi.detail + en.detail).not.toMatch(/PROGRESS_REPORTED|null|undefined/);
  });
});
