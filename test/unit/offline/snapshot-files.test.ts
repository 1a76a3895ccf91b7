import assert from 'node:assert/strict';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { loadSnapshotFiles, loadSnapshotFilesWithReport } from '../../../src/cluster/snapshot-files.js';
import { fixture, rejectsUserError as rejects, tempFiles } from './helpers.js';

const svcJson = (name: string, ns = 'shop'): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });

describe('loadSnapshotFiles: kubectl get -A -o json', () => {
  it('reads a v1 List with every field kubectl prints', async () => {
    const { snapshot: s, ignored } = await loadSnapshotFilesWithReport([fixture('shop-cluster.json')]);
    assert.equal(s.services.length, 8);
    assert.equal(s.pods.length, 7);
    assert.equal(s.endpointSlices.length, 6);
    assert.equal(s.ingresses.length, 4);
    assert.equal(s.secrets.length, 3);
    assert.equal(s.workloads.length, 12);
    assert.deepEqual(ignored, { ConfigMap: 1, ServiceAccount: 1 });
    assert.deepEqual(s.source, { type: 'snapshot', files: [fixture('shop-cluster.json')] });
    assert.equal(s.namespace, undefined);
  });

  it('takes takenAt from the newest file mtime', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    assert.equal(s.takenAt, new Date((await stat(fixture('shop-cluster.json'))).mtimeMs).toISOString());
  });

  it('drops managedFields and private keys on arrival, keeps what the model reads', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    assert.ok(!JSON.stringify(s).includes('managedFields'));
    assert.ok(!JSON.stringify(s).includes('PRIVATE KEY'));
    const api = s.secrets.find((x) => x.metadata.name === 'api-tls');
    assert.equal(api?.keyMatchesCert, true);
    assert.equal(s.secrets.find((x) => x.metadata.name === 'legacy-tls')?.keyMatchesCert, false);
  });

  it('marks kinds in the dump visible and kinds missing from it absent (unknown, not "none")', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    for (const k of ['Service', 'Pod', 'EndpointSlice', 'Endpoints', 'Ingress', 'IngressClass', 'Secret', 'Node', 'Namespace', 'Deployment', 'ReplicaSet'] as const) assert.equal(s.visibility[k].state, 'visible', k);
    for (const k of ['NetworkPolicy', 'Event', 'StatefulSet', 'DaemonSet', 'Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant'] as const) assert.equal(s.visibility[k].state, 'absent', k);
  });

  it('reads the same dump printed with -o yaml', async () => {
    const json: unknown = JSON.parse(await readFile(fixture('shop-cluster.json'), 'utf8'));
    const dir = await tempFiles({ 'dump.yaml': stringify(json) });
    const fromYaml = await loadSnapshotFiles([join(dir, 'dump.yaml')]);
    const fromJson = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    assert.deepEqual(JSON.parse(JSON.stringify({ ...fromYaml, source: 0, takenAt: 0 })), JSON.parse(JSON.stringify({ ...fromJson, source: 0, takenAt: 0 })));
  });
});

