// ingress-nginx controller flags: removed flags (ing.nginx-lint, `kubectl ingress-nginx lint`'s
// deployment lints) and --disable-svc-external-name (ing.backend-service-type-unsupported).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, ids, ingress, nginxInstall, node, ofKind, run, rule, service, snap, withSlices, type Raw } from './fixtures/build.js';

function world(args: string[], backend: 'pods' | 'external'): Raw[] {
  const web = deployment('shop', 'web', { app: 'web' }, { pods: [{ node: 'node-a' }] });
  const svc = backend === 'pods'
    ? withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), ofKind(web, 'Pod'))
    : [service('shop', 'web', { type: 'ExternalName', externalName: 'web.legacy.example.net', ports: [{ name: 'http', port: 80 }] })];
  return [
    node('node-a'),
    ...nginxInstall({ args, replicas: 2 }),
    ...web,
    ...svc,
    ingress('shop', 'web', { ingressClassName: 'nginx', rules: [rule('shop.example.com', [['/', 'web', 80, 'Prefix']])] }, { address: '203.0.113.10' }),
  ];
}

describe('ing.nginx-lint on the controller Deployment', () => {
  it('flags --sort-backends once on the Deployment, naming the args field', () => {
    const found = ids(run(snap(world(['--sort-backends=true'], 'pods'))), 'ing.nginx-lint');
    assert.equal(found.length, 1, 'two replicas, one Deployment, one finding');
    const [f] = found;
    assert.deepEqual(f?.object, { kind: 'Deployment', namespace: 'ingress-nginx', name: 'ingress-nginx-controller' });
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /--sort-backends/);
    assert.deepEqual(f?.fields, ['spec.template.spec.containers[0].args[6]']);
  });
  it('flags --force-namespace-isolation', () => {
    assert.match(ids(run(snap(world(['--force-namespace-isolation'], 'pods'))), 'ing.nginx-lint')[0]?.message ?? '', /--force-namespace-isolation/);
  });
  it('a controller with current flags only gets no lint', () => {
    assert.equal(ids(run(snap(world(['--watch-ingress-without-class=true', '--enable-ssl-passthrough'], 'pods'))), 'ing.nginx-lint').length, 0);
  });
});

describe('ing.backend-service-type-unsupported with --disable-svc-external-name', () => {
  it('fires for an ExternalName backend when the class controller drops them', () => {
    const [f] = ids(run(snap(world(['--disable-svc-external-name=true'], 'external'))), 'ing.backend-service-type-unsupported');
    assert.deepEqual(f?.object, { kind: 'Ingress', namespace: 'shop', name: 'web' });
    assert.match(f?.message ?? '', /--disable-svc-external-name/);
    assert.match(f?.hint ?? '', /drop --disable-svc-external-name/);
  });
  it('a bare flag counts as true', () => {
    assert.equal(ids(run(snap(world(['--disable-svc-external-name'], 'external'))), 'ing.backend-service-type-unsupported').length, 1);
  });
  it('without the flag, or =false, ExternalName backends are supported', () => {
    assert.equal(ids(run(snap(world([], 'external'))), 'ing.backend-service-type-unsupported').length, 0);
    assert.equal(ids(run(snap(world(['--disable-svc-external-name=false'], 'external'))), 'ing.backend-service-type-unsupported').length, 0);
  });
  it('with the flag, a Service with pods is fine', () => {
    assert.equal(ids(run(snap(world(['--disable-svc-external-name=true'], 'pods'))), 'ing.backend-service-type-unsupported').length, 0);
  });
});
