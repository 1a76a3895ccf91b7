// buildGraph: Services grouped by type with their addresses and endpoints, and every
// Ingress rule / HTTPRoute rule resolved hop by hop to Service port → endpoints → pods → nodes.
import { endpointsForPort, endpointsOf, epReady, epServing, epTerminating, type FlatEndpoint } from './endpoints.js';
import { exposureAddresses, serviceGroup } from './exposure.js';
import type {
  BackendTarget,
  BackendView,
  EndpointView,
  ExposureGraph,
  GatewayView,
  IngressRouteView,
  IngressView,
  PortView,
  RouteParentView,
  RouteView,
  ServiceGroup,
  ServiceView,
} from './graph-types.js';
import { ingressHostMatches } from './hostnames.js';
import { indexes, nsName } from './index.js';
import { controllerStatus, ingressController } from './controllers.js';
import { effectiveClass } from './ingress-class.js';
import { nodeReady } from './nodes.js';
import { notReadyReason, selectedPods } from './pods.js';
import { isVisible } from './snapshot.js';
import { refKey, refOf, type ClusterSnapshot, type Gateway, type Ingress, type ObjectRef, type Service, type ServiceBackendPort, type ServicePort, type Route } from './types.js';
import { ruleMatchViews } from './route-matches.js';
import { candidateVerdicts, GATEWAY_GROUP } from './listener-admission.js';

const cache = new WeakMap<ClusterSnapshot, ExposureGraph>();

export function buildGraph(s: ClusterSnapshot): ExposureGraph {
  const hit = cache.get(s);
  if (hit) return hit;
  const reachedBy = new Map<string, ObjectRef[]>();
  const addReach = (ns: string, name: string, from: ObjectRef): void => {
    const k = refKey({ kind: 'Service', namespace: ns, name });
    const list = reachedBy.get(k) ?? [];
    if (!list.some((r) => refKey(r) === refKey(from))) list.push(from);
    reachedBy.set(k, list);
  };

  const ingresses = s.ingresses.map((ing) => ingressView(s, ing, addReach));
  const routes = [...s.httpRoutes, ...s.grpcRoutes].map((r) => routeView(s, r, addReach));
  const gateways = s.gateways.map((g) => gatewayView(s, g, routes));

  const services: ServiceView[] = s.services.map((svc) => serviceView(s, svc, reachedBy.get(refKey(refOf(svc))) ?? []));
  services.sort((a, b) => (a.ref.namespace ?? '').localeCompare(b.ref.namespace ?? '') || a.ref.name.localeCompare(b.ref.name));
  const byGroup: Record<ServiceGroup, ServiceView[]> = { ClusterIP: [], Headless: [], NodePort: [], LoadBalancer: [], ExternalName: [] };
  const serviceByKey = new Map<string, ServiceView>();
  for (const v of services) {
    byGroup[v.group].push(v);
    serviceByKey.set(v.key, v);
  }
  const g: ExposureGraph = { services, byGroup, serviceByKey, ingresses, gateways, routes };
  cache.set(s, g);
  return g;
}

function endpointView(s: ClusterSnapshot, fe: FlatEndpoint): EndpointView {
  const e = fe.endpoint;
  const ix = indexes(s);
  const v: EndpointView = {
    address: e.addresses[0] ?? '',
    ready: epReady(e),
    serving: epServing(e),
    terminating: epTerminating(e),
    ports: fe.ports,
  };
  if (e.nodeName) v.nodeName = e.nodeName;
  if (e.zone) v.zone = e.zone;
  if (e.targetRef?.kind === 'Pod' && e.targetRef.name) {
    const ns = e.targetRef.namespace ?? fe.slice?.metadata.namespace;
    v.pod = { kind: 'Pod', ...(ns ? { namespace: ns } : {}), name: e.targetRef.name };
    if (!v.ready) {
      const pod = ix.podByName.get(nsName(ns, e.targetRef.name));
      const node = e.nodeName ? ix.nodeByName.get(e.nodeName) : undefined;
      v.notReadyReason = pod ? notReadyReason(pod, node ? nodeReady(node) : undefined) : v.terminating ? 'terminating' : 'not ready';
    }
  } else if (!v.ready) v.notReadyReason = v.terminating ? 'terminating' : 'not ready';
  return v;
}

