/** Plain-text table cells of the `bugs` tables: padding and millisecond figures. */

/** A millisecond figure: one decimal below 10, none above; '-' for none. */
export function ms(v: number | null): string {
  return v === null ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0);
}

/** Left-aligned in `n` columns. */
export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Right-aligned in `n` columns. */
export function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}
