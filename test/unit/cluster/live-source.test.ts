import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadLiveSnapshot, openLiveSource } from '../../../src/cluster/live-source.js';
import { UserError } from '../../../src/cluster/source-types.js';
import { isVisible } from '../../../src/model/snapshot.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { FakeApiServer, meta, type WatchConn } from './fake-apiserver.js';

async function until(pred: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function seed(api: FakeApiServer): void {
  for (const ns of ['a', 'b']) api.add('namespaces', { metadata: meta(ns), status: { phase: 'Active' } });
  api.add('nodes', { metadata: meta('n1'), status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }], images: [{ names: ['big'] }] } });
  api.add('services', { metadata: meta('web', 'a'), spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  api.add('services', { metadata: meta('db', 'b'), spec: { ports: [{ port: 5432 }] } });
  api.add('endpointslices', { metadata: meta('web-x1', 'a', { labels: { 'kubernetes.io/service-name': 'web' } }), addressType: 'IPv4', endpoints: [{ addresses: ['10.1.0.5'], conditions: { ready: true } }], ports: [{ port: 8080 }] });
  api.add('ingresses', {
    metadata: meta('web', 'a'),
    spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }], tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }, { secretName: 'gone' }] },
  });
  api.add('ingresses', { metadata: meta('db-admin', 'b'), spec: { tls: [{ secretName: 'db-tls' }] } });
  api.add('pods', { metadata: meta('web-1', 'a', { labels: { app: 'web' } }), spec: { containers: [{ name: 'c', env: [{ name: 'SECRET', value: 'x' }] }] }, status: { phase: 'Running', podIP: '10.1.0.5' } });
  api.add('events', { metadata: meta('e1', 'a'), type: 'Warning', reason: 'BackOff', involvedObject: { kind: 'Pod', name: 'web-1' } });
  api.add('events', { metadata: meta('e2', 'a'), type: 'Normal', reason: 'Pulled', involvedObject: { kind: 'Pod', name: 'web-1' } });
  api.add('deployments', { metadata: meta('web', 'a'), spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } } } } });
  api.secrets.set('a/web-tls', { kind: 'Secret', apiVersion: 'v1', metadata: meta('web-tls', 'a'), type: 'kubernetes.io/tls', data: { 'tls.crt': Buffer.from('not a cert').toString('base64'), 'tls.key': Buffer.from('-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----').toString('base64') } });
  api.forbiddenSecrets.add('b/db-tls');
}

