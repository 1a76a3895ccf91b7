import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../../../src/cluster/api-client.js';
import { loadKubeConfig } from '../../../src/cluster/kubeconfig.js';
import { listAll, ResourceWatcher, type WatchEventType } from '../../../src/cluster/list-watch.js';
import { CORE_RESOURCES, type ResourceDef } from '../../../src/cluster/resources.js';
import type { AnyObject } from '../../../src/model/types.js';
import { FakeApiServer, meta, status, type WatchConn } from './fake-apiserver.js';

const SERVICES = CORE_RESOURCES.find((d) => d.kind === 'Service') as ResourceDef;
const EVENTS = CORE_RESOURCES.find((d) => d.kind === 'Event') as ResourceDef;

/** Resolve when `pred` holds, polling briefly (no fixed sleeps in assertions). */
async function until(pred: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const svc = (name: string, ns = 'default'): Record<string, unknown> => ({ kind: 'Service', apiVersion: 'v1', metadata: meta(name, ns), spec: { ports: [{ port: 80 }] } });

describe('list and watch against a fake apiserver', () => {
  let api: FakeApiServer;
  let client: ApiClient;

  before(async () => {
    api = await new FakeApiServer().start();
    for (let i = 0; i < 12; i++) api.add('services', svc(`s${String(i).padStart(2, '0')}`, i % 2 ? 'a' : 'b'));
    const l = loadKubeConfig({ kubeconfig: api.kubeconfig() });
    client = new ApiClient(l.kc, l.server, 5000);
  });
  after(() => api.close());

  it('pages with limit and continue, projecting items with the kind from the definition', async () => {
    api.log.length = 0;
    const r = await listAll(client, SERVICES, undefined, { limit: 5 });
    assert.equal(r.items.length, 12);
    assert.equal(r.pages, 3);
    assert.equal(r.resourceVersion, String(api.rv));
    assert.ok(r.items.every((o) => o.kind === 'Service'));
    assert.deepEqual(
      api.log.map((l) => new URL(l.split(' ')[1] ?? '', 'http://x').searchParams.get('limit')),
      ['5', '5', '5'],
    );
    assert.ok(api.log.every((l) => !l.includes('resourceVersion=')), 'consistent list: resourceVersion unset');
  });

  it('scopes to a namespace and passes field selectors', async () => {
    api.log.length = 0;
    const r = await listAll(client, SERVICES, 'a');
    assert.equal(r.items.length, 6);
    assert.ok(r.items.every((o) => o.metadata.namespace === 'a'));
    assert.match(api.log[0] ?? '', /^GET \/api\/v1\/namespaces\/a\/services\?limit=500$/);
    api.add('events', { metadata: meta('e1', 'a'), type: 'Warning', involvedObject: { kind: 'Service', name: 's01' } });
    api.add('events', { metadata: meta('e2', 'a'), type: 'Normal', involvedObject: { kind: 'Service', name: 's01' } });
    const ev = await listAll(client, EVENTS, undefined);
    assert.deepEqual(ev.items.map((o) => o.metadata.name), ['e1']);
    assert.match(api.log.at(-1) ?? '', /fieldSelector=type%21%3DNormal/);
  });

  it('survives a server that ignores limit, and flags it', async () => {
    api.pageSizeOverride = 1000;
    try {
      const r = await listAll(client, SERVICES, undefined, { limit: 5 });
      assert.equal(r.items.length, 12);
      assert.equal(r.pages, 1);
      assert.equal(r.ignoredLimit, true);
    } finally {
      api.pageSizeOverride = undefined;
    }
  });

  it('an expired continue token (410) restarts the list from the beginning', async () => {
    api.expireTokens.add(Buffer.from('5').toString('base64'));
    api.log.length = 0;
    const r = await listAll(client, SERVICES, undefined, { limit: 5 });
    assert.equal(r.items.length, 12, 'no duplicates from the abandoned attempt');
    assert.equal(api.log.length, 5);
  });

  it('403 surfaces as an ApiError with the Status reason', async () => {
    api.forbiddenClusterWide.add('services');
    try {
      await assert.rejects(listAll(client, SERVICES, undefined), (e: unknown) => {
        assert.equal((e as { code?: number }).code, 403);
        assert.equal((e as { reason?: string }).reason, 'Forbidden');
        return true;
      });
    } finally {
      api.forbiddenClusterWide.delete('services');
    }
  });

  it('watches with bookmarks, resumes from the last resourceVersion, relists on 410 and reconnects after errors', async () => {
    const conns: WatchConn[] = [];
    api.onWatch = (w) => conns.push(w);
    const events: [WatchEventType, AnyObject][] = [];
    const relists: number[] = [];
    const errors: unknown[] = [];
    let connected = 0;
    const w = new ResourceWatcher(
      client,
      SERVICES,
      undefined,
      '100',
      {
        onEvent: (t, o) => events.push([t, o]),
        onRelist: (r) => relists.push(r.items.length),
        onConnected: () => connected++,
        onError: (e) => errors.push(e),
      },
      { timeoutSeconds: 300, backoffStartMs: 10, backoffCapMs: 40, random: () => 0.5 },
    );
    try {
      await until(() => conns.length === 1, 'first watch');
      const q = conns[0]?.query;
      assert.equal(q?.get('allowWatchBookmarks'), 'true');
      assert.equal(q?.get('resourceVersion'), '100');
      assert.equal(q?.get('timeoutSeconds'), '300');

      conns[0]?.send('ADDED', { metadata: { ...meta('new', 'a'), resourceVersion: '201', uid: 'u1' }, spec: {} });
      conns[0]?.send('BOOKMARK', { kind: 'Service', apiVersion: 'v1', metadata: { resourceVersion: '250' } });
      await until(() => w.resourceVersion === '250', 'bookmark applied');
      assert.equal(events.length, 1, 'bookmarks are not events');
      assert.equal(events[0]?.[1].kind, 'Service');

      // server-side timeout: clean end → resume from the bookmark's RV at once
      conns[0]?.end();
      await until(() => conns.length === 2, 'resumed watch');
      assert.equal(conns[1]?.query.get('resourceVersion'), '250');
      assert.equal(errors.length, 0);

      // 410 Expired in the stream → relist, then watch from the list's RV
      conns[1]?.send('ERROR', status(410, 'Expired', 'too old resource version: 250 (300)'));
      await until(() => relists.length === 1 && conns.length === 3, 'relist after 410');
      assert.equal(relists[0], 12);
      assert.equal(conns[2]?.query.get('resourceVersion'), String(api.rv));

      // connection failure → backoff and reconnect
      api.failAll = { code: 500, reason: 'InternalError' };
      conns[2]?.end();
      await until(() => errors.length >= 2, 'errors reported');
      api.failAll = undefined;
      await until(() => conns.length === 4, 'reconnected after errors');
      // the server sees the request before the client sees its response headers
      await until(() => connected >= 4, 'client saw the fourth connection');
      assert.equal(conns.length, 4);
    } finally {
      await w.stop();
      api.onWatch = () => undefined;
    }
  });
});
