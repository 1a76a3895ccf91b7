// Service checks (diagnostics.md §2): each fires on a realistic case and stays quiet on its pitfalls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, manualSlice, nginxInstall, node, ofKind, on, pod, run, service, slicesFor, snap, withSlices, endpointsFor, type Raw } from './fixtures/build.js';

const web = (o: { labels?: Record<string, string>; replicas?: number } = {}): Raw[] => deployment('shop', 'web', o.labels ?? { app: 'web' }, { replicas: o.replicas ?? 2 });
const websvc = (spec: Record<string, unknown> = {}): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec });
/** A cluster as the controllers leave it: nodes, workload, Service, its slices. */
const world = (svc: Raw, workload: Raw[] = web()): Raw[] => [node('node-a'), node('node-b'), ...workload, ...withSlices(svc, ofKind(workload, 'Pod'))];

describe('svc.selector-no-pods', () => {
  it('fires on a selector typo; eps.no-ready on the placeholder slice is its consequence (Appendix D.1)', () => {
    const checkout = service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80, targetPort: 8080 }] });
    const r = run(snap([...world(websvc()), ...deployment('shop', 'checkout', { app: 'checkout' }), ...withSlices(checkout, [])]));
    const [f] = on(r, 'svc.selector-no-pods', 'checkout');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'checkout' });
    assert.deepEqual(f?.fields, ['spec.selector']);
    assert.match(f?.message ?? '', /selects \{app=chekout\} but no Pod in namespace shop/);
    // the checkout pods are one typo away: say so, and what to change
    assert.match(f?.message ?? '', /pods? would match with app=checkout instead of app=chekout\./);
    assert.match(f?.hint ?? '', /^did you mean app=checkout\? Change spec\.selector app=chekout to app=checkout/);
    const eps = on(r, 'eps.no-ready', 'checkout')[0];
    assert.equal(eps?.causedBy, f?.key);
    assert.equal(on(r, 'eps.none', 'checkout').length, 0, 'the placeholder slice exists');
  });
  it('near misses: a label the pods lack is named; an unrelated selector gets the generic hint, never a made-up "did you mean"', () => {
    const pods = deployment('shop', 'web', { app: 'web', tier: 'frontend' });
    const extra = service('shop', 'web-extra', { selector: { app: 'web', tier: 'frontend', track: 'stable' }, ports: [{ port: 80 }] });
    const keyTypo = service('shop', 'web-key', { selector: { ap: 'web' }, ports: [{ port: 80 }] });
    const unrelated = service('shop', 'billing', { selector: { app: 'billing' }, ports: [{ port: 80 }] });
    const r = run(snap([node('node-a'), ...pods, ...[extra, keyTypo, unrelated].flatMap((x) => withSlices(x, []))]));
    const [e] = on(r, 'svc.selector-no-pods', 'web-extra');
    assert.match(e?.message ?? '', /2 pods match every label but track=stable\./);
    assert.match(e?.hint ?? '', /^make spec\.selector a subset/);
    assert.match(on(r, 'svc.selector-no-pods', 'web-key')[0]?.hint ?? '', /^did you mean app=web\?/);
    const [u] = on(r, 'svc.selector-no-pods', 'billing');
    assert.doesNotMatch(u?.message ?? '', /would match|every label but/);
    assert.match(u?.hint ?? '', /kubectl get pods -n shop -l app=billing/);
  });
  it('selectors never cross namespaces: matching pods elsewhere do not count', () => {
    const svc = service('shop', 'api', { selector: { app: 'api' }, ports: [{ port: 80 }] });
    const other = deployment('payments', 'api', { app: 'api' });
    assert.equal(on(run(snap([node('node-a'), ...other, ...withSlices(svc, ofKind(other, 'Pod'))])), 'svc.selector-no-pods', 'api').length, 1);
  });
  it('ignores Succeeded/Failed pods (a Job that finished leaves none)', () => {
    const svc = service('shop', 'report', { selector: { app: 'report' }, ports: [{ port: 80 }] });
    assert.equal(on(run(snap([node('node-a'), pod('shop', 'report-x1', { app: 'report' }, { phase: 'Succeeded' }), ...withSlices(svc, [])])), 'svc.selector-no-pods', 'report').length, 1);
  });
  it('forbidden pods: no finding, the check is listed as skipped', () => {
    const r = run(snap([...world(service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80 }] }), [])], { Pod: { state: 'forbidden' } }));
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
    assert.match(r.skipped.find((x) => x.id === 'svc.selector-no-pods')?.reason ?? '', /Pod forbidden by RBAC/);
  });
  it('pods visible only in other namespaces: the Service is not judged', () => {
    const r = run(snap(world(service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80 }] }), []), { Pod: { state: 'partial', namespaces: ['kube-system'] } }));
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
  });
  it('does not fire for ExternalName or selectorless Services', () => {
    const r = run(snap([node('node-a'), service('shop', 'ext', { type: 'ExternalName', externalName: 'api.example.com' }), service('shop', 'manual', { ports: [{ port: 80 }] })]));
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
  });
  it('differs from kube-linter: live pods count, not pod templates (a bare pod is a backend)', () => {
    const svc = service('shop', 'debug', { selector: { app: 'debug' }, ports: [{ port: 80, targetPort: 8080 }] });
    const bare = pod('shop', 'debug', { app: 'debug' });
    assert.equal(ids(run(snap([node('node-a'), bare, ...withSlices(svc, [bare])])), 'svc.selector-no-pods').length, 0);
  });
});

