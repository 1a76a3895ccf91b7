// Rows of the help screen (generated from the keymap) and of the pickers.
import { sanitize } from '../../model/sanitize.js';
import { helpSections } from '../keymap.js';
import type { TextRow } from '../types.js';
import { seg, textRow } from './common.js';
import { filterTerms, matchesTerms } from './filter.js';

export function helpRows(): TextRow[] {
  const out: TextRow[] = [];
  for (const { section, bindings } of helpSections()) {
    if (bindings.length === 0) continue;
    out.push(textRow(`h:${section}`, 0, [seg(section, 'heading', true)]));
    for (const b of bindings) out.push(textRow(`h:${section}:${b.label}:${b.command.type}`, 1, [seg(b.label.padEnd(13), 'accent', true), seg(b.description)]));
    out.push(textRow(`h:${section}:gap`, 0, [seg('')]));
  }
  out.push(textRow('h:colours', 0, [seg('Colours: ', 'heading', true), seg('error ', 'error'), seg('warning ', 'warning'), seg('info ', 'info'), seg('ok', 'ok'), seg('  (NO_COLOR=1 turns colour off; ✗ ⚠ ℹ ✓ carry the meaning)', 'muted')]));
  return out;
}

export const ALL_NAMESPACES = '*';

export function namespaceRows(namespaces: readonly string[], scope: string | undefined, filter: string): TextRow[] {
  const terms = filterTerms(filter);
  const out: TextRow[] = [{ ...textRow(`ns:${ALL_NAMESPACES}`, 0, [seg(scope === undefined ? '● ' : '  ', 'ok'), seg('all namespaces', undefined, true)]), selectable: true }];
  for (const ns of namespaces) {
    if (!matchesTerms(ns.toLowerCase(), terms)) continue;
    out.push({ ...textRow(`ns:${ns}`, 0, [seg(scope === ns ? '● ' : '  ', 'ok'), seg(sanitize(ns))]), selectable: true });
  }
  return out;
}

export function contextRows(contexts: readonly string[], current: string | undefined, filter: string): TextRow[] {
  const terms = filterTerms(filter);
  const out: TextRow[] = [];
  for (const c of contexts) {
    if (!matchesTerms(c.toLowerCase(), terms)) continue;
    out.push({ ...textRow(`ctx:${c}`, 0, [seg(c === current ? '● ' : '  ', 'ok'), seg(sanitize(c), undefined, c === current)]), selectable: true });
  }
  if (contexts.length === 0) out.push(textRow('ctx:none', 0, [seg('no kubeconfig contexts are known here; type :ctx NAME', 'muted')]));
  return out;
}
