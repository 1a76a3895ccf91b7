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

export function problemRows(a: Analysis, opts: { scope?: string; filter: string }): TextRow[] {
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
    const total = a.report.findings.filter((f) => f.severity === sev && scoped.has(f.key)).length;
    out.push(textRow(`sev:${sev}`, 0, [seg(`${severitySymbol(sev)} ${TITLES[sev]} (${total})`, severityTone(sev), true)]));
    for (const f of tops) {
      const cons = (consequencesOf.get(f.key) ?? []).map((k) => a.findingByKey.get(k)).filter((c): c is Finding => c !== undefined && scoped.has(c.key));
      // "(root cause of N)" before the message, which is cut at the end of the line
      const segs = findingSegments(f);
      out.push(textRow(f.key, 1, [...segs.slice(0, 3), ...(cons.length > 0 ? [seg(`  (root cause of ${cons.length})`, 'muted')] : []), ...segs.slice(3)], refKey(f.object)));
      for (const c of cons) out.push(textRow(`${f.key}>${c.key}`, 2, [seg('↳ ', 'muted'), ...findingSegments(c)], refKey(c.object)));
    }
  }
  if (out.length === 0) {
    const none = a.report.findings.length === 0 ? 'No findings: every check passed.' : 'No findings match the filter or namespace.';
    out.push(textRow('none', 0, [seg(none, a.report.findings.length === 0 ? 'ok' : 'muted')]));
  }
  for (const s of a.report.skipped) {
    out.push(textRow(`skip:${s.id}`, 0, [seg('skipped ', 'muted'), seg(sanitize(s.id), 'muted'), seg(`  ${sanitize(s.reason)}`, 'muted')]));
  }
  return out;
}
