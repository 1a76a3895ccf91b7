// Scenarios from more of the peer tools' own test suites, re-expressed as kexplore fixtures shaped
// as a live cluster returns them (API/CRD defaults applied, status as the controllers write it).
// Where the peer's rule is right kexplore agrees (`agrees with <tool>:`); where it deliberately
// differs (`differs from <tool>:`) docs/peer-differences-2.md has a row saying why.
//
// Read (file @ stored commit):
//   k8sgpt-ai/k8sgpt pkg/analyzer/service_test.go      @531f0bc4 (service.go @1e6f89e4)
//   k8sgpt-ai/k8sgpt pkg/analyzer/gateway_test.go      @575d173e (gateway.go @2263eeaa)
//   k8sgpt-ai/k8sgpt pkg/analyzer/gatewayclass_test.go @0dbe5723 (gatewayclass.go @03be3f6a)
//   k8sgpt-ai/k8sgpt pkg/analyzer/httproute_test.go    @575d173e
//   k8sgpt-ai/k8sgpt pkg/analyzer/netpol_test.go       @584201a3 (netpol.go @0e09c5d2)
//   derailed/popeye internal/lint/ing_test.go @6df48cb4 (ing.go @13b22621; testdata net/ingress/1.yaml, core/svc/1.yaml @941a9db5)
//   derailed/popeye internal/lint/np_test.go  @68d50b2b (np.go @13b22621; testdata net/np/1.yaml, 2.yaml, core/pod/1.yaml @941a9db5/@51e10d0c, core/ns/1.yaml @6df48cb4)
//   derailed/popeye internal/lint/gw_test.go  @6df48cb4, gwc_test.go @941a9db5, gwr_test.go @6df48cb4 (gwr.go @13b22621; testdata net/gw, net/gwc, net/gwr)
// Popeye has no Endpoints/EndpointSlice linter (internal/lint has no ep.go); its Endpoints checks
// live in svc.go, ported in peers.test.ts.
// Not ported, with the reason:
//   k8sgpt label-selector and namespace-filter tests (CLI filtering, not a verdict);
//   k8sgpt TestSvcNilPortHTTRouteAnalyzer and Popeye ing4 (no port): the API rejects a Service
//   backendRef / Ingress service backend without a port, so a live cluster never returns them;
//   Popeye Test_npDefaultDenyAll (unit test of an internal helper); Popeye ip-block-all-eg (its
//   POP-1206 half is the ipBlock row; its ingress half is the deny case already covered).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../../src/checks/types.js';
import { deployment, endpointsFor, ids, ingress, nginxInstall, node, ofKind, pod, RECENT, run, service, snap, withSlices, type Raw } from './fixtures/build.js';
import { cond, G, gateway, gatewayClass, httpRoute, namespace, netpol, type ListenerIn } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const above = (r: Report, re: RegExp): string[] => r.findings.filter((f) => re.test(f.id) && f.severity !== 'info').map((f) => `${f.id} ${f.object.name}`);
const on = (r: Report, id: string, name: string): Raw[] => r.findings.filter((f) => f.id === id && f.object.name === name) as unknown as Raw[];

