// nodeport.* (diagnostics.md §7): fires on realistic clusters, stays quiet on the pitfalls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, manualSlice, node, ofKind, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';

/** Deployment 'web' in shop with pods on the given nodes, behind a Service of the given shape. */
function web(spec: Raw, podNodes: string[], o: { ready?: boolean } = {}): Raw[] {
  const objs = deployment('shop', 'web', { app: 'web' }, { pods: podNodes.map((n) => ({ node: n, ...(o.ready === false ? { ready: false } : {}) })) });
  return [...objs, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }], ...spec }), ofKind(objs, 'Pod'))];
}

describe('nodeport.etp-local-no-endpoints', () => {
  it('fires for a selectorless NodePort whose hand-made slice carries no nodeName', () => {
    const objs = [node('node-a'), node('node-b'), service('shop', 'legacy', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30081 }] }), manualSlice('shop', 'legacy-1', { service: 'legacy', addresses: ['192.168.10.5'], ports: [{ port: 80 }] })];
    const [f, ...rest] = ids(run(snap(objs)), 'nodeport.etp-local-no-endpoints');
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'legacy' });
    assert.deepEqual(f?.fields, ['spec.externalTrafficPolicy']);
    assert.match(f?.message ?? '', /no nodeName/);
  });
  it('fires when the only ready backend sits on a node that is not Ready', () => {
    const [f] = ids(run(snap([node('node-a'), node('node-c', { ready: false }), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-c'])])), 'nodeport.etp-local-no-endpoints');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.related, [{ kind: 'Node', name: 'node-c' }]);
  });
  it('also covers a ClusterIP Service with externalIPs', () => {
    const objs = [node('node-a'), service('shop', 'ext', { externalIPs: ['203.0.113.7'], externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }), manualSlice('shop', 'ext-1', { service: 'ext', addresses: ['192.168.10.5'], ports: [{ port: 80 }] })];
    assert.equal(ids(run(snap(objs)), 'nodeport.etp-local-no-endpoints').length, 1);
  });
  it('breaks the LoadBalancer and externalIP paths too, at an externalTrafficPolicy hop', () => {
    const svcStatus = (objs: Raw[]): Raw[] => objs.map((o) => (o.kind === 'Service' ? { ...o, status: { loadBalancer: { ingress: [{ ip: '203.0.113.40' }] } } } : o));
    const r = run(snap([node('node-a'), node('node-c', { ready: false }), ...svcStatus(web({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', externalIPs: ['198.51.100.9'] }, ['node-c']))]));
    for (const entry of ['203.0.113.40:80', '198.51.100.9:80']) {
      const p = r.paths.find((x) => x.entry === entry);
      const h = p?.hops.find((x) => x.label === 'externalTrafficPolicy Local');
      assert.equal(h?.verdict, 'broken', entry);
      assert.equal(h?.field, 'spec.externalTrafficPolicy');
      assert.match(h?.detail ?? '', /no node answers/);
      assert.equal(p?.verdict, 'broken');
    }
    // healthy: the same Service with its pod on a Ready node names the node that answers
    const ok = run(snap([node('node-a'), ...svcStatus(web({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }, ['node-a']))]));
    const h = ok.paths.find((x) => x.entry === '203.0.113.40:80')?.hops.find((x) => x.label === 'externalTrafficPolicy Local');
    assert.equal(h?.verdict, 'ok');
    assert.match(h?.detail ?? '', /only node-a answer/);
  });
  it('does not fire with externalTrafficPolicy: Cluster', () => {
    assert.equal(ids(run(snap([node('node-a'), node('node-c', { ready: false }), ...web({ type: 'NodePort' }, ['node-c'])])), 'nodeport.etp-local-no-endpoints').length, 0);
  });
  it('does not fire when there are no ready endpoints at all (eps.no-ready is the cause)', () => {
    const r = run(snap([node('node-a'), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-a'], { ready: false })]));
    assert.equal(ids(r, 'nodeport.etp-local-no-endpoints').length, 0);
    assert.equal(ids(r, 'eps.no-ready').length, 1);
  });
  it('counts a serving endpoint that is terminating as local (kube-proxy falls back to it)', () => {
    const objs = [node('node-a'), service('shop', 'drain', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'd' }, ports: [{ port: 80, nodePort: 30090 }] })];
    const sl: Raw = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'drain-x', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'drain' } }, addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.1.1'], nodeName: 'node-a', conditions: { ready: false, serving: true, terminating: true } }] };
    assert.equal(ids(run(snap([...objs, sl])), 'nodeport.etp-local-no-endpoints').length, 0);
  });
  it('is skipped, not guessed, when nodes are forbidden', () => {
    const r = run(snap([...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-c'])], { Node: { state: 'forbidden' } }));
    assert.equal(r.findings.filter((f) => f.id.startsWith('nodeport.')).filter((f) => f.id !== 'nodeport.out-of-default-range' && f.id !== 'nodeport.unprobeable-protocol').length, 0);
    for (const id of ['nodeport.etp-local-no-endpoints', 'nodeport.etp-local-partial', 'nodeport.no-ready-nodes', 'nodeport.no-external-address']) assert.ok(skippedIds(r).includes(id), id);
    assert.match(r.skipped.find((x) => x.id === 'nodeport.no-ready-nodes')?.reason ?? '', /Node forbidden by RBAC/);
  });
  it('is skipped when neither EndpointSlices nor Endpoints are readable', () => {
    const r = run(snap([node('node-a'), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-a'])], { EndpointSlice: { state: 'forbidden' }, Endpoints: { state: 'forbidden' } }));
    assert.ok(skippedIds(r).includes('nodeport.etp-local-no-endpoints'));
  });
});

describe('nodeport.etp-local-partial', () => {
  it('the path enters on a node that answers (one with a local endpoint), and counts the others that do', () => {
    const nodes = [node('node-a', { ip: '10.0.0.21' }), node('node-b', { ip: '10.0.0.22' }), node('node-c', { ip: '10.0.0.23' })];
    const local = run(snap([...nodes, ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-b'])]));
    assert.equal(local.paths.find((p) => p.kind === 'nodeport')?.entry, '10.0.0.22:30080', 'node-a drops the traffic: not the entry');
    const cluster = run(snap([...nodes, ...web({ type: 'NodePort' }, ['node-b'])]));
    assert.equal(cluster.paths.find((p) => p.kind === 'nodeport')?.entry, '10.0.0.21:30080 (+2 nodes)', 'every Ready node answers');
  });
  it('warning for a NodePort Service whose backends run on some Ready nodes only', () => {
    const [f] = ids(run(snap([node('node-a'), node('node-b'), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-a'])])), 'nodeport.etp-local-partial');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.object.name, 'web');
    assert.match(f?.message ?? '', /answers only on node-a; connections via node-b time out/);
    assert.deepEqual(f?.fields, ['spec.externalTrafficPolicy']);
  });
  it('info for a LoadBalancer (the cloud LB health-checks the nodes)', () => {
    const [f] = ids(run(snap([node('node-a'), node('node-b'), ...web({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }, ['node-a'])])), 'nodeport.etp-local-partial');
    assert.equal(f?.severity, 'info');
  });
  it('differs from popeye: NodePort + Local is judged by where the backends run (POP-1108 flags every such Service)', () => {
    const r = run(snap([node('node-a'), node('node-b'), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-a', 'node-b'])]));
    assert.equal(r.findings.filter((f) => f.id.startsWith('nodeport.etp')).length, 0);
  });
  it('quiet when every Ready node hosts a backend, and NotReady nodes do not count', () => {
    assert.equal(ids(run(snap([node('node-a'), node('node-b'), node('node-x', { ready: false }), ...web({ type: 'NodePort', externalTrafficPolicy: 'Local' }, ['node-a', 'node-b'])])), 'nodeport.etp-local-partial').length, 0);
  });
  it('quiet for headless Services (kube-proxy ignores them)', () => {
    const objs = deployment('shop', 'db', { app: 'db' }, { pods: [{ node: 'node-a' }] });
    const svc = service('shop', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }], externalTrafficPolicy: 'Local', externalIPs: ['203.0.113.9'] });
    assert.equal(run(snap([node('node-a'), node('node-b'), ...objs, ...withSlices(svc, ofKind(objs, 'Pod'))])).findings.filter((f) => f.id.startsWith('nodeport.etp')).length, 0);
  });
});

describe('nodeport.no-ready-nodes', () => {
  it('error on each NodePort Service when no node is Ready', () => {
    const r = run(snap([node('node-a', { ready: false }), node('node-b', { ready: false }), ...web({ type: 'NodePort' }, ['node-a'])]));
    const [f] = ids(r, 'nodeport.no-ready-nodes');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.ports[0].nodePort']);
    assert.equal(ids(r, 'nodeport.etp-local-partial').length, 0);
  });
  it('quiet for ClusterIP Services and when one node is Ready', () => {
    assert.equal(ids(run(snap([node('node-a', { ready: false }), ...web({}, ['node-a'])])), 'nodeport.no-ready-nodes').length, 0);
    assert.equal(ids(run(snap([node('node-a', { ready: false }), node('node-b'), ...web({ type: 'NodePort' }, ['node-b'])])), 'nodeport.no-ready-nodes').length, 0);
  });
});

describe('nodeport.no-external-address, out-of-default-range, unprobeable-protocol', () => {
  it('no-external-address: info listing the InternalIPs', () => {
    const [f] = ids(run(snap([node('node-a', { ip: '10.0.0.5' }), ...web({ type: 'NodePort' }, ['node-a'])])), 'nodeport.no-external-address');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /10\.0\.0\.5/);
  });
  it('no-external-address: quiet when a Ready node has an ExternalIP, and for LoadBalancers', () => {
    assert.equal(ids(run(snap([node('node-a', { externalIP: '198.51.100.4' }), ...web({ type: 'NodePort' }, ['node-a'])])), 'nodeport.no-external-address').length, 0);
    assert.equal(ids(run(snap([node('node-a'), ...web({ type: 'LoadBalancer' }, ['node-a'])])), 'nodeport.no-external-address').length, 0);
  });
  it('out-of-default-range: info with the port path; quiet inside 30000-32767', () => {
    const [f] = ids(run(snap([node('node-a'), ...web({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 8080 }] }, ['node-a'])])), 'nodeport.out-of-default-range');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.ports[0].nodePort']);
    assert.equal(ids(run(snap([node('node-a'), ...web({ type: 'NodePort' }, ['node-a'])])), 'nodeport.out-of-default-range').length, 0);
  });
  it('unprobeable-protocol: UDP NodePort is info; a UDP ClusterIP port is not exposed', () => {
    const dns = (type: 'NodePort' | 'ClusterIP'): Raw => service('kube-system', 'dns', { type, selector: { k8s: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', ...(type === 'NodePort' ? { nodePort: 30053 } : {}) }] });
    const [f] = ids(run(snap([node('node-a'), dns('NodePort')])), 'nodeport.unprobeable-protocol');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.ports[0].protocol']);
    assert.equal(ids(run(snap([node('node-a'), dns('ClusterIP')])), 'nodeport.unprobeable-protocol').length, 0);
  });
});
