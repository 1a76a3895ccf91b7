import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Finding } from '../../src/checks/types.js';
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
  return {
    graph: base.graph,
    report: {
      ...report,
      findings: [...report.findings, root, cons, clusterRoot, legacy],
      rootCauses: [...report.rootCauses, { root: root.key, consequences: [cons.key] }, { root: clusterRoot.key, consequences: [legacy.key] }],
    },
  };
};

test(':ns shop: the header count and the Problems list agree (a shop root brings its consequence in payments along)', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={crossAnalyse} initialView="problems" />, { columns: 140, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('Errors ('));
  t.press(':', ...'ns shop', KEY.enter);
  const f = await t.waitFor((x) => x.includes('ns shop') && x.includes('Errors ('), 'scoped problems');
  const header = Number(/✗ (\d+) errors?/.exec(f)?.[1]);
  const heading = Number(/✗ Errors \((\d+)\)/.exec(f)?.[1]);
  const listed = linesOf(f).filter((l) => /^[❯ ] +(↳ )?✗ [a-z]/.test(l)).length;
  assert.equal(heading, header, 'the heading counts what the header counts');
  assert.equal(listed, header, `the list shows what is counted:\n${f}`);
  assert.match(f, /↳ ✗ netpol\.blocks-gateway-dataplane +Service payments\/gateway/, 'the consequence in payments under its shop root');
  assert.ok(!f.includes('ing.not-admitted'), "a cluster-scoped root does not pull legacy's consequence into shop");
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
