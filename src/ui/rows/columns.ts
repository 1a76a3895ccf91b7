// Column layout for a given terminal width. Each column has a hard minimum, a comfortable
// ("soft") width and a maximum. The least important columns are dropped until the others
// fit at their comfortable width (or, at the least, at their minimum); the space left is
// then handed out in importance order up to each column's content width. Pure.

export interface ColumnSpec<K extends string> {
  id: K;
  title: string;
  min: number;
  /** comfortable width: columns are dropped before others go below it */
  soft: number;
  max: number;
  /** 0 = most important; columns are dropped from the highest number down */
  priority: number;
  /** never dropped for comfort, only when even the minimums do not fit */
  essential?: boolean;
  align?: 'left' | 'right';
}

export interface ColumnLayout<K extends string> {
  id: K;
  title: string;
  width: number;
  align: 'left' | 'right';
}

export const GAP = 2;

export function layoutColumns<K extends string>(specs: readonly ColumnSpec<K>[], content: Partial<Record<K, number>>, total: number, exclude: readonly K[] = []): ColumnLayout<K>[] {
  const want = (c: ColumnSpec<K>): number => Math.min(c.max, Math.max(c.min, content[c.id] ?? 0, c.title.length));
  const comfy = (c: ColumnSpec<K>): number => Math.max(c.min, Math.min(c.soft, want(c)));
  const gaps = (n: number): number => GAP * Math.max(0, n - 1);
  const sum = (cols: ColumnSpec<K>[], f: (c: ColumnSpec<K>) => number): number => cols.reduce((n, c) => n + f(c), 0) + gaps(cols.length);
  let kept = specs.filter((c) => !exclude.includes(c.id));
  const dropWorst = (pool: ColumnSpec<K>[]): boolean => {
    if (pool.length === 0) return false;
    const worst = pool.reduce((a, b) => (b.priority > a.priority ? b : a));
    kept = kept.filter((c) => c !== worst);
    return true;
  };
  // comfort first: drop optional columns while the comfortable widths do not fit
  while (kept.length > 1 && sum(kept, comfy) > total && dropWorst(kept.filter((c) => !c.essential)));
  // then hard limits: drop anything while even the minimums do not fit
  while (kept.length > 1 && sum(kept, (c) => c.min) > total && dropWorst(kept));
  const width = new Map<K, number>(kept.map((c) => [c.id, c.min]));
  let spare = total - sum(kept, (c) => c.min);
  const byImportance = [...kept].sort((a, b) => a.priority - b.priority);
  for (const target of [comfy, want]) {
    for (const c of byImportance) {
      if (spare <= 0) break;
      const cur = width.get(c.id) ?? c.min;
      const grow = Math.min(spare, target(c) - cur);
      if (grow > 0) {
        width.set(c.id, cur + grow);
        spare -= grow;
      }
    }
  }
  return kept.map((c) => ({ id: c.id, title: c.title, width: width.get(c.id) ?? c.min, align: c.align ?? 'left' }));
}
