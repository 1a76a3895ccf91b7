import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph, matchServicePort } from '../../../src/model/graph.js';
import { slim } from '../../../src/model/slim.js';
import { snapshotFrom } from '../../../src/model/snapshot.js';
import type { AnyObject, ClusterSnapshot, Kind, Service } from '../../../src/model/types.js';

// Raw objects as `kubectl get -o json` prints them (trimmed to what matters, managedFields kept to prove it is dropped).
const raw: unknown[] = [
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'a' } }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.11' }, { type: 'ExternalIP', address: '203.0.113.11' }], conditions: [{ type: 'Ready', status: 'True' }], images: [{ names: ['x'], sizeBytes: 1 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2026-11-01T10:00:00Z', managedFields: [{ manager: 'kubectl' }] }, spec: { type: 'NodePort', clusterIP: '10.96.4.10', clusterIPs: ['10.96.4.10'], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'api.example.com' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'shop' }, spec: { type: 'LoadBalancer', clusterIP: '10.96.4.11', selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8443, nodePort: 31443 }] }, status: { loadBalancer: {} } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } }, spec: { nodeName: 'node-a', containers: [{ name: 'web', image: 'web:1', env: [{ name: 'SECRET', value: 'x' }], ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { phase: 'Running', podIP: '10.244.0.5', conditions: [{ type: 'Ready', status: 'True' }] } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'shop', labels: { app: 'web' } }, spec: { nodeName: 'node-a', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { phase: 'Running', podIP: '10.244.0.6', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'web', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } },
  {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: 'web-x7k2p', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.244.0.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-a', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop' } },
      { addresses: ['10.244.0.6'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-a', targetRef: { kind: 'Pod', name: 'web-2', namespace: 'shop' } },
    ],
  },
  // legacy Ingress, as in the old docs: serviceName/servicePort
  { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'legacy', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } }, spec: { backend: { serviceName: 'web', servicePort: 'http' }, rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }, { path: '/api', backend: { serviceName: 'api', servicePort: 80 } }] } }] } },
];

function snap(objs: unknown[], extra: Kind[] = []): ClusterSnapshot {
  const items = objs.map((o) => slim(o)).filter((o): o is AnyObject => o !== undefined);
  return snapshotFrom(items, { type: 'snapshot' }, '2026-11-25T00:00:00Z', { seen: ['Service', 'Pod', 'EndpointSlice', 'Node', 'Ingress', ...extra] });
}

describe('slim', () => {
  it('drops managedFields, env and node images', () => {
    const s = snap(raw);
    const svc = s.services.find((x) => x.metadata.name === 'web');
    assert.ok(svc);
    assert.equal('managedFields' in svc.metadata, false);
    assert.equal(JSON.stringify(s.pods).includes('SECRET'), false);
    assert.equal(JSON.stringify(s.nodes).includes('sizeBytes'), false);
  });
  it("drops kubectl's last-applied-configuration and keeps every other annotation of a Service or Ingress", () => {
    const o = slim({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Service"}', 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } },
      spec: { ports: [{ port: 80 }] },
    });
    assert.deepEqual(o?.metadata.annotations, { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
  });
  it('normalises a legacy extensions/v1beta1 Ingress', () => {
    const ing = snap(raw).ingresses[0];
    assert.ok(ing);
    assert.equal(ing.sourceApiVersion, 'extensions/v1beta1');
    assert.deepEqual(ing.spec.defaultBackend, { service: { name: 'web', port: { name: 'http' } } });
    assert.deepEqual(ing.spec.rules?.[0]?.http?.paths[0], { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 80 } } } });
  });
});

describe('buildGraph', () => {
  const g = buildGraph(snap(raw));
  it('groups services by type, headless apart from ClusterIP', () => {
    assert.deepEqual(g.byGroup.NodePort.map((v) => v.ref.name), ['web']);
    assert.deepEqual(g.byGroup.Headless.map((v) => v.ref.name), ['db']);
    assert.deepEqual(g.byGroup.ExternalName.map((v) => v.ref.name), ['ext']);
    assert.deepEqual(g.byGroup.LoadBalancer.map((v) => v.ref.name), ['lb']);
  });
  it('lists every address a client could use', () => {
    const web = g.byGroup.NodePort[0];
    assert.ok(web);
    assert.deepEqual(web.addresses.map((a) => `${a.kind} ${a.host}:${a.port ?? ''}`), ['clusterIP 10.96.4.10:80', 'nodePort 203.0.113.11:30080']);
    const lb = g.byGroup.LoadBalancer[0];
    assert.ok(lb?.addresses.some((a) => a.kind === 'loadBalancer' && a.pending));
  });
  it('counts ready endpoints with the reason for the others, and resolves named targetPorts', () => {
    const web = g.byGroup.NodePort[0];
    assert.equal(web?.readyCount, 1);
    assert.equal(web?.totalCount, 2);
    assert.equal(web?.endpoints?.find((e) => !e.ready)?.notReadyReason, 'CrashLoopBackOff (3 restarts)');
    assert.deepEqual(web?.ports[0]?.resolvedTargetPorts, [8080]);
    assert.deepEqual(web?.selectedPods?.map((p) => p.name), ['web-1', 'web-2']);
  });
  it('resolves Ingress rules to backends and reports missing Services', () => {
    const iv = g.ingresses[0];
    assert.ok(iv);
    assert.equal(iv.className, 'nginx');
    assert.equal(iv.classSource, 'annotation');
    assert.equal(iv.controller, 'k8s.io/ingress-nginx', 'the legacy value "nginx" without an IngressClass means ingress-nginx');
    const [root, api, def] = iv.routes;
    assert.equal(root?.backend.state, 'ok');
    assert.deepEqual(root?.backend.targets.filter((t) => t.ready).map((t) => `${t.pod?.name}:${t.port}`), ['web-1:8080']);
    assert.equal(api?.backend.state, 'service-missing');
    assert.equal(def?.isDefault, true);
    assert.equal(def?.backend.servicePort?.name, 'http');
    assert.deepEqual(g.serviceByKey.get('Service/shop/web')?.reachedBy.map((r) => r.name), ['legacy']);
  });
  it('marks backends unknown when EndpointSlices are not visible, never broken', () => {
    const s = snapshotFrom(raw.map((o) => slim(o)).filter((o): o is AnyObject => o !== undefined && o.kind !== 'EndpointSlice'), { type: 'snapshot' }, '2026-11-25T00:00:00Z', { seen: ['Service', 'Ingress'] });
    const iv = buildGraph(s).ingresses[0];
    assert.equal(iv?.routes[0]?.backend.state, 'unknown');
  });
});

describe('matchServicePort', () => {
  const svc: Service = { kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { name: 'metrics', port: 9090 }] } };
  it('compares only the field that is set: two empty names are not a match', () => {
    assert.equal(matchServicePort(svc, { number: 8080 }), undefined);
    assert.equal(matchServicePort(svc, { name: 'metrics' })?.port, 9090);
    assert.equal(matchServicePort(svc, { name: 'http' }), undefined);
    assert.equal(matchServicePort(svc, { number: 80 })?.port, 80);
  });
});
