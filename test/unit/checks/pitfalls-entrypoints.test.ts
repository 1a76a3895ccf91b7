// Pitfall cases (diagnostics.md §7–§10) for NodePort, LoadBalancer, Gateway API, NetworkPolicy and
// conflict checks that had no must-not-fire test (or no firing test at all): every test pairs the
// case where the catalog says the check must stay silent with a firing variant on the same
// fixture, so a silent check cannot pass by accident.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, pod, RECENT, rule, run, service, skippedIds, snap, withSlices, type PodOpts, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, httpRoute, namespace, netpol, referenceGrant, type BackendIn, type ListenerIn, type ParentIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const all: Raw = { namespaces: { from: 'All' } };
const FREE_PORTS = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";

/** A pod the scheduler could not place: Pending, no nodeName, PodScheduled=False/Unschedulable with the scheduler's message. */
function unschedulable(ns: string, name: string, labels: Record<string, string>, message: string, o: PodOpts = {}): Raw {
  const p = pod(ns, name, labels, { ...o, phase: 'Pending' }) as { status: { conditions: Raw[] } } & Raw;
  p.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: '2026-11-25T11:00:00Z' }];
  return p;
}

/** A web Deployment in shop (pods on node-a) behind a Service of the given spec, with its slices. */
function shopWeb(spec: Raw, o: { ports?: { name: string; containerPort: number }[]; status?: Raw; annotations?: Record<string, string>; created?: string } = {}): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, { pods: [{ node: 'node-a' }], ...(o.ports ? { ports: o.ports } : {}) });
  const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }, { ...(o.status ? { status: o.status } : {}), ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.created ? { created: o.created } : {}) });
  return [...d, ...withSlices(svc, ofKind(d, 'Pod'))];
}

// ------------------------------------------------------------------------------------ §7

describe('nodeport.address-filter (pitfall: absent on managed clusters or kube-proxy replacements → unknown)', () => {
  /** kube-system/kube-proxy as kubeadm writes it. */
  const kubeProxy = (nodePortAddresses: string): Raw => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' }, creationTimestamp: '2026-11-01T00:00:00Z' },
    data: {
      'config.conf': ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'bindAddress: 0.0.0.0', 'clientConnection:', '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf', 'clusterCIDR: 10.244.0.0/16', 'kind: KubeProxyConfiguration', 'mode: ""', `nodePortAddresses: ${nodePortAddresses}`, ''].join('\n'),
      'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n',
    },
  });
  // two NICs: node-b registered with an address on the storage network
  const cluster = (): Raw[] => [node('node-a', { ip: '10.0.0.5' }), node('node-b', { ip: '192.168.50.7' }), ...shopWeb({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] })];
  it('silent without a kube-proxy ConfigMap (managed cluster, or Cilium/Calico eBPF without kube-proxy); fires once kubeadm kube-proxy restricts node ports', () => {
    const cilium = pod('kube-system', 'cilium-x7k2p', { 'k8s-app': 'cilium' }, { image: 'quay.io/cilium/cilium:v1.16.3', hostNetwork: true, ports: [{ name: 'health', containerPort: 4240 }] });
    assert.equal(ids(run(snap([...cluster(), cilium])), 'nodeport.address-filter').length, 0);
    assert.equal(ids(run(snap(cluster())), 'nodeport.address-filter').length, 0);
    const [f, ...rest] = ids(run(snap([...cluster(), kubeProxy('["10.0.0.0/8"]')])), 'nodeport.address-filter');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object], ['info', { kind: 'ConfigMap', namespace: 'kube-system', name: 'kube-proxy' }]);
    assert.match(f?.message ?? '', /node-b \(192\.168\.50\.7\)/);
    assert.doesNotMatch(f?.message ?? '', /node-a/);
  });
  it('skipped (unknown), not silent-by-accident, when ConfigMaps are forbidden', () => {
    const r = run(snap(cluster(), { ConfigMap: { state: 'forbidden' } }));
    assert.ok(skippedIds(r).includes('nodeport.address-filter'));
    assert.equal(ids(r, 'nodeport.address-filter').length, 0);
  });
  it('silent when kubeadm leaves nodePortAddresses unset or every node is inside the CIDRs', () => {
    assert.equal(ids(run(snap([...cluster(), kubeProxy('null')])), 'nodeport.address-filter').length, 0);
    assert.equal(ids(run(snap([...cluster(), kubeProxy('["10.0.0.0/8", "192.168.0.0/16"]')])), 'nodeport.address-filter').length, 0);
    assert.equal(ids(run(snap([...cluster(), kubeProxy('["10.0.0.0/8"]')])), 'nodeport.address-filter').length, 1);
  });
});

// ------------------------------------------------------------------------------------ §8

