// Gateway API checks (diagnostics.md §9) on realistic objects: CRD defaults applied, status as
// Envoy Gateway writes it. Includes where kexplore deliberately differs from k8sgpt and popeye.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../../src/checks/types.js';
import { deployment, ids, node, ofKind, RECENT, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, httpRoute, namespace, referenceGrant, type BackendIn, type ListenerIn, type ParentIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const all: Raw = { namespaces: { from: 'All' } };
const http = (o: Partial<ListenerIn> = {}): ListenerIn => ({ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all, ...o });

function backend(ns = 'shop', name = 'web', o: { waiting?: string } = {}): Raw[] {
  const d = deployment(ns, name, { app: name }, { pods: [{ node: 'node-a', ...(o.waiting ? { waiting: o.waiting } : {}) }] });
  return [...d, ...withSlices(service(ns, name, { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(d, 'Pod'))];
}

/** infra/public Gateway, shop namespace with backend web, one route shop/web → web:80. */
function world(o: { listeners?: ListenerIn[]; parents?: ParentIn[]; rules?: BackendIn[][]; hostnames?: string[]; shopLabels?: Record<string, string>; parentStatus?: (Raw[] | null)[]; routeLabels?: Record<string, string>; extra?: Raw[]; gwOpts?: Parameters<typeof gateway>[3]; classConds?: Raw[] } = {}): Raw[] {
  return [
    node('node-a'),
    namespace('infra'),
    namespace('shop', o.shopLabels),
    gatewayClass('eg', EG, o.classConds),
    gateway('infra', 'public', o.listeners ?? [http()], o.gwOpts),
    ...backend(),
    httpRoute('shop', 'web', o.parents ?? [{ name: 'public', namespace: 'infra' }], o.rules ?? [[{ name: 'web', port: 80 }]], { ...(o.hostnames ? { hostnames: o.hostnames } : {}), ...(o.parentStatus ? { parentStatus: o.parentStatus } : {}), ...(o.routeLabels ? { labels: o.routeLabels } : {}) }),
    ...(o.extra ?? []),
  ];
}

const gatewayIds = (r: Report): string[] => r.findings.filter((f) => /^(gw|gwc|route|gwapi)\./.test(f.id) && f.severity !== 'info').map((f) => `${f.id} ${f.object.name}`);
const refused = [cond('Accepted', 'False', 'NotAllowedByListeners', 'No listeners included by this parent ref allowed this attachment.'), cond('ResolvedRefs')];

describe('a healthy Gateway setup', () => {
  it('has no Gateway finding above info', () => {
    assert.deepEqual(gatewayIds(run(snap(world()))), []);
  });
});

describe('gwapi.not-installed', () => {
  it('one info and no other Gateway finding when discovery has no gateway.networking.k8s.io', () => {
    const gone = { state: 'not-installed' as const };
    const r = run(snap(backend(), { HTTPRoute: gone, Gateway: gone, GatewayClass: gone, ReferenceGrant: gone }));
    assert.deepEqual(r.findings.filter((f) => /^(gw|gwc|route|gwapi)\./.test(f.id)).map((f) => `${f.id} ${f.severity}`), ['gwapi.not-installed info']);
    for (const id of ['route.not-attachable', 'route.backend-missing', 'gw.class-missing', 'gwc.not-accepted']) assert.ok(skippedIds(r).includes(id), id);
  });
  it('info when the CRDs are served but no GatewayClass exists', () => {
    assert.match(ids(run(snap(backend())), 'gwapi.not-installed')[0]?.message ?? '', /no GatewayClass exists/);
    assert.equal(ids(run(snap(world())), 'gwapi.not-installed').length, 0);
  });
});

describe('gwc.*', () => {
  it('not-accepted: Pending after the grace period names the controller', () => {
    const [f] = ids(run(snap(world({ classConds: [cond('Accepted', 'Unknown', 'Pending', 'Waiting for controller')] }))), 'gwc.not-accepted');
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'GatewayClass', name: 'eg' });
    assert.deepEqual(f?.fields, ['spec.controllerName']);
    assert.match(f?.message ?? '', /no controller for controllerName gateway\.envoyproxy\.io\/gatewayclass-controller/);
  });
  it('differs from k8sgpt: conditions are read by type, not Conditions[0]', () => {
    assert.equal(ids(run(snap(world({ classConds: [cond('SupportedVersion'), cond('Accepted')] }))), 'gwc.not-accepted').length, 0);
    const hidden = ids(run(snap(world({ classConds: [cond('SupportedVersion'), cond('Accepted', 'False', 'InvalidParameters', 'parametersRef not found')] }))), 'gwc.not-accepted');
    assert.match(hidden[0]?.message ?? '', /InvalidParameters/);
    assert.deepEqual(hidden[0]?.fields, ['spec.parametersRef']);
  });
  it('not-accepted waits for the grace period; SupportedVersion=False is a warning', () => {
    const young = world();
    young[3] = gatewayClass('eg', EG, [cond('Accepted', 'Unknown', 'Pending')], RECENT);
    assert.equal(ids(run(snap(young)), 'gwc.not-accepted').length, 0);
    const [f] = ids(run(snap(world({ classConds: [cond('Accepted'), cond('SupportedVersion', 'False', 'UnsupportedVersion')] }))), 'gwc.not-accepted');
    assert.equal(f?.severity, 'warning');
  });
  it('unused: info, and not judged when only one namespace of Gateways is visible', () => {
    const extra = gatewayClass('old', 'istio.io/gateway-controller');
    assert.equal(ids(run(snap([...world(), extra])), 'gwc.unused')[0]?.object.name, 'old');
    assert.equal(ids(run(snap([...world(), extra], { Gateway: { state: 'partial', namespaces: ['infra'] } })), 'gwc.unused').length, 0);
  });
});

describe('gw.*', () => {
  it('class-missing: error; never when GatewayClasses are forbidden (differs from k8sgpt: any Get error is "does not exist")', () => {
    const objs = world({ gwOpts: { className: 'envoy' } });
    const [f] = ids(run(snap(objs)), 'gw.class-missing');
    assert.deepEqual([f?.severity, f?.object.name, f?.fields], ['error', 'public', ['spec.gatewayClassName']]);
    assert.equal(ids(run(snap(objs, { GatewayClass: { state: 'forbidden' } })), 'gw.class-missing').length, 0);
  });
  it('not-programmed with AddressNotAssigned, and gw.no-address rooted in the pending Service', () => {
    const svc = service('infra', 'envoy-infra-public-9c2b1e', { type: 'LoadBalancer', selector: { app: 'envoy' }, ports: [{ name: 'http', port: 80, targetPort: 10080 }] }, { labels: { 'gateway.networking.k8s.io/gateway-name': 'public' } });
    const r = run(snap(world({ gwOpts: { addresses: [], conds: [cond('Accepted'), cond('Programmed', 'False', 'AddressNotAssigned', 'No addresses have been assigned to the Gateway')] }, extra: [svc] })));
    assert.match(ids(r, 'gw.not-programmed')[0]?.message ?? '', /AddressNotAssigned/);
    const [na] = ids(r, 'gw.no-address');
    assert.equal(na?.severity, 'warning');
    assert.match(na?.message ?? '', /still waiting for a load balancer/);
    assert.ok(na?.related?.some((x) => x.name === 'envoy-infra-public-9c2b1e'));
    const lbPending = ids(r, 'lb.pending')[0];
    assert.ok(lbPending);
    assert.equal(na?.causedBy, lbPending.causedBy ?? lbPending.key);
  });
  it('no conditions at all after the grace period: no controller reconciled it; nothing inside the grace period', () => {
    assert.match(ids(run(snap(world({ gwOpts: { noStatus: true } }))), 'gw.not-accepted')[0]?.message ?? '', /No controller reconciled/);
    assert.deepEqual(gatewayIds(run(snap(world({ gwOpts: { noStatus: true, created: RECENT } })))).filter((x) => x.startsWith('gw.')), []);
  });
  it('pre-v1 implementations: Scheduled=False is read when Accepted is absent', () => {
    const [f] = ids(run(snap(world({ gwOpts: { conds: [cond('Scheduled', 'False', 'NoResources')] } }))), 'gw.not-accepted');
    assert.match(f?.message ?? '', /NoResources/);
  });
  it('listener-invalid, listener-conflicted and listener-no-routes from status.listeners', () => {
    const https: ListenerIn = { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'shop-tls' }] }, allowedRoutes: all, conds: [cond('Accepted'), cond('ResolvedRefs', 'False', 'InvalidCertificateRef', 'Secret infra/shop-tls does not exist'), cond('Programmed', 'False', 'Invalid')] };
    const dup: ListenerIn = { name: 'http-2', port: 80, protocol: 'HTTP', attached: 0, conds: [cond('Accepted'), cond('Conflicted', 'True', 'HostnameConflict')] };
    const r = run(snap(world({ listeners: [http(), https, dup] })));
    const inv = ids(r, 'gw.listener-invalid');
    assert.deepEqual(inv.map((f) => f.fields?.[0]), ['spec.listeners[1]', 'spec.listeners[1]']);
    assert.match(inv[0]?.message ?? '', /ResolvedRefs=False, InvalidCertificateRef/);
    assert.equal(ids(r, 'gw.listener-conflicted')[0]?.severity, 'error');
    assert.deepEqual(ids(r, 'gw.listener-no-routes').map((f) => `${f.severity} ${f.fields?.[0] ?? ''}`), ['info spec.listeners[2]']);
  });
  it('listener without status on a reconciled Gateway', () => {
    const r = run(snap(world({ listeners: [http(), http({ name: 'extra', port: 8080 })], gwOpts: { statusListeners: [http()] } })));
    assert.deepEqual(ids(r, 'gw.listener-invalid').map((f) => f.fields?.[0]), ['spec.listeners[1]']);
  });
});

