// Audit B of diagnostics.md §7–§10: rule conditions and pitfalls that had no assertion yet
// (or no firing case). Each must-not-fire case is paired with a close variant on the same
// fixture that fires, so a silent check cannot pass by accident.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certTime, deployment, ids, ingress, makeCert, nginxInstall, node, ofKind, pod, rule, run, service, snap, tlsSecret, withSlices, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, httpRoute, namespace, netpol, referenceGrant, type ListenerIn, type ParentIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const all: Raw = { namespaces: { from: 'All' } };
const lbStatus = (ip: string): Raw => ({ loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } });

/** shop/web: a Deployment with pods on the given nodes behind a Service of the given spec, with its slices. */
function web(spec: Raw, podNodes: string[] = ['node-a'], o: { status?: Raw; annotations?: Record<string, string>; ports?: { name: string; containerPort: number }[] } = {}): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, { pods: podNodes.map((n) => ({ node: n })), ...(o.ports ? { ports: o.ports } : {}) });
  const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }, { ...(o.status ? { status: o.status } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) });
  return [...d, ...withSlices(svc, ofKind(d, 'Pod'))];
}

/** Drop the nodePorts the builder allocates (a LoadBalancer created with allocateLoadBalancerNodePorts: false has none). */
function withoutNodePorts(objs: Raw[]): Raw[] {
  for (const o of objs) if (o.kind === 'Service') for (const p of (o as { spec: { ports: Raw[] } }).spec.ports) delete p.nodePort;
  return objs;
}

// ------------------------------------------------------------------------------------ §7

describe('nodeport.externalip-not-node (rule: an externalIP that is a node address or another Service\'s LB IP is fine)', () => {
  // ingress-nginx has the MetalLB address 203.0.113.10; node-b has a public ExternalIP
  const base = (): Raw[] => [node('node-a', { ip: '10.0.0.11' }), node('node-b', { ip: '10.0.0.12', externalIP: '198.51.100.4' }), ...nginxInstall({ lbAddress: '203.0.113.10' })];
  const ext = (ip: string): Raw => service('shop', 'metrics', { selector: { app: 'metrics' }, externalIPs: [ip], ports: [{ name: 'metrics', port: 9100 }] });
  it('silent for an ExternalIP of a node and for the LB address of another Service; fires for an address nothing owns', () => {
    assert.equal(ids(run(snap([...base(), ext('198.51.100.4')])), 'nodeport.externalip-not-node').length, 0);
    assert.equal(ids(run(snap([...base(), ext('203.0.113.10')])), 'nodeport.externalip-not-node').length, 0);
    const [f, ...rest] = ids(run(snap([...base(), ext('203.0.113.77')])), 'nodeport.externalip-not-node');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object, f?.fields], ['warning', { kind: 'Service', namespace: 'shop', name: 'metrics' }, ['spec.externalIPs']]);
    assert.match(f?.message ?? '', /203\.0\.113\.77/);
  });
  it('never fires when Nodes are not readable (every address would look foreign)', () => {
    const objs = [...base(), ext('198.51.100.4')].filter((o) => o.kind !== 'Node');
    assert.equal(ids(run(snap(objs, { Node: { state: 'forbidden' } })), 'nodeport.externalip-not-node').length, 0);
  });
});

describe('nodeport.no-external-address (rule: only Ready nodes count; pitfall: never escalate)', () => {
  const np = (): Raw[] => web({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] });
  it('an ExternalIP on a NotReady node does not count: info naming the Ready InternalIP; silent once that node is Ready', () => {
    const r = run(snap([node('node-a', { ip: '10.0.0.5' }), node('node-b', { ip: '10.0.0.6', externalIP: '198.51.100.6', ready: false }), ...np()]));
    const [f, ...rest] = ids(r, 'nodeport.no-external-address');
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'info', 'on-prem InternalIPs are often routable: never above info');
    assert.match(f?.message ?? '', /10\.0\.0\.5/);
    assert.doesNotMatch(f?.message ?? '', /10\.0\.0\.6/);
    assert.equal(ids(run(snap([node('node-a', { ip: '10.0.0.5' }), node('node-b', { ip: '10.0.0.6', externalIP: '198.51.100.6' }), ...np()])), 'nodeport.no-external-address').length, 0);
  });
});

