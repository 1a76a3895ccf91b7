// The further catalog checks: each fires on a realistic case and not on its pitfall.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, ids, ingress, ingressClass, nginxPod, node, NOW, pod, rule, service, slice, snap, type Raw } from './build.js';

const rsPod = (name: string, app: string, owner: string, created = '2026-11-01T00:00:00Z', ready = true): Raw => {
  const p = pod('shop', name, { app, 'pod-template-hash': 'abc12' }, { ready, ...(ready ? {} : { waiting: 'CrashLoopBackOff' }) });
  const meta = p.metadata as Raw;
  return { ...p, metadata: { ...meta, creationTimestamp: created, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${owner}-abc12`, controller: true }] } };
};

describe('svc.selector-spans-workloads', () => {
  it('fires when one selector matches pods of two Deployments, not two ReplicaSets of one', () => {
    const two = snap([node('node-a'), rsPod('web-abc12-1', 'web', 'web'), rsPod('api-abc12-1', 'web', 'api'), service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] })]);
    assert.equal(ids(check(two), 'svc.selector-spans-workloads').length, 1);
    const one = snap([node('node-a'), rsPod('web-abc12-1', 'web', 'web'), rsPod('web-abc12-2', 'web', 'web'), service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] })]);
    assert.equal(ids(check(one), 'svc.selector-spans-workloads').length, 0);
  });
});

describe('eps.partially-ready', () => {
  const base = (created: string): Raw[] => [
    node('node-a'),
    rsPod('web-abc12-1', 'web', 'web'),
    rsPod('web-abc12-2', 'web', 'web', created, false),
    service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
    slice('shop', 'web', [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.1', pod: 'web-abc12-1' }, { ip: '10.244.0.2', pod: 'web-abc12-2', ready: false }]),
  ];
  it('fires for a pod not ready for minutes, not for one that just started (rollout)', () => {
    assert.match(ids(check(snap(base('2026-11-01T00:00:00Z'))), 'eps.partially-ready')[0]?.message ?? '', /1 of 2 backends/);
    assert.equal(ids(check(snap(base(new Date(Date.parse(NOW) - 30_000).toISOString()))), 'eps.partially-ready').length, 0);
  });
});

describe('svc.warning-events', () => {
  it('reports recent non-Normal events of the Service, not of a same-named Pod (differs from k8sgpt)', () => {
    const ev = (kind: string, t: string): Raw => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `lb.${kind}`, namespace: 'shop' }, involvedObject: { kind, namespace: 'shop', name: 'lb' }, type: 'Warning', reason: kind === 'Service' ? 'SyncLoadBalancerFailed' : 'BackOff', message: 'quota exceeded', lastTimestamp: t });
    const s = snap([node('node-a'), service('shop', 'lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30001 }] }), ev('Service', '2026-11-25T11:50:00Z'), ev('Pod', '2026-11-25T11:50:00Z')]);
    const f = ids(check(s), 'svc.warning-events');
    assert.deepEqual(f.map((x) => x.message), ['Service shop/lb: SyncLoadBalancerFailed — quota exceeded']);
  });
});

describe('Ingress hygiene', () => {
  const base = (): Raw[] => [node('node-a'), pod('shop', 'web-1', { app: 'web' }), service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] }), ingressClass('nginx', 'k8s.io/ingress-nginx'), nginxPod()];
  it('ing.path-invalid: a regex with pathType Prefix is rejected by ingress-nginx', () => {
    const r = check(snap([...base(), ingress('shop', 'a', { ingressClassName: 'nginx', rules: [rule('a.example.com', [['/api/(.*)', 'web', 80], ['/', 'web', 80]])] }, { address: '203.0.113.5' })]));
    assert.equal(ids(r, 'ing.path-invalid')[0]?.severity, 'error');
    // the path breaks that rule's path only, with the path as the field; the sibling rule stays ok
    const bad = r.paths.find((p) => p.entry === 'http://a.example.com/api/(.*)');
    const hop = bad?.hops.find((h) => h.label === 'path /api/(.*)');
    assert.equal(hop?.verdict, 'broken');
    assert.equal(hop?.field, 'spec.rules[0].http.paths[0].path');
    assert.equal(bad?.hops[0]?.verdict, 'ok', 'the class/controller hop is not blamed');
    const sibling = r.paths.find((p) => p.entry === 'http://a.example.com/');
    assert.ok(sibling && !sibling.hops.some((h) => h.label.startsWith('path ')), 'the sibling rule has no path hop');
  });
  it('ing.foreign-annotations: traefik annotations on an nginx Ingress', () => {
    const r = check(snap([...base(), ingress('shop', 'a', { ingressClassName: 'nginx', rules: [rule('a.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.5', annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'x' } })]));
    assert.equal(ids(r, 'ing.foreign-annotations').length, 1);
  });
  it('ing.nginx-lint: removed annotations', () => {
    const r = check(snap([...base(), ingress('shop', 'a', { ingressClassName: 'nginx', rules: [rule('a.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.5', annotations: { 'nginx.ingress.kubernetes.io/secure-backends': 'true' } })]));
    assert.equal(ids(r, 'ing.nginx-lint')[0]?.severity, 'warning');
  });
  it('tls.host-secret-conflict across two Ingresses of one class', () => {
    const t = (name: string, secret: string): Raw => ingress('shop', name, { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: secret }], rules: [rule('a.example.com', [[`/${name}`, 'web', 80]])] }, { address: '203.0.113.5' });
    assert.equal(ids(check(snap([...base(), t('x', 's1'), t('y', 's2')])), 'tls.host-secret-conflict').length, 1);
    assert.equal(ids(check(snap([...base(), t('x', 's1'), t('y', 's1')])), 'tls.host-secret-conflict').length, 0);
  });
});

describe('lb.class-unclaimed', () => {
  it('fires for a class nobody implements, stays quiet once an address is assigned', () => {
    const lb = (status: Raw): Raw => service('pay', 'gw', { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', ports: [{ port: 443, nodePort: 31000 }] }, status);
    assert.equal(ids(check(snap([node('node-a'), lb({})])), 'lb.class-unclaimed').length, 1);
    assert.equal(ids(check(snap([node('node-a'), lb({ loadBalancer: { ingress: [{ hostname: 'x.elb.amazonaws.com' }] } })])), 'lb.class-unclaimed').length, 0);
  });
});

describe('ing.backend-service-type-unsupported and conflict.hostport', () => {
  it('ALB in instance mode needs NodePort; target-type ip does not', () => {
    const objs = (ann: Record<string, string>): Raw[] => [
      node('node-a'),
      pod('shop', 'web-1', { app: 'web' }),
      service('shop', 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] }),
      ingressClass('alb', 'ingress.k8s.aws/alb'),
      ingress('shop', 'web', { ingressClassName: 'alb', rules: [rule('a.example.com', [['/', 'web', 80]])] }, { annotations: ann, address: 'k8s-shop.elb.amazonaws.com' }),
    ];
    const r = check(snap(objs({})));
    assert.equal(ids(r, 'ing.backend-service-type-unsupported').length, 1);
    // the Service hop of that rule is broken, with the Service type as the field
    const svcHop = r.paths.find((p) => p.entry === 'http://a.example.com/')?.hops.find((h) => h.label.startsWith('Service shop/web'));
    assert.equal(svcHop?.verdict, 'broken');
    assert.equal(svcHop?.field, 'spec.type');
    assert.match(svcHop?.detail ?? '', /instance mode needs NodePort/);
    assert.equal(ids(check(snap(objs({ 'alb.ingress.kubernetes.io/target-type': 'ip' }))), 'ing.backend-service-type-unsupported').length, 0);
  });
  it('a Pending pod whose host port is taken names the pod holding it', () => {
    const holder = pod('kube-system', 'svclb-traefik-x1', { app: 'svclb' }, { ports: [{ name: 'http', containerPort: 80, hostPort: 80 }] });
    const pending: Raw = {
      ...pod('ingress-nginx', 'ingress-nginx-controller-y', { app: 'nginx' }, { ports: [{ name: 'http', containerPort: 80, hostPort: 80 }] }),
      spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80, hostPort: 80 }] }] },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports." }] },
    };
    const [f] = ids(check(snap([node('node-a'), holder, pending])), 'conflict.hostport');
    assert.match(f?.message ?? '', /80\/TCP is already bound .* by kube-system\/svclb-traefik-x1/);
  });
});

describe('controller.admission-webhook-down, lb.k3s-svclb-blocked, svc.targetport-name-invalid', () => {
  const webhook: Raw = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'ingress-nginx-admission' },
    webhooks: [{ name: 'validate.nginx.ingress.kubernetes.io', failurePolicy: 'Fail', clientConfig: { service: { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-admission', port: 443 } }, rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }] }],
  };
  const admissionSvc = service('ingress-nginx', 'ingress-nginx-controller-admission', { selector: { app: 'ingress-nginx' }, ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook' }] });
  it('fires when the webhook Service has no ready endpoints (a leftover of an uninstalled controller)', () => {
    const r = check(snap([node('node-a'), webhook, admissionSvc, slice('ingress-nginx', 'ingress-nginx-controller-admission', null, null)]));
    assert.match(ids(r, 'controller.admission-webhook-down')[0]?.message ?? '', /failed calling webhook validate\.nginx\.ingress\.kubernetes\.io/);
  });
  it('stays quiet when the webhook is served, or its failurePolicy is Ignore', () => {
    const served = slice('ingress-nginx', 'ingress-nginx-controller-admission', [{ name: 'https-webhook', port: 8443 }], [{ ip: '10.244.0.3' }]);
    assert.equal(ids(check(snap([node('node-a'), webhook, admissionSvc, served])), 'controller.admission-webhook-down').length, 0);
    const ignore = { ...webhook, webhooks: [{ ...((webhook.webhooks as Raw[])[0] ?? {}), failurePolicy: 'Ignore' }] };
    assert.equal(ids(check(snap([node('node-a'), ignore, admissionSvc, slice('ingress-nginx', 'ingress-nginx-controller-admission', null, null)])), 'controller.admission-webhook-down').length, 0);
  });
  it('k3s ServiceLB pods Pending for a host port block the LoadBalancer', () => {
    const svclbPod: Raw = {
      ...pod('kube-system', 'svclb-web-6c2f1a7e-abcde', { 'svccontroller.k3s.cattle.io/svcname': 'web', 'svccontroller.k3s.cattle.io/svcnamespace': 'shop' }),
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports." }] },
    };
    const lb = service('shop', 'web', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }] });
    assert.equal(ids(check(snap([node('node-a'), svclbPod, lb])), 'lb.k3s-svclb-blocked').length, 1);
  });
  it('an invalid port name in a manifest is an info, a valid one is nothing', () => {
    const bad = service('shop', 'web', { ports: [{ port: 80, targetPort: 'HTTP_web' }, { port: 81, targetPort: 'http-web' }] });
    assert.deepEqual(ids(check(snap([bad])), 'svc.targetport-name-invalid').map((f) => f.fields?.[0]), ['spec.ports[0].targetPort']);
  });
});

describe('tls.certmanager-not-ready', () => {
  const certificate = (conds: Raw[], notAfter?: string): Raw => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2026-11-01T00:00:00Z' }, spec: { secretName: 'web-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } }, status: { conditions: conds, ...(notAfter ? { notAfter } : {}) } });
  const ing = ingress('shop', 'web', { ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }], rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, address: '203.0.113.5' });
  it('names the failing Ready reason of the Certificate behind a TLS Secret', () => {
    const r = check(snap([node('node-a'), ing, certificate([{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' }])]));
    assert.match(ids(r, 'tls.certmanager-not-ready')[0]?.message ?? '', /not issued 'web-tls'.*DoesNotExist/);
  });
  it('a Ready Certificate far from expiry is fine; one close to notAfter is not; cert-manager not installed is skipped', () => {
    assert.equal(ids(check(snap([node('node-a'), ing, certificate([{ type: 'Ready', status: 'True' }], '2027-02-01T00:00:00Z')])), 'tls.certmanager-not-ready').length, 0);
    assert.equal(ids(check(snap([node('node-a'), ing, certificate([{ type: 'Ready', status: 'True' }], '2026-11-28T00:00:00Z')])), 'tls.certmanager-not-ready').length, 1);
    const r = check(snap([node('node-a'), ing], { Certificate: { state: 'not-installed' } }));
    assert.ok(r.skipped.some((x) => x.id === 'tls.certmanager-not-ready' && /not installed/.test(x.reason)));
  });
});

describe('nodeport.address-filter', () => {
  const kubeProxy = (conf: string): Raw => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': conf, kubeconfig: 'not kept' } });
  const objs = (conf: string): Raw[] => [
    { ...node('inside'), status: { addresses: [{ type: 'InternalIP', address: '10.0.0.5' }], conditions: [{ type: 'Ready', status: 'True' }] } },
    { ...node('outside'), status: { addresses: [{ type: 'InternalIP', address: '192.0.2.7' }], conditions: [{ type: 'Ready', status: 'True' }] } },
    service('shop', 'np', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    kubeProxy(conf),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'shop' }, data: { password: 'hunter2' } },
  ];
  it('names the nodes whose addresses kube-proxy does not serve node ports on', () => {
    const s = snap(objs('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nnodePortAddresses: ["10.0.0.0/8"]\n'));
    assert.match(ids(check(s), 'nodeport.address-filter')[0]?.message ?? '', /only serves NodePorts on 10\.0\.0\.0\/8; outside \(192\.0\.2\.7\)/);
    assert.equal(s.configMaps.length, 1, 'only kube-system/kube-proxy is kept');
    assert.equal(JSON.stringify(s).includes('hunter2'), false);
  });
  it('no restriction, no finding', () => {
    assert.equal(ids(check(snap(objs('kind: KubeProxyConfiguration\nnodePortAddresses: null\n'))), 'nodeport.address-filter').length, 0);
  });
});

describe('durations in messages', () => {
  it('read like kubectl ages, not a count of minutes', async () => {
    const { duration } = await import('../../../src/checks/check.js');
    assert.deepEqual([duration(45_000), duration(12 * 60_000), duration(5 * 3_600_000 + 3 * 60_000), duration(2 * 3_600_000), duration(389 * 86_400_000)], ['45 s', '12 min', '5 h 3 min', '2 h', '389 days']);
  });
});
