// The headline checks: each fires on a realistic case and stays quiet on its pitfalls.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { X509Certificate } from 'node:crypto';
import { runChecks } from '../../../src/checks/engine.js';
import type { Report } from '../../../src/checks/types.js';
import { buildGraph } from '../../../src/model/graph.js';
import { check, ids, ingress, ingressClass, JUST_NOW, nginxPod, node, pod, rule, service, slice, snap } from './build.js';

const web = (): Record<string, unknown>[] => [
  node('node-a'),
  pod('shop', 'web-1', { app: 'web' }, { ip: '10.244.0.5' }),
  service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] }),
  slice('shop', 'web', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.5', pod: 'web-1' }]),
];

describe('svc.selector-no-pods', () => {
  it('fires on a selector typo, with eps.no-ready on the placeholder slice as its consequence', () => {
    const r = check(snap([...web(), service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80 }] }), slice('shop', 'checkout', null, null)]));
    const [f] = ids(r, 'svc.selector-no-pods');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'checkout' });
    assert.deepEqual(f?.fields, ['spec.selector']);
    const eps = ids(r, 'eps.no-ready').find((x) => x.object.name === 'checkout');
    assert.equal(eps?.causedBy, f?.key, 'Appendix D.1: eps.no-ready is a consequence');
    assert.equal(ids(r, 'eps.none').length, 0, 'a placeholder slice exists');
  });
  it('is not a false error when pods are forbidden (skipped instead)', () => {
    const r = check(snap([...web(), service('shop', 'checkout', { selector: { app: 'chekout' }, ports: [{ port: 80 }] })], { Pod: { state: 'forbidden' } }));
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'svc.selector-no-pods' && /forbidden/.test(x.reason)));
  });
  it('does not fire for ExternalName or selectorless Services, and says scaled-to-zero instead', () => {
    const r = check(
      snap([
        service('shop', 'ext', { type: 'ExternalName', externalName: 'api.example.com' }),
        service('shop', 'manual', { ports: [{ port: 80 }] }),
        service('shop', 'batch', { selector: { app: 'batch' }, ports: [{ port: 80 }] }),
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'batch', namespace: 'shop' }, spec: { replicas: 0, selector: { matchLabels: { app: 'batch' } }, template: { metadata: { labels: { app: 'batch' } }, spec: { containers: [{ name: 'b' }] } } } },
      ]),
    );
    assert.equal(ids(r, 'svc.selector-no-pods').length, 0);
    assert.equal(ids(r, 'svc.backends-scaled-to-zero')[0]?.object.name, 'batch');
  });
});

