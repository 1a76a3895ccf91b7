import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { demoSnapshot } from '../../../src/cluster/demo.js';
import { serializeSnapshot } from '../../../src/cluster/snapshot-export.js';
import { loadSnapshotFiles } from '../../../src/cluster/snapshot-files.js';
import { emptySnapshot } from '../../../src/model/snapshot.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { fixture, tempDir } from './helpers.js';

const NOW = new Date('2026-06-01T12:00:00Z');

async function roundTrip(s: ClusterSnapshot): Promise<{ text: string; back: ClusterSnapshot; file: string }> {
  const file = join(await tempDir(), 'snap.json');
  const text = serializeSnapshot(s);
  await writeFile(file, text);
  return { text, back: await loadSnapshotFiles([file]), file };
}

/** Objects compared as JSON, the form they travel in. */
const data = (s: ClusterSnapshot): unknown => JSON.parse(JSON.stringify({ ...s, source: undefined, takenAt: undefined }));

describe('serializeSnapshot', () => {
  it('writes a v1 List whose items all carry kind and apiVersion, with the kexplore header', () => {
    const list = JSON.parse(serializeSnapshot(demoSnapshot(NOW))) as { apiVersion: string; kind: string; metadata: { kexplore: Record<string, unknown> }; items: { kind?: string; apiVersion?: string }[] };
    assert.equal(list.apiVersion, 'v1');
    assert.equal(list.kind, 'List');
    assert.equal(list.metadata.kexplore.version, 1);
    assert.equal(list.metadata.kexplore.takenAt, NOW.toISOString());
    assert.deepEqual(list.metadata.kexplore.source, { type: 'demo', context: 'demo', cluster: 'kexplore-demo', serverVersion: 'v1.36.3' });
    assert.ok(list.items.length > 100);
    for (const i of list.items) assert.ok(i.kind && i.apiVersion, JSON.stringify(i).slice(0, 80));
    assert.ok(list.items.some((i) => i.kind === 'EndpointSlice' && i.apiVersion === 'discovery.k8s.io/v1'));
    assert.ok(list.items.some((i) => i.kind === 'HTTPRoute' && i.apiVersion === 'gateway.networking.k8s.io/v1'));
  });

  it('round-trips the demo: objects, visibility and takenAt', async () => {
    const s = demoSnapshot(NOW);
    const { back, file } = await roundTrip(s);
    assert.deepEqual(data(back), data(s));
    assert.equal(back.takenAt, NOW.toISOString());
    assert.deepEqual(back.visibility, s.visibility);
    assert.deepEqual(back.source, { type: 'snapshot', files: [file], context: 'demo', cluster: 'kexplore-demo', serverVersion: 'v1.36.3' });
  });

  it('round-trips a dump: absent kinds stay absent, Secrets keep their key facts', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    const { back } = await roundTrip(s);
    assert.deepEqual(data(back), data(s));
    assert.equal(back.takenAt, s.takenAt);
    assert.equal(back.visibility.NetworkPolicy.state, 'absent');
    assert.equal(back.secrets.find((x) => x.metadata.name === 'legacy-tls')?.keyMatchesCert, false);
    assert.equal(back.secrets.find((x) => x.metadata.name === 'app-config')?.hasTlsKey, false);
  });

  it('keeps the namespace scope and partial visibility', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')], { namespace: 'acme' });
    const { back } = await roundTrip(s);
    assert.equal(back.namespace, 'acme');
    assert.deepEqual(back.visibility.Service, { state: 'partial', namespaces: ['acme'] });
  });

  it('keeps the API version legacy Ingresses were read as', async () => {
    const s = await loadSnapshotFiles([fixture('manifests.yaml')]);
    const { back, text } = await roundTrip(s);
    assert.equal(back.ingresses.find((i) => i.metadata.name === 'frontend')?.sourceApiVersion, 'extensions/v1beta1');
    assert.deepEqual(data(back), data(s));
    // the item itself is valid networking.k8s.io/v1 for other tools
    assert.ok(!text.includes('"apiVersion": "extensions/v1beta1"'));
  });

  it('never writes private key material, even when the input Secret had tls.key', async () => {
    const s = await loadSnapshotFiles([fixture('shop-cluster.json')]);
    const text = serializeSnapshot(s);
    assert.ok(!text.includes('PRIVATE KEY'));
    assert.ok(!text.includes('LS0tLS1CRUdJTiBQUklWQVRF')); // base64 of "-----BEGIN PRIVATE"
    assert.ok(!text.includes('"data"'));
    assert.ok(text.includes('BEGIN CERTIFICATE'));
  });

  it('strips key blocks from a hand-built snapshot too', () => {
    const s = emptySnapshot({ type: 'snapshot' }, NOW.toISOString());
    const key = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIK\n-----END EC PRIVATE KEY-----';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    s.secrets.push({ kind: 'Secret', metadata: { name: 'x', namespace: 'a', annotations: { note: key } }, tlsCrt: `${cert}\n${key}`, hasTlsCrt: true, hasTlsKey: true, hasCaCrt: false });
    s.pods.push({ kind: 'Pod', metadata: { name: 'p', namespace: 'a' }, spec: { containers: [{ name: 'c', args: [`--key=${key}`] }] } });
    const text = serializeSnapshot(s);
    assert.ok(!text.includes('PRIVATE KEY'));
    assert.ok(text.includes('BEGIN CERTIFICATE'));
  });

  it('never writes the kubeconfig user name', () => {
    const s = emptySnapshot({ type: 'live', context: 'prod', user: 'alice@example.com', state: 'live' }, NOW.toISOString());
    assert.ok(!serializeSnapshot(s).includes('alice'));
  });
});