describe('nodeport.etp-local-partial (rule: warning for externalIPs, like NodePort)', () => {
  const ext = (nodes: string[]): Raw[] => web({ externalIPs: ['198.51.100.9'], externalTrafficPolicy: 'Local' }, nodes);
  const nodes = (): Raw[] => [node('node-a', { ip: '10.0.0.21' }), node('node-b', { ip: '10.0.0.22' })];
  it('a ClusterIP Service with externalIPs and eTP Local whose pods run on node-a only: warning; pods on every Ready node: silent', () => {
    const [f, ...rest] = ids(run(snap([...nodes(), ...ext(['node-a'])])), 'nodeport.etp-local-partial');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.fields], ['warning', ['spec.externalTrafficPolicy']]);
    assert.match(f?.message ?? '', /externalIPs 198\.51\.100\.9 .*answers only on node-a; connections via node-b time out/);
    assert.equal(ids(run(snap([...nodes(), ...ext(['node-a', 'node-b'])])), 'nodeport.etp-local-partial').length, 0);
  });
});

describe('nodeport.no-ready-nodes (rule: only Services with a nodePort — a LoadBalancer without node ports is not judged)', () => {
  const down = (): Raw[] => [node('node-a', { ready: false }), node('node-b', { ready: false })];
  it('fires on the LoadBalancer that has node ports; silent for its twin created with allocateLoadBalancerNodePorts: false', () => {
    const [f] = ids(run(snap([...down(), ...web({ type: 'LoadBalancer' }, ['node-a'], { status: lbStatus('203.0.113.60') })])), 'nodeport.no-ready-nodes');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.ports[0].nodePort']]);
    const direct = withoutNodePorts(web({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }, ['node-a'], { status: lbStatus('203.0.113.60') }));
    assert.equal(ids(run(snap([...down(), ...direct])), 'nodeport.no-ready-nodes').length, 0);
  });
});

// ------------------------------------------------------------------------------------ §8

describe('lb.no-implementation (pitfall: heuristic — warning, never error; every known implementation counts)', () => {
  const pending = (): Raw[] => web({ type: 'LoadBalancer' });
  const kubeVip = pod('kube-system', 'kube-vip-cloud-provider-7c9d8f6b5-q2m4x', { component: 'kube-vip-cloud-provider' }, { image: 'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.10', ports: [], owner: { kind: 'ReplicaSet', name: 'kube-vip-cloud-provider-7c9d8f6b5' } });
  const cilium = pod('kube-system', 'cilium-operator-6f8b9d7c4-zx8kq', { 'io.cilium/app': 'operator', name: 'cilium-operator' }, { image: 'quay.io/cilium/operator-generic:v1.16.3', hostNetwork: true, ports: [], owner: { kind: 'ReplicaSet', name: 'cilium-operator-6f8b9d7c4' } });
  const svclb = pod('kube-system', 'svclb-traefik-4a1c9e2b-k7x2p', { app: 'svclb-traefik-4a1c9e2b', 'svccontroller.k3s.cattle.io/svcname': 'traefik', 'svccontroller.k3s.cattle.io/svcnamespace': 'kube-system' }, { image: 'rancher/klipper-lb:v0.4.9', ports: [{ name: 'lb-tcp-80', containerPort: 80, hostPort: 80 }], owner: { kind: 'DaemonSet', name: 'svclb-traefik-4a1c9e2b' } });
  it('fires as a warning on a bare cluster; silent with kube-vip, Cilium or k3s ServiceLB pods', () => {
    const r = run(snap([node('node-a'), ...pending()]));
    assert.deepEqual(ids(r, 'lb.no-implementation').map((f) => `${f.severity} ${f.object.name}`), ['warning web']);
    for (const p of [kubeVip, cilium, svclb]) assert.equal(ids(run(snap([node('node-a'), p, ...pending()])), 'lb.no-implementation').length, 0, String((p.metadata as Raw).name));
  });
  it('k3s nodes carry providerID k3s://… which is not a cloud provider: without svclb pods (ServiceLB disabled) it fires', () => {
    assert.equal(ids(run(snap([node('node-a', { providerID: 'k3s://node-a' }), ...pending()])), 'lb.no-implementation').length, 1);
    assert.equal(ids(run(snap([node('node-a', { providerID: 'k3s://node-a' }), svclb, ...pending()])), 'lb.no-implementation').length, 0);
  });
});

