// Reviewer-confirmed deviations in the further Ingress / Gateway checks (more-ingress.ts) and in the
// graph (dual-stack backends, route match identity), each on objects shaped as a live cluster returns them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../../../src/model/graph.js';
import { deployment, ids, ingress, ingressClass, nginxInstall, node, ofKind, pod, run, rule, service, skippedIds, slicesFor, snap, type Raw } from './fixtures/build.js';
import { cond, gateway, gatewayClass, httpRoute, namespace, type ListenerIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const all: Raw = { namespaces: { from: 'All' } };
const gone = { state: 'not-installed' as const };
const NO_GATEWAY_API = { HTTPRoute: gone, Gateway: gone, GatewayClass: gone, ReferenceGrant: gone };

/** Backend Service web (shop) with its Deployment pods and controller-written slices. */
function web(pods = 2): Raw[] {
  const d = deployment('shop', 'web', { app: 'web' }, { replicas: pods });
  const svc = service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  return [...d, svc, ...slicesFor(svc, ofKind(d, 'Pod'))];
}

/** Traefik as its Helm chart installs it: one ready pod and IngressClass traefik. */
const traefik = (): Raw[] => [pod('traefik', 'traefik-6c8d5f-abcde', { 'app.kubernetes.io/name': 'traefik' }, { image: 'docker.io/traefik:v3.1.4', args: ['--providers.kubernetesingress'], ports: [{ name: 'web', containerPort: 8000 }] }), ingressClass('traefik', 'traefik.io/ingress-controller')];

/** An Ingress whose controller published several addresses (ingress-nginx without a LB: node IPs). */
function withAddresses(ing: Raw, addrs: string[]): Raw {
  return { ...ing, status: { loadBalancer: { ingress: addrs.map((ip) => ({ ip })) } } };
}

describe('conflict.same-host-different-entrypoints', () => {
  const shop = (name: string, cls: string, address: string): Raw => ingress('shop', name, { ingressClassName: cls, rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address });

  it('fires for one host on Ingresses of two classes with different addresses, without the Gateway API', () => {
    const r = run(snap([node('node-a'), ...web(), ...nginxInstall({ lbAddress: '1.1.1.1' }), ...traefik(), shop('web-nginx', 'nginx', '1.1.1.1'), shop('web-traefik', 'traefik', '2.2.2.2')], NO_GATEWAY_API));
    assert.ok(!skippedIds(r).includes('conflict.same-host-different-entrypoints'));
    const f = ids(r, 'conflict.same-host-different-entrypoints');
    assert.equal(f.length, 1);
    assert.match(f[0]?.message ?? '', /shop\.example\.com .*Ingress class nginx at 1\.1\.1\.1; Ingress class traefik at 2\.2\.2\.2/);
    assert.deepEqual(f[0]?.related?.map((x) => x.name), ['web-traefik']);
  });

  it('gwc.unknown-controller still runs when Ingresses are forbidden', () => {
    const r = run(snap([node('node-a'), gatewayClass('custom', 'example.com/gw', [])], { Ingress: { state: 'forbidden' } }));
    assert.ok(!skippedIds(r).includes('gwc.unknown-controller'));
    assert.equal(ids(r, 'gwc.unknown-controller').length, 1);
  });

  it('one Ingress publishing several addresses (node IPs) is one entry point', () => {
    const ing = withAddresses(shop('web', 'nginx', '10.0.0.11'), ['10.0.0.11', '10.0.0.12']);
    const objs = [node('node-a'), ...web(), ...nginxInstall({ lbAddress: null }), ing];
    assert.equal(ids(run(snap(objs)), 'conflict.same-host-different-entrypoints').length, 0);
    assert.equal(ids(run(snap(objs, NO_GATEWAY_API)), 'conflict.same-host-different-entrypoints').length, 0);
  });

  it('still fires for an Ingress and an HTTPRoute on a Gateway with another address', () => {
    const objs = [node('node-a'), namespace('infra'), namespace('shop'), ...web(), ...nginxInstall({ lbAddress: '1.1.1.1' }), shop('web', 'nginx', '1.1.1.1'), gatewayClass('eg', EG), gateway('infra', 'public', [{ name: 'http', allowedRoutes: all }], { addresses: ['203.0.113.30'] }), httpRoute('shop', 'web-gw', [{ name: 'public', namespace: 'infra' }], [[{ name: 'web', port: 80 }]], { hostnames: ['shop.example.com'] })];
    assert.match(ids(run(snap(objs)), 'conflict.same-host-different-entrypoints')[0]?.message ?? '', /Ingress class nginx at 1\.1\.1\.1; Gateway infra\/public at 203\.0\.113\.30/);
  });
});

/** Gateway infra/public with listeners public and internal (both admit routes from all namespaces). */
function routeWorld(routes: Raw[]): Raw[] {
  const listeners: ListenerIn[] = [
    { name: 'public', port: 80, allowedRoutes: all },
    { name: 'internal', port: 8080, allowedRoutes: all },
  ];
  return [node('node-a'), namespace('infra'), namespace('shop'), ...web(), gatewayClass('eg', EG), gateway('infra', 'public', listeners), ...routes];
}

/** An HTTPRoute on infra/public with one rule whose matches are as given (spec as the API stores it). */
function route(name: string, matches: Raw[], o: { sectionName?: string; created?: string } = {}): Raw {
  const r = httpRoute('shop', name, [{ name: 'public', namespace: 'infra', ...(o.sectionName ? { sectionName: o.sectionName } : {}) }], [[{ name: 'web', port: 80 }]], { hostnames: ['shop.example.com'], ...(o.created ? { created: o.created } : {}) });
  const spec = r.spec as { rules: Raw[] };
  spec.rules = spec.rules.map((x) => ({ ...x, matches }));
  return r;
}

const prefix = (value = '/'): Raw => ({ path: { type: 'PathPrefix', value } });

describe('route.hostname-overlap', () => {
  it('fires for identical matches and names the older route as the winner', () => {
    const f = ids(run(snap(routeWorld([route('web', [prefix()], { created: '2026-10-01T00:00:00Z' }), route('web-v2', [prefix()])]))), 'route.hostname-overlap');
    assert.equal(f.length, 1);
    assert.equal(f[0]?.object.name, 'web-v2');
    assert.match(f[0]?.message ?? '', /older route \(shop\/web\) wins/);
  });

  it('does not fire for / against / with a header match (more specific, wins for those requests)', () => {
    const canary = { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'x-canary', value: '1' }] };
    assert.equal(ids(run(snap(routeWorld([route('web', [prefix()]), route('web-canary', [canary])]))), 'route.hostname-overlap').length, 0);
    // same header match in both (header names are case-insensitive) is a real overlap
    const canary2 = { path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: '1' }] };
    assert.equal(ids(run(snap(routeWorld([route('web-canary', [canary]), route('web-canary2', [canary2])]))), 'route.hostname-overlap').length, 1);
  });

  it('does not fire for different query params or methods', () => {
    const q = { path: { type: 'PathPrefix', value: '/' }, queryParams: [{ type: 'Exact', name: 'v', value: '2' }] };
    const get = { path: { type: 'PathPrefix', value: '/' }, method: 'GET' };
    assert.equal(ids(run(snap(routeWorld([route('web', [prefix()]), route('web-q', [q]), route('web-get', [get])]))), 'route.hostname-overlap').length, 0);
  });

  it('does not fire for routes on different listeners of one Gateway', () => {
    assert.equal(ids(run(snap(routeWorld([route('web', [prefix()], { sectionName: 'public' }), route('web-internal', [prefix()], { sectionName: 'internal' })]))), 'route.hostname-overlap').length, 0);
    assert.equal(ids(run(snap(routeWorld([route('web', [prefix()], { sectionName: 'public' }), route('web-2', [prefix()], { sectionName: 'public' })]))), 'route.hostname-overlap').length, 1);
  });

  it('the graph shows header and query matches, so two rules do not look the same', () => {
    const canary = { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'x-canary', value: '1' }] };
    const g = buildGraph(snap(routeWorld([route('web-canary', [canary])])));
    assert.deepEqual(g.routes[0]?.rules[0]?.matches.map((m) => m.text), ['/* [x-canary: 1]']);
  });
});

