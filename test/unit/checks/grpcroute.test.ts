// GRPCRoute (gateway.networking.k8s.io/v1): the route.* checks and the path view treat it like an
// HTTPRoute where Gateway API says they behave alike (parents, listeners, backends, ReferenceGrants)
// and apart where they differ (route kinds a listener carries, gRPC service/method matches).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import type { Report } from '../../../src/checks/types.js';
import { deployment, ids, node, ofKind, run, service, skippedIds, snap, withSlices, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, grpcRoute, httpRoute, namespace, referenceGrant, type ListenerIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const http = (o: Partial<ListenerIn> = {}): ListenerIn => ({ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } }, ...o });

/** A gRPC backend: Service port 9000 named grpc with appProtocol kubernetes.io/h2c, one ready pod. */
function inventory(ns = 'shop'): Raw[] {
  const d = deployment(ns, 'inventory', { app: 'inventory' }, { pods: [{ node: 'node-a' }], ports: [{ name: 'grpc', containerPort: 9000 }] });
  return [...d, ...withSlices(service(ns, 'inventory', { selector: { app: 'inventory' }, ports: [{ name: 'grpc', port: 9000, targetPort: 'grpc', appProtocol: 'kubernetes.io/h2c' }] }), ofKind(d, 'Pod'))];
}

const parent = { name: 'public', namespace: 'infra' };
function world(o: { listeners?: ListenerIn[]; routes?: Raw[]; extra?: Raw[] } = {}): Raw[] {
  return [
    node('node-a'),
    namespace('infra'),
    namespace('shop'),
    gatewayClass('eg', EG),
    gateway('infra', 'public', o.listeners ?? [http()]),
    ...inventory(),
    ...(o.routes ?? [grpcRoute('shop', 'inventory', [parent], [{ service: 'shop.v1.Inventory', backends: [{ name: 'inventory', port: 9000 }] }], { hostnames: ['grpc.example.com'] })]),
    ...(o.extra ?? []),
  ];
}

const routeIds = (r: Report): string[] => r.findings.filter((f) => f.id.startsWith('route.') && f.severity !== 'info').map((f) => `${f.id} ${f.object.kind}/${f.object.name}`);

describe('a healthy GRPCRoute', () => {
  it('has no route finding, and the graph reads its gRPC match and backend', () => {
    const s = snap(world());
    assert.deepEqual(routeIds(run(s)), []);
    const [rv] = buildGraph(s).routes;
    assert.equal(rv?.route.kind, 'GRPCRoute');
    assert.deepEqual(rv?.rules[0]?.matches.map((m) => m.text), ['gRPC shop.v1.Inventory/*']);
    assert.equal(rv?.rules[0]?.backends[0]?.state, 'ok');
    assert.deepEqual(rv?.parents[0]?.listeners, ['http']);
    const svc = buildGraph(s).services.find((v) => v.ref.name === 'inventory');
    assert.deepEqual(svc?.reachedBy, [{ kind: 'GRPCRoute', namespace: 'shop', name: 'inventory' }]);
  });
  it('gets an entry path of kind grpcroute, hop by hop to the ready pod', () => {
    const r = run(snap(world()));
    const p = r.paths.find((x) => x.kind === 'grpcroute');
    assert.equal(p?.entry, 'http://grpc.example.com gRPC shop.v1.Inventory/* via infra/public');
    assert.equal(p?.verdict, 'ok');
    assert.ok(p?.hops.some((h) => h.label === 'GRPCRoute shop/inventory' && h.verdict === 'ok'));
    assert.equal(r.summary.grpcRoutes, 1);
  });
  it('a rule without matches matches every gRPC request', () => {
    const s = snap(world({ routes: [grpcRoute('shop', 'all', [parent], [{ backends: [{ name: 'inventory', port: 9000 }] }])] }));
    assert.deepEqual(buildGraph(s).routes[0]?.rules[0]?.matches.map((m) => m.text), ['gRPC */*']);
  });
});

