// Group findings by root cause in the order of diagnostics.md Appendix C: one broken
// controller gives one root finding with its consequences attached, not five unrelated errors.
import { refKey, type ObjectRef } from '../model/types.js';
import type { Finding, RootCause } from './types.js';

/** Appendix C order: earlier links in the chain explain later ones. Unlisted IDs rank last. */
const ORDER: string[] = [
  // 1. name — (probe only)
  'probe.dns-mismatch',
  // 2. entry point exists
  'ingclass.none', 'ing.class-none', 'ing.class-not-found', 'ing.unclassed-despite-default', 'ing.class-annotation-unclaimed',
  'ingclass.no-controller', 'controller.not-ready', 'controller.multiple-claim', 'controller.admission-webhook-down', 'ingclass.parameters-missing',
  'gw.class-missing', 'gwc.not-accepted', 'gwc.unknown-controller', 'gw.not-accepted', 'gw.not-programmed', 'gw.listener-invalid', 'gw.listener-conflicted',
  'route.parent-missing', 'route.not-attachable', 'route.not-accepted', 'route.unreconciled',
  // 3. entry point reachable
  'controller.service-pending', 'lb.no-implementation', 'lb.class-unclaimed', 'lb.k3s-svclb-blocked', 'lb.no-eligible-nodes', 'lb.pending', 'gw.no-address', 'ing.not-admitted',
  'nodeport.no-ready-nodes', 'nodeport.etp-local-no-endpoints', 'nodeport.unreachable', 'lb.source-ranges',
  // 4. TLS
  'tls.secret-missing', 'tls.secret-unreadable', 'tls.secret-missing-keys', 'tls.cert-invalid', 'tls.cert-expired', 'tls.cert-not-yet-valid',
  'tls.host-not-covered', 'tls.rule-host-without-tls', 'tls.host-secret-conflict', 'gw.listener-cert-invalid', 'probe.tls-served-cert',
  // 5. routing
  'conflict.ingress-host-path', 'route.hostname-overlap', 'ing.path-invalid', 'ing.duplicate-path',
  'ing.backend-service-missing', 'route.backend-missing', 'route.backend-crossns-no-grant', 'route.resolvedrefs-false',
  'ing.backend-port-missing', 'route.backend-port-mismatch', 'ing.backend-service-type-unsupported',
  // 6. backends
  'svc.selector-no-pods', 'svc.backends-scaled-to-zero', 'svc.selectorless-no-endpoints', 'eps.none',
  'svc.targetport-name-unresolved', 'eps.port-unserved', 'eps.no-ready', 'eps.only-terminating',
  'svc.internal-traffic-local', 'nodeport.etp-local-partial', 'ing.backend-no-endpoints', 'route.backend-no-endpoints',
  // 7. policy
  'netpol.blocks-ingress-controller', 'netpol.blocks-gateway-dataplane', 'netpol.service-port-instead-of-target', 'netpol.blocks-all-clients', 'netpol.external-traffic-blocked',
  // 8. application (is the app listening on targetPort?)
  'probe.backend-via-apiserver',
];

/** Findings about one host/path (TLS entry, backend) of an Ingress, not the whole object. */
const PER_ROUTE = /^(tls\.|ing\.backend-|ing\.path-|ing\.duplicate-path)/;

/** Findings about a Service's backends (selection, endpoints, readiness, the app on targetPort). */
const BACKEND = /^(eps\.|svc\.(selector|targetport|backends|selectorless)|probe\.backend-via-apiserver$)/;

/** NetworkPolicy findings: a policy blocks whatever else is wrong upstream, fixing that leaves it. */
const POLICY = /^netpol\./;

/**
 * Can cause c explain finding f? Only for links the catalog describes; a fix of c must be able
 * to make f go away. `sameObject`: c sits on f's own object (not on an object f relates to).
 */
