// Pitfall cases (diagnostics.md §4–§6, Appendix A) for Ingress, IngressClass/controller and TLS
// checks that had no must-not-fire test: every test pairs the case where the catalog says the
// check must stay silent with a firing variant on the same fixture, so a silent check cannot
// pass by accident.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, on, pod, rule, run, service, snap, tlsSecret, withSlices, makeCert, certTime, type PodOpts, type Raw } from './fixtures/build.js';

const DAY = 86_400_000;
/** Backend Service shop/web with its Deployment pods and controller-written slices. */
function app(svcSpec: Parameters<typeof service>[2] = { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, annotations?: Record<string, string>): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' });
  return [node('node-a'), ...d, ...withSlices(service('shop', 'web', svcSpec, annotations ? { annotations } : {}), ofKind(d, 'Pod'))];
}
const ing = (spec: Raw, o: Parameters<typeof ingress>[3] = { address: '203.0.113.10' }, name = 'web'): Raw => ingress('shop', name, { rules: [rule('shop.example.com', [['/', 'web', 80]])], ...spec }, o);
const legacy = (value: string): Parameters<typeof ingress>[3] => ({ address: '203.0.113.10', annotations: { 'kubernetes.io/ingress.class': value } });

/** A controller pod owned by a ReplicaSet, as its chart installs it. */
const ctlPod = (ns: string, name: string, labels: Record<string, string>, o: PodOpts): Raw => pod(ns, `${name}-6c8d5f9b7-x2k4q`, labels, { ports: [{ name: 'web', containerPort: 8000 }], owner: { kind: 'ReplicaSet', name: `${name}-6c8d5f9b7` }, ...o });
const traefikPod = (args: string[]): Raw => ctlPod('traefik', 'traefik', { 'app.kubernetes.io/name': 'traefik', 'app.kubernetes.io/instance': 'traefik-traefik' }, { image: 'docker.io/traefik:v3.1.4', args: ['--entryPoints.web.address=:8000/tcp', '--providers.kubernetesingress', ...args] });

describe('ing.class-none (pitfall: GKE serves unclassed and ingressClassName: "" Ingresses)', () => {
  it('an empty ingressClassName is unclassed: silent on GKE, fires elsewhere', () => {
    const empty = ing({ ingressClassName: '' }, {});
    const objs = [...app(), ...nginxInstall(), empty];
    assert.equal(ids(run(snap([...objs, node('gke-pool-1-a1b2', { providerID: 'gce://shop-prod/europe-west1-b/gke-pool-1-a1b2' })])), 'ing.class-none').length, 0);
    assert.equal(on(run(snap(objs)), 'ing.class-none', 'web').length, 1);
  });
});