describe('lb.port-status-error (close healthy variant: port status without error)', () => {
  const lbStatus = (ports: Raw[]): Raw => ({ loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP', ports }] } });
  const dns = (ports: Raw[]): Raw => service('kube-system', 'dns-external', { type: 'LoadBalancer', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] }, { status: lbStatus(ports) });
  it('silent when the provider lists its ports without error; fires only on the port it reports as failed', () => {
    assert.equal(ids(run(snap([node('node-a'), dns([{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }])])), 'lb.port-status-error').length, 0);
    const r = run(snap([node('node-a'), dns([{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP', error: 'example.com/UDPNotSupported' }])]));
    assert.deepEqual(ids(r, 'lb.port-status-error').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`), ['error status.loadBalancer.ingress[0].ports[1].error']);
    assert.match(ids(r, 'lb.port-status-error')[0]?.message ?? '', /port 53\/UDP .*example\.com\/UDPNotSupported/);
  });
});

describe('lb.source-ranges (close healthy variants)', () => {
  const lb = (spec: Raw, annotations?: Record<string, string>): Raw[] => shopWeb({ type: 'LoadBalancer', ...spec }, { status: { loadBalancer: { ingress: [{ ip: '203.0.113.8', ipMode: 'VIP' }] } }, ...(annotations ? { annotations } : {}) });
  it('silent without ranges and for an empty annotation (the cloud provider then allows everyone); fires with the annotation set', () => {
    const key = 'service.beta.kubernetes.io/load-balancer-source-ranges';
    assert.equal(ids(run(snap([node('node-a'), ...lb({})])), 'lb.source-ranges').length, 0);
    assert.equal(ids(run(snap([node('node-a'), ...lb({}, { [key]: '' })])), 'lb.source-ranges').length, 0);
    const [f] = ids(run(snap([node('node-a'), ...lb({}, { [key]: '10.0.0.0/8, 192.168.0.0/16' })])), 'lb.source-ranges');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, [`metadata.annotations["${key}"]`]);
    assert.match(f?.message ?? '', /10\.0\.0\.0\/8, 192\.168\.0\.0\/16/);
  });
  it('only LoadBalancer Services are judged (the API rejects the field on other types): a NodePort is silent, its LoadBalancer twin fires', () => {
    assert.equal(ids(run(snap([node('node-a'), ...shopWeb({ type: 'NodePort' })])), 'lb.source-ranges').length, 0);
    assert.equal(ids(run(snap([node('node-a'), ...lb({ loadBalancerSourceRanges: ['198.51.100.0/24'] })])), 'lb.source-ranges').length, 1);
  });
});

describe('lb.k3s-svclb-blocked (close healthy variants: ServiceLB pods running, or Pending for another reason)', () => {
  /** A pod of the DaemonSet k3s ServiceLB creates for Service ns/name (klipper-lb with hostPort). */
  const svclb = (svcNs: string, svc: string, suffix: string, o: { pending?: string } = {}): Raw => {
    const labels = { app: `svclb-${svc}-6c2f1a7e`, 'controller-revision-hash': '5d8b9c7f4', 'pod-template-generation': '1', 'svccontroller.k3s.cattle.io/svcname': svc, 'svccontroller.k3s.cattle.io/svcnamespace': svcNs };
    const opts: PodOpts = { image: 'rancher/klipper-lb:v0.4.9', ports: [{ name: 'lb-tcp-80', containerPort: 80, hostPort: 80 }], owner: { kind: 'DaemonSet', name: `svclb-${svc}-6c2f1a7e` } };
    return o.pending ? unschedulable('kube-system', `svclb-${svc}-6c2f1a7e-${suffix}`, labels, o.pending, opts) : pod('kube-system', `svclb-${svc}-6c2f1a7e-${suffix}`, labels, { ...opts, node: 'node-a' });
  };
  const k3s = (): Raw[] => [node('node-a', { providerID: 'k3s://node-a' }), ...shopWeb({ type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 'http' }] })];
  it('silent while the svclb pods run, or are Pending on a node selector; fires when the host port is taken', () => {
    assert.equal(ids(run(snap([...k3s(), svclb('shop', 'web', 'x2k4p')])), 'lb.k3s-svclb-blocked').length, 0);
    const selector = svclb('shop', 'web', 'x2k4p', { pending: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." });
    assert.equal(ids(run(snap([...k3s(), selector])), 'lb.k3s-svclb-blocked').length, 0);
    const [f] = ids(run(snap([...k3s(), svclb('shop', 'web', 'x2k4p', { pending: FREE_PORTS })])), 'lb.k3s-svclb-blocked');
    assert.deepEqual([f?.severity, f?.object], ['error', { kind: 'Service', namespace: 'shop', name: 'web' }]);
  });
  it('a blocked svclb pod of a same-named Service in another namespace does not blame shop/web', () => {
    const other = service('staging', 'web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] });
    const r = run(snap([...k3s(), other, svclb('staging', 'web', 'q8m3z', { pending: FREE_PORTS })]));
    assert.deepEqual(ids(r, 'lb.k3s-svclb-blocked').map((f) => `${f.object.namespace ?? ''}/${f.object.name}`), ['staging/web']);
  });
});

describe('lb.no-eligible-nodes (pitfall: kubeadm labels control-plane nodes, so single-node cloud clusters hit it)', () => {
  const cp = (exclude: boolean): Raw => node('cp-1', { providerID: 'gce://shop-prod/europe-west1-b/cp-1', externalIP: '34.76.10.4', labels: { 'node-role.kubernetes.io/control-plane': '', ...(exclude ? { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}) } });
  it('fires on a single kubeadm control-plane node carrying the label; silent once the label is removed', () => {
    const lb = (): Raw[] => shopWeb({ type: 'LoadBalancer' });
    const [f] = ids(run(snap([cp(true), ...lb()])), 'lb.no-eligible-nodes');
    assert.deepEqual([f?.severity, f?.object.name], ['error', 'web']);
    assert.equal(ids(run(snap([cp(false), ...lb()])), 'lb.no-eligible-nodes').length, 0);
  });
});

// ------------------------------------------------------------------------------------ §9

function gwBackend(ns = 'shop', name = 'web'): Raw[] {
  const d = deployment(ns, name, { app: name }, { pods: [{ node: 'node-a' }], ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] });
  return [...d, ...withSlices(service(ns, name, { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] }), ofKind(d, 'Pod'))];
}

/** Envoy Gateway: class eg, Gateway infra/public, backend shop/web, route shop/web → web:80. */
function gw(o: { listeners?: ListenerIn[]; gwOpts?: Parameters<typeof gateway>[3]; parents?: ParentIn[]; rules?: BackendIn[][]; hostnames?: string[]; parentStatus?: (Raw[] | null)[]; extra?: Raw[] } = {}): Raw[] {
  return [
    node('node-a'),
    namespace('infra'),
    namespace('shop'),
    gatewayClass('eg', EG),
    gateway('infra', 'public', o.listeners ?? [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }], o.gwOpts),
    ...gwBackend(),
    httpRoute('shop', 'web', o.parents ?? [{ name: 'public', namespace: 'infra' }], o.rules ?? [[{ name: 'web', port: 80 }]], { ...(o.hostnames ? { hostnames: o.hostnames } : {}), ...(o.parentStatus ? { parentStatus: o.parentStatus } : {}) }),
    ...(o.extra ?? []),
  ];
}

describe('gwapi.not-installed (close variant: GatewayClasses not readable is not "no GatewayClass")', () => {
  const noClass = (): Raw[] => gw().filter((o) => o.kind !== 'GatewayClass');
  it('silent when GatewayClasses are forbidden (a namespaced RoleBinding grants nothing cluster-scoped); fires when they are readable and none exists', () => {
    const forbidden = run(snap(noClass(), { GatewayClass: { state: 'forbidden' } }));
    assert.equal(ids(forbidden, 'gwapi.not-installed').length, 0);
    const [f] = ids(run(snap(noClass())), 'gwapi.not-installed');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /no GatewayClass exists/);
  });
});

describe('gwc.unused (close healthy variant: a class used from another namespace)', () => {
  it('names only the class no Gateway of any namespace uses', () => {
    const istio = gatewayClass('istio', 'istio.io/gateway-controller');
    const internal = gateway('team-b', 'internal', [{ name: 'http', port: 80, protocol: 'HTTP' }], { className: 'istio', addresses: ['10.96.40.12'] });
    const legacy = gatewayClass('contour', 'projectcontour.io/gateway-controller');
    assert.deepEqual(ids(run(snap([...gw(), namespace('team-b'), istio, internal, legacy])), 'gwc.unused').map((f) => `${f.severity} ${f.object.name}`), ['info contour']);
  });
});

describe('gw.not-accepted / gw.not-programmed (pitfalls: condition order, grace period, pre-v1 condition names)', () => {
  const addrNotAssigned = cond('Programmed', 'False', 'AddressNotAssigned', 'No addresses have been assigned to the Gateway');
  it('conditions are read by type: Programmed listed first is fine; Programmed=False fires gw.not-programmed only', () => {
    const fine = run(snap(gw({ gwOpts: { conds: [cond('Programmed'), cond('Accepted')] } })));
    assert.equal(ids(fine, 'gw.not-programmed').length, 0);
    assert.equal(ids(fine, 'gw.not-accepted').length, 0);
    const r = run(snap(gw({ gwOpts: { addresses: [], conds: [addrNotAssigned, cond('Accepted')] } })));
    assert.deepEqual(ids(r, 'gw.not-programmed').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`), ['error status.conditions[type=Programmed]']);
    assert.equal(ids(r, 'gw.not-accepted').length, 0);
  });
  it('inside the grace period a Gateway still being programmed is not judged; after it, it is', () => {
    const young = run(snap(gw({ gwOpts: { created: RECENT, addresses: [], conds: [cond('Accepted'), addrNotAssigned] } })));
    assert.deepEqual(young.findings.filter((f) => f.id.startsWith('gw.')).map((f) => f.id), []);
    assert.equal(ids(run(snap(gw({ gwOpts: { addresses: [], conds: [cond('Accepted'), addrNotAssigned] } }))), 'gw.not-programmed').length, 1);
  });
  it('pre-v1 implementations: Scheduled/Ready True is healthy; Ready=False is not programmed', () => {
    const v1alpha2 = run(snap(gw({ gwOpts: { conds: [cond('Scheduled'), cond('Ready')] } })));
    assert.equal(v1alpha2.findings.filter((f) => f.id === 'gw.not-accepted' || f.id === 'gw.not-programmed').length, 0);
    const [f] = ids(run(snap(gw({ gwOpts: { conds: [cond('Scheduled'), cond('Ready', 'False', 'ListenersNotReady')] } }))), 'gw.not-programmed');
    assert.match(f?.message ?? '', /ListenersNotReady/);
  });
  it('Accepted=False ListenersNotValid is gw.not-accepted', () => {
    const [f] = ids(run(snap(gw({ gwOpts: { conds: [cond('Accepted', 'False', 'ListenersNotValid', 'Gateway has 1 invalid listener'), cond('Programmed')] } }))), 'gw.not-accepted');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['status.conditions[type=Accepted]']]);
  });
});

describe('gw.no-address (close healthy variants: hostname addresses, grace period)', () => {
  it('silent for an AWS NLB hostname address and inside the grace period; fires for an old Gateway without address', () => {
    const nlb = gw();
    const g = nlb.find((o) => o.kind === 'Gateway') as { status: { addresses: Raw[] } };
    g.status.addresses = [{ type: 'Hostname', value: 'k8s-infra-public-3f2a1b9c8d-0123456789abcdef.elb.eu-west-1.amazonaws.com' }];
    assert.equal(ids(run(snap(nlb)), 'gw.no-address').length, 0);
    assert.equal(ids(run(snap(gw({ gwOpts: { addresses: [], created: RECENT } }))), 'gw.no-address').length, 0);
    const [f] = ids(run(snap(gw({ gwOpts: { addresses: [] } }))), 'gw.no-address');
    assert.deepEqual([f?.severity, f?.fields], ['warning', ['status.addresses']]);
  });
});

describe('gw.listener-invalid (pitfalls: listener status is matched by name; Unknown is not False; no status before reconcile)', () => {
  const https = (conds?: Raw[]): ListenerIn => ({ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls' }] }, allowedRoutes: all, ...(conds ? { conds } : {}) });
  const http: ListenerIn = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all };
  it('status.listeners in another order than spec is fine; the listener whose ResolvedRefs is False fires, with its own index', () => {
    assert.equal(ids(run(snap(gw({ listeners: [http, https()], gwOpts: { statusListeners: [https(), http] } }))), 'gw.listener-invalid').length, 0);
    const bad = https([cond('Accepted'), cond('ResolvedRefs', 'False', 'InvalidCertificateRef', 'Secret infra/shop-tls does not exist.'), cond('Programmed', 'False', 'Invalid')]);
    const r = run(snap(gw({ listeners: [http, bad], gwOpts: { statusListeners: [bad, http] } })));
    assert.deepEqual(ids(r, 'gw.listener-invalid').map((f) => `${f.fields?.[0] ?? ''} ${/Listener 'https' .*: (\w+)=False/.exec(f.message)?.[1] ?? ''}`), ['spec.listeners[1] ResolvedRefs', 'spec.listeners[1] Programmed']);
  });
  it('Programmed=Unknown (Pending) is not False; Programmed=False is', () => {
    assert.equal(ids(run(snap(gw({ listeners: [http, https([cond('Accepted'), cond('ResolvedRefs'), cond('Programmed', 'Unknown', 'Pending')])] }))), 'gw.listener-invalid').length, 0);
    assert.equal(ids(run(snap(gw({ listeners: [http, https([cond('Accepted'), cond('ResolvedRefs'), cond('Programmed', 'False', 'Invalid')])] }))), 'gw.listener-invalid').length, 1);
  });
  it('a listener without status: silent while no controller accepted the Gateway, fires once it did', () => {
    const unreconciled = run(snap(gw({ listeners: [http, https()], gwOpts: { conds: [cond('Accepted', 'Unknown', 'Pending', 'Waiting for controller')], statusListeners: [] } })));
    assert.equal(ids(unreconciled, 'gw.listener-invalid').length, 0);
    assert.equal(ids(unreconciled, 'gw.not-accepted').length, 1);
    assert.deepEqual(ids(run(snap(gw({ listeners: [http, https()], gwOpts: { statusListeners: [http] } }))), 'gw.listener-invalid').map((f) => f.fields?.[0]), ['spec.listeners[1]']);
  });
});

describe('gw.listener-conflicted (close healthy variant: Conflicted=False NoConflicts as controllers write it)', () => {
  const l = (name: string, conds: Raw[]): ListenerIn => ({ name, port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] }, allowedRoutes: all, conds });
  const ok = [cond('Accepted'), cond('ResolvedRefs'), cond('Programmed'), cond('Conflicted', 'False', 'NoConflicts'), cond('OverlappingTLSConfig', 'False', 'NoOverlap')];
  it('silent on Conflicted/OverlappingTLSConfig=False; error on Conflicted=True, warning on OverlappingTLSConfig=True', () => {
    assert.equal(ids(run(snap(gw({ listeners: [l('https', ok)] }))), 'gw.listener-conflicted').length, 0);
    const conflicted = [cond('Accepted', 'False', 'PortUnavailable'), cond('ResolvedRefs'), cond('Programmed', 'False', 'Invalid'), cond('Conflicted', 'True', 'HostnameConflict', 'All listeners for a given port must use a unique hostname')];
    const overlap = [cond('Accepted'), cond('ResolvedRefs'), cond('Programmed'), cond('Conflicted', 'False', 'NoConflicts'), cond('OverlappingTLSConfig', 'True', 'OverlappingHostnames')];
    const r = run(snap(gw({ listeners: [l('https', ok), l('https-a', conflicted), l('https-b', overlap)] })));
    assert.deepEqual(ids(r, 'gw.listener-conflicted').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`), ['error spec.listeners[1]', 'warning spec.listeners[2].tls']);
  });
});

describe('gw.listener-no-routes (close healthy variant)', () => {
  it('names only the listener with attachedRoutes 0', () => {
    const listeners: ListenerIn[] = [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all, attached: 1 }, { name: 'admin', port: 9000, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } }, attached: 0 }];
    assert.deepEqual(ids(run(snap(gw({ listeners, parents: [{ name: 'public', namespace: 'infra', sectionName: 'http' }] }))), 'gw.listener-no-routes').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`), ['info spec.listeners[1]']);
  });
  it('a Gateway not yet reconciled (inside the grace period, no status) has no listener verdicts at all', () => {
    assert.equal(ids(run(snap(gw({ gwOpts: { noStatus: true, created: RECENT } }))), 'gw.listener-no-routes').length, 0);
    assert.equal(ids(run(snap(gw({ listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all, attached: 0 }] }))), 'gw.listener-no-routes').length, 1);
  });
});

