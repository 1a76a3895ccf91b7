// probe.nodeport-tcp (§11.2) against real listeners on 127.0.0.1, plus the expectation table.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { formatProbeResult, formatProbeResults, probeFindings, probeTargets, runProbes } from '../../../src/probe/index.js';
import { buildGraph } from '../../../src/model/graph.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { node, pod, service, slice, snap } from '../checks/build.js';
import { close, closedPort, listen, loopNode, type Raw } from './net-helpers.js';

const web = (nodePort: number, spec: Raw = {}, eps: Parameters<typeof slice>[3] = [{ ip: '10.244.0.9', pod: 'web-1', node: 'node-a' }]): Raw[] => [
  service('shop', 'web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort }], ...spec }),
  pod('shop', 'web-1', { app: 'web' }, { node: 'node-a' }),
  slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], eps),
];

const plan = (s: ClusterSnapshot, select?: Parameters<typeof probeTargets>[2]): string[] =>
  probeTargets(s, buildGraph(s), select).map((t) => (t.kind === 'nodeport-tcp' ? `${t.object.name} ${t.node} ${t.host}:${t.port} ${t.expect}` : `${t.kind} ${t.object.name} ${t.port}`));

describe('probe.nodeport-tcp targets and expectations', () => {
  it('eTP Cluster with ready endpoints: every Ready node should answer; NotReady nodes are not probed', () => {
    const s = snap([loopNode('node-a'), loopNode('node-b'), loopNode('node-c', false), ...web(30080)]);
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 open', 'web node-b 127.0.0.1:30080 open']);
  });

  it('eTP Local: open only where a ready endpoint runs, dropped elsewhere', () => {
    const s = snap([loopNode('node-a'), loopNode('node-b'), ...web(30080, { externalTrafficPolicy: 'Local' })]);
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 open', 'web node-b 127.0.0.1:30080 dropped']);
  });

  it('eTP Local falls back to serving-terminating local endpoints, as kube-proxy does', () => {
    const s = snap([loopNode('node-a'), loopNode('node-b'), ...web(30080, { externalTrafficPolicy: 'Local' }, [{ ip: '10.244.0.9', node: 'node-a', ready: false, serving: true, terminating: true }])]);
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 open', 'web node-b 127.0.0.1:30080 dropped']);
  });

  it('no ready endpoints: refused everywhere', () => {
    const s = snap([loopNode('node-a'), loopNode('node-b'), ...web(30080, {}, [{ ip: '10.244.0.9', node: 'node-a', ready: false, serving: false }])]);
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 refused', 'web node-b 127.0.0.1:30080 refused']);
  });

  it('endpoints that do not serve the Service port count as none for it', () => {
    const s = snap([loopNode('node-a'), service('shop', 'web', { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }] }), slice('shop', 'web', [{ name: 'metrics', port: 9090, protocol: 'TCP' }], [{ ip: '10.244.0.9', node: 'node-a' }])]);
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 refused']);
  });

  it('unknown expectation when EndpointSlices (and Endpoints) are not visible', () => {
    const s = snap([loopNode('node-a'), ...web(30080)], { EndpointSlice: { state: 'forbidden' }, Endpoints: { state: 'forbidden' } });
    assert.deepEqual(plan(s), ['web node-a 127.0.0.1:30080 unknown']);
  });

  it('dials ExternalIP before InternalIP', () => {
    const n = { ...node('node-a'), status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'ExternalIP', address: '::1' }], conditions: [{ type: 'Ready', status: 'True' }] } };
    assert.deepEqual(plan(snap([n, ...web(30080)])), ['web node-a ::1:30080 open']);
  });

  it('LoadBalancer: node ports unless allocateLoadBalancerNodePorts is false; ClusterIP never', () => {
    const s = snap([
      loopNode('node-a'),
      service('shop', 'lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000 }] }),
      service('shop', 'lb-direct', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80, nodePort: 31001 }] }),
      service('shop', 'internal', { type: 'ClusterIP', ports: [{ port: 80 }] }),
    ]);
    assert.deepEqual(plan(s), ['lb node-a 127.0.0.1:31000 refused']);
  });

  it('UDP and SCTP node ports are listed as unprobeable, never dialled', async () => {
    const s = snap([loopNode('node-a'), service('kube-system', 'dns', { type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'sig', port: 2905, protocol: 'SCTP', nodePort: 30054 }] })]);
    const targets = probeTargets(s, buildGraph(s));
    assert.deepEqual(plan(s), ['unprobeable dns 30053', 'unprobeable dns 30054']);
    const results = await runProbes(targets);
    assert.deepEqual(results.map((r) => r.outcome), ['not-probed', 'not-probed']);
    assert.equal(formatProbeResult(results[0] ?? assert.fail()), 'From this machine, NodePort 30053/UDP of kube-system/dns was not probed: UDP cannot be verified with a TCP probe.');
    const f = probeFindings(results, s, buildGraph(s));
    assert.deepEqual(f.map((x) => `${x.severity} ${x.key}`), ['info nodeport.unprobeable-protocol|Service/kube-system/dns|53/UDP', 'info nodeport.unprobeable-protocol|Service/kube-system/dns|2905/SCTP']);
  });

  it('skips node addresses outside kube-proxy nodePortAddresses', () => {
    const kp = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'nodePortAddresses: ["10.0.0.0/8"]\n' } };
    assert.deepEqual(plan(snap([loopNode('node-a'), kp, ...web(30080)])), []);
  });

  it('selection: only the chosen Service', () => {
    const s = snap([loopNode('node-a'), ...web(30080), service('shop', 'other', { type: 'NodePort', ports: [{ port: 80, nodePort: 30090 }] })]);
    assert.deepEqual(plan(s, { service: { kind: 'Service', namespace: 'shop', name: 'other' } }), ['other node-a 127.0.0.1:30090 refused']);
    assert.deepEqual(plan(s, { ingress: { kind: 'Ingress', namespace: 'shop', name: 'none' } }), []);
  });
});

