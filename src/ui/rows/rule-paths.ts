// Which of the engine's entry paths belongs to which line of the Ingresses & Routes tree.
// The engine emits one EntryPath per Ingress rule and one per HTTPRoute parent × rule ×
// backend, in the graph's order, without a rule index: match on what the path says (entry,
// Service, Gateway) first and fall back to that order, so the tree shows the verdict the
// engine computed instead of re-deriving it from the backend alone.
import type { EntryPath, Hop, Verdict } from '../../checks/types.js';
import type { BackendView, IngressRouteView, IngressView, RouteView } from '../../model/graph-types.js';
import { refKey } from '../../model/types.js';
import type { Analysis } from '../types.js';

type Pred = (p: EntryPath) => boolean;

/** The first unused path that satisfies the strictest predicate that any path satisfies. */
function pick(candidates: readonly EntryPath[], used: Set<EntryPath>, preds: readonly Pred[]): EntryPath | undefined {
  for (const pred of preds) {
    const p = candidates.find((c) => !used.has(c) && pred(c));
    if (p) {
      used.add(p);
      return p;
    }
  }
  return undefined;
}

function backendKey(b: BackendView): string {
  return b.service ? refKey(b.service) : refKey({ kind: 'Service', namespace: b.namespace, name: b.serviceName });
}

/** The Service a path ends at: `service`, else the first hop on a Service (a missing Service has no `service`). */
function pathServiceKey(p: EntryPath): string | undefined {
  if (p.service) return refKey(p.service);
  const h = p.hops.find((x) => x.object?.kind === 'Service');
  return h?.object ? refKey(h.object) : undefined;
}

function pathsFrom(a: Analysis, key: string, kind: EntryPath['kind']): EntryPath[] {
  return (a.pathsByObject.get(key) ?? []).filter((p) => p.kind === kind && refKey(p.from) === key);
}

function ruleEntry(r: IngressRouteView): string {
  return r.isDefault ? '(default backend)' : `://${r.host || '*'}${r.path}`;
}

/** One path (or none) per rule of the Ingress, in the order of `v.routes`. */
export function ingressRulePaths(a: Analysis, v: IngressView): (EntryPath | undefined)[] {
  const candidates = pathsFrom(a, v.key, 'ingress');
  const used = new Set<EntryPath>();
  return v.routes.map((r) => {
    const svc = backendKey(r.backend);
    const entry = ruleEntry(r);
    const entryMatches: Pred = (p) => (r.isDefault ? p.entry.includes(entry) : p.entry.endsWith(entry));
    return pick(candidates, used, [(p) => entryMatches(p) && pathServiceKey(p) === svc, entryMatches, (p) => pathServiceKey(p) === svc, () => true]);
  });
}

/** Per rule, per backend: the paths through each parent Gateway (one per parent). */
export function routeBackendPaths(a: Analysis, v: RouteView): EntryPath[][][] {
  const candidates = pathsFrom(a, v.key, v.route.kind === 'GRPCRoute' ? 'grpcroute' : 'httproute');
  const used = new Set<EntryPath>();
  const out: EntryPath[][][] = v.rules.map((rule) => rule.backends.map(() => []));
  for (const parent of v.parents) {
    const via = ` via ${parent.gateway.namespace ?? ''}/${parent.gateway.name}`;
    v.rules.forEach((rule, ri) => {
      rule.backends.forEach((b, bi) => {
        const svc = backendKey(b);
        const p = pick(candidates, used, [(x) => x.entry.endsWith(via) && pathServiceKey(x) === svc, (x) => pathServiceKey(x) === svc, () => true]);
        if (p) out[ri]?.[bi]?.push(p);
      });
    });
  }
  return out;
}

/** Several paths (one per parent Gateway) as one: the worst verdict wins. */
export function worstVerdict(paths: readonly EntryPath[]): Verdict | undefined {
  if (paths.length === 0) return undefined;
  if (paths.some((p) => p.verdict === 'broken')) return 'broken';
  if (paths.some((p) => p.verdict === 'unknown')) return 'unknown';
  return 'ok';
}

/** The hop on the entry object itself: an Ingress's class/controller, a route's attachment. */
export function ownHop(p: EntryPath): Hop | undefined {
  return p.hops.find((h) => h.object !== undefined && refKey(h.object) === refKey(p.from));
}

/** A hop's name on a tree line that already names the entry and the Service. */
function hopName(p: EntryPath, h: Hop): string {
  if (h === ownHop(p)) return p.kind === 'ingress' ? 'class/controller' : 'route attachment';
  if (h.object?.kind === 'Secret') return 'TLS';
  if (h.object?.kind === 'Service' && h.label.startsWith('Service')) return 'Service';
  return h.label;
}

/** Short names of the hops with the given verdict, deduplicated, in path order. */
export function hopNames(paths: readonly EntryPath[], verdict: Verdict): string[] {
  const names: string[] = [];
  for (const p of paths) {
    for (const h of p.hops) {
      if (h.verdict !== verdict) continue;
      const name = hopName(p, h);
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}