describe('route.not-accepted (pitfalls: Accepted=Unknown is route.unreconciled, conditions read by type)', () => {
  it('ResolvedRefs listed before Accepted is fine; Accepted=Unknown Pending is unreconciled, not not-accepted; Accepted=False fires', () => {
    assert.equal(ids(run(snap(gw({ parentStatus: [[cond('ResolvedRefs'), cond('Accepted')]] }))), 'route.not-accepted').length, 0);
    const pending = run(snap(gw({ parentStatus: [[cond('Accepted', 'Unknown', 'Pending'), cond('ResolvedRefs')]] })));
    assert.equal(ids(pending, 'route.not-accepted').length, 0);
    assert.equal(ids(pending, 'route.unreconciled').length, 1);
    const listeners: ListenerIn[] = [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'shop.example.com', allowedRoutes: all }];
    const r = run(snap(gw({ listeners, hostnames: ['www.example.com'], parentStatus: [[cond('Accepted', 'False', 'NoMatchingListenerHostname', 'No hostnames matched parent hostname "shop.example.com"'), cond('ResolvedRefs')]] })));
    const [f] = ids(r, 'route.not-accepted');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.parentRefs[0]']]);
    assert.match(f?.message ?? '', /NoMatchingListenerHostname/);
  });
});

describe('route.resolvedrefs-false (close healthy variants)', () => {
  const pay = (): Raw[] => [namespace('pay'), ...gwBackend('pay', 'api')];
  const refNotPermitted = [cond('Accepted'), cond('ResolvedRefs', 'False', 'RefNotPermitted', 'Backend ref to Service pay/api not permitted by any ReferenceGrant')];
  it('a cross-namespace backend with its ReferenceGrant resolves; the same route without the grant (RefNotPermitted) fires', () => {
    const rules = [[{ name: 'api', namespace: 'pay', port: 80 }]];
    const granted = run(snap(gw({ rules, parentStatus: [[cond('ResolvedRefs'), cond('Accepted')]], extra: [...pay(), referenceGrant('pay', 'allow-shop-routes', 'shop', { name: 'api' })] })));
    assert.equal(ids(granted, 'route.resolvedrefs-false').length, 0);
    assert.equal(ids(granted, 'route.backend-crossns-no-grant').length, 0);
    const r = run(snap(gw({ rules, parentStatus: [refNotPermitted], extra: pay() })));
    assert.deepEqual(ids(r, 'route.resolvedrefs-false').map((f) => f.severity), ['error']);
    assert.match(ids(r, 'route.resolvedrefs-false')[0]?.message ?? '', /RefNotPermitted/);
    assert.equal(ids(r, 'route.backend-crossns-no-grant').length, 1);
  });
  it('PartiallyInvalid=False is not a warning; True is', () => {
    assert.equal(ids(run(snap(gw({ parentStatus: [[cond('Accepted'), cond('ResolvedRefs'), cond('PartiallyInvalid', 'False', 'NoInvalidRules')]] }))), 'route.resolvedrefs-false').length, 0);
    assert.deepEqual(ids(run(snap(gw({ parentStatus: [[cond('Accepted'), cond('ResolvedRefs'), cond('PartiallyInvalid', 'True', 'UnsupportedValue')]] }))), 'route.resolvedrefs-false').map((f) => f.severity), ['warning']);
  });
});

