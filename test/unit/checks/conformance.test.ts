// Cases from a review of the engine against the catalog (diagnostics.md): each check fires on the
// realistic case and stays quiet on its pitfall. Objects are shaped as a live cluster returns them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../../src/checks/engine.js';
import { buildGraph } from '../../../src/model/graph.js';
import { certTime, deployment, ids, ingress, makeCert, nginxInstall, node, NOW, ofKind, OLD, pod, RECENT, rule, run, service, snap, tlsSecret, withSlices, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, namespace } from './fixtures2/objects.js';

const DAYS = (n: number): string => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

describe('gw.listener-cert-invalid', () => {
  // certificates are minted now (openssl): judge them an hour into their validity, not at the fixtures' NOW
  const check = (listenerHost: string, sans: string[] | undefined, vis: Parameters<typeof snap>[1] = {}): ReturnType<typeof run> => {
    const pem = sans ? makeCert(sans[0] ?? 'x', sans.map((s) => `DNS:${s}`)) : undefined;
    const objs: Raw[] = [
      node('node-a'),
      namespace('infra'),
      gatewayClass('eg', 'gateway.envoyproxy.io/gatewayclass-controller'),
      gateway('infra', 'public', [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: listenerHost, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'public-tls' }] } }]),
      ...(pem ? [tlsSecret('infra', 'public-tls', pem.crt, pem.key)] : []),
    ];
    return pem ? run(snap(objs, vis), certTime(pem.crt, 'validFrom', 3_600_000)) : run(snap(objs, vis));
  };
  it('a wildcard SAN covers one label: *.example.com does not cover the listener *.a.example.com', () => {
    const [f, ...rest] = ids(check('*.a.example.com', ['*.example.com']), 'gw.listener-cert-invalid');
    assert.match(f?.message ?? '', /covers \[\*\.example\.com\] but listener 'https' serves \*\.a\.example\.com/);
    assert.equal(rest.length, 0);
  });
  it('the same wildcard SAN covers the wildcard listener; a plain host under it is covered too', () => {
    assert.equal(ids(check('*.a.example.com', ['*.a.example.com']), 'gw.listener-cert-invalid').length, 0);
    assert.equal(ids(check('shop.example.com', ['*.example.com']), 'gw.listener-cert-invalid').length, 0);
  });
  it('a missing Secret is an error on the Gateway; a forbidden one is not', () => {
    assert.match(ids(check('shop.example.com', undefined), 'gw.listener-cert-invalid')[0]?.message ?? '', /does not exist/);
    assert.equal(ids(check('shop.example.com', undefined, { Secret: { state: 'forbidden' } }), 'gw.listener-cert-invalid').length, 0);
  });
});

describe('lb.class-unclaimed', () => {
  const lb = (created = OLD): Raw => service('shop', 'edge', { type: 'LoadBalancer', loadBalancerClass: 'io.cilium/l2-announcer', selector: { app: 'edge' }, ports: [{ port: 443, nodePort: 31443 }] }, { created });
  const cilium = pod('kube-system', 'cilium-7xk2p', { 'k8s-app': 'cilium' }, { image: 'quay.io/cilium/cilium:v1.16.3', owner: { kind: 'DaemonSet', name: 'cilium' } });
  it('a Cilium class is claimed when Cilium runs', () => {
    assert.equal(ids(run(snap([node('node-a'), lb(), cilium])), 'lb.class-unclaimed').length, 0);
  });
  it('fires when nothing implementing the class runs, after the grace period only', () => {
    assert.equal(ids(run(snap([node('node-a'), lb()])), 'lb.class-unclaimed').length, 1);
    assert.equal(ids(run(snap([node('node-a'), lb(RECENT)])), 'lb.class-unclaimed').length, 0);
  });
});

describe('tls.secret-missing with cert-manager', () => {
  const ing = ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }], rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, address: '203.0.113.10' });
  const cert = (created: string, reason: string): Raw => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'shop', creationTimestamp: created }, spec: { secretName: 'web-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } }, status: { conditions: [cond('Ready', 'False', reason, reason === 'Failed' ? 'The certificate request has failed to complete and will be retried' : 'Issuing certificate as Secret does not exist')] } });
  it('a failed issuance is an error (the default certificate is served), naming the reason', () => {
    const [f] = ids(run(snap([node('node-a'), ...nginxInstall(), ing, cert(DAYS(25), 'Failed')])), 'tls.secret-missing');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /not Ready: Failed/);
    assert.doesNotMatch(f?.message ?? '', /being issued/);
  });
  it('a young Certificate still issuing is a warning "being issued"', () => {
    const [f] = ids(run(snap([node('node-a'), ...nginxInstall(), ing, cert(RECENT, 'DoesNotExist')])), 'tls.secret-missing');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /being issued/);
  });
});

