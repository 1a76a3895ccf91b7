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
