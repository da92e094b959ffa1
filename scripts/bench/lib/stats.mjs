/** Medians and min–max of runs, and the units the tables print. */

/** @typedef {import('../types').Stats} Stats */

/**
 * Median, min and max (rounded to 0.1) of `values`, with the rounded runs.
 * @param {number[]} values
 * @returns {Stats}
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  /** @param {number} i */
  const at = (i) => {
    const value = sorted[i];
    if (value === undefined) throw new Error('summarize: no runs');
    return value;
  };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  /** @param {number} v */
  const round = (v) => Math.round(v * 10) / 10;
  return { median: round(median), min: round(at(0)), max: round(at(sorted.length - 1)), runs: values.map(round) };
}

/**
 * "217 ms (216–234)": the median and, in brackets, min–max.
 * @param {Stats} s
 */
export function medianRange(s) {
  return `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
}

/**
 * Bytes in kB (1000 bytes, as Vite prints).
 * @param {number} bytes
 */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** @param {number} value */
export function ms(value) {
  return `${Math.round(value)} ms`;
}
