// probe.backend-via-apiserver (§11.5) with a fake pod proxy: what each API server answer means,
// the finding for a refused dial, forbidden reported once, and no live client (snapshot).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rank } from '../../../src/checks/root-causes.js';
import { buildGraph } from '../../../src/model/graph.js';
import { backendTargets, formatProbeResults, probeFindings, runProbes, type PodProxy, type ProbeResult, type ProxyReply } from '../../../src/probe/index.js';
import { service, slice, snap } from '../checks/build.js';

/** A Kubernetes Status object as kube-apiserver v1.36.3 writes it (bodies captured from the test cluster). */
const status = (code: number, reason: string, message: string): ProxyReply => ({ status: code, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }) });
const REFUSED = status(503, 'ServiceUnavailable', 'error trying to reach service: dial tcp 10.244.0.11:8080: connect: connection refused');
const FORBIDDEN = status(403, 'Forbidden', 'pods "web-a:8080" is forbidden: User "viewer" cannot get resource "pods/proxy" in API group "" in the namespace "shop"');

/** Answers per "ns/pod:port"; records every request. */
function fakeProxy(answers: Record<string, ProxyReply | (() => Promise<ProxyReply>)>): PodProxy & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(ns, pod, port, path) {
      const k = `${ns}/${pod}:${port}`;
      calls.push(`${k}${path}`);
      const a = answers[k];
      if (a === undefined) throw new Error(`unexpected request ${k}`);
      return typeof a === 'function' ? a() : a;
    },
  };
}

const cluster = snap([
  service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 81, targetPort: 8081 }] }),
  slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'admin', port: 8081, protocol: 'TCP' }], [{ ip: '10.244.0.11', pod: 'web-a' }]),
  service('pay', 'api', { selector: { app: 'api' }, ports: [{ port: 443, targetPort: 8443 }] }),
  slice('pay', 'api', [{ name: '', port: 8443, protocol: 'TCP' }], [{ ip: '10.244.1.5', pod: 'api-a' }]),
]);
const g = buildGraph(cluster);
const run = (proxy?: PodProxy): Promise<ProbeResult[]> => runProbes(backendTargets(cluster), { ioTimeoutMs: 300, ...(proxy ? { podProxy: proxy } : {}) });
const brief = (rs: ProbeResult[]): string[] => rs.map((r) => `${r.target.object.name}:${r.target.port} ${r.outcome}${r.proxy ? ` ${r.proxy.verdict}${r.proxy.status ? ` ${r.proxy.status}` : ''}` : ''}`);

