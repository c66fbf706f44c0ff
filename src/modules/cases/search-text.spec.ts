import { foldVietnamese, searchTerms } from './search-text.js';

describe('foldVietnamese', () => {
  it.each([
    ['Bồi thường', 'boi thuong'],
    ['ĐƯỜNG TRÁNH Đông Hà', 'duong tranh dong ha'],
    ['Tái định cư  thủy   điện', 'tai dinh cu thuy dien'],
    ['Nguyễn Thị Hoà / Hòa', 'nguyen thi hoa / hoa'],
    ['plain ascii', 'plain ascii'],
  ])('%s → %s', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('treats precomposed and combining forms alike', () => {
    expect(foldVietnamese('thu\u0301y')).toBe(foldVietnamese('thúy'));
  });
});

describe('searchTerms', () => {
  it('splits, folds, de-duplicates and escapes LIKE wildcards', () => {
    expect(searchTerms('Bồi  THƯỜNG bồi 100%_x')).toEqual(['boi', 'thuong', '100\\%\\_x']);
  });
  it('keeps at most 8 words', () => {
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});
