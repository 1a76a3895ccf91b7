// probe.tls-served-cert (§11.4) against an HTTPS listener on 127.0.0.1 that picks its
// certificate by SNI, with certificates made by openssl at test time.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { formatProbeResult, probeFindings, probeTargets, runProbes, type ProbeResult, type ProbeTarget } from '../../../src/probe/index.js';
import { ingress, ingressClass, nginxPod, service, snap } from '../checks/build.js';
import { close, listen, loopNode, makeCert, type Raw, type TestCert } from './net-helpers.js';

const DAY = 24 * 3600 * 1000;
const certs: Record<string, TestCert> = {
  'shop.example.com': makeCert('shop.example.com', ['shop.example.com']),
  'fake.example.com': makeCert('Kubernetes Ingress Controller Fake Certificate', ['ingress.local']),
  'kexplore-probe.example.com': makeCert('wildcard', ['*.example.com']),
  'a.b.example.com': makeCert('wildcard', ['*.example.com']),
  'partial.example.com': makeCert('partial', ['p*.example.com']),
  'cnonly.example.com': makeCert('cnonly.example.com', []),
  'short.example.com': makeCert('short.example.com', ['short.example.com'], 3),
};
const other = makeCert('shop.example.com', ['shop.example.com']);
const ing = { kind: 'Ingress', namespace: 'shop', name: 'web' };

