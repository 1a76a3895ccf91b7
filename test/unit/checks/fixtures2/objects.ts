// Builders for the kinds fixtures/build.ts does not make: Namespaces, Events, NetworkPolicies
// and Gateway API objects, shaped as the API returns them (CRD defaults applied).
import { OLD, type Raw } from '../fixtures/build.js';

export const G = 'gateway.networking.k8s.io';

export function namespace(name: string, labels: Record<string, string> = {}): Raw {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: OLD, labels: { 'kubernetes.io/metadata.name': name, ...labels } }, status: { phase: 'Active' } };
}

export function event(ns: string, involved: { kind: string; name: string }, reason: string, message: string, type = 'Warning', at = OLD): Raw {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: `${involved.name}.${reason.toLowerCase()}`, namespace: ns, creationTimestamp: at }, involvedObject: { ...involved, namespace: ns }, type, reason, message, lastTimestamp: at, count: 3 };
}

export function netpol(ns: string, name: string, spec: Raw): Raw {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns, creationTimestamp: OLD }, spec };
}

export const cond = (type: string, status: 'True' | 'False' | 'Unknown' = 'True', reason = type, message = ''): Raw => ({ type, status, reason, message, lastTransitionTime: OLD, observedGeneration: 1 });

export function gatewayClass(name: string, controllerName: string, conds: Raw[] = [cond('Accepted'), cond('SupportedVersion')], created = OLD): Raw {
  return { apiVersion: `${G}/v1`, kind: 'GatewayClass', metadata: { name, creationTimestamp: created }, spec: { controllerName }, status: { conditions: conds } };
}

export interface ListenerIn {
  name: string;
  port?: number;
  protocol?: string;
  hostname?: string;
  allowedRoutes?: Raw;
  tls?: Raw;
  /** status: attachedRoutes (default 1) and conditions (default Accepted/ResolvedRefs/Programmed True) */
  attached?: number;
  conds?: Raw[];
  /** status supportedKinds (default HTTPRoute and GRPCRoute, as Envoy Gateway writes for HTTP listeners) */
  supportedKinds?: string[];
}

export function gateway(ns: string, name: string, listeners: ListenerIn[], o: { className?: string; conds?: Raw[]; addresses?: string[]; created?: string; noStatus?: boolean; statusListeners?: ListenerIn[] } = {}): Raw {
  const spec = { gatewayClassName: o.className ?? 'eg', listeners: listeners.map((l) => ({ name: l.name, port: l.port ?? 80, protocol: l.protocol ?? 'HTTP', ...(l.hostname ? { hostname: l.hostname } : {}), ...(l.tls ? { tls: l.tls } : {}), allowedRoutes: l.allowedRoutes ?? { namespaces: { from: 'Same' } } })) };
  const status = {
    addresses: (o.addresses ?? ['203.0.113.30']).map((value) => ({ type: 'IPAddress', value })),
    conditions: o.conds ?? [cond('Accepted'), cond('Programmed')],
    listeners: (o.statusListeners ?? listeners).map((l) => ({ name: l.name, attachedRoutes: l.attached ?? 1, supportedKinds: (l.supportedKinds ?? ['HTTPRoute', 'GRPCRoute']).map((kind) => ({ group: G, kind })), conditions: l.conds ?? [cond('Accepted'), cond('ResolvedRefs'), cond('Programmed')] })),
  };
  return { apiVersion: `${G}/v1`, kind: 'Gateway', metadata: { name, namespace: ns, generation: 1, creationTimestamp: o.created ?? OLD }, spec, ...(o.noStatus ? {} : { status }) };
}

export interface ParentIn {
  name: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
  kind?: string;
  group?: string;
}

export interface BackendIn {
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  kind?: string;
  group?: string;
}

/**
 * An HTTPRoute. `parentStatus` per parentRef index: conditions written by the controller
 * (default Accepted + ResolvedRefs True); null = no status entry for that parent.
 */
export function httpRoute(ns: string, name: string, parents: ParentIn[], rules: BackendIn[][], o: { hostnames?: string[]; labels?: Record<string, string>; created?: string; parentStatus?: (Raw[] | null)[] } = {}): Raw {
  const parentRefs = parents.map((p) => ({ group: p.group ?? G, kind: p.kind ?? 'Gateway', name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}), ...(p.sectionName ? { sectionName: p.sectionName } : {}), ...(p.port ? { port: p.port } : {}) }));
  const statusParents = parentRefs.flatMap((pr, i) => {
    const c = o.parentStatus?.[i];
    if (c === null) return [];
    return [{ parentRef: pr, controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', conditions: c ?? [cond('Accepted'), cond('ResolvedRefs')] }];
  });
  return {
    apiVersion: `${G}/v1`,
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns, generation: 1, creationTimestamp: o.created ?? OLD, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      parentRefs,
      ...(o.hostnames ? { hostnames: o.hostnames } : {}),
      rules: rules.map((bs) => ({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: bs.map((b) => ({ group: b.group ?? '', kind: b.kind ?? 'Service', name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}), ...(b.port !== undefined ? { port: b.port } : {}), weight: b.weight ?? 1 })) })),
    },
    status: { parents: statusParents },
  };
}

/** A GRPCRoute: one rule per entry of `rules`, matching gRPC `service` (all methods) unless `matches` says otherwise. */
export function grpcRoute(
  ns: string,
  name: string,
  parents: ParentIn[],
  rules: { service?: string; method?: string; headers?: Raw[]; backends: BackendIn[] }[],
  o: { hostnames?: string[]; created?: string; parentStatus?: (Raw[] | null)[] } = {},
): Raw {
  const r = httpRoute(ns, name, parents, [], o);
  const spec = r.spec as Raw;
  spec.rules = rules.map((rule) => ({
    ...(rule.service || rule.method || rule.headers ? { matches: [{ ...(rule.service || rule.method ? { method: { type: 'Exact', ...(rule.service ? { service: rule.service } : {}), ...(rule.method ? { method: rule.method } : {}) } } : {}), ...(rule.headers ? { headers: rule.headers } : {}) }] } : {}),
    backendRefs: rule.backends.map((b) => ({ group: b.group ?? '', kind: b.kind ?? 'Service', name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}), ...(b.port !== undefined ? { port: b.port } : {}), weight: b.weight ?? 1 })),
  }));
  return { ...r, kind: 'GRPCRoute', spec };
}

export function referenceGrant(ns: string, name: string, fromNs: string, to: { kind?: string; name?: string } = {}, fromKind = 'HTTPRoute'): Raw {
  return { apiVersion: `${G}/v1beta1`, kind: 'ReferenceGrant', metadata: { name, namespace: ns, creationTimestamp: OLD }, spec: { from: [{ group: G, kind: fromKind, namespace: fromNs }], to: [{ group: '', kind: to.kind ?? 'Service', ...(to.name ? { name: to.name } : {}) }] } };
}
