import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { DataSource } from '../../src/cluster/source-types.js';
import { App } from '../../src/ui/app.js';
import { analyseWith } from '../../src/ui/analysis.js';
import { detailRows } from '../../src/ui/rows/detail.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { KEY, linesOf, renderTerm, selectedLine, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

function mount(columns = 100, rows = 40): Term {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns, rows });
  mounted.push(t);
  return t;
}

test('the cursor and a folded group have different glyphs', async () => {
  const t = mount();
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(' ');
  const f = await t.waitFor((x) => x.includes('▸ ClusterIP (2)'), 'folded');
  assert.match(selectedLine(f), /^❯ ▸ ClusterIP \(2\)/);
  assert.match(f, /^ {2}▾ Headless \(1\)/m);
});

test('a boxed table is indented like the lines of its section', async () => {
  const t = mount();
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.enter);
  const f = await t.waitFor((x) => x.includes('┌'), 'the ports table');
  const lines = linesOf(f);
  const top = lines.find((l) => l.includes('┌')) ?? '';
  const section = lines[lines.findIndex((l) => l.trim() === 'Ports') ] ?? '';
  assert.match(section, /^ {2}Ports/);
  assert.match(top, /^ {4}┌/, top);
});

test('the Ingress class says where it comes from instead of "(field)"', () => {
  const rows = detailRows(analyseWith(fixtureAnalyse, shopSnapshot(), 0), 'Ingress/shop/storefront', 'overview');
  const text = rows.map((r) => (r.kind === 'text' ? r.segments.map((s) => s.text).join('') : '')).join('\n');
  assert.match(text, /class nginx {2}\(set in spec\.ingressClassName\)/);
  assert.ok(!text.includes('(field)'));
});

test('the namespace picker opens unfiltered', async () => {
  const t = mount();
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press('n');
  await t.waitFor((f) => f.includes('all namespaces'));
  t.press('/', ...'leg', KEY.enter);
  await t.waitFor((f) => f.includes('legacy') && !f.includes('payments'), 'filtered picker');
  t.press(KEY.esc);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press('n');
  const f = await t.waitFor((x) => x.includes('all namespaces') && x.includes('payments'), 'the whole list again');
  assert.ok(f.includes('legacy') && f.includes('shop'));
});

test('the context picker on the error screen says its title once', async () => {
  const prod = fakeSource(shopSnapshot());
  const t = renderTerm(<App error={{ message: 'cannot reach the API server' }} graceMs={0} analyse={fixtureAnalyse} onSwitchContext={(): Promise<DataSource> => Promise.resolve(prod)} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('cannot reach'));
  t.press('c');
  const f = await t.waitFor((x) => x.includes('Context'), 'the picker');
  assert.equal(f.split('Context').length - 1, 1, f);
});

test('header: breadcrumbs are cut from the left, the current location kept whole', async () => {
  const { fitCrumbs } = await import('../../src/ui/components/header.js');
  const crumbs = ['Problems', 'Service shop/cart', 'Ingress shop/shop-www', 'Service shop/web'];
  assert.equal(fitCrumbs(crumbs, 200), crumbs.join(' › '));
  assert.equal(fitCrumbs(crumbs, 50), '… › Ingress shop/shop-www › Service shop/web');
  assert.equal(fitCrumbs(crumbs, 25), '… › Service shop/web');
  assert.equal(fitCrumbs(crumbs, 10), 'Service shop/web', 'never cut the current location from the left');
});

test('header: a long namespace switches to the short forms instead of cutting a word', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={0} analyse={(s, g) => analyse(s, g)} />, { columns: 120, rows: 40 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP ('));
  t.press(':', ...'ns monitoring', KEY.enter);
  const f = await t.waitFor((x) => x.includes('ns monitoring'), 'scoped');
  const head = linesOf(f)[0] ?? '';
  assert.ok(!head.includes('…'), head);
  assert.match(head, /ℹ 4( info)?\s*$/, head);
});

test('4 in a detail opens the selected line, like help says; the counter counts what the cursor stops on', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 100, rows: 40 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press('4');
  const d = await t.waitFor((f) => f.includes('Service shop/web') && f.includes('Detail (y: YAML'), 'the detail of web');
  const first = selectedLine(d);
  assert.ok(first !== '', 'a line is selected in the detail');
  t.press('4');
  await t.waitFor((f) => /Service shop\/web › [A-Z]/.test(f), 'the selected line opened one level deeper');
  t.press(KEY.esc, KEY.esc, '3', '/', ...'zzz-nothing', KEY.enter);
  const none = await t.waitFor((f) => f.includes('No findings match'), 'nothing matches');
  assert.match(linesOf(none).at(-1) ?? '', /^0\/0 /, 'not 1/1 on "No findings match"');
});

test("help's footer offers only keys that do something there", async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 120, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press('?');
  const f = await t.waitFor((x) => x.includes('Keys —'), 'help');
  const foot = linesOf(f).at(-1) ?? '';
  assert.match(foot, /Esc back/);
  assert.ok(!/Enter open|\/ filter|y YAML|p probe|\? help/.test(foot), foot);
});

