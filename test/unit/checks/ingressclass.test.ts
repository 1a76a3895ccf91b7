// IngressClass and controller checks (diagnostics.md §5), with H5 controller presence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, OLD, on, rule, run, service, snap, withSlices, type Raw } from './fixtures/build.js';

const app = (): Raw[] => {
  const d = deployment('shop', 'web', { app: 'web' });
  return [node('node-a'), ...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(d, 'Pod'))];
};
const ing = (name: string, spec: Record<string, unknown>, o: Parameters<typeof ingress>[3] = {}): Raw => ingress('shop', name, { rules: [rule(`${name}.example.com`, [['/', 'web', 80]])], ...spec }, o);

describe('ingclass.none', () => {
  it('fires once for the cluster, on the first unserved Ingress, relating the others', () => {
    const r = run(snap([...app(), ing('a', {}), ing('b', { ingressClassName: 'nginx' })]));
    const f = ids(r, 'ingclass.none');
    assert.equal(f.length, 1);
    assert.equal(f[0]?.severity, 'error');
    assert.deepEqual(f[0]?.object, { kind: 'Ingress', namespace: 'shop', name: 'a' });
    assert.deepEqual(f[0]?.related, [{ kind: 'Ingress', namespace: 'shop', name: 'b' }]);
    assert.equal(ids(r, 'ing.class-not-found').length, 0, 'one cluster-level finding, not one per Ingress');
  });
  it('not when every Ingress carries a legacy value a running controller claims', () => {
    const r = run(snap([...app(), ...nginxInstall({ withClass: false }), ing('a', {}, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } })]));
    assert.equal(ids(r, 'ingclass.none').length, 0);
  });
  it('a class name without its IngressClass object is not served, even with ingress-nginx running', () => {
    assert.equal(ids(run(snap([...app(), ...nginxInstall({ withClass: false }), ing('a', { ingressClassName: 'nginx' })])), 'ingclass.none').length, 1);
  });
  it("not on GKE (the built-in controller needs no IngressClass), nor for gce-classed Ingresses", () => {
    assert.equal(ids(run(snap([...app(), node('gke-1', { providerID: 'gce://p/z/gke-1' }), ing('a', {})])), 'ingclass.none').length, 0);
    assert.equal(ids(run(snap([...app(), ing('a', { ingressClassName: 'gce' })])), 'ingclass.none').length, 0);
  });
  it('skipped when IngressClasses are forbidden (a RoleBinding to view grants nothing cluster-scoped)', () => {
    const r = run(snap([...app(), ing('a', {})], { IngressClass: { state: 'forbidden' } }));
    assert.equal(ids(r, 'ingclass.none').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'ingclass.none'));
  });
});

