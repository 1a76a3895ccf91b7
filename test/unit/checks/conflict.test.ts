// conflict.* (diagnostics.md §10b): ingress-nginx's checkOverlap semantics and address/port
// collisions; pair findings sit on the younger object.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, pod, rule, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';

const web = (): Raw[] => {
  const d = deployment('shop', 'web', { app: 'web' }, { replicas: 1 });
  return [node('node-a'), ...nginxInstall(), ...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(d, 'Pod'))];
};
const ing = (name: string, created: string, o: { annotations?: Record<string, string>; path?: string; cls?: string | null; host?: string } = {}): Raw =>
  ingress('shop', name, { ...(o.cls === null ? {} : { ingressClassName: o.cls ?? 'nginx' }), rules: [rule(o.host ?? 'shop.example.com', [[o.path ?? '/', 'web', 80, 'Exact']])] }, { created, address: '203.0.113.10', ...(o.annotations ? { annotations: o.annotations } : {}) });
const A = '2026-11-01T00:00:00Z';
const B = '2026-11-02T00:00:00Z';
const canary = (v: string): Record<string, string> => ({ 'nginx.ingress.kubernetes.io/canary': v, 'nginx.ingress.kubernetes.io/canary-weight': '10' });

describe('conflict.ingress-host-path', () => {
  it('warning on the younger of two Ingresses claiming the same class, host and path', () => {
    const [f, ...rest] = ids(run(snap([...web(), ing('a', A), ing('b', B)])), 'conflict.ingress-host-path');
    assert.equal(rest.length, 0);
    assert.deepEqual([f?.severity, f?.object.name, f?.related, f?.fields], ['warning', 'b', [{ kind: 'Ingress', namespace: 'shop', name: 'a' }], ['spec.rules']]);
  });
  it('pathType is ignored (ingress-nginx), but the path is compared as written', () => {
    const prefix = ingress('shop', 'p', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80, 'Prefix']])] }, { created: B });
    assert.equal(ids(run(snap([...web(), ing('a', A), prefix])), 'conflict.ingress-host-path').length, 1);
    assert.equal(ids(run(snap([...web(), ing('a', A, { path: '/api' }), ing('b', B, { path: '/api/' })])), 'conflict.ingress-host-path').length, 0);
  });
  it('exactly one canary is a deliberate split; two canaries conflict', () => {
    assert.equal(ids(run(snap([...web(), ing('a', A), ing('b', B, { annotations: canary('true') })])), 'conflict.ingress-host-path').length, 0);
    assert.equal(ids(run(snap([...web(), ing('a', A, { annotations: canary('true') }), ing('b', B, { annotations: canary('true') })])), 'conflict.ingress-host-path').length, 1);
  });
  it('checkOverlap quirk: canary "false" on one side and no annotation on the other is not refused', () => {
    assert.equal(ids(run(snap([...web(), ing('a', A), ing('b', B, { annotations: canary('false') })])), 'conflict.ingress-host-path').length, 0);
  });
  it('different classes or hosts never conflict; unclassed Ingresses only when a controller watches them', () => {
    const objs = [...web(), ingressClass('internal', 'k8s.io/ingress-nginx')];
    assert.equal(ids(run(snap([...objs, ing('a', A), ing('b', B, { cls: 'internal' })])), 'conflict.ingress-host-path').length, 0);
    assert.equal(ids(run(snap([...objs, ing('a', A), ing('b', B, { host: 'www.example.com' })])), 'conflict.ingress-host-path').length, 0);
    assert.equal(ids(run(snap([...objs, ing('a', A, { cls: null }), ing('b', B, { cls: null })])), 'conflict.ingress-host-path').length, 0);
    const watching = [node('node-a'), ...nginxInstall({ args: ['--watch-ingress-without-class=true'] })];
    assert.equal(ids(run(snap([...watching, ing('a', A, { cls: null }), ing('b', B, { cls: null })])), 'conflict.ingress-host-path').length, 1);
  });
});

