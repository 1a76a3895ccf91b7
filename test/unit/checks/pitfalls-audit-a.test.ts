// Audit of diagnostics.md §2–§6 (svc.*, eps.*, ing.*, ingclass.*, controller.*, tls.*): firing
// cases and pitfalls that no other suite asserted. Every must-not-fire case is paired with a close
// variant on the same fixture that does fire, so a silent check cannot pass by accident.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, endpointsFor, ids, ingress, ingressClass, makeCert, certTime, nginxInstall, node, ofKind, OLD, on, pod, rule, run, service, slicesFor, snap, tlsSecret, withSlices, type Raw } from './fixtures/build.js';
import { event } from './fixtures2/objects.js';

const DAY = 86_400_000;
const nodes = (): Raw[] => [node('node-a'), node('node-b')];
const webSvc = (spec: Record<string, unknown> = {}, o: Parameters<typeof service>[3] = {}): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec }, o);
/** Deployment shop/web, its pods and the slices the controller writes for `svc`. */
function app(svc: Raw = webSvc(), o: Parameters<typeof deployment>[3] = {}): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, o);
  return [...d, ...withSlices(svc, ofKind(d, 'Pod'))];
}
const meta = (o: Raw): Raw => o.metadata as Raw;

// ------------------------------------------------------------------ §2 Services
describe('svc.selector-no-pods (pitfall: iterate Services, not Endpoints — leader-election locks have no Service)', () => {
  it('a leader-election Endpoints object without a Service raises no Service finding; a Service with a selector typo does', () => {
    const lock = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kube-scheduler', namespace: 'kube-system', creationTimestamp: OLD, annotations: { 'control-plane.alpha.kubernetes.io/leader': '{"holderIdentity":"cp-1_4f1c","leaseDurationSeconds":15,"acquireTime":"2026-11-01T00:00:00Z","renewTime":"2026-11-25T11:59:50Z","leaderTransitions":3}' } }, subsets: [] };
    const r = run(snap([...nodes(), ...app(), lock]));
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
    assert.deepEqual(r.findings.filter((f) => f.object.name === 'kube-scheduler').map((f) => f.id), []);
    const typo = service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80, targetPort: 8080 }] });
    assert.equal(on(run(snap([...nodes(), ...app(), lock, ...withSlices(typo, [])])), 'svc.selector-no-pods', 'checkout').length, 1);
  });
});

describe('svc.backends-scaled-to-zero (StatefulSet and DaemonSet backends; pitfall: intentional scale-to-zero stays info)', () => {
  const sts = (replicas: number): Raw => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop', uid: '5f0c3e1a-7b7e-4d43-9a59-0b1d2c3e4f50', creationTimestamp: OLD, generation: 3 },
    spec: { replicas, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:16.4', ports: [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }] }] } }, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    status: { replicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0, observedGeneration: 3, collisionCount: 0 },
  });
  // a DaemonSet whose nodeSelector matches no node: desiredNumberScheduled 0
  const ds = (desired: number): Raw => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'gpu-exporter', namespace: 'shop', uid: '6a1d4f2b-8c8f-4e54-ab6a-1c2d3e4f5061', creationTimestamp: OLD, generation: 1 },
    spec: { selector: { matchLabels: { app: 'gpu-exporter' } }, template: { metadata: { labels: { app: 'gpu-exporter' } }, spec: { nodeSelector: { 'nvidia.com/gpu.present': 'true' }, containers: [{ name: 'exporter', image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.8', ports: [{ name: 'metrics', containerPort: 9400, protocol: 'TCP' }] }] } } },
    status: { currentNumberScheduled: desired, desiredNumberScheduled: desired, numberMisscheduled: 0, numberReady: desired, observedGeneration: 1 },
  });
  const dbSvc = service('shop', 'db', { selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }] });
  const gpuSvc = service('shop', 'gpu-exporter', { selector: { app: 'gpu-exporter' }, ports: [{ name: 'metrics', port: 9400, targetPort: 'metrics' }] });

  it('a StatefulSet scaled to 0 is info on the Service (no selector-no-pods, no eps.no-ready); with replicas 1 and no pod it is not "scaled to zero"', () => {
    const r = run(snap([...nodes(), sts(0), ...withSlices(dbSvc, [])]));
    const [f] = ids(r, 'svc.backends-scaled-to-zero');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.related, [{ kind: 'StatefulSet', namespace: 'shop', name: 'db' }]);
    assert.equal(ids(r, 'svc.selector-no-pods').length + ids(r, 'eps.no-ready').length, 0);
    const stuck = run(snap([...nodes(), sts(1), ...withSlices(dbSvc, [])]));
    assert.equal(ids(stuck, 'svc.backends-scaled-to-zero').length, 0);
    assert.equal(on(stuck, 'svc.selector-no-pods', 'db').length, 1);
  });
  it('a DaemonSet scheduled on no node (desiredNumberScheduled 0) is info; a DaemonSet that should run somewhere but has no pod is not', () => {
    const r = run(snap([...nodes(), ds(0), ...withSlices(gpuSvc, [])]));
    assert.deepEqual(ids(r, 'svc.backends-scaled-to-zero').map((f) => [f.object.name, f.severity]), [['gpu-exporter', 'info']]);
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
    const r2 = run(snap([...nodes(), ds(2), ...withSlices(gpuSvc, [])]));
    assert.equal(ids(r2, 'svc.backends-scaled-to-zero').length, 0);
    assert.equal(on(r2, 'svc.selector-no-pods', 'gpu-exporter').length, 1);
  });
});