/**
 * One backend per pod (targetRef), per address otherwise: a dual-stack pod is listed once in the
 * IPv4 slice and once in the IPv6 slice, with two addresses, and is still one backend.
 */
function dedupeKey(e: EndpointView): string {
  return e.pod ? `pod|${e.pod.namespace ?? ''}|${e.pod.name}` : `addr|${e.address}`;
}

/** Merge the state of a second listing of the same backend (the other address family). */
function mergeState(prev: { ready: boolean; serving: boolean; terminating: boolean; notReadyReason?: string }, next: { ready: boolean; serving: boolean; terminating: boolean; notReadyReason?: string }): void {
  prev.ready ||= next.ready;
  prev.serving ||= next.serving;
  prev.terminating &&= next.terminating;
  if (prev.ready) delete prev.notReadyReason;
  else if (!prev.notReadyReason && next.notReadyReason) prev.notReadyReason = next.notReadyReason;
}

function serviceView(s: ClusterSnapshot, svc: Service, reached: ObjectRef[]): ServiceView {
  const ref = refOf(svc);
  const flat = endpointsOf(s, svc);
  const view: ServiceView = {
    ref,
    key: refKey(ref),
    service: svc,
    group: serviceGroup(svc),
    addresses: exposureAddresses(s, svc),
    ports: (svc.spec.ports ?? []).map((p) => portView(p, flat)),
    reachedBy: reached,
  };
  if (flat && svc.spec.type !== 'ExternalName') {
    const seen = new Map<string, EndpointView>();
    for (const fe of flat) {
      const ev = endpointView(s, fe);
      const k = dedupeKey(ev);
      const prev = seen.get(k);
      if (prev) {
        for (const p of ev.ports) if (!prev.ports.some((q) => q.name === p.name && q.protocol === p.protocol)) prev.ports.push(p);
        mergeState(prev, ev);
      } else seen.set(k, { ...ev, ports: [...ev.ports] });
    }
    view.endpoints = [...seen.values()];
    view.totalCount = view.endpoints.length;
    view.readyCount = view.endpoints.filter((e) => e.ready).length;
  }
  if (isVisible(s, 'Pod', svc.metadata.namespace)) {
    const pods = selectedPods(s, svc);
    if (pods) view.selectedPods = pods.map(refOf);
  }
  return view;
}

function portView(p: ServicePort, flat: FlatEndpoint[] | undefined): PortView {
  const resolved = new Set<number>();
  if (flat) for (const { fe, port } of endpointsForPort(flat, p)) if (port !== undefined && epReady(fe.endpoint)) resolved.add(port);
  const v: PortView = { protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort ?? p.port, resolvedTargetPorts: [...resolved].sort((a, b) => a - b) };
  if (p.name) v.name = p.name;
  if (p.nodePort) v.nodePort = p.nodePort;
  return v;
}

/** Find the Service port an Ingress backend (name or number) or HTTPRoute backend (number) means. */
export function matchServicePort(svc: Service, port: ServiceBackendPort | undefined): ServicePort | undefined {
  const ports = svc.spec.ports ?? [];
  if (!port || (port.number === undefined && !port.name)) return ports.length === 1 ? ports[0] : undefined;
  // Compare only the field that is set (two empty names are not a match).
  if (port.number !== undefined) return ports.find((p) => p.port === port.number);
  return ports.find((p) => p.name !== undefined && p.name === port.name);
}