describe('route.parent-missing', () => {
  it('differs from k8sgpt: a Service (GAMMA) parent is looked up as a Service, not assumed to be a Gateway', () => {
    const r = run(snap(world({ parents: [{ name: 'web', kind: 'Service', group: '' }, { name: 'mesh-api', kind: 'Service', group: '' }, { name: 'private', namespace: 'infra' }], parentStatus: [null, null, null] })));
    assert.deepEqual(ids(r, 'route.parent-missing').map((f) => f.fields?.[0]), ['spec.parentRefs[1].name', 'spec.parentRefs[2].name']);
    assert.match(ids(r, 'route.parent-missing')[1]?.message ?? '', /Gateway infra\/private, which does not exist/);
  });
  it('a parentRef without namespace defaults to the route namespace, and the message names it', () => {
    const [f] = ids(run(snap(world({ parents: [{ name: 'public' }], parentStatus: [null] }))), 'route.parent-missing');
    assert.match(f?.message ?? '', /Gateway shop\/public/);
  });
  it('never when Gateways of that namespace are not visible', () => {
    assert.equal(ids(run(snap(world({ parents: [{ name: 'private', namespace: 'infra' }] }), { Gateway: { state: 'partial', namespaces: ['shop'] } })), 'route.parent-missing').length, 0);
  });
});

