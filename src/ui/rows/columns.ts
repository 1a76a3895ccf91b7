// Column layout for a given terminal width: keep the most important columns, give each
// its content width within [min, max], drop the least important ones when even the
// minimums do not fit. Pure, computed once per (content widths, terminal width).

export interface ColumnSpec<K extends string> {
  id: K;
  title: string;
  min: number;
  max: number;
  /** 0 = most important; columns are dropped from the highest number down */
  priority: number;
  align?: 'left' | 'right';
}

export interface ColumnLayout<K extends string> {
  id: K;
  title: string;
  width: number;
  align: 'left' | 'right';
}

export const GAP = 2;

export function layoutColumns<K extends string>(specs: readonly ColumnSpec<K>[], content: Partial<Record<K, number>>, total: number): ColumnLayout<K>[] {
  let kept = [...specs];
  const need = (cols: ColumnSpec<K>[]): number => cols.reduce((n, c) => n + c.min, 0) + GAP * Math.max(0, cols.length - 1);
  while (kept.length > 1 && need(kept) > total) {
    const worst = kept.reduce((a, b) => (b.priority > a.priority ? b : a));
    kept = kept.filter((c) => c !== worst);
  }
  const desired = new Map<K, number>(kept.map((c) => [c.id, Math.min(c.max, Math.max(c.min, content[c.id] ?? 0, c.title.length))]));
  const width = new Map<K, number>(kept.map((c) => [c.id, Math.min(c.min, total)]));
  let spare = total - need(kept);
  // grow in priority order up to the desired width
  for (const c of [...kept].sort((a, b) => a.priority - b.priority)) {
    if (spare <= 0) break;
    const cur = width.get(c.id) ?? 0;
    const grow = Math.min(spare, (desired.get(c.id) ?? cur) - cur);
    if (grow > 0) {
      width.set(c.id, cur + grow);
      spare -= grow;
    }
  }
  return kept.map((c) => ({ id: c.id, title: c.title, width: width.get(c.id) ?? c.min, align: c.align ?? 'left' }));
}