describe('tls.rule-host-without-tls on ingress-nginx', () => {
  const web = deployment('shop', 'web', { app: 'web' }, { pods: [{}] });
  const objs = (): Raw[] => [node('node-a'), ...nginxInstall(), ...web, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }), ofKind(web, 'Pod')), ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [rule('shop.example.com', [['/', 'web', 80]]), rule('api.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.10' })];
  it('a Secret known to be missing covers no other host: the unlisted host is reported', () => {
    assert.deepEqual(ids(run(snap(objs())), 'tls.rule-host-without-tls').map((f) => f.message.split(' ')[0]), ['api.example.com']);
  });
  it('an unreadable Secret might cover it: quiet', () => {
    assert.equal(ids(run(snap(objs(), { Secret: { state: 'forbidden' } })), 'tls.rule-host-without-tls').length, 0);
  });
});

describe('Service checks with no test of their own before', () => {
  it('svc.targetport-name-unresolved names how many pods miss the port, and says so plainly', () => {
    const withPort = pod('shop', 'web-a', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
    const without = pod('shop', 'web-b', { app: 'web' }, { ports: [{ name: 'web', containerPort: 8080 }] });
    const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const [f] = ids(run(snap([node('node-a'), withPort, without, ...withSlices(svc, [withPort, without])])), 'svc.targetport-name-unresolved');
    assert.match(f?.message ?? '', /1 of 2 selected pods \(web-b\) declare no TCP container port named 'http', so those pods receive no traffic/);
    const [all] = ids(run(snap([node('node-a'), without, ...withSlices(svc, [without])])), 'svc.targetport-name-unresolved');
    assert.match(all?.message ?? '', /no selected pod declares a TCP container port named 'http', so no pod receives traffic on it/);
  });
  it('svc.targetport-not-declared names the protocols it compared', () => {
    const dns = pod('shop', 'dns-a', { app: 'dns' }, { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] });
    const [f] = ids(run(snap([node('node-a'), dns, ...withSlices(service('shop', 'dns', { selector: { app: 'dns' }, ports: [{ name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }] }), [dns])])), 'svc.targetport-not-declared');
    assert.match(f?.message ?? '', /forwards port 53\/TCP to 53\/TCP, but its pods only declare ports \[53\/UDP\]/);
  });
  it('svc.selector-spans-workloads: two bare pods are one kind of owner; a bare pod beside a Deployment is two', () => {
    const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    const bare = [pod('shop', 'p1', { app: 'web' }), pod('shop', 'p2', { app: 'web' })];
    assert.equal(ids(run(snap([node('node-a'), svc, ...bare])), 'svc.selector-spans-workloads').length, 0);
    const d = deployment('shop', 'web', { app: 'web' }, { pods: [{}] });
    assert.equal(ids(run(snap([node('node-a'), svc, ...d, bare[0] ?? {}])), 'svc.selector-spans-workloads').length, 1);
  });
  it('svc.externalname-http-caveat: an ExternalName on 443 is noted; one for a database port is not', () => {
    assert.equal(ids(run(snap([node('node-a'), service('shop', 'partner', { type: 'ExternalName', externalName: 'api.partner.example.com', ports: [{ name: 'https', port: 443 }] })])), 'svc.externalname-http-caveat').length, 1);
    assert.equal(ids(run(snap([node('node-a'), service('shop', 'db', { type: 'ExternalName', externalName: 'db.example.net', ports: [{ name: 'pg', port: 5432 }] })])), 'svc.externalname-http-caveat').length, 0);
  });
  it('svc.session-affinity-ineffective: ClientIP behind SNAT (NodePort, eTP Cluster) is noted; with eTP Local it works', () => {
    const np = (etp: 'Cluster' | 'Local'): Raw => service('shop', 'web', { type: 'NodePort', sessionAffinity: 'ClientIP', externalTrafficPolicy: etp, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
    assert.equal(ids(run(snap([node('node-a'), np('Cluster')])), 'svc.session-affinity-ineffective').length, 1);
    assert.equal(ids(run(snap([node('node-a'), np('Local')])), 'svc.session-affinity-ineffective').length, 0);
    assert.equal(ids(run(snap([node('node-a'), service('shop', 'web', { sessionAffinity: 'ClientIP', selector: { app: 'web' }, ports: [{ port: 80 }] })])), 'svc.session-affinity-ineffective').length, 0);
  });
  it('eps.stale-target: a controller-managed endpoint naming a deleted pod; a terminating pod is normal', () => {
    const live = pod('shop', 'web-a', { app: 'web' }, { ip: '10.244.1.10' });
    const gone = pod('shop', 'web-old', { app: 'web' }, { ip: '10.244.1.11' });
    const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const slices = withSlices(svc, [live, gone]).slice(1);
    const [f] = ids(run(snap([node('node-a'), svc, live, ...slices])), 'eps.stale-target');
    assert.match(f?.message ?? '', /deleted pod web-old \(10\.244\.1\.11\)/);
    const ending = pod('shop', 'web-old', { app: 'web' }, { ip: '10.244.1.11', terminating: true });
    assert.equal(ids(run(snap([node('node-a'), svc, live, ending, ...slices])), 'eps.stale-target').length, 0);
  });
  it('controller.multiple-claim: two ingress-nginx installs serving one class; two replicas of one install are fine', () => {
    assert.equal(ids(run(snap([node('node-a'), ...nginxInstall({ replicas: 2 })])), 'controller.multiple-claim').length, 0);
    const second = nginxInstall({ namespace: 'ingress-nginx-2', withClass: false });
    const [f] = ids(run(snap([node('node-a'), ...nginxInstall(), ...second])), 'controller.multiple-claim');
    assert.match(f?.message ?? '', /2 controller installs/);
  });
  it('nodeport.externalip-not-node: an externalIP no node has; a node address is fine', () => {
    const svc = (ip: string): Raw => service('shop', 'web', { selector: { app: 'web' }, externalIPs: [ip], ports: [{ port: 80 }] });
    assert.equal(ids(run(snap([node('node-a', { ip: '10.0.0.11' }), svc('198.51.100.7')])), 'nodeport.externalip-not-node').length, 1);
    assert.equal(ids(run(snap([node('node-a', { ip: '10.0.0.11' }), svc('10.0.0.11')])), 'nodeport.externalip-not-node').length, 0);
  });
});

describe('path hops name the rule, path and port they are about', () => {
  it('the second path of the first rule, and the endpoint port of a named Service port', () => {
    const web = deployment('shop', 'web', { app: 'web' }, { pods: [{}], ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] });
    const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }], type: 'NodePort' });
    const ing = ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80], ['/promo', 'promo', 80]])] }, { address: '203.0.113.10' });
    const s = snap([node('node-a'), ...nginxInstall(), ...web, ...withSlices(svc, ofKind(web, 'Pod')), ing]);
    const r = runChecks(s, buildGraph(s), { now: NOW, graceMs: 300_000 });
    const promo = r.paths.find((p) => p.entry === 'http://shop.example.com/promo');
    assert.equal(promo?.hops.find((h) => h.verdict === 'broken')?.field, 'spec.rules[0].http.paths[1].backend.service.name');
    const metrics = r.paths.find((p) => p.kind === 'nodeport' && p.service?.name === 'web' && p.hops[0]?.label.startsWith(`NodePort`) && p.hops.some((h) => h.label === 'pods' && /:9090/.test(h.detail)));
    assert.ok(metrics, r.paths.filter((p) => p.kind === 'nodeport').map((p) => p.hops.map((h) => h.detail).join(' | ')).join('\n'));
  });
});