describe('svc.backends-scaled-to-zero', () => {
  it('is info on the Service, relates the Deployment, and suppresses the outage errors', () => {
    const batch = deployment('shop', 'batch', { app: 'batch' }, { replicas: 0 });
    const svc = service('shop', 'batch', { selector: { app: 'batch' }, ports: [{ port: 80 }] });
    const r = run(snap([node('node-a'), ...batch, ...withSlices(svc, [])]));
    const [f] = ids(r, 'svc.backends-scaled-to-zero');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'batch' });
    assert.deepEqual(f?.related, [{ kind: 'Deployment', namespace: 'shop', name: 'batch' }]);
    assert.equal(ids(r, 'svc.selector-no-pods').length + ids(r, 'eps.no-ready').length, 0);
  });
  it('a ReplicaSet owned by a Deployment is not the workload that was scaled', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'batch-old', namespace: 'shop', ownerReferences: [{ kind: 'Deployment', name: 'batch' }] }, spec: { replicas: 0, template: { metadata: { labels: { app: 'batch' } } } } };
    const r = run(snap([node('node-a'), rs, ...withSlices(service('shop', 'batch', { selector: { app: 'batch' }, ports: [{ port: 80 }] }), [])]));
    assert.equal(ids(r, 'svc.backends-scaled-to-zero').length, 0);
    assert.equal(ids(r, 'svc.selector-no-pods').length, 1);
  });
});

describe('svc.selectorless-no-endpoints', () => {
  const db = service('shop', 'db', { ports: [{ port: 5432 }] });
  it('fires when nobody feeds a selectorless Service', () => {
    const [f] = ids(run(snap([node('node-a'), db])), 'svc.selectorless-no-endpoints');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'db' });
    assert.deepEqual(f?.fields, ['spec.selector']);
  });
  it('differs from kube-linter: a selectorless Service fed by an EndpointSlice or Endpoints is fine', () => {
    const slice = manualSlice('shop', 'db-1', { service: 'db', managedBy: 'staff', addresses: ['192.168.10.5'], ports: [{ name: '', port: 5432 }] });
    assert.equal(ids(run(snap([db, slice])), 'svc.selectorless-no-endpoints').length, 0);
    const legacy = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '192.168.10.5' }], ports: [{ port: 5432 }] }] };
    assert.equal(ids(run(snap([db, legacy], { EndpointSlice: { state: 'forbidden' } })), 'svc.selectorless-no-endpoints').length, 0);
  });
  it('an unlabelled hand-made slice does not feed it (kube-proxy ignores it)', () => {
    const unlabelled = manualSlice('shop', 'db-1', { managedBy: 'staff', addresses: ['192.168.10.5'] });
    assert.equal(ids(run(snap([db, unlabelled])), 'svc.selectorless-no-endpoints').length, 1);
  });
  it('never for default/kubernetes, and never when neither slices nor Endpoints are readable', () => {
    assert.equal(ids(run(snap([service('default', 'kubernetes', { ports: [{ name: 'https', port: 443, targetPort: 6443 }] })])), 'svc.selectorless-no-endpoints').length, 0);
    const r = run(snap([db], { EndpointSlice: { state: 'forbidden' }, Endpoints: { state: 'forbidden' } }));
    assert.equal(ids(r, 'svc.selectorless-no-endpoints').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'svc.selectorless-no-endpoints'));
  });
});

