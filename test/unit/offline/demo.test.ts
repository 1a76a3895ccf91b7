import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { demoObjects, demoSnapshot } from '../../../src/cluster/demo.js';
import { serializeSnapshot } from '../../../src/cluster/snapshot-export.js';
import { KINDS, type ClusterSnapshot, type Pod, type Service } from '../../../src/model/types.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const s = demoSnapshot(NOW);

const svc = (ns: string, name: string): Service => {
  const found = s.services.find((x) => x.metadata.namespace === ns && x.metadata.name === name);
  assert.ok(found, `${ns}/${name}`);
  return found;
};
const slicesOf = (x: ClusterSnapshot, v: Service) => x.endpointSlices.filter((e) => e.metadata.namespace === v.metadata.namespace && e.metadata.labels?.['kubernetes.io/service-name'] === v.metadata.name);
const podReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const nodeReady = (name: string | undefined): boolean => s.nodes.some((n) => n.metadata.name === name && n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

describe('demo snapshot', () => {
  it('is labelled as the demo and sees every kind', () => {
    assert.deepEqual(s.source, { type: 'demo', context: 'demo', cluster: 'kexplore-demo', serverVersion: 'v1.36.3' });
    assert.equal(s.takenAt, NOW.toISOString());
    for (const k of KINDS) assert.equal(s.visibility[k].state, 'visible', k);
  });

  it('is deterministic for a given time and dated relative to it', () => {
    assert.equal(serializeSnapshot(demoSnapshot(NOW)), serializeSnapshot(s));
    for (const o of demoObjects(NOW)) {
      const t = (o.metadata as { creationTimestamp?: string }).creationTimestamp;
      assert.ok(t && Date.parse(t) <= NOW.getTime());
    }
  });

  it('has every Service type', () => {
    const types = new Set(s.services.map((x) => (x.spec.clusterIP === 'None' ? 'headless' : (x.spec.type ?? 'ClusterIP'))));
    assert.deepEqual([...types].sort(), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort', 'headless']);
  });

  it('has 3 nodes with internal and external addresses, one NotReady', () => {
    assert.equal(s.nodes.length, 3);
    assert.deepEqual(s.nodes.map((n) => nodeReady(n.metadata.name)), [true, true, false]);
    for (const n of s.nodes) assert.deepEqual(n.status?.addresses?.map((a) => a.type), ['InternalIP', 'ExternalIP', 'Hostname']);
  });

  it('writes EndpointSlices consistent with the pods, as the controller does', () => {
    const pods = new Map(s.pods.map((p) => [`${p.metadata.namespace ?? ''}/${p.metadata.name}`, p]));
    const manual = s.endpointSlices.filter((x) => x.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] !== 'endpointslice-controller.k8s.io');
    // the one hand-made slice: payments/ledger in front of a VM (no pod, no nodeName)
    assert.deepEqual(manual.map((x) => `${x.metadata.namespace ?? ''}/${x.metadata.name}`), ['payments/ledger-vm']);
    for (const slice of s.endpointSlices.filter((x) => !manual.includes(x))) {
      assert.equal(slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
      assert.equal(slice.addressType, 'IPv4');
      for (const e of slice.endpoints ?? []) {
        const p = pods.get(`${e.targetRef?.namespace ?? ''}/${e.targetRef?.name ?? ''}`);
        assert.ok(p, `slice ${slice.metadata.name} targets a pod that exists`);
        assert.equal(e.targetRef?.kind, 'Pod');
        assert.deepEqual(e.addresses, [p.status?.podIP]);
        assert.equal(e.nodeName, p.spec.nodeName);
        assert.equal(e.conditions?.ready, podReady(p));
        assert.ok(e.zone?.startsWith('eu-west-1'));
      }
    }
    // every selector Service has its slice; selected, resolvable pods are all in it
    for (const v of s.services.filter((x) => x.spec.type !== 'ExternalName' && x.spec.selector)) {
      const slices = slicesOf(s, v);
      assert.ok(slices.length >= 1, `${v.metadata.name} has a slice`);
      const selected = s.pods.filter((p) => p.metadata.namespace === v.metadata.namespace && Object.entries(v.spec.selector ?? {}).every(([k, val]) => p.metadata.labels?.[k] === val));
      const inSlices = slices.flatMap((x) => x.endpoints ?? []).map((e) => e.targetRef?.name);
      assert.deepEqual(inSlices.sort(), selected.map((p) => p.metadata.name).sort(), v.metadata.name);
    }
  });

  it('has the broken Services the findings are about', () => {
    // selector typo: pods are app=checkout, Service selects app=chekout → placeholder slice
    assert.deepEqual(svc('shop', 'checkout').spec.selector, { app: 'chekout' });
    assert.ok(s.pods.some((p) => p.metadata.labels?.app === 'checkout'));
    assert.deepEqual(slicesOf(s, svc('shop', 'checkout')).map((x) => [x.endpoints, x.ports]), [[null, null]]);
    // CrashLoopBackOff: endpoints exist, none ready
    const cart = slicesOf(s, svc('shop', 'cart')).flatMap((x) => x.endpoints ?? []);
    assert.ok(cart.length === 2 && cart.every((e) => e.conditions?.ready === false));
    assert.ok(s.pods.filter((p) => p.metadata.labels?.app === 'cart').every((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'));
    // NodePort with externalTrafficPolicy Local, every backend on the NotReady node
    const api = svc('payments', 'api');
    assert.equal(api.spec.externalTrafficPolicy, 'Local');
    assert.ok(slicesOf(s, api).flatMap((x) => x.endpoints ?? []).every((e) => !nodeReady(e.nodeName)));
    // LoadBalancer pending for more than 10 minutes; healthy ones have an address
    const gw = svc('payments', 'gateway');
    assert.equal(gw.status?.loadBalancer?.ingress, undefined);
    assert.ok(NOW.getTime() - Date.parse(gw.metadata.creationTimestamp ?? '') > 10 * 60_000);
    assert.equal(svc('monitoring', 'grafana').status?.loadBalancer?.ingress?.[0]?.ip, '203.0.113.20');
    assert.equal(svc('legacy', 'partner-api').spec.externalName, 'api.partner.example.com');
  });

  it('runs ingress-nginx for class nginx and nothing for class traefik', () => {
    const nginx = s.pods.filter((p) => p.metadata.namespace === 'ingress-nginx');
    assert.equal(nginx.length, 2);
    for (const p of nginx) {
      assert.equal(p.spec.containers[0]?.image, 'registry.k8s.io/ingress-nginx/controller:v1.11.2');
      assert.ok(p.spec.containers[0]?.args?.includes('--controller-class=k8s.io/ingress-nginx'));
      assert.ok(p.spec.containers[0]?.args?.includes('--ingress-class=nginx'));
      assert.ok(podReady(p) && nodeReady(p.spec.nodeName));
    }
    assert.deepEqual(s.ingressClasses.map((c) => [c.metadata.name, c.spec.controller]), [['nginx', 'k8s.io/ingress-nginx'], ['traefik', 'traefik.io/ingress-controller']]);
    assert.equal(s.ingressClasses[0]?.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'], 'true');
    assert.ok(!s.pods.some((p) => p.spec.containers.some((c) => c.image?.includes('traefik'))));
    assert.equal(s.ingresses.find((i) => i.metadata.name === 'blog')?.spec.ingressClassName, 'traefik');
    const legacy = s.ingresses.find((i) => i.metadata.name === 'old-frontend');
    assert.equal(legacy?.spec.ingressClassName, undefined);
    assert.equal(legacy?.metadata.annotations?.['kubernetes.io/ingress.class'], 'nginx');
    assert.ok(!s.services.some((v) => v.metadata.name === 'promo-web'));
  });

  it('carries real certificates: one covers its host, one does not', () => {
    const cert = (name: string): X509Certificate => {
      const pem = s.secrets.find((x) => x.metadata.name === name)?.tlsCrt ?? '';
      return new X509Certificate(pem);
    };
    const store = cert('store-example-tls');
    assert.equal(store.checkHost('store.example.com'), 'store.example.com');
    assert.ok(Date.parse(store.validTo) > NOW.getTime() && Date.parse(store.validFrom) < NOW.getTime());
    assert.equal(cert('www-example-tls').checkHost('shop.example.com'), undefined);
    assert.equal(s.ingresses.find((i) => i.metadata.name === 'shop-www')?.spec.tls?.[0]?.secretName, 'www-example-tls');
    assert.ok(s.secrets.every((x) => x.hasTlsKey && x.keyMatchesCert === true));
    assert.ok(!serializeSnapshot(s).includes('PRIVATE KEY'));
  });

  it('has Gateway API objects, a cross-namespace backend without ReferenceGrant and a default-deny policy', () => {
    assert.equal(s.gatewayClasses[0]?.spec.controllerName, 'gateway.envoyproxy.io/gatewayclass-controller');
    const gw = s.gateways[0];
    assert.equal(gw?.metadata.namespace, 'gateway-infra');
    assert.equal(gw?.spec.listeners[0]?.allowedRoutes?.namespaces?.from, 'All');
    assert.ok(gw?.status?.conditions?.some((c) => c.type === 'Programmed' && c.status === 'True'));
    const reports = s.httpRoutes.find((r) => r.metadata.name === 'reports');
    assert.equal(reports?.spec.rules?.[0]?.backendRefs?.[0]?.namespace, 'payments');
    assert.equal(s.referenceGrants.length, 0);
    const deny = s.networkPolicies.find((n) => n.metadata.name === 'default-deny');
    assert.equal(deny?.metadata.namespace, 'payments');
    assert.deepEqual(deny?.spec.podSelector, {});
  });
});