describe('root causes stay within one host of an Ingress', () => {
  it("a.com's missing TLS Secret does not explain b.com's missing backend Service", () => {
    const web = deployment('shop', 'web', { app: 'web' }, { pods: [{}] });
    const ing = ingress('shop', 'sites', { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }], rules: [rule('a.example.com', [['/', 'web', 80]]), rule('b.example.com', [['/', 'b-web', 80]])] }, { address: '203.0.113.10' });
    const r = run(snap([node('node-a'), ...nginxInstall(), ...web, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }), ofKind(web, 'Pod')), ing]));
    const [missing] = ids(r, 'ing.backend-service-missing');
    assert.ok(ids(r, 'tls.secret-missing').length === 1 && missing);
    assert.equal(missing.causedBy, undefined, 'its own root cause');
    assert.ok(r.rootCauses.some((rc) => rc.root === missing.key));
  });
});

describe('root causes on one Service', () => {
  it('a pending LoadBalancer does not explain why its pods are not ready', () => {
    const d = deployment('payments', 'gateway', { app: 'gateway' }, { pods: [{ waiting: 'CrashLoopBackOff' }] });
    const svc = service('payments', 'gateway', { type: 'LoadBalancer', selector: { app: 'gateway' }, ports: [{ name: 'https', port: 443, targetPort: 'http', nodePort: 31844 }] });
    const r = run(snap([node('node-a'), ...d, ...withSlices(svc, ofKind(d, 'Pod'))]));
    const [noReady] = ids(r, 'eps.no-ready');
    assert.ok(ids(r, 'lb.pending').length === 1 && noReady);
    assert.equal(noReady.causedBy, undefined);
  });
});
