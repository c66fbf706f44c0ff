import { bucketOf, encode, mergeInto, percentiles, RELATIVE_ERROR, valueOf, type Histogram } from './duration-histogram.js';

/** percentile_cont over sorted values: linear interpolation between the closest ranks. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return lo === pos ? s[lo] : s[lo] + (pos - lo) * (s[lo + 1] - s[lo]);
}

describe('duration histogram', () => {
  it('puts every duration within 1 % of the value its bucket stands for', () => {
    expect(RELATIVE_ERROR).toBeLessThan(0.01);
    for (const s of [1, 2, 59, 60, 3599, 3600, 86_400, 14 * 86_400 + 3600, 400 * 86_400]) {
      expect(Math.abs(valueOf(bucketOf(s)) - s) / s).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
    }
    expect(valueOf(bucketOf(0))).toBe(0);
  });

  it('round-trips through its packed form and adds up', () => {
    const h: Histogram = new Map([
      [0, 2],
      [300, 7],
      [930, 1],
    ]);
    const merged: Histogram = new Map();
    mergeInto(merged, encode(h));
    mergeInto(merged, encode(h));
    expect([...merged].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 4],
      [300, 14],
      [930, 2],
    ]);
    expect(encode(new Map())).toBeNull();
  });

  it('gives the median and 90th percentile of spread-out durations within 1 % of percentile_cont', () => {
    let seed = 238;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const n of [1, 2, 3, 10, 1_000, 50_000]) {
      // Log-normal-ish: minutes to months, as times to resolve are.
      const values = Array.from({ length: n }, () => Math.round(3600 * Math.exp(4 * random() + random() * random() * 3)));
      const h: Histogram = new Map();
      for (const v of values) h.set(bucketOf(v), (h.get(bucketOf(v)) ?? 0) + 1);
      const [median, p90] = percentiles(h, [0.5, 0.9]);
      expect(Math.abs(median! - exact(values, 0.5)) / exact(values, 0.5)).toBeLessThanOrEqual(RELATIVE_ERROR);
      expect(Math.abs(p90! - exact(values, 0.9)) / exact(values, 0.9)).toBeLessThanOrEqual(RELATIVE_ERROR);
    }
    expect(percentiles(new Map(), [0.5])).toEqual([null]);
  });
});
