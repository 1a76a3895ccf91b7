// lb.* (diagnostics.md §8): pending after the grace period with the catalog's hint order,
// implementation detection, and the per-Service facts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, node, NOW, pod, RECENT, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';
import { event } from './fixtures2/objects.js';

const lb = (name: string, spec: Raw = {}, o: { status?: Raw; created?: string; annotations?: Record<string, string> } = {}): Raw => service('shop', name, { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }], ...spec }, o);
const addr = (ip: string, ports?: Raw[]): Raw => ({ loadBalancer: { ingress: [{ ip, ipMode: 'VIP', ...(ports ? { ports } : {}) }] } });
const backends = (): Raw[] => {
  const d = deployment('shop', 'web', { app: 'web' }, { replicas: 1 });
  return [...d, ...withSlices(lb('web-placeholder', { selector: { app: 'none' } }, { status: addr('198.51.100.1') }), [])].filter((o) => o.kind !== 'Service' && o.kind !== 'EndpointSlice');
};
const metallb = (): Raw => pod('metallb-system', 'controller-6b8c5f-abcde', { app: 'metallb', component: 'controller' }, { image: 'quay.io/metallb/controller:v0.14.8' });

describe('lb.pending', () => {
  it('error after the grace period, on the Service, with status.loadBalancer.ingress to watch', () => {
    const [f] = ids(run(snap([node('node-a'), metallb(), ...backends(), lb('web')])), 'lb.pending');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'web' });
    assert.deepEqual(f?.fields, ['status.loadBalancer.ingress']);
    assert.match(f?.message ?? '', /waiting for an external address for 24 days;/);
  });
  it('quiet inside the grace period, with an address, and without a creationTimestamp (manifests)', () => {
    assert.equal(ids(run(snap([node('node-a'), metallb(), lb('web', {}, { created: RECENT })])), 'lb.pending').length, 0);
    assert.equal(ids(run(snap([node('node-a'), lb('web', {}, { status: addr('198.51.100.7') })])), 'lb.pending').length, 0);
    const manifest = lb('web') as { metadata: Raw };
    delete manifest.metadata.creationTimestamp;
    assert.equal(ids(run(snap([node('node-a'), manifest])), 'lb.pending').length, 0);
  });
  it('differs from k8sgpt: a pending LoadBalancer is an error after the grace period even without any Warning event', () => {
    const r = run(snap([node('node-a'), metallb(), lb('web')]));
    assert.equal(r.findings.filter((f) => f.id === 'svc.warning-events').length, 0);
    assert.equal(ids(r, 'lb.pending').length, 1);
  });
  it('hint 1: an unclaimed loadBalancerClass comes first', () => {
    const [f] = ids(run(snap([node('node-a'), metallb(), lb('web', { loadBalancerClass: 'service.k8s.aws/nlb' })])), 'lb.pending');
    assert.match(f?.hint ?? '', /loadBalancerClass is 'service\.k8s\.aws\/nlb'/);
  });
  it('hint 2: the newest SyncLoadBalancerFailed / AllocationFailed Warning event', () => {
    const ev = event('shop', { kind: 'Service', name: 'web' }, 'AllocationFailed', 'Failed to allocate IP for "shop/web": no available IPs');
    const [f] = ids(run(snap([node('node-a'), metallb(), lb('web'), ev])), 'lb.pending');
    assert.match(f?.hint ?? '', /^AllocationFailed: Failed to allocate IP/);
  });
  it('hint 4: k3s ServiceLB pod without free host ports, related to the Service', () => {
    const svclb = pod('kube-system', 'svclb-web-7f9c8-xk2p4', { app: 'svclb-web', 'svccontroller.k3s.cattle.io/svcname': 'web', 'svccontroller.k3s.cattle.io/svcnamespace': 'shop' }, { phase: 'Pending', image: 'rancher/klipper-lb:v0.4.9' }) as { status: { conditions: Raw[] } } & Raw;
    svclb.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports." }];
    const [f] = ids(run(snap([node('node-a', { providerID: 'k3s://node-a' }), svclb, lb('web')])), 'lb.pending');
    assert.match(f?.hint ?? '', /ServiceLB pod svclb-web-7f9c8-xk2p4/);
    assert.deepEqual(f?.related, [{ kind: 'Pod', namespace: 'kube-system', name: 'svclb-web-7f9c8-xk2p4' }]);
  });
  it('hint 6: another Service requests the same IP', () => {
    const a = lb('a', { loadBalancerIP: '192.0.2.10' }, { status: addr('192.0.2.10') });
    const b = lb('b', { loadBalancerIP: '192.0.2.10' });
    const [f] = ids(run(snap([node('node-a'), metallb(), a, b])), 'lb.pending');
    assert.match(f?.hint ?? '', /shop\/a requests the same IP 192\.0\.2\.10/);
  });
});

