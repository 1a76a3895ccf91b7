// Rows of the help screen (generated from the keymap) and of the pickers.
import { sanitize } from '../../model/sanitize.js';
import { COMMAND_HELP, helpSections } from '../keymap.js';
import { CURSOR } from '../theme.js';
import type { TextRow } from '../types.js';
import { seg, textRow } from './common.js';
import { filterTerms, matchesTerms } from './filter.js';

/** What the symbols and the terse columns mean: first in the help, so a 24-row terminal shows it. */
const LEGEND: readonly [string, string][] = [
  ['✗ ⚠ ℹ', 'error, warning, info (severity of a finding); ✗ also marks a broken hop or path'],
  ['✓  ?', 'ok; unknown (kexplore cannot see it, e.g. RBAC)'],
  [`${CURSOR}`, 'the cursor: it stops on lines that lead somewhere, Enter opens them'],
  ['▸  ▾', 'a folded / an open group of Services (Enter or space)'],
  ['+N', 'N more: addresses, ports, Ingresses and routes, or findings of the same object'],
  ['served', 'Ports table: the pod ports the targetPort resolves to on the endpoints'],
  ['fails at', 'Ingresses & Routes: the hops of the path that break it (detail: hop by hop)'],
];

export function helpRows(): TextRow[] {
  const out: TextRow[] = [textRow('h:symbols', 0, [seg('Symbols', 'heading', true)])];
  for (const [sym, meaning] of LEGEND) out.push({ ...textRow(`h:sym:${sym}`, 1, [seg(sym.padEnd(13), 'accent', true), seg(meaning)]), wrap: 13 });
  out.push({ ...textRow('h:colours', 1, [seg('colours'.padEnd(13), 'accent', true), seg('error ', 'error'), seg('warning ', 'warning'), seg('info ', 'info'), seg('ok', 'ok'), seg('  (NO_COLOR=1 turns colour off; the symbols carry the meaning)', 'muted')]), wrap: 13 });
  out.push(textRow('h:symbols:gap', 0, [seg('')]));
  for (const { section, bindings } of helpSections()) {
    if (bindings.length === 0) continue;
    out.push(textRow(`h:${section}`, 0, [seg(section, 'heading', true)]));
    for (const b of bindings) out.push({ ...textRow(`h:${section}:${b.label}:${b.command.type}`, 1, [seg(b.label.padEnd(13), 'accent', true), seg(b.description)]), wrap: 13 });
    out.push(textRow(`h:${section}:gap`, 0, [seg('')]));
  }
  out.push(textRow('h:commands', 0, [seg('Commands (type : first)', 'heading', true)]));
  for (const c of COMMAND_HELP) out.push({ ...textRow(`h:cmd:${c.command}`, 1, [seg(c.command.padEnd(22), 'accent', true), seg(c.description)]), wrap: 22 });
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