function explains(c: Finding, f: Finding, sameObject: boolean): boolean {
  // policy findings are explained by policies only; a policy explains only policy findings
  // and the 502/504 the controller answers when it cannot reach the pods (§10a, §11.3)
  if (POLICY.test(f.id) && !POLICY.test(c.id)) return false;
  if (POLICY.test(c.id) && !POLICY.test(f.id) && f.id !== 'probe.ingress-http') return false;
  // DNS records are outside the cluster: a wrong one explains no cluster-side finding
  if (c.id === 'probe.dns-mismatch') return false;
  if (!sameObject) return true;
  // a problem of one host/path of an Ingress explains nothing about another host/path
  if (PER_ROUTE.test(c.id) && !sharesRelated(c, f)) return false;
  // a Service's entry point (pending LB, NodePort) does not make its pods unready
  if (BACKEND.test(f.id) && !BACKEND.test(c.id)) return false;
  // a load balancer that gets no address explains its own lb.* facts, not the NodePorts'
  if (c.id.startsWith('lb.') && !f.id.startsWith('lb.')) return false;
  return true;
}

/** Do two findings point at a common object besides their own (the same Secret, Service …)? */
function sharesRelated(a: Finding, b: Finding): boolean {
  const own = refKey(a.object);
  const mine = new Set((a.related ?? []).map(refKey).filter((k) => k !== own));
  return (b.related ?? []).some((r) => mine.has(refKey(r)));
}

export function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
}

/**
 * A finding F is a consequence of R when R sits on F's object or on an object F relates to,
 * R is an error or warning, and R comes earlier in the chain. F.causedBy is set to the
 * root (the earliest link), and the groups are returned in Appendix C order (severity, then
 * key, break ties). Safe to call again after more findings (probes) are added.
 */
export function linkRootCauses(findings: Finding[]): RootCause[] {
  const byObject = new Map<string, Finding[]>();
  for (const f of findings) {
    delete f.causedBy;
    const k = refKey(f.object);
    const list = byObject.get(k) ?? [];
    list.push(f);
    byObject.set(k, list);
  }
  const directCause = new Map<string, Finding>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    // Causes on the objects a finding points at (its backend Service, its IngressClass) explain
    // it better than other problems of the same object: look there first.
    const pick = (refs: ObjectRef[], sameObject = false): Finding | undefined => {
      let best: Finding | undefined;
      for (const c of refs.flatMap((r) => byObject.get(refKey(r)) ?? [])) {
        if (c === f || c.severity === 'info') continue;
        if (rank(c.id) >= rank(f.id) || !explains(c, f, sameObject)) continue;
        if (!best || rank(c.id) < rank(best.id)) best = c;
      }
      return best;
    };
    const best = pick(f.related ?? []) ?? pick([f.object], true);
    if (best) directCause.set(f.key, best);
  }
  const rootOf = (f: Finding): Finding => {
    let cur = f;
    const guard = new Set<string>();
    for (let next = directCause.get(cur.key); next && !guard.has(next.key); next = directCause.get(cur.key)) {
      guard.add(cur.key);
      cur = next;
    }
    return cur;
  };
  const groups = new Map<string, string[]>();
  for (const f of findings) {
    if (!directCause.has(f.key)) continue;
    const root = rootOf(f);
    f.causedBy = root.key;
    const list = groups.get(root.key) ?? [];
    list.push(f.key);
    groups.set(root.key, list);
  }
  const out: RootCause[] = [];
  for (const f of findings) {
    if (f.causedBy || f.severity === 'info') continue;
    out.push({ root: f.key, consequences: groups.get(f.key) ?? [] });
  }
  const sev = { error: 0, warning: 1, info: 2 } as const;
  const byKey = new Map(findings.map((f) => [f.key, f]));
  out.sort((a, b) => {
    const fa = byKey.get(a.root);
    const fb = byKey.get(b.root);
    if (!fa || !fb) return 0;
    return rank(fa.id) - rank(fb.id) || sev[fa.severity] - sev[fb.severity] || fa.key.localeCompare(fb.key);
  });
  return out;
}