describe('lb.no-implementation', () => {
  it('warning on the pending Service of a bare cluster, and it becomes the root of lb.pending', () => {
    const r = run(snap([node('node-a'), node('node-b'), lb('web')]));
    const [f] = ids(r, 'lb.no-implementation');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.object.name, 'web');
    assert.equal(ids(r, 'lb.pending')[0]?.causedBy, f?.key);
    assert.match(ids(r, 'lb.pending')[0]?.hint ?? '', /no load-balancer implementation/);
  });
  it('quiet with MetalLB pods, a cloud providerID, or another LoadBalancer with an address', () => {
    assert.equal(ids(run(snap([node('node-a'), metallb(), lb('web')])), 'lb.no-implementation').length, 0);
    assert.equal(ids(run(snap([node('node-a', { providerID: 'aws:///eu-west-1a/i-0abc' }), lb('web')])), 'lb.no-implementation').length, 0);
    assert.equal(ids(run(snap([node('node-a'), lb('web'), lb('other', {}, { status: addr('198.51.100.3') })])), 'lb.no-implementation').length, 0);
  });
  it('a kind providerID is not a cloud provider', () => {
    assert.equal(ids(run(snap([node('kind-control-plane', { providerID: 'kind://docker/kind/kind-control-plane' }), lb('web')])), 'lb.no-implementation').length, 1);
  });
  it('skipped when pods are forbidden; unknown (quiet) when only one namespace is in scope', () => {
    const r = run(snap([node('node-a'), lb('web')], { Pod: { state: 'forbidden' } }));
    assert.ok(skippedIds(r).includes('lb.no-implementation'));
    assert.equal(ids(run(snap([node('node-a'), lb('web')], {}, { namespace: 'shop' })), 'lb.no-implementation').length, 0);
  });
});

describe('lb.no-eligible-nodes', () => {
  const excl = { 'node.kubernetes.io/exclude-from-external-load-balancers': '' };
  it('error when every node of a cloud cluster is excluded or NotReady', () => {
    const r = run(snap([node('cp', { providerID: 'gce://p/z/cp', labels: excl }), node('w1', { providerID: 'gce://p/z/w1', ready: false }), lb('web')]));
    const [f] = ids(r, 'lb.no-eligible-nodes');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.object.name, 'web');
    assert.equal(ids(r, 'lb.pending')[0]?.causedBy, f?.key);
  });
  it('quiet with one eligible worker, on bare metal, and for pod-targeted NLBs', () => {
    assert.equal(ids(run(snap([node('cp', { providerID: 'gce://p/z/cp', labels: excl }), node('w1', { providerID: 'gce://p/z/w1' }), lb('web')])), 'lb.no-eligible-nodes').length, 0);
    assert.equal(ids(run(snap([node('cp', { labels: excl }), metallb(), lb('web')])), 'lb.no-eligible-nodes').length, 0, 'kubeadm single node without cloud');
    assert.equal(ids(run(snap([node('cp', { providerID: 'aws:///a/i-1', labels: excl }), lb('web', {}, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } })])), 'lb.no-eligible-nodes').length, 0);
  });
});