describe('conflict.externalip-port and conflict.lb-ip', () => {
  it('externalip-port: two Services on one externalIP and port', () => {
    const a = service('shop', 'a', { externalIPs: ['203.0.113.7'], ports: [{ port: 443 }] }, { created: A });
    const b = service('shop', 'b', { externalIPs: ['203.0.113.7'], ports: [{ port: 443 }] }, { created: B });
    const [f] = ids(run(snap([a, b])), 'conflict.externalip-port');
    assert.deepEqual([f?.severity, f?.object.name, f?.fields], ['warning', 'b', ['spec.externalIPs']]);
    const c = service('shop', 'c', { externalIPs: ['203.0.113.7'], ports: [{ port: 80 }] }, { created: B });
    assert.equal(ids(run(snap([a, c])), 'conflict.externalip-port').length, 0);
  });
  it('externalip-port: an externalIP equal to another Service LB address', () => {
    const lb = service('shop', 'lb', { type: 'LoadBalancer', ports: [{ port: 443 }] }, { created: A, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } } });
    const ext = service('shop', 'ext', { externalIPs: ['203.0.113.7'], ports: [{ port: 443 }] }, { created: B });
    assert.equal(ids(run(snap([lb, ext])), 'conflict.externalip-port')[0]?.object.name, 'ext');
  });
  const lb = (name: string, created: string, ann: Record<string, string>, port = 443): Raw => service('shop', name, { type: 'LoadBalancer', ports: [{ port }] }, { created, annotations: ann });
  it('lb-ip: two Services request the same IP without a sharing key', () => {
    const [f] = ids(run(snap([lb('a', A, { 'metallb.io/loadBalancerIPs': '192.0.2.10' }), lb('b', B, { 'metallb.universe.tf/loadBalancerIPs': '192.0.2.10' })])), 'conflict.lb-ip');
    assert.deepEqual([f?.object.name, f?.fields], ['b', ['metadata.annotations["metallb.universe.tf/loadBalancerIPs"]']]);
  });
  it('lb-ip: the same allow-shared-ip key with disjoint ports is fine; with the same port it is not', () => {
    const key = { 'metallb.io/loadBalancerIPs': '192.0.2.10', 'metallb.io/allow-shared-ip': 'dns' };
    assert.equal(ids(run(snap([lb('a', A, key, 53), lb('b', B, key, 853)])), 'conflict.lb-ip').length, 0);
    assert.equal(ids(run(snap([lb('a', A, key, 53), lb('b', B, key, 53)])), 'conflict.lb-ip').length, 1);
  });
});

describe('conflict.hostport-vs-nodeport', () => {
  const svc = service('shop', 'web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] });
  it('a hostPort equal to a NodePort', () => {
    const p = pod('monitoring', 'agent-x', { app: 'agent' }, { ports: [{ name: 'metrics', containerPort: 9100, hostPort: 30080 }] });
    const [f] = ids(run(snap([node('node-a'), svc, p])), 'conflict.hostport-vs-nodeport');
    assert.deepEqual([f?.severity, f?.object.name, f?.fields, f?.related], ['warning', 'web', ['spec.ports[0].nodePort'], [{ kind: 'Pod', namespace: 'monitoring', name: 'agent-x' }]]);
  });
  it('a hostNetwork pod occupies its containerPorts; other protocols and terminal pods do not collide', () => {
    assert.equal(ids(run(snap([node('node-a'), svc, pod('kube-system', 'hn', { a: 'b' }, { hostNetwork: true, ports: [{ containerPort: 30080 }] })])), 'conflict.hostport-vs-nodeport').length, 1);
    assert.equal(ids(run(snap([node('node-a'), svc, pod('kube-system', 'udp', { a: 'b' }, { ports: [{ containerPort: 53, hostPort: 30080, protocol: 'UDP' }] })])), 'conflict.hostport-vs-nodeport').length, 0);
    assert.equal(ids(run(snap([node('node-a'), svc, pod('kube-system', 'done', { a: 'b' }, { phase: 'Succeeded', ports: [{ containerPort: 1, hostPort: 30080 }] })])), 'conflict.hostport-vs-nodeport').length, 0);
  });
  it('skipped when pods are forbidden', () => {
    assert.ok(skippedIds(run(snap([node('node-a'), svc], { Pod: { state: 'forbidden' } }))).includes('conflict.hostport-vs-nodeport'));
  });
});