describe('gwc.unknown-controller', () => {
  const classWorld = (conds: Raw[]): Raw[] => [node('node-a'), gatewayClass('custom', 'example.com/gw', conds)];
  it('not for a class a controller rejected (Accepted=False InvalidParameters)', () => {
    assert.equal(ids(run(snap(classWorld([cond('Accepted', 'False', 'InvalidParameters', 'parametersRef not found')]))), 'gwc.unknown-controller').length, 0);
  });
  it('for a Pending class (the API default, or no Accepted condition)', () => {
    assert.equal(ids(run(snap(classWorld([cond('Accepted', 'Unknown', 'Pending', 'Waiting for controller')]))), 'gwc.unknown-controller').length, 1);
    assert.equal(ids(run(snap(classWorld([]))), 'gwc.unknown-controller').length, 1);
  });
});

describe('ing.foreign-annotations by controller family', () => {
  const contour = (ann: Record<string, string>): Raw[] => [node('node-a'), ...web(), ingressClass('contour', 'projectcontour.io/contour'), pod('projectcontour', 'contour-7b9c-abcde', { app: 'contour' }, { image: 'ghcr.io/projectcontour/contour:v1.30.0', args: ['serve'] }), ingress('shop', 'web', { ingressClassName: 'contour', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.7', annotations: ann })];
  it('Contour under its older controller string reads projectcontour.io/ annotations', () => {
    assert.equal(ids(run(snap(contour({ 'projectcontour.io/response-timeout': '30s' }))), 'ing.foreign-annotations').length, 0);
    assert.equal(ids(run(snap(contour({ 'nginx.ingress.kubernetes.io/proxy-read-timeout': '30' }))), 'ing.foreign-annotations').length, 1);
  });
  it('nginx.com/ annotations belong to F5 NGINX', () => {
    const r = run(snap([node('node-a'), ...web(), ...traefik(), ingress('shop', 'web', { ingressClassName: 'traefik', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.8', annotations: { 'nginx.com/health-checks': 'true' } })]));
    assert.match(ids(r, 'ing.foreign-annotations')[0]?.message ?? '', /nginx\.com\/health-checks/);
  });
});

describe('ing.nginx-lint annotation gaps', () => {
  const nginxIng = (ann: Record<string, string>): Raw[] => [node('node-a'), ...web(), ...nginxInstall(), ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.10', annotations: ann })];
  it('flags nginx.com/ and nginx.org/ annotations on an ingress-nginx Ingress (once, as nginx-lint)', () => {
    const r = run(snap(nginxIng({ 'nginx.com/sticky-cookie-services': 'serviceName=web srv_id expires=1h', 'nginx.org/proxy-connect-timeout': '30s' })));
    assert.deepEqual(ids(r, 'ing.nginx-lint').map((f) => `${f.severity} ${/uses annotation (\S+),/.exec(f.message)?.[1] ?? ''}`).sort(), ['warning nginx.com/sticky-cookie-services', 'warning nginx.org/proxy-connect-timeout']);
    assert.equal(ids(r, 'ing.foreign-annotations').length, 0);
  });
  it('flags satisfy in configuration-snippet, not other snippets', () => {
    const snippet = 'satisfy any;\nallow 10.0.0.0/8;\ndeny all;\n';
    assert.match(ids(run(snap(nginxIng({ 'nginx.ingress.kubernetes.io/configuration-snippet': snippet }))), 'ing.nginx-lint')[0]?.message ?? '', /satisfy/);
    assert.equal(ids(run(snap(nginxIng({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";\n' }))), 'ing.nginx-lint').length, 0);
  });
});

describe('dual-stack backends are counted per pod', () => {
  /** The IPv4 slices the controller writes, plus the IPv6 slices of a dual-stack Service (one per family). */
  function dualStack(svc: Raw, pods: Raw[]): Raw[] {
    const v4 = slicesFor(svc, pods);
    const v6 = v4.map((sl) => {
      const meta = sl.metadata as Raw;
      const eps = (sl.endpoints as Raw[] | null)?.map((e, i) => ({ ...e, addresses: [`fd00:10:244::${(i + 1).toString(16)}`] })) ?? null;
      return { ...sl, metadata: { ...meta, name: `${String(meta.name)}-v6` }, addressType: 'IPv6', endpoints: eps };
    });
    return [...v4, ...v6];
  }
  /** Pods with both pod IPs, as a dual-stack cluster reports them. */
  const dual = (p: Raw, i: number): Raw => {
    const st = p.status as Raw;
    return { ...p, status: { ...st, podIPs: [{ ip: st.podIP }, { ip: `fd00:10:244::${(i + 1).toString(16)}` }] } };
  };
  function world(ready: boolean[]): Raw[] {
    const d = deployment('shop', 'web', { app: 'web' }, { pods: ready.map((r) => (r ? {} : { waiting: 'CrashLoopBackOff' })) });
    const pods = ofKind(d, 'Pod').map(dual);
    const svc = service('shop', 'web', { selector: { app: 'web' }, ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    return [node('node-a'), ...d.filter((o) => o.kind !== 'Pod'), ...pods, svc, ...dualStack(svc, pods), ...nginxInstall(), ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80]])] }, { address: '203.0.113.10' })];
  }

  it('three pods, one not ready: 1 of 3 backends, the pod named once', () => {
    const s = snap(world([true, true, false]));
    const sv = buildGraph(s).services.find((v) => v.ref.name === 'web');
    assert.equal(sv?.totalCount, 3);
    assert.equal(sv?.readyCount, 2);
    const f = ids(run(s), 'eps.partially-ready');
    assert.equal(f.length, 1);
    assert.match(f[0]?.message ?? '', /^1 of 3 backends /);
    assert.equal(f[0]?.message.match(/CrashLoopBackOff/g)?.length, 1);
  });

  it('the Ingress backend lists each pod once', () => {
    const g = buildGraph(snap(world([true, true, false])));
    const b = g.ingresses.find((v) => v.ref.name === 'web')?.routes[0]?.backend;
    assert.equal(b?.targets.length, 3);
    assert.equal(b?.targets.filter((t) => t.ready).length, 2);
  });

  it('all not ready: each pod named once', () => {
    const r = run(snap(world([false, false])));
    const msg = ids(r, 'eps.no-ready')[0]?.message ?? '';
    const names = /none is ready: (.*), so every/.exec(msg)?.[1]?.split(', ').map((x) => x.split(' ')[0]) ?? [];
    assert.equal(names.length, 2);
    assert.equal(new Set(names).size, 2);
    assert.match(msg, /it has 2 endpoints but none is ready/);
  });
});
