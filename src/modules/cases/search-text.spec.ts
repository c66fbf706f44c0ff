import { foldVietnamese, searchTerms, similarityTokens } from './search-text.js';

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

describe('similarityTokens', () => {
  it('keeps meaningful syllables and adjacent pairs, without diacritics or stop syllables', () => {
    expect(similarityTokens('Người dân phản ánh ô nhiễm khói bụi')).toEqual(['bui', 'khoi', 'khoi_bui', 'nhiem', 'nhiem_khoi']);
  });
  it('gives the same tokens whatever the diacritics', () => {
    expect(similarityTokens('Bồi thường chậm')).toEqual(similarityTokens('boi thuong cham'));
  });
});