describe('probe.tls-served-cert on loopback', () => {
  const ctx = new Map(Object.entries(certs).map(([h, c]) => [h, tls.createSecureContext(c)]));
  const server = https.createServer({ ...(certs['fake.example.com'] ?? assert.fail()), SNICallback: (name, cb) => cb(null, ctx.get(name)) }, (_q, r) => r.end());
  let port = 0;
  before(async () => {
    port = await listen(server);
  });
  after(() => close(server));

  const target = (ruleHost: string, extra: Partial<Extract<ProbeTarget, { kind: 'tls-served-cert' }>> = {}): ProbeTarget => ({ kind: 'tls-served-cert', object: ing, host: '127.0.0.1', port, serverName: ruleHost.replace('*.', 'kexplore-probe.'), ruleHost, via: 'ingress-status', ...extra });
  const one = async (t: ProbeTarget, now?: number): Promise<ProbeResult> => (await runProbes([t], now !== undefined ? { now } : {}))[0] ?? assert.fail();
  const findings = (rs: ProbeResult[]): string[] => {
    const s = snap([]);
    return probeFindings(rs, s, buildGraph(s)).map((f) => `${f.severity} ${f.key}`);
  };

  it('reads the served leaf for the SNI name', async () => {
    const r = await one(target('shop.example.com'));
    assert.equal(r.outcome, 'open');
    assert.equal(r.cert?.cn, 'shop.example.com');
    assert.deepEqual(r.cert?.dnsSans, ['shop.example.com']);
    assert.equal(r.cert?.coversHost, true);
    assert.equal(r.cert?.fingerprint256, new X509Certificate(certs['shop.example.com']?.cert ?? '').fingerprint256);
    assert.deepEqual(findings([r]), []);
  });

  it("the ingress controller's Fake Certificate is an error naming the Secret", async () => {
    const r = await one(target('fake.example.com', { secretName: 'fake-tls' }));
    assert.equal(r.cert?.fake, true);
    assert.deepEqual(findings([r]), ['error probe.tls-served-cert|Ingress/shop/web|fake.example.com']);
    const s = snap([]);
    assert.equal(probeFindings([r], s, buildGraph(s))[0]?.message, `From this machine, 127.0.0.1:${port} serves 'Kubernetes Ingress Controller Fake Certificate' for fake.example.com: Secret fake-tls is not in use.`);
    assert.equal(formatProbeResult(r), `From this machine, 127.0.0.1:${port} serves 'Kubernetes Ingress Controller Fake Certificate' (valid until ${r.cert?.notAfter.slice(0, 10) ?? ''}) for fake.example.com — the ingress controller's default Fake Certificate; it does not cover the host.`);
  });

  it('RFC 6125 coverage: one-label wildcards, no partial wildcards, CN ignored; an Ingress wildcard needs that wildcard SAN', async () => {
    const rs = await runProbes([target('*.example.com'), target('a.b.example.com'), target('partial.example.com'), target('cnonly.example.com')]);
    assert.deepEqual(rs.map((r) => `${r.target.kind === 'tls-served-cert' ? r.target.serverName : ''} ${String(r.cert?.coversHost)}`), ['kexplore-probe.example.com true', 'a.b.example.com false', 'partial.example.com false', 'cnonly.example.com false']);
    assert.deepEqual(findings(rs), ['error tls.host-not-covered|Ingress/shop/web|served|a.b.example.com', 'error tls.host-not-covered|Ingress/shop/web|served|partial.example.com', 'error tls.host-not-covered|Ingress/shop/web|served|cnonly.example.com']);
  });

  it('validity is judged at the probe time: expiring, expired, not yet valid', async () => {
    const short = target('short.example.com');
    assert.deepEqual(findings([await one(short)]), ['warning tls.cert-expiring|Ingress/shop/web|served|short.example.com']);
    assert.deepEqual(findings([await one(short, Date.now() + 5 * DAY)]), ['error tls.cert-expired|Ingress/shop/web|served|short.example.com']);
    assert.deepEqual(findings([await one(target('shop.example.com'), Date.now() - DAY)]), ['error tls.cert-not-yet-valid|Ingress/shop/web|served|shop.example.com']);
    const s = snap([]);
    assert.match(probeFindings([await one(short)], s, buildGraph(s))[0]?.message ?? '', /^From this machine, the certificate 127\.0\.0\.1:\d+ serves for short\.example\.com expires in 2 days \(/);
  });

  it("compares with the Secret's leaf: the same certificate is left to the tls.* checks, another one is an error", async () => {
    const fp = (c: TestCert | undefined): string => new X509Certificate(c?.cert ?? '').fingerprint256;
    const same = await one(target('short.example.com', { secretName: 'short-tls', secretFingerprint256: fp(certs['short.example.com']) }));
    assert.deepEqual(findings([same]), [], 'the Secret checks already report its expiry');
    const diff = await one(target('shop.example.com', { secretName: 'shop-tls', secretFingerprint256: fp(other) }));
    assert.deepEqual(findings([diff]), ['error probe.tls-served-cert|Ingress/shop/web|shop.example.com']);
  });

  it('a listener that does not speak TLS fails in the handshake phase', async () => {
    const plain = (await import('node:http')).createServer((_q, r) => r.end());
    const p = await listen(plain);
    try {
      const r = await one({ ...target('shop.example.com'), port: p });
      assert.deepEqual([r.outcome, r.phase], ['error', 'tls']);
      assert.deepEqual(findings([r]), ['warning probe.tls-served-cert|Ingress/shop/web|shop.example.com']);
    } finally {
      await close(plain);
    }
  });
});

describe('probe.tls-served-cert targets', () => {
  const secret = (name: string, crt: string): Raw => ({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name, namespace: 'shop' }, data: { 'tls.crt': Buffer.from(crt).toString('base64'), 'tls.key': Buffer.from('k').toString('base64') } });
  it("carry the Secret's tls.crt when it is readable", () => {
    const s: ClusterSnapshot = snap([
      loopNode('node-a'),
      ingressClass('nginx', 'k8s.io/ingress-nginx'),
      nginxPod(),
      service('shop', 'web', { ports: [{ port: 80 }] }),
      secret('shop-tls', certs['shop.example.com']?.cert ?? ''),
      ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }, { address: '203.0.113.5' }),
    ]);
    const t = probeTargets(s, buildGraph(s)).find((x) => x.kind === 'tls-served-cert');
    assert.ok(t?.kind === 'tls-served-cert');
    assert.equal(t.secretName, 'shop-tls');
    assert.equal(t.secretFingerprint256, new X509Certificate(certs['shop.example.com']?.cert ?? '').fingerprint256);
    assert.deepEqual([t.host, t.port, t.serverName], ['203.0.113.5', 443, 'shop.example.com']);
  });
});