describe('svc.selector-spans-workloads (pitfall: deliberate canary/blue-green is info)', () => {
  const svc = (): Raw => service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  it('a web-canary Deployment next to web (the documented canary pattern) is info; an unrelated Deployment sharing the label is a warning', () => {
    const stable = deployment('shop', 'web', { app: 'web', track: 'stable' });
    const canary = deployment('shop', 'web-canary', { app: 'web', track: 'canary' }, { replicas: 1 });
    const other = deployment('shop', 'admin', { app: 'web', component: 'admin' }, { replicas: 1 });
    const withPods = (ds: Raw[]): Raw[] => [...nodes(), ...ds, ...withSlices(svc(), ofKind(ds, 'Pod'))];
    assert.deepEqual(ids(run(snap(withPods([...stable, ...canary]))), 'svc.selector-spans-workloads').map((f) => f.severity), ['info']);
    assert.deepEqual(ids(run(snap(withPods([...stable, ...other]))), 'svc.selector-spans-workloads').map((f) => f.severity), ['warning']);
  });
  it('an Argo Rollouts canary (stable and canary ReplicaSets of one Rollout) is one workload; two Rollouts are two', () => {
    const rollout = (name: string, hashes: string[]): Raw[] =>
      hashes.flatMap((h, i) => {
        const rs = `${name}-${h}`;
        const labels = { app: 'web', 'rollouts-pod-template-hash': h };
        return [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rs, namespace: 'shop', uid: `7b2e5a3c-9d9a-4f65-bc7b-2d3e4f50617${i}`, creationTimestamp: OLD, labels, annotations: { 'rollout.argoproj.io/revision': String(i + 1) }, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name, uid: '8c3f6b4d-0e0b-4a76-8d8c-3e4f50617283', controller: true, blockOwnerDeletion: true }] }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/app:1.4.2' }] } } }, status: { replicas: 1, readyReplicas: 1 } },
          pod('shop', `${rs}-x${i}k2p`, labels, { owner: { kind: 'ReplicaSet', name: rs }, node: i === 0 ? 'node-a' : 'node-b' }),
        ];
      });
    const world = (objs: Raw[]): Raw[] => [...nodes(), ...objs, ...withSlices(svc(), objs.filter((o) => o.kind === 'Pod'))];
    assert.equal(ids(run(snap(world(rollout('web', ['6d4f8b9c7d', '7f9c5d6b8f'])))), 'svc.selector-spans-workloads').length, 0);
    assert.equal(ids(run(snap(world([...rollout('web', ['6d4f8b9c7d']), ...rollout('api', ['5b8d7c6f9a'])]))), 'svc.selector-spans-workloads').length, 1);
  });
});