describe('svc.targetport-name-unresolved', () => {
  it('error when no selected pod declares the named port, on the port field', () => {
    const svc = websvc({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const [f] = ids(run(snap(world(svc))), 'svc.targetport-name-unresolved');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.ports[0].targetPort']);
    assert.match(f?.message ?? '', /targets port name 'web'/);
  });
  it('protocol is part of the match: a TCP port named dns does not serve a UDP Service port', () => {
    const dns = deployment('shop', 'dns', { app: 'dns' }, { ports: [{ name: 'dns', containerPort: 53, protocol: 'TCP' }] });
    const svc = service('shop', 'dns', { selector: { app: 'dns' }, ports: [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }] });
    assert.equal(ids(run(snap(world(svc, dns))), 'svc.targetport-name-unresolved')[0]?.severity, 'error');
  });
  it('differs from popeye: every selected pod is checked, not the first one (warning for some)', () => {
    const mixed = [pod('shop', 'web-a', { app: 'web' }), pod('shop', 'web-b', { app: 'web' }, { ports: [{ name: 'metrics', containerPort: 9090 }] })];
    const [f] = ids(run(snap(world(websvc(), mixed))), 'svc.targetport-name-unresolved');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /web-b/);
  });
  it('a name resolving to different numbers on different pods is valid', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] }), pod('shop', 'web-b', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8081 }] })];
    assert.equal(ids(run(snap(world(websvc(), pods))), 'svc.targetport-name-unresolved').length, 0);
  });
  it('a match only in a native sidecar is a warning (older clusters ignore it)', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }, { ports: [], sidecarPorts: [{ name: 'http', containerPort: 15001 }] })];
    assert.equal(ids(run(snap(world(websvc(), pods))), 'svc.targetport-name-unresolved')[0]?.severity, 'warning');
  });
  it('terminating pods are not judged', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }), pod('shop', 'web-old', { app: 'web' }, { terminating: true, ports: [] })];
    assert.equal(ids(run(snap(world(websvc(), pods))), 'svc.targetport-name-unresolved').length, 0);
  });
});

describe('svc.targetport-not-declared', () => {
  const num = websvc({ ports: [{ name: 'http', port: 80, targetPort: 9000 }] });
  it('info when pods declare ports but not the numeric targetPort', () => {
    const [f] = ids(run(snap(world(num))), 'svc.targetport-not-declared');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.ports[0].targetPort']);
    assert.match(f?.message ?? '', /only declare ports \[8080\/TCP\]/);
  });
  it('differs from popeye: undeclared numeric ports are info, and pods declaring nothing prove nothing', () => {
    const r = run(snap(world(num)));
    assert.equal(ids(r, 'svc.targetport-not-declared').every((f) => f.severity === 'info'), true);
    const bare = [pod('shop', 'web-a', { app: 'web' }, { ports: [] })];
    assert.equal(ids(run(snap(world(num, bare))), 'svc.targetport-not-declared').length, 0);
  });
  it('needs at least one selected pod (Appendix D.4), and skips hostNetwork pods', () => {
    assert.equal(ids(run(snap(world(num, []))), 'svc.targetport-not-declared').length, 0);
    assert.equal(ids(run(snap(world(num, [pod('shop', 'web-a', { app: 'web' }, { hostNetwork: true })]))), 'svc.targetport-not-declared').length, 0);
  });
});

