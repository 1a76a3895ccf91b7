// probe.ingress-http (§11.3): target planning, and real GETs against a stand-in controller on
// 127.0.0.1 reached through its Service's node ports (the Ingress has no published address).
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import { formatProbeResult, probeFindings, probeTargets, runProbes, type ProbeResult, type ProbeTarget } from '../../../src/probe/index.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { ingress, ingressClass, nginxPod, service, snap } from '../checks/build.js';
import { blackholePort, close, listen, loopNode, makeCert, type Raw } from './net-helpers.js';

const nginxSvc = (type: string, ports: { http?: number; https?: number }, status: Raw = {}): Raw =>
  service('ingress-nginx', 'ingress-nginx-controller', { type, selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, ports: [{ name: 'http', port: 80, targetPort: 80, ...(ports.http ? { nodePort: ports.http } : {}) }, { name: 'https', port: 443, targetPort: 443, ...(ports.https ? { nodePort: ports.https } : {}) }] }, status);

const path = (p: string, svc: string, pathType = 'Prefix'): Raw => ({ path: p, pathType, backend: { service: { name: svc, port: { number: 80 } } } });
const shopIngress = (o: { address?: string } = {}): Raw =>
  ingress(
    'shop',
    'web',
    {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [
        { host: 'shop.example.com', http: { paths: [path('/api', 'api'), path('/ok', 'web'), path('/auth', 'web', 'Exact'), path('/bad', 'web'), path('/slow', 'web'), path('/re(.*)', 'web', 'ImplementationSpecific')] } },
        { host: '*.example.com', http: { paths: [path('/', 'web')] } },
        { host: 'nohost.example.com', http: { paths: [path('/', 'web')] } },
      ],
    },
    o,
  );

const controller = (svc: Raw): Raw[] => [ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), svc];
const line = (t: ProbeTarget): string => (t.kind === 'ingress-http' ? `${t.scheme} ${t.host}:${t.port} ${t.serverName ?? '-'} ${t.path} ${t.via}` : t.kind === 'tls-served-cert' ? `tls ${t.host}:${t.port} ${t.serverName} ${t.ruleHost}` : t.kind);
const plan = (s: ClusterSnapshot): string[] => probeTargets(s, buildGraph(s), { ingress: { kind: 'Ingress', namespace: 'shop', name: 'web' } }).map(line);

describe('probe.ingress-http targets', () => {
  it("the Ingress's published address first: http for every Exact/Prefix path, https and the served certificate for TLS hosts, wildcards made concrete", () => {
    const s = snap([...controller(nginxSvc('LoadBalancer', { http: 31080, https: 31443 }, { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } })), shopIngress({ address: '203.0.113.5' })]);
    assert.deepEqual(plan(s), [
      'http 203.0.113.5:80 shop.example.com /api ingress-status',
      'https 203.0.113.5:443 shop.example.com /api ingress-status',
      'tls 203.0.113.5:443 shop.example.com shop.example.com',
      'http 203.0.113.5:80 shop.example.com /ok ingress-status',
      'https 203.0.113.5:443 shop.example.com /ok ingress-status',
      'http 203.0.113.5:80 shop.example.com /auth ingress-status',
      'https 203.0.113.5:443 shop.example.com /auth ingress-status',
      'http 203.0.113.5:80 shop.example.com /bad ingress-status',
      'https 203.0.113.5:443 shop.example.com /bad ingress-status',
      'http 203.0.113.5:80 shop.example.com /slow ingress-status',
      'https 203.0.113.5:443 shop.example.com /slow ingress-status',
      'http 203.0.113.5:80 kexplore-probe.example.com / ingress-status',
      'http 203.0.113.5:80 nohost.example.com / ingress-status',
    ]);
  });

  it("else the controller Service's load-balancer address", () => {
    const s = snap([...controller(nginxSvc('LoadBalancer', { http: 31080, https: 31443 }, { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } })), shopIngress()]);
    assert.equal(plan(s)[0], 'http 198.51.100.7:80 shop.example.com /api controller-lb');
  });

  it("else a Ready node with the controller Service's node ports", () => {
    const s = snap([loopNode('node-a', false), loopNode('node-b'), ...controller(nginxSvc('NodePort', { http: 31080, https: 31443 })), shopIngress()]);
    assert.deepEqual(plan(s).slice(0, 3), ['http 127.0.0.1:31080 shop.example.com /api controller-nodeport', 'https 127.0.0.1:31443 shop.example.com /api controller-nodeport', 'tls 127.0.0.1:31443 shop.example.com shop.example.com']);
  });

  it('nothing to probe without an address', () => {
    assert.deepEqual(plan(snap([loopNode('node-a'), ingressClass('nginx', 'k8s.io/ingress-nginx'), shopIngress()])), []);
  });
});