describe('svc.externalname-http-caveat (an Ingress backend, or appProtocol https)', () => {
  const ext = (port: { name?: string; port: number; appProtocol?: string }): Raw => service('shop', 'partner', { type: 'ExternalName', externalName: 'api.partner.example.com', ports: [port] });
  const viaIngress = ingress('shop', 'partner', { ingressClassName: 'nginx', rules: [rule('partner.shop.example.com', [['/', 'partner', 9000]])] }, { address: '203.0.113.10' });
  it('an ExternalName on a non-HTTP-looking port fires once an Ingress routes to it; appProtocol https fires on its own; a plain tcp port alone does not', () => {
    assert.equal(ids(run(snap([...nodes(), ...nginxInstall(), ext({ name: 'api', port: 9000 })])), 'svc.externalname-http-caveat').length, 0);
    assert.equal(on(run(snap([...nodes(), ...nginxInstall(), ext({ name: 'api', port: 9000 }), viaIngress])), 'svc.externalname-http-caveat', 'partner').length, 1);
    assert.equal(ids(run(snap([...nodes(), ext({ name: 'api', port: 9443, appProtocol: 'https' })])), 'svc.externalname-http-caveat').length, 1);
  });
});

describe('svc.session-affinity-ineffective (Ingress backend; LoadBalancer with eTP Cluster)', () => {
  it('ClientIP on a ClusterIP Service fires once an Ingress routes to it (the controller is the client), not before', () => {
    const svc = webSvc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
    const objs = [...nodes(), ...app(svc), ...nginxInstall()];
    assert.equal(ids(run(snap(objs)), 'svc.session-affinity-ineffective').length, 0);
    const r = run(snap([...objs, ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.10' })]));
    assert.equal(on(r, 'svc.session-affinity-ineffective', 'web')[0]?.severity, 'info');
  });
  it('a LoadBalancer with eTP Cluster fires, with eTP Local it does not', () => {
    const lb = (etp: 'Cluster' | 'Local'): Raw => webSvc({ type: 'LoadBalancer', sessionAffinity: 'ClientIP', externalTrafficPolicy: etp, ...(etp === 'Local' ? { healthCheckNodePort: 31234 } : {}) }, { status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP' }] } } });
    assert.equal(ids(run(snap([...nodes(), ...app(lb('Cluster'))])), 'svc.session-affinity-ineffective').length, 1);
    assert.equal(ids(run(snap([...nodes(), ...app(lb('Local'))])), 'svc.session-affinity-ineffective').length, 0);
  });
});

describe('svc.warning-events (Normal events and events older than 1 h are not reported)', () => {
  it('only the recent Warning event is reported, once per reason', () => {
    const lb = webSvc({ type: 'LoadBalancer' });
    const svcRef = { kind: 'Service', name: 'web' };
    const objs = [
      ...nodes(),
      ...app(lb),
      event('shop', svcRef, 'EnsuringLoadBalancer', 'Ensuring load balancer', 'Normal', '2026-11-25T11:50:00Z'),
      event('shop', svcRef, 'AllocationFailed', 'Failed to allocate IP for "shop/web": no available IPs', 'Warning', '2026-11-25T09:00:00Z'),
    ];
    assert.equal(ids(run(snap(objs)), 'svc.warning-events').length, 0);
    const recent = event('shop', svcRef, 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: quota exceeded', 'Warning', '2026-11-25T11:40:00Z');
    const f = ids(run(snap([...objs, recent])), 'svc.warning-events');
    assert.deepEqual(f.map((x) => [x.severity, x.message]), [['warning', 'Service shop/web: SyncLoadBalancerFailed — Error syncing load balancer: failed to ensure load balancer: quota exceeded']]);
  });
});

describe('svc.internal-traffic-local (pitfall: a DaemonSet covering all schedulable nodes is the intended use)', () => {
  // kubeadm control-plane node: tainted NoSchedule, runs Ready static pods (clients by the rule)
  const cp = (): Raw => {
    const n = node('cp-1', { labels: { 'node-role.kubernetes.io/control-plane': '' } });
    return { ...n, spec: { ...(n.spec as Raw), taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } };
  };
  const apiserver = pod('kube-system', 'kube-apiserver-cp-1', { component: 'kube-apiserver', tier: 'control-plane' }, { node: 'cp-1', hostNetwork: true, image: 'registry.k8s.io/kube-apiserver:v1.31.2', ports: [], owner: { kind: 'Node', name: 'cp-1' } });
  const svc = service('monitoring', 'node-agent', { selector: { app: 'node-agent' }, internalTrafficPolicy: 'Local', ports: [{ name: 'otlp', port: 4317, targetPort: 'otlp' }] });
  const agent = (nodeName: string, o: { ready?: boolean } = {}): Raw => pod('monitoring', `node-agent-${nodeName.slice(-1)}x7k2`, { app: 'node-agent' }, { node: nodeName, ports: [{ name: 'otlp', containerPort: 4317 }], owner: { kind: 'DaemonSet', name: 'node-agent' }, ...o });
  const client = (nodeName: string): Raw => pod('shop', `web-${nodeName.slice(-1)}`, { app: 'web' }, { node: nodeName });
  const world = (agents: Raw[], extra: Raw[] = []): Raw[] => [cp(), ...nodes(), apiserver, client('node-a'), client('node-b'), ...agents, ...withSlices(svc, agents), ...extra];
  it('silent when the DaemonSet runs a ready pod on every schedulable node (the tainted control-plane node does not count)', () => {
    assert.equal(ids(run(snap(world([agent('node-a'), agent('node-b')]))), 'svc.internal-traffic-local').length, 0);
  });
  it('fires (info) when a schedulable node with clients lacks a ready agent', () => {
    const [f] = ids(run(snap(world([agent('node-a'), agent('node-b', { ready: false })]))), 'svc.internal-traffic-local');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /node-b/);
  });
  it('a Deployment backend on the same nodes is not a node-local agent: the control-plane client is reported', () => {
    const deploy = [agent('node-a'), agent('node-b')].map((p) => ({ ...p, metadata: { ...meta(p), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'node-agent-7c9d', uid: '9d4a7c5e-1f1c-4b87-9e9d-4f5061728394', controller: true }] } }));
    const [f] = ids(run(snap(world(deploy))), 'svc.internal-traffic-local');
    assert.match(f?.message ?? '', /cp-1/);
  });
});

describe('svc.internal-traffic-local (a node whose only local endpoint is terminating but serving still answers)', () => {
  it('serving-terminating endpoint on node-b: no info for node-b; terminating and no longer serving: node-b is reported', () => {
    const svc = webSvc({ internalTrafficPolicy: 'Local' });
    const world = (draining: { ready?: boolean }): Raw[] => {
      const pods = [pod('shop', 'web-a', { app: 'web' }, { node: 'node-a' }), pod('shop', 'web-b', { app: 'web' }, { node: 'node-b', terminating: true, ...draining })];
      return [...nodes(), ...pods, ...withSlices(svc, pods), pod('shop', 'frontend-b', { app: 'frontend' }, { node: 'node-b' })];
    };
    assert.equal(ids(run(snap(world({}))), 'svc.internal-traffic-local').length, 0);
    const [f] = ids(run(snap(world({ ready: false }))), 'svc.internal-traffic-local');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /node-b/);
  });
});

describe('svc.targetport-not-declared (protocol is part of the declaration)', () => {
  it('pods declaring 5353/UDP: a TCP Service port to 5353 fires, a UDP one does not', () => {
    const d = deployment('shop', 'mdns', { app: 'mdns' }, { ports: [{ name: 'mdns', containerPort: 5353, protocol: 'UDP' }] });
    const svc = (protocol: string): Raw => service('shop', 'mdns', { selector: { app: 'mdns' }, ports: [{ name: 'mdns', port: 5353, targetPort: 5353, protocol }] });
    const r = (protocol: string): ReturnType<typeof run> => run(snap([...nodes(), ...d, ...withSlices(svc(protocol), ofKind(d, 'Pod'))]));
    assert.equal(ids(r('UDP'), 'svc.targetport-not-declared').length, 0);
    assert.match(ids(r('TCP'), 'svc.targetport-not-declared')[0]?.message ?? '', /only declare ports \[5353\/UDP\]/);
  });
});

describe('svc.selectorless-no-endpoints (headless included, ExternalName excluded)', () => {
  it('a headless selectorless Service with no slices fires; the same name as ExternalName does not; a fed headless one does not', () => {
    const headless = service('shop', 'pg-peers', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] });
    const ext = service('shop', 'pg-ext', { type: 'ExternalName', externalName: 'pg.data.example.com', ports: [{ name: 'pg', port: 5432 }] });
    const fed = service('shop', 'pg-fed', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] });
    const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'pg-fed-1', namespace: 'shop', creationTimestamp: OLD, labels: { 'kubernetes.io/service-name': 'pg-fed', 'endpointslice.kubernetes.io/managed-by': 'platform-team' } }, addressType: 'IPv4', endpoints: [{ addresses: ['192.0.2.21'], conditions: { ready: true } }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] };
    assert.deepEqual(ids(run(snap([...nodes(), headless, ext, fed, slice])), 'svc.selectorless-no-endpoints').map((f) => f.object.name), ['pg-peers']);
  });
});

