// Problems view: findings by severity; within a severity each root cause is followed by
// its consequences (indented), so the first thing to fix comes first.
import type { Finding, Severity } from '../../checks/types.js';
import { sanitize } from '../../model/sanitize.js';
import { refKey } from '../../model/types.js';
import { scopedFindings } from '../analysis.js';
import { SEVERITY_ORDER, severitySymbol, severityTone } from '../theme.js';
import type { Analysis, TextRow } from '../types.js';
import { findingSegments, seg, textRow } from './common.js';
import { filterTerms, matchesTerms } from './filter.js';

const TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function searchOf(f: Finding): string {
  return [f.id, f.object.kind, f.object.namespace ?? '', f.object.name, f.message].join(' ').toLowerCase();
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "(19: 14 findings + 5 consequences, incl. 1 warning)": the rows under the heading (after the
 * filter), and why a consequence of another severity sits under a root of this one.
 */
function headingCount(sev: Severity, tops: readonly Finding[], cons: readonly Finding[]): string {
  if (cons.length === 0) return `(${tops.length})`;
  const others = SEVERITY_ORDER.filter((x) => x !== sev)
    .map((x) => [x, cons.filter((c) => c.severity === x).length] as const)
    .filter(([, n]) => n > 0)
    .map(([x, n]) => (x === 'info' ? `${n} info` : plural(n, x)));
  const incl = others.length > 0 ? `, incl. ${others.join(', ')}` : '';
  return `(${tops.length + cons.length}: ${plural(tops.length, 'finding')} + ${plural(cons.length, 'consequence')} under their root cause${incl})`;
}

export function problemRows(a: Analysis, opts: { scope?: string; filter: string; blind?: readonly TextRow[] }): TextRow[] {
  const terms = filterTerms(opts.filter);
  const scoped = new Set(scopedFindings(a, opts.scope).map((f) => f.key));
  const visible = (f: Finding): boolean => scoped.has(f.key) && matchesTerms(searchOf(f), terms);
  const consequencesOf = new Map<string, string[]>();
  for (const rc of a.report.rootCauses) consequencesOf.set(rc.root, rc.consequences);
  // a consequence is shown under its root only when that root is itself shown
  const shownUnderRoot = new Set<string>();
  for (const rc of a.report.rootCauses) {
    const root = a.findingByKey.get(rc.root);
    if (root && visible(root)) for (const c of rc.consequences) shownUnderRoot.add(c);
  }
  const out: TextRow[] = [];
  for (const sev of SEVERITY_ORDER) {
    const tops = a.report.findings.filter((f) => f.severity === sev && !shownUnderRoot.has(f.key) && visible(f));
    if (tops.length === 0) continue;
    const consOf = (f: Finding): Finding[] => (consequencesOf.get(f.key) ?? []).map((k) => a.findingByKey.get(k)).filter((c): c is Finding => c !== undefined && scoped.has(c.key));
    out.push(textRow(`sev:${sev}`, 0, [seg(`${severitySymbol(sev)} ${TITLES[sev]} ${headingCount(sev, tops, tops.flatMap(consOf))}`, severityTone(sev), true)]));
    for (const f of tops) {
      const cons = consOf(f);
      // "(root cause of N)" before the message, which is cut at the end of the line
      const segs = findingSegments(f);
      out.push({ ...textRow(f.key, 1, [...segs.slice(0, 3), ...(cons.length > 0 ? [seg(`  (root cause of ${cons.length})`, 'muted')] : []), ...segs.slice(3)], refKey(f.object)), finding: f.key });
      for (const c of cons) out.push({ ...textRow(`${f.key}>${c.key}`, 2, [seg('↳ ', 'muted'), ...findingSegments(c)], refKey(c.object)), finding: c.key });
    }
  }
  if (out.length === 0 && opts.blind) out.push(...opts.blind);
  else if (out.length === 0) {
    const none = a.report.findings.length === 0 ? 'No findings: every check passed.' : 'No findings match the filter or namespace.';
    out.push(textRow('none', 0, [seg(none, a.report.findings.length === 0 ? 'ok' : 'muted')]));
  }
  for (const s of a.report.skipped) {
    out.push(textRow(`skip:${s.id}`, 0, [seg('skipped ', 'muted'), seg(sanitize(s.id), 'muted'), seg(`  ${sanitize(s.reason)}`, 'muted')]));
  }
  return out;
}