describe('probe.ingress-http on loopback', () => {
  const seen: http.IncomingHttpHeaders[] = [];
  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(req.headers);
    const host = req.headers.host ?? '';
    if (!host.startsWith('shop.example.com')) return void res.writeHead(404).end('<html>default backend - 404</html>');
    if (req.socket.constructor.name !== 'TLSSocket' && req.url === '/ok') return void res.writeHead(308, { location: 'https://shop.example.com/ok' }).end();
    const status: Record<string, number> = { '/api': 503, '/ok': 200, '/auth': 401, '/bad': 502, '/slow': 504 };
    res.writeHead(status[req.url ?? ''] ?? 404).end('x'.repeat(100_000)); // a large body is never read to the end
  };
  const good = makeCert('shop.example.com', ['shop.example.com']);
  const fake = makeCert('Kubernetes Ingress Controller Fake Certificate', ['ingress.local']);
  const plain = http.createServer(answer);
  // SNI picks the certificate, as a controller does; unknown names get the fake default
  const contexts = { good: tls.createSecureContext(good), fake: tls.createSecureContext(fake) };
  const secure = https.createServer({ ...fake, SNICallback: (name, cb) => cb(null, name === 'shop.example.com' ? contexts.good : contexts.fake) }, answer);
  // reads (so it sees the client close) but never answers
  const silent = net.createServer((c) => c.resume());
  const proxyHits: string[] = [];
  const proxy = http.createServer((req, res) => {
    proxyHits.push(req.url ?? '');
    res.writeHead(200).end();
  });
  let s: ClusterSnapshot;
  let results: ProbeResult[];
  const ports = { plain: 0, secure: 0, silent: 0, proxy: 0 };
  const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy'] as const;

  before(async () => {
    ports.plain = await listen(plain);
    ports.secure = await listen(secure);
    ports.silent = await listen(silent);
    ports.proxy = await listen(proxy);
    // a proxy in the environment must not be used: probes dial directly
    for (const v of PROXY_VARS) process.env[v] = `http://127.0.0.1:${ports.proxy}`;
    s = snap([loopNode('node-a'), ...controller(nginxSvc('NodePort', { http: ports.plain, https: ports.secure })), shopIngress()]);
    results = await runProbes(probeTargets(s, buildGraph(s)).filter((t) => t.kind !== 'nodeport-tcp'), { connectTimeoutMs: 1000, ioTimeoutMs: 2000 });
  });
  after(async () => {
    for (const v of PROXY_VARS) delete process.env[v];
    await Promise.all([close(plain), close(secure), close(silent), close(proxy)]);
  });

  const get = (scheme: string, host: string, p: string): ProbeResult => {
    const r = results.find((x) => x.target.kind === 'ingress-http' && x.target.scheme === scheme && x.target.serverName === host && x.target.path === p);
    return r ?? assert.fail(`no result for ${scheme} ${host}${p}`);
  };

  it('classifies each answer per §11.3', () => {
    const v = (scheme: string, host: string, p: string): string => {
      const r = get(scheme, host, p);
      return `${r.outcome} ${r.http?.status ?? '-'} ${r.http?.verdict ?? '-'}`;
    };
    assert.equal(v('http', 'shop.example.com', '/api'), 'open 503 no-endpoints');
    assert.equal(v('https', 'shop.example.com', '/api'), 'open 503 no-endpoints');
    assert.equal(v('http', 'shop.example.com', '/ok'), 'open 308 ssl-redirect');
    assert.equal(v('https', 'shop.example.com', '/ok'), 'open 200 reachable');
    assert.equal(v('https', 'shop.example.com', '/auth'), 'open 401 reachable');
    assert.equal(v('https', 'shop.example.com', '/bad'), 'open 502 backend-error');
    assert.equal(v('https', 'shop.example.com', '/slow'), 'open 504 backend-error');
    assert.equal(v('http', 'nohost.example.com', '/'), 'open 404 no-rule-matched');
    assert.equal(get('http', 'nohost.example.com', '/').http?.defaultBackend, true);
  });

  it('sends the rule host (a concrete label for wildcards), no credentials, and never uses the proxy', () => {
    const hosts = new Set(seen.map((h) => h.host));
    assert.ok(hosts.has('shop.example.com') && hosts.has('kexplore-probe.example.com') && hosts.has('nohost.example.com'));
    for (const h of seen) assert.deepEqual(Object.keys(h).sort(), ['accept', 'connection', 'host', 'user-agent']);
    assert.deepEqual(proxyHits, []);
  });

  it('one line per result, from this machine, via the node port', () => {
    assert.equal(formatProbeResult(get('https', 'shop.example.com', '/api')), `From this machine, GET https://shop.example.com/api via node-a 127.0.0.1:${ports.secure} (the controller Service's node port) returned 503 (backend has no endpoints).`);
    assert.equal(formatProbeResult(get('http', 'shop.example.com', '/ok')), `From this machine, GET http://shop.example.com/ok via node-a 127.0.0.1:${ports.plain} (the controller Service's node port) returned 308 (redirect to https (ssl-redirect) to https://shop.example.com/ok).`);
    assert.equal(formatProbeResult(get('http', 'nohost.example.com', '/')), `From this machine, GET http://nohost.example.com/ via node-a 127.0.0.1:${ports.plain} (the controller Service's node port) returned 404 (the controller's default backend: no rule matched).`);
  });

  it('findings: 503 and 502/504 are errors, a default-backend 404 is an error, reachable and redirects are not findings', () => {
    const f = probeFindings(results, s, buildGraph(s)).filter((x) => x.id === 'probe.ingress-http');
    assert.deepEqual(f.map((x) => `${x.severity} ${x.key}`).sort(), [
      'error probe.ingress-http|Ingress/shop/web|http://kexplore-probe.example.com/',
      'error probe.ingress-http|Ingress/shop/web|http://nohost.example.com/',
      'error probe.ingress-http|Ingress/shop/web|http://shop.example.com/api',
      'error probe.ingress-http|Ingress/shop/web|http://shop.example.com/bad',
      'error probe.ingress-http|Ingress/shop/web|http://shop.example.com/slow',
      'error probe.ingress-http|Ingress/shop/web|https://shop.example.com/api',
      'error probe.ingress-http|Ingress/shop/web|https://shop.example.com/bad',
      'error probe.ingress-http|Ingress/shop/web|https://shop.example.com/slow',
    ]);
    const api = f.find((x) => x.key.endsWith('https://shop.example.com/api'));
    assert.deepEqual(api?.related, [{ kind: 'Service', namespace: 'shop', name: 'api' }]);
  });

  const ing = { kind: 'Ingress', namespace: 'shop', name: 'web' };
  const target = (port: number, scheme: 'http' | 'https'): ProbeTarget => ({ kind: 'ingress-http', object: ing, host: '127.0.0.1', port, scheme, serverName: 'shop.example.com', path: '/', via: 'ingress-status' });

  it('a listener that accepts but never answers: timeout after the connection (HTTP), or in the handshake (TLS)', async () => {
    const [h, t] = await runProbes([target(ports.silent, 'http'), target(ports.silent, 'https')], { connectTimeoutMs: 500, ioTimeoutMs: 300 });
    assert.deepEqual([h?.outcome, h?.phase, t?.outcome, t?.phase], ['timeout', 'http', 'timeout', 'tls']);
    assert.equal(formatProbeResult(h ?? assert.fail()), `From this machine, GET http://shop.example.com/ via 127.0.0.1:${ports.silent} failed: connected, but no HTTP answer came in time.`);
    const f = probeFindings([h ?? assert.fail()], s, buildGraph(s));
    assert.deepEqual(f.map((x) => `${x.id} ${x.severity}`), ['probe.ingress-http warning']);
  });

  it('a connect that gets no answer at all times out in the connect phase', async (t) => {
    const hole = await blackholePort();
    if (!hole) return t.skip('python3 not available');
    try {
      const [r] = await runProbes([target(hole.port, 'http')], { connectTimeoutMs: 300, ioTimeoutMs: 300 });
      assert.deepEqual([r?.outcome, r?.phase], ['timeout', 'connect']);
      assert.match(formatProbeResult(r ?? assert.fail()), /failed: timed out\.$/);
    } finally {
      hole.stop();
    }
  });
});
