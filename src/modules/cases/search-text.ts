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
