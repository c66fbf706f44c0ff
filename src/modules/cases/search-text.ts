/**
 * Folds Vietnamese text for search: lower case, tone and vowel marks removed, đ → d,
 * so "Bồi thường" and "boi thuong" compare equal. Used both when storing and when searching,
 * so the two always agree.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a search query, folded and escaped for LIKE. */
export function searchTerms(q: string, max = 8): string[] {
  return [...new Set(foldVietnamese(q).split(' '))]
    .filter(Boolean)
    .slice(0, max)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/**
 * Function syllables and words every concern uses ("người dân phản ánh đề nghị …"), folded: they
 * say nothing about which issue a concern is about, so duplicate detection ignores them.
 */
const STOP_SYLLABLES = new Set(
  `va cua cac nhung duoc co khong cho la mot nay do da dang se tai trong tren duoi voi ve tu den khi thi ma nen vi nhu hon rat
   nhieu it cung con lai ra vao bi boi theo sau truoc gay viec nha xa phuong thon to tinh so ngay thang nam gan chua moi van
   lam hay the nao ai gi dau bao sao nguoi dan phan anh de nghi tri cu`.split(/\s+/),
);

/**
 * Tokens for duplicate detection: the meaningful syllables and the pairs of adjacent ones
 * (Vietnamese words are mostly two syllables: "boi_thuong", "o_nhiem"). Compared as sets, so
 * word order and diacritics do not matter; measured on the demo concerns, this separates the
 * same issue told in other words far better than trigrams of the whole text.
 */
export function similarityTokens(text: string): string[] {
  const words = foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const tokens = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length < 2 || STOP_SYLLABLES.has(w)) continue;
    tokens.add(w);
    const next = words[i + 1];
    if (next && next.length >= 2 && !STOP_SYLLABLES.has(next)) tokens.add(`${w}_${next}`);
  }
  return [...tokens].sort();
}
