// Scenarios from the peer tools' own test suites (Popeye internal/lint/svc_test.go,
// k8sgpt pkg/analyzer/ingress_test.go), re-expressed as kexplore fixtures: where their rule is
// right kexplore agrees; where it deliberately differs, docs/checks.md says why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, ids, ingress, node, pod, rule, service, snap, type Raw } from './build.js';

const classless = (name: string, spec: Raw): Raw => ingress('default', name, spec);

describe('k8sgpt ingress analyzer scenarios', () => {
  it('non-existent backend service: agrees (ing.backend-service-missing); the missing class is one cluster-level ingclass.none', () => {
    const r = check(snap([classless('test-ingress', { rules: [rule('example.com', [['/', 'non-existent-service', 80]])] })]));
    assert.equal(ids(r, 'ing.backend-service-missing').length, 1);
    assert.equal(ids(r, 'ingclass.none').length, 1);
  });
  it('non-existent TLS secret: agrees (tls.secret-missing) when Secrets are readable', () => {
    const r = check(snap([classless('test-ingress-tls', { tls: [{ hosts: ['example.com'], secretName: 'non-existent-secret' }], rules: [rule('example.com', [['/', 'test-service', 80]])] })]));
    assert.equal(ids(r, 'tls.secret-missing').length, 1);
    assert.equal(ids(r, 'ing.backend-service-missing').length, 1);
  });
  it('resource backend: agrees that it is not an error (ing.resource-backend is info)', () => {
    const r = check(snap([classless('test-ingress-resource-backend', { rules: [{ host: 'example.com', http: { paths: [{ path: '/static', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } } }] } }] })]));
    assert.equal(ids(r, 'ing.resource-backend')[0]?.severity, 'info');
    assert.equal(ids(r, 'ing.backend-service-missing').length, 0);
  });
  it('empty TLS secretName with class gce: agrees there is no error (tls.no-secret-name is info)', () => {
    const r = check(snap([ingress('default', 'default-certificate-ingress', { ingressClassName: 'gce', tls: [{ hosts: ['example.com'] }] })]));
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => f.id), []);
    assert.equal(ids(r, 'tls.no-secret-name').length, 1);
  });
  it('GKE classes gce and gce-internal (field or annotation) are never "not found"; a made-up class is', () => {
    const r = check(snap([
      ingress('default', 'gke-ingress', { ingressClassName: 'gce' }),
      ingress('default', 'gke-internal-ingress', { ingressClassName: 'gce-internal' }),
      ingress('default', 'gke-ingress-annotation', {}, { annotations: { 'kubernetes.io/ingress.class': 'gce' } }),
      ingress('default', 'custom-ingress', { ingressClassName: 'non-existent-class' }),
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    ]));
    assert.deepEqual(ids(r, 'ing.class-not-found').map((f) => f.object.name), ['custom-ingress']);
  });
});

describe('Popeye service lint scenarios (Endpoints fallback when EndpointSlices are not readable)', () => {
  const endpoints = (name: string, subsets: Raw[] | undefined): Raw => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'default' }, ...(subsets ? { subsets } : {}) });
  const addr = (ip: string, pod: string): Raw => ({ ip, nodeName: 'n1', targetRef: { kind: 'Pod', name: pod, namespace: 'default' } });
  const world = (): Raw[] => [
    node('n1'),
    pod('default', 'p1', { app: 'p1' }, { node: 'n1' }),
    pod('default', 'p2', { app: 'p2' }, { node: 'n1' }),
    service('default', 'svc1', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'p1' }, ports: [{ name: 'http', port: 9090, targetPort: 9090, nodePort: 30400 }] }),
    service('default', 'svc2', { selector: { app: 'p2' }, ports: [{ name: 'service', port: 80, targetPort: 3000 }] }),
    service('default', 'svc3', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'service', port: 80 }] }),
    service('default', 'svc4', { type: 'LoadBalancer', selector: { app: 'p4' }, ports: [{ name: 'service', port: 80, targetPort: 3000, nodePort: 30401 }] }),
    service('default', 'svc5', { selector: { app: 'p5' }, ports: [{ name: 'service', port: 80, targetPort: 3000 }] }),
    endpoints('svc1', [{ addresses: [addr('10.244.1.27', 'p1')], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] }]),
    endpoints('svc2', [{ addresses: [addr('10.244.1.19', 'p2')], ports: [{ name: 'service', port: 3000, protocol: 'TCP' }] }]),
    endpoints('svc4', undefined),
  ];
  const r = check(snap(world(), { EndpointSlice: { state: 'forbidden' } }));
  const on = (id: string, name: string): boolean => r.findings.some((f) => f.id === id && f.object.name === name);

  it('"external": an ExternalName Service gets no endpoint finding (agrees)', () => {
    assert.ok(!r.findings.some((f) => f.object.name === 'svc3' && f.id.startsWith('eps.')));
  });
  it('"nodeport"/single endpoint: POP-1109 ↔ eps.single (info, agrees)', () => {
    assert.ok(on('eps.single', 'svc2'));
  });
  it('"no-subset": POP-1110 ↔ eps.no-ready, with the selector as the root cause', () => {
    assert.ok(on('eps.no-ready', 'svc4'));
    assert.ok(on('svc.selector-no-pods', 'svc4'));
  });
  it('"empty": no Endpoints object at all — POP-1105 ↔ kexplore reads the selector first: svc.selector-no-pods', () => {
    assert.ok(on('svc.selector-no-pods', 'svc5'));
  });
  it('with EndpointSlices forbidden nothing is reported as missing slices (differs: visibility)', () => {
    assert.equal(ids(r, 'eps.none').length, 0);
  });
});