describe('route.backend-port-mismatch (close healthy variants: any Service port, not the container port)', () => {
  it('the second Service port (443) is valid; its targetPort 8443 is not', () => {
    assert.equal(ids(run(snap(gw({ rules: [[{ name: 'web', port: 80 }], [{ name: 'web', port: 443 }]] }))), 'route.backend-port-mismatch').length, 0);
    const [f, ...rest] = ids(run(snap(gw({ rules: [[{ name: 'web', port: 80 }], [{ name: 'web', port: 8443 }]] }))), 'route.backend-port-mismatch');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.rules[1].backendRefs[0].port']]);
    assert.match(f?.message ?? '', /which only exposes 80, 443/);
  });
});

// ----------------------------------------------------------------------------------- §10

/** pay/api: pods listen on 8080 (named http); Service port 80 → targetPort http. */
function payApi(policies: Raw[], svcPorts: { name?: string; port: number; targetPort?: number | string }[] = [{ name: 'http', port: 80, targetPort: 'http' }]): Raw[] {
  const d = deployment('pay', 'api', { app: 'api' }, { pods: [{ node: 'node-a' }, { node: 'node-a' }] });
  return [node('node-a', { ip: '10.0.0.21' }), namespace('pay'), namespace('shop'), ...d, ...withSlices(service('pay', 'api', { selector: { app: 'api' }, ports: svcPorts }), ofKind(d, 'Pod')), ...policies];
}
const fromShop = (ports: Raw[]): Raw => netpol('pay', 'allow-shop', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports }] });

