import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/checks/types.js';
import { analyse } from '../../src/cli/analyse.js';
import { demoSnapshot } from '../../src/cluster/demo.js';
import type { DataSource } from '../../src/cluster/source-types.js';
import { App } from '../../src/ui/app.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { KEY, linesOf, renderTerm, selectedLine, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

for (const [type, says] of [
  ['demo', 'the DEMO has no other contexts: run kexplore --context NAME against your kubeconfig'],
  ['snapshot', 'a snapshot file has no other contexts: run kexplore --context NAME against your kubeconfig'],
] as const) {
  test(`:ctx NAME in a ${type}: says there are no other contexts and keeps scope, filter and cursor`, async () => {
    const asked: string[] = [];
    const source = fakeSource(shopSnapshot(type === 'demo' ? { type, context: 'demo', serverVersion: 'v1.36.3' } : { type, files: ['/tmp/cluster.json'] }));
    const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} onSwitchContext={(c): Promise<DataSource> => (asked.push(c), Promise.resolve(source))} />, { columns: 120, rows: 30 });
    mounted.push(t);
    await t.waitFor((f) => f.includes('ClusterIP (2)'));
    t.press(':', ...'ns shop', KEY.enter);
    await t.waitFor((f) => f.includes('ns shop'));
    t.press('/', ...'web', KEY.enter);
    await t.waitFor((f) => f.includes('/web') && /web/.test(selectedLine(f)), 'filtered, web selected');
    t.press(':', ...'ctx prod', KEY.enter);
    const f = await t.waitFor((x) => x.includes(says), 'the one-line message');
    assert.match(f, /ns shop/, 'scope kept');
    assert.match(selectedLine(f), /web/, 'cursor kept');
    t.press('c');
    await t.waitFor((x) => x.includes(says) && !x.includes('Context (Enter switch'), 'c says the same, no picker');
    const after = await t.waitFor((x) => x.includes('ns shop'));
    assert.ok(!/\bcart\b/.test(after) && !/\bdb\b/.test(after), 'filter kept: only web is listed');
    assert.deepEqual(asked, [], 'no source was reopened');
  });
}

test(':ns with an unknown namespace: one line, nothing changes', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 120, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(':', ...'ns nope', KEY.enter);
  const f = await t.waitFor((x) => x.includes('no namespace "nope" here'), 'the message');
  assert.match(f, /ns all/);
  assert.match(f, /✗ 2 errors/);
  assert.match(f, /LoadBalancer \(1\)/, 'other namespaces still listed');
});

// A root cause in shop whose consequence is in payments, and a cluster-scoped root whose consequence is in legacy.
const crossAnalyse: typeof fixtureAnalyse = (s, g) => {
  const base = fixtureAnalyse(s, g);
  const f = (id: string, object: Finding['object']): Finding => ({ id, severity: 'error', object, message: `${id} message`, hint: '', key: `${id}|${object.namespace ?? ''}/${object.name}` });
  const root = f('route.backend-crossns-no-grant', { kind: 'HTTPRoute', namespace: 'shop', name: 'reports' });
  const cons = { ...f('netpol.blocks-gateway-dataplane', { kind: 'Service', namespace: 'payments', name: 'gateway' }), causedBy: root.key };
  const clusterRoot = f('ingclass.no-controller', { kind: 'IngressClass', name: 'traefik' });
  const legacy = { ...f('ing.not-admitted', { kind: 'Ingress', namespace: 'legacy', name: 'old' }), causedBy: clusterRoot.key };
  const report = base.report;
  // like the engine, only about objects the snapshot holds (`:ns` analyses the scoped snapshot `check -n` does)
  const seen = (x: Finding): boolean => x.object.namespace === undefined || s.namespace === undefined || x.object.namespace === s.namespace;
  const extra = [root, cons, clusterRoot, legacy].filter(seen);
  return {
    graph: base.graph,
    report: {
      ...report,
      findings: [...report.findings, ...extra],
      rootCauses: [...report.rootCauses, { root: root.key, consequences: [cons.key].filter((k) => extra.some((x) => x.key === k)) }, { root: clusterRoot.key, consequences: [legacy.key].filter((k) => extra.some((x) => x.key === k)) }],
    },
  };
};

test(':ns shop: the header count and the Problems list agree; the analysis keeps the other namespaces (a root in shop lists its consequence in payments)', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={crossAnalyse} initialView="problems" />, { columns: 140, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('Errors ('));
  t.press(':', ...'ns shop', KEY.enter);
  const f = await t.waitFor((x) => x.includes('ns shop') && x.includes('Errors ('), 'scoped problems');
  const header = Number(/✗ (\d+) errors?/.exec(f)?.[1]);
  const heading = Number(/✗ Errors \((\d+)/.exec(f)?.[1]);
  const listed = linesOf(f).filter((l) => /^[❯ ] +(↳ )?✗ [a-z]/.test(l)).length;
  assert.equal(heading, header, 'the heading counts what the header counts');
  assert.equal(listed, header, `the list shows what is counted:\n${f}`);
  assert.match(f, /✗ route\.backend-crossns-no-grant +HTTPRoute shop\/reports/);
  // the fix is made in shop, so the consequence it causes in payments is listed under it
  assert.match(f, /↳ ✗ netpol\.blocks-gateway-dataplane +Service payments\/gateway/);
  assert.ok(!f.includes('ing.not-admitted'), "legacy's consequence is not in shop");
});

