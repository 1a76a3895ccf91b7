// Ingress checks (diagnostics.md §4): class resolution (H4), admission, backends, paths.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, on, pod, RECENT, rule, run, service, snap, withSlices, type Raw } from './fixtures/build.js';

const app = (): Raw[] => {
  const d = deployment('shop', 'web', { app: 'web' });
  return [node('node-a'), ...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(d, 'Pod'))];
};
const nginx = (o: Parameters<typeof nginxInstall>[0] = {}): Raw[] => [...app(), ...nginxInstall(o)];
const ing = (spec: Record<string, unknown>, o: Parameters<typeof ingress>[3] = { address: '203.0.113.10' }, name = 'shop'): Raw => ingress('shop', name, { rules: [rule('shop.example.com', [['/', 'web', 80]])], ...spec }, o);

describe('Ingress class resolution (H4)', () => {
  it('ing.class-not-found: a spec.ingressClassName that names no IngressClass', () => {
    const r = run(snap([...nginx(), ing({ ingressClassName: 'nginx-internal' })]));
    const [f] = ids(r, 'ing.class-not-found');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Ingress', namespace: 'shop', name: 'shop' });
    assert.deepEqual(f?.fields, ['spec.ingressClassName']);
    assert.match(f?.message ?? '', /'nginx-internal', which does not exist \(classes: nginx\)/);
    assert.match(f?.hint ?? '', /^set spec\.ingressClassName to an existing class whose controller runs \(nginx\)/);
    // a class without a running controller is not offered as the fix: it would only move the break
    const withTraefik = run(snap([...nginx(), ingressClass('traefik', 'traefik.io/ingress-controller'), ing({ ingressClassName: 'nginx-internal' })]));
    assert.match(ids(withTraefik, 'ing.class-not-found')[0]?.hint ?? '', /runs \(nginx; not traefik: no controller runs for it\)/);
  });
  it('differs from k8sgpt: a forbidden or absent IngressClass is unknown (check skipped and listed), never "does not exist"', () => {
    for (const state of ['absent', 'forbidden'] as const) {
      const r = run(snap([...nginx({ withClass: false }), ing({ ingressClassName: 'nginx-internal' })], { IngressClass: { state } }));
      assert.equal(ids(r, 'ing.class-not-found').length, 0);
      assert.ok(r.skipped.some((x) => x.id === 'ing.class-not-found'), state);
    }
  });
  it('differs from k8sgpt: a legacy annotation value is not looked up as an IngressClass name', () => {
    const r = run(snap([...nginx(), ing({}, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': 'nginx' } })]));
    assert.equal(ids(r, 'ing.class-not-found').length + ids(r, 'ing.class-annotation-unclaimed').length, 0);
  });
  it("agrees with k8sgpt: GKE's gce class needs no IngressClass object, a made-up class does", () => {
    const r = run(snap([...nginx(), ing({ ingressClassName: 'gce' }, {}, 'gke'), ing({ ingressClassName: 'made-up' }, {}, 'other')]));
    assert.deepEqual(ids(r, 'ing.class-not-found').map((f) => f.object.name), ['other']);
  });
  it('ing.class-annotation-unclaimed: warning when no running controller claims the value; info when controllers are hidden', () => {
    const traefik = ing({}, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': 'traefik' } });
    assert.equal(ids(run(snap([...nginx(), traefik])), 'ing.class-annotation-unclaimed')[0]?.severity, 'warning');
    assert.equal(ids(run(snap([...nginx(), traefik], { Pod: { state: 'forbidden' } })), 'ing.class-annotation-unclaimed')[0]?.severity, 'info');
  });
  it('an --ingress-class flag claims its value', () => {
    const r = run(snap([...nginx({ className: 'public' }), ing({}, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': 'public' } })]));
    assert.equal(ids(r, 'ing.class-annotation-unclaimed').length, 0);
  });
  it('ing.class-field-annotation-conflict', () => {
    const [f] = ids(run(snap([...nginx(), ing({ ingressClassName: 'nginx' }, { address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': 'traefik' } })])), 'ing.class-field-annotation-conflict');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.fields, ['metadata.annotations["kubernetes.io/ingress.class"]']);
  });
  it('differs from k8sgpt: an unclassed Ingress under a default class is ing.unclassed-despite-default (the default applies only at creation)', () => {
    const objs = [...app(), ...nginxInstall({ withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx', { default: true })];
    const [f] = ids(run(snap([...objs, ing({})])), 'ing.unclassed-despite-default');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.related, [{ kind: 'IngressClass', name: 'nginx' }]);
    assert.equal(ids(run(snap([...objs, ing({})])), 'ing.class-none').length, 0);
  });
  it('ing.class-none: unclassed, no default, no controller adopting unclassed Ingresses', () => {
    const [f] = ids(run(snap([...nginx(), ing({})])), 'ing.class-none');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.fields, ['spec.ingressClassName']);
  });
  it('ing.class-none does not fire with --watch-ingress-without-class or on GKE', () => {
    assert.equal(ids(run(snap([...nginx({ args: ['--watch-ingress-without-class=true'] }), ing({})])), 'ing.class-none').length, 0);
    assert.equal(ids(run(snap([...nginx(), node('gke-pool-1', { providerID: 'gce://proj/europe-west1-b/gke-pool-1' }), ing({})])), 'ing.class-none').length, 0);
  });
});

describe('ing.not-admitted', () => {
  it('warning for a resolved class without published address past the grace period', () => {
    const [f] = ids(run(snap([...nginx(), ing({ ingressClassName: 'nginx' }, {})])), 'ing.not-admitted');
    assert.equal(f?.severity, 'warning');
    assert.deepEqual(f?.related, [{ kind: 'IngressClass', name: 'nginx' }, { kind: 'Service', namespace: 'ingress-nginx', name: 'ingress-nginx-controller' }]);
  });
  it('error when the class controller is absent, as a consequence of ingclass.no-controller', () => {
    const r = run(snap([...app(), ingressClass('nginx', 'k8s.io/ingress-nginx'), ing({ ingressClassName: 'nginx' }, {})]));
    const f = ids(r, 'ing.not-admitted')[0];
    assert.equal(f?.severity, 'error');
    assert.equal(f?.causedBy, ids(r, 'ingclass.no-controller')[0]?.key);
    assert.match(f?.hint ?? '', /^no controller for k8s\.io\/ingress-nginx runs: install or scale it up/);
  });
  it('not within the grace period, not for manifests, not for an unresolved class (Appendix D.5)', () => {
    assert.equal(ids(run(snap([...nginx(), ing({ ingressClassName: 'nginx' }, { created: RECENT })])), 'ing.not-admitted').length, 0);
    const manifest = ing({ ingressClassName: 'nginx' }, {});
    delete (manifest.metadata as Record<string, unknown>).creationTimestamp;
    delete manifest.status;
    assert.equal(ids(run(snap([...nginx(), manifest])), 'ing.not-admitted').length, 0);
    assert.equal(ids(run(snap([...nginx(), ing({}, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } })])), 'ing.not-admitted').length, 0);
  });
  it('ing.lb-port-error from status.loadBalancer.ingress[].ports[].error', () => {
    const bad = ing({ ingressClassName: 'nginx' });
    bad.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10', ports: [{ port: 443, protocol: 'TCP', error: 'CertificateNotFound' }] }] } };
    const [f] = ids(run(snap([...nginx(), bad])), 'ing.lb-port-error');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /port 443 .* CertificateNotFound/);
  });
});

describe('Ingress backends', () => {
  it('ing.backend-service-missing names the path and the field', () => {
    const r = run(snap([...nginx(), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80], ['/api', 'api', 80]])] })]));
    const [f] = ids(r, 'ing.backend-service-missing');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.rules[0].http.paths[1].backend.service.name']);
    assert.match(f?.message ?? '', /routes shop\.example\.com\/api to Service 'api', which does not exist in namespace shop/);
  });
  it('differs from k8sgpt: the defaultBackend is checked too', () => {
    const [f] = ids(run(snap([...nginx(), ing({ ingressClassName: 'nginx', defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } })])), 'ing.backend-service-missing');
    assert.deepEqual(f?.fields, ['spec.defaultBackend.service.name']);
  });
  it('forbidden Services: skipped, never "missing"', () => {
    const r = run(snap([...nginx(), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'api', 80]])] })], { Service: { state: 'forbidden' } }));
    assert.equal(ids(r, 'ing.backend-service-missing').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'ing.backend-service-missing'));
  });
  it('resource backends are not missing Services (ing.resource-backend is info)', () => {
    const res = { host: 'shop.example.com', http: { paths: [{ path: '/static', pathType: 'Prefix', backend: { resource: { apiGroup: 'storage.example.com', kind: 'Bucket', name: 'assets' } } }] } };
    const r = run(snap([...nginx(), ing({ ingressClassName: 'nginx', rules: [res] })]));
    assert.equal(ids(r, 'ing.backend-service-missing').length, 0);
    const [f] = ids(r, 'ing.resource-backend');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.rules[0].http.paths[0].backend.resource']);
  });
  it('ing.backend-port-missing: error for a controller without ingress-nginx leniency, warning for ingress-nginx', () => {
    const bad = (cls: string): Raw => ing({ ingressClassName: cls, rules: [rule('shop.example.com', [['/', 'web', 8080]])] });
    const traefik = run(snap([...app(), ingressClass('traefik', 'traefik.io/ingress-controller'), bad('traefik')]));
    const [f] = ids(traefik, 'ing.backend-port-missing');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.fields, ['spec.rules[0].http.paths[0].backend.service.port']);
    assert.deepEqual(f?.related, [{ kind: 'Service', namespace: 'shop', name: 'web' }]);
    assert.match(f?.message ?? '', /port 8080, but 'web' only exposes 80 \(http\)/);
    assert.equal(ids(run(snap([...nginx(), bad('nginx')])), 'ing.backend-port-missing')[0]?.severity, 'warning');
  });
  it('differs from popeye: empty port names are not a match (wrong number against an unnamed Service port)', () => {
    const unnamed = service('shop', 'plain', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    const r = run(snap([...nginx(), unnamed, ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'plain', 8080]])] })]));
    assert.equal(ids(r, 'ing.backend-port-missing').length, 1);
  });
  it('port by name, and ExternalName backends (port used verbatim) are fine', () => {
    const ext = service('shop', 'ext', { type: 'ExternalName', externalName: 'api.example.com' });
    const r = run(snap([...nginx(), ext, ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 'http'], ['/ext', 'ext', 443]])] })]));
    assert.equal(ids(r, 'ing.backend-port-missing').length, 0);
  });
  it('ing.backend-no-endpoints relates the Service; the Service-level eps.no-ready is its root', () => {
    const d = deployment('shop', 'cart', { app: 'cart' }, { pods: [{ waiting: 'CrashLoopBackOff' }] });
    const cart = service('shop', 'cart', { selector: { app: 'cart' }, ports: [{ port: 80, targetPort: 'http' }] });
    const r = run(snap([...nginx(), ...d, ...withSlices(cart, ofKind(d, 'Pod')), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/cart', 'cart', 80]])] })]));
    const [f] = ids(r, 'ing.backend-no-endpoints');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.related, [{ kind: 'Service', namespace: 'shop', name: 'cart' }]);
    assert.equal(f?.causedBy, on(r, 'eps.no-ready', 'cart')[0]?.key);
    // nothing on the Ingress is wrong: no Ingress field to fix, the hint sends the reader to the Service
    assert.equal(f?.fields, undefined);
    assert.match(f?.hint ?? '', /fix Service shop\/cart's backends/);
  });
});

describe('Ingress paths and rules', () => {
  it('ing.duplicate-path: same host, path and pathType to two backends; Exact and Prefix differ; Prefix ignores a trailing /', () => {
    const paths = (ps: [string, string, number, ('Prefix' | 'Exact')?][]): Raw => ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', ps)] });
    const other = service('shop', 'web2', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    assert.equal(ids(run(snap([...nginx(), other, paths([['/api', 'web', 80], ['/api/', 'web2', 80]])])), 'ing.duplicate-path')[0]?.severity, 'warning');
    assert.equal(ids(run(snap([...nginx(), other, paths([['/api', 'web', 80, 'Exact'], ['/api', 'web2', 80, 'Prefix']])])), 'ing.duplicate-path').length, 0);
    assert.equal(ids(run(snap([...nginx(), other, paths([['/api', 'web', 80, 'Exact'], ['/api/', 'web2', 80, 'Exact']])])), 'ing.duplicate-path').length, 0);
  });
  it('ing.rule-without-http', () => {
    const [f] = ids(run(snap([...nginx(), ing({ ingressClassName: 'nginx', rules: [{ host: 'bare.example.com' }, rule('shop.example.com', [['/', 'web', 80]])] })])), 'ing.rule-without-http');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.fields, ['spec.rules[0]']);
  });
  it('ing.legacy-api for extensions/v1beta1 manifests (serviceName/servicePort)', () => {
    const legacy = ingress('shop', 'old', { rules: [{ host: 'old.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] }, { apiVersion: 'extensions/v1beta1', annotations: { 'kubernetes.io/ingress.class': 'nginx' }, address: '203.0.113.10' });
    const r = run(snap([...nginx(), legacy]));
    assert.equal(ids(r, 'ing.legacy-api')[0]?.severity, 'info');
    assert.equal(ids(r, 'ing.backend-service-missing').length + ids(r, 'ing.backend-port-missing').length, 0, 'serviceName/servicePort resolve');
  });
  it('a healthy Ingress raises no error or warning', () => {
    const r = run(snap([...nginx(), ing({ ingressClassName: 'nginx' })]));
    assert.deepEqual(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.object.name}`), []);
  });
  it('pods of a namespace without Pod visibility never make an Ingress backend "missing"', () => {
    const r = run(snap([...nginx(), pod('shop', 'x', { app: 'x' }), ing({ ingressClassName: 'nginx' })], { Pod: { state: 'partial', namespaces: ['ingress-nginx'] } }));
    assert.equal(ids(r, 'ing.backend-service-missing').length, 0);
  });
});