describe('lb.class-unclaimed (rule: the AWS Load Balancer Controller claims service.k8s.aws/nlb)', () => {
  const nlb = (): Raw[] => web({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }, ['node-a'], { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } });
  const eks = (): Raw => node('ip-10-0-1-23.eu-west-1.compute.internal', { ip: '10.0.1.23', providerID: 'aws:///eu-west-1a/i-0abc123def4567890' });
  const lbc = (): Raw[] => deployment('kube-system', 'aws-load-balancer-controller', { 'app.kubernetes.io/name': 'aws-load-balancer-controller', 'app.kubernetes.io/instance': 'aws-load-balancer-controller' }, { replicas: 2, image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.8.2', ports: [{ name: 'webhook-server', containerPort: 9443 }] });
  it('silent while the controller runs; error on the pending Service once it is gone', () => {
    assert.equal(ids(run(snap([eks(), ...lbc(), ...nlb()])), 'lb.class-unclaimed').length, 0);
    const [f] = ids(run(snap([eks(), ...nlb()])), 'lb.class-unclaimed');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.loadBalancerClass']]);
    assert.match(f?.message ?? '', /service\.k8s\.aws\/nlb/);
  });
});

describe('lb.nodeports-disabled (rule: warning when pending on a cloud whose LB targets node ports)', () => {
  const gke = (): Raw => node('gke-prod-pool-1-8f2c', { ip: '10.128.0.7', providerID: 'gce://shop-prod/europe-west1-b/gke-prod-pool-1-8f2c' });
  const disabled = (o: { status?: Raw; annotations?: Record<string, string> } = {}): Raw[] => withoutNodePorts(web({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }, ['node-a'], o));
  it('pending on a node-port cloud LB: warning; with an address, or pod-targeted (NLB ip mode): info', () => {
    const [f] = ids(run(snap([gke(), ...disabled()])), 'lb.nodeports-disabled');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /still pending on a cloud/);
    assert.equal(ids(run(snap([gke(), ...disabled({ status: lbStatus('34.76.10.20') })])), 'lb.nodeports-disabled')[0]?.severity, 'info');
    const eks = node('ip-10-0-1-23', { providerID: 'aws:///eu-west-1a/i-0abc123def4567890' });
    assert.equal(ids(run(snap([eks, ...disabled({ annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } })])), 'lb.nodeports-disabled')[0]?.severity, 'info');
  });
});

// ------------------------------------------------------------------------------------ §9

function gwBackend(): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, { pods: [{ node: 'node-a' }], ports: [{ name: 'http', containerPort: 8080 }] });
  // metrics: targetPort name that no container declares, so no endpoint serves Service port 9090
  return [...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] }), ofKind(d, 'Pod'))];
}

function gw(o: { listeners?: ListenerIn[]; parents?: ParentIn[]; port?: number; parentStatus?: (Raw[] | null)[]; extra?: Raw[] } = {}): Raw[] {
  return [
    node('node-a'),
    namespace('infra'),
    namespace('shop'),
    gatewayClass('eg', EG),
    gateway('infra', 'public', o.listeners ?? [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }]),
    ...gwBackend(),
    httpRoute('shop', 'web', o.parents ?? [{ name: 'public', namespace: 'infra' }], [[{ name: 'web', port: o.port ?? 80 }]], o.parentStatus ? { parentStatus: o.parentStatus } : {}),
    ...(o.extra ?? []),
  ];
}