describe('netpol.service-port-instead-of-target (close healthy variants)', () => {
  it('silent when a rule also opens the target port, or opens it by name; fires when only the Service port is opened', () => {
    assert.equal(ids(run(snap(payApi([fromShop([{ protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 8080 }])]))), 'netpol.service-port-instead-of-target').length, 0);
    assert.equal(ids(run(snap(payApi([fromShop([{ protocol: 'TCP', port: 'http' }])]))), 'netpol.service-port-instead-of-target').length, 0);
    const r = run(snap(payApi([fromShop([{ protocol: 'TCP', port: 80 }])])));
    const [f] = ids(r, 'netpol.service-port-instead-of-target');
    assert.deepEqual([f?.severity, f?.object, f?.fields], ['warning', { kind: 'Service', namespace: 'pay', name: 'api' }, ['spec.ingress[0].ports[0].port']]);
    assert.equal(ids(r, 'netpol.blocks-all-clients').length, 0);
  });
  it('when port equals targetPort there is no mix-up to report: a rule on another port is netpol.blocks-all-clients instead', () => {
    const same = [{ name: 'http', port: 8080, targetPort: 8080 }];
    assert.equal(ids(run(snap(payApi([fromShop([{ protocol: 'TCP', port: 8080 }])], same))), 'netpol.blocks-all-clients').length, 0);
    const r = run(snap(payApi([fromShop([{ protocol: 'TCP', port: 9090 }])], same)));
    assert.equal(ids(r, 'netpol.service-port-instead-of-target').length, 0);
    assert.equal(ids(r, 'netpol.blocks-all-clients').length, 1);
  });
});

