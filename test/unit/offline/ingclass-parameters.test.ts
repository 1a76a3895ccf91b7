// IngressClass parameters judged from a dump: present, absent among objects of its kind
// (missing), or unknown when the dump holds no object of that kind at all.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSnapshotFiles } from '../../../src/cluster/snapshot-files.js';
import { tempFiles } from './helpers.js';

const cls = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'ConfigMap', name: 'nginx-class-params', scope: 'Namespace', namespace: 'ingress-nginx' } } };
const cm = (name: string, namespace = 'ingress-nginx') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { 'use-forwarded-headers': 'true' } });
const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items });

async function lookups(items: unknown[], extra: Record<string, string> = {}) {
  const dir = await tempFiles({ 'dump.json': list(items), ...extra });
  return (await loadSnapshotFiles([join(dir, 'dump.json'), ...Object.keys(extra).map((f) => join(dir, f))])).parameterLookups;
}

describe('IngressClass parameters in a dump', () => {
  it('found when the dump holds the object', async () => {
    assert.deepEqual(await lookups([cls, cm('nginx-class-params')]), [{ key: '|ConfigMap|ingress-nginx|nginx-class-params', state: 'found' }]);
  });
  it('missing when the dump holds other ConfigMaps but not this one', async () => {
    const [l] = await lookups([cls, cm('ingress-nginx-controller')]);
    assert.equal(l?.state, 'missing');
  });
  it('the same name in another namespace is not the object', async () => {
    const [l] = await lookups([cls, cm('nginx-class-params', 'default')]);
    assert.equal(l?.state, 'missing');
  });
  it('an empty typed list still shows the kind was dumped', async () => {
    const [l] = await lookups([cls], { 'cms.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: [] }) });
    assert.equal(l?.state, 'missing');
  });
  it('unknown when the dump holds no ConfigMaps at all', async () => {
    const [l] = await lookups([cls]);
    assert.deepEqual(l, { key: '|ConfigMap|ingress-nginx|nginx-class-params', state: 'unknown', reason: 'the dump holds no ConfigMap objects' });
  });
  it('no lookups without parameters', async () => {
    assert.deepEqual(await lookups([{ ...cls, spec: { controller: 'k8s.io/ingress-nginx' } }, cm('x')]), []);
  });
});
