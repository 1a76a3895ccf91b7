// Pitfall cases (diagnostics.md §2–§3) for Service and EndpointSlice checks that had no
// must-not-fire test: every test pairs the case where the catalog says the check must stay
// silent with a firing variant on the same fixture, so a silent check cannot pass by accident.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, endpointsFor, ids, manualSlice, node, ofKind, on, pod, run, service, snap, withSlices, type Raw } from './fixtures/build.js';

const nodes = (): Raw[] => [node('node-a'), node('node-b')];
/** A Deployment with its pods and the Service's controller-written slices. */
function app(svc: Raw, o: Parameters<typeof deployment>[3] = {}): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, o);
  return [...d, ...withSlices(svc, ofKind(d, 'Pod'))];
}

describe('svc.targetport-name-invalid (pitfall: the API server rejects these, so never on live objects)', () => {
  it('silent on Services as the API returns them (valid names up to 15 chars, numbers); fires on a manifest with an invalid name', () => {
    const ports = [{ name: 'http-web', containerPort: 8080 }, { name: 'metrics-exporte', containerPort: 9090 }];
    const live = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http-web' }, { name: 'metrics', port: 9090, targetPort: 'metrics-exporte' }, { name: 'admin', port: 8443, targetPort: 8443 }] });
    const r = run(snap([...nodes(), ...app(live, { ports })]));
    assert.equal(ids(r, 'svc.targetport-name-invalid').length, 0);
    // the same Service as a hand-written manifest, with names the API would reject
    const manifest = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'HTTP_web' }, { name: 'metrics', port: 9090, targetPort: 'metrics-exporter' }, { name: 'admin', port: 8443, targetPort: 8443 }] });
    delete (manifest.metadata as Raw).creationTimestamp;
    delete (manifest as Raw).status;
    assert.deepEqual(ids(run(snap([manifest])), 'svc.targetport-name-invalid').map((f) => f.fields?.[0]), ['spec.ports[0].targetPort', 'spec.ports[1].targetPort']);
  });
});

describe('svc.externalname-invalid (pitfall: ExternalName has no selector, endpoints or ClusterIP)', () => {
  it('an FQDN (with or without the trailing dot) is valid; an IP is flagged, and no endpoint or selector check judges either', () => {
    // a Service converted from ClusterIP keeps its old selector; no slices exist for ExternalName
    const ext = (name: string, externalName: string): Raw => service('shop', name, { type: 'ExternalName', externalName, selector: { app: name } });
    const r = run(snap([...nodes(), ext('payments', 'api.payments.example.com.'), ext('db', 'db.data.svc.cluster.local'), ext('legacy', '10.1.2.3')]));
    assert.deepEqual(ids(r, 'svc.externalname-invalid').map((f) => f.object.name), ['legacy']);
    const onExternal = r.findings.filter((f) => f.object.kind === 'Service' && ['payments', 'db', 'legacy'].includes(f.object.name) && !f.id.startsWith('svc.externalname-'));
    assert.deepEqual(onExternal.map((f) => `${f.id} ${f.object.name}`), []);
  });
});

describe('svc.headless-selectorless-port-mismatch (close healthy variants)', () => {
  it('silent for a headless Service with a selector, a selectorless ClusterIP Service, or equal ports; fires for headless selectorless', () => {
    const slice = (svc: string): Raw => manualSlice('shop', `${svc}-1`, { service: svc, managedBy: 'staff', addresses: ['192.168.10.4'], ports: [{ name: '', port: 5432 }] });
    const objs: Raw[] = [
      ...nodes(),
      // StatefulSet peer discovery: endpoints carry the resolved targetPort, SRV records too
      ...app(service('shop', 'web', { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })),
      // kube-proxy translates port → targetPort for a ClusterIP
      service('shop', 'pg-vip', { ports: [{ port: 15432, targetPort: 5432 }] }),
      slice('pg-vip'),
      service('shop', 'pg-same', { clusterIP: 'None', ports: [{ port: 5432, targetPort: 5432 }] }),
      slice('pg-same'),
      service('shop', 'pg-peers', { clusterIP: 'None', ports: [{ port: 15432, targetPort: 5432 }] }),
      slice('pg-peers'),
    ];
    assert.deepEqual(ids(run(snap(objs)), 'svc.headless-selectorless-port-mismatch').map((f) => f.object.name), ['pg-peers']);
  });
});

describe('svc.publish-not-ready (pitfall: eps.no-ready can never fire for such Services)', () => {
  it('not-ready pods: without the flag eps.no-ready fires; with it the endpoints are ready, so svc.publish-not-ready explains instead', () => {
    const spec = (flag: boolean): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...(flag ? { publishNotReadyAddresses: true } : {}) });
    const notReady = { pods: [{ ready: false }, { ready: false }] };
    const plain = run(snap([...nodes(), ...app(spec(false), notReady)]));
    assert.equal(ids(plain, 'eps.no-ready').length, 1);
    assert.equal(ids(plain, 'svc.publish-not-ready').length, 0);
    const flagged = run(snap([...nodes(), ...app(spec(true), notReady)]));
    assert.equal(ids(flagged, 'svc.publish-not-ready')[0]?.severity, 'warning');
    assert.equal(ids(flagged, 'eps.no-ready').length, 0);
  });
  it('the legacy tolerate-unready annotation set to "false" is not the flag', () => {
    const svc = (v: string): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, { annotations: { 'service.alpha.kubernetes.io/tolerate-unready-endpoints': v } });
    assert.equal(ids(run(snap([...nodes(), ...app(svc('false'))])), 'svc.publish-not-ready').length, 0);
    assert.equal(ids(run(snap([...nodes(), ...app(svc('true'))])), 'svc.publish-not-ready').length, 1);
  });
});

