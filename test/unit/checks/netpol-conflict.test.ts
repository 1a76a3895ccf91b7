// NetworkPolicy evaluation on the controller → backend path, and conflicts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, ids, ingress, ingressClass, nginxPod, node, pod, rule, service, slice, snap, type Raw } from './build.js';

const np = (name: string, spec: Raw): Raw => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'pay' }, spec });
const ns = (name: string): Raw => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const world = (...policies: Raw[]): Raw[] => [
  node('node-a'),
  ns('pay'),
  ns('ingress-nginx'),
  nginxPod(),
  ingressClass('nginx', 'k8s.io/ingress-nginx'),
  pod('pay', 'api-1', { app: 'api' }),
  service('pay', 'api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }),
  slice('pay', 'api', [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.9', pod: 'api-1' }]),
  ingress('pay', 'api', { ingressClassName: 'nginx', rules: [rule('pay.example.com', [['/', 'api', 80]])] }, { address: '203.0.113.5' }),
  ...policies,
];
const denyAll = np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const sameNs = np('same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });

describe('netpol.blocks-ingress-controller', () => {
  it('fires when policies isolate the backends and none admits the controller namespace', () => {
    const [f] = ids(check(snap(world(denyAll, sameNs))), 'netpol.blocks-ingress-controller');
    assert.equal(f?.object.name, 'api');
    assert.match(f?.message ?? '', /port 8080/);
  });
  it('stays quiet when a rule admits the controller namespace on the target port', () => {
    const allow = np('from-nginx', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }] });
    assert.equal(ids(check(snap(world(denyAll, allow))), 'netpol.blocks-ingress-controller').length, 0);
  });
  it('flags a policy that opens the Service port instead of the pod port', () => {
    const wrongPort = np('from-nginx', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    const r = check(snap(world(wrongPort)));
    assert.equal(ids(r, 'netpol.service-port-instead-of-target').length, 1);
  });
  it('a policy selecting nothing is only an info (dangling selector)', () => {
    const r = check(snap(world(np('typo', { podSelector: { matchLabels: { app: 'apii' } }, policyTypes: ['Ingress'] }))));
    assert.equal(ids(r, 'netpol.dangling-selector')[0]?.severity, 'info');
    assert.equal(ids(r, 'netpol.blocks-ingress-controller').length, 0);
  });
});

describe('conflict.ingress-host-path', () => {
  const web = [node('node-a'), pod('shop', 'web-1', { app: 'web' }), service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] }), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod()];
  const ing = (name: string, created: string, annotations?: Record<string, string>): Raw => ingress('shop', name, { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { created, ...(annotations ? { annotations } : {}), address: '203.0.113.5' });
  it('fires on the younger of two Ingresses claiming the same host and path', () => {
    const [f] = ids(check(snap([...web, ing('a', '2026-11-01T00:00:00Z'), ing('b', '2026-11-02T00:00:00Z')])), 'conflict.ingress-host-path');
    assert.equal(f?.object.name, 'b');
  });
  it('a canary Ingress is a deliberate split, not a conflict', () => {
    assert.equal(ids(check(snap([...web, ing('a', '2026-11-01T00:00:00Z'), ing('b', '2026-11-02T00:00:00Z', { 'nginx.ingress.kubernetes.io/canary': 'true' })])), 'conflict.ingress-host-path').length, 0);
  });
});
