// Label selector semantics: Service selectors are equality-only maps; NetworkPolicy and
// Gateway API use LabelSelector with matchExpressions (an empty selector selects everything).
import type { LabelSelector } from './types.js';

/** Service-style map selector: every key=value must be present. Empty map selects nothing here (H2). */
export function mapSelects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  const l = labels ?? {};
  return keys.every((k) => l[k] === selector[k]);
}

/** metav1.LabelSelector: empty (or undefined) selects everything. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const val = l[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || val === undefined || !(e.values ?? []).includes(val)) return false;
        break;
      case 'NotIn':
        if (has && val !== undefined && (e.values ?? []).includes(val)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // unknown operator: select nothing, as the API would reject it
    }
  }
  return true;
}

export function formatSelector(sel: Record<string, string> | undefined): string {
  return Object.entries(sel ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Edit distance (insert, delete, substitute, swap two neighbours), for telling a typo from a different label. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

export interface NearMiss {
  /** the selector entry no pod has, as key=value */
  missing: string;
  /** what the near pods carry instead (key=value), when it looks like a typo of it */
  instead?: string;
  /** pods that match every other entry of the selector */
  pods: number;
}

const close = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase() || editDistance(a, b) <= Math.max(1, Math.min(2, Math.floor(Math.max(a.length, b.length) / 4)));

/**
 * A selector that matches no pod, but would match some if one of its entries were different:
 * the entry they miss, and the label they carry instead when it looks like a typo (app=chekout vs
 * app=checkout, tier vs teir). Undefined when no pod is one entry away.
 */
export function nearMiss(selector: Record<string, string>, podLabels: Record<string, string>[]): NearMiss | undefined {
  const entries = Object.entries(selector);
  const tally = new Map<string, NearMiss>();
  for (const labels of podLabels) {
    const failing = entries.filter(([k, v]) => labels[k] !== v);
    const miss = failing.length === 1 ? failing[0] : undefined;
    if (!miss) continue;
    const [k, v] = miss;
    const has = labels[k];
    let instead: string | undefined;
    if (has !== undefined && close(v, has)) instead = `${k}=${has}`;
    else if (has === undefined) {
      const key = Object.keys(labels).find((x) => x !== k && selector[x] === undefined && labels[x] === v && close(k, x));
      if (key) instead = `${key}=${v}`;
    }
    // with a single entry every pod "misses one": only a typo says something there
    if (!instead && entries.length < 2) continue;
    const id = `${k}=${v}|${instead ?? ''}`;
    const t = tally.get(id) ?? { missing: `${k}=${v}`, ...(instead ? { instead } : {}), pods: 0 };
    t.pods++;
    tally.set(id, t);
  }
  // a typo explains it better than a bare mismatch; then the most pods
  return [...tally.values()].sort((a, b) => Number(b.instead !== undefined) - Number(a.instead !== undefined) || b.pods - a.pods)[0];
}
