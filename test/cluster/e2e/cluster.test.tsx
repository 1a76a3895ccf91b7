// End-to-end against the real control plane started by test/cluster/run-e2e.sh:
// kube-apiserver + kube-controller-manager + kube-scheduler + etcd + kwok, fixtures applied
// through the API. Needs the variables of $WORKDIR/env.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import type { DataSource } from '../../../src/cluster/source-types.js';
import { openLiveSource } from '../../../src/cluster/live-source.js';
import { analyse } from '../../../src/cli/analyse.js';
import { buildGraph } from '../../../src/model/graph.js';
import type { ClusterSnapshot } from '../../../src/model/types.js';
import { probeFindings, probeTargets, runProbes } from '../../../src/probe/index.js';
import { App } from '../../../src/ui/app.js';
import { renderTerm } from '../../ui/render.js';
import { BIN, env, until } from './env.js';

const W = env('KEXPLORE_E2E_WORKDIR');
const KC = env('KUBECONFIG_KEXPLORE');
const ADMIN = env('KUBECONFIG_ADMIN');
const VIEWER = env('KUBECONFIG_VIEWER');
const PROBE_NODEPORT = Number(process.env.PROBE_NODEPORT ?? '31999');
const HERE = fileURLToPath(new URL('../../../../test/cluster/', import.meta.url));

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', ADMIN, '--request-timeout=20s', ...args], { encoding: 'utf8' });
}

interface Out {
  findings: { id: string; severity: string; object: { kind: string; namespace?: string; name: string } }[];
  visibility: Record<string, { state: string }>;
  paths?: { entry: string; kind: string; verdict: string; hops: { label: string; verdict: string; field?: string }[] }[];
}

function check(kubeconfig: string, ...extra: string[]): { code: number; out: Out; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', '--kubeconfig', kubeconfig, '-o', 'json', '--grace', '0s', ...extra], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: JSON.parse(r.stdout || '{"findings":[],"visibility":{}}') as Out, stderr: r.stderr };
}

const infos = (o: Out): string[] =>
  o.findings
    .filter((f) => f.severity === 'info')
    .map((f) => `info ${f.id} ${f.object.namespace ?? '-'}/${f.object.name}`)
    .sort();

