// netpol.blocks-gateway-dataplane: the NetworkPolicy verdict on the Gateway data plane → backend
// hop, with the data-plane pods as Envoy Gateway labels them (they live in its own namespace).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, node, ofKind, run, service, snap, withSlices, type Raw } from './fixtures/build.js';
import { gateway, gatewayClass, httpRoute, namespace, netpol } from './fixtures2/objects.js';

const EG = 'gateway.envoyproxy.io/gatewayclass-controller';
const proxyLabels = { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': 'public', 'gateway.envoyproxy.io/owning-gateway-namespace': 'infra' };

function world(o: { policies?: Raw[]; proxies?: boolean; proxyReady?: boolean } = {}): Raw[] {
  const web = deployment('shop', 'web', { app: 'web' }, { pods: [{ node: 'node-a' }, { node: 'node-a' }] });
  const envoy = o.proxies === false ? [] : deployment('envoy-gateway-system', 'envoy-infra-public', proxyLabels, { pods: [{ node: 'node-a', ready: o.proxyReady ?? true }], ports: [{ name: 'http', containerPort: 10080 }] });
  return [
    node('node-a'),
    namespace('infra'),
    namespace('shop'),
    namespace('envoy-gateway-system'),
    gatewayClass('eg', EG),
    gateway('infra', 'public', [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }]),
    ...web,
    ...envoy,
    ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(web, 'Pod')),
    httpRoute('shop', 'web', [{ name: 'public', namespace: 'infra' }], [[{ name: 'web', port: 80 }]]),
    ...(o.policies ?? []),
  ];
}

const denyAll = netpol('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const sameNs = netpol('shop', 'same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
const fromEnvoy = netpol('shop', 'from-envoy', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }], ports: [{ port: 8080 }] }] });
const fromEnvoyWrongPort = netpol('shop', 'from-envoy', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }], ports: [{ port: 9090 }] }] });

describe('netpol.blocks-gateway-dataplane', () => {
  it('fires on the Service when policies isolate its pods and none admits the Envoy proxy pods', () => {
    const [f, more] = ids(run(snap(world({ policies: [denyAll, sameNs] }))), 'netpol.blocks-gateway-dataplane');
    assert.equal(more, undefined);
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.object, { kind: 'Service', namespace: 'shop', name: 'web' });
    assert.match(f?.message ?? '', /Gateway infra\/public data-plane pods \(namespace envoy-gateway-system\) to reach port 8080\/TCP: HTTPRoute shop\/web/);
    assert.match(f?.hint ?? '', /kubernetes\.io\/metadata\.name: envoy-gateway-system/);
  });
  it('stays quiet when a rule admits the proxy namespace on the target port', () => {
    assert.equal(ids(run(snap(world({ policies: [denyAll, fromEnvoy] }))), 'netpol.blocks-gateway-dataplane').length, 0);
  });
  it('fires when the admitting rule opens another port', () => {
    assert.equal(ids(run(snap(world({ policies: [denyAll, fromEnvoyWrongPort] }))), 'netpol.blocks-gateway-dataplane').length, 1);
  });
  it('stays quiet when nothing isolates the backends', () => {
    assert.equal(ids(run(snap(world())), 'netpol.blocks-gateway-dataplane').length, 0);
  });
  it('without visible data-plane pods the hop is unknown: no finding', () => {
    assert.equal(ids(run(snap(world({ policies: [denyAll, sameNs], proxies: false }))), 'netpol.blocks-gateway-dataplane').length, 0);
    assert.equal(ids(run(snap(world({ policies: [denyAll, sameNs], proxyReady: false }))), 'netpol.blocks-gateway-dataplane').length, 0);
  });
  it('is skipped, not silent, when NetworkPolicies are forbidden', () => {
    const r = run(snap(world({ policies: [denyAll, sameNs] }), { NetworkPolicy: { state: 'forbidden' } }));
    assert.equal(ids(r, 'netpol.blocks-gateway-dataplane').length, 0);
    assert.ok(r.skipped.some((x) => x.id === 'netpol.blocks-gateway-dataplane'));
  });
});
