// One pass per snapshot: graph, report and the indexes the views look things up in.
import type { EntryPath, Finding } from '../checks/types.js';
import { rank } from '../checks/root-causes.js';
import { scopeTo } from '../cluster/snapshot-files.js';
import { allObjects, collectionOf, snapshotFrom } from '../model/snapshot.js';
import type { AnyObject, ClusterSnapshot } from '../model/types.js';
import { KINDS, refKey, refOf } from '../model/types.js';
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

/** Is an object in the namespace scope (cluster-scoped objects always are)? */
export function inScope(namespace: string | undefined, scope: string | undefined): boolean {
  return scope === undefined || namespace === undefined || namespace === scope;
}

/**
 * The snapshot `kexplore check -n NS` analyses: the namespace's objects plus cluster-scoped
 * kinds and controllers (scopeTo), the other namespaces' kinds marked partial. `:ns NS`
 * analyses this same snapshot so the UI counts and lists what `check -n NS` reports.
 */
export function scopedSnapshot(s: ClusterSnapshot, ns: string): ClusterSnapshot {
  const vis = { ...s.visibility };
  const kept = scopeTo(ns, KINDS.flatMap((k) => collectionOf(s, k).filter((o) => o.kind === k)), vis);
  return snapshotFrom(kept, s.source, s.takenAt, { visibility: vis, namespace: ns, ...(s.parameterLookups ? { parameterLookups: s.parameterLookups } : {}) });
}

/**
 * The findings a namespace scope shows (Problems list and header counts agree on it): those
 * of objects in the scope (cluster-scoped objects always are), and the consequences of a
 * root cause in the scope even when they sit in another namespace — the fix is made here
 * (e.g. payments/reports blocked because of an HTTPRoute in shop). A cluster-scoped root
 * (an IngressClass) does not pull other namespaces' consequences into every scope.
 */
export function scopedFindings(a: Analysis, scope: string | undefined): Finding[] {
  // a snapshot scoped to this namespace (`-n`, or `:ns` through scopedSnapshot): all of it, as `check -n` reports
  if (scope === undefined || a.snapshot.namespace === scope) return a.report.findings;
  const pulled = new Set<string>();
  for (const rc of a.report.rootCauses) {
    const root = a.findingByKey.get(rc.root);
    if (root?.object.namespace !== undefined && root.object.namespace === scope) for (const c of rc.consequences) pulled.add(c);
  }
  return a.report.findings.filter((f) => inScope(f.object.namespace, scope) || pulled.has(f.key));
}