describe('svc.proxy-name-label (close healthy variant)', () => {
  it('the usual app.kubernetes.io labels are not the proxy-name label', () => {
    const svc = (labels: Record<string, string>): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, { labels });
    const helm = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/part-of': 'shop' };
    assert.equal(ids(run(snap([...nodes(), ...app(svc(helm))])), 'svc.proxy-name-label').length, 0);
    assert.equal(ids(run(snap([...nodes(), ...app(svc({ ...helm, 'service.kubernetes.io/service-proxy-name': 'cilium' }))])), 'svc.proxy-name-label').length, 1);
  });
});

describe('svc.traffic-policy-hint (close healthy variants)', () => {
  it('silent for LoadBalancer + Local, NodePort + Cluster and ClusterIP; fires for LoadBalancer + Cluster', () => {
    const lbStatus = { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP' }] } } };
    const objs: Raw[] = [
      ...nodes(),
      service('shop', 'lb-local', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 31234, selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8443 }] }, lbStatus),
      service('shop', 'np-cluster', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] }),
      service('shop', 'internal', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }),
      service('shop', 'lb-cluster', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8443 }] }, lbStatus),
    ];
    assert.deepEqual(ids(run(snap(objs)), 'svc.traffic-policy-hint').map((f) => f.object.name), ['lb-cluster']);
  });
});

describe('eps.only-terminating (close healthy variant: a rolling update)', () => {
  it('silent while a Ready replacement serves next to the draining pod; fires when every backend terminates (and eps.no-ready does not, D.2)', () => {
    const svc = (): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const rolling = run(snap([...nodes(), ...app(svc(), { pods: [{ terminating: true }, { node: 'node-b' }] })]));
    assert.equal(ids(rolling, 'eps.only-terminating').length, 0);
    assert.equal(ids(rolling, 'eps.no-ready').length, 0);
    const draining = run(snap([...nodes(), ...app(svc(), { pods: [{ terminating: true }, { terminating: true, node: 'node-b' }] })]));
    assert.equal(ids(draining, 'eps.only-terminating').length, 1);
    assert.equal(ids(draining, 'eps.no-ready').length, 0);
  });
});

describe('eps.invalid-manual-address (close healthy variants)', () => {
  it('silent for controller-written slices and routable external addresses; fires on a mirrored slice pointing at loopback', () => {
    const db = service('shop', 'db', { ports: [{ port: 5432 }] });
    const headless = service('shop', 'peers', { clusterIP: 'None', ports: [{ port: 5432 }] });
    const objs: Raw[] = [
      ...nodes(),
      ...app(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })),
      db,
      headless,
      // routable addresses outside the cluster; 224.0.1.1 is outside the link-local multicast /24
      manualSlice('shop', 'db-1', { service: 'db', managedBy: 'staff', addresses: ['192.0.2.10', '10.20.30.40', '224.0.1.1'], ports: [{ name: '', port: 5432 }] }),
      manualSlice('shop', 'peers-1', { service: 'peers', managedBy: 'staff', addresses: ['192.0.2.11'], ports: [{ name: '', port: 5432 }] }),
    ];
    assert.equal(ids(run(snap(objs)), 'eps.invalid-manual-address').length, 0);
    // an Endpoints object written by hand is mirrored into a slice: that slice is judged
    const mirrored = manualSlice('shop', 'cache-mirror', { service: 'cache', managedBy: 'endpointslicemirroring-controller.k8s.io', addresses: ['127.0.0.1'], ports: [{ name: '', port: 6379 }] });
    const r = run(snap([...objs, service('shop', 'cache', { ports: [{ port: 6379 }] }), mirrored]));
    assert.deepEqual(ids(r, 'eps.invalid-manual-address').map((f) => f.object.name), ['cache-mirror']);
  });
});

describe('eps.over-capacity (close healthy variant)', () => {
  it('silent for an Endpoints object without the truncated annotation; fires with it', () => {
    const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const d = deployment('shop', 'web', { app: 'web' }, { replicas: 3 });
    const pods = ofKind(d, 'Pod');
    const objs = (ann?: Record<string, string>): Raw[] => [...nodes(), ...d, ...withSlices(svc, pods), endpointsFor(svc, pods, ann)];
    assert.equal(ids(run(snap(objs())), 'eps.over-capacity').length, 0);
    assert.equal(ids(run(snap(objs({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-11-01T00:00:00Z' }))), 'eps.over-capacity').length, 0);
    assert.equal(on(run(snap(objs({ 'endpoints.kubernetes.io/over-capacity': 'truncated' }))), 'eps.over-capacity', 'web').length, 1);
  });
});