describe('probe.backend-via-apiserver with a fake pod proxy', () => {
  it('any HTTP answer from the app means it listens, even 404/500 and its own 403; GET / on the resolved targetPort', async () => {
    const proxy = fakeProxy({
      'shop/web-a:8080': { status: 404, body: '<h1>Not Found</h1>' },
      'shop/web-a:8081': { status: 403, body: '{"error":"login required"}' },
      'pay/api-a:8443': { status: 500, body: '{"kind":"Status","code":400}' }, // not the API server's: code differs
    });
    const rs = await run(proxy);
    assert.deepEqual(proxy.calls.sort(), ['pay/api-a:8443/', 'shop/web-a:8080/', 'shop/web-a:8081/']);
    assert.deepEqual(brief(rs), ['web:8080 open listening 404', 'web:8081 open listening 403', 'api:8443 open listening 500']);
    assert.deepEqual(probeFindings(rs, cluster, g), []);
    // an error page is quoted: a proxy between the API server and the pod (egress filter) can answer too
    assert.match(formatProbeResults(rs)[0] ?? '', /^From this machine, through the API server proxy, pod web-a answers on port 8080 \(HTTP 404: "Not Found"\): something listens on the targetPort of port 80 \(http\) of Service shop\/web — if that text is not your app's, a proxy between the API server and the pod answered\.$/);
  });

  it('"connection refused" in the API server\'s Status is an error finding on the Service, naming pod, port and field', async () => {
    const rs = await run(fakeProxy({ 'shop/web-a:8080': { status: 200, body: 'ok' }, 'shop/web-a:8081': REFUSED, 'pay/api-a:8443': { status: 200, body: 'ok' } }));
    assert.deepEqual(brief(rs), ['web:8080 open listening 200', 'web:8081 refused refused 503', 'api:8443 open listening 200']);
    const fs = probeFindings(rs, cluster, g);
    assert.equal(fs.length, 1);
    const f = fs[0];
    assert.deepEqual([f?.id, f?.severity, f?.object, f?.fields, f?.related, f?.key], [
      'probe.backend-via-apiserver',
      'error',
      { kind: 'Service', namespace: 'shop', name: 'web' },
      ['spec.ports[1].targetPort'],
      [{ kind: 'Pod', namespace: 'shop', name: 'web-a' }],
      'probe.backend-via-apiserver|Service/shop/web|admin',
    ]);
    assert.equal(f?.message, 'From this machine, through the API server proxy: pod web-a does not listen on port 8081 (connection refused through the API server proxy), the targetPort of port 81 (admin) of Service shop/web.');
    assert.match(f?.hint ?? '', /^fix spec\.ports\[1\]\.targetPort of Service shop\/web .*or the port the application listens on/);
  });

  it('an app whose own error page mentions "connection refused" still listens', async () => {
    const rs = await run(fakeProxy({ 'shop/web-a:8080': { status: 502, body: '<html>connect() failed (111: Connection refused) while connecting to upstream</html>' }, 'shop/web-a:8081': { status: 200, body: '' }, 'pay/api-a:8443': { status: 200, body: '' } }));
    assert.equal(rs[0]?.outcome, 'open');
    assert.equal(probeFindings(rs, cluster, g).length, 0);
  });

  it('403 Forbidden from the API server: not probed, no finding, one request per namespace, one line', async () => {
    const proxy = fakeProxy({ 'shop/web-a:8080': FORBIDDEN, 'shop/web-a:8081': FORBIDDEN, 'pay/api-a:8443': FORBIDDEN });
    // one target at a time, so the second shop port sees the first one's 403
    const rs = await runProbes(backendTargets(cluster), { podProxy: proxy, concurrency: 1 });
    assert.deepEqual(proxy.calls, ['shop/web-a:8080/', 'pay/api-a:8443/']);
    assert.deepEqual(brief(rs), ['web:8080 not-probed forbidden 403', 'web:8081 not-probed forbidden', 'api:8443 not-probed forbidden 403']);
    assert.deepEqual(probeFindings(rs, cluster, g), []);
    assert.deepEqual(formatProbeResults(rs), [
      'From this machine, through the API server proxy: 3 backend ports (shop/web, pay/api) not probed: your user may not get pods/proxy in namespaces shop, pay (a powerful permission, usually denied); whether the apps listen is unknown.',
    ]);
  });

  it('timeouts and other API server errors are unknown: a line each, no finding', async () => {
    // the real pod proxy enforces the deadline (test/unit/cluster/pod-proxy.test.ts); here: the probe passes its short one
    const timingOut: PodProxy = { get: async (_ns, _pod, _port, _path, timeoutMs) => ({ failure: 'timeout', message: `no answer within ${timeoutMs} ms` }) };
    const rs = await run(timingOut);
    assert.deepEqual(brief(rs), ['web:8080 timeout', 'web:8081 timeout', 'api:8443 timeout']);
    assert.equal(rs[0]?.detail, 'no answer within 300 ms');
    assert.match(formatProbeResults(rs)[0] ?? '', /pod web-a port 8080, .*: no answer in time; whether the app listens is unknown\.$/);
    const other = await run(fakeProxy({ 'shop/web-a:8080': status(503, 'ServiceUnavailable', 'error trying to reach service: dial tcp 10.244.0.11:8080: i/o timeout'), 'shop/web-a:8081': status(404, 'NotFound', 'pods "web-a" not found'), 'pay/api-a:8443': { failure: 'network', message: 'connect ECONNREFUSED 127.0.0.1:6443' } }));
    assert.deepEqual(brief(other), ['web:8080 error error 503', 'web:8081 error error 404', 'api:8443 error']);
    assert.deepEqual(probeFindings([...rs, ...other], cluster, g), []);
    assert.equal(formatProbeResults(other)[1], 'From this machine, through the API server proxy, pod web-a port 8081, the targetPort of port 81 (admin) of Service shop/web: the API server could not tell (pods "web-a" not found); whether the app listens is unknown.');
  });

  it('without a live client (snapshot): every target not probed, one line saying why', async () => {
    const rs = await run();
    assert.deepEqual(brief(rs), ['web:8080 not-probed', 'web:8081 not-probed', 'api:8443 not-probed']);
    assert.deepEqual(formatProbeResults(rs), ['From this machine, through the API server proxy: 3 backend ports (shop/web, pay/api) not probed: this is an offline snapshot, there is no API server to proxy through; whether the apps listen is unknown.']);
    assert.deepEqual(probeFindings(rs, cluster, g), []);
  });

  it('shares the probes\' concurrency cap', async () => {
    let inFlight = 0;
    let peak = 0;
    const counting: PodProxy = {
      get: async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        return { status: 200, body: '' };
      },
    };
    await runProbes([...backendTargets(cluster), ...backendTargets(cluster), ...backendTargets(cluster)], { podProxy: counting, concurrency: 2 });
    assert.equal(peak, 2);
  });

  it('ranks last in the root-cause chain (Appendix C: Application)', () => {
    assert.ok(rank('probe.backend-via-apiserver') > rank('eps.no-ready'));
    assert.ok(rank('probe.backend-via-apiserver') > rank('netpol.external-traffic-blocked'));
  });
});
