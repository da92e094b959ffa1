/**
 * Largest-Triangle-Three-Buckets downsampling (Sveinn Steinarsson, "Downsampling
 * Time Series for Visual Representation", University of Iceland, 2013): keeps
 * the shape of a line chart — its peaks and dips — with far fewer points.
 *
 * The first and last points are always kept. The points between are split into
 * `threshold − 2` buckets of (almost) equal count; from each bucket the point
 * kept is the one forming the largest triangle with the point kept from the
 * previous bucket and the average of the next bucket (the last point for the
 * final bucket). Ties keep the earliest point of the bucket.
 *
 * - Returns the original point objects (not copies), in the input's order, so
 *   extra fields (year, figure, source) travel with them.
 * - Expects points sorted by x with finite x and y; the result is then in x order.
 * - `threshold` ≥ the number of points, or below 3 (no room for a bucket), or not
 *   finite: a shallow copy of all points. A fractional threshold is rounded down.
 * - Linear time: each point is visited at most twice (as a candidate and in an average).
 */
export function lttb<T extends { x: number; y: number }>(points: readonly T[], threshold: number): T[] {
  const count = points.length;
  const keep = Math.floor(threshold);
  if (!Number.isFinite(keep) || keep >= count || keep < 3) return points.slice();

  // Bucket b holds the points edge(b) … edge(b + 1) − 1; integer arithmetic keeps the edges exact.
  const edge = (bucket: number) => Math.floor((bucket * (count - 2)) / (keep - 2)) + 1;
  const sampled: T[] = [points[0]!];
  let previous = points[0]!;
  for (let bucket = 0; bucket < keep - 2; bucket += 1) {
    // The next bucket's average (the last point itself for the final bucket).
    const nextStart = edge(bucket + 1);
    const nextEnd = Math.min(edge(bucket + 2), count);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i += 1) {
      avgX += points[i]!.x;
      avgY += points[i]!.y;
    }
    const nextCount = nextEnd - nextStart;
    avgX /= nextCount;
    avgY /= nextCount;

    const start = edge(bucket);
    const end = edge(bucket + 1);
    let chosen = points[start]!;
    let largest = -1;
    for (let i = start; i < end; i += 1) {
      const candidate = points[i]!;
      const area = Math.abs((previous.x - avgX) * (candidate.y - previous.y) - (previous.x - candidate.x) * (avgY - previous.y));
      if (area > largest) {
        largest = area;
        chosen = candidate;
      }
    }
    sampled.push(chosen);
    previous = chosen;
  }
  sampled.push(points[count - 1]!);
  return sampled;
}