test("the YAML's footer: no Enter (nothing opens there), and y says it goes back to the overview", async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 120, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press(KEY.enter);
  const d = await t.waitFor((f) => f.includes('Service shop/web') && f.includes('Detail (y: YAML'), 'the detail');
  assert.match(linesOf(d).at(-1) ?? '', /Enter open.*y YAML/, 'the overview offers both');
  t.press('y');
  const y = await t.waitFor((f) => f.includes('apiVersion: v1'), 'the YAML');
  const foot = linesOf(y).at(-1) ?? '';
  assert.ok(!foot.includes('Enter open'), foot);
  assert.match(foot, /y overview/);
  t.press('y');
  await t.waitFor((f) => f.includes('Detail (y: YAML') && !f.includes('apiVersion: v1'), 'y went back to the overview');
});

test(':ns to another namespace from a detail keeps the open object (the analysis keeps every namespace); Esc lists the new scope', async () => {
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={0} />, { columns: 120, rows: 30 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('NodePort (3)'));
  t.press('/', ...'ledger', KEY.enter);
  await t.waitFor((f) => /ledger/.test(selectedLine(f)));
  t.press(KEY.enter);
  await t.waitFor((f) => f.includes('Service payments/ledger  NodePort'), 'the detail');
  t.press(':', ...'ns shop', KEY.enter);
  const out = await t.waitFor((f) => f.includes('ns shop') && f.includes('Service payments/ledger  NodePort'), 'the detail, scoped to shop');
  assert.ok(!out.includes('not visible'), out);
  assert.match(out, /NodePort +203\.0\.113\.11:30610/, 'its addresses, as before');
  t.press(KEY.esc);
  // the list is scoped to shop (the filter "ledger" still applies): payments/ledger is not in it
  await t.waitFor((f) => f.includes('ns shop') && f.includes('no services'), 'the services of shop');
});

test('routes: an Ingress with a rule failing at network policy carries the ✗ mark (demo payments/portal)', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const { precomputeRoutes, routeRows } = await import('../../src/ui/rows/routes.js');
  const a = analyseWith((s, g) => analyse(s, g), demoSnapshot(new Date()), 300_000);
  const lines = routeRows(precomputeRoutes(a), { filter: '' }).map((r) => r.segments.map((x) => x.text).join(''));
  const portal = lines.find((l) => l.includes('Ingress payments/portal')) ?? '';
  assert.match(portal, /^✗ Ingress payments\/portal/, portal);
});

test('the position counter follows the scroll in a detail while no ❯ line is in view (it used to stay on 1/N)', async () => {
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={0} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('LoadBalancer (4)'));
  t.press('/', ...'ledger', KEY.enter, KEY.enter);
  const d = await t.waitFor((f) => f.includes('Service payments/ledger') && f.includes('Detail (y: YAML'), 'the detail of ledger');
  const foot = (f: string): string => linesOf(f).at(-1) ?? '';
  assert.equal(selectedLine(d), '', 'no line to open is in view at the top');
  const total = /^line 1\/(\d+) /.exec(foot(d))?.[1];
  assert.ok(total !== undefined, `the counter says the top line: ${foot(d)}`);
  t.press('j');
  await t.waitFor((f) => foot(f).startsWith(`line 2/${total} `), 'one line down');
  t.press('j');
  await t.waitFor((f) => foot(f).startsWith(`line 3/${total} `), 'two lines down');
  t.press('k');
  await t.waitFor((f) => foot(f).startsWith(`line 2/${total} `), 'back up one line');
  t.press('G');
  const end = await t.waitFor((f) => selectedLine(f) !== '', 'a ❯ line selected at the bottom');
  assert.match(foot(end), /^3\/3 /, 'a selected line counts the ❯ lines again');
});

test('the error screen on a short terminal (80×12): title and reason whole, blank lines dropped first, every action kept', async () => {
  const t = renderTerm(<App error={{ message: 'API discovery on https://10.0.0.1:6443 failed: GET /apis: HTTP 404', hint: 'check that the context points at a Kubernetes API server' }} graceMs={0} analyse={fixtureAnalyse} onOpenDemo={() => Promise.resolve(fakeSource(shopSnapshot()))} onSwitchContext={() => Promise.resolve(fakeSource(shopSnapshot()))} onRetry={() => Promise.resolve(fakeSource(shopSnapshot()))} />, { columns: 80, rows: 12 });
  mounted.push(t);
  const f = await t.waitFor((x) => x.includes('HTTP 404'));
  const lines = linesOf(f);
  assert.ok(lines.length <= 12, `${lines.length} lines`);
  assert.match(lines[1] ?? '', /│ kexplore cannot show the cluster/);
  assert.match(lines[2] ?? '', /│ API discovery on https:\/\/10\.0\.0\.1:6443/, 'no blank line before the reason');
  assert.ok(lines.some((l) => /╰─+╯/.test(l)), 'the box is closed');
  for (const a of ['r     retry', 'd     open the built-in DEMO cluster', 'q     quit']) assert.ok(f.includes(a), a);
});
