// A namespace scope over a report made from the whole snapshot: the UI's `:ns NS` and
// `check -n NS` on a dump or the demo. The analysis keeps every namespace (a controller, a
// ReferenceGrant, a Gateway's proxies live elsewhere); the scope chooses what is reported.
import type { ClusterSnapshot } from '../model/types.js';
import type { EntryPath, Finding, Report } from './types.js';

/** Is an object in the namespace scope (cluster-scoped objects always are)? */
export function inScope(namespace: string | undefined, scope: string | undefined): boolean {
  return scope === undefined || namespace === undefined || namespace === scope;
}

/**
 * The findings a namespace scope shows: those of objects in the scope (cluster-scoped objects
 * always are), and the consequences of a root cause in the scope even when they sit in another
 * namespace — the fix is made here (e.g. payments/reports blocked because of an HTTPRoute in
 * shop). A cluster-scoped root (an IngressClass) does not pull other namespaces' consequences
 * into every scope, and shows only in the scopes of its consequences.
 */
export function findingsInScope(report: Report, scope: string | undefined): Finding[] {
  if (scope === undefined) return report.findings;
  const byKey = new Map(report.findings.map((f) => [f.key, f]));
  const consequences = new Map(report.rootCauses.map((rc) => [rc.root, rc.consequences]));
  const pulled = new Set(report.rootCauses.filter((rc) => byKey.get(rc.root)?.object.namespace === scope).flatMap((rc) => rc.consequences));
  const here = (f: Finding): boolean => {
    if (f.object.namespace !== undefined) return f.object.namespace === scope || pulled.has(f.key);
    // a cluster-scoped root (an IngressClass without a controller) belongs where its consequences are
    const cs = consequences.get(f.key) ?? [];
    return cs.length === 0 || cs.some((k) => inScope(byKey.get(k)?.object.namespace, scope));
  };
  return report.findings.filter(here);
}

const pathInScope = (p: EntryPath, scope: string): boolean => inScope(p.from.namespace, scope) || (p.service !== undefined && p.service.namespace === scope);

/** The report as `check -n scope` prints it, from the analysis of the whole snapshot `s`. */
export function scopeReport(report: Report, s: ClusterSnapshot, scope: string): Report {
  const findings = findingsInScope(report, scope);
  const keys = new Set(findings.map((f) => f.key));
  const count = (sev: Finding['severity']): number => findings.filter((f) => f.severity === sev).length;
  const here = (o: { metadata: { namespace?: string } }): boolean => o.metadata.namespace === scope;
  return {
    findings,
    skipped: report.skipped,
    rootCauses: report.rootCauses.filter((rc) => keys.has(rc.root)).map((rc) => ({ root: rc.root, consequences: rc.consequences.filter((k) => keys.has(k)) })),
    paths: report.paths.filter((p) => pathInScope(p, scope)),
    summary: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      services: s.services.filter(here).length,
      ingresses: s.ingresses.filter(here).length,
      httpRoutes: s.httpRoutes.filter(here).length,
      grpcRoutes: s.grpcRoutes.filter(here).length,
    },
  };
}