describe('loadSnapshotFiles: other shapes', () => {
  it('reads a single object and a JSON stream of objects', async () => {
    const dir = await tempFiles({ 'one.json': JSON.stringify(svcJson('web')), 'stream.json': `${JSON.stringify(svcJson('a'), null, 2)}\n${JSON.stringify(svcJson('b'))}{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"containers":[]}}` });
    const one = await loadSnapshotFiles([join(dir, 'one.json')]);
    assert.deepEqual(one.services.map((x) => x.metadata.name), ['web']);
    assert.equal(one.visibility.Pod.state, 'absent');
    const stream = await loadSnapshotFiles([join(dir, 'stream.json')]);
    assert.deepEqual(stream.services.map((x) => x.metadata.name), ['a', 'b']);
    assert.equal(stream.pods.length, 1);
  });

  it('reads typed lists (ServiceList) whose items carry no kind', async () => {
    const items = [svcJson('a'), svcJson('b')].map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    const dir = await tempFiles({ 'svc.json': JSON.stringify({ apiVersion: 'v1', kind: 'ServiceList', metadata: { resourceVersion: '7' }, items }), 'pods.json': JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [] }) });
    const s = await loadSnapshotFiles([dir]);
    assert.deepEqual(s.services.map((x) => x.metadata.name), ['a', 'b']);
    // a typed empty list says which kind was listed: Pods are visible and there are none
    assert.equal(s.visibility.Pod.state, 'visible');
    assert.equal(s.pods.length, 0);
  });

  it('reads GRPCRoutes from kubectl get grpcroutes -A -o json, and an empty GRPCRouteList makes them visible', async () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'inventory', namespace: 'shop', generation: 2, creationTimestamp: '2026-11-30T08:00:00Z', managedFields: [{ manager: 'kubectl' }] },
      spec: { parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'infra' }], hostnames: ['grpc.example.com'], rules: [{ matches: [{ method: { type: 'Exact', service: 'shop.v1.Inventory' } }], backendRefs: [{ group: '', kind: 'Service', name: 'inventory', port: 9000, weight: 1 }] }] },
      status: { parents: [{ parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'infra' }, controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Route is accepted', lastTransitionTime: '2026-11-30T08:00:01Z', observedGeneration: 2 }] }] },
    };
    const dir = await tempFiles({ 'grpc.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [route] }) });
    const s = await loadSnapshotFiles([dir]);
    assert.deepEqual(s.grpcRoutes.map((r) => `${r.metadata.namespace}/${r.metadata.name} ${r.spec.rules?.[0]?.matches?.[0]?.method?.service}`), ['shop/inventory shop.v1.Inventory']);
    assert.equal(s.visibility.GRPCRoute.state, 'visible');
    assert.equal(s.visibility.HTTPRoute.state, 'absent', 'a dump without httproutes says nothing about them');
    assert.ok(!("managedFields" in (s.grpcRoutes[0]?.metadata ?? {})));
    const empty = await loadSnapshotFiles([await tempFiles({ 'g.json': JSON.stringify({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRouteList', items: [] }) })]);
    assert.equal(empty.visibility.GRPCRoute.state, 'visible');
  });

  it('cannot tell the kind of an empty untyped List (kubectl prints no kind): nothing becomes visible', async () => {
    const dir = await tempFiles({ 'empty.json': JSON.stringify({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }) });
    const s = await loadSnapshotFiles([join(dir, 'empty.json')]);
    assert.ok(Object.values(s.visibility).every((v) => v.state === 'absent'));
  });

  it('normalises legacy Ingresses from a typed extensions/v1beta1 list (items without apiVersion)', async () => {
    const item = { metadata: { name: 'old', namespace: 'shop' }, spec: { backend: { serviceName: 'web', servicePort: 'http' } } };
    const dir = await tempFiles({ 'ing.json': JSON.stringify({ apiVersion: 'extensions/v1beta1', kind: 'IngressList', items: [item] }) });
    const [ing] = (await loadSnapshotFiles([dir])).ingresses;
    assert.equal(ing?.sourceApiVersion, 'extensions/v1beta1');
    assert.deepEqual(ing?.spec.defaultBackend, { service: { name: 'web', port: { name: 'http' } } });
  });

  it('merges a directory of files in name order, ignores other extensions, later files win on duplicates', async () => {
    const newer = { ...svcJson('web'), spec: { selector: { app: 'web2' } } };
    const dir = await tempFiles({ 'b.yml': stringify(newer), 'a.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [svcJson('web'), svcJson('api')] }), 'notes.txt': 'not read', 'README.md': '# x' });
    const s = await loadSnapshotFiles([dir]);
    assert.deepEqual(s.source.files, [join(dir, 'a.json'), join(dir, 'b.yml')]);
    assert.deepEqual(s.services.map((x) => [x.metadata.name, x.spec.selector]), [['web', { app: 'web2' }], ['api', { app: 'api' }]]);
  });
});

describe('loadSnapshotFiles: manifests.yaml (multi-document, legacy Ingress APIs)', () => {
  it('reads every document and ignores unknown kinds', async () => {
    const { snapshot: s, ignored } = await loadSnapshotFilesWithReport([fixture('manifests.yaml')]);
    assert.deepEqual(ignored, { ConfigMap: 1 });
    assert.equal(s.namespaces.length, 1);
    assert.equal(s.services.length, 1);
    assert.equal(s.workloads.length, 1);
    assert.equal(s.ingresses.length, 2);
    assert.equal(s.visibility.Pod.state, 'absent');
    assert.equal(s.visibility.EndpointSlice.state, 'absent');
  });

  it('normalises extensions/v1beta1 serviceName/servicePort and spec.backend', async () => {
    const s = await loadSnapshotFiles([fixture('manifests.yaml')]);
    const fe = s.ingresses.find((i) => i.metadata.name === 'frontend');
    assert.equal(fe?.apiVersion, 'networking.k8s.io/v1');
    assert.equal(fe?.sourceApiVersion, 'extensions/v1beta1');
    assert.deepEqual(fe?.spec.defaultBackend, { service: { name: 'frontend', port: { number: 80 } } });
    assert.deepEqual(fe?.spec.rules?.[0]?.http?.paths, [
      { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'frontend', port: { name: 'http' } } } },
      { path: '/api', pathType: 'ImplementationSpecific', backend: { service: { name: 'api', port: { number: 8080 } } } },
    ]);
    assert.equal(fe?.metadata.annotations?.['kubernetes.io/ingress.class'], 'nginx');
  });

  it('normalises networking.k8s.io/v1beta1 (servicePort as a numeric string)', async () => {
    const s = await loadSnapshotFiles([fixture('manifests.yaml')]);
    const admin = s.ingresses.find((i) => i.metadata.name === 'admin');
    assert.equal(admin?.sourceApiVersion, 'networking.k8s.io/v1beta1');
    assert.equal(admin?.spec.ingressClassName, 'nginx');
    assert.deepEqual(admin?.spec.rules?.[0]?.http?.paths[0], { path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 80 } } } });
  });
});

describe('loadSnapshotFiles: namespace scope', () => {
  it('keeps the namespace, cluster-scoped objects and controllers; other namespaces become unknown', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')], { namespace: 'acme' });
    assert.equal(s.namespace, 'acme');
    assert.ok(s.services.length > 0 && s.services.every((x) => x.metadata.namespace === 'acme'));
    assert.ok(s.ingresses.every((x) => x.metadata.namespace === 'acme'));
    assert.ok(s.endpointSlices.every((x) => x.metadata.namespace === 'acme'));
    assert.equal(s.nodes.length, 2);
    assert.equal(s.ingressClasses.length, 1);
    // the ingress controller's pods stay: H5 needs them
    assert.ok(s.pods.some((p) => p.metadata.namespace === 'ingress-nginx'));
    assert.deepEqual(s.visibility.Service, { state: 'partial', namespaces: ['acme'] });
    assert.equal(s.visibility.Pod.state, 'visible');
    assert.equal(s.visibility.NetworkPolicy.state, 'absent');
  });
});

describe('loadSnapshotFiles: bad input is one line naming the file', () => {
  it('missing file', async () => {
    await rejects(loadSnapshotFiles(['/nonexistent/dump.json']), /cannot read \/nonexistent\/dump\.json: no such file or directory/);
  });
  it('no paths', async () => {
    await rejects(loadSnapshotFiles([]), /no snapshot files given/);
  });
  it('JSON that is not Kubernetes objects', async () => {
    await rejects(loadSnapshotFiles([fixture('not-k8s.json')]), /not-k8s\.json contains no Kubernetes objects \(expected kubectl get … -o json/);
  });
  it('invalid JSON, with line and column', async () => {
    await rejects(loadSnapshotFiles([fixture('broken.json')]), /invalid JSON in .*broken\.json at line 13, column 35: unexpected "}"/);
  });
  it('truncated JSON', async () => {
    const dir = await tempFiles({ 'cut.json': '{\n  "apiVersion": "v1",\n  "items": [\n' });
    await rejects(loadSnapshotFiles([join(dir, 'cut.json')]), /invalid JSON in .*cut\.json at line 4, column 1: unexpected end of input/);
  });
  it('invalid YAML, with line and column', async () => {
    await rejects(loadSnapshotFiles([fixture('broken.yaml')]), /invalid YAML in .*broken\.yaml at line \d+, column \d+: \S/);
  });
  it('empty directory', async () => {
    const dir = await tempFiles({ 'notes.txt': 'x' });
    await rejects(loadSnapshotFiles([dir]), new RegExp(`directory ${dir} contains no \\.json, \\.yaml or \\.yml files`));
  });
  it('empty file', async () => {
    const dir = await tempFiles({ 'empty.yaml': '\n\n' });
    await rejects(loadSnapshotFiles([join(dir, 'empty.yaml')]), /empty\.yaml is empty/);
  });
  it('a bad file inside a directory is named', async () => {
    const dir = await tempFiles({ 'a.json': JSON.stringify(svcJson('a')), 'b.json': '{"kind": ' });
    await rejects(loadSnapshotFiles([dir]), /invalid JSON in .*b\.json at line 1/);
  });
  it('an API error saved instead of objects', async () => {
    const dir = await tempFiles({ 'err.json': JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'services is forbidden: User "dev" cannot list resource "services"\nmore', reason: 'Forbidden', code: 403 }) });
    await rejects(loadSnapshotFiles([join(dir, 'err.json')]), /err\.json holds an API error, not objects: services is forbidden/);
  });
  it('unreadable file', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root reads everything');
    const dir = await tempFiles({ 'x.json': '{}' });
    await chmod(join(dir, 'x.json'), 0o000);
    await rejects(loadSnapshotFiles([join(dir, 'x.json')]), /cannot read .*x\.json: permission denied/);
  });
});