// ------------------------------------------------------------------ k8sgpt service_test.go
describe('k8sgpt pkg/analyzer/service_test.go (TestServiceAnalyzer)', () => {
  const endpoints = (name: string, o: { annotations?: Record<string, string>; subsets?: Raw[] } = {}): Raw => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'test', creationTimestamp: '2026-11-01T00:00:00Z', ...(o.annotations ? { annotations: o.annotations } : {}) }, ...(o.subsets ? { subsets: o.subsets } : {}) });
  const notReady = (ip: string, p: string): Raw => ({ ip, nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'test', name: p } });
  const service1 = service('test', 'service1', { selector: { app1: 'test-app1', app2: 'test-app2' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
  const service3 = service('test', 'service3', { ports: [{ name: 'http', port: 80 }] });
  const world = (): Raw[] => [
    node('node-a'),
    namespace('test'),
    // Endpoint1: addresses only in notReadyAddresses, and no Service of that name
    endpoints('endpoint1', { subsets: [{ notReadyAddresses: [notReady('10.244.1.21', 'reference1'), notReady('10.244.1.22', 'reference2')], ports: [{ port: 8080, protocol: 'TCP' }] }, { notReadyAddresses: [notReady('10.244.1.23', 'reference3')], ports: [{ port: 8080, protocol: 'TCP' }] }] }),
    // Endpoint2: a leader-election lock
    endpoints('endpoint2', { annotations: { 'control-plane.alpha.kubernetes.io/leader': '{"holderIdentity":"controller-0"}' } }),
    endpoints('non-existent-service'),
    ...withSlices(service1, []),
    endpointsFor(service1, []),
    service3,
  ];
  const r = run(snap(world()));

  it('agrees with k8sgpt: a selector Service without endpoints is reported with its selector (svc.selector-no-pods)', () => {
    const [f] = ids(r, 'svc.selector-no-pods').filter((x) => x.object.name === 'service1');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /app1=test-app1/);
    assert.match(f?.message ?? '', /app2=test-app2/);
    // the empty Endpoints/placeholder slice is the consequence, rooted in the selector
    assert.equal(on(r, 'eps.no-ready', 'service1').length, 1);
  });
  it('agrees with k8sgpt: Endpoints carrying the leader-election annotation are not judged', () => {
    assert.equal(r.findings.filter((f) => f.object.name === 'endpoint2').length, 0);
  });
  it('differs from k8sgpt: an Endpoints object without a Service is eps.orphan, with or without addresses (never "not ready endpoints")', () => {
    assert.deepEqual(ids(r, 'eps.orphan').map((f) => f.object.name).sort(), ['endpoint1', 'non-existent-service']);
    assert.ok(ids(r, 'eps.orphan').every((f) => f.severity === 'warning'));
    assert.deepEqual(ids(r, 'eps.no-ready').map((f) => f.object.name), ['service1']);
  });
  it('agrees with k8sgpt: a Service whose pods are all not ready has not-ready endpoints (eps.no-ready)', () => {
    const d = deployment('test', 'web', { app: 'web' }, { pods: [{ ready: false }, { ready: false }] });
    const svc = service('test', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const r2 = run(snap([node('node-a'), namespace('test'), ...d, ...withSlices(svc, ofKind(d, 'Pod'))]));
    assert.equal(on(r2, 'eps.no-ready', 'web').length, 1);
  });
  it('differs from k8sgpt: a selectorless Service with no Endpoints object at all is reported (svc.selectorless-no-endpoints)', () => {
    const [f] = ids(r, 'svc.selectorless-no-endpoints');
    assert.equal(f?.object.name, 'service3');
    assert.equal(f?.severity, 'warning');
  });
});

// ------------------------------------------------------------------ k8sgpt gateway / gatewayclass
describe('k8sgpt pkg/analyzer/gateway_test.go and gatewayclass_test.go', () => {
  const proxy: ListenerIn = { name: 'proxy', port: 80, protocol: 'HTTP' };
  const world = (gw: Raw, classes: Raw[] = [gatewayClass('exists', EG)]): Raw[] => [node('node-a'), namespace('default'), ...classes, gw];
  const gwIds = (r: Report): string[] => above(r, /^(gw|gwc)\./);

  it('agrees with k8sgpt: Accepted and Programmed True with an existing class is no finding (TestGatewayAnalyzer, TestAcceptedAndProgrammedTrue…)', () => {
    assert.deepEqual(gwIds(run(snap(world(gateway('default', 'foobar', [proxy], { className: 'exists' }))))), []);
  });
  it('agrees with k8sgpt: a Gateway created a moment ago that no controller has reported on is not a failure (TestEmptyConditions…)', () => {
    // the Gateway CRD defaults status.conditions to Accepted/Programmed Unknown, reason Pending
    const pending = [cond('Accepted', 'Unknown', 'Pending', 'Waiting for controller'), cond('Programmed', 'Unknown', 'Pending', 'Waiting for controller')];
    assert.deepEqual(gwIds(run(snap(world(gateway('default', 'foobar', [proxy], { className: 'exists', conds: pending, addresses: [], statusListeners: [], created: RECENT }))))), []);
  });
  it('agrees with k8sgpt: a missing GatewayClass is an error (TestMissingClassGatewayAnalyzer)', () => {
    const r = run(snap(world(gateway('default', 'foobar', [proxy], { className: 'non-existed' }))));
    assert.deepEqual(gwIds(r), ['gw.class-missing foobar']);
  });
  it('agrees with k8sgpt: Accepted=Unknown past the grace period is gw.not-accepted (TestStatusGatewayAnalyzer)', () => {
    const [f] = ids(run(snap(world(gateway('default', 'foobar', [proxy], { className: 'exists', conds: [cond('Accepted', 'Unknown', 'Test', 'An expected message'), cond('Programmed')] })))), 'gw.not-accepted');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /An expected message/);
  });
  it('agrees with k8sgpt: Programmed=False AddressNotAssigned is gw.not-programmed (TestProgrammedFalseGatewayAnalyzer)', () => {
    const conds = [cond('Accepted', 'True', 'Accepted', 'Gateway accepted'), cond('Programmed', 'False', 'AddressNotAssigned', 'No addresses have been assigned')];
    const r = run(snap(world(gateway('default', 'foobar', [proxy], { className: 'exists', conds, addresses: [] }))));
    assert.match(ids(r, 'gw.not-programmed')[0]?.message ?? '', /AddressNotAssigned/);
    assert.equal(ids(r, 'gw.not-accepted').length, 0);
  });
  it('agrees with k8sgpt: Accepted=False found by type when it is not Conditions[0] (TestAcceptedFalseNotAtIndexZero…)', () => {
    const conds = [cond('Programmed', 'True', 'Programmed', 'Configured'), cond('Accepted', 'False', 'NotAccepted', 'Listeners not valid')];
    const r = run(snap(world(gateway('default', 'foobar', [proxy], { className: 'exists', conds }))));
    assert.match(ids(r, 'gw.not-accepted')[0]?.message ?? '', /Listeners not valid/);
    assert.equal(ids(r, 'gw.not-programmed').length, 0);
  });
  it('agrees with k8sgpt: of two GatewayClasses only the one not accepted is reported (TestGatewayClassAnalyzer)', () => {
    // the test's status "Uknown" is not a valid ConditionStatus (CRD enum); a live class says Unknown
    const classes = [gatewayClass('foobar', 'gateway.fooproxy.io/gatewayclass-controller', [cond('Accepted', 'Unknown', 'Pending', 'Invalid GatewayClass')]), gatewayClass('foobar1', EG, [cond('Accepted', 'True', 'Accepted', 'Valid GatewayClass')])];
    const r = run(snap(world(gateway('default', 'gw', [proxy], { className: 'foobar1' }), classes)));
    assert.deepEqual(ids(r, 'gwc.not-accepted').map((f) => f.object.name), ['foobar']);
  });
});

