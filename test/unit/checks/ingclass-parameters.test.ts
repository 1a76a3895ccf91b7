// ingclass.parameters-missing: from the lookups the sources record (live GET, or the dump's
// objects of that kind). An unknown lookup (forbidden, kind absent from a dump) stays silent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parametersKey } from '../../../src/model/ingress-class.js';
import type { ParameterLookup } from '../../../src/model/types.js';
import { ids, ingressClass, nginxInstall, node, run, snap, type Raw } from './fixtures/build.js';

const params = { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Namespace', namespace: 'ingress-nginx' };
const key = parametersKey(params);
const world = (parameters: Raw = params): Raw[] => [node('node-a'), ...nginxInstall({ withClass: false }), ingressClass('nginx', 'k8s.io/ingress-nginx', { parameters })];
const withLookups = (objs: Raw[], lookups: ParameterLookup[]) => ({ ...snap(objs), parameterLookups: lookups });

describe('ingclass.parameters-missing', () => {
  it('fires on the class when the lookup found no such object', () => {
    const [f, more] = ids(run(withLookups(world(), [{ key, state: 'missing' }])), 'ingclass.parameters-missing');
    assert.equal(more, undefined);
    assert.deepEqual(f?.object, { kind: 'IngressClass', name: 'nginx' });
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /IngressParameters\.k8s\.example\.com 'ingress-nginx\/external-lb' which does not exist/);
    assert.deepEqual(f?.fields, ['spec.parameters']);
  });
  it('says why when the kind itself is not served', () => {
    const [f] = ids(run(withLookups(world(), [{ key, state: 'missing', reason: 'API group k8s.example.com is not served' }])), 'ingclass.parameters-missing');
    assert.match(f?.message ?? '', /\(API group k8s\.example\.com is not served\)/);
  });
  it('stays quiet when the object exists, or when the lookup was forbidden or never made', () => {
    assert.equal(ids(run(withLookups(world(), [{ key, state: 'found' }])), 'ingclass.parameters-missing').length, 0);
    assert.equal(ids(run(withLookups(world(), [{ key, state: 'unknown', reason: 'forbidden' }])), 'ingclass.parameters-missing').length, 0);
    assert.equal(ids(run(withLookups(world(), [])), 'ingclass.parameters-missing').length, 0);
  });
  it('a lookup for another object does not count', () => {
    assert.equal(ids(run(withLookups(world(), [{ key: parametersKey({ ...params, name: 'other' }), state: 'missing' }])), 'ingclass.parameters-missing').length, 0);
  });
  it('scope Namespace without a namespace is reported from a manifest alone', () => {
    const [f] = ids(run(withLookups(world({ apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'x', scope: 'Namespace' }), [])), 'ingclass.parameters-missing');
    assert.deepEqual(f?.fields, ['spec.parameters.namespace']);
  });
  it('cluster scope is the default: the key has no namespace', () => {
    assert.equal(parametersKey({ kind: 'ConfigMap', name: 'p', namespace: 'ignored' }), '|ConfigMap||p');
    assert.equal(parametersKey({ kind: 'ConfigMap', name: 'p', scope: 'Namespace', namespace: 'ns' }), '|ConfigMap|ns|p');
  });
});