describe('route.not-attachable', () => {
  const sel = (selector: Raw): ListenerIn => http({ allowedRoutes: { namespaces: { from: 'Selector', selector } } });
  it('differs from k8sgpt: the selector is matched against the Namespace object, not the route labels', () => {
    const listeners = [sel({ matchLabels: { 'shared-gateway-access': 'true' } })];
    const [f] = ids(run(snap(world({ listeners, routeLabels: { 'shared-gateway-access': 'true' }, parentStatus: [refused] }))), 'route.not-attachable');
    assert.deepEqual([f?.severity, f?.object.name, f?.fields], ['error', 'web', ['spec.parentRefs[0]']]);
    assert.match(f?.message ?? '', /only allows routes from namespaces labelled shared-gateway-access=true; Namespace shop is not/);
    assert.deepEqual(f?.related, [{ kind: 'Gateway', namespace: 'infra', name: 'public' }]);
    assert.equal(ids(run(snap(world({ listeners, shopLabels: { 'shared-gateway-access': 'true' } }))), 'route.not-attachable').length, 0);
  });
  it('differs from k8sgpt: matchExpressions count', () => {
    const listeners = [sel({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] })];
    assert.equal(ids(run(snap(world({ listeners, shopLabels: { env: 'dev' }, parentStatus: [refused] }))), 'route.not-attachable').length, 1);
    assert.equal(ids(run(snap(world({ listeners, shopLabels: { env: 'prod' } }))), 'route.not-attachable').length, 0);
  });
  it('unknown (no finding) when Namespaces are forbidden, unless the selector only uses kubernetes.io/metadata.name', () => {
    const noNs = (o: Parameters<typeof world>[0]): Raw[] => world(o).filter((x) => x.kind !== 'Namespace');
    const labelSel = [sel({ matchLabels: { team: 'shop' } })];
    const unseen = run(snap(noNs({ listeners: labelSel, parentStatus: [null] }), { Namespace: { state: 'forbidden' } }));
    assert.equal(ids(unseen, 'route.not-attachable').length, 0);
    // the path view agrees: the listener may admit the route, so its hop is not "no listener admits it"
    const routeHops = unseen.paths.filter((p) => p.kind === 'httproute').flatMap((p) => p.hops).filter((h) => h.label === 'HTTPRoute shop/web');
    assert.ok(routeHops.length > 0);
    assert.ok(routeHops.every((h) => h.verdict !== 'broken' && !/no listener admits/.test(h.detail ?? '')), JSON.stringify(routeHops));
    const nameSel = [sel({ matchLabels: { 'kubernetes.io/metadata.name': 'payments' } })];
    assert.equal(ids(run(snap(noNs({ listeners: nameSel, parentStatus: [null] }), { Namespace: { state: 'forbidden' } })), 'route.not-attachable').length, 1);
  });
  it('from: Same refuses a route of another namespace; from: All admits it', () => {
    assert.match(ids(run(snap(world({ listeners: [http({ allowedRoutes: { namespaces: { from: 'Same' } } })], parentStatus: [refused] }))), 'route.not-attachable')[0]?.message ?? '', /from: Same/);
    assert.equal(ids(run(snap(world())), 'route.not-attachable').length, 0);
  });
  it('differs from k8sgpt: one admitting listener is enough; sectionName narrows the candidates', () => {
    const listeners = [http({ name: 'internal', allowedRoutes: { namespaces: { from: 'Same' } } }), http({ name: 'public', port: 8080 })];
    assert.equal(ids(run(snap(world({ listeners }))), 'route.not-attachable').length, 0);
    const [f] = ids(run(snap(world({ listeners, parents: [{ name: 'public', namespace: 'infra', sectionName: 'internal' }], parentStatus: [refused] }))), 'route.not-attachable');
    assert.match(f?.message ?? '', /listener 'internal' allows routes from namespace infra only/);
    assert.match(ids(run(snap(world({ listeners, parents: [{ name: 'public', namespace: 'infra', sectionName: 'nope' }], parentStatus: [null] }))), 'route.not-attachable')[0]?.message ?? '', /no listener named 'nope'/);
  });
  it('allowedRoutes.kinds and the listener protocol', () => {
    assert.match(ids(run(snap(world({ listeners: [http({ allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } })], parentStatus: [refused] }))), 'route.not-attachable')[0]?.message ?? '', /only allows kinds GRPCRoute/);
    assert.match(ids(run(snap(world({ listeners: [http({ protocol: 'TCP' })], parentStatus: [refused] }))), 'route.not-attachable')[0]?.message ?? '', /protocol TCP/);
  });
  it('hostnames intersect with Gateway suffix semantics (H7)', () => {
    const listeners = [http({ hostname: '*.example.com' })];
    assert.equal(ids(run(snap(world({ listeners, hostnames: ['foo.test.example.com'] }))), 'route.not-attachable').length, 0, 'a Gateway wildcard matches several labels');
    assert.equal(ids(run(snap(world({ listeners, hostnames: ['example.com'], parentStatus: [refused] }))), 'route.not-attachable').length, 1, 'never the apex');
  });
  it('the controller accepting the route outranks the spec reading', () => {
    assert.equal(ids(run(snap(world({ listeners: [http({ allowedRoutes: { namespaces: { from: 'Same' } } })] }))), 'route.not-attachable').length, 0);
  });
});