// ------------------------------------------------------------------ k8sgpt httproute_test.go
describe('k8sgpt pkg/analyzer/httproute_test.go', () => {
  const refused = [cond('Accepted', 'False', 'NotAllowedByListeners', 'No listeners included by this parent ref allowed this attachment.'), cond('ResolvedRefs')];
  const listener = (from: 'Same' | 'Selector' | 'All'): ListenerIn => ({ name: 'proxy', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: from === 'Selector' ? { from, selector: { matchLabels: { foo: 'bar' } } } : { from } } });
  function world(o: { gwNs?: string; from?: 'Same' | 'Selector' | 'All'; parent?: { name: string; namespace: string }; port?: number; withBackend?: boolean; parentStatus?: (Raw[] | null)[] } = {}): Raw[] {
    const d = deployment('default', 'example-app', { app: 'example-app' });
    const svc = service('default', 'foobackend', { selector: { app: 'example-app' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    return [
      node('node-a'),
      namespace('default'),
      namespace('differentnamespace'),
      gatewayClass('fooclassname', EG),
      gateway(o.gwNs ?? 'default', 'gatewayname', [listener(o.from ?? 'Same')], { className: 'fooclassname' }),
      ...d,
      ...(o.withBackend === false ? [] : withSlices(svc, ofKind(d, 'Pod'))),
      httpRoute('default', 'foohttproute', [o.parent ?? { name: 'gatewayname', namespace: o.gwNs ?? 'default' }], [[{ name: 'foobackend', port: o.port ?? 80 }]], o.parentStatus ? { parentStatus: o.parentStatus } : {}),
    ];
  }

  it('agrees with k8sgpt: a parent Gateway that does not exist is route.parent-missing (TestGWMissiningHTTRouteAnalyzer)', () => {
    const r = run(snap([...world({ parent: { name: 'non-existent', namespace: 'non-existent' }, parentStatus: [null] })]));
    const [f] = ids(r, 'route.parent-missing');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /non-existent\/non-existent/);
  });
  it('agrees with k8sgpt: a route in another namespace than a from: Same listener cannot attach (TestGWConfigSameHTTRouteAnalyzer)', () => {
    const r = run(snap(world({ gwNs: 'differentnamespace', parentStatus: [refused] })));
    assert.match(ids(r, 'route.not-attachable')[0]?.message ?? '', /from: Same/);
  });
  it('agrees with k8sgpt: a Selector listener whose labels the route side lacks refuses the route (TestGWConfigSelectorHTTRouteAnalyzer; kexplore reads the Namespace labels)', () => {
    const r = run(snap(world({ from: 'Selector', parentStatus: [refused] })));
    assert.equal(ids(r, 'route.not-attachable').length, 1);
  });
  it('agrees with k8sgpt: a backendRef to a Service that does not exist is route.backend-missing (TestSvcMissingHTTRouteAnalyzer)', () => {
    const r = run(snap(world({ withBackend: false, parentStatus: [[cond('Accepted'), cond('ResolvedRefs', 'False', 'BackendNotFound', 'Service default/foobackend not found')]] })));
    assert.match(ids(r, 'route.backend-missing')[0]?.message ?? '', /foobackend/);
  });
  it('agrees with k8sgpt: a backendRef port the Service does not expose is route.backend-port-mismatch (TestSvcDifferentPortHTTRouteAnalyzer)', () => {
    const r = run(snap(world({ port: 1027 })));
    const [f] = ids(r, 'route.backend-port-mismatch');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /1027/);
    assert.equal(ids(run(snap(world())), 'route.backend-port-mismatch').length, 0);
  });
});

