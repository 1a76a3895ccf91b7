// Cells that shrink without losing their meaning: a list keeps whole items and says how
// many more there are ("203.0.113.11:30443 +2"); a finding id is cut only between its words
// and keeps its "+N more findings" suffix.
import { textWidth, truncate } from '../text.js';

/** How many items past the shown ones, as " +N" (or ''). */
function more(n: number): string {
  return n > 0 ? ` +${n}` : '';
}

/** Items joined by ", " as they are shown at full width: three at most, then "+N". */
export function listText(items: readonly string[], max = 3): string {
  const k = Math.min(max, items.length);
  return items.slice(0, k).join(', ') + more(items.length - k);
}

/** The narrowest whole form of a list: its first item and "+N". */
export function listCompactWidth(items: readonly string[]): number {
  const first = items[0];
  return first === undefined ? 0 : textWidth(first) + textWidth(more(items.length - 1));
}

/** As many whole items as fit, then "+N"; only a first item wider than the cell is cut. */
export function fitList(items: readonly string[], width: number, max = 3): string {
  for (let k = Math.min(max, items.length); k >= 1; k--) {
    const t = items.slice(0, k).join(', ') + more(items.length - k);
    if (textWidth(t) <= width) return t;
  }
  const suffix = more(items.length - 1);
  const room = width - textWidth(suffix);
  const first = items[0] ?? '';
  // "address:port" cut from the left: the node port says more than the start of the address
  if (room >= 7 && /^[^\s]+:\d+$/.test(first)) return `…${first.slice(-(room - 1))}${suffix}`;
  return room >= 2 ? truncate(first, room) + suffix : truncate(first, width);
}

export interface FindingCell {
  symbol: string;
  id: string;
  /** other findings of the object */
  others: number;
}

export function findingText(f: FindingCell): string {
  return `${f.symbol} ${f.id}${more(f.others)}`;
}

/** "✗ nodeport.etp-local… +2": the id is cut after a whole word ('.' and '-' separate words), the suffix stays. */
export function fitFinding(f: FindingCell, width: number): string {
  const full = findingText(f);
  if (textWidth(full) <= width) return full;
  // a whole id says more than "+N" (the detail lists every finding)
  if (textWidth(`${f.symbol} ${f.id}`) <= width) return `${f.symbol} ${f.id}`;
  const suffix = more(f.others);
  const room = width - textWidth(`${f.symbol} `) - textWidth(suffix) - 1;
  let cut = -1;
  for (let i = 0; i < f.id.length; i++) if ((f.id[i] === '.' || f.id[i] === '-') && textWidth(f.id.slice(0, i)) <= room) cut = i;
  if (cut > 0) return `${f.symbol} ${f.id.slice(0, cut)}…${suffix}`;
  return room >= 3 ? `${f.symbol} ${truncate(f.id, room + 1)}${suffix}` : truncate(full, width);
}