/** Resolve a Service backend to its endpoints. Shared by Ingress and HTTPRoute backends. */
export function resolveBackend(s: ClusterSnapshot, namespace: string, name: string, port: ServiceBackendPort | undefined, weight?: number): BackendView {
  const bv: BackendView = { serviceName: name, namespace, state: 'unknown', targets: [] };
  if (port) bv.port = port;
  if (weight !== undefined) bv.weight = weight;
  if (!isVisible(s, 'Service', namespace)) {
    bv.note = 'Services in this namespace are not visible';
    return bv;
  }
  const svc = indexes(s).serviceByName.get(nsName(namespace, name));
  if (!svc) {
    bv.state = 'service-missing';
    return bv;
  }
  bv.service = refOf(svc);
  if (svc.spec.type === 'ExternalName') {
    bv.state = 'external-name';
    bv.note = `DNS alias for ${svc.spec.externalName ?? '?'}`;
    return bv;
  }
  const sp = matchServicePort(svc, port);
  if (!sp) {
    bv.state = 'port-missing';
    return bv;
  }
  bv.servicePort = sp;
  const flat = endpointsOf(s, svc);
  if (!flat) {
    bv.note = 'EndpointSlices in this namespace are not visible';
    return bv;
  }
  const seen = new Map<string, BackendTarget & { serving: boolean }>();
  for (const { fe, port: epPort } of endpointsForPort(flat, sp)) {
    const ev = endpointView(s, fe);
    const k = dedupeKey(ev);
    const prev = seen.get(k);
    if (prev) {
      mergeState(prev, ev);
      continue;
    }
    const t: BackendTarget & { serving: boolean } = { address: ev.address, ready: ev.ready, terminating: ev.terminating, serving: ev.serving };
    if (epPort !== undefined) t.port = epPort;
    if (ev.pod) t.pod = ev.pod;
    if (ev.nodeName) t.nodeName = ev.nodeName;
    if (ev.notReadyReason) t.notReadyReason = ev.notReadyReason;
    seen.set(k, t);
  }
  for (const { serving: _serving, ...t } of seen.values()) bv.targets.push(t);
  bv.state = bv.targets.some((t) => t.ready) ? 'ok' : 'no-endpoints';
  return bv;
}

function ingressView(s: ClusterSnapshot, ing: Ingress, addReach: (ns: string, name: string, from: ObjectRef) => void): IngressView {
  const ref = refOf(ing);
  const ns = ing.metadata.namespace ?? '';
  const cls = effectiveClass(s, ing);
  // the IngressClass's controller, or the one a legacy annotation value means
  const controller = ingressController(cls);
  let presence: IngressView['controllerPresence'] = 'unknown';
  let controllerPods: ObjectRef[] = [];
  if (controller) {
    const st = controllerStatus(s, controller);
    presence = st.presence;
    controllerPods = st.readyPods.map(refOf);
  }
  const tls = (ing.spec.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], ...(t.secretName ? { secretName: t.secretName } : {}) }));
  const tlsFor = (host: string): string | undefined => tls.find((t) => t.hosts.some((h) => h === host || ingressHostMatches(h, host)))?.secretName;
  const routes: IngressRouteView[] = [];
  const backendOf = (b: NonNullable<Ingress['spec']['defaultBackend']>): BackendView => {
    if (b.service) {
      addReach(ns, b.service.name, ref);
      return resolveBackend(s, ns, b.service.name, b.service.port);
    }
    const r = b.resource;
    return { serviceName: '', namespace: ns, state: 'resource', targets: [], note: r ? `${r.apiGroup ? `${r.apiGroup}/` : ''}${r.kind}/${r.name}` : 'empty backend' };
  };
  for (const [ri, rule] of (ing.spec.rules ?? []).entries()) {
    const host = rule.host ?? '';
    for (const [pi, p] of (rule.http?.paths ?? []).entries()) {
      const rv: IngressRouteView = { host, path: p.path ?? '/', isDefault: false, backend: backendOf(p.backend), backendField: `spec.rules[${ri}].http.paths[${pi}].backend.service` };
      if (p.pathType) rv.pathType = p.pathType;
      const secret = host ? tlsFor(host) : undefined;
      if (secret) rv.tlsSecret = secret;
      routes.push(rv);
    }
  }
  if (ing.spec.defaultBackend) routes.push({ host: '', path: '', isDefault: true, backend: backendOf(ing.spec.defaultBackend), backendField: 'spec.defaultBackend.service' });
  const view: IngressView = {
    ref,
    key: refKey(ref),
    ingress: ing,
    classSource: cls.source,
    controllerPresence: presence,
    controllerPods,
    addresses: (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter((a) => a !== ''),
    tls,
    routes,
  };
  if (cls.name) view.className = cls.name;
  if (cls.ingressClass) view.ingressClass = cls.ingressClass;
  if (controller) view.controller = controller;
  return view;
}