describe('live source against a fake apiserver', () => {
  let api: FakeApiServer;
  beforeEach(async () => {
    api = await new FakeApiServer().start();
    seed(api);
  });
  afterEach(() => api.close());

  it('one-shot snapshot: every kind read, secrets by name only, Gateway API not installed', async () => {
    const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig() });
    assert.equal(s.source.type, 'live');
    assert.equal(s.source.serverVersion, 'v1.34.1');
    assert.equal(s.source.context, 'fake');
    assert.equal(s.source.server, api.url);
    assert.deepEqual(s.services.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`), ['a/web', 'b/db']);
    assert.equal(s.endpointSlices.length, 1);
    assert.equal(s.pods.length, 1);
    assert.equal(s.pods[0]?.kind, 'Pod');
    assert.deepEqual(s.events.map((e) => e.metadata.name), ['e1'], 'only type!=Normal');
    assert.equal(s.workloads.length, 1);
    assert.deepEqual(s.nodes[0]?.status?.addresses, [{ type: 'InternalIP', address: '10.0.0.1' }]);
    for (const k of ['Namespace', 'Node', 'Service', 'EndpointSlice', 'Pod', 'Ingress', 'IngressClass', 'NetworkPolicy', 'Event', 'Deployment'] as const) assert.equal(s.visibility[k].state, 'visible', k);
    for (const k of ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'] as const) assert.equal(s.visibility[k].state, 'not-installed', k);
    assert.equal(s.visibility.Endpoints.state, 'absent', 'Endpoints not read while slices are visible');
    assert.ok(!api.log.some((l) => l.includes('/endpoints?')));

    // Secrets: never listed; 200 kept (no key material), 404 simply absent, 403 recorded
    assert.ok(!api.log.some((l) => /\/secrets(\?|$)/.test(l)), 'no secret LIST');
    assert.deepEqual(s.secrets.map((o) => o.metadata.name), ['web-tls']);
    assert.equal(s.secrets[0]?.hasTlsKey, true);
    assert.ok(!JSON.stringify(s.secrets).includes('PRIVATE KEY'));
    assert.equal(s.visibility.Secret.state, 'partial');
    assert.deepEqual(s.visibility.Secret.namespaces, ['a']);
    assert.match(s.visibility.Secret.message ?? '', /forbidden: b\/db-tls/);
    assert.equal(isVisible(s, 'Secret', 'a'), true, 'a/gone is missing, not unknown');
    assert.equal(isVisible(s, 'Secret', 'b'), false, 'b/db-tls is unreadable, not missing');
    assert.ok(api.log.every((l) => l.startsWith('GET ')), 'read-only');
  });

  it('cluster-wide list forbidden → per-namespace lists where rules allow (partial); nowhere → forbidden, never empty', async () => {
    api.forbiddenClusterWide.add('pods');
    api.rules.set('a', [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }]);
    api.rules.set('b', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    api.forbidden.add('networkpolicies');
    api.add('pods', { metadata: meta('db-1', 'b'), spec: { containers: [] } });
    const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig() });
    assert.equal(s.visibility.Pod.state, 'partial');
    assert.deepEqual(s.visibility.Pod.namespaces, ['a']);
    assert.deepEqual(s.pods.map((p) => p.metadata.name), ['web-1']);
    assert.equal(s.visibility.NetworkPolicy.state, 'forbidden');
    assert.match(s.visibility.NetworkPolicy.message ?? '', /forbidden/);
    const posts = api.log.filter((l) => l.startsWith('POST '));
    assert.ok(posts.length > 0 && posts.every((l) => l.startsWith('POST /apis/authorization.k8s.io/v1/selfsubject')), 'only access reviews are POSTed');
  });

  it('-n scopes every namespaced list; EndpointSlices forbidden → Endpoints fallback', async () => {
    api.forbidden.add('endpointslices');
    api.add('endpoints', { metadata: meta('web', 'a'), subsets: [{ addresses: [{ ip: '10.1.0.5' }], ports: [{ port: 8080 }] }] });
    const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig(), namespace: 'a' });
    assert.equal(s.namespace, 'a');
    const namespaced = /\/(services|pods|ingresses|endpoints|endpointslices|networkpolicies|events|deployments|statefulsets|replicasets|daemonsets)\?/;
    const lists = api.log.filter((l) => namespaced.test(l));
    assert.ok(lists.length > 5);
    for (const l of lists) assert.match(l, /\/namespaces\/a\//, l);
    assert.equal(s.visibility.EndpointSlice.state, 'forbidden');
    // -n reads one namespace: partial, so objects elsewhere are unknown rather than missing
    assert.deepEqual(s.visibility.Endpoints, { state: 'partial', namespaces: ['a'], message: 'listed in namespace a only (-n)' });
    assert.equal(s.visibility.Service.state, 'partial');
    assert.equal(s.endpoints.length, 1);
    assert.deepEqual(s.services.map((o) => o.metadata.name), ['web']);
  });

  it('Gateway API read at the versions discovery shows (ReferenceGrant at v1beta1)', async () => {
    api.gatewayVersions = { v1: ['gatewayclasses', 'gateways', 'httproutes'], v1beta1: ['referencegrants', 'httproutes'] };
    api.add('gatewayclasses', { metadata: meta('gc'), spec: { controllerName: 'x.io/gw' } });
    api.add('gateways', { metadata: meta('gw', 'a'), spec: { gatewayClassName: 'gc', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'gw-cert' }, { name: 'other', namespace: 'b' }] } }] } });
    api.add('referencegrants', { metadata: meta('rg', 'b'), spec: { from: [], to: [] } });
    const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig() });
    for (const k of ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'] as const) assert.equal(s.visibility[k].state, 'visible', k);
    assert.ok(api.log.some((l) => l.startsWith('GET /apis/gateway.networking.k8s.io/v1beta1/referencegrants?')));
    assert.ok(api.log.some((l) => l.startsWith('GET /apis/gateway.networking.k8s.io/v1/httproutes?')));
    assert.equal(s.referenceGrants.length, 1);
    assert.ok(api.log.includes('GET /api/v1/namespaces/a/secrets/gw-cert'));
    assert.ok(api.log.includes('GET /api/v1/namespaces/b/secrets/other'));
  });

  it('servers before 1.31 are listed with resourceVersion=0 (watch cache), newer ones with RV unset', async () => {
    api.gitVersion = 'v1.29.4';
    const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig() });
    assert.equal(s.source.serverVersion, 'v1.29.4');
    const lists = api.log.filter((l) => /\/(services|pods|nodes)\?/.test(l));
    assert.ok(lists.length >= 3 && lists.every((l) => l.includes('resourceVersion=0') && l.includes('limit=500')), lists.join('\n'));
  });

  it('connection refused and 401 become one-line UserErrors naming the server', async () => {
    const kc = api.kubeconfig();
    const url = api.url;
    await api.close();
    await assert.rejects(loadLiveSnapshot({ kubeconfig: kc }), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.message, `cannot connect to ${url}: connection refused`);
      return true;
    });
    api = await new FakeApiServer().start();
    const wrongToken = api.kubeconfig();
    writeFileSync(wrongToken, readFileSync(wrongToken, 'utf8').replace('secret-token', 'expired'));
    await assert.rejects(loadLiveSnapshot({ kubeconfig: wrongToken }), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /rejected the credentials of context "fake" \(401 Unauthorized\)/);
      return true;
    });
  });

  it('live: initial lists, watch events coalesced into throttled snapshots, reconnecting → stale, refresh relists', async () => {
    const conns: WatchConn[] = [];
    api.onWatch = (w) => conns.push(w);
    const src = await openLiveSource({ kubeconfig: api.kubeconfig(), throttleMs: 30, staleAfterMs: 150, watch: { backoffStartMs: 20, backoffCapMs: 40 } });
    try {
      assert.equal(src.type, 'live');
      assert.deepEqual(src.contexts?.(), ['fake']);
      const first = src.current();
      assert.equal(first.services.length, 2);
      const snaps: ClusterSnapshot[] = [];
      src.subscribe((s) => snaps.push(s));
      await until(() => src.current().source.state === 'live' && src.current().visibility.Pod.state === 'visible', 'background kinds loaded');
      await until(() => conns.some((c) => c.plural === 'services'), 'service watch');
      const svcWatch = conns.find((c) => c.plural === 'services');
      snaps.length = 0;
      for (let i = 0; i < 5; i++) svcWatch?.send('ADDED', { metadata: { ...meta(`new-${i}`, 'a'), resourceVersion: String(300 + i), uid: `n${i}` }, spec: {} });
      svcWatch?.send('DELETED', { metadata: { ...meta('db', 'b'), resourceVersion: '310', uid: 'uid-b-db' }, spec: {} });
      await until(() => snaps.at(-1)?.services.length === 6, 'events applied');
      assert.ok(snaps.length <= 2, `coalesced (${snaps.length} notifications for 6 events)`);
      assert.equal(src.current(), src.current(), 'snapshot cached until something changes');

      // every watch fails: reconnecting, then stale with staleSince
      api.failAll = { code: 503, reason: 'ServiceUnavailable' };
      for (const c of conns) c.end();
      await until(() => src.current().source.state === 'reconnecting' || src.current().source.state === 'stale', 'reconnecting');
      await until(() => src.current().source.state === 'stale', 'stale');
      assert.ok(src.current().source.staleSince);
      assert.equal(src.current().services.length, 6, 'stale data is kept');
      // `r` while the server fails: an error to show, and nothing wiped
      await assert.rejects(src.refresh(), /ServiceUnavailable|503/);
      assert.equal(src.current().services.length, 6, 'a failed refresh keeps what was read');

      api.failAll = undefined;
      await until(() => src.current().source.state === 'live', 'live again');
      await src.refresh();
      assert.equal(src.current().services.length, 2, 'refresh relists from the server');
    } finally {
      await src.close();
    }
  });
});

describe('live source: a kind whose first list fails', () => {
  let api: FakeApiServer;
  beforeEach(async () => {
    api = await new FakeApiServer().start();
    seed(api);
  });
  afterEach(() => api.close());

  it('is "failed", then listed again with backoff and watched once a list succeeds (no r needed)', async () => {
    api.failingLists.set('ingresses', 2);
    const conns: WatchConn[] = [];
    api.onWatch = (w) => conns.push(w);
    const src = await openLiveSource({ kubeconfig: api.kubeconfig(), throttleMs: 10, watch: { backoffStartMs: 20, backoffCapMs: 40 } });
    try {
      assert.equal(src.current().visibility.Ingress.state, 'failed');
      assert.match(src.current().visibility.Ingress.message ?? '', /request timed out/);
      await until(() => src.current().visibility.Ingress.state === 'visible', 'ingresses listed on a later try');
      assert.equal(api.failingLists.get('ingresses'), 0, 'both failing answers were used');
      await until(() => conns.some((c) => c.plural === 'ingresses'), 'and watched from then on');
    } finally {
      await src.close();
    }
  });
});

describe('live source: Secrets read by name again while live', () => {
  let api: FakeApiServer;
  beforeEach(async () => {
    api = await new FakeApiServer().start();
    seed(api);
  });
  afterEach(() => api.close());

  it('a Secret created after the start shows up without r (re-read every rereadMs)', async () => {
    const src = await openLiveSource({ kubeconfig: api.kubeconfig(), throttleMs: 10, rereadMs: 50 });
    try {
      await until(() => src.current().source.state === 'live', 'live');
      assert.equal(src.current().secrets.some((x) => x.metadata.name === 'gone'), false);
      api.secrets.set('a/gone', { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: meta('gone', 'a'), data: {} });
      await until(() => src.current().secrets.some((x) => x.metadata.name === 'gone'), 'the new Secret read by name');
      assert.ok(!api.log.some((l) => /^GET \/api\/v1\/(namespaces\/[^/]+\/)?secrets(\?|$)/.test(l)), 'never a LIST of Secrets');
    } finally {
      await src.close();
    }
  });
});

describe('live source over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kx-tls-'));
  let tls: { key: string; cert: string } | undefined;
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    tls = undefined; // no openssl: skip
  }

  it('reads over TLS with the kubeconfig CA (paginated, pooled connections); an untrusted server is a TLS UserError', { skip: tls === undefined }, async () => {
    if (!tls) return;
    const api = await new FakeApiServer(tls).start();
    try {
      seed(api);
      for (let i = 0; i < 1200; i++) api.add('services', { metadata: meta(`s${i}`, 'a'), spec: {} });
      const s = await loadLiveSnapshot({ kubeconfig: api.kubeconfig({ ca: tls.cert }) });
      assert.equal(s.services.length, 1202);
      assert.equal(api.log.filter((l) => l.startsWith('GET /api/v1/services?')).length, 3, 'three pages of 500');
      assert.ok(api.connections < api.log.length, `TLS connections reused: ${api.connections} for ${api.log.length} requests`);
      await assert.rejects(loadLiveSnapshot({ kubeconfig: api.kubeconfig() }), (e: unknown) => {
        assert.ok(e instanceof UserError);
        assert.match(e.message, /^TLS verification of https:\/\/127\.0\.0\.1:\d+ failed: /);
        return true;
      });
    } finally {
      await api.close();
    }
  });
});