describe('ingclass.no-controller', () => {
  it('fires on the IngressClass with its Ingresses related; ing.not-admitted follows from it', () => {
    const r = run(snap([...app(), ingressClass('nginx', 'k8s.io/ingress-nginx'), ing('a', { ingressClassName: 'nginx' })]));
    const [f] = ids(r, 'ingclass.no-controller');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'IngressClass', name: 'nginx' });
    assert.deepEqual(f?.fields, ['spec.controller']);
    assert.deepEqual(f?.related, [{ kind: 'Ingress', namespace: 'shop', name: 'a' }]);
    assert.equal(ids(r, 'ing.not-admitted')[0]?.causedBy, f?.key);
  });
  it('ingress-nginx started with another --controller-class does not serve the class', () => {
    const r = run(snap([...app(), ...nginxInstall({ controllerClass: 'k8s.io/internal-nginx', withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx'), ing('a', { ingressClassName: 'nginx' }, { address: '203.0.113.10' })]));
    assert.match(ids(r, 'ingclass.no-controller')[0]?.message ?? '', /claim another --controller-class/);
    const notAdmitted = run(snap([...app(), ...nginxInstall({ controllerClass: 'k8s.io/internal-nginx', withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx'), ing('a', { ingressClassName: 'nginx' })]));
    assert.equal(ids(notAdmitted, 'ing.not-admitted')[0]?.severity, 'error');
  });
  it('unknown, never absent: pods forbidden, a namespaced view, a hosted or unknown controller', () => {
    const base = [...app(), ingressClass('nginx', 'k8s.io/ingress-nginx'), ing('a', { ingressClassName: 'nginx' }, { address: '203.0.113.10' })];
    const forbidden = run(snap(base, { Pod: { state: 'forbidden' } }));
    assert.equal(ids(forbidden, 'ingclass.no-controller').length, 0);
    assert.ok(forbidden.skipped.some((x) => x.id === 'ingclass.no-controller'));
    assert.equal(ids(run(snap(base, { Pod: { state: 'partial', namespaces: ['shop'] } })), 'ingclass.no-controller').length, 0);
    assert.equal(ids(run(snap(base, {}, { namespace: 'shop' })), 'ingclass.no-controller').length, 0);
    const custom = [...app(), ingressClass('corp', 'corp.example.com/edge'), ing('a', { ingressClassName: 'corp' }, { address: '203.0.113.10' })];
    assert.equal(ids(run(snap(custom)), 'ingclass.no-controller').length, 0);
  });
  it('not for a class no Ingress uses', () => {
    assert.equal(ids(run(snap([...app(), ingressClass('nginx', 'k8s.io/ingress-nginx')])), 'ingclass.no-controller').length, 0);
  });
});

describe('controller.*', () => {
  it('controller.not-ready: pods found but in CrashLoopBackOff', () => {
    const r = run(snap([...app(), ...nginxInstall({ waiting: 'CrashLoopBackOff' }), ing('a', { ingressClassName: 'nginx' })]));
    const [f] = ids(r, 'controller.not-ready');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'IngressClass', name: 'nginx' });
    assert.match(f?.message ?? '', /CrashLoopBackOff, 7 restarts/);
    assert.equal(ids(r, 'ingclass.no-controller').length, 0);
    assert.equal(ids(r, 'ing.not-admitted')[0]?.causedBy, f?.key);
  });
  it('controller.service-pending: the controller LoadBalancer has no address; its Ingresses are related', () => {
    const r = run(snap([...app(), ...nginxInstall({ lbAddress: null }), ing('a', { ingressClassName: 'nginx' })]));
    const [f] = ids(r, 'controller.service-pending');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'ingress-nginx', name: 'ingress-nginx-controller' });
    assert.deepEqual(f?.related?.map((x) => x.name), ['nginx', 'a']);
    assert.equal(ids(r, 'ing.not-admitted')[0]?.causedBy, f?.key);
  });
  it('controller.service-pending is info when the controller is reachable only via node ports, nothing with host ports', () => {
    const np = nginxInstall().map((o) => (o.kind === 'Service' && (o.metadata as Record<string, unknown>).name === 'ingress-nginx-controller' ? { ...o, spec: { ...(o.spec as Record<string, unknown>), type: 'NodePort' }, status: {} } : o));
    const [f] = ids(run(snap([...app(), ...np, ing('a', { ingressClassName: 'nginx' }, { address: '10.0.0.11' })])), 'controller.service-pending');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /only via node ports/);
  });
  it('controller.service-pending waits for the grace period', () => {
    const young = nginxInstall({ lbAddress: null }).map((o) => (o.kind === 'Service' ? { ...o, metadata: { ...(o.metadata as Record<string, unknown>), creationTimestamp: '2026-11-25T11:58:00Z' } } : o));
    assert.equal(ids(run(snap([...app(), ...young, ing('a', { ingressClassName: 'nginx' })])), 'controller.service-pending').length, 0);
  });
});

describe('IngressClass hygiene (needs no pods)', () => {
  it('ingclass.multiple-defaults names the newest as the one admission picks', () => {
    const r = run(snap([ingressClass('nginx', 'k8s.io/ingress-nginx', { default: true, created: OLD }), ingressClass('traefik', 'traefik.io/ingress-controller', { default: true, created: '2026-11-20T00:00:00Z' })], { Pod: { state: 'forbidden' } }));
    const [f] = ids(r, 'ingclass.multiple-defaults');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.object, { kind: 'IngressClass', name: 'nginx' });
    assert.match(f?.message ?? '', /get the newest \(traefik\)/);
  });
  it('ingclass.default-annotation-malformed: "True" is not "true"', () => {
    const [f] = ids(run(snap([ingressClass('nginx', 'k8s.io/ingress-nginx', { default: 'True' })])), 'ingclass.default-annotation-malformed');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.fields, ['metadata.annotations["ingressclass.kubernetes.io/is-default-class"]']);
  });
  it('ingclass.unused: info, not for the default, not when some Ingresses are hidden', () => {
    const classes = [ingressClass('nginx', 'k8s.io/ingress-nginx', { default: true }), ingressClass('old', 'traefik.io/ingress-controller')];
    assert.deepEqual(ids(run(snap(classes)), 'ingclass.unused').map((f) => [f.object.name, f.severity]), [['old', 'info']]);
    assert.equal(ids(run(snap(classes, { Ingress: { state: 'partial', namespaces: ['shop'] } })), 'ingclass.unused').length, 0);
  });
  it('a legacy annotation naming an IngressClass uses it', () => {
    const r = run(snap([...app(), ...nginxInstall(), ing('a', {}, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': 'nginx' } })]));
    assert.equal(on(r, 'ingclass.unused', 'nginx').length, 0);
  });
});