describe('route status: not-accepted, unreconciled, resolvedrefs-false', () => {
  it('not-accepted is an error linked under route.not-attachable', () => {
    const r = run(snap(world({ listeners: [http({ allowedRoutes: { namespaces: { from: 'Same' } } })], parentStatus: [refused] })));
    const [f] = ids(r, 'route.not-accepted');
    assert.match(f?.message ?? '', /NotAllowedByListeners/);
    assert.equal(f?.causedBy, ids(r, 'route.not-attachable')[0]?.key);
  });
  it('status.parents is matched by the full parentRef (sectionName), not by position', () => {
    const listeners = [http({ name: 'a' }), http({ name: 'b', port: 8080 })];
    const parents = [{ name: 'public', namespace: 'infra', sectionName: 'a' }, { name: 'public', namespace: 'infra', sectionName: 'b' }];
    const r = run(snap(world({ listeners, parents, parentStatus: [[cond('Accepted'), cond('ResolvedRefs')], [cond('Accepted', 'False', 'UnsupportedValue')]] })));
    assert.deepEqual(ids(r, 'route.not-accepted').map((f) => f.fields?.[0]), ['spec.parentRefs[1]']);
  });
  it('unreconciled: no status entry although the Gateway is accepted, after the grace period only', () => {
    const [f] = ids(run(snap(world({ parentStatus: [null] }))), 'route.unreconciled');
    assert.equal(f?.severity, 'warning');
    assert.equal(ids(run(snap(world({ parentStatus: [[cond('Accepted', 'Unknown', 'Pending')]] }))), 'route.unreconciled').length, 1);
    const young = world({ parentStatus: [null] });
    young[young.length - 1] = httpRoute('shop', 'web', [{ name: 'public', namespace: 'infra' }], [[{ name: 'web', port: 80 }]], { created: RECENT, parentStatus: [null] });
    assert.equal(ids(run(snap(young)), 'route.unreconciled').length, 0);
  });
  it('differs from popeye: route status conditions are read (gwr.go reads none); PartiallyInvalid is a warning', () => {
    const r = run(snap(world({ parentStatus: [[cond('Accepted'), cond('ResolvedRefs', 'False', 'BackendNotFound', 'Service shop/api not found'), cond('PartiallyInvalid', 'True', 'UnsupportedValue')]] })));
    assert.deepEqual(ids(r, 'route.resolvedrefs-false').map((f) => f.severity), ['error', 'warning']);
  });
});