describe('ing.class-not-found (pitfalls: annotation values are no IngressClass names; a class of another controller exists)', () => {
  it('a legacy annotation alb without an IngressClass alb is not "not found"; the same value as the class field is', () => {
    const objs = [...app(), ...nginxInstall()];
    const r = run(snap([...objs, ing({}, legacy('alb'), 'by-annotation'), ing({ ingressClassName: 'alb' }, { address: '203.0.113.10' }, 'by-field')]));
    assert.deepEqual(ids(r, 'ing.class-not-found').map((f) => f.object.name), ['by-field']);
  });
  it('an IngressClass pointing at a controller that ignores it exists: ingclass.no-controller, not ing.class-not-found', () => {
    const objs = [...app(), ...nginxInstall({ controllerClass: 'k8s.io/internal-nginx', withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx')];
    const r = run(snap([...objs, ing({ ingressClassName: 'nginx' })]));
    assert.equal(ids(r, 'ing.class-not-found').length, 0);
    assert.equal(ids(r, 'ingclass.no-controller').length, 1);
    assert.equal(ids(run(snap([...objs, ing({ ingressClassName: 'nginx-internal' })])), 'ing.class-not-found').length, 1);
  });
});

describe('ing.class-annotation-unclaimed (claims by flag, built-in defaults, hosted controllers)', () => {
  it('F5 NGINX -ingress-class=v (single dash) and Traefik --providers.kubernetesingress.ingressclass=v claim v; other values stay unclaimed', () => {
    const f5 = ctlPod('nginx-ingress', 'nginx-ingress', { 'app.kubernetes.io/name': 'nginx-ingress' }, { image: 'nginx/nginx-ingress:3.7.0', args: ['-nginx-configmaps=$(POD_NAMESPACE)/nginx-ingress', '-ingress-class=nginx-plus'] });
    const objs = [...app(), ingressClass('nginx-plus', 'nginx.org/ingress-controller'), f5, traefikPod(['--providers.kubernetesingress.ingressclass=public'])];
    const r = run(snap([...objs, ing({}, legacy('nginx-plus'), 'f5'), ing({}, legacy('public'), 'traefik'), ing({}, legacy('haproxy'), 'nobody')]));
    assert.deepEqual(ids(r, 'ing.class-annotation-unclaimed').map((f) => [f.object.name, f.severity]), [['nobody', 'warning']]);
  });
  it("GKE's hosted gce / gce-internal are claimed without visible pods; a typo is not", () => {
    const r = run(snap([...app(), ...nginxInstall(), ing({}, legacy('gce'), 'public'), ing({}, legacy('gce-internal'), 'internal'), ing({}, legacy('gke'), 'typo')]));
    assert.deepEqual(ids(r, 'ing.class-annotation-unclaimed').map((f) => f.object.name), ['typo']);
  });
});

describe('ing.not-admitted (pitfall: status publication is optional)', () => {
  it('ingress-nginx with --update-status=false never writes status: silent; the same install without the flag fires', () => {
    const r = (args: string[]): ReturnType<typeof run> => run(snap([...app(), ...nginxInstall({ args }), ing({ ingressClassName: 'nginx' }, {})]));
    assert.equal(ids(r(['--update-status=false']), 'ing.not-admitted').length, 0);
    assert.equal(ids(r([]), 'ing.not-admitted')[0]?.severity, 'warning');
    assert.equal(ids(r(['--update-status=true']), 'ing.not-admitted').length, 1);
  });
  it('Traefik writes status only with an ingressEndpoint configured', () => {
    const r = (args: string[]): ReturnType<typeof run> => run(snap([...app(), ingressClass('traefik', 'traefik.io/ingress-controller'), traefikPod(args), ing({ ingressClassName: 'traefik' }, {})]));
    assert.equal(ids(r([]), 'ing.not-admitted').length, 0);
    assert.equal(ids(r(['--providers.kubernetesingress.ingressendpoint.publishedservice=traefik/traefik']), 'ing.not-admitted').length, 1);
  });
});

describe('ing.backend-port-missing (pitfall: ingress-nginx also accepts a Service targetPort name)', () => {
  it('a backend port named like the targetPort: a warning for ingress-nginx, an error for Traefik', () => {
    const svc = { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] };
    const byTarget = (cls: string): Raw => ing({ ingressClassName: cls, rules: [rule('shop.example.com', [['/', 'web', 'http']])] });
    assert.deepEqual(ids(run(snap([...app(svc), ...nginxInstall(), byTarget('nginx')])), 'ing.backend-port-missing').map((f) => f.severity), ['warning']);
    const traefik = [...app(svc), ingressClass('traefik', 'traefik.io/ingress-controller'), traefikPod([]), byTarget('traefik')];
    assert.deepEqual(ids(run(snap(traefik)), 'ing.backend-port-missing').map((f) => f.severity), ['error']);
  });
});

describe('ing.backend-service-type-unsupported on GKE (pitfall: trust cloud.google.com/neg-status)', () => {
  const gke = node('gke-pool-1-a1b2', { providerID: 'gce://shop-prod/europe-west1-b/gke-pool-1-a1b2' });
  const r = (annotations: Record<string, string> | undefined, spec: Raw = {}, o = legacy('gce')): ReturnType<typeof run> => run(snap([gke, ...app(undefined, annotations), ing(spec, { ...o, address: '34.120.7.8' })]));
  it('a ClusterIP backend with NEGs (requested or already synced) is fine; without them it needs NodePort', () => {
    assert.equal(ids(r({ 'cloud.google.com/neg': '{"ingress":true}' }), 'ing.backend-service-type-unsupported').length, 0);
    const negStatus = '{"network_endpoint_groups":{"80":"k8s1-5c2a3f0b-shop-web-80-9d1e2f3a"},"zones":["europe-west1-b"]}';
    assert.equal(ids(r({ 'cloud.google.com/neg-status': negStatus }), 'ing.backend-service-type-unsupported').length, 0);
    assert.equal(ids(r(undefined), 'ing.backend-service-type-unsupported').length, 1);
  });
  it('the class name gce counts like the annotation', () => {
    assert.equal(ids(r(undefined, { ingressClassName: 'gce' }, { address: '34.120.7.8' }), 'ing.backend-service-type-unsupported').length, 1);
    assert.equal(ids(r({ 'cloud.google.com/neg-status': '{"network_endpoint_groups":{"80":"k8s1-x"},"zones":["europe-west1-b"]}' }, { ingressClassName: 'gce' }, { address: '34.120.7.8' }), 'ing.backend-service-type-unsupported').length, 0);
  });
});

describe('ing.path-invalid (literal paths with dots, dashes and a trailing / are valid)', () => {
  it('silent for literal Prefix/Exact paths and a regex with use-regex; fires for a regex under Prefix and (info) without use-regex', () => {
    const paths = (ps: [string, 'Prefix' | 'Exact' | 'ImplementationSpecific'][], ann: Record<string, string> = {}): ReturnType<typeof run> =>
      run(snap([...app(), ...nginxInstall(), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', ps.map(([p, t]) => [p, 'web', 80, t]))] }, { address: '203.0.113.10', annotations: ann })]));
    const literal: [string, 'Prefix' | 'Exact'][] = [['/api/v1/', 'Prefix'], ['/.well-known/acme-challenge', 'Prefix'], ['/static/app-1.2_min.js', 'Exact']];
    assert.equal(ids(paths(literal), 'ing.path-invalid').length, 0);
    assert.equal(ids(paths([['/api/(.*)', 'ImplementationSpecific']], { 'nginx.ingress.kubernetes.io/use-regex': 'true' }), 'ing.path-invalid').length, 0);
    assert.deepEqual(ids(paths([['/api/(.*)', 'ImplementationSpecific']]), 'ing.path-invalid').map((f) => f.severity), ['info']);
    assert.deepEqual(ids(paths([...literal, ['/api/(.*)', 'Prefix']]), 'ing.path-invalid').map((f) => [f.fields?.[0], f.severity]), [['spec.rules[0].http.paths[3].path', 'error']]);
  });
});

describe('ing.duplicate-path (Prefix is element-wise; the same backend twice is no conflict)', () => {
  it('/foo and /foobar differ, a repeated entry to the same backend is harmless; /foo and /foo/ to two Services collide', () => {
    const other = service('shop', 'web-v2', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const paths = (ps: [string, string][]): ReturnType<typeof run> => run(snap([...app(), other, ...nginxInstall(), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', ps.map(([p, s]) => [p, s, 80]))] })]));
    assert.equal(ids(paths([['/foo', 'web'], ['/foobar', 'web-v2'], ['/bar', 'web'], ['/bar/', 'web']]), 'ing.duplicate-path').length, 0);
    assert.equal(ids(paths([['/foo', 'web'], ['/foo/', 'web-v2']]), 'ing.duplicate-path').length, 1);
  });
});

describe('ing.nginx-lint (only when the class controller is ingress-nginx)', () => {
  it('removed ingress-nginx annotations on a Traefik Ingress are foreign, not nginx lints', () => {
    const ann = { 'nginx.ingress.kubernetes.io/secure-backends': 'true' };
    const traefik = run(snap([...app(), ingressClass('traefik', 'traefik.io/ingress-controller'), traefikPod([]), ing({ ingressClassName: 'traefik' }, { address: '203.0.113.8', annotations: ann })]));
    assert.equal(ids(traefik, 'ing.nginx-lint').length, 0);
    assert.equal(ids(traefik, 'ing.foreign-annotations').length, 1);
    assert.equal(ids(run(snap([...app(), ...nginxInstall(), ing({ ingressClassName: 'nginx' }, { address: '203.0.113.10', annotations: ann })])), 'ing.nginx-lint').length, 1);
  });
  it('rewrite-target with a capture reference, or "/", is fine; a fixed other target is an info', () => {
    const r = (target: string): ReturnType<typeof run> => run(snap([...app(), ...nginxInstall(), ing({ ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/api(/|$)(.*)', 'web', 80, 'ImplementationSpecific']])] }, { address: '203.0.113.10', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': target } })]));
    assert.equal(ids(r('/$2'), 'ing.nginx-lint').length, 0);
    assert.equal(ids(r('/'), 'ing.nginx-lint').length, 0);
    assert.deepEqual(ids(r('/v2'), 'ing.nginx-lint').map((f) => f.severity), ['info']);
  });
});

describe('ingclass.no-controller: the Appendix A pod signatures make a controller present', () => {
  const cases: [controller: string, pod: Raw][] = [
    ['nginx.org/ingress-controller', ctlPod('nginx-ingress', 'nginx-ingress', { app: 'nginx-ingress' }, { image: 'nginx/nginx-ingress:3.7.0', args: ['-nginx-configmaps=$(POD_NAMESPACE)/nginx-config'] })],
    ['nginx.org/ingress-controller', ctlPod('nginx-ingress', 'nginx-plus-ingress', { app: 'nginx-ingress' }, { image: 'private-registry.nginx.com/nginx-ic/nginx-plus-ingress:3.7.0', args: ['-nginx-plus', '-nginx-configmaps=$(POD_NAMESPACE)/nginx-config'] })],
    ['traefik.io/ingress-controller', traefikPod([])],
    ['haproxy.org/ingress-controller', ctlPod('haproxy-controller', 'haproxy-kubernetes-ingress', { 'app.kubernetes.io/name': 'kubernetes-ingress' }, { image: 'haproxytech/kubernetes-ingress:3.0.1' })],
    ['projectcontour.io/ingress-controller', ctlPod('projectcontour', 'contour', { app: 'contour' }, { image: 'ghcr.io/projectcontour/contour:v1.30.0', args: ['serve', '--incluster'] })],
    ['projectcontour.io/contour', ctlPod('projectcontour', 'contour', { app: 'contour' }, { image: 'ghcr.io/projectcontour/contour:v1.30.0', args: ['serve', '--incluster'] })],
    ['ingress-controllers.konghq.com/kong', ctlPod('kong', 'kong-controller', { app: 'kong-controller' }, { image: 'kong/kubernetes-ingress-controller:3.3.1' })],
    ['ingress.k8s.aws/alb', ctlPod('kube-system', 'aws-load-balancer-controller', { 'app.kubernetes.io/name': 'aws-load-balancer-controller' }, { image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.9.0', args: ['--cluster-name=shop-prod', '--ingress-class=alb'] })],
    ['istio.io/ingress-controller', ctlPod('istio-system', 'istiod', { app: 'istiod', istio: 'pilot' }, { image: 'docker.io/istio/pilot:1.23.2' })],
    ['cilium.io/ingress-controller', ctlPod('kube-system', 'cilium-operator', { 'io.cilium/app': 'operator' }, { image: 'quay.io/cilium/operator-generic:v1.16.3' })],
    ['apisix.apache.org/apisix-ingress-controller', ctlPod('ingress-apisix', 'apisix-ingress-controller', { 'app.kubernetes.io/name': 'ingress-controller' }, { image: 'apache/apisix-ingress-controller:1.8.0' })],
    // the AKS add-on and the Helm chart run the same image
    ['azure/application-gateway', ctlPod('kube-system', 'ingress-appgw-deployment', { app: 'ingress-appgw' }, { image: 'mcr.microsoft.com/azure-application-gateway/kubernetes-ingress:1.7.4' })],
    ['openshift.io/ingress-to-route', pod('openshift-ingress', 'router-default-5d8b6c9f7-q9w2e', { 'ingresscontroller.operator.openshift.io/deployment-ingresscontroller': 'default' }, { image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:1f2e', owner: { kind: 'ReplicaSet', name: 'router-default-5d8b6c9f7' } })],
  ];
  for (const [controller, p] of cases)
    it(`${controller}: silent with ${String((p.metadata as Raw).name)} running, fires without it`, () => {
      const objs = [...app(), ingressClass('edge', controller), ing({ ingressClassName: 'edge' })];
      assert.equal(ids(run(snap([...objs, p])), 'ingclass.no-controller').length, 0);
      assert.equal(on(run(snap(objs)), 'ingclass.no-controller', 'edge').length, 1);
    });
});

describe('ingclass.multiple-defaults / default-annotation-malformed (exact "true" / "false")', () => {
  it('"True" is no default, so one real default is no conflict; two exact "true" are', () => {
    const r = (second: string): ReturnType<typeof run> => run(snap([ingressClass('nginx', 'k8s.io/ingress-nginx', { default: true }), ingressClass('traefik', 'traefik.io/ingress-controller', { default: second, created: '2026-11-20T00:00:00Z' })], { Pod: { state: 'forbidden' } }));
    assert.equal(ids(r('True'), 'ingclass.multiple-defaults').length, 0);
    assert.equal(ids(r('True'), 'ingclass.default-annotation-malformed').length, 1);
    assert.equal(ids(r('true'), 'ingclass.multiple-defaults').length, 1);
    assert.equal(ids(r('false'), 'ingclass.default-annotation-malformed').length + ids(r('false'), 'ingclass.multiple-defaults').length, 0);
  });
});

describe('controller.not-ready (none is Ready, not some)', () => {
  it('one crashing replica next to a Ready one is no outage; both crashing is', () => {
    const objs = nginxInstall({ replicas: 2 });
    const [, second] = ofKind(objs, 'Pod');
    // the second replica as the kubelet reports a crashing container
    const crashing = { ...second, status: pod('ingress-nginx', 'x', {}, { waiting: 'CrashLoopBackOff' }).status };
    const r = run(snap([...app(), ...objs.map((o) => (o === second ? crashing : o)), ing({ ingressClassName: 'nginx' })]));
    assert.equal(ids(r, 'controller.not-ready').length, 0);
    const all = nginxInstall({ replicas: 2, waiting: 'CrashLoopBackOff' });
    assert.equal(ids(run(snap([...app(), ...all, ing({ ingressClassName: 'nginx' })])), 'controller.not-ready').length, 1);
  });
});

describe('tls.secret-missing (pitfall: a Secret of the same name in another namespace does not count)', () => {
  it('fires when the Secret lives only in the controller namespace; silent once it is in the Ingress namespace', () => {
    const p = makeCert('shop.example.com', ['DNS:shop.example.com']);
    const tlsIng = ing({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] });
    const objs = [...app(), ...nginxInstall(), tlsIng];
    const now = certTime(p.crt, 'validFrom', DAY);
    assert.equal(ids(run(snap([...objs, tlsSecret('ingress-nginx', 'shop-tls', p.crt, p.key)]), now), 'tls.secret-missing').length, 1);
    assert.equal(ids(run(snap([...objs, tlsSecret('shop', 'shop-tls', p.crt, p.key)]), now), 'tls.secret-missing').length, 0);
  });
});

describe('tls.host-secret-conflict (only within one class)', () => {
  it('one host with two Secrets on Ingresses of two classes is no conflict; within one class it is', () => {
    const t = (name: string, cls: string, secret: string): Raw => ingress('shop', name, { ingressClassName: cls, tls: [{ hosts: ['shop.example.com'], secretName: secret }], rules: [rule('shop.example.com', [[`/${name}`, 'web', 80]])] }, { address: '203.0.113.10' });
    const objs = [...app(), ...nginxInstall(), ingressClass('traefik', 'traefik.io/ingress-controller'), traefikPod([])];
    assert.equal(ids(run(snap([...objs, t('a', 'nginx', 's1'), t('b', 'traefik', 's2')])), 'tls.host-secret-conflict').length, 0);
    assert.equal(ids(run(snap([...objs, t('a', 'nginx', 's1'), t('b', 'nginx', 's2')])), 'tls.host-secret-conflict').length, 1);
  });
});

describe('tls.certmanager-not-ready (pitfall: gives expiry data without Secret read access)', () => {
  it('Secrets forbidden: a Ready Certificate far from notAfter is silent; one expiring in 3 days fires', () => {
    const cert = (notAfter: string): Raw => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop', namespace: 'shop', creationTimestamp: '2026-09-01T00:00:00Z', ownerReferences: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web', controller: true }] }, spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt' } }, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', observedGeneration: 1 }], notBefore: '2026-09-01T00:00:00Z', notAfter, renewalTime: '2026-10-31T00:00:00Z', revision: 1 } });
    const objs = [...app(), ...nginxInstall(), ing({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }, { address: '203.0.113.10', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } })];
    const forbidden = { Secret: { state: 'forbidden' as const, message: 'secrets "shop-tls" is forbidden' } };
    assert.equal(ids(run(snap([...objs, cert('2027-01-30T00:00:00Z')], forbidden)), 'tls.certmanager-not-ready').length, 0);
    const [f] = ids(run(snap([...objs, cert('2026-11-28T00:00:00Z')], forbidden)), 'tls.certmanager-not-ready');
    assert.match(f?.message ?? '', /expires on 2026-11-28/);
  });
});