// ------------------------------------------------------------------ §3 EndpointSlices
describe('eps.no-ready (pitfall: the legacy Endpoints object can lag; EndpointSlices win when readable)', () => {
  it('ready slices with a lagging Endpoints object that still lists the pods not ready: silent; with slices forbidden the same Endpoints is all there is and fires', () => {
    const svc = webSvc();
    const d = deployment('shop', 'web', { app: 'web' });
    const pods = ofKind(d, 'Pod');
    // the Endpoints object as written while the pods were still starting
    const lagging = endpointsFor(svc, pods.map((p) => ({ ...p, status: { ...(p.status as Raw), conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] } })));
    const objs = [...nodes(), ...d, ...withSlices(svc, pods), lagging];
    assert.equal(ids(run(snap(objs)), 'eps.no-ready').length, 0);
    assert.equal(on(run(snap(objs, { EndpointSlice: { state: 'forbidden' } })), 'eps.no-ready', 'web').length, 1);
  });
});

describe('eps.stale-target (old IP, deleted node; pitfall: only controller-managed slices are judged)', () => {
  const svc = service('shop', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 5432 }] });
  const dbPod = (ip: string, nodeName = 'node-a'): Raw => pod('shop', 'db-0', { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' }, { ip, node: nodeName, ports: [{ name: 'pg', containerPort: 5432 }], owner: { kind: 'StatefulSet', name: 'db' } });
  it('a StatefulSet pod recreated under a new IP while the slice still lists the old one fires; the current IP does not', () => {
    const slices = slicesFor(svc, [dbPod('10.244.1.5')]);
    assert.equal(ids(run(snap([...nodes(), svc, dbPod('10.244.1.5'), ...slices])), 'eps.stale-target').length, 0);
    const [f] = ids(run(snap([...nodes(), svc, dbPod('10.244.2.7'), ...slices])), 'eps.stale-target');
    assert.match(f?.message ?? '', /db-0 under an old IP \(10\.244\.1\.5\)/);
  });
  it('an endpoint whose nodeName is a Node that no longer exists fires (rule: nodeName not an existing Node)', () => {
    const objs = (withNode: boolean): Raw[] => [node('node-a'), ...(withNode ? [node('ip-10-0-3-17')] : []), svc, dbPod('10.244.3.4', 'ip-10-0-3-17'), ...slicesFor(svc, [dbPod('10.244.3.4', 'ip-10-0-3-17')])];
    assert.equal(ids(run(snap(objs(true))), 'eps.stale-target').length, 0);
    assert.match(ids(run(snap(objs(false))), 'eps.stale-target')[0]?.message ?? '', /ip-10-0-3-17/);
  });
  it('hand-made slices: a targetRef into another namespace, no targetRef, even a targetRef to a gone pod are not judged', () => {
    const ext = service('shop', 'legacy-db', { ports: [{ name: 'pg', port: 5432 }] });
    const legacyPod = pod('legacy', 'pg-main-0', { app: 'pg' }, { ip: '10.244.4.9', ports: [{ name: 'pg', containerPort: 5432 }] });
    const handMade = (endpoints: Raw[], managedBy = 'platform-team'): Raw => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'legacy-db-1', namespace: 'shop', creationTimestamp: OLD, labels: { 'kubernetes.io/service-name': 'legacy-db', 'endpointslice.kubernetes.io/managed-by': managedBy } },
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    });
    const eps = [
      { addresses: ['10.244.4.9'], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'legacy', name: 'pg-main-0' } },
      { addresses: ['192.0.2.40'], conditions: { ready: true } },
      { addresses: ['10.244.4.10'], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'legacy', name: 'pg-replica-0' } },
    ];
    assert.equal(ids(run(snap([...nodes(), ext, legacyPod, handMade(eps)])), 'eps.stale-target').length, 0);
    // the same endpoints written by the endpointslice controller: the gone pod is stale
    assert.deepEqual(ids(run(snap([...nodes(), ext, legacyPod, handMade(eps, 'endpointslice-controller.k8s.io')])), 'eps.stale-target').map((f) => f.message.match(/deleted pod (\S+)/)?.[1]), ['pg-replica-0']);
  });
});

