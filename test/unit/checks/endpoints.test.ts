// EndpointSlice checks (diagnostics.md §3) with the Appendix D clarifications, on slices
// written as kube-controller-manager writes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, endpointsFor, ids, manualSlice, node, ofKind, on, pod, RECENT, run, service, snap, withSlices, type Raw } from './fixtures/build.js';

const svc = (spec: Record<string, unknown> = {}, created?: string): Raw => service('shop', 'cart', { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }, created ? { created } : {});
const cluster = (s: Raw, pods: Raw[]): Raw[] => [node('node-a'), node('node-b'), ...pods, ...withSlices(s, pods)];
const cartPods = (...o: Parameters<typeof pod>[3][]): Raw[] => o.map((x, i) => pod('shop', `cart-${i}`, { app: 'cart' }, x));

describe('eps.none', () => {
  it('fires when no slice and no Endpoints object exist a minute after creation', () => {
    const [f] = ids(run(snap([node('node-a'), svc(), ...cartPods({})])), 'eps.none');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'cart' });
    assert.match(f?.message ?? '', /endpoint controllers are not processing it/);
  });
  it('not for the placeholder slice, a fresh Service, a manifest without creationTimestamp, or an existing Endpoints object', () => {
    assert.equal(ids(run(snap(cluster(svc(), []))), 'eps.none').length, 0, 'placeholder slice (D.1)');
    assert.equal(ids(run(snap([svc({}, RECENT)])), 'eps.none').length, 0, 'created a minute ago');
    const manifest = svc();
    delete (manifest.metadata as Record<string, unknown>).creationTimestamp;
    assert.equal(ids(run(snap([manifest])), 'eps.none').length, 0, 'plain manifest');
    const s = svc();
    assert.equal(ids(run(snap([s, endpointsFor(s, [])])), 'eps.none').length, 0, 'Endpoints object exists');
  });
  it('forbidden EndpointSlices are unknown, never "none"', () => {
    const r = run(snap([svc()], { EndpointSlice: { state: 'forbidden' }, Endpoints: { state: 'forbidden' } }));
    assert.equal(ids(r, 'eps.none').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'eps.none' && /EndpointSlice forbidden/.test(x.reason)));
  });
});

describe('eps.no-ready', () => {
  it('names the pods and why they are not ready (CrashLoopBackOff)', () => {
    const r = run(snap(cluster(svc(), cartPods({ waiting: 'CrashLoopBackOff' }, { ready: false }))));
    const [f] = ids(r, 'eps.no-ready');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'cart' });
    assert.match(f?.message ?? '', /2 endpoints but none is ready: cart-0 \(CrashLoopBackOff \(7 restarts\)\), cart-1/);
    assert.deepEqual(f?.related?.map((x) => x.name), ['cart-0', 'cart-1']);
  });
  it('explains a not-ready pod on a NotReady node', () => {
    const pods = cartPods({ node: 'node-b', ready: false });
    const r = run(snap([node('node-a'), node('node-b', { ready: false }), ...pods, ...withSlices(svc(), pods)]));
    const [f] = ids(r, 'eps.no-ready');
    assert.match(f?.message ?? '', /node node-b NotReady/);
    // the node is what to look at: the hint and the first related object name it
    assert.match(f?.hint ?? '', /^node node-b is NotReady: kubectl describe node node-b/);
    assert.deepEqual(f?.related?.[0], { kind: 'Node', name: 'node-b' });
    // pods crash-looping on a Ready node keep the pod hint
    const crash = run(snap(cluster(svc(), cartPods({ waiting: 'CrashLoopBackOff' }, { ready: false }))));
    assert.match(ids(crash, 'eps.no-ready')[0]?.hint ?? '', /^fix the readiness of the pods shown/);
  });
  it('a targetPort resolving on no pod: slices still list the pods (ports: null), so it is eps.port-unserved, rooted in svc.targetport-name-unresolved', () => {
    const r = run(snap(cluster(svc({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] }), cartPods({}))));
    assert.equal(ids(r, 'eps.no-ready').length, 0);
    assert.equal(ids(r, 'eps.port-unserved')[0]?.causedBy, ids(r, 'svc.targetport-name-unresolved')[0]?.key);
  });
  it('with the legacy Endpoints API the same pods are left out: eps.no-ready (sub-case a) names selector and targetPort', () => {
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const pods = cartPods({});
    const noPorts = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'cart', namespace: 'shop' }, subsets: [] };
    const r = run(snap([node('node-a'), s, ...pods, noPorts], { EndpointSlice: { state: 'forbidden' } }));
    const f = ids(r, 'eps.no-ready')[0];
    assert.deepEqual(f?.fields, ['spec.selector', 'spec.ports[].targetPort']);
    assert.equal(f?.causedBy, ids(r, 'svc.targetport-name-unresolved')[0]?.key);
  });
  it('differs from k8sgpt: nil ready means ready (EndpointSlice semantics)', () => {
    const slice = { ...manualSlice('shop', 'cart-x', { service: 'cart', managedBy: 'endpointslice-controller.k8s.io', addresses: ['10.244.1.5'], ports: [{ name: 'http', port: 8080 }] }), endpoints: [{ addresses: ['10.244.1.5'], conditions: {} }] };
    assert.equal(ids(run(snap([svc(), ...cartPods({}), slice])), 'eps.no-ready').length, 0);
  });
  it('not for publishNotReadyAddresses Services (svc.publish-not-ready says it)', () => {
    const r = run(snap(cluster(svc({ publishNotReadyAddresses: true }), cartPods({ ready: false }))));
    assert.equal(ids(r, 'eps.no-ready').length, 0);
    assert.equal(ids(r, 'svc.publish-not-ready').length, 1);
  });
  it('reads the legacy Endpoints object when EndpointSlices are forbidden', () => {
    const s = svc();
    const pods = cartPods({ ready: false });
    const r = run(snap([node('node-a'), s, ...pods, endpointsFor(s, pods)], { EndpointSlice: { state: 'forbidden' } }));
    assert.equal(ids(r, 'eps.no-ready').length, 1);
  });
});

