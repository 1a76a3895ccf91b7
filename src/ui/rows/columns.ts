// Column layout for a given terminal width, from what the shown rows hold. Every column
// starts at its natural width (its widest cell); while the row is too wide, the view's
// shrink steps are applied in order (least important columns first: to their compact form,
// to a width, or dropped); the space left over goes back to the most important columns. Pure.

export interface ColumnSpec<K extends string> {
  id: K;
  title: string;
  /** hard minimum, used only when the shrink steps are not enough */
  min: number;
  /** 0 = most important: grows back first, is dropped last */
  priority: number;
  /** order in which spare space is given back (lower first); defaults to `priority` */
  grow?: number;
  align?: 'left' | 'right';
}

export interface ColumnMeasure {
  /** widest cell as shown at full width */
  natural: number;
  /** widest cell in its compact form (lists: first item and "+N") */
  compact?: number;
}

/** One shrink step: a column to its compact form, to at most `to` cells, or out of the table. */
export interface ShrinkStep<K extends string> {
  col: K;
  to: 'compact' | 'drop' | number;
}

export interface ColumnLayout<K extends string> {
  id: K;
  title: string;
  width: number;
  align: 'left' | 'right';
}

export const GAP = 2;

export function layoutColumns<K extends string>(
  specs: readonly ColumnSpec<K>[],
  measures: Partial<Record<K, ColumnMeasure>>,
  total: number,
  steps: readonly ShrinkStep<K>[] = [],
  exclude: readonly K[] = [],
): ColumnLayout<K>[] {
  let kept = specs.filter((c) => !exclude.includes(c.id));
  const natural = (c: ColumnSpec<K>): number => Math.max(c.min, c.title.length, measures[c.id]?.natural ?? 0);
  const width = new Map<K, number>(kept.map((c) => [c.id, natural(c)]));
  const used = (): number => kept.reduce((n, c) => n + (width.get(c.id) ?? 0), 0) + GAP * Math.max(0, kept.length - 1);
  const shrinkTo = (c: ColumnSpec<K>, w: number): void => {
    width.set(c.id, Math.min(width.get(c.id) ?? w, Math.max(c.min, w)));
  };
  for (const step of steps) {
    if (used() <= total) break;
    const c = kept.find((x) => x.id === step.col);
    if (!c) continue;
    if (step.to === 'drop') kept = kept.filter((x) => x !== c);
    else shrinkTo(c, step.to === 'compact' ? Math.max(c.title.length, measures[c.id]?.compact ?? natural(c)) : step.to);
  }
  // the steps were not enough: the least important columns go, then the rest shrink to their minimum
  const byImportance = (): ColumnSpec<K>[] => [...kept].sort((a, b) => a.priority - b.priority);
  while (kept.length > 1 && kept.reduce((n, c) => n + c.min, 0) + GAP * (kept.length - 1) > total) kept = byImportance().slice(0, -1);
  for (const c of byImportance().reverse()) if (used() > total) shrinkTo(c, c.min + Math.max(0, total - used() + (width.get(c.id) ?? 0) - c.min));
  // space left over goes back in `grow` order (else importance), up to each column's natural width
  let spare = total - used();
  for (const c of [...kept].sort((a, b) => (a.grow ?? a.priority) - (b.grow ?? b.priority))) {
    if (spare <= 0) break;
    const cur = width.get(c.id) ?? 0;
    const grow = Math.min(spare, natural(c) - cur);
    if (grow > 0) {
      width.set(c.id, cur + grow);
      spare -= grow;
    }
  }
  return kept.map((c) => ({ id: c.id, title: c.title, width: width.get(c.id) ?? c.min, align: c.align ?? 'left' }));
}
