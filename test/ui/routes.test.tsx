import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { App } from '../../src/ui/app.js';
import { analyseWith } from '../../src/ui/analysis.js';
import { precomputeRoutes, routeRows } from '../../src/ui/rows/routes.js';
import { expandWrapped } from '../../src/ui/rows/wrap.js';
import type { TextRow } from '../../src/ui/types.js';
import { snapshotFrom } from '../../src/model/snapshot.js';
import { LIVE, TAKEN_AT, fakeSource, fixtureAnalyse, shopObjects } from './fixtures.js';
import { KEY, linesOf, renderTerm, type Term } from './render.js';
import { TLS_MESSAGE, routeAnalyse, routeSnapshot } from './route-fixtures.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

const text = (r: TextRow): string => r.segments.map((s) => s.text).join('');
const tree = (): TextRow[] => routeRows(precomputeRoutes(analyseWith(routeAnalyse, routeSnapshot(), 0)), { filter: '' });

test('routes tree: each rule shows the verdict of its engine path, not only its backend', () => {
  const lines = tree().map((r) => `${'  '.repeat(r.depth)}${text(r)}`);
  const admin = lines.findIndex((l) => l.includes('Ingress shop/admin'));
  assert.match(lines[admin] ?? '', /^✗ Ingress shop\/admin .*class nginx-internal \(no such IngressClass\)/, 'the Ingress line is marked when its class hop is broken');
  assert.match(lines[admin + 1] ?? '', /admin\.example\.com\/ .*→ shop\/web:http .*✗ fails at class\/controller$/);
  assert.ok(!/✓ ok/.test(lines[admin + 1] ?? ''));
  const route = lines.findIndex((l) => l.includes('HTTPRoute shop/reports'));
  const backend = lines.slice(route).find((l) => l.includes('→ payments/reports'));
  assert.match(backend ?? '', /✗ fails at ReferenceGrant, network policy/);
  // deliberately changed: an Ingress is marked when any of its rule paths is broken (here its TLS), not only its class
  const www = lines.findIndex((l) => l.startsWith('✗ Ingress shop/www'));
  assert.ok(www >= 0, 'an Ingress with a broken rule path carries the ✗ mark');
});

test('routes tree: a broken certificate makes the TLS tags red and its finding is read whole on its own lines', async () => {
  const rows = tree();
  const tls = rows.find((r) => r.id.endsWith('#tls0'));
  assert.ok(tls);
  assert.match(text(tls), /TLS shop\.example\.com +secret www-tls +✗ tls\.host-not-covered/);
  assert.equal(tls.target, 'Secret/shop/www-tls');
  const rule = rows.find((r) => text(r).includes('shop.example.com/ '));
  const tag = rule?.segments.find((s) => s.text.includes('[TLS'));
  assert.equal(tag?.text, ' [TLS ✗]');
  assert.equal(tag?.tone, 'error', 'never green with a tls.* error');
  // at 80 columns the message wraps over several lines instead of being cut
  const wrapped = expandWrapped(rows, 80).filter((r) => r.kind === 'text' && r.id.includes('#tls0f0')) as TextRow[];
  assert.ok(wrapped.length >= 2);
  assert.equal(wrapped.map(text).join(' ').replace(/\s+/g, ' ').replace(/^✗ /, ''), TLS_MESSAGE);
  assert.ok(wrapped.slice(1).every((r) => r.target === undefined), 'continuation lines lead nowhere');

  const t = renderTerm(<App source={fakeSource(routeSnapshot())} graceMs={0} analyse={routeAnalyse} initialView="routes" />, { columns: 80, rows: 30 });
  mounted.push(t);
  const f = await t.waitFor((x) => x.includes('tls.host-not-covered') && x.includes('browsers will reject it.'), 'the whole TLS message');
  assert.ok(linesOf(f).every((l) => l.length <= 80));
  t.press(KEY.esc);
});