describe('eps.only-terminating (Appendix D.2)', () => {
  it('differs from k8sgpt: all backends draining is eps.only-terminating (warning), and eps.no-ready does not fire', () => {
    const r = run(snap(cluster(svc(), cartPods({ terminating: true }, { terminating: true }))));
    const [f] = ids(r, 'eps.only-terminating');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /All 2 backends .* shutting down \(2 still serving\)/);
    assert.equal(ids(r, 'eps.no-ready').length, 0);
  });
  it('a mix of draining and crashing pods is eps.no-ready', () => {
    assert.equal(ids(run(snap(cluster(svc(), cartPods({ terminating: true }, { waiting: 'CrashLoopBackOff' })))), 'eps.no-ready').length, 1);
  });
});

describe('eps.port-unserved (Appendix D.3)', () => {
  const two = svc({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] });
  it('fires for the port no ready endpoint serves, with the root svc.targetport-name-unresolved', () => {
    const r = run(snap(cluster(two, cartPods({}, {}))));
    const [f] = ids(r, 'eps.port-unserved');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.ports[1].targetPort']);
    assert.match(f?.message ?? '', /port 'metrics'/);
    assert.equal(f?.causedBy, ids(r, 'svc.targetport-name-unresolved')[0]?.key);
  });
  it('ready endpoints in a slice with ports: null do not serve the port', () => {
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const slice = manualSlice('shop', 'cart-x', { service: 'cart', managedBy: 'endpointslice-controller.k8s.io', addresses: ['10.244.1.5'], ports: null });
    assert.equal(ids(run(snap([s, ...cartPods({}), slice])), 'eps.port-unserved').length, 1);
  });
  it('never together with eps.no-ready: no ready endpoint at all is eps.no-ready only', () => {
    const r = run(snap(cluster(two, cartPods({ ready: false }))));
    assert.equal(ids(r, 'eps.port-unserved').length, 0);
    assert.equal(ids(r, 'eps.no-ready').length, 1);
  });
  it('UDP and TCP ports of the same name are distinct slice ports', () => {
    const dns = service('shop', 'dns', { selector: { app: 'dns' }, ports: [{ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 'dns-tcp', protocol: 'TCP' }] });
    const pods = [pod('shop', 'dns-0', { app: 'dns' }, { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] })];
    assert.equal(ids(run(snap(cluster(dns, pods))), 'eps.port-unserved').length, 0);
  });
});