test(':ns shop counts what `kexplore check --demo -n shop` reports', async () => {
  const BIN = fileURLToPath(new URL('../../../bin/kexplore.js', import.meta.url));
  for (const ns of ['shop', 'monitoring']) {
    const r = spawnSync(process.execPath, [BIN, 'check', '--demo', '-n', ns], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NO_COLOR: '1' }, timeout: 60_000 });
    const m = /(\d+) errors?, (\d+) warnings?, (\d+) info/.exec(r.stdout);
    assert.ok(m, r.stdout + r.stderr);
    const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={5 * 60_000} analyse={(s, g) => analyse(s, g)} initialView="problems" />, { columns: 160, rows: 40 });
    mounted.push(t);
    await t.waitFor((f) => f.includes('Errors ('));
    t.press(':', ...`ns ${ns}`, KEY.enter);
    const f = await t.waitFor((x) => x.includes(`ns ${ns}`) && /ℹ \d+ info/.test(x), `scoped to ${ns}`);
    const head = linesOf(f).slice(0, 3).join(' ');
    const n = (re: RegExp): number => Number(re.exec(head)?.[1] ?? 0);
    assert.deepEqual([n(/✗ (\d+) errors?/), n(/⚠ (\d+) warnings?/), n(/ℹ (\d+) info/)], [Number(m[1]), Number(m[2]), Number(m[3])], `${ns}:\n${head}`);
    t.unmount();
    mounted.pop();
  }
});

test('empty groups: hidden both when scoped and when filtered', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 120, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ExternalName (1)'));
  t.press(':', ...'ns payments', KEY.enter);
  const scoped = await t.waitFor((x) => x.includes('ns payments') && x.includes('LoadBalancer (1)'), 'scoped');
  assert.ok(!scoped.includes('ClusterIP (0)') && !scoped.includes('ExternalName (0)'), scoped);
  t.press(':', ...'ns all', KEY.enter);
  await t.waitFor((x) => x.includes('ns all') && x.includes('ClusterIP (2)'));
  t.press('/', ...'gateway');
  const filtered = await t.waitFor((x) => x.includes('/gateway') && x.includes('LoadBalancer (1)'), 'filtered');
  assert.ok(!filtered.includes('ClusterIP (0)') && !filtered.includes('ExternalName (0)'), filtered);
});

test('a message longer than the footer takes a second line instead of being cut', async () => {
  const source = fakeSource(shopSnapshot({ type: 'demo', context: 'demo', serverVersion: 'v1.36.3' }));
  const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(':', ...'ctx prod', KEY.enter);
  const f = await t.waitFor((x) => x.includes('kubeconfig'), 'the whole message');
  const lines = linesOf(f);
  assert.equal(lines.length, 24);
  assert.match(lines.slice(-2).join(' ').replace(/\s+/g, ' '), /the DEMO has no other contexts: run kexplore --context NAME against your kubeconfig/);
});

test('Problems headings count the rows under them, after the filter, and name nested consequences of another severity', async () => {
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={5 * 60_000} analyse={(s, g) => analyse(s, g)} initialView="problems" />, { columns: 160, rows: 60 });
  mounted.push(t);
  const rowsUnder = (f: string, title: string): { heading: string; n: number; rows: number } => {
    const lines = linesOf(f);
    const i = lines.findIndex((l) => l.includes(`${title} (`));
    let rows = 0;
    for (const l of lines.slice(i + 1)) {
      if (!/^[❯ ] {3}/.test(l)) break;
      rows++;
    }
    return { heading: lines[i] ?? '', n: Number(/\((\d+)/.exec(lines[i] ?? '')?.[1]), rows };
  };
  const f = await t.waitFor((x) => x.includes('Errors ('), 'the problems');
  const e = rowsUnder(f, 'Errors');
  assert.equal(e.n, e.rows, e.heading);
  // the demo's one warning (netpol.external-traffic-blocked) is a root of its own: the unclaimed
  // LB class of the same Service does not explain a NetworkPolicy, so no other severity is nested
  assert.match(e.heading, /consequences? under their root cause\)/, e.heading);
  t.press('/', ...'netpol', KEY.enter);
  const g = await t.waitFor((x) => x.includes('/netpol') && x.includes('Errors ('), 'filtered');
  const ge = rowsUnder(g, 'Errors');
  assert.equal(ge.n, ge.rows, ge.heading);
});