test('Ingress and HTTPRoute details show the same rule verdicts as the routes tree', async () => {
  const { detailRows } = await import('../../src/ui/rows/detail.js');
  const a = analyseWith(routeAnalyse, routeSnapshot(), 0);
  const lines = (key: string): string[] => detailRows(a, key, 'overview').filter((r): r is TextRow => r.kind === 'text').map(text);
  const admin = lines('Ingress/shop/admin').find((l) => l.includes('admin.example.com/'));
  assert.match(admin ?? '', /→ shop\/web:http .*✗ fails at class\/controller/);
  assert.ok(!/✓ ok/.test(admin ?? ''), 'never ✓ ok on a rule the tree shows broken');
  const reports = lines('HTTPRoute/shop/reports').find((l) => l.includes('→ payments/reports'));
  assert.match(reports ?? '', /✗ fails at ReferenceGrant, network policy/);
});

test('routes view: HTTPRoutes forbidden in the namespace scope are said to be not visible, not left out', async () => {
  const msg = 'httproutes.gateway.networking.k8s.io is forbidden: User "dev" cannot list resource "httproutes" in the namespace "shop"';
  const snap = snapshotFrom(shopObjects(), LIVE, TAKEN_AT, { seen: ['Namespace', 'Service', 'Pod', 'EndpointSlice', 'Ingress'], namespace: 'shop', visibility: { HTTPRoute: { state: 'forbidden', message: msg } } });
  const t = renderTerm(<App source={fakeSource(snap)} graceMs={0} analyse={fixtureAnalyse} />, { columns: 100, rows: 30 });
  mounted.push(t);
  await t.waitFor((x) => x.includes('ClusterIP'));
  t.press('2');
  const f = await t.waitFor((x) => x.includes('HTTPRoutes: not visible (forbidden)'), 'the forbidden note');
  assert.match(f, /Ingress shop\/storefront/);
  assert.doesNotMatch(f, /0 HTTPRoutes/);
});

test('routes view with nothing in it keeps the header and tab bar, exactly the terminal height', async () => {
  const snap = snapshotFrom(shopObjects().filter((o) => o.kind !== 'Ingress'), LIVE, TAKEN_AT, { seen: ['Namespace', 'Service', 'Pod', 'EndpointSlice', 'Ingress', 'HTTPRoute'] });
  const t = renderTerm(<App source={fakeSource(snap)} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor((x) => x.includes('ClusterIP'));
  t.press('2');
  const f = await t.waitFor((x) => /Ingresses & Routes/.test(linesOf(x)[2] ?? ''), 'the routes view');
  const lines = linesOf(f);
  assert.equal(lines.length, 24);
  assert.match(lines[0] ?? '', /^kexplore/);
  assert.match(lines[1] ?? '', /1 Services +2 Ingresses & Routes +3 Problems/);
  assert.match(f, /no Ingresses or Routes in this cluster/);
  // narrow and short: the empty message wraps inside the view, the header stays on top
  t.resize(30, 8);
  const small = await t.waitFor((x) => linesOf(x).length === 8 && /^kexplore/.test(linesOf(x)[0] ?? ''), 'a small terminal keeps the header');
  assert.match(linesOf(small)[1] ?? '', /1 Services/);
});

test('routes view on the DEMO: a GRPCRoute is a tree like an HTTPRoute, with its gRPC match, path verdict and detail', async () => {
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={0} />, { columns: 120, rows: 40 });
  mounted.push(t);
  await t.waitFor((x) => x.includes('LoadBalancer ('), 'the DEMO');
  t.press('2', '/', ...'inventory', KEY.enter);
  const f = await t.waitFor((x) => x.includes('GRPCRoute shop/inventory'), 'the GRPCRoute block');
  const lines = linesOf(f);
  assert.ok(!lines.some((l) => l.includes('HTTPRoute shop/web')), 'the filter keeps only the GRPCRoute');
  assert.match(f, /GRPCRoute shop\/inventory +hosts grpc\.example\.com/);
  assert.match(f, /rule gRPC shop\.v1\.Inventory\/\*/);
  assert.match(f, /→ shop\/inventory:9000 .*✓/);
  t.press(KEY.enter);
  const d = await t.waitFor((x) => x.includes('Parents (1)'), 'the GRPCRoute detail');
  assert.match(d, /match gRPC shop\.v1\.Inventory\/\*/);
  assert.match(d, /Gateway gateway-infra\/public/);
});