describe('lb per-Service facts', () => {
  it('requested-ip-not-assigned: spec.loadBalancerIP answered with another address', () => {
    const [f] = ids(run(snap([node('node-a'), lb('web', { loadBalancerIP: '192.0.2.10' }, { status: addr('192.0.2.44') })])), 'lb.requested-ip-not-assigned');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.fields, ['spec.loadBalancerIP']);
  });
  it('requested-ip-not-assigned: MetalLB annotation, still pending after the grace period; quiet when honoured or young', () => {
    const ann = { 'metallb.io/loadBalancerIPs': '192.0.2.20' };
    const [f] = ids(run(snap([node('node-a'), metallb(), lb('web', {}, { annotations: ann })])), 'lb.requested-ip-not-assigned');
    assert.deepEqual(f?.fields, ['metadata.annotations["metallb.io/loadBalancerIPs"]']);
    assert.match(f?.message ?? '', /got nothing/);
    assert.equal(ids(run(snap([node('node-a'), lb('web', {}, { annotations: ann, status: addr('192.0.2.20') })])), 'lb.requested-ip-not-assigned').length, 0);
    assert.equal(ids(run(snap([node('node-a'), lb('web', {}, { annotations: ann, created: RECENT })])), 'lb.requested-ip-not-assigned').length, 0);
  });
  it('port-status-error: the failed port with its JSON path', () => {
    const [f] = ids(run(snap([node('node-a'), lb('web', {}, { status: addr('198.51.100.7', [{ port: 443, protocol: 'TCP', error: 'CertificateNotFound' }]) })])), 'lb.port-status-error');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['status.loadBalancer.ingress[0].ports[0].error']);
    assert.match(f?.message ?? '', /CertificateNotFound/);
  });
  it('nodeports-disabled: info, warning when node ports are still set', () => {
    const clean = lb('web', { allocateLoadBalancerNodePorts: false }, { status: addr('198.51.100.7') }) as { spec: { ports: Raw[] } } & Raw;
    clean.spec.ports = [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }];
    assert.equal(ids(run(snap([node('node-a'), clean])), 'lb.nodeports-disabled')[0]?.severity, 'info');
    assert.equal(ids(run(snap([node('node-a'), lb('web', { allocateLoadBalancerNodePorts: false }, { status: addr('198.51.100.7') })])), 'lb.nodeports-disabled')[0]?.severity, 'warning');
    assert.equal(ids(run(snap([node('node-a'), lb('web', {}, { status: addr('198.51.100.7') })])), 'lb.nodeports-disabled').length, 0);
  });
  it('source-ranges from the field or the legacy annotation; mixed-protocol', () => {
    assert.deepEqual(ids(run(snap([lb('web', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { status: addr('198.51.100.7') })])), 'lb.source-ranges')[0]?.fields, ['spec.loadBalancerSourceRanges']);
    assert.match(ids(run(snap([lb('web', {}, { status: addr('198.51.100.7'), annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '192.0.2.0/24' } })])), 'lb.source-ranges')[0]?.message ?? '', /192\.0\.2\.0\/24/);
    const dns = lb('dns', { ports: [{ name: 'dns-udp', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }, { status: addr('198.51.100.8') });
    assert.equal(ids(run(snap([dns])), 'lb.mixed-protocol')[0]?.severity, 'info');
    assert.equal(ids(run(snap([lb('web', {}, { status: addr('198.51.100.7') })])), 'lb.mixed-protocol').length, 0);
  });
  it('evaluates at the given time, never the clock', () => {
    const r = run(snap([node('node-a'), metallb(), lb('web', {}, { created: '2026-11-25T11:50:00Z' })]), NOW);
    assert.match(ids(r, 'lb.pending')[0]?.message ?? '', /for 10 min/);
  });
});