const problems = (o: Out): string[] =>
  o.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.severity} ${f.id} ${f.object.namespace ?? '-'}/${f.object.name}`)
    .sort();


describe('the test control plane', () => {
  it('is kube-apiserver v1.36.3 with three Ready kwok nodes that renew their Leases', () => {
    const v = JSON.parse(kubectl('get', '--raw', '/version')) as { gitVersion: string };
    assert.equal(v.gitVersion, 'v1.36.3');
    const nodes = JSON.parse(kubectl('get', 'nodes', '-o', 'json')) as { items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[] };
    assert.deepEqual(
      nodes.items.map((n) => `${n.metadata.name} ${n.status.conditions.find((c) => c.type === 'Ready')?.status}`).sort(),
      ['node-a True', 'node-b True', 'node-lo True'],
    );
    const leases = kubectl('-n', 'kube-node-lease', 'get', 'leases', '-o', 'jsonpath={.items[*].metadata.name}').split(' ').sort();
    assert.deepEqual(leases, ['node-a', 'node-b', 'node-lo'], 'without Leases KCM marks the nodes NotReady after 50 s');
  });
});

describe('kexplore check against a real cluster', () => {
  it('finds exactly what the fixtures imply, finding by finding', () => {
    const r = check(KC);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problems(r.out), [
      'error eps.no-ready shop/cart',
      'error eps.no-ready shop/cart-public',
      'error eps.no-ready shop/checkout',
      'error ing.backend-no-endpoints shop/storefront',
      'error ing.backend-no-endpoints shop/storefront',
      'error ing.backend-service-missing shop/promo',
      'error ing.class-not-found shop/admin',
      'error ing.not-admitted shop/blog',
      'error ingclass.no-controller -/traefik',
      'error lb.pending payments/gateway',
      'error nodeport.etp-local-no-endpoints payments/legacy-public',
      'error route.backend-crossns-no-grant shop/reports',
      'error route.backend-missing shop/inventory',
      'error route.resolvedrefs-false shop/inventory',
      'error route.resolvedrefs-false shop/reports',
      'error svc.selector-no-pods shop/checkout',
      'error tls.host-not-covered shop/deals',
      'warning ingclass.parameters-missing -/traefik',
      'warning nodeport.etp-local-partial payments/probe-target',
    ]);
    assert.equal(r.out.visibility.HTTPRoute?.state, 'visible');
    assert.equal(r.out.visibility.GRPCRoute?.state, 'visible');
    const grpc = r.out.paths?.find((p) => p.kind === 'grpcroute');
    assert.equal(grpc?.entry, 'http://grpc.example.com gRPC shop.v1.Inventory/* via gateway-infra/public');
    assert.deepEqual(grpc?.hops.filter((h) => h.verdict === 'broken').map((h) => `${h.label} ${h.field ?? ''}`), ['Service shop/inventory:9000 spec.rules[0].backendRefs[0].name']);
    // the infos too: each follows from a fixture (one replica, a NodePort/LoadBalancer, eTP Local)
    assert.deepEqual(infos(r.out), [
      'info eps.single ingress-nginx/ingress-nginx-controller',
      'info eps.single payments/api',
      'info eps.single payments/gateway',
      'info eps.single payments/probe-target',
      'info svc.exposed-type payments/gateway',
      'info svc.exposed-type payments/legacy-public',
      'info svc.exposed-type payments/probe-target',
      'info svc.exposed-type shop/cart-public',
      'info svc.exposed-type shop/storefront',
      'info svc.traffic-policy-hint ingress-nginx/ingress-nginx-controller',
      'info svc.traffic-policy-hint payments/gateway',
      'info svc.traffic-policy-hint payments/legacy-public',
      'info svc.traffic-policy-hint payments/probe-target',
      'info svc.traffic-policy-hint shop/cart-public',
    ]);
  });

  it('a kexplore snapshot of the cluster gives the same findings offline (parameter lookups included)', () => {
    const dir = mkdtempSync('/tmp/kexplore-e2e-roundtrip-');
    const snap = spawnSync(process.execPath, [BIN, 'snapshot', '--kubeconfig', KC, '-o', `${dir}/cluster.json`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(snap.status, 0, snap.stderr);
    const off = spawnSync(process.execPath, [BIN, 'check', '--snapshot', `${dir}/cluster.json`, '-o', 'json', '--grace', '0s'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(off.status, 1, off.stderr);
    const live = check(KC);
    assert.deepEqual(problems(JSON.parse(off.stdout) as Out), problems(live.out));
    assert.ok(problems(live.out).includes('warning ingclass.parameters-missing -/traefik'));
  });

  it('a user who may only view namespace shop gets no crash, unknowns for the rest, and the real shop problems', () => {
    const r = check(VIEWER, '-n', 'shop');
    assert.equal(r.code, 1, r.stderr);
    for (const k of ['Node', 'IngressClass', 'Namespace', 'Secret']) assert.equal(r.out.visibility[k]?.state, 'forbidden', k);
    // -n reads one namespace: the rest is unknown, not absent
    assert.equal(r.out.visibility.Service?.state, 'partial');
    const p = problems(r.out);
    assert.ok(p.includes('error svc.selector-no-pods shop/checkout'));
    assert.ok(p.includes('error ing.backend-service-missing shop/promo'));
    // Forbidden lookups are unknown, never "missing"
    for (const id of ['ing.class-not-found', 'ingclass.no-controller', 'tls.secret-missing', 'nodeport.etp-local-no-endpoints']) assert.ok(!p.some((x) => x.includes(` ${id} `)), id);
    assert.ok(r.out.findings.some((f) => f.id === 'tls.secret-unreadable'));
  });

  it('authenticates through an exec credential plugin, and a rejected credential is one clear line', () => {
    const api = env('APISERVER_URL');
    const plugin = (name: string, status: string): string => {
      const f = `${W}/${name}.sh`;
      writeFileSync(f, `#!/bin/sh\nprintf '%s' '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":${status}}'\n`, { mode: 0o755 });
      const kc = `${W}/${name}.kubeconfig`;
      writeFileSync(kc, `apiVersion: v1\nkind: Config\nclusters: [{name: e2e, cluster: {server: "${api}", certificate-authority: ${W}/pki/ca.crt}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${f}, interactiveMode: Never}}}]\ncontexts: [{name: exec, context: {cluster: e2e, user: u}}]\ncurrent-context: exec\n`);
      return kc;
    };
    const certs = JSON.stringify({ clientCertificateData: readFileSync(`${W}/pki/kexplore.crt`, 'utf8'), clientKeyData: readFileSync(`${W}/pki/kexplore.key`, 'utf8') });
    const ok = check(plugin('exec-cert', certs));
    assert.equal(ok.code, 1, ok.stderr);
    assert.ok(problems(ok.out).includes('error svc.selector-no-pods shop/checkout'));
    const bad = spawnSync(process.execPath, [BIN, 'check', '--kubeconfig', plugin('exec-bad', '{"token":"not-a-valid-token"}')], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr.trim(), /^kexplore: .*401 Unauthorized/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  it('without a namespace the restricted user sees nothing: the report says what was forbidden, exit 2 says nothing was checked', () => {
    const r = check(VIEWER);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /nothing was checked: this user may not list Services .* pass -n NAMESPACE/);
    assert.equal(r.out.visibility.Service?.state, 'forbidden');
    assert.equal(problems(r.out).length, 0);
  });
});

