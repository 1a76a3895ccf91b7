// Hand-made test data: a small cluster (the real buildGraph derives the graph) and a
// hand-written Report, since the check catalog is filled in separately.
import type { Finding, Report } from '../../src/checks/types.js';
import type { DataSource } from '../../src/cluster/source-types.js';
import { buildGraph } from '../../src/model/graph.js';
import type { ExposureGraph } from '../../src/model/graph-types.js';
import { snapshotFrom } from '../../src/model/snapshot.js';
import type { AnyObject, ClusterSnapshot, EndpointSlice, Ingress, Namespace, Pod, Service, SnapshotSource } from '../../src/model/types.js';
import { refKey } from '../../src/model/types.js';
import type { Analyse } from '../../src/ui/types.js';

export const TAKEN_AT = '2026-05-01T12:00:00.000Z';
const CREATED = '2026-04-01T12:00:00.000Z';

export function ns(name: string): Namespace {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: CREATED } };
}

export function svc(namespace: string, name: string, spec: Partial<Service['spec']> = {}, labels: Record<string, string> = {}): Service {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, namespace, labels, creationTimestamp: CREATED, uid: `uid-${namespace}-${name}` },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec },
  };
}

export function pod(namespace: string, name: string, labels: Record<string, string>, ready: boolean, ip: string, node = 'node-a'): Pod {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace, labels, creationTimestamp: CREATED },
    spec: { nodeName: node, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] },
    status: {
      phase: 'Running',
      podIP: ip,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady' }) }],
      containerStatuses: [{ name: 'app', ready, restartCount: ready ? 0 : 7, ...(ready ? {} : { state: { waiting: { reason: 'CrashLoopBackOff' } } }) }],
    },
  };
}