/**
 * Listeners of a Gateway a route attaches to (namespaces, kinds, hostnames, sectionName, port).
 * One whose admission cannot be decided (Namespace labels not visible) counts: never a false "none".
 */
export function admittingListeners(s: ClusterSnapshot, gw: Gateway, route: Route, sectionName?: string, port?: number): string[] {
  return candidateVerdicts(s, gw, route, sectionName, port).filter((v) => v.admits !== false).map((v) => v.listener);
}

function routeView(s: ClusterSnapshot, r: Route, addReach: (ns: string, name: string, from: ObjectRef) => void): RouteView {
  const ref = refOf(r);
  const ns = r.metadata.namespace ?? '';
  const parents: RouteParentView[] = (r.spec.parentRefs ?? [])
    .filter((p) => (p.kind ?? 'Gateway') === 'Gateway' && (p.group ?? GATEWAY_GROUP) === GATEWAY_GROUP)
    .map((p) => {
      const gns = p.namespace ?? ns;
      const gw = s.gateways.find((g) => g.metadata.namespace === gns && g.metadata.name === p.name);
      const pv: RouteParentView = {
        gateway: { kind: 'Gateway', namespace: gns, name: p.name },
        gatewayFound: gw ? true : isVisible(s, 'Gateway', gns) ? false : undefined,
        listeners: gw ? admittingListeners(s, gw, r, p.sectionName, p.port) : [],
      };
      if (p.sectionName) pv.sectionName = p.sectionName;
      const st = (r.status?.parents ?? []).find((sp) => sp.parentRef.name === p.name && (sp.parentRef.namespace ?? ns) === gns && sp.parentRef.sectionName === p.sectionName);
      const acc = st?.conditions?.find((c) => c.type === 'Accepted');
      if (acc) {
        pv.accepted = acc.status === 'True';
        if (acc.reason) pv.reason = acc.reason;
      }
      return pv;
    });
  const rules = (r.spec.rules ?? []).map((rule, ri) => ({
    matches: ruleMatchViews(r, ri),
    backends: (rule.backendRefs ?? []).map((b): BackendView => {
      const bns = b.namespace ?? ns;
      if ((b.kind ?? 'Service') !== 'Service' || (b.group ?? '') !== '') return { serviceName: b.name, namespace: bns, state: 'resource', targets: [], note: `${b.group ?? ''}/${b.kind ?? ''}/${b.name}` };
      addReach(bns, b.name, ref);
      return resolveBackend(s, bns, b.name, b.port !== undefined ? { number: b.port } : undefined, b.weight);
    }),
  }));
  return { ref, key: refKey(ref), route: r, hostnames: r.spec.hostnames ?? [], parents, rules };
}

function gatewayView(s: ClusterSnapshot, g: Gateway, routes: RouteView[]): GatewayView {
  const ref = refOf(g);
  const key = refKey(ref);
  return {
    ref,
    key,
    gateway: g,
    className: g.spec.gatewayClassName,
    classFound: s.gatewayClasses.some((c) => c.metadata.name === g.spec.gatewayClassName) ? true : s.visibility.GatewayClass.state === 'visible' ? false : undefined,
    addresses: (g.status?.addresses ?? []).map((a) => a.value),
    listeners: g.spec.listeners.map((l) => {
      const st = g.status?.listeners?.find((x) => x.name === l.name);
      return st?.attachedRoutes !== undefined ? { ...l, attachedRoutes: st.attachedRoutes } : { ...l };
    }),
    routes: routes.filter((r) => r.parents.some((p) => refKey(p.gateway) === key)).map((r) => r.ref),
  };
}