describe('eps.*', () => {
  it('eps.no-ready names the pods and why', () => {
    const r = check(snap([node('node-a'), pod('shop', 'cart-1', { app: 'cart' }, { ready: false, waiting: 'CrashLoopBackOff' }), service('shop', 'cart', { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), slice('shop', 'cart', [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.9', pod: 'cart-1', ready: false }])]));
    const [f] = ids(r, 'eps.no-ready');
    assert.match(f?.message ?? '', /cart-1 \(CrashLoopBackOff/);
  });
  it('nil ready means ready; all-terminating is eps.only-terminating, not eps.no-ready', () => {
    const nilReady = snap([...web().slice(0, 3), { ...slice('shop', 'web', [{ name: 'http', port: 8080 }], null), endpoints: [{ addresses: ['10.244.0.5'], conditions: {} }] }]);
    assert.equal(ids(check(nilReady), 'eps.no-ready').length, 0);
    const draining = snap([...web().slice(0, 3), slice('shop', 'web', [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.5', ready: false, serving: true, terminating: true }])]);
    const r = check(draining);
    assert.equal(ids(r, 'eps.no-ready').length, 0);
    assert.equal(ids(r, 'eps.only-terminating')[0]?.severity, 'warning');
  });
  it('eps.port-unserved when ready endpoints do not serve a named port', () => {
    const s = snap([
      node('node-a'),
      pod('shop', 'api-1', { app: 'api' }),
      service('shop', 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] }),
      slice('shop', 'api', [{ name: 'http', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.0.9', pod: 'api-1' }]),
    ]);
    const r = check(s);
    assert.equal(ids(r, 'eps.port-unserved')[0]?.fields?.[0], 'spec.ports[1].targetPort');
    assert.equal(ids(r, 'svc.targetport-name-unresolved')[0]?.severity, 'error');
  });
});

describe('Ingress class and controller', () => {
  it('ing.class-not-found fires on a missing class, never on a legacy annotation value', () => {
    const r = check(snap([...web(), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), ingress('shop', 'a', { ingressClassName: 'nginx-internal', rules: [rule('a.example.com', [['/', 'web', 80]])] }), ingress('shop', 'b', { rules: [rule('b.example.com', [['/', 'web', 80]])] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' }, address: '203.0.113.5' })]));
    assert.deepEqual(ids(r, 'ing.class-not-found').map((f) => f.object.name), ['a']);
    assert.equal(ids(r, 'ing.class-annotation-unclaimed').length, 0, 'nginx is claimed by the running controller');
  });
  it('ingclass.no-controller when no controller pod runs, with ing.not-admitted as consequence', () => {
    const r = check(snap([...web(), ingressClass('traefik', 'traefik.io/ingress-controller'), ingress('shop', 'blog', { ingressClassName: 'traefik', rules: [rule('blog.example.com', [['/', 'web', 80]])] })]));
    const [root] = ids(r, 'ingclass.no-controller');
    assert.equal(root?.object.name, 'traefik');
    const [na] = ids(r, 'ing.not-admitted');
    assert.equal(na?.severity, 'error');
    assert.equal(na?.causedBy, root?.key);
  });
  it('a controller hidden by RBAC is unknown, never absent', () => {
    const r = check(snap([...web(), ingressClass('traefik', 'traefik.io/ingress-controller'), ingress('shop', 'blog', { ingressClassName: 'traefik', rules: [rule('blog.example.com', [['/', 'web', 80]])] })], { Pod: { state: 'partial', namespaces: ['shop'] } }));
    assert.equal(ids(r, 'ingclass.no-controller').length, 0);
  });
  it('ingclass.none when Ingresses exist but no IngressClass does', () => {
    const r = check(snap([...web(), ingress('shop', 'a', { rules: [rule('a.example.com', [['/', 'web', 80]])] })]));
    assert.equal(ids(r, 'ingclass.none').length, 1);
  });
  it('a new Ingress is not judged "not admitted" inside the grace period', () => {
    const r = check(snap([...web(), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), ingress('shop', 'new', { ingressClassName: 'nginx', rules: [rule('n.example.com', [['/', 'web', 80]])] }, { created: JUST_NOW })]));
    assert.equal(ids(r, 'ing.not-admitted').length, 0);
  });
});

describe('Ingress backends', () => {
  it('ing.backend-service-missing includes the defaultBackend', () => {
    const r = check(snap([...web(), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), ingress('shop', 'a', { ingressClassName: 'nginx', defaultBackend: { service: { name: 'fallback', port: { number: 80 } } }, rules: [rule('a.example.com', [['/', 'web', 80], ['/api', 'api', 80]])] }, { address: '203.0.113.5' })]));
    const missing = ids(r, 'ing.backend-service-missing');
    assert.deepEqual(missing.map((f) => f.fields?.[0]).sort(), ['spec.defaultBackend.service.name', 'spec.rules[0].http.paths[1].backend.service.name']);
  });
  it('ing.backend-port-missing compares only the field that is set (differs from popeye: empty names are not a match)', () => {
    const r = check(snap([...web(), ingressClass('traefik', 'traefik.io/ingress-controller'), ingress('shop', 'a', { ingressClassName: 'traefik', rules: [rule('a.example.com', [['/', 'web', 8080]])] })]));
    const [f] = ids(r, 'ing.backend-port-missing');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /only exposes 80 \(http\)/);
  });
  it('is downgraded to a warning for ingress-nginx when the port equals a targetPort', () => {
    const web2 = service('shop', 'web2', { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
    const r = check(snap([...web(), web2, ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod(), ingress('shop', 'a', { ingressClassName: 'nginx', rules: [rule('a.example.com', [['/', 'web2', 'http']])] }, { address: '203.0.113.5' })]));
    assert.equal(ids(r, 'ing.backend-port-missing')[0]?.severity, 'warning');
  });
});

describe('NodePort and LoadBalancer', () => {
  const np = (etp: string, epNode: string, ready: boolean): Record<string, unknown>[] => [
    node('node-a'),
    node('node-c', false),
    pod('pay', 'api-1', { app: 'api' }, { node: epNode, ready }),
    service('pay', 'api', { type: 'NodePort', externalTrafficPolicy: etp, selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30443 }] }),
    slice('pay', 'api', [{ name: 'http', port: 8080 }], [{ ip: '10.244.3.10', pod: 'api-1', node: epNode, ready }]),
  ];
  it('nodeport.etp-local-no-endpoints when the only backend is on a NotReady node', () => {
    const [f] = ids(check(snap(np('Local', 'node-c', true))), 'nodeport.etp-local-no-endpoints');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.externalTrafficPolicy']);
  });
  it('does not fire with externalTrafficPolicy Cluster', () => {
    assert.equal(ids(check(snap(np('Cluster', 'node-c', true))), 'nodeport.etp-local-no-endpoints').length, 0);
  });
  it('nodeport.no-ready-nodes when every node is NotReady', () => {
    const objs = np('Cluster', 'node-c', true).filter((o) => o.kind !== 'Node');
    assert.equal(ids(check(snap([node('node-c', false), ...objs])), 'nodeport.no-ready-nodes').length, 1);
  });
  it('nodeport checks are skipped when nodes are forbidden', () => {
    const r = check(snap(np('Local', 'node-c', true), { Node: { state: 'forbidden' } }));
    assert.equal(ids(r, 'nodeport.etp-local-no-endpoints').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'nodeport.etp-local-no-endpoints'));
  });
  it('lb.pending only after the grace period', () => {
    const lb = (created: string): Record<string, unknown> => service('pay', 'gw', { type: 'LoadBalancer', ports: [{ port: 443, nodePort: 31844 }] }, {}, created);
    assert.equal(ids(check(snap([node('node-a'), lb('2026-11-25T11:00:00Z')])), 'lb.pending').length, 1);
    assert.equal(ids(check(snap([node('node-a'), lb(JUST_NOW)])), 'lb.pending').length, 0);
  });
});

describe('tls.*', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kexplore-tls-'));
  const keys = new Map<string, string>();
  const cert = (cn: string, san: string, days = 365): string => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(days), '-subj', `/CN=${cn}`, '-addext', `subjectAltName=${san}`, '-keyout', join(dir, `${cn}.key`), '-out', join(dir, `${cn}.crt`)], { stdio: 'ignore' });
    const crt = readFileSync(join(dir, `${cn}.crt`), 'utf8');
    keys.set(crt, readFileSync(join(dir, `${cn}.key`), 'utf8'));
    return crt;
  };
  const secret = (name: string, crt: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name, namespace: 'shop' }, data: { 'tls.crt': Buffer.from(crt).toString('base64'), 'tls.key': Buffer.from(keys.get(crt) ?? '').toString('base64') } });
  const tlsIngress = (host: string, secretName: string): Record<string, unknown> => ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: [host], secretName }], rules: [rule(host, [['/', 'web', 80]])] }, { address: '203.0.113.5' });
  const base = (): Record<string, unknown>[] => [...web(), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod()];

  it('tls.host-not-covered: SAN for www does not cover shop; a wildcard covers one label only', () => {
    const www = cert('www.example.com', 'DNS:www.example.com');
    const r = check(snap([...base(), secret('www-tls', www), tlsIngress('shop.example.com', 'www-tls')]));
    const [f] = ids(r, 'tls.host-not-covered');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /covers \[www\.example\.com\]/);
    const wild = cert('wild', 'DNS:*.example.com');
    assert.equal(ids(check(snap([...base(), secret('wild-tls', wild), tlsIngress('shop.example.com', 'wild-tls')])), 'tls.host-not-covered').length, 0);
    assert.equal(ids(check(snap([...base(), secret('wild-tls', wild), tlsIngress('a.shop.example.com', 'wild-tls')])), 'tls.host-not-covered').length, 1);
  });
  it('tls.cert-invalid when the key does not match the certificate', () => {
    const a = cert('a.example.com', 'DNS:shop.example.com');
    const b = cert('b.example.com', 'DNS:shop.example.com');
    const mismatched = { ...secret('mixed-tls', a), data: { 'tls.crt': Buffer.from(a).toString('base64'), 'tls.key': Buffer.from(keys.get(b) ?? '').toString('base64') } };
    const r = check(snap([...base(), mismatched, tlsIngress('shop.example.com', 'mixed-tls')]));
    assert.match(ids(r, 'tls.cert-invalid')[0]?.message ?? '', /does not match its private key/);
  });
  it('tls.secret-missing vs tls.secret-unreadable: a forbidden Secret is never "missing"', () => {
    const s1 = check(snap([...base(), tlsIngress('shop.example.com', 'gone-tls')]));
    assert.equal(ids(s1, 'tls.secret-missing').length, 1);
    const s2 = check(snap([...base(), tlsIngress('shop.example.com', 'gone-tls')], { Secret: { state: 'forbidden' } }));
    assert.equal(ids(s2, 'tls.secret-missing').length, 0);
    assert.equal(ids(s2, 'tls.secret-unreadable').length, 1);
  });
  it('tls.cert-expired and tls.cert-expiring are judged at the evaluation time, never the clock', () => {
    const crt = cert('short.example.com', 'DNS:shop.example.com', 1);
    const s = snap([...base(), secret('short-tls', crt), tlsIngress('shop.example.com', 'short-tls')]);
    const validTo = Date.parse(new X509Certificate(crt).validTo);
    const at = (ms: number): Report => runChecks(s, buildGraph(s), { now: new Date(ms).toISOString(), graceMs: 300_000 });
    assert.equal(ids(at(validTo + 86400_000), 'tls.cert-expired').length, 1);
    assert.equal(ids(at(validTo - 3600_000), 'tls.cert-expired').length, 0);
    assert.equal(ids(at(validTo - 3600_000), 'tls.cert-expiring').length, 1);
  });
});