describe('live updates', () => {
  let source: DataSource;
  const snap = (): ClusterSnapshot => source.current();
  const svcView = (ns: string, name: string) => buildGraph(snap()).serviceByKey.get(`Service/${ns}/${name}`);
  const has = (id: string, name: string): boolean => analyse(snap(), 0).report.findings.some((f) => f.id === id && f.object.name === name);
  // "within seconds": each change must reach the live source in well under the until() timeout
  const latencies: [string, number][] = [];
  const seen = (what: string, t0: number): void => {
    const ms = Date.now() - t0;
    latencies.push([what, ms]);
    assert.ok(ms < 15_000, `${what}: seen after ${ms} ms`);
  };

  before(async () => {
    source = await openLiveSource({ kubeconfig: KC });
    await until('live state with pods loaded', () => (snap().source.state === 'live' && snap().visibility.Pod.state === 'visible' ? true : undefined));
  });
  after(async () => {
    await source.close();
  });

  it('the UI on the live source shows a Deployment scaled to 0 within seconds', async () => {
    const t = renderTerm(createElement(App, { source, graceMs: 0, analyse }), { columns: 140, rows: 40 });
    try {
      await t.waitFor((f) => /web\s.*2\/2/.test(f), 'web 2/2 ready', 15_000);
      const t0 = Date.now();
      kubectl('-n', 'shop', 'scale', 'deployment/web', '--replicas=0');
      await t.waitFor((f) => /\bweb\s.*0\/0/.test(f), 'web 0/0 after scaling to 0', 30_000);
      seen('scale to 0 (UI)', t0);
      assert.equal(svcView('shop', 'web')?.readyCount ?? 0, 0);
    } finally {
      t.unmount();
      kubectl('-n', 'shop', 'scale', 'deployment/web', '--replicas=2');
    }
    await until('web back to 2 ready', () => (svcView('shop', 'web')?.readyCount === 2 ? true : undefined));
  });

  let ui: ReturnType<typeof renderTerm> | undefined;
  const screen = (): ReturnType<typeof renderTerm> => (ui ??= renderTerm(createElement(App, { source, graceMs: 0, analyse }), { columns: 160, rows: 60 }));
  after(() => ui?.unmount());

  it('a deleted Service disappears, from the live source, the UI and a new snapshot', async () => {
    await screen().waitFor((f) => /\bweb-headless\b/.test(f), 'web-headless listed', 15_000);
    const t0 = Date.now();
    kubectl('-n', 'shop', 'delete', 'service', 'web-headless', '--wait=false');
    await until('web-headless gone', () => (svcView('shop', 'web-headless') === undefined ? true : undefined));
    seen('delete Service', t0);
    await screen().waitFor((f) => !/\bweb-headless\b/.test(f), 'web-headless gone from the UI', 15_000);
    const dir = mkdtempSync('/tmp/kexplore-e2e-deleted-');
    const r = spawnSync(process.execPath, [BIN, 'snapshot', '--kubeconfig', KC, '-o', `${dir}/s.json`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(readFileSync(`${dir}/s.json`, 'utf8'), /"name":\s*"web-headless"/);
  });

  it('a fixed selector clears svc.selector-no-pods, live and in check', async () => {
    assert.ok(has('svc.selector-no-pods', 'checkout'));
    const t0 = Date.now();
    kubectl('-n', 'shop', 'patch', 'service', 'checkout', '--type=merge', '-p', '{"spec":{"selector":{"app":"checkout"}}}');
    await until('checkout ready', () => (svcView('shop', 'checkout')?.readyCount === 1 ? true : undefined));
    seen('change a selector', t0);
    assert.ok(!has('svc.selector-no-pods', 'checkout'));
    await screen().waitFor((f) => /\bcheckout\s.*1\/1/.test(f), 'the UI shows checkout 1/1 ready', 15_000);
    assert.ok(!problems(check(KC).out).some((p) => / shop\/checkout$/.test(p)), 'check: shop/checkout has no problem left');
  });

  it('a pod that stops being Ready (its kubelet, here kwok, says so) raises eps.no-ready, live and in check', async () => {
    const pod = kubectl('-n', 'payments', 'get', 'pods', '-l', 'app=api', '-o', 'jsonpath={.items[0].metadata.name}');
    const t0 = Date.now();
    // the kwok stage kexplore-pod-never-ready turns a Running, Ready pod with this label into CrashLoopBackOff
    kubectl('-n', 'payments', 'label', 'pod', pod, 'kexplore.test/never-ready=true');
    await until('eps.no-ready on payments/api', () => (has('eps.no-ready', 'api') ? true : undefined));
    seen('pod not Ready', t0);
    await screen().waitFor((f) => /\bapi\s.*eps\.no-ready/.test(f), 'the UI shows eps.no-ready on api', 15_000);
    assert.ok(problems(check(KC).out).includes('error eps.no-ready payments/api'), 'check reports it too');
  });

  it('survives the apiserver being killed: the UI says reconnecting/stale, then live again with nothing lost', async () => {
    const before = snap().services.length;
    const t = renderTerm(createElement(App, { source, graceMs: 0, analyse }), { columns: 140, rows: 40 });
    let killed = false;
    try {
      await t.waitFor((f) => f.includes('● live'), 'UI live', 15_000);
      execFileSync('bash', [`${HERE}restart-apiserver.sh`, W, 'kill']);
      killed = true;
      const state = await until('reconnecting or stale', () => (['reconnecting', 'stale'].includes(snap().source.state ?? '') ? snap().source.state : undefined), 60_000);
      assert.ok(state === 'reconnecting' || state === 'stale');
      await t.waitFor((f) => /reconnecting…|stale since/.test(f), 'the header says reconnecting or stale', 60_000);
      assert.equal(snap().services.length, before, 'data kept while disconnected');
      execFileSync('bash', [`${HERE}restart-apiserver.sh`, W, 'start']);
      killed = false;
      await until('live again', () => (snap().source.state === 'live' ? true : undefined), 90_000);
      await t.waitFor((f) => f.includes('● live'), 'the header says live again', 30_000);
    } finally {
      t.unmount();
      if (killed) execFileSync('bash', [`${HERE}restart-apiserver.sh`, W, 'start']);
    }
    kubectl('-n', 'shop', 'create', 'service', 'clusterip', 'after-restart', '--tcp=80:8080');
    await until('a change made after the restart', () => (svcView('shop', 'after-restart') ? true : undefined), 60_000);
    assert.equal(snap().services.length, before + 1);
  });

  after(() => {
    // how long each change took to reach kexplore (watch + throttle), for the record
    console.log(`# change → seen: ${latencies.map(([what, ms]) => `${what} ${ms} ms`).join(', ')}`);
  });
});

describe('probe a NodePort on a node whose address is 127.0.0.1', () => {
  // Only loopback targets are dialled: other node addresses are never probed from tests.
  const loopbackProbe = async () => {
    const r = spawnSync(process.execPath, [BIN, 'snapshot', '--kubeconfig', KC], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { loadSnapshotFiles } = await import('../../../src/cluster/snapshot-files.js');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/kexplore-e2e-snap-');
    writeFileSync(`${dir}/s.json`, r.stdout);
    const s = await loadSnapshotFiles([`${dir}/s.json`]);
    const g = buildGraph(s);
    const targets = probeTargets(s, g, { service: { kind: 'Service', namespace: 'payments', name: 'probe-target' } }).filter((t) => t.host === '127.0.0.1');
    assert.equal(targets.length, 1);
    const results = await runProbes(targets, { connectTimeoutMs: 1000 });
    return { results, findings: probeFindings(results, s, g) };
  };

  it('open with a listener on the NodePort', async () => {
    const server = net.createServer((c) => c.end());
    await new Promise<void>((r) => server.listen(PROBE_NODEPORT, '127.0.0.1', r));
    try {
      const { results, findings } = await loopbackProbe();
      assert.equal(results[0]?.outcome, 'open');
      assert.equal(findings.length, 0);
    } finally {
      server.close();
    }
  });

  it('refused without one, reported as nodeport.unreachable', async () => {
    const { results, findings } = await loopbackProbe();
    assert.equal(results[0]?.outcome, 'refused');
    assert.deepEqual(findings.map((f) => `${f.id} ${f.severity}`), ['nodeport.unreachable error']);
  });
});

describe('read-only', () => {
  it("the audit log shows no mutating request from kexplore's users (kexplore-e2e and the viewer)", () => {
    const lines = readFileSync(env('AUDIT_LOG'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const mine = lines
      .map((l) => JSON.parse(l) as { verb: string; user: { username: string }; objectRef?: { resource?: string; name?: string } })
      .filter((e) => e.user.username === 'kexplore-e2e' || e.user.username === 'viewer');
    assert.ok(mine.length > 20, `kexplore's requests are in the audit log (${mine.length})`);
    const allowed = (e: (typeof mine)[number]): boolean => ['get', 'list', 'watch'].includes(e.verb) || (e.verb === 'create' && /^selfsubject(access|rules)reviews$/.test(e.objectRef?.resource ?? ''));
    const bad = mine.filter((e) => !allowed(e));
    assert.deepEqual(bad.map((e) => `${e.verb} ${e.objectRef?.resource ?? ''}/${e.objectRef?.name ?? ''}`), []);
    const listedSecrets = mine.filter((e) => e.objectRef?.resource === 'secrets' && e.verb !== 'get');
    assert.equal(listedSecrets.length, 0, 'Secrets are only read by name');
  });
});
