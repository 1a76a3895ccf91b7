// One pass per snapshot: graph, report and the indexes the views look things up in.
import type { EntryPath, Finding } from '../checks/types.js';
import { rank } from '../checks/root-causes.js';
import { findingsInScope } from '../checks/scope.js';
import { allObjects } from '../model/snapshot.js';
import type { AnyObject, ClusterSnapshot } from '../model/types.js';
import { refKey, refOf } from '../model/types.js';
import type { Analyse, Analysis } from './types.js';
import { severityRank } from './theme.js';

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function analyseWith(analyse: Analyse, s: ClusterSnapshot, graceMs: number): Analysis {
  const { graph, report } = analyse(s, graceMs);
  const objects = new Map<string, AnyObject>();
  for (const o of allObjects(s)) objects.set(refKey(refOf(o)), o);
  const findingsByObject = new Map<string, Finding[]>();
  const findingByKey = new Map<string, Finding>();
  for (const f of report.findings) {
    push(findingsByObject, refKey(f.object), f);
    findingByKey.set(f.key, f);
  }
  const relatedFindings = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const own = refKey(f.object);
    for (const k of new Set((f.related ?? []).map(refKey))) if (k !== own) push(relatedFindings, k, f);
  }
  for (const list of [...findingsByObject.values(), ...relatedFindings.values()]) list.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const pathsByObject = new Map<string, EntryPath[]>();
  for (const p of report.paths) {
    const from = refKey(p.from);
    push(pathsByObject, from, p);
    if (p.service) {
      const svc = refKey(p.service);
      if (svc !== from) push(pathsByObject, svc, p);
    }
  }
  const ns = new Set<string>(s.namespaces.map((n) => n.metadata.name));
  if (ns.size === 0) for (const o of objects.values()) if (o.metadata.namespace) ns.add(o.metadata.namespace);
  return { snapshot: s, graph, report, objects, findingsByObject, findingByKey, relatedFindings, pathsByObject, namespaces: [...ns].sort() };
}

/**
 * Worst finding of an object: the highest severity (findings are sorted by it), and among
 * those the earliest link of the root-cause chain (lb.class-unclaimed before lb.pending).
 */
export function worstFinding(a: Analysis, key: string): Finding | undefined {
  const fs = a.findingsByObject.get(key);
  const top = fs?.[0];
  if (!fs || !top) return undefined;
  return fs.filter((f) => f.severity === top.severity).reduce((best, f) => (rank(f.id) < rank(best.id) ? f : best), top);
}

/** The findings a namespace scope shows (Problems list and header counts agree on it); see findingsInScope. */
export function scopedFindings(a: Analysis, scope: string | undefined): Finding[] {
  // a snapshot read for this namespace only (`-n` on a live cluster): all of it, as `check -n` reports
  if (scope === undefined || a.snapshot.namespace === scope) return a.report.findings;
  return findingsInScope(a.report, scope);
}