describe('conflict.hostport (close healthy variants; pitfall: undeclared hostNetwork listeners are invisible)', () => {
  const nginxLabels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  const wants: PodOpts = { image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3', ports: [{ name: 'http', containerPort: 80, hostPort: 80 }, { name: 'https', containerPort: 443, hostPort: 443 }], owner: { kind: 'DaemonSet', name: 'ingress-nginx-controller' } };
  const traefik = (n: string, protocol = 'TCP'): Raw => pod('kube-system', `svclb-traefik-4a1c9e2b-${n}`, { app: 'svclb-traefik-4a1c9e2b', 'svccontroller.k3s.cattle.io/svcname': 'traefik' }, { node: n, image: 'rancher/klipper-lb:v0.4.9', ports: [{ name: `lb-${protocol.toLowerCase()}-80`, containerPort: 80, hostPort: 80, protocol }], owner: { kind: 'DaemonSet', name: 'svclb-traefik-4a1c9e2b' } });
  const nodes = (): Raw[] => [node('node-a'), node('node-b')];
  it('silent for a pod Pending on CPU, and for DaemonSet pods sharing a hostPort on different nodes; fires when no node has the port free', () => {
    const cpu = unschedulable('ingress-nginx', 'ingress-nginx-controller-7xq2m', nginxLabels, '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.', wants);
    const running = [pod('ingress-nginx', 'ingress-nginx-controller-a1', nginxLabels, { ...wants, node: 'node-a' }), pod('ingress-nginx', 'ingress-nginx-controller-b1', nginxLabels, { ...wants, node: 'node-b' })];
    assert.equal(ids(run(snap([...nodes(), cpu, ...running])), 'conflict.hostport').length, 0);
    const blocked = unschedulable('ingress-nginx', 'ingress-nginx-controller-7xq2m', nginxLabels, FREE_PORTS, wants);
    const [f, ...rest] = ids(run(snap([...nodes(), blocked, traefik('node-a'), traefik('node-b')])), 'conflict.hostport');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object.name], ['error', 'ingress-nginx-controller-7xq2m']);
    assert.deepEqual(f?.related?.map((x) => x.name), ['svclb-traefik-4a1c9e2b-node-a', 'svclb-traefik-4a1c9e2b-node-b']);
  });
  it('a pod holding the same port number for UDP is not named as the holder', () => {
    const blocked = unschedulable('ingress-nginx', 'ingress-nginx-controller-7xq2m', nginxLabels, FREE_PORTS, wants);
    const f = ids(run(snap([...nodes(), blocked, traefik('node-a'), traefik('node-b', 'UDP')])), 'conflict.hostport')[0];
    assert.deepEqual(f?.related?.map((x) => x.name), ['svclb-traefik-4a1c9e2b-node-a']);
  });
  it('holders are only pods whose hostIP overlaps the requested one (unset / 0.0.0.0 overlaps every address)', () => {
    const withHostIP = (p: Raw, hostIP: string): Raw => {
      for (const c of (p as { spec: { containers: { ports?: Raw[] }[] } }).spec.containers) for (const cp of c.ports ?? []) cp.hostIP = hostIP;
      return p;
    };
    const exporter = pod('monitoring', 'node-exporter-9kq2x', { 'app.kubernetes.io/name': 'prometheus-node-exporter' }, { node: 'node-a', hostNetwork: true, image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }], owner: { kind: 'DaemonSet', name: 'node-exporter' } });
    const otherAddr = withHostIP(pod('monitoring', 'metrics-relay-b7x2q', { app: 'metrics-relay' }, { node: 'node-b', image: 'registry.example.com/relay:2.1', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }] }), '10.0.0.12');
    const pending = withHostIP(unschedulable('monitoring', 'metrics-relay-p4w8n', { app: 'metrics-relay' }, FREE_PORTS, { image: 'registry.example.com/relay:2.1', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }] }), '10.0.0.11');
    const [f] = ids(run(snap([...nodes(), exporter, otherAddr, pending])), 'conflict.hostport');
    assert.deepEqual(f?.related?.map((x) => x.name), ['node-exporter-9kq2x']);
  });
  it('a hostNetwork process that declares no ports still blocks scheduling: the Pending pod is reported, with no holder named', () => {
    const hn = pod('kube-system', 'haproxy-lb-node-a', { app: 'haproxy' }, { node: 'node-a', hostNetwork: true, ports: [], image: 'haproxy:3.0' });
    const blocked = unschedulable('ingress-nginx', 'ingress-nginx-controller-7xq2m', nginxLabels, FREE_PORTS, wants);
    const [f] = ids(run(snap([...nodes(), hn, blocked])), 'conflict.hostport');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.related ?? [], []);
    assert.doesNotMatch(f?.message ?? '', /haproxy/);
  });
});

