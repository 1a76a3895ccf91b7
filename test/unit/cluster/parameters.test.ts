// Live lookup of IngressClass parameters: discovery resolves Kind → resource, then one GET by
// name. 404 → missing, 403 or failure → unknown (never "missing"), kind not served → missing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type ApiClient } from '../../../src/cluster/api-client.js';
import { lookupParameters } from '../../../src/cluster/parameters.js';
import type { IngressClass, IngressClassParameters } from '../../../src/model/types.js';

const notFound = (what: string) => new ApiError(404, 'NotFound', `${what} not found`);
/** Answers GETs from a path → body table like the API server; unknown paths are 404. */
function stubClient(routes: Record<string, unknown | ApiError>): { client: ApiClient; log: string[] } {
  const log: string[] = [];
  const client = {
    getJson: async (path: string) => {
      log.push(path);
      const r = routes[path];
      if (r instanceof ApiError) throw r;
      if (r === undefined) throw notFound(path);
      return r;
    },
  } as unknown as ApiClient;
  return { client, log };
}

const cls = (parameters: IngressClassParameters): IngressClass => ({ kind: 'IngressClass', metadata: { name: 'c' }, spec: { controller: 'example.com/ctl', parameters } });
const GVS = ['v1', 'apps/v1', 'k8s.example.com/v1', 'k8s.example.com/v1beta1'];
const discovery = {
  '/apis/k8s.example.com/v1': { kind: 'APIResourceList', groupVersion: 'k8s.example.com/v1', resources: [{ name: 'ingressparameters', singularName: 'ingressparameters', namespaced: true, kind: 'IngressParameters', verbs: ['get', 'list'] }, { name: 'ingressparameters/status', namespaced: true, kind: 'IngressParameters', verbs: ['get'] }] },
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get'] }] },
};
const nsParams: IngressClassParameters = { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'lb', scope: 'Namespace', namespace: 'infra' };

describe('lookupParameters', () => {
  it('GETs the object at the path discovery gives and reports found', async () => {
    const { client, log } = stubClient({ ...discovery, '/apis/k8s.example.com/v1/namespaces/infra/ingressparameters/lb': { kind: 'IngressParameters', metadata: { name: 'lb' } } });
    assert.deepEqual(await lookupParameters(client, [cls(nsParams)], GVS), [{ key: 'k8s.example.com|IngressParameters|infra|lb', state: 'found' }]);
    assert.deepEqual(log, ['/apis/k8s.example.com/v1', '/apis/k8s.example.com/v1/namespaces/infra/ingressparameters/lb']);
  });
  it('404 on the object is missing', async () => {
    const { client } = stubClient(discovery);
    assert.equal((await lookupParameters(client, [cls(nsParams)], GVS))[0]?.state, 'missing');
  });
  it('403 on the object is unknown, not missing', async () => {
    const { client } = stubClient({ ...discovery, '/apis/k8s.example.com/v1/namespaces/infra/ingressparameters/lb': new ApiError(403, 'Forbidden', 'forbidden') });
    assert.deepEqual(await lookupParameters(client, [cls(nsParams)], GVS), [{ key: 'k8s.example.com|IngressParameters|infra|lb', state: 'unknown', reason: 'forbidden' }]);
  });
  it('a group the server does not serve means the object cannot exist', async () => {
    const { client, log } = stubClient(discovery);
    const [l] = await lookupParameters(client, [cls({ ...nsParams, apiGroup: 'gone.example.com' })], GVS);
    assert.deepEqual(l, { key: 'gone.example.com|IngressParameters|infra|lb', state: 'missing', reason: 'API group gone.example.com is not served' });
    assert.deepEqual(log, []);
  });
  it('a failing discovery document is unknown', async () => {
    const { client } = stubClient({ '/apis/k8s.example.com/v1': new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') });
    assert.equal((await lookupParameters(client, [cls(nsParams)], GVS))[0]?.state, 'unknown');
  });
  it('core kinds resolve through /api/v1; a scope that contradicts the resource is missing', async () => {
    const { client, log } = stubClient({ ...discovery, '/api/v1/namespaces/infra/configmaps/p': { kind: 'ConfigMap' } });
    assert.equal((await lookupParameters(client, [cls({ kind: 'ConfigMap', name: 'p', scope: 'Namespace', namespace: 'infra' })], GVS))[0]?.state, 'found');
    assert.ok(log.includes('/api/v1/namespaces/infra/configmaps/p'));
    const [l] = await lookupParameters(client, [cls({ kind: 'ConfigMap', name: 'p' })], GVS);
    assert.equal(l?.state, 'missing');
    assert.match(l?.reason ?? '', /namespaced but scope is Cluster/);
  });
  it('one lookup per distinct object, however many classes name it', async () => {
    const { client, log } = stubClient(discovery);
    assert.equal((await lookupParameters(client, [cls(nsParams), cls(nsParams)], GVS)).length, 1);
    assert.equal(log.filter((p) => p.endsWith('/lb')).length, 1);
  });
});
