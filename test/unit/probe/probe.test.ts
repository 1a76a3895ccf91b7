// Probes against real listeners on loopback (never any other address).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import { formatProbeResult, probeFindings, probeTargets, runProbes, type ProbeTarget } from '../../../src/probe/index.js';
import { node, pod, service, slice, snap } from '../checks/build.js';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  const p = await listen(s);
  await new Promise((r) => s.close(r));
  return p;
}

const loopNode = (name: string): Record<string, unknown> => ({ ...node(name), status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], conditions: [{ type: 'Ready', status: 'True' }] } });

describe('probe.nodeport-tcp', () => {
  const tcp = net.createServer((c) => c.end());
  let open = 0;
  let closed = 0;
  before(async () => {
    open = await listen(tcp);
    closed = await closedPort();
  });
  after(() => tcp.close());

  it('classifies open and refused, and reports a NodePort that should answer but does not', async () => {
    const svc = (name: string, nodePort: number): Record<string, unknown>[] => [
      service('shop', name, { type: 'NodePort', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort }] }),
      pod('shop', `${name}-1`, { app: name }, { node: 'node-a' }),
      slice('shop', name, [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.9', pod: `${name}-1`, node: 'node-a' }]),
    ];
    const s = snap([loopNode('node-a'), ...svc('up', open), ...svc('down', closed)]);
    const targets = probeTargets(s, buildGraph(s));
    assert.deepEqual(targets.map((t) => `${t.object.name}:${t.port}:${String(t.expectOpen)}`).sort(), [`down:${closed}:true`, `up:${open}:true`].sort());
    const results = await runProbes(targets, { connectTimeoutMs: 1000 });
    const byName = new Map(results.map((r) => [r.target.object.name, r]));
    assert.equal(byName.get('up')?.outcome, 'open');
    assert.equal(byName.get('down')?.outcome, 'refused');
    const down = byName.get('down');
    assert.ok(down);
    assert.match(formatProbeResult(down), /^From this machine, NodePort \d+ of shop\/down is refused on node-a \(127\.0\.0\.1\)/);
    const f = probeFindings(results, s, buildGraph(s));
    assert.deepEqual(f.map((x) => `${x.id}:${x.severity}:${x.object.name}`), ['nodeport.unreachable:error:down']);
  });

  it('an externalTrafficPolicy Local node without a local backend is expected to stay closed', async () => {
    const s = snap([
      loopNode('node-a'),
      loopNode('node-b'),
      service('shop', 'local', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'l' }, ports: [{ port: 80, targetPort: 8080, nodePort: closed }] }),
      pod('shop', 'l-1', { app: 'l' }, { node: 'node-a' }),
      slice('shop', 'local', [{ name: '', port: 8080 }], [{ ip: '10.244.0.9', pod: 'l-1', node: 'node-a' }]),
    ]);
    const targets = probeTargets(s, buildGraph(s));
    assert.deepEqual(targets.map((t) => `${t.node}:${String(t.expectOpen)}`).sort(), ['node-a:true', 'node-b:false']);
  });
});

describe('probe.ingress-http, probe.tls-served-cert and probe.healthcheck-nodeport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kexplore-probe-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/O=Acme Co/CN=Kubernetes Ingress Controller Fake Certificate', '-addext', 'subjectAltName=DNS:ingress.local', '-keyout', join(dir, 'k'), '-out', join(dir, 'c')], { stdio: 'ignore' });
  const seenHosts: string[] = [];
  const plain = http.createServer((req, res) => {
    seenHosts.push(req.headers.host ?? '');
    res.writeHead(req.url === '/api' ? 503 : 404).end('default backend - 404');
  });
  const secure = https.createServer({ key: readFileSync(join(dir, 'k')), cert: readFileSync(join(dir, 'c')) }, (_req, res) => res.writeHead(200).end('ok'));
  const health = http.createServer((_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ service: { namespace: 'shop', name: 'lb' }, localEndpoints: 0 })));
  const ports = { plain: 0, secure: 0, health: 0 };
  before(async () => {
    ports.plain = await listen(plain);
    ports.secure = await listen(secure);
    ports.health = await listen(health);
  });
  after(() => {
    plain.close();
    secure.close();
    health.close();
  });
  const ing = { kind: 'Ingress', namespace: 'shop', name: 'web' };

  it('sends the Host header and classifies 503 and 404', async () => {
    const t = (path: string): ProbeTarget => ({ kind: 'ingress-http', object: ing, host: '127.0.0.1', port: ports.plain, scheme: 'http', serverName: 'shop.example.com', path });
    const [api, root] = await runProbes([t('/api'), t('/')]);
    assert.equal(api?.status, 503);
    assert.match(api ? formatProbeResult(api) : '', /returned 503 \(backend has no endpoints\)/);
    assert.match(root ? formatProbeResult(root) : '', /404 \(controller reached, no rule matched\)/);
    assert.ok(seenHosts.includes('shop.example.com'));
  });

  it("detects the ingress controller's fake default certificate", async () => {
    const t: ProbeTarget = { kind: 'tls-served-cert', object: ing, host: '127.0.0.1', port: ports.secure, serverName: 'shop.example.com' };
    const results = await runProbes([t]);
    assert.equal(results[0]?.servedCert?.fakeIngressCert, true);
    assert.equal(results[0]?.servedCert?.coversHost, false);
    const s = snap([]);
    assert.deepEqual(probeFindings(results, s, buildGraph(s)).map((f) => f.id), ['probe.tls-served-cert']);
  });

  it('reads the health-check answer and flags a disagreement with EndpointSlices', async () => {
    const t: ProbeTarget = { kind: 'healthcheck-nodeport', object: { kind: 'Service', namespace: 'shop', name: 'lb' }, host: '127.0.0.1', port: ports.health, node: 'node-a', localEndpoints: 1 };
    const results = await runProbes([t]);
    assert.equal(results[0]?.status, 503);
    assert.equal(results[0]?.localEndpoints, 0);
    const s = snap([]);
    assert.match(probeFindings(results, s, buildGraph(s))[0]?.message ?? '', /reports 0 local endpoints, EndpointSlices say 1/);
  });

  it('times out on a listener that never answers', async () => {
    const silent = net.createServer(() => undefined);
    const port = await listen(silent);
    const [r] = await runProbes([{ kind: 'ingress-http', object: ing, host: '127.0.0.1', port, scheme: 'http', path: '/' }], { connectTimeoutMs: 200, ioTimeoutMs: 300 });
    silent.close();
    assert.equal(r?.outcome, 'timeout');
  });
});