describe('eps.single', () => {
  it('info when one pod backs the Service, related to that pod', () => {
    const [f] = ids(run(snap(cluster(svc(), cartPods({})))), 'eps.single');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.related, [{ kind: 'Pod', namespace: 'shop', name: 'cart-0' }]);
  });
  it('a dual-stack pod listed in an IPv4 and an IPv6 slice is still one backend', () => {
    const s = svc();
    const v6 = { ...manualSlice('shop', 'cart-v6', { service: 'cart', managedBy: 'endpointslice-controller.k8s.io', addresses: ['fd00::5'], ports: [{ name: 'http', port: 8080 }] }), addressType: 'IPv6' };
    const pods = cartPods({});
    const withPod = { ...v6, endpoints: [{ addresses: ['fd00::5'], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'shop', name: 'cart-0' } }] };
    assert.equal(ids(run(snap([...cluster(s, pods), withPod])), 'eps.single').length, 1);
    assert.equal(ids(run(snap(cluster(s, cartPods({}, {})))), 'eps.single').length, 0);
  });
});

describe('hand-made slices and legacy Endpoints', () => {
  it('eps.invalid-manual-address: loopback, link-local and Service IPs in a hand-made slice', () => {
    const ext = service('shop', 'ext', { ports: [{ port: 80 }] });
    const target = service('shop', 'target', { clusterIP: '10.96.5.5', ports: [{ port: 80 }] });
    const slice = manualSlice('shop', 'ext-1', { service: 'ext', managedBy: 'staff', addresses: ['127.0.0.1', '169.254.1.1', '10.96.5.5', '192.168.1.10'] });
    const r = run(snap([ext, target, slice]));
    const f = ids(r, 'eps.invalid-manual-address');
    assert.deepEqual(f.map((x) => x.message.match(/lists (\S+),/)?.[1]), ['127.0.0.1', '169.254.1.1', '10.96.5.5']);
    assert.deepEqual(f[0]?.object, { kind: 'EndpointSlice', namespace: 'shop', name: 'ext-1' });
    assert.deepEqual(f[0]?.fields, ['endpoints[0].addresses']);
    assert.equal(f[0]?.severity, 'error');
  });
  it('eps.orphan: a slice without the service-name label, an Endpoints object without a Service, but not a leader-election lock', () => {
    const r = run(snap([
      service('shop', 'web', { ports: [{ port: 80 }] }),
      manualSlice('shop', 'loose', { managedBy: 'staff', addresses: ['192.168.1.4'] }),
      manualSlice('shop', 'typo', { service: 'wbe', managedBy: 'staff', addresses: ['192.168.1.4'] }),
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'gone', namespace: 'shop' }, subsets: [] },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'cloud-controller', namespace: 'kube-system', annotations: { 'control-plane.alpha.kubernetes.io/leader': '{"holderIdentity":"cp-1"}' } } },
    ]));
    assert.deepEqual(ids(r, 'eps.orphan').map((f) => `${f.object.kind}/${f.object.name}`).sort(), ['EndpointSlice/loose', 'EndpointSlice/typo', 'Endpoints/gone']);
  });
  it('eps.over-capacity on a truncated Endpoints object', () => {
    const s = svc();
    const r = run(snap([s, ...cartPods({}), endpointsFor(s, cartPods({}), { 'endpoints.kubernetes.io/over-capacity': 'truncated' })]));
    assert.equal(on(r, 'eps.over-capacity', 'cart')[0]?.severity, 'info');
  });
  it('eps.orphan is not judged where Services are not visible', () => {
    const r = run(snap([manualSlice('shop', 'loose', { managedBy: 'staff', addresses: ['192.168.1.4'] })], { Service: { state: 'partial', namespaces: ['other'] } }));
    assert.equal(ids(r, 'eps.orphan').length, 0);
  });
});

describe('a healthy Deployment behind a Service', () => {
  it('raises no endpoint finding at all', () => {
    const d = deployment('shop', 'cart', { app: 'cart' }, { replicas: 3 });
    const r = run(snap([node('node-a'), ...d, ...withSlices(svc(), ofKind(d, 'Pod'))]));
    assert.deepEqual(r.findings.filter((f) => f.id.startsWith('eps.')).map((f) => f.id), []);
  });
});