describe('conflict.same-host-different-entrypoints (close healthy variants)', () => {
  const shopIng = (name: string, cls: string, address?: string): Raw => ingress('shop', name, { ingressClassName: cls, rules: [rule('shop.example.com', [['/', 'web', 80]])] }, address ? { address } : {});
  const base = (): Raw[] => [node('node-a'), namespace('infra'), namespace('shop'), ...gwBackend(), ...nginxInstall({ lbAddress: '203.0.113.10' }), shopIng('web', 'nginx', '203.0.113.10'), gatewayClass('eg', EG), gateway('infra', 'public', [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }], { addresses: ['203.0.113.30'] })];
  const route = (status: Raw[]): Raw => httpRoute('shop', 'web-gw', [{ name: 'public', namespace: 'infra' }], [[{ name: 'web', port: 80 }]], { hostnames: ['shop.example.com'], parentStatus: [status] });
  it('silent while the Gateway has not accepted the HTTPRoute for that host; fires once it has', () => {
    const refused = [cond('Accepted', 'False', 'NotAllowedByListeners', 'No listeners included by this parent ref allowed this attachment.'), cond('ResolvedRefs')];
    assert.equal(ids(run(snap([...base(), route(refused)])), 'conflict.same-host-different-entrypoints').length, 0);
    const [f] = ids(run(snap([...base(), route([cond('Accepted'), cond('ResolvedRefs')])])), 'conflict.same-host-different-entrypoints');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /shop\.example\.com .*203\.0\.113\.10.*203\.0\.113\.30/);
  });
  it('an Ingress of a second class that was never admitted (no address) publishes nothing: silent; admitted elsewhere: fires', () => {
    const traefik = [pod('traefik', 'traefik-6c8d5f-abcde', { 'app.kubernetes.io/name': 'traefik' }, { image: 'docker.io/traefik:v3.1.4', args: ['--providers.kubernetesingress'], ports: [{ name: 'web', containerPort: 8000 }] }), ingressClass('traefik', 'traefik.io/ingress-controller')];
    assert.equal(ids(run(snap([...base(), ...traefik, shopIng('web-traefik', 'traefik')])), 'conflict.same-host-different-entrypoints').length, 0);
    assert.equal(ids(run(snap([...base(), ...traefik, shopIng('web-traefik', 'traefik', '198.51.100.20')])), 'conflict.same-host-different-entrypoints').length, 1);
  });
});