// ------------------------------------------------------------------ k8sgpt netpol_test.go
describe('k8sgpt pkg/analyzer/netpol_test.go', () => {
  const policy = netpol('default', 'example', { podSelector: { matchLabels: { app: 'example' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'database' } } }] }] });
  it('agrees with k8sgpt: a policy whose podSelector selects no pod is reported (TestNetpolNoPods ↔ netpol.dangling-selector)', () => {
    const r = run(snap([node('node-a'), namespace('default'), policy]));
    assert.deepEqual(ids(r, 'netpol.dangling-selector').map((f) => f.fields?.[0]), ['spec.podSelector', 'spec.ingress[0].from[0]']);
  });
  it('agrees with k8sgpt: once a pod carries the label, the policy selector is not reported (TestNetpolWithPod)', () => {
    const r = run(snap([node('node-a'), namespace('default'), policy, pod('default', 'example', { app: 'example' })]));
    assert.deepEqual(ids(r, 'netpol.dangling-selector').map((f) => f.fields?.[0]), ['spec.ingress[0].from[0]']);
  });
});

// ------------------------------------------------------------------ Popeye ing_test.go
describe('Popeye internal/lint/ing_test.go (TestIngLint)', () => {
  const p1 = deployment('default', 'p1', { app: 'p1' }, { ports: [{ name: 'http', containerPort: 9090 }] });
  const p2 = deployment('default', 'p2', { app: 'p2' }, { ports: [{ name: 'service', containerPort: 3000 }] });
  const svc1 = service('default', 'svc1', { selector: { app: 'p1' }, ports: [{ name: 'http', port: 9090, targetPort: 9090 }] }, { labels: { app: 'p1' } });
  const svc2 = service('default', 'svc2', { selector: { app: 'p2' }, ports: [{ name: 'service', port: 80, targetPort: 3000 }] });
  const backend = (svc: string, port: Raw): Raw => ({ rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: { service: { name: svc, port } } }] } }], ingressClassName: 'nginx' });
  // one Ingress per snapshot: the six share host "" and /testpath, which ingress-nginx would refuse as overlaps
  const check1 = (ing: Raw): Report => run(snap([node('node-a'), ...nginxInstall(), ...p1, ...p2, ...withSlices(svc1, ofKind(p1, 'Pod')), ...withSlices(svc2, ofKind(p2, 'Pod')), ing]));
  const ingIds = (r: Report, name: string): string[] => r.findings.filter((f) => f.object.kind === 'Ingress' && f.object.name === name).map((f) => `${f.id} ${f.severity}`);

  it('agrees with popeye: ing1 (Service port by name) has no finding', () => {
    assert.deepEqual(ingIds(check1(ingress('default', 'ing1', backend('svc1', { name: 'http' }), { address: '203.0.113.10' })), 'ing1'), []);
  });
  it('differs from popeye: a numeric backend port is not flagged (POP-1403 "prefer a named port")', () => {
    assert.deepEqual(ingIds(check1(ingress('default', 'ing2', backend('svc1', { number: 9090 }), { address: '203.0.113.10' })), 'ing2'), []);
  });
  it('agrees with popeye: a backend Service that does not exist is ing.backend-service-missing (POP-1401)', () => {
    assert.deepEqual(ingIds(check1(ingress('default', 'ing3', backend('s2', { number: 80 }), { address: '203.0.113.10' })), 'ing3'), ['ing.backend-service-missing error']);
  });
  const ing5 = (): Raw => {
    const raw = ingress('default', 'ing5', { ingressClassName: 'nginx', rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: { resource: { apiGroup: 'fred.com', kind: 'Zorg', name: 'zorg' } } }] } }] });
    raw.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10', ports: [{ port: 443, protocol: 'TCP', error: 'boom' }] }] } };
    return raw;
  };
  it('agrees with popeye: a port error in the Ingress status is ing.lb-port-error (POP-1400)', () => {
    const [f] = ids(check1(ing5()), 'ing.lb-port-error');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /boom/);
  });
  it('differs from popeye: a resource backend is info (ing.resource-backend), not an error ("local obj refs not supported")', () => {
    const r = check1(ing5());
    assert.equal(ids(r, 'ing.resource-backend')[0]?.severity, 'info');
    assert.deepEqual(ingIds(r, 'ing5').filter((x) => x.endsWith(' error')), ['ing.lb-port-error error']);
  });
  it('agrees with popeye: a port number the Service does not expose is ing.backend-port-missing (POP-1402; a warning under ingress-nginx, which also matches targetPorts)', () => {
    const r = check1(ingress('default', 'ing6', backend('svc1', { number: 9091 }), { address: '203.0.113.10' }));
    assert.deepEqual(ingIds(r, 'ing6'), ['ing.backend-port-missing warning']);
    assert.match(ids(r, 'ing.backend-port-missing')[0]?.message ?? '', /9091/);
  });
});

