// Gateway API checks, including where kexplore deliberately differs from k8sgpt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, ids, node, OLD, pod, service, slice, snap, type Raw } from './build.js';

const G = 'gateway.networking.k8s.io';
const ok = (type: string): Raw => ({ type, status: 'True', reason: type, message: '', lastTransitionTime: OLD });
const gatewayClass = (conds: Raw[] = [ok('Accepted')]): Raw => ({ apiVersion: `${G}/v1`, kind: 'GatewayClass', metadata: { name: 'eg', creationTimestamp: OLD }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' }, status: { conditions: conds } });
const gateway = (from: Raw, conds: Raw[] = [ok('Accepted'), ok('Programmed')]): Raw => ({
  apiVersion: `${G}/v1`,
  kind: 'Gateway',
  metadata: { name: 'public', namespace: 'infra', creationTimestamp: OLD },
  spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: from } }] },
  status: { addresses: [{ type: 'IPAddress', value: '203.0.113.30' }], conditions: conds, listeners: [{ name: 'http', attachedRoutes: 1, conditions: [ok('Accepted')] }] },
});
const route = (backend: Raw, labels: Record<string, string> = {}): Raw => ({
  apiVersion: `${G}/v1`,
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop', creationTimestamp: OLD, labels },
  spec: { parentRefs: [{ name: 'public', namespace: 'infra' }], hostnames: ['www.example.com'], rules: [{ backendRefs: [backend] }] },
  status: { parents: [{ parentRef: { group: G, kind: 'Gateway', name: 'public', namespace: 'infra' }, controllerName: 'x', conditions: [ok('Accepted'), ok('ResolvedRefs')] }] },
});
const ns = (name: string, labels: Record<string, string> = {}): Raw => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
const backend = (): Raw[] => [node('node-a'), pod('shop', 'web-1', { app: 'web' }), service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), slice('shop', 'web', [{ name: 'http', port: 8080 }], [{ ip: '10.244.0.9', pod: 'web-1' }])];

describe('route.not-attachable', () => {
  const sel = { from: 'Selector', selector: { matchLabels: { 'shared-gateway': 'true' } } };
  it('matches the selector against the Namespace object (differs from k8sgpt: not the route labels)', () => {
    const labelledRoute = snap([...backend(), ns('shop'), ns('infra'), gatewayClass(), gateway(sel), route({ name: 'web', port: 80 }, { 'shared-gateway': 'true' })]);
    assert.equal(ids(check(labelledRoute), 'route.not-attachable').length, 1, 'route labels do not count');
    const labelledNs = snap([...backend(), ns('shop', { 'shared-gateway': 'true' }), ns('infra'), gatewayClass(), gateway(sel), route({ name: 'web', port: 80 })]);
    assert.equal(ids(check(labelledNs), 'route.not-attachable').length, 0);
  });
  it('from: Same refuses a route in another namespace, from: All admits it', () => {
    assert.equal(ids(check(snap([...backend(), ns('shop'), ns('infra'), gatewayClass(), gateway({ from: 'Same' }), route({ name: 'web', port: 80 })])), 'route.not-attachable').length, 1);
    assert.equal(ids(check(snap([...backend(), ns('shop'), ns('infra'), gatewayClass(), gateway({ from: 'All' }), route({ name: 'web', port: 80 })])), 'route.not-attachable').length, 0);
  });
});

describe('route backends', () => {
  const all = { from: 'All' };
  it('honours backendRef.namespace (differs from k8sgpt) and requires a ReferenceGrant', () => {
    const other = [pod('pay', 'api-1', { app: 'api' }), service('pay', 'api', { selector: { app: 'api' }, ports: [{ port: 80 }] }), slice('pay', 'api', [{ name: '', port: 80 }], [{ ip: '10.244.0.7', pod: 'api-1' }])];
    const base = [...backend(), ...other, ns('shop'), ns('infra'), ns('pay'), gatewayClass(), gateway(all), route({ name: 'api', namespace: 'pay', port: 80 })];
    const r = check(snap(base));
    assert.equal(ids(r, 'route.backend-missing').length, 0, 'the Service exists in pay');
    assert.equal(ids(r, 'route.backend-crossns-no-grant').length, 1);
    const grant: Raw = { apiVersion: `${G}/v1beta1`, kind: 'ReferenceGrant', metadata: { name: 'allow-shop', namespace: 'pay' }, spec: { from: [{ group: G, kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] } };
    assert.equal(ids(check(snap([...base, grant])), 'route.backend-crossns-no-grant').length, 0);
  });
  it('route.backend-missing and route.backend-port-mismatch', () => {
    assert.equal(ids(check(snap([...backend(), ns('shop'), ns('infra'), gatewayClass(), gateway(all), route({ name: 'nope', port: 80 })])), 'route.backend-missing').length, 1);
    assert.equal(ids(check(snap([...backend(), ns('shop'), ns('infra'), gatewayClass(), gateway(all), route({ name: 'web', port: 8080 })])), 'route.backend-port-mismatch').length, 1);
  });
});

describe('Gateway conditions', () => {
  it('reads conditions by type, not by position (differs from k8sgpt: Conditions[0])', () => {
    const notProgrammed = { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'no address', lastTransitionTime: OLD };
    const r = check(snap([...backend(), ns('shop'), ns('infra'), gatewayClass([ok('SupportedVersion'), ok('Accepted')]), gateway({ from: 'All' }, [ok('Accepted'), notProgrammed]), route({ name: 'web', port: 80 })]));
    assert.equal(ids(r, 'gwc.not-accepted').length, 0);
    assert.match(ids(r, 'gw.not-programmed')[0]?.message ?? '', /AddressNotAssigned/);
  });
  it('Gateway API not installed: one info, no other Gateway finding', () => {
    const r = check(snap(backend(), { HTTPRoute: { state: 'not-installed' }, Gateway: { state: 'not-installed' }, GatewayClass: { state: 'not-installed' }, ReferenceGrant: { state: 'not-installed' } }));
    assert.deepEqual(r.findings.filter((f) => /^(gw|gwc|route|gwapi)\./.test(f.id)).map((f) => f.id), ['gwapi.not-installed']);
  });
});

describe('gw.listener-cert-invalid', () => {
  const https = (certNs?: string): Raw => {
    const g = gateway({ from: 'All' }) as { spec: { listeners: Raw[] } } & Raw;
    return { ...g, spec: { gatewayClassName: 'eg', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'shop-tls', ...(certNs ? { namespace: certNs } : {}) }] } }] } };
  };
  it('a missing Secret, and a Secret in another namespace without a ReferenceGrant', () => {
    assert.match(ids(check(snap([ns('infra'), gatewayClass(), https()])), 'gw.listener-cert-invalid')[0]?.message ?? '', /does not exist/);
    assert.match(ids(check(snap([ns('infra'), gatewayClass(), https('certs')])), 'gw.listener-cert-invalid')[0]?.message ?? '', /without a ReferenceGrant/);
  });
  it('a forbidden Secret is not reported as missing', () => {
    assert.equal(ids(check(snap([ns('infra'), gatewayClass(), https()], { Secret: { state: 'forbidden' } })), 'gw.listener-cert-invalid').length, 0);
  });
});