describe('gw.listener-cert-invalid (rule: a Secret in another namespace needs a ReferenceGrant from Gateways of the Gateway namespace)', () => {
  const pem = makeCert('*.example.com', ['DNS:*.example.com']);
  const https: ListenerIn = { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'certs' }] }, allowedRoutes: all };
  const world = (extra: Raw[]): Raw[] => gw({ listeners: [https], extra: [namespace('certs'), tlsSecret('certs', 'wildcard-tls', pem.crt, pem.key), ...extra] });
  const at = certTime(pem.crt, 'validFrom', 3_600_000);
  const found = (extra: Raw[], vis = {}): string[] => ids(run(snap(world(extra), vis), at), 'gw.listener-cert-invalid').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`);
  it('fires without a grant, or with a grant for HTTPRoutes only or for another Secret; silent with the right grant', () => {
    assert.deepEqual(found([]), ['error spec.listeners[0].tls.certificateRefs[0]']);
    assert.match(ids(run(snap(world([])), at), 'gw.listener-cert-invalid')[0]?.message ?? '', /certs\/wildcard-tls in another namespace without a ReferenceGrant/);
    assert.deepEqual(found([referenceGrant('certs', 'routes', 'infra', { kind: 'Secret' })]), ['error spec.listeners[0].tls.certificateRefs[0]'], 'a grant from HTTPRoutes');
    assert.deepEqual(found([referenceGrant('certs', 'other', 'infra', { kind: 'Secret', name: 'api-tls' }, 'Gateway')]), ['error spec.listeners[0].tls.certificateRefs[0]'], 'a grant for another Secret');
    assert.deepEqual(found([referenceGrant('certs', 'other-ns', 'shop', { kind: 'Secret' }, 'Gateway')]), ['error spec.listeners[0].tls.certificateRefs[0]'], 'a grant for Gateways of another namespace');
    assert.deepEqual(found([referenceGrant('certs', 'infra-gateways', 'infra', { kind: 'Secret', name: 'wildcard-tls' }, 'Gateway')]), []);
    assert.deepEqual(found([referenceGrant('certs', 'infra-gateways', 'infra', { kind: 'Secret' }, 'Gateway')]), []);
  });
  it('unknown (silent) when ReferenceGrants are not readable', () => {
    assert.deepEqual(found([], { ReferenceGrant: { state: 'forbidden' } }), []);
  });
});

describe('gw.listener-cert-invalid (rule: the tls.* certificate checks run on the listener certificate — notBefore / notAfter)', () => {
  const pem = makeCert('shop.example.com', ['DNS:shop.example.com']);
  const https: ListenerIn = { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'shop-tls' }] }, allowedRoutes: all };
  const objs = (): Raw[] => gw({ listeners: [https], extra: [tlsSecret('infra', 'shop-tls', pem.crt, pem.key)] });
  it('silent inside the validity window; error after notAfter', () => {
    assert.equal(ids(run(snap(objs()), certTime(pem.crt, 'validFrom', 3_600_000)), 'gw.listener-cert-invalid').length, 0);
    const [late] = ids(run(snap(objs()), certTime(pem.crt, 'validTo', 86_400_000)), 'gw.listener-cert-invalid');
    assert.equal(late?.severity, 'error');
    assert.match(late?.message ?? '', /expired/);
  });
  it('error before notBefore (clients reject it), beyond 5 minutes of clock skew', () => {
    assert.equal(ids(run(snap(objs()), certTime(pem.crt, 'validFrom', -2 * 60_000)), 'gw.listener-cert-invalid').length, 0);
    const [early] = ids(run(snap(objs()), certTime(pem.crt, 'validFrom', -86_400_000)), 'gw.listener-cert-invalid');
    assert.equal(early?.severity, 'error');
    assert.match(early?.message ?? '', /not valid before/);
  });
});

describe('route.not-attachable (rule: parentRef.port narrows the candidate listeners)', () => {
  const listeners: ListenerIn[] = [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }];
  const noParent = [cond('Accepted', 'False', 'NoMatchingParent', 'No listeners match this parent ref'), cond('ResolvedRefs')];
  it('a parentRef to port 8080 on a Gateway listening only on 80 cannot attach; port 80 can', () => {
    const [f, ...rest] = ids(run(snap(gw({ listeners, parents: [{ name: 'public', namespace: 'infra', port: 8080 }], parentStatus: [noParent] }))), 'route.not-attachable');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.parentRefs[0]']]);
    assert.equal(ids(run(snap(gw({ listeners, parents: [{ name: 'public', namespace: 'infra', port: 80 }] }))), 'route.not-attachable').length, 0);
  });
});

describe('route.backend-no-endpoints (rule: eps.port-unserved on the backend port counts too)', () => {
  it('the Service port no endpoint serves (targetPort name undeclared) fires; the served port of the same Service does not', () => {
    assert.equal(ids(run(snap(gw({ port: 80 }))), 'route.backend-no-endpoints').length, 0);
    const r = run(snap(gw({ port: 9090 })));
    const [f, ...rest] = ids(r, 'route.backend-no-endpoints');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.related], ['error', [{ kind: 'Service', namespace: 'shop', name: 'web' }]]);
    assert.match(f?.message ?? '', /:9090 has no ready endpoints serving that port/);
  });
});

// ----------------------------------------------------------------------------------- §10

/** pay/api: two pods on node-a listening on 8080 (named http), behind a Service of the given shape. */
function payApi(policies: Raw[], spec: Raw = {}, status?: Raw): Raw[] {
  const d = deployment('pay', 'api', { app: 'api' }, { pods: [{ node: 'node-a' }, { node: 'node-a' }] });
  return [node('node-a', { ip: '10.0.0.21' }), namespace('pay'), namespace('shop'), ...d, ...withSlices(service('pay', 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }, status ? { status } : {}), ofKind(d, 'Pod')), ...policies];
}

describe('netpol.dangling-selector (pitfall: matchExpressions are honoured — k8sgpt reads matchLabels only)', () => {
  const sel = (name: string, matchExpressions: Raw[]): Raw => netpol('pay', name, { podSelector: { matchExpressions }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
  const dangling = (np: Raw): string[] => ids(run(snap(payApi([np]))), 'netpol.dangling-selector').map((f) => `${f.severity} ${f.object.name} ${f.fields?.[0] ?? ''}`);
  it('a matchExpressions-only selector that selects no pod fires (In with a typo, NotIn, DoesNotExist)', () => {
    assert.deepEqual(dangling(sel('typo', [{ key: 'app', operator: 'In', values: ['payments-api'] }])), ['info typo spec.podSelector']);
    assert.deepEqual(dangling(sel('notin', [{ key: 'app', operator: 'NotIn', values: ['api'] }])), ['info notin spec.podSelector']);
    assert.deepEqual(dangling(sel('absent', [{ key: 'app', operator: 'DoesNotExist' }])), ['info absent spec.podSelector']);
  });
  it('the close variants that select the api pods are silent (In, Exists, NotIn another value)', () => {
    assert.deepEqual(dangling(sel('in', [{ key: 'app', operator: 'In', values: ['api'] }])), []);
    assert.deepEqual(dangling(sel('exists', [{ key: 'app', operator: 'Exists' }])), []);
    assert.deepEqual(dangling(sel('notin', [{ key: 'app', operator: 'NotIn', values: ['web'] }])), []);
  });
});

describe('netpol.external-traffic-blocked (pitfall: the source IP after NAT is implementation-defined → warning, never error)', () => {
  const allow = (peers: Raw[]): Raw => netpol('pay', 'allow', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: peers, ports: [{ protocol: 'TCP', port: 8080 }] }] });
  const lb = (policies: Raw[]): Raw[] => payApi(policies, { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }, lbStatus('203.0.113.50'));
  it('a LoadBalancer with eTP Local and only in-cluster peers: warning; an ipBlock 0.0.0.0/0 rule: silent', () => {
    const [f, ...rest] = ids(run(snap(lb([allow([{ podSelector: {} }])]))), 'netpol.external-traffic-blocked');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object.name], ['warning', 'api']);
    assert.match(f?.message ?? '', /no ipBlock for client addresses/);
    assert.equal(ids(run(snap(lb([allow([{ podSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0' } }])]))), 'netpol.external-traffic-blocked').length, 0);
  });
  it('with eTP Local an ipBlock that excludes the node network still may hold the client: silent (never guessed as blocked)', () => {
    assert.equal(ids(run(snap(lb([allow([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }])]))), 'netpol.external-traffic-blocked').length, 0);
  });
});

describe('conflict.externalip-port (rule: the (port, protocol) pair — TCP and UDP on one address do not collide)', () => {
  // MetalLB: DNS over TCP and UDP as two Services sharing one IP (the documented allow-shared-ip use)
  const shared = { 'metallb.io/allow-shared-ip': 'dns', 'metallb.io/loadBalancerIPs': '192.0.2.53' };
  const dns = (name: string, protocol: string, created: string): Raw => service('kube-system', name, { type: 'LoadBalancer', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: `dns-${protocol.toLowerCase()}`, port: 53, targetPort: 53, protocol }] }, { created, annotations: shared, status: lbStatus('192.0.2.53') });
  const pair = (): Raw[] => [node('node-a'), dns('dns-tcp', 'TCP', '2026-11-01T00:00:00Z'), dns('dns-udp', 'UDP', '2026-11-02T00:00:00Z')];
  it('silent for the TCP/UDP pair (and conflict.lb-ip agrees: same key, disjoint ports); a third Service on 53/TCP of that IP fires', () => {
    const r = run(snap(pair()));
    assert.equal(ids(r, 'conflict.externalip-port').length, 0);
    assert.equal(ids(r, 'conflict.lb-ip').length, 0);
    const stray = service('kube-system', 'dns-legacy', { selector: { 'k8s-app': 'kube-dns' }, externalIPs: ['192.0.2.53'], ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }] }, { created: '2026-11-03T00:00:00Z' });
    const [f, ...rest] = ids(run(snap([...pair(), stray])), 'conflict.externalip-port');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object.name, f?.related?.[0]?.name, f?.fields], ['warning', 'dns-legacy', 'dns-tcp', ['spec.externalIPs']]);
  });
  it('conflict.lb-ip: without the sharing key the same pair fires', () => {
    // MetalLB refuses the younger one: it stays pending
    const noKey = pair().map((o) => (o.kind === 'Service' ? { ...o, metadata: { ...(o.metadata as Raw), annotations: { 'metallb.io/loadBalancerIPs': '192.0.2.53' } }, ...((o.metadata as Raw).name === 'dns-udp' ? { status: { loadBalancer: {} } } : {}) } : o));
    assert.deepEqual(ids(run(snap(noKey)), 'conflict.lb-ip').map((f) => `${f.severity} ${f.object.name}`), ['warning dns-udp']);
  });
});

describe('conflict.ingress-host-path (rule: the effective class — legacy annotation and field naming one class claim the same routes)', () => {
  const svcs = (): Raw[] => [node('node-a'), ...nginxInstall(), ...web({})];
  const old = ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { created: '2026-11-01T00:00:00Z', address: '203.0.113.10' });
  const legacy = (cls: string): Raw => ingress('shop', 'web-legacy', { rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { created: '2026-11-02T00:00:00Z', annotations: { 'kubernetes.io/ingress.class': cls }, address: '203.0.113.10' });
  it('field nginx vs annotation nginx fires on the younger; annotation traefik (another class) is silent', () => {
    assert.deepEqual(ids(run(snap([...svcs(), old, legacy('nginx')])), 'conflict.ingress-host-path').map((f) => `${f.severity} ${f.object.name} ${f.related?.[0]?.name ?? ''}`), ['warning web-legacy web']);
    assert.equal(ids(run(snap([...svcs(), old, legacy('traefik')])), 'conflict.ingress-host-path').length, 0);
  });
});