describe('route.* on GRPCRoutes', () => {
  it('route.backend-missing and route.backend-port-mismatch name the GRPCRoute and the field', () => {
    const routes = [grpcRoute('shop', 'inventory', [parent], [{ service: 'a.B', backends: [{ name: 'invntory', port: 9000 }] }, { service: 'c.D', backends: [{ name: 'inventory', port: 50051 }] }])];
    const r = run(snap(world({ routes })));
    const [missing] = ids(r, 'route.backend-missing');
    assert.equal(missing?.object.kind, 'GRPCRoute');
    assert.match(missing?.message ?? '', /^GRPCRoute shop\/inventory sends rule 0 to Service shop\/invntory, which does not exist/);
    assert.deepEqual(missing?.fields, ['spec.rules[0].backendRefs[0].name']);
    const [port] = ids(r, 'route.backend-port-mismatch');
    assert.match(port?.message ?? '', /uses port 50051 of Service shop\/inventory, which only exposes 9000/);
    const broken = r.paths.filter((p) => p.kind === 'grpcroute' && p.verdict === 'broken');
    assert.deepEqual(broken.map((p) => p.hops.find((h) => h.verdict === 'broken')?.field), ['spec.rules[0].backendRefs[0].name', 'spec.rules[1].backendRefs[0].port']);
  });

  it('route.not-attachable when the listener only allows HTTPRoutes; silent when it allows GRPCRoutes', () => {
    const onlyHttp = http({ allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] } });
    const [f] = ids(run(snap(world({ listeners: [onlyHttp], routes: [grpcRoute('shop', 'inventory', [parent], [{ backends: [{ name: 'inventory', port: 9000 }] }], { parentStatus: [[cond('Accepted', 'False', 'NotAllowedByListeners')]] })] }))), 'route.not-attachable');
    assert.match(f?.message ?? '', /GRPCRoute shop\/inventory cannot attach to Gateway infra\/public: listener 'http' only allows kinds HTTPRoute/);
    const onlyGrpc = http({ allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] }, supportedKinds: ['GRPCRoute'] });
    assert.deepEqual(routeIds(run(snap(world({ listeners: [onlyGrpc] })))), []);
  });

  it('route.not-attachable when the implementation does not list GRPCRoute among the listener supportedKinds', () => {
    const noGrpc = http({ supportedKinds: ['HTTPRoute'] });
    const routes = [grpcRoute('shop', 'inventory', [parent], [{ backends: [{ name: 'inventory', port: 9000 }] }], { parentStatus: [null] })];
    const [f] = ids(run(snap(world({ listeners: [noGrpc], routes }))), 'route.not-attachable');
    assert.match(f?.message ?? '', /does not support GRPCRoute there \(status supportedKinds: HTTPRoute\)/);
    // the same listener carries HTTPRoutes
    const web = httpRoute('shop', 'web', [parent], [[{ name: 'inventory', port: 9000 }]]);
    assert.equal(ids(run(snap(world({ listeners: [noGrpc], routes: [web] }))), 'route.not-attachable').length, 0);
  });

  it('a ReferenceGrant must name GRPCRoute in from: one for HTTPRoutes does not cover it', () => {
    const pay = inventory('payments');
    const cross = [grpcRoute('shop', 'inventory', [parent], [{ backends: [{ name: 'inventory', namespace: 'payments', port: 9000 }] }])];
    const forHttp = referenceGrant('payments', 'from-shop', 'shop', {}, 'HTTPRoute');
    const refused = run(snap(world({ routes: cross, extra: [namespace('payments'), ...pay, forHttp] })));
    const [f] = ids(refused, 'route.backend-crossns-no-grant');
    assert.match(f?.hint ?? '', /from GRPCRoute in shop, to Service/);
    const path = refused.paths.find((p) => p.kind === 'grpcroute');
    assert.equal(path?.hops.find((h) => h.label === 'ReferenceGrant')?.verdict, 'broken');
    const forGrpc = referenceGrant('payments', 'from-shop', 'shop', {}, 'GRPCRoute');
    const granted = run(snap(world({ routes: cross, extra: [namespace('payments'), ...pay, forGrpc] })));
    assert.equal(ids(granted, 'route.backend-crossns-no-grant').length, 0);
    assert.equal(granted.paths.find((p) => p.kind === 'grpcroute')?.hops.find((h) => h.label === 'ReferenceGrant')?.verdict, 'ok');
  });

  it('route.not-accepted reads the GRPCRoute status written by the controller', () => {
    const routes = [grpcRoute('shop', 'inventory', [parent], [{ backends: [{ name: 'inventory', port: 9000 }] }], { parentStatus: [[cond('Accepted', 'False', 'UnsupportedValue', 'method match type RegularExpression is not supported')]] })];
    const [f] = ids(run(snap(world({ routes }))), 'route.not-accepted');
    assert.match(f?.message ?? '', /GRPCRoute shop\/inventory is not accepted by Gateway infra\/public: UnsupportedValue/);
  });
});

