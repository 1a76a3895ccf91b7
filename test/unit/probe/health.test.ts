// probe.healthcheck-nodeport (§11.6): kube-proxy's health-check JSON from stand-ins on 127.0.0.1.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { formatProbeResult, probeFindings, probeTargets, runProbes, type ProbeResult } from '../../../src/probe/index.js';
import { pod, service, slice, snap } from '../checks/build.js';
import { close, listen, loopNode, type Raw } from './net-helpers.js';

/** A health-check server answering like kube-proxy: 200 when N > 0, else 503. */
const healthz = (svc: string, n: number, paths: string[]): http.Server =>
  http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(n > 0 ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ service: { namespace: svc.split('/')[0], name: svc.split('/')[1] }, localEndpoints: n }));
  });

const lb = (hcPort: number, eps: Parameters<typeof slice>[3]): Raw[] => [
  service('shop', 'lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: hcPort, selector: { app: 'lb' }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31000 }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } }),
  pod('shop', 'lb-1', { app: 'lb' }, { node: 'node-a' }),
  slice('shop', 'lb', [{ name: 'http', port: 8080, protocol: 'TCP' }], eps),
];

describe('probe.healthcheck-nodeport on loopback', () => {
  const paths: string[] = [];
  const zero = healthz('shop/lb', 0, paths);
  const one = healthz('shop/lb', 1, paths);
  const stranger = healthz('other/svc', 1, paths);
  const ports = { zero: 0, one: 0, stranger: 0 };
  before(async () => {
    ports.zero = await listen(zero);
    ports.one = await listen(one);
    ports.stranger = await listen(stranger);
  });
  after(() => Promise.all([close(zero), close(one), close(stranger)]));

  const probe = async (s: ClusterSnapshot): Promise<ProbeResult[]> => runProbes(probeTargets(s, buildGraph(s)).filter((t) => t.kind === 'healthcheck-nodeport'));
  const keys = (s: ClusterSnapshot, rs: ProbeResult[]): string[] => probeFindings(rs, s, buildGraph(s)).map((f) => `${f.severity} ${f.key}`);

  it('GET /healthz per Ready node; 503 with 0 local endpoints where EndpointSlices have one is a warning', async () => {
    const s = snap([loopNode('node-a'), ...lb(ports.zero, [{ ip: '10.244.0.9', pod: 'lb-1', node: 'node-a' }])]);
    const [r] = await probe(s);
    assert.deepEqual(paths.slice(-1), ['/healthz']);
    assert.deepEqual(r?.health, { status: 503, localEndpoints: 0, service: 'shop/lb' });
    assert.equal(formatProbeResult(r ?? assert.fail()), `From this machine, health-check node port ${ports.zero} of shop/lb on node-a (127.0.0.1) answered 503 with 0 local endpoints (EndpointSlices: 1).`);
    assert.deepEqual(keys(s, [r ?? assert.fail()]), ['warning probe.healthcheck-nodeport|Service/shop/lb|node-a']);
    assert.equal(probeFindings([r ?? assert.fail()], s, buildGraph(s))[0]?.message, 'From this machine, the health check of shop/lb on node-a reports 0 local endpoints (HTTP 503), EndpointSlices say 1: kube-proxy there is stale, and the cloud LB will not send it traffic.');
  });

  it('agreement is not a finding: 503 where no endpoint runs, 200 where one does', async () => {
    const none = snap([loopNode('node-a'), ...lb(ports.zero, [{ ip: '10.244.0.9', pod: 'lb-1', node: 'node-b' }])]);
    assert.deepEqual(keys(none, await probe(none)), []);
    const some = snap([loopNode('node-a'), ...lb(ports.one, [{ ip: '10.244.0.9', pod: 'lb-1', node: 'node-a' }])]);
    const rs = await probe(some);
    assert.equal(rs[0]?.health?.status, 200);
    assert.deepEqual(keys(some, rs), []);
  });

  it('a closed health-check port is a warning: cloud LB health checks fail', async () => {
    // 127.0.0.2 is loopback, but nothing listens there
    const s = snap([loopNode('node-b', true, 'InternalIP', '127.0.0.2'), ...lb(ports.one, [{ ip: '10.244.0.9', pod: 'lb-1', node: 'node-b' }])]);
    const rs = await probe(s);
    assert.deepEqual([rs[0]?.outcome, rs[0]?.phase], ['refused', 'connect']);
    assert.deepEqual(keys(s, rs), ['warning probe.healthcheck-nodeport|Service/shop/lb|node-b']);
    assert.equal(probeFindings(rs, s, buildGraph(s))[0]?.message, `From this machine, health-check node port ${ports.one} of shop/lb on node-b (127.0.0.2) failed: connection refused. Cloud load-balancer health checks against this node will fail.`);
  });

  it('an answer for another Service means a stale kube-proxy', async () => {
    const s = snap([loopNode('node-a'), ...lb(ports.stranger, [{ ip: '10.244.0.9', pod: 'lb-1', node: 'node-a' }])]);
    const rs = await probe(s);
    assert.match(probeFindings(rs, s, buildGraph(s))[0]?.message ?? '', /answers for other\/svc, not shop\/lb: kube-proxy there is stale\.$/);
  });

  it('only LoadBalancer Services with eTP Local and a healthCheckNodePort', () => {
    const s = snap([loopNode('node-a'), service('shop', 'np', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] }), service('shop', 'cl', { type: 'LoadBalancer', healthCheckNodePort: 32000, ports: [{ port: 80, nodePort: 30081 }] })]);
    assert.deepEqual(probeTargets(s, buildGraph(s)).filter((t) => t.kind === 'healthcheck-nodeport'), []);
  });
});