// ------------------------------------------------------------------ §4 Ingress
const ingOf = (spec: Raw, o: Parameters<typeof ingress>[3] = { address: '203.0.113.10' }, name = 'web'): Raw => ingress('shop', name, { rules: [rule('shop.example.com', [['/', 'web', 80]])], ...spec }, o);

describe('ing.unclassed-despite-default (only an exact "true" default counts)', () => {
  it('a class annotated "True" is no default: the unclassed Ingress is ing.class-none; with "true" it is ing.unclassed-despite-default', () => {
    const objs = (def: string): Raw[] => [...nodes(), ...app(), ...nginxInstall({ withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx', { default: def }), ingOf({}, {})];
    const malformed = run(snap(objs('True')));
    assert.equal(ids(malformed, 'ing.unclassed-despite-default').length, 0);
    assert.equal(ids(malformed, 'ing.class-none').length, 1);
    const proper = run(snap(objs('true')));
    assert.equal(ids(proper, 'ing.unclassed-despite-default').length, 1);
    assert.equal(ids(proper, 'ing.class-none').length, 0);
  });
});

describe('ing.class-field-annotation-conflict (equal values are no conflict)', () => {
  it('field and annotation both nginx: silent; nginx vs nginx-internal: fires', () => {
    const objs = [...nodes(), ...app(), ...nginxInstall()];
    const both = (ann: string): Raw => ingOf({ ingressClassName: 'nginx' }, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': ann } });
    assert.equal(ids(run(snap([...objs, both('nginx')])), 'ing.class-field-annotation-conflict').length, 0);
    assert.equal(ids(run(snap([...objs, both('nginx-internal')])), 'ing.class-field-annotation-conflict').length, 1);
  });
});

describe('ing.lb-port-error (published ports without an error are fine)', () => {
  it('status ports without error: silent; an error on one port: one finding for that port', () => {
    const withPorts = (ports: Raw[]): Raw => {
      const i = ingOf({ ingressClassName: 'nginx' });
      i.status = { loadBalancer: { ingress: [{ hostname: 'k8s-shop-web-1a2b3c4d5e-123456789.eu-west-1.elb.amazonaws.com', ports }] } };
      return i;
    };
    const objs = [...nodes(), ...app(), ...nginxInstall()];
    assert.equal(ids(run(snap([...objs, withPorts([{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }])])), 'ing.lb-port-error').length, 0);
    assert.deepEqual(ids(run(snap([...objs, withPorts([{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP', error: 'CertificateNotFound' }])])), 'ing.lb-port-error').map((f) => f.message.match(/port (\d+)/)?.[1]), ['443']);
  });
});

describe('ing.backend-no-endpoints (per matched Service port: eps.port-unserved on another port is not this backend)', () => {
  it('a route to the served port is silent; a route to the port no endpoint serves fires', () => {
    // pods declare http only: the metrics port resolves on no pod (eps.port-unserved)
    const svc = webSvc({ ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] });
    const objs = [...nodes(), ...app(svc), ...nginxInstall()];
    const to = (port: number): Raw => ingOf({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', port]])] });
    const ok = run(snap([...objs, to(80)]));
    assert.equal(on(ok, 'eps.port-unserved', 'web').length, 1);
    assert.equal(ids(ok, 'ing.backend-no-endpoints').length, 0);
    assert.equal(ids(run(snap([...objs, to(9090)])), 'ing.backend-no-endpoints').length, 1);
  });
});

describe('ing.backend-service-type-unsupported (AWS: the Service target-type annotation overrides the Ingress one)', () => {
  const lbc = pod('kube-system', 'aws-load-balancer-controller-7d9c6b8f5-q2w4e', { 'app.kubernetes.io/name': 'aws-load-balancer-controller' }, { image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.9.0', args: ['--cluster-name=shop-prod', '--ingress-class=alb'], ports: [{ name: 'webhook-server', containerPort: 9443 }], owner: { kind: 'ReplicaSet', name: 'aws-load-balancer-controller-7d9c6b8f5' } });
  const world = (ingAnn: Record<string, string>, svcAnn: Record<string, string> | undefined): Raw[] => [
    ...nodes(),
    lbc,
    ingressClass('alb', 'ingress.k8s.aws/alb'),
    ...app(webSvc({}, svcAnn ? { annotations: svcAnn } : {})),
    ingOf({ ingressClassName: 'alb' }, { address: 'k8s-shop-web-1a2b3c4d5e-123456789.eu-west-1.elb.amazonaws.com', annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', ...ingAnn } }),
  ];
  const r = (ingAnn: Record<string, string>, svcAnn?: Record<string, string>): number => ids(run(snap(world(ingAnn, svcAnn))), 'ing.backend-service-type-unsupported').length;
  it('Ingress instance (default) but Service target-type ip: silent; Ingress ip but Service instance: fires', () => {
    assert.equal(r({}), 1);
    assert.equal(r({}, { 'alb.ingress.kubernetes.io/target-type': 'ip' }), 0);
    assert.equal(r({ 'alb.ingress.kubernetes.io/target-type': 'ip' }), 0);
    assert.equal(r({ 'alb.ingress.kubernetes.io/target-type': 'ip' }, { 'alb.ingress.kubernetes.io/target-type': 'instance' }), 1);
  });
});

// ------------------------------------------------------------------ §6 TLS
describe('tls.secret-missing-keys (an empty tls.key counts as missing)', () => {
  it('empty tls.key value: fires; the full key pair: silent', () => {
    const p = makeCert('shop.example.com', ['DNS:shop.example.com']);
    const tlsIng = ingOf({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] });
    const objs = [...nodes(), ...app(), ...nginxInstall(), tlsIng];
    const now = certTime(p.crt, 'validFrom', DAY);
    assert.match(ids(run(snap([...objs, tlsSecret('shop', 'shop-tls', p.crt, '')]), now), 'tls.secret-missing-keys')[0]?.message ?? '', /tls\.key/);
    assert.equal(ids(run(snap([...objs, tlsSecret('shop', 'shop-tls', p.crt, p.key)]), now), 'tls.secret-missing-keys').length, 0);
  });
});