export function slice(s: Service, pods: Pod[]): EndpointSlice {
  const ns = s.metadata.namespace ?? 'default';
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: { name: `${s.metadata.name}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': s.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: pods.map((p) => ({
      addresses: [p.status?.podIP ?? ''],
      conditions: { ready: p.status?.conditions?.[0]?.status === 'True', serving: p.status?.conditions?.[0]?.status === 'True', terminating: false },
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name },
    })),
  };
}

export function ingress(namespace: string, name: string, host: string, service: string): Ingress {
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: CREATED },
    spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { name: 'http' } } } }] } }] },
  };
}

export const LIVE: SnapshotSource = { type: 'live', context: 'kind-test', cluster: 'kind-test', serverVersion: 'v1.33.1', state: 'live' };

export function snapshotOf(objects: AnyObject[], source: SnapshotSource = LIVE, takenAt = TAKEN_AT): ClusterSnapshot {
  return snapshotFrom(objects, source, takenAt, {
    seen: ['Namespace', 'Node', 'Service', 'EndpointSlice', 'Pod', 'Ingress', 'IngressClass', 'Secret', 'Event', 'NetworkPolicy', 'Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'],
  });
}

/** shop: web (2 ready), cart (selector matches nothing), db (headless), storefront (NodePort); payments: gateway (LB pending); legacy: partner (ExternalName). */
export function shopObjects(): AnyObject[] {
  const web = svc('shop', 'web', { selector: { app: 'web' }, clusterIP: '10.96.0.11' }, { team: 'storefront' });
  const cart = svc('shop', 'cart', { selector: { app: 'cart-v2' }, clusterIP: '10.96.0.12' });
  const db = svc('shop', 'db', { selector: { app: 'db' }, clusterIP: 'None', ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }] });
  const storefront = svc('shop', 'storefront', { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.96.0.13', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] });
  const gateway = svc('payments', 'gateway', { type: 'LoadBalancer', selector: { app: 'pay' }, clusterIP: '10.96.0.14', ports: [{ name: 'https', port: 443, targetPort: 8443, nodePort: 31443, protocol: 'TCP' }] });
  const partner = svc('legacy', 'partner', { type: 'ExternalName', externalName: 'api.partner.example', clusterIP: '', ports: [{ port: 443, protocol: 'TCP' }] });
  const web1 = pod('shop', 'web-1', { app: 'web' }, true, '10.244.1.5');
  const web2 = pod('shop', 'web-2', { app: 'web' }, true, '10.244.2.6', 'node-b');
  const cart1 = pod('shop', 'cart-1', { app: 'cart' }, false, '10.244.1.9');
  const db1 = pod('shop', 'db-0', { app: 'db' }, true, '10.244.1.7');
  const pay1 = pod('payments', 'pay-1', { app: 'pay' }, false, '10.244.2.8', 'node-b');
  return [
    ns('shop'),
    ns('payments'),
    ns('legacy'),
    web,
    cart,
    db,
    storefront,
    gateway,
    partner,
    web1,
    web2,
    cart1,
    db1,
    pay1,
    slice(web, [web1, web2]),
    slice(storefront, [web1, web2]),
    slice(db, [db1]),
    slice(gateway, [pay1]),
    slice(cart, []),
    ingress('shop', 'storefront', 'store.example.com', 'web'),
    ingress('shop', 'cart', 'cart.example.com', 'cart'),
  ];
}

export function shopSnapshot(source: SnapshotSource = LIVE): ClusterSnapshot {
  return snapshotOf(shopObjects(), source);
}

function finding(f: Omit<Finding, 'key'>): Finding {
  return { ...f, key: `${f.id}|${refKey(f.object)}` };
}

/** Findings for the shop cluster: one root cause with a consequence, a warning, an info. */
export function shopReport(s: ClusterSnapshot, g: ExposureGraph): Report {
  const has = (kind: string, namespace: string, name: string): boolean =>
    (kind === 'Service' ? s.services : s.ingresses).some((o: AnyObject) => o.metadata.namespace === namespace && o.metadata.name === name);
  const findings: Finding[] = [];
  if (has('Service', 'shop', 'cart')) {
    const root = finding({ id: 'svc.selector-no-pods', severity: 'error', object: { kind: 'Service', namespace: 'shop', name: 'cart' }, message: 'Service shop/cart selects app=cart-v2 but no pod has that label', hint: 'did you mean app=cart? (pod shop/cart-1)', fields: ['spec.selector'] });
    findings.push(root);
    if (has('Ingress', 'shop', 'cart'))
      findings.push({ ...finding({ id: 'ing.backend-no-endpoints', severity: 'error', object: { kind: 'Ingress', namespace: 'shop', name: 'cart' }, message: 'cart.example.com/ → shop/cart:http has no ready endpoints', hint: 'fix the Service selector first' }), causedBy: root.key });
  }
  if (has('Service', 'payments', 'gateway'))
    findings.push(finding({ id: 'lb.pending', severity: 'warning', object: { kind: 'Service', namespace: 'payments', name: 'gateway' }, message: 'LoadBalancer payments/gateway has no address after 30 days', hint: 'is a load-balancer controller (cloud, MetalLB) installed?' }));
  if (has('Service', 'shop', 'web'))
    findings.push(finding({ id: 'svc.single-port-unnamed', severity: 'info', object: { kind: 'Service', namespace: 'shop', name: 'web' }, message: 'Service shop/web: informational note', hint: 'nothing to do' }));
  const root = findings.find((f) => f.id === 'svc.selector-no-pods');
  const count = (sev: Finding['severity']): number => findings.filter((f) => f.severity === sev).length;
  return {
    findings,
    skipped: [],
    rootCauses: root ? [{ root: root.key, consequences: findings.filter((f) => f.causedBy === root.key).map((f) => f.key) }] : [],
    paths: [
      {
        entry: 'http://cart.example.com/',
        kind: 'ingress',
        from: { kind: 'Ingress', namespace: 'shop', name: 'cart' },
        service: { kind: 'Service', namespace: 'shop', name: 'cart' },
        verdict: 'broken',
        hops: [
          { label: 'Ingress shop/cart', verdict: 'ok', detail: 'class nginx' },
          { label: 'Service shop/cart:http', verdict: 'ok', detail: 'port 80 → targetPort http' },
          { label: 'endpoints', verdict: 'broken', detail: '0 ready: the selector matches no pod', field: 'spec.selector' },
        ],
      },
    ],
    summary: { error: count('error'), warning: count('warning'), info: count('info'), services: s.services.length, ingresses: s.ingresses.length, httpRoutes: s.httpRoutes.length, grpcRoutes: 0 },
  };
}

export const fixtureAnalyse: Analyse = (s) => {
  const graph = buildGraph(s);
  return { graph, report: shopReport(s, graph) };
};

/** n ClusterIP services in 10 namespaces, no pods: for the virtualisation test. */
export function bigSnapshot(n: number): ClusterSnapshot {
  const objects: AnyObject[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(5, '0');
    objects.push(svc(`ns-${i % 10}`, `svc-${id}`, { selector: { app: `a${id}` }, clusterIP: `10.96.${Math.floor(i / 250)}.${i % 250}` }));
  }
  return snapshotOf(objects);
}

/** A DataSource the test drives: push() delivers a new snapshot like a watch would. */
export interface FakeSource extends DataSource {
  push(s: ClusterSnapshot): void;
  refreshes: number;
  closed: boolean;
}

export function fakeSource(initial: ClusterSnapshot, contexts: string[] = ['kind-test', 'prod']): FakeSource {
  let snap = initial;
  const listeners = new Set<(s: ClusterSnapshot) => void>();
  const src: FakeSource = {
    type: initial.source.type,
    refreshes: 0,
    closed: false,
    current: () => snap,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    refresh() {
      src.refreshes++;
      return Promise.resolve();
    },
    close() {
      src.closed = true;
      return Promise.resolve();
    },
    contexts: () => contexts,
    push(s) {
      snap = s;
      for (const l of listeners) l(s);
    },
  };
  return src;
}
