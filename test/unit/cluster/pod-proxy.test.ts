// The pod proxy call of probe.backend-via-apiserver against a local HTTP server standing in for
// kube-apiserver: the exact request (GET, path, credentials to the API server), any status
// returned as it came, a bounded body, the deadline, and an unreachable API server.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPodProxy, podProxyPath } from '../../../src/cluster/pod-proxy.js';

interface Seen {
  method: string;
  url: string;
  auth: string;
}

function kubeconfigFor(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kx-proxy-')), 'config');
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: proxy-token}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`);
  return file;
}

describe('pod proxy GET through the API server', () => {
  const seen: Seen[] = [];
  const REFUSED = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'error trying to reach service: dial tcp 10.244.0.11:8081: connect: connection refused', reason: 'ServiceUnavailable', code: 503 });
  const api = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '' });
    const url = req.url ?? '';
    if (url.includes('/pods/web-a:8080/')) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>app 404</h1>');
    if (url.includes('/pods/web-a:8081/')) return void res.writeHead(503, { 'content-type': 'application/json' }).end(REFUSED);
    if (url.includes('/pods/stream:')) {
      // an app that never ends its body: the client must stop reading and hang up
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('x'.repeat(4096)), 5);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (url.includes('/pods/silent:')) return; // never answers
    res.writeHead(500).end('unexpected');
  });
  let kubeconfig = '';
  before(async () => {
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    kubeconfig = kubeconfigFor(`http://127.0.0.1:${(api.address() as AddressInfo).port}`);
  });
  after(async () => {
    api.closeAllConnections();
    await new Promise<void>((r) => api.close(() => r()));
  });

  it('GET /api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/ with the kubeconfig credentials; the app\'s status comes back as is', async () => {
    const proxy = openPodProxy({ kubeconfig });
    try {
      seen.length = 0;
      assert.deepEqual(await proxy.get('shop', 'web-a', 8080, '/', 2000), { status: 404, body: '<h1>app 404</h1>' });
      assert.deepEqual(await proxy.get('shop', 'web-a', 8081, '/', 2000), { status: 503, body: REFUSED });
      assert.deepEqual(seen, [
        { method: 'GET', url: '/api/v1/namespaces/shop/pods/web-a:8080/proxy/', auth: 'Bearer proxy-token' },
        { method: 'GET', url: '/api/v1/namespaces/shop/pods/web-a:8081/proxy/', auth: 'Bearer proxy-token' },
      ]);
    } finally {
      proxy.close();
    }
  });

  it('reads at most 8 KiB of an endless body, then hangs up', async () => {
    const proxy = openPodProxy({ kubeconfig });
    try {
      const r = await proxy.get('shop', 'stream', 80, '/', 2000);
      assert.ok('status' in r && r.status === 200 && r.body.length === 8192, JSON.stringify('status' in r ? { status: r.status, len: r.body.length } : r));
    } finally {
      proxy.close();
    }
  });

  it('no answer within the deadline is a timeout, not an error thrown', async () => {
    const proxy = openPodProxy({ kubeconfig });
    try {
      const t0 = Date.now();
      const r = await proxy.get('shop', 'silent', 80, '/', 200);
      assert.equal('failure' in r && r.failure, 'timeout');
      assert.ok(Date.now() - t0 < 1500, 'gave up near the deadline');
    } finally {
      proxy.close();
    }
  });

  it('an unreachable API server is a network failure', async () => {
    const gone = http.createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((r) => gone.close(() => r()));
    const proxy = openPodProxy({ kubeconfig: kubeconfigFor(`http://127.0.0.1:${port}`) });
    try {
      const r = await proxy.get('shop', 'web-a', 8080, '/', 2000);
      assert.equal('failure' in r && r.failure, 'network');
      assert.match('failure' in r ? r.message : '', /ECONNREFUSED/);
    } finally {
      proxy.close();
    }
  });

  it('names are path-escaped; the path keeps its leading slash', () => {
    assert.equal(podProxyPath('a b', 'p/q', 80, 'healthz'), '/api/v1/namespaces/a%20b/pods/p%2Fq:80/proxy/healthz');
  });
});
