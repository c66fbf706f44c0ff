import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from '../../infrastructure/http/domain-error.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_TOO_SHORT = `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự / password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
/** zxcvbn score (0–4) a password must reach: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const PASSWORD_MIN_SCORE = 3;
/** zxcvbn's time grows with the length; what follows the first 100 characters only adds strength. */
const SCORED_LENGTH = 100;

let zxcvbn: ZxcvbnFactory | null = null;
/** Built on first use: the common-password and keyboard dictionaries take a moment to load. */
function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });
  return zxcvbn;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export interface PasswordOwner {
  email: string;
  fullName?: string | null;
}

/**
 * The policy for passwords set through the API (admin-created users, password changes): at least
 * twelve characters, not the e-mail or its local part, and not guessable by zxcvbn (common-password
 * lists, keyboard walks, repeats, dates, the user's own e-mail and name) below score 3.
 * Returns the field error to answer with, or null when the password is acceptable.
 * The demo seed writes its hashes directly and is not subject to it.
 */
export function passwordProblem(password: string, owner: PasswordOwner): FieldError | null {
  const error = (vi: string, en: string): FieldError => ({ field: 'password', message: `${vi} / ${en}` });
  if ([...password].length < PASSWORD_MIN_LENGTH) return { field: 'password', message: PASSWORD_TOO_SHORT };
  const email = owner.email.trim().toLowerCase();
  const local = email.split('@')[0];
  const lower = password.toLowerCase();
  // A local part of one or two letters would forbid half of all passwords; zxcvbn still sees it below.
  if (lower.includes(email) || (local.length >= 3 && lower.includes(local))) {
    return error('Mật khẩu không được chứa địa chỉ e-mail của người dùng', 'password must not contain the e-mail address');
  }
  // The name as typed and without its diacritics (Trần Văn Bình → tran van binh), as it would be in a password.
  const names = owner.fullName ? [owner.fullName, fold(owner.fullName)].flatMap((n) => [n, n.replace(/\s+/g, ''), ...n.split(/\s+/)]) : [];
  const inputs = [email, local, ...email.split(/[@.\-_+]/), ...names];
  const { score } = estimator().check(
    password.slice(0, SCORED_LENGTH),
    inputs.filter((s) => s.length >= 3),
  );
  if (score < PASSWORD_MIN_SCORE) {
    return error(
      'Mật khẩu quá dễ đoán (mật khẩu phổ biến, chuỗi lặp, dãy phím hoặc thông tin cá nhân); hãy dùng một cụm nhiều từ',
      'password is too easy to guess (a common password, a repeat, a keyboard pattern or personal data); use a passphrase of several words',
    );
  }
  return null;
}