describe('route.hostname-overlap across GRPCRoutes', () => {
  const rule = (svc: string) => [{ service: svc, backends: [{ name: 'inventory', port: 9000 }] }];
  it('fires for two GRPCRoutes with the same host and service on one listener; the older wins', () => {
    const routes = [
      grpcRoute('shop', 'inventory', [parent], rule('shop.v1.Inventory'), { hostnames: ['grpc.example.com'], created: '2026-01-01T00:00:00Z' }),
      grpcRoute('shop', 'inventory-v2', [parent], rule('shop.v1.Inventory'), { hostnames: ['grpc.example.com'], created: '2026-02-01T00:00:00Z' }),
    ];
    const [f] = ids(run(snap(world({ routes }))), 'route.hostname-overlap');
    assert.equal(f?.object.name, 'inventory-v2');
    assert.match(f?.message ?? '', /^GRPCRoutes shop\/inventory and shop\/inventory-v2 both match grpc\.example\.com gRPC shop\.v1\.Inventory\/\*/);
  });
  it('must not fire for different gRPC services, nor between an HTTPRoute and a GRPCRoute on the same host', () => {
    const routes = [grpcRoute('shop', 'inventory', [parent], rule('shop.v1.Inventory'), { hostnames: ['grpc.example.com'] }), grpcRoute('shop', 'orders', [parent], rule('shop.v1.Orders'), { hostnames: ['grpc.example.com'] })];
    assert.equal(ids(run(snap(world({ routes }))), 'route.hostname-overlap').length, 0);
    const web = httpRoute('shop', 'web', [parent], [[{ name: 'inventory', port: 9000 }]], { hostnames: ['grpc.example.com'] });
    const all = grpcRoute('shop', 'all', [parent], [{ backends: [{ name: 'inventory', port: 9000 }] }], { hostnames: ['grpc.example.com'] });
    assert.equal(ids(run(snap(world({ routes: [web, all] }))), 'route.hostname-overlap').length, 0);
  });
});

describe('GRPCRoute visibility', () => {
  it('forbidden GRPCRoutes leave route.* partly checked; HTTPRoutes are still judged', () => {
    const web = httpRoute('shop', 'web', [parent], [[{ name: 'nope', port: 80 }]]);
    const r = run(snap(world({ routes: [web] }), { GRPCRoute: { state: 'forbidden' } }));
    assert.equal(ids(r, 'route.backend-missing').length, 1);
    const sk = r.skipped.find((x) => x.id === 'route.backend-missing');
    assert.match(sk?.reason ?? '', /^partly checked: GRPCRoute forbidden by RBAC/);
    assert.ok(skippedIds(r).includes('route.not-attachable'));
  });
});