// ------------------------------------------------------------------ Popeye np_test.go
describe('Popeye internal/lint/np_test.go', () => {
  // core/ns/1.yaml and core/pod/1.yaml: pod p1 (172.1.0.3, port http 9090) in default
  const base = (): Raw[] => [node('node-a'), namespace('default', { ns: 'default' }), namespace('ns1', { app: 'ns1' }), namespace('ns2', { app: 'ns2' }), pod('default', 'p1', { app: 'p1' }, { ip: '172.1.0.3', ports: [{ name: 'http', containerPort: 9090 }] })];
  const svc = service('default', 'svc1', { selector: { app: 'p1' }, ports: [{ name: 'http', port: 9090, targetPort: 'http' }] });
  const withSvc = (policies: Raw[]): Report => {
    const objs = base();
    return run(snap([...objs, ...withSlices(svc, ofKind(objs, 'Pod')), ...policies]));
  };
  const np2yaml: Record<string, Raw> = {
    'deny-all': { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    'deny-all-ing': { podSelector: {}, policyTypes: ['Ingress'] },
    'deny-all-eg': { podSelector: {}, policyTypes: ['Egress'] },
    'allow-all': { podSelector: {}, ingress: [{}], egress: [{}], policyTypes: ['Ingress', 'Egress'] },
    'allow-all-ing': { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] },
    'allow-all-eg': { podSelector: {}, egress: [{}], policyTypes: ['Egress'] },
    'ip-block-all-ing': { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '172.2.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }], policyTypes: ['Ingress', 'Egress'] },
  };
  const np = (name: string): Raw => netpol('default', name, np2yaml[name] ?? {});

  it('differs from popeye: a namespace-wide ingress deny is reported on the Service it cuts off (netpol.blocks-all-clients), not as a policy kind (POP-1203 info)', () => {
    for (const name of ['deny-all', 'deny-all-ing', 'ip-block-all-ing']) {
      const r = withSvc([np(name)]);
      assert.deepEqual(r.findings.filter((f) => f.id.startsWith('netpol.')).map((f) => `${f.id} ${f.severity} ${f.object.kind}/${f.object.name}`), ['netpol.blocks-all-clients warning Service/svc1'], name);
    }
  });
  it('differs from popeye: allow-all and egress-only policies are no finding (POP-1203 reports each as info)', () => {
    for (const name of ['deny-all-eg', 'allow-all', 'allow-all-ing', 'allow-all-eg']) {
      const r = withSvc([np(name)]);
      assert.deepEqual(r.findings.filter((f) => f.id.startsWith('netpol.')).map((f) => f.id), [], name);
    }
    // policies are additive: the allow-all-ing rule admits what deny-all isolates
    assert.equal(ids(withSvc([np('deny-all'), np('allow-all-ing')]), 'netpol.blocks-all-clients').length, 0);
  });

  // net/np/1.yaml (TestNPLint), without a Service: only the selectors are judged
  const np1 = netpol('default', 'np1', { podSelector: { matchLabels: { app: 'p1' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '172.1.0.0/16', except: ['172.1.0.0/24'] } }, { namespaceSelector: { matchLabels: { ns: 'default' } }, podSelector: { matchLabels: { app: 'p1' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }], egress: [{ to: [{ ipBlock: { cidr: '172.1.0.0/16' } }], ports: [{ protocol: 'TCP', port: 5978 }] }] });
  // np2 has no podSelector in the YAML; the API returns it as {} (selects every pod)
  const np2 = netpol('default', 'np2', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '172.1.0.0/16', except: ['172.1.1.0/24'] } }, { namespaceSelector: { matchLabels: { app: 'ns2' } }, podSelector: { matchLabels: { app: 'p2' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }], egress: [{ to: [{ podSelector: { matchLabels: { app: 'p1' } } }, { ipBlock: { cidr: '172.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }] });
  const np3 = netpol('default', 'np3', { podSelector: { matchLabels: { app: 'p-bozo' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '172.2.0.0/16', except: ['172.2.1.0/24'] } }, { namespaceSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['ns-bozo'] }] }, podSelector: { matchLabels: { app: 'pod-bozo' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }], egress: [{ to: [{ namespaceSelector: { matchLabels: { app: 'ns1' } } }, { podSelector: { matchLabels: { app: 'p1-missing' } } }, { ipBlock: { cidr: '172.1.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }] });
  const r = run(snap([...base(), np1, np2, np3]));
  const dangling = (name: string): string[] => on(r, 'netpol.dangling-selector', name).map((f) => String((f.fields as string[] | undefined)?.[0]));

  it('agrees with popeye: np1, whose selector and peers all match, has no finding', () => {
    assert.deepEqual(r.findings.filter((f) => f.object.name === 'np1').map((f) => f.id), []);
  });
  it('agrees with popeye: a peer whose namespaceSelector and podSelector together match no pod is dangling (POP-1208)', () => {
    assert.deepEqual(dangling('np2'), ['spec.ingress[0].from[1]']);
  });
  it('differs from popeye: ipBlocks and their except ranges are not judged against pod IPs (POP-1206/1207 on np2 and np3)', () => {
    // the ipBlock peers of np2 and np3 hold no pod IP (p1 is 172.1.0.3); none is reported
    const ipBlockPeers = { np2: ['spec.ingress[0].from[0]', 'spec.egress[0].to[1]'], np3: ['spec.ingress[0].from[0]', 'spec.egress[0].to[2]'] };
    for (const [name, paths] of Object.entries(ipBlockPeers)) for (const p of paths) assert.ok(!dangling(name).includes(p), `${name} ${p}`);
    assert.equal(r.findings.filter((f) => f.object.kind === 'NetworkPolicy' && f.id !== 'netpol.dangling-selector').length, 0);
  });
  it('agrees with popeye: np3 — a podSelector selecting no pod (POP-1200), a namespaceSelector matching no namespace (POP-1201/1202) and a podSelector peer matching no pod (POP-1208)', () => {
    assert.deepEqual(dangling('np3'), ['spec.podSelector', 'spec.ingress[0].from[1]', 'spec.egress[0].to[1]']);
  });
});

// ------------------------------------------------------------------ Popeye gw / gwc / gwr
describe('Popeye internal/lint/gw_test.go, gwc_test.go, gwr_test.go', () => {
  const http: ListenerIn = { name: 'http', port: 80, protocol: 'HTTP' };
  const pending = [cond('Accepted', 'Unknown', 'Pending', 'Waiting for controller'), cond('Programmed', 'Unknown', 'Pending', 'Waiting for controller')];
  const p1 = deployment('default', 'p1', { app: 'p1' }, { ports: [{ name: 'http', containerPort: 9090 }] });
  const p2 = deployment('default', 'p2', { app: 'p2' }, { ports: [{ name: 'service', containerPort: 3000 }] });
  const world = (routes: Raw[] = []): Raw[] => [
    node('node-a'),
    namespace('default'),
    gatewayClass('gwc1', EG),
    gatewayClass('gwc2', EG),
    gateway('default', 'gw1', [http], { className: 'gwc1' }),
    gateway('default', 'gw2', [http], { className: 'gwc-bozo', conds: pending, addresses: [], statusListeners: [] }),
    ...p1,
    ...p2,
    ...withSlices(service('default', 'svc1', { selector: { app: 'p1' }, ports: [{ name: 'http', port: 9090, targetPort: 9090 }] }), ofKind(p1, 'Pod')),
    ...withSlices(service('default', 'svc2', { selector: { app: 'p2' }, ports: [{ name: 'service', port: 80, targetPort: 3000 }] }), ofKind(p2, 'Pod')),
    ...routes,
  ];
  const r1 = httpRoute('default', 'r1', [{ name: 'gw1' }], [[{ name: 'svc1', port: 9090 }]], { hostnames: ['fred'] });
  const r2 = httpRoute('default', 'r2', [{ name: 'gw-bozo' }], [[{ name: 'svc2', port: 8080 }]], { hostnames: ['bozo'], parentStatus: [null] });
  const r3 = httpRoute('default', 'r3', [{ name: 'svc-bozo', kind: 'Service', group: '' }], [[{ name: 'svc2', port: 9090 }]], { hostnames: ['bozo'], parentStatus: [null] });
  const r = run(snap(world([r1, r2, r3])));
  const of = (name: string): string[] => r.findings.filter((f) => f.object.name === name && f.severity !== 'info').map((f) => f.id).sort();

  it('agrees with popeye: gw1 (existing class) has no finding; gw2 names a GatewayClass that does not exist (POP-407 ↔ gw.class-missing)', () => {
    assert.deepEqual(of('gw1'), []);
    assert.deepEqual(of('gw2'), ['gw.class-missing']);
  });
  it('agrees with popeye: a GatewayClass no Gateway uses is gwc.unused, info (POP-400)', () => {
    assert.deepEqual(ids(r, 'gwc.unused').map((f) => `${f.object.name} ${f.severity}`), ['gwc2 info']);
  });
  it('agrees with popeye: r1 (existing Gateway, Service port 9090) has no finding', () => {
    assert.deepEqual(of('r1'), []);
  });
  it('agrees with popeye: r2 names a missing Gateway (POP-407) and a port svc2 does not expose (POP-1106)', () => {
    assert.deepEqual(of('r2'), ['route.backend-port-mismatch', 'route.parent-missing']);
  });
  it('agrees with popeye: r3 names a missing Service parent (POP-407, GAMMA) and a port svc2 does not expose (POP-1106)', () => {
    assert.deepEqual(of('r3'), ['route.backend-port-mismatch', 'route.parent-missing']);
    assert.match(ids(r, 'route.parent-missing').find((f) => f.object.name === 'r3')?.message ?? '', /svc-bozo/);
  });
  it('differs from popeye: a parentRef with the API-defaulted group is checked too (gwr.go checks only parents whose group is unset)', () => {
    const ref = ((r2.spec as Raw).parentRefs as Raw[])[0];
    assert.equal(ref?.group, G);
    assert.equal(ref?.kind, 'Gateway');
    assert.equal(ids(r, 'route.parent-missing').filter((f) => f.object.name === 'r2').length, 1);
  });
});
