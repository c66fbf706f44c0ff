import { passwordProblem } from './password-policy.js';

describe('password policy', () => {
  const owner = { email: 'ctv.binh@demo.local', fullName: 'Trần Văn Bình' };
  const refused = (password: string) => passwordProblem(password, owner)?.message ?? null;

  it('accepts passphrases', () => {
    for (const p of ['Song-Hong-chay-qua-Ha-Noi-42', 'Hoa sen nở trên hồ Tây mùa hè', 'correct horse battery staple']) expect(refused(p)).toBeNull();
  });

  it('refuses fewer than 12 characters, counted as characters, not bytes', () => {
    expect(refused('Zq9!vL3#pW')).toMatch(/ít nhất 12 ký tự .* at least 12 characters/);
    expect(refused('ắắắắắắắắắắắ')).toMatch(/12/); // 11 characters, 33 bytes
  });

  it('refuses the e-mail and its local part, whatever the case', () => {
    expect(refused('ctv.binh@demo.local')).toMatch(/e-mail/);
    expect(refused('xx-CTV.BINH-2026-yy')).toMatch(/e-mail/);
    // A one- or two-letter local part is not a word to forbid.
    expect(passwordProblem('an-toan-giao-thong-2026', { email: 'an@demo.local' })).toBeNull();
  });

  it('refuses common passwords, keyboard walks, repeats and the name without its diacritics', () => {
    for (const p of ['password1234', '123456789012', 'qwertyuiop12', 'aaaaaaaaaaaaaaa', 'TranVanBinh2026', 'tranvanbinh1990']) {
      expect({ p, message: refused(p) }).toEqual({ p, message: expect.stringMatching(/dễ đoán .* too easy to guess/) });
    }
  });
});
