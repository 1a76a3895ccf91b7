// Terminal width helpers for precomputed rows: one string per row, padded and truncated,
// so a visible row costs one <Text> and no per-cell layout.

// Wide (2-cell) ranges: CJK, Hangul, fullwidth forms, most emoji.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\u0300-\u036f\u200d\ufe00-\ufe0f]/u;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0020-\u007e]*$/;

function charWidth(ch: string): number {
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Display width in terminal cells. */
export function textWidth(s: string): number {
  if (ASCII.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Cut to at most `width` cells, ending with … when cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(s) <= width) return s;
  if (width === 1) return '…';
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Truncate then pad with spaces to exactly `width` cells. */
export function fit(s: string, width: number): string {
  const t = truncate(s, width);
  const pad = width - textWidth(t);
  return pad > 0 ? t + ' '.repeat(pad) : t;
}

export function fitRight(s: string, width: number): string {
  const t = truncate(s, width);
  const pad = width - textWidth(t);
  return pad > 0 ? ' '.repeat(pad) + t : t;
}
