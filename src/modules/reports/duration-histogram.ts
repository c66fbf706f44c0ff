/**
 * Durations (whole seconds) counted in logarithmic buckets, so that the percentiles of a year of
 * cases come from a few hundred counters instead of sorting every duration. Bucket b ≥ 1 holds
 * [γ^(b−1), γ^b) seconds and stands for 2γ^b / (1 + γ): any duration is within (γ − 1)/(γ + 1)
 * of the value its bucket stands for — under 1 % with γ = 1.02. Bucket 0 holds zero.
 */
export const GAMMA = 1.02;
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);
const LOG_GAMMA = Math.log(GAMMA);

export type Histogram = Map<number, number>;

export function bucketOf(seconds: number): number {
  return seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) / LOG_GAMMA);
}

export function valueOf(bucket: number): number {
  return bucket === 0 ? 0 : (2 * GAMMA ** bucket) / (1 + GAMMA);
}

export function addTo(h: Histogram, bucket: number, n = 1): void {
  h.set(bucket, (h.get(bucket) ?? 0) + n);
}

/** Packed for a bytea column: per non-empty bucket, its number (uint16) and count (uint32). */
export function encode(h: Histogram): Buffer | null {
  if (!h.size) return null;
  const out = Buffer.allocUnsafe(h.size * 6);
  let o = 0;
  for (const [b, n] of [...h].sort((x, y) => x[0] - y[0])) {
    out.writeUInt16LE(b, o);
    out.writeUInt32LE(n, o + 2);
    o += 6;
  }
  return out;
}

/** Adds a packed histogram into `h`. */
export function mergeInto(h: Histogram, packed: Buffer | null): void {
  if (!packed) return;
  for (let o = 0; o + 6 <= packed.length; o += 6) addTo(h, packed.readUInt16LE(o), packed.readUInt32LE(o + 2));
}

/**
 * The p-th percentiles as percentile_cont computes them (linear interpolation between the two
 * closest ranks), each rank taking its bucket's value. Null when the histogram is empty.
 */
export function percentiles(h: Histogram, ps: number[]): Array<number | null> {
  const buckets = [...h].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (!total) return ps.map(() => null);
  // The value at 0-based rank r.
  const at = (r: number) => {
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (r < seen) return valueOf(b);
    }
    return valueOf(buckets[buckets.length - 1][0]);
  };
  return ps.map((p) => {
    const pos = p * (total - 1);
    const lo = Math.floor(pos);
    const v = at(lo);
    return pos === lo ? v : v + (pos - lo) * (at(lo + 1) - v);
  });
}