describe('route backends', () => {
  const pay = (): Raw[] => [namespace('pay'), ...backend('pay', 'api')];
  it('differs from k8sgpt: honours backendRef.namespace; a cross-namespace reference needs a ReferenceGrant', () => {
    const r = run(snap(world({ rules: [[{ name: 'api', namespace: 'pay', port: 80 }]], extra: pay() })));
    assert.equal(ids(r, 'route.backend-missing').length, 0, 'the Service exists in pay');
    const [f] = ids(r, 'route.backend-crossns-no-grant');
    assert.deepEqual([f?.severity, f?.fields, f?.related], ['error', ['spec.rules[0].backendRefs[0].namespace'], [{ kind: 'Service', namespace: 'pay', name: 'api' }]]);
  });
  it('crossns-no-grant: a grant in the backend namespace from HTTPRoutes of the route namespace, to that Service or all', () => {
    const base = world({ rules: [[{ name: 'api', namespace: 'pay', port: 80 }]], extra: pay() });
    assert.equal(ids(run(snap([...base, referenceGrant('pay', 'shop-routes', 'shop')])), 'route.backend-crossns-no-grant').length, 0);
    assert.equal(ids(run(snap([...base, referenceGrant('pay', 'shop-routes', 'shop', { name: 'api' })])), 'route.backend-crossns-no-grant').length, 0);
    assert.equal(ids(run(snap([...base, referenceGrant('pay', 'other', 'shop', { name: 'billing' })])), 'route.backend-crossns-no-grant').length, 1, 'grant for another Service');
    assert.equal(ids(run(snap([...base, referenceGrant('shop', 'wrong-side', 'shop')])), 'route.backend-crossns-no-grant').length, 1, 'grant in the route namespace');
    assert.equal(ids(run(snap([...base, referenceGrant('pay', 'gw-only', 'shop', {}, 'Gateway')])), 'route.backend-crossns-no-grant').length, 1, 'grant for Gateways');
    assert.equal(ids(run(snap(base, { ReferenceGrant: { state: 'forbidden' } })), 'route.backend-crossns-no-grant').length, 0, 'forbidden grants: unknown');
  });
  it('agrees with popeye: a missing backend Service is an error (POP-407), with the backendRef path', () => {
    const [f] = ids(run(snap(world({ rules: [[{ name: 'web', port: 80 }], [{ name: 'checkout', port: 80 }]] }))), 'route.backend-missing');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.rules[1].backendRefs[0].name']]);
  });
  it('backend-missing: never when Services of the backend namespace are not visible', () => {
    assert.equal(ids(run(snap(world({ rules: [[{ name: 'api', namespace: 'pay', port: 80 }]] }), { Service: { state: 'partial', namespaces: ['shop', 'infra'] } })), 'route.backend-missing').length, 0);
  });
  it('differs from k8sgpt: a non-Service backend kind is not reported as a missing Service', () => {
    const [f] = ids(run(snap(world({ rules: [[{ name: 'api', group: 'multicluster.x-k8s.io', kind: 'ServiceImport', port: 80 }]] }))), 'route.backend-missing');
    assert.equal(f?.severity, 'info');
  });
  it('backend-port-mismatch: the container port instead of the Service port', () => {
    const [f] = ids(run(snap(world({ rules: [[{ name: 'web', port: 8080 }]] }))), 'route.backend-port-mismatch');
    assert.deepEqual([f?.severity, f?.fields], ['error', ['spec.rules[0].backendRefs[0].port']]);
    assert.match(f?.message ?? '', /uses port 8080 of Service shop\/web, which only exposes 80/);
  });
  it('backend-no-endpoints: error related to the Service, a consequence of eps.no-ready', () => {
    const objs = world().filter((o) => o.kind !== 'Deployment' && o.kind !== 'ReplicaSet' && o.kind !== 'Pod' && o.kind !== 'EndpointSlice' && !(o.kind === 'Service'));
    const r = run(snap([...objs, ...backend('shop', 'web', { waiting: 'CrashLoopBackOff' })]));
    const [f] = ids(r, 'route.backend-no-endpoints');
    assert.deepEqual([f?.severity, f?.related], ['error', [{ kind: 'Service', namespace: 'shop', name: 'web' }]]);
    const eps = ids(r, 'eps.no-ready')[0];
    assert.ok(eps);
    assert.equal(f?.causedBy, eps.causedBy ?? eps.key);
  });
  it('backend-no-endpoints: weight 0 sends nothing; all weights 0 is an info for the rule', () => {
    const objs = world({ rules: [[{ name: 'web', port: 80 }, { name: 'broken', port: 80, weight: 0 }]], extra: [service('shop', 'broken', { selector: { app: 'none' }, ports: [{ port: 80 }] })] });
    assert.equal(ids(run(snap(objs)), 'route.backend-no-endpoints').length, 0);
    const zero = ids(run(snap(world({ rules: [[{ name: 'web', port: 80, weight: 0 }]] }))), 'route.backend-no-endpoints');
    assert.deepEqual(zero.map((f) => f.severity), ['info']);
  });
});

