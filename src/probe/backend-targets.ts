// What to ask the API server's pod proxy (§11.5, pure): one ready pod per TCP port of each
// selector Service. Bounded on purpose: one pod answers for its siblings (same template), and
// every request goes through the user's API server.
import { endpointsOf, epReady, slicePortFor } from '../model/endpoints.js';
import { refKey, refOf, type ClusterSnapshot, type Service } from '../model/types.js';
import type { Selection } from './targets.js';
import type { BackendTarget } from './types.js';

/**
 * Selectorless Services (and ExternalName) have no pods behind them: the API server refuses to
 * proxy to endpoints a user wrote by hand, so there is nothing to ask.
 */
function hasSelector(svc: Service): boolean {
  return svc.spec.type !== 'ExternalName' && Object.keys(svc.spec.selector ?? {}).length > 0;
}

function serviceBackends(s: ClusterSnapshot, svc: Service): BackendTarget[] {
  const eps = endpointsOf(s, svc);
  if (!eps) return [];
  const object = refOf(svc);
  const ns = svc.metadata.namespace ?? '';
  const out: BackendTarget[] = [];
  (svc.spec.ports ?? []).forEach((sp, portIndex) => {
    // the proxy speaks HTTP over TCP only
    if ((sp.protocol ?? 'TCP') !== 'TCP') return;
    const candidates = eps
      .filter((e) => epReady(e.endpoint) && e.endpoint.targetRef?.kind === 'Pod' && e.endpoint.targetRef.name)
      .flatMap((e) => {
        const port = slicePortFor(sp, e.ports)?.port;
        const ref = e.endpoint.targetRef;
        return port !== undefined && ref?.name ? [{ pod: ref.name, ns: ref.namespace ?? ns, ip: e.endpoint.addresses[0] ?? '', port }] : [];
      })
      // the same pod every run, whatever the slice order
      .sort((a, b) => a.pod.localeCompare(b.pod));
    const first = candidates[0];
    if (!first || first.ns !== ns) return;
    out.push({ kind: 'backend-via-apiserver', object, host: first.ip, port: first.port, pod: first.pod, servicePort: sp.port, portIndex, ...(sp.name ? { portName: sp.name } : {}) });
  });
  return out;
}

/**
 * At most this many proxy GETs per run: on a large cluster every Service port would otherwise be
 * one request through the user's API server. Services on an entry path are asked first.
 */
export const BACKEND_PROBE_LIMIT = 100;

/** Services an external client reaches: NodePort/LoadBalancer/externalIPs, or an Ingress/HTTPRoute/GRPCRoute backend. */
function exposedKeys(s: ClusterSnapshot): Set<string> {
  const out = new Set<string>();
  for (const svc of s.services) if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer' || (svc.spec.externalIPs ?? []).length > 0) out.add(refKey(refOf(svc)));
  for (const ing of s.ingresses) {
    const ns = ing.metadata.namespace;
    const names = [ing.spec.defaultBackend?.service?.name, ...(ing.spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend.service?.name))];
    for (const n of names) if (n) out.add(refKey({ kind: 'Service', ...(ns ? { namespace: ns } : {}), name: n }));
  }
  for (const r of [...s.httpRoutes, ...s.grpcRoutes])
    for (const rule of r.spec.rules ?? [])
      for (const b of rule.backendRefs ?? []) {
        const ns = b.namespace ?? r.metadata.namespace;
        if ((b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '') out.add(refKey({ kind: 'Service', ...(ns ? { namespace: ns } : {}), name: b.name }));
      }
  return out;
}

/** Every selector Service's ports (exposed ones first, capped), or only those of the selected Service. */
export function backendTargetsWithTotal(s: ClusterSnapshot, select: Selection = {}): { targets: BackendTarget[]; total: number } {
  if (select.ingress && !select.service) return { targets: [], total: 0 };
  const svcKey = select.service ? refKey(select.service) : undefined;
  const services = s.services.filter((svc) => hasSelector(svc) && (svcKey === undefined || refKey(refOf(svc)) === svcKey));
  const exposed = exposedKeys(s);
  const first = (svc: Service): number => (exposed.has(refKey(refOf(svc))) ? 0 : 1);
  const all = [...services].sort((a, b) => first(a) - first(b)).flatMap((svc) => serviceBackends(s, svc));
  return { targets: all.slice(0, BACKEND_PROBE_LIMIT), total: all.length };
}

export function backendTargets(s: ClusterSnapshot, select: Selection = {}): BackendTarget[] {
  return backendTargetsWithTotal(s, select).targets;
}