describe('probe.nodeport-tcp on loopback', () => {
  const server = net.createServer((c) => c.end());
  let open = 0;
  let closed = 0;
  before(async () => {
    open = await listen(server);
    closed = await closedPort();
  });
  after(() => close(server));

  it('open and refused; a Service with ready endpoints whose node port is refused everywhere is an error', async () => {
    const s = snap([loopNode('node-a'), ...web(closed)]);
    const results = await runProbes(probeTargets(s, buildGraph(s)), { connectTimeoutMs: 1000 });
    assert.deepEqual(results.map((r) => r.outcome), ['refused']);
    assert.equal(formatProbeResult(results[0] ?? assert.fail()), `From this machine, NodePort ${closed} of shop/web is refused on node-a (127.0.0.1) (expected open: ready endpoints exist).`);
    const f = probeFindings(results, s, buildGraph(s));
    assert.equal(f.length, 1);
    assert.deepEqual({ id: f[0]?.id, severity: f[0]?.severity, key: f[0]?.key, fields: f[0]?.fields, related: f[0]?.related }, { id: 'nodeport.unreachable', severity: 'error', key: `nodeport.unreachable|Service/shop/web|${closed}`, fields: ['spec.ports[0].nodePort'], related: [{ kind: 'Node', name: 'node-a' }] });
    assert.equal(f[0]?.message, `From this machine, NodePort ${closed} of shop/web is refused on node-a (127.0.0.1), although it has ready endpoints that should answer there.`);
  });

  it('open everywhere it should be: no finding', async () => {
    const s = snap([loopNode('node-a'), loopNode('node-b'), ...web(open)]);
    const results = await runProbes(probeTargets(s, buildGraph(s)));
    assert.deepEqual(results.map((r) => r.outcome), ['open', 'open']);
    assert.deepEqual(probeFindings(results, s, buildGraph(s)), []);
    assert.deepEqual(formatProbeResults(results), [`From this machine, NodePort ${open} of shop/web is open on node-a (127.0.0.1), open on node-b (127.0.0.1).`]);
  });

  it('open on some nodes, refused on others: a warning naming both', async () => {
    // 127.0.0.2 is loopback too, but the listener is bound to 127.0.0.1 only: node-b refuses
    const s = snap([loopNode('node-a'), loopNode('node-b', true, 'InternalIP', '127.0.0.2'), ...web(open)]);
    const results = await runProbes(probeTargets(s, buildGraph(s)));
    assert.deepEqual(results.map((r) => r.outcome), ['open', 'refused']);
    const f = probeFindings(results, s, buildGraph(s));
    assert.deepEqual(f.map((x) => `${x.id} ${x.severity}`), ['nodeport.unreachable warning']);
    assert.equal(f[0]?.message, `From this machine, NodePort ${open} of shop/web is refused on node-b (127.0.0.2), although it has ready endpoints that should answer there; it is open on node-a (127.0.0.1).`);
    assert.deepEqual(formatProbeResults(results), [`From this machine, NodePort ${open} of shop/web is open on node-a (127.0.0.1), refused on node-b (127.0.0.2) (expected open: ready endpoints exist).`]);
  });

  it('eTP Local: a closed port on a node without a local endpoint is expected, not a finding', async () => {
    const s = snap([loopNode('node-b'), ...web(closed, { externalTrafficPolicy: 'Local' })]);
    const results = await runProbes(probeTargets(s, buildGraph(s)));
    assert.deepEqual(results.map((r) => r.outcome), ['refused']);
    assert.deepEqual(probeFindings(results, s, buildGraph(s)), []);
    assert.match(formatProbeResult(results[0] ?? assert.fail()), /is refused on node-b \(127\.0\.0\.1\) \(expected: no local endpoint on this node\)\.$/);
  });

  it('no ready endpoints and refused: as expected, no finding', async () => {
    const s = snap([loopNode('node-a'), ...web(closed, {}, [{ ip: '10.244.0.9', node: 'node-a', ready: false, serving: false }])]);
    const results = await runProbes(probeTargets(s, buildGraph(s)));
    assert.deepEqual(probeFindings(results, s, buildGraph(s)), []);
    assert.match(formatProbeResult(results[0] ?? assert.fail()), /\(expected: no ready endpoints\)\.$/);
  });

  it('IPv6 node addresses are dialled and shown in brackets', async (t) => {
    const v6 = net.createServer((c) => c.end());
    const port = await listen(v6, '::1').catch(() => undefined);
    if (port === undefined) return t.skip('no IPv6 loopback');
    try {
      const s = snap([loopNode('node-a', true, 'InternalIP', '::1'), ...web(port)]);
      const [r] = await runProbes(probeTargets(s, buildGraph(s)));
      assert.equal(r?.outcome, 'open');
      assert.equal(formatProbeResult(r ?? assert.fail()), `From this machine, NodePort ${port} of shop/web is open on node-a ([::1]).`);
    } finally {
      await close(v6);
    }
  });
});