describe('HTTPRoute entry points', () => {
  it('name every effective hostname (route ∩ listener) with the scheme and port of the listeners that admit it', () => {
    const listeners = [http({ hostname: '*.example.com' }), { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', allowedRoutes: all, tls: { mode: 'Terminate', certificateRefs: [{ name: 'wild-tls' }] } }, http({ name: 'alt', port: 8080 })];
    const r = run(snap(world({ listeners, hostnames: ['shop.example.com', 'www.example.com'] })));
    const [p, ...rest] = r.paths.filter((x) => x.kind === 'httproute');
    assert.equal(rest.length, 0, 'one path per parent, rule and backend');
    assert.equal(p?.entry, 'http://{shop.example.com,www.example.com}/*, https://{shop.example.com,www.example.com}/*, http://{shop.example.com,www.example.com}:8080/* via infra/public');
  });
  it('a route without hostnames takes the listener hostname; a wildcard route narrows to a specific listener', async () => {
    const { effectiveRouteHosts } = await import('../../../src/model/hostnames.js');
    assert.deepEqual(effectiveRouteHosts([], 'shop.example.com'), ['shop.example.com']);
    assert.deepEqual(effectiveRouteHosts([], undefined), ['*']);
    assert.deepEqual(effectiveRouteHosts(['*.example.com'], 'shop.example.com'), ['shop.example.com']);
    assert.deepEqual(effectiveRouteHosts(['*.example.com'], '*.shop.example.com'), ['*.shop.example.com']);
    assert.deepEqual(effectiveRouteHosts(['a.example.com', 'b.other.org'], '*.example.com'), ['a.example.com'], 'a hostname the listener does not admit is not an entry');
    const r = run(snap(world({ listeners: [http({ hostname: 'shop.example.com' })] })));
    assert.equal(r.paths.find((x) => x.kind === 'httproute')?.entry, 'http://shop.example.com/* via infra/public');
  });
});