describe('netpol.blocks-ingress-controller (pitfall: controllers whose data plane is outside the cluster)', () => {
  // AWS Load Balancer Controller as its Helm chart installs it; the ALB targets pod IPs and connects from the VPC
  const lbc = (): Raw[] => deployment('kube-system', 'aws-load-balancer-controller', { 'app.kubernetes.io/name': 'aws-load-balancer-controller', 'app.kubernetes.io/instance': 'aws-load-balancer-controller' }, { replicas: 2, image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.8.2', ports: [{ name: 'webhook-server', containerPort: 9443 }, { name: 'metrics-server', containerPort: 8080 }] });
  const albIngress = ingress('pay', 'api-alb', { ingressClassName: 'alb', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip' }, address: 'k8s-pay-apialb-0123456789.eu-west-1.elb.amazonaws.com' });
  const nginxIngress = ingress('pay', 'api-nginx', { ingressClassName: 'nginx', rules: [rule('internal.pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.10' });
  const deny = netpol('pay', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
  const sameNs = netpol('pay', 'same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
  const fromVpc = netpol('pay', 'from-vpc', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8080 }] }] });
  const cluster = (policies: Raw[]): Raw[] => [...payApi(policies), namespace('kube-system'), namespace('ingress-nginx'), ...lbc(), ingressClass('alb', 'ingress.k8s.aws/alb'), albIngress, ...nginxInstall(), nginxIngress];
  const on = (r: ReturnType<typeof run>): string[] => ids(r, 'netpol.blocks-ingress-controller').map((f) => `${f.severity} ${f.related?.find((x) => x.kind === 'Ingress')?.name ?? ''}`);
  it('the ALB controller pods are not the source: a VPC ipBlock admits the ALB, while the in-cluster nginx controller is still blocked', () => {
    assert.deepEqual(on(run(snap(cluster([deny, sameNs, fromVpc])))), ['error api-nginx']);
  });
  it('without any ipBlock rule the ALB path is flagged, as a warning (the source the policy sees is implementation-dependent)', () => {
    const r = run(snap(cluster([deny, sameNs])));
    assert.deepEqual(on(r), ['warning api-alb', 'error api-nginx']);
    assert.match(ids(r, 'netpol.blocks-ingress-controller')[0]?.message ?? '', /connects from its own addresses outside the cluster/);
  });
});

describe('netpol.blocks-ingress-controller (pitfall: GKE Ingress, whose load balancer connects from Google ranges)', () => {
  // GKE's controller runs in the managed control plane (no pods, no IngressClass): class gce as annotation
  const gkeIngress = ingress('pay', 'api-gce', { rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { annotations: { 'kubernetes.io/ingress.class': 'gce' }, address: '34.120.10.20' });
  const deny = netpol('pay', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
  const sameNs = netpol('pay', 'same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
  const fromGoogle = netpol('pay', 'from-gclb', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }], ports: [{ port: 8080 }] }] });
  const fromVpcOnly = netpol('pay', 'from-vpc', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.128.0.0/9' } }], ports: [{ port: 8080 }] }] });
  const cluster = (policies: Raw[]): Raw[] => [...payApi(policies), namespace('kube-system'), gkeIngress];
  const found = (policies: Raw[]): string[] => ids(run(snap(cluster(policies))), 'netpol.blocks-ingress-controller').map((f) => `${f.severity} ${f.related?.find((x) => x.kind === 'Ingress')?.name ?? ''}`);
  it("fires, as a warning, when no rule admits 35.191.0.0/16 or 130.211.0.0/22, even though the controller's pods are out of view", () => {
    assert.deepEqual(found([deny, sameNs]), ['warning api-gce']);
    assert.deepEqual(found([deny, sameNs, fromVpcOnly]), ['warning api-gce'], 'a VPC range does not contain the Google front ends');
    const [f] = ids(run(snap(cluster([deny, sameNs]))), 'netpol.blocks-ingress-controller');
    assert.match(f?.message ?? '', /35\.191\.0\.0\/16 and 130\.211\.0\.0\/22 on port 8080\/TCP/);
    assert.match(f?.hint ?? '', /ipBlock: \{cidr: 35\.191\.0\.0\/16\}/);
  });
  it('silent when the Google ranges are admitted, when no policy isolates the pods, or when any source may connect', () => {
    assert.deepEqual(found([deny, sameNs, fromGoogle]), []);
    assert.deepEqual(found([]), []);
    assert.deepEqual(found([deny, netpol('pay', 'any', { podSelector: {}, ingress: [{}] })]), []);
  });
  it('an IngressClass named gce with another controller is that controller, not GKE', () => {
    const r = run(snap([...cluster([deny, sameNs]), ingressClass('gce', 'example.com/not-gke')]));
    assert.equal(ids(r, 'netpol.blocks-ingress-controller').length, 0);
  });
});