describe('Service shape checks', () => {
  it('svc.externalname-invalid: an IP or localhost, not an FQDN with a trailing dot', () => {
    const r = run(snap([service('shop', 'ip', { type: 'ExternalName', externalName: '10.1.2.3' }), service('shop', 'lo', { type: 'ExternalName', externalName: 'localhost' }), service('shop', 'ok', { type: 'ExternalName', externalName: 'db.example.com.' })]));
    assert.deepEqual(ids(r, 'svc.externalname-invalid').map((f) => [f.object.name, f.severity, f.fields?.[0]]), [['ip', 'warning', 'spec.externalName'], ['lo', 'warning', 'spec.externalName']]);
  });
  it('svc.headless-selectorless-port-mismatch: port must equal targetPort', () => {
    const r = run(snap([service('shop', 'peers', { clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] }), service('shop', 'same', { clusterIP: 'None', ports: [{ port: 80, targetPort: 80 }] })]));
    assert.deepEqual(ids(r, 'svc.headless-selectorless-port-mismatch').map((f) => [f.object.name, f.fields?.[0]]), [['peers', 'spec.ports[0].targetPort']]);
  });
  it('svc.publish-not-ready: warning, info when headless (StatefulSet peer discovery)', () => {
    const r = run(snap([service('shop', 'a', { selector: { app: 'a' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] }), service('shop', 'b', { clusterIP: 'None', selector: { app: 'b' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] })]));
    assert.deepEqual(ids(r, 'svc.publish-not-ready').map((f) => [f.object.name, f.severity]), [['a', 'warning'], ['b', 'info']]);
  });
  it('svc.proxy-name-label', () => {
    const r = run(snap([service('shop', 'mesh', { selector: { app: 'mesh' }, ports: [{ port: 80 }] }, { labels: { 'service.kubernetes.io/service-proxy-name': 'cilium' } })]));
    assert.equal(ids(r, 'svc.proxy-name-label')[0]?.severity, 'warning');
  });
  it('svc.exposed-type and svc.traffic-policy-hint for NodePort Local and LoadBalancer Cluster', () => {
    const np = service('shop', 'np', { type: 'NodePort', selector: { app: 'web' }, externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
    const lb = service('shop', 'lb', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }, { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } });
    const r = run(snap([node('node-a'), np, lb]));
    assert.deepEqual(ids(r, 'svc.exposed-type').map((f) => f.object.name).sort(), ['lb', 'np']);
    assert.match(on(r, 'svc.exposed-type', 'lb')[0]?.message ?? '', /203\.0\.113\.7/);
    const hints = ids(r, 'svc.traffic-policy-hint').map((f) => [f.object.name, f.fields?.[0]]).sort();
    assert.deepEqual(hints, [['lb', 'spec.externalTrafficPolicy'], ['np', 'spec.externalTrafficPolicy']]);
  });
  it("differs from popeye: the ingress controller's own LoadBalancer Service is not flagged as exposed", () => {
    const r = run(snap([node('node-a'), ...nginxInstall()]));
    assert.equal(on(r, 'svc.exposed-type', 'ingress-nginx-controller').length, 0);
  });
});

describe('svc.internal-traffic-local', () => {
  const itp = websvc({ internalTrafficPolicy: 'Local' });
  it('info names client nodes without a local backend', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }, { node: 'node-a' })];
    const client = pod('shop', 'frontend-1', { app: 'frontend' }, { node: 'node-b' });
    const r = run(snap([...world(itp, pods), client]));
    const [f] = ids(r, 'svc.internal-traffic-local');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /node-b/);
    assert.deepEqual(f?.fields, ['spec.internalTrafficPolicy']);
  });
  it('error when backends exist but no node has a ready one', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }, { ready: false })];
    assert.equal(ids(run(snap(world(itp, pods))), 'svc.internal-traffic-local')[0]?.severity, 'error');
  });
  it('quiet when every client node has a backend (DaemonSet), or slices lack nodeName (unknown)', () => {
    const pods = [pod('shop', 'web-a', { app: 'web' }, { node: 'node-a' }), pod('shop', 'web-b', { app: 'web' }, { node: 'node-b' })];
    assert.equal(ids(run(snap(world(itp, pods))), 'svc.internal-traffic-local').length, 0);
    const manual = service('shop', 'ext', { internalTrafficPolicy: 'Local', ports: [{ port: 80 }] });
    assert.equal(ids(run(snap([manual, manualSlice('shop', 'ext-1', { service: 'ext', addresses: ['192.168.1.4'] }), pod('shop', 'c', { app: 'c' })])), 'svc.internal-traffic-local').length, 0);
  });
});

describe('legacy Endpoints fallback for Service checks', () => {
  it('differs from k8sgpt: a selectorless Service with an empty Endpoints object is reported (svc.selectorless-no-endpoints)', () => {
    const db = service('shop', 'db', { ports: [{ port: 5432 }] });
    const empty = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'shop' }, subsets: [] };
    assert.equal(ids(run(snap([db, empty])), 'svc.selectorless-no-endpoints').length, 1);
    // with EndpointSlices forbidden it is unknown: a hand-made slice (never mirrored into an Endpoints object) may feed it
    const blind = run(snap([db, empty], { EndpointSlice: { state: 'forbidden' } }));
    assert.equal(ids(blind, 'svc.selectorless-no-endpoints').length, 0);
    assert.match(blind.skipped.find((x) => x.id === 'svc.selectorless-no-endpoints')?.reason ?? '', /EndpointSlice forbidden/);
  });
  it('a selector Service with ready legacy endpoints has no endpoint error', () => {
    const svc = websvc();
    const pods = ofKind(web(), 'Pod');
    const r = run(snap([node('node-a'), svc, ...pods, endpointsFor(svc, pods)], { EndpointSlice: { state: 'forbidden' } }));
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.id), []);
    assert.equal(slicesFor(svc, pods).length, 1);
  });
});
