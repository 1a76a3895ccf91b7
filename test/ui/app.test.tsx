import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { DataSource } from '../../src/cluster/source-types.js';
import { App, type AppProps } from '../../src/ui/app.js';
import { KEYMAP } from '../../src/ui/keymap.js';
import { textWidth } from '../../src/ui/text.js';
import type { ProbeTarget } from '../../src/ui/types.js';
import { snapshotFrom } from '../../src/model/snapshot.js';
import { LIVE, TAKEN_AT, bigSnapshot, fakeSource, fixtureAnalyse, ingress, pod, shopObjects, shopSnapshot, slice, snapshotOf, svc, type FakeSource } from './fixtures.js';
import { KEY, linesOf, renderTerm, selectedLine, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
  delete process.env.NO_COLOR;
});

function mount(props: Partial<AppProps> = {}, size = { columns: 80, rows: 24 }): { t: Term; source: FakeSource } {
  const source = fakeSource(shopSnapshot());
  const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} {...props} />, size);
  mounted.push(t);
  return { t, source };
}

const has = (s: string) => (f: string) => f.includes(s);
const lacks = (s: string) => (f: string) => !f.includes(s);

test('80x24: header, grouped services with counts, exactly 24 lines no wider than 80', async () => {
  const { t } = mount();
  const f = await t.waitFor(has('ExternalName (1)'), 'the services view');
  const lines = linesOf(f);
  assert.equal(lines.length, 24);
  for (const l of lines) assert.ok(textWidth(l) <= 80, `line too wide (${textWidth(l)}): ${l}`);
  assert.match(lines[0] ?? '', /ctx kind-test .*v1\.33\.1 .*ns all/);
  assert.match(lines[0] ?? '', /● live/);
  assert.match(lines[0] ?? '', /✗ 2 .*⚠ 1 .*ℹ 1/);
  for (const g of ['ClusterIP (2)', 'Headless (1)', 'NodePort (1)', 'LoadBalancer (1)', 'ExternalName (1)']) assert.ok(f.includes(g), g);
  assert.match(f, /cart .*0\/0 .*✗ svc\.selecto/);
  assert.match(f, /<pending>/);
  assert.match(f, /api\.partner\.exa/);
});

test('navigation: ↓/j/k move the selection, G and g jump, Enter on a group folds it', async () => {
  const { t } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  assert.match(selectedLine(t.frame()), /ClusterIP \(2\)/);
  t.press(KEY.down);
  await t.waitFor((f) => /cart/.test(selectedLine(f)), 'cart selected');
  t.press('j');
  await t.waitFor((f) => /web/.test(selectedLine(f)), 'web selected');
  t.press('k');
  await t.waitFor((f) => /cart/.test(selectedLine(f)), 'back on cart');
  t.press('G');
  await t.waitFor((f) => /partner/.test(selectedLine(f)), 'last row');
  t.press('g');
  await t.waitFor((f) => /ClusterIP/.test(selectedLine(f)), 'first row');
  t.press(KEY.enter);
  await t.waitFor((f) => f.includes('❯ ▸ ClusterIP (2)') && !/shop +cart/.test(f), 'ClusterIP folded');
  t.press(' ');
  await t.waitFor((f) => /shop +cart/.test(f), 'ClusterIP unfolded');
});

test('drill in and back: detail with ports table, findings with hints, hop-by-hop path; Esc returns to the same row', async () => {
  const { t } = mount({}, { columns: 100, rows: 50 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down);
  await t.waitFor((f) => /cart/.test(selectedLine(f)));
  t.press(KEY.enter);
  const f = await t.waitFor(has('Findings (1)'), 'the detail of shop/cart');
  assert.match(f, /Services › Service shop\/cart/, 'breadcrumbs');
  assert.match(f, /┌.*┐/, 'boxed ports table');
  assert.match(f, /│ *http *│ *80 *│ *http *│ *TCP/);
  assert.match(f, /✗ svc\.selector-no-pods/);
  assert.match(f, /hint: did you mean app=cart\?/);
  assert.match(f, /fix: spec\.selector/);
  assert.match(f, /✗ http:\/\/cart\.example\.com\//, 'path verdict');
  assert.match(f, /✗ endpoints +0 ready: the selector matches no pod +fix spec\.selector/, 'broken hop with the field to fix');
  assert.match(f, /the selector matches no pod/);
  t.press(KEY.esc);
  await t.waitFor((x) => x.includes('ClusterIP (2)') && /cart/.test(selectedLine(x)), 'back on the list, cart still selected');
});

test('live filter: / narrows as you type (name, namespace, host, labels); Esc clears', async () => {
  const { t } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press('/');
  await t.waitFor((f) => /^\/ /m.test(f) || f.includes('Enter keep'), 'filter line');
  t.press('t', 'e', 'a', 'm', '=');
  const f = await t.waitFor((x) => x.includes('/team=') && !/shop +cart/.test(x), 'filtered by label');
  assert.match(f, /shop +web/);
  assert.ok(!f.includes('LoadBalancer ('), 'empty groups are hidden while filtering');
  t.press(KEY.enter);
  await t.waitFor((x) => x.includes('/team=') && x.includes('? help'), 'filter kept after Enter');
  await t.waitFor((x) => /web/.test(selectedLine(x)), 'Enter lands on the first matching object, not on a group heading');
  t.press(KEY.esc);
  await t.waitFor((x) => /shop +cart/.test(x) && x.includes('LoadBalancer (1)'), 'filter cleared by Esc');
  // by host: the Ingress host reaches shop/web
  t.press('/', ...'store.example');
  await t.waitFor((x) => /shop +web/.test(x) && !/shop +cart/.test(x), 'filtered by host');
});

test('views: 2 shows the Ingress tree down to pods, Tab goes to Problems (root cause then consequences), 1 back', async () => {
  const { t } = mount({}, { columns: 110, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press('2');
  const tree = await t.waitFor(has('Ingress shop/storefront'), 'the Ingress tree');
  assert.match(tree, /store\.example\.com\/ \(Prefix\) +→ shop\/web:http/);
  assert.match(tree, /✓ 10\.244\.1\.5:8080 +pod web-1 +node node-a/);
  assert.match(tree, /cart\.example\.com\/ .*→ shop\/cart:http/);
  t.press(KEY.tab);
  const p = await t.waitFor(has('Errors (2: 1 finding + 1 consequence under their root cause)'), 'the problems view');
  const lines = linesOf(p);
  const root = lines.findIndex((l) => l.includes('svc.selector-no-pods'));
  assert.ok(root > 0);
  assert.match(lines[root + 1] ?? '', /↳ ✗ ing\.backend-no-endpoints/, 'consequence indented under its root');
  assert.match(p, /⚠ Warnings \(1\)/);
  assert.match(p, /ℹ Info \(1\)/);
  t.press('1');
  await t.waitFor(has('ClusterIP (2)'));
});

test('problems: Enter jumps to the detail of the finding object', async () => {
  const { t } = mount({ initialView: 'problems' }, { columns: 100, rows: 40 });
  await t.waitFor(has('Errors (2: 1 finding + 1 consequence under their root cause)'));
  // the severity heading leads nowhere: the cursor starts on the first finding
  await t.waitFor((f) => /selector-no-pods/.test(selectedLine(f)));
  t.press(KEY.enter);
  const f = await t.waitFor(has('Findings ('), 'detail of the Service');
  assert.match(f, /Problems › Service shop\/cart/);
  // the whole detail fits: nothing is scrolled away, the finding is on screen
  assert.match(f, /✗ svc\.selector-no-pods +Service shop\/cart/);
  assert.match(linesOf(f)[3] ?? '', /Service shop\/cart +ClusterIP/);
});

test('problems: Enter on a consequence opens its object at that finding, scrolled past the title block (12 rows)', async () => {
  const { t } = mount({ initialView: 'problems' }, { columns: 80, rows: 12 });
  await t.waitFor((f) => /selector-no-pods/.test(selectedLine(f)));
  t.press(KEY.down);
  await t.waitFor((f) => /↳/.test(selectedLine(f)), 'the consequence');
  t.press(KEY.enter);
  const f = await t.waitFor((x) => x.includes('Detail (y: YAML') && x.includes('ing.backend-no-endpoints'), 'detail of the Ingress');
  const body = linesOf(f).slice(3);
  assert.match(body[0] ?? '', /^ +Findings \(/, f);
  assert.match(body[1] ?? '', /ing\.backend-no-endpoints/, f);
});

test('live update: rows change in place and the selection stays on the same object', async () => {
  const { t, source } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /shop +web .*2\/2/.test(selectedLine(f)), 'web selected, 2/2 ready');
  // a new service sorts above web, and one web pod stops being ready
  const objects = shopObjects().filter((o) => !(o.kind === 'EndpointSlice' && o.metadata.name === 'web-abcde'));
  const web = svc('shop', 'web', { selector: { app: 'web' }, clusterIP: '10.96.0.11' });
  const early = svc('shop', 'aaa-new', { selector: { app: 'x' } });
  source.push(snapshotOf([...objects, early, slice(web, [pod('shop', 'web-1', { app: 'web' }, true, '10.244.1.5'), pod('shop', 'web-2', { app: 'web' }, false, '10.244.2.6')])]));
  const f = await t.waitFor(has('ClusterIP (3)'), 'the update');
  assert.match(f, /aaa-new/);
  assert.match(selectedLine(f), /shop +web .*1\/2/, 'still on web, now 1/2 ready');
});

test('help: ? lists every binding of the keymap and every : command; q closes it', async () => {
  const { t } = mount({}, { columns: 120, rows: 80 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press('?');
  const f = await t.waitFor(has('Keys — '));
  for (const b of KEYMAP) assert.ok(f.includes(b.description), `help lacks "${b.description}"`);
  for (const c of [':demo', ':refresh', ':help', ':ctx NAME', ':q']) assert.ok(f.includes(c), `help lacks ${c}`);
  assert.match(f, /served +Ports table: the pod ports the targetPort resolves to/);
  assert.match(f, /\+N +N more/);
  t.press('q');
  await t.waitFor(has('ClusterIP (2)'), 'q closed the help instead of quitting');
  t.press('?');
  await t.waitFor(has('Keys — '));
  t.press(KEY.esc);
  await t.waitFor(has('ClusterIP (2)'));
});

test('help at 80x24: the symbol legend comes first, the rest scrolls', async () => {
  const { t } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press('?');
  const f = await t.waitFor(has('Keys — '));
  assert.match(f, /Symbols/);
  assert.match(f, /✗ ⚠ ℹ +error, warning, info/);
  assert.ok(!f.includes(':refresh'));
  t.press('G');
  await t.waitFor(has(':refresh'), 'scrolled to the commands');
});

test('quit: q ends the app', async () => {
  const { t } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press('q');
  await t.exited;
});

test('quit: ctrl-c ends the app, also while typing a filter', async () => {
  const { t } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press('/', 'x');
  await t.waitFor(has('/x'));
  t.press(KEY.ctrlC);
  await t.exited;
});

test('sanitisation: a name with an escape sequence is shown escaped, never interpreted', async () => {
  const evil = svc('shop', '\u001b[31mevil', { selector: { app: 'evil' } }, { 'x\u0007': 'bell' });
  const source = fakeSource(snapshotOf([evil]));
  const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} />, { columns: 100, rows: 30 });
  mounted.push(t);
  const f = await t.waitFor(has('^[[31mevil'), 'the escaped name');
  assert.ok(!t.rawFrame().includes('\u001b[31mevil'), 'the raw escape sequence must not reach the terminal');
  assert.ok(f.includes('^[[31mevil'));
  t.press(KEY.down, 'y');
  const y = await t.waitFor(has('kind: Service'), 'the YAML');
  // the yaml library already escapes control characters in double quotes; sanitize() is the backstop
  assert.match(y, /name: "\\e\[31mevil"/);
  assert.match(y, /"x\\a": bell/);
  assert.ok(!t.rawFrame().includes('\u0007'));
  assert.ok(!t.rawFrame().includes('\u001b[31mevil'));
});

test('NO_COLOR: colours without it, none with it (symbols still carry the meaning)', async () => {
  const colourSgr = /\u001b\[(3[0-7]|9[0-7]|38;)/;
  const a = mount();
  await a.t.waitFor(has('ClusterIP (2)'));
  assert.match(a.t.rawFrame(), colourSgr, 'colours are on by default (FORCE_COLOR=1 in tests)');
  a.t.unmount();
  mounted.pop();
  process.env.NO_COLOR = '1';
  const b = mount();
  const f = await b.t.waitFor(has('ClusterIP (2)'));
  assert.doesNotMatch(b.t.rawFrame(), colourSgr);
  assert.match(f, /✗ svc\.selecto/);
  assert.match(f, /⚠ lb\.pending/);
});

test('resize: the layout follows the window and drops less important columns when narrow', async () => {
  const { t } = mount({}, { columns: 160, rows: 30 });
  const wide = await t.waitFor(has('REACHED BY'), 'wide layout');
  assert.match(wide, /CLUSTER-IP/);
  assert.match(wide, /ing\/storefront/);
  assert.equal(linesOf(wide).length, 30);
  t.resize(80, 24);
  const narrow = await t.waitFor((f) => linesOf(f).length === 24 && !f.includes('REACHED BY'), 'narrow layout');
  for (const l of linesOf(narrow)) assert.ok(textWidth(l) <= 80, l);
  assert.match(narrow, /NAME/);
  assert.match(narrow, /READY/);
  t.resize(50, 12);
  const tiny = await t.waitFor((f) => linesOf(f).length === 12, 'tiny layout');
  for (const l of linesOf(tiny)) assert.ok(textWidth(l) <= 50, l);
  assert.match(tiny, /NAME/);
});

test('10,000 services: only the visible rows are rendered, G reaches the last one', async () => {
  const source = fakeSource(bigSnapshot(10_000));
  const t = renderTerm(<App source={source} graceMs={0} analyse={(s) => fixtureAnalyse(s, 0)} />, { columns: 100, rows: 30 });
  mounted.push(t);
  const f = await t.waitFor(has('ClusterIP (10000)'), 'the big list', 20_000);
  const lines = linesOf(f);
  assert.ok(lines.length <= 30, `frame has ${lines.length} lines`);
  assert.ok(lines.filter((l) => /svc-\d{5}/.test(l)).length <= 30 - 5);
  t.press('G');
  const end = await t.waitFor((x) => /ExternalName \(0\)/.test(selectedLine(x)), 'the last row', 10_000);
  assert.ok(linesOf(end).length <= 30);
  assert.match(end, /svc-09999/);
  assert.match(end, /10005\/10005/);
  t.press('k', 'k', 'k', 'k');
  await t.waitFor((x) => /svc-09999/.test(selectedLine(x)), 'the last service');
  t.press(KEY.pageUp);
  await t.waitFor((x) => /svc-09749/.test(selectedLine(x)), 'a page up (25 rows)');
});

test('command line: :ns scopes the views, :ns all resets, :ing switches view, unknown commands say so', async () => {
  const { t } = mount({}, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(':', ...'ns payments', KEY.enter);
  const f = await t.waitFor(has('ns payments'), 'scoped header');
  assert.ok(!/shop +cart/.test(f) && !f.includes(' cart '), 'other namespaces hidden');
  assert.match(f, /gateway/);
  assert.match(f, /✗ 0 .*⚠ 1 .*ℹ 0/, 'counts follow the scope');
  t.press(':', ...'ns all', KEY.enter);
  await t.waitFor((x) => x.includes('ns all') && x.includes('cart'));
  t.press(':', ...'ing', KEY.enter);
  await t.waitFor(has('Ingress shop/storefront'));
  t.press(':', ...'bogus', KEY.enter);
  await t.waitFor(has('unknown command ":bogus"'));
});

test('namespace picker: n lists namespaces, Enter scopes', async () => {
  const { t } = mount({}, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press('n');
  await t.waitFor(has('all namespaces'));
  t.press(KEY.down);
  await t.waitFor((f) => /legacy/.test(selectedLine(f)));
  t.press(KEY.enter);
  await t.waitFor((f) => f.includes('ns legacy') && f.includes('partner') && !f.includes('cart'));
});

test('context picker: c lists contexts, Enter calls onSwitchContext and rebuilds on the new source', async () => {
  const asked: string[] = [];
  const prod = fakeSource(shopSnapshot({ type: 'live', context: 'prod', serverVersion: 'v1.34.0', state: 'live' }));
  const { t, source } = mount({ onSwitchContext: (ctx: string): Promise<DataSource> => (asked.push(ctx), Promise.resolve(prod)) }, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press('c');
  await t.waitFor(has('Context (Enter switch'));
  t.press(KEY.down);
  await t.waitFor((f) => /prod/.test(selectedLine(f)));
  t.press(KEY.enter);
  await t.waitFor((f) => f.includes('ctx prod') && f.includes('v1.34.0'), 'the new context');
  assert.deepEqual(asked, ['prod']);
  assert.equal(source.closed, false, 'the caller closes the source it opened');
});

test('probe: p calls onProbe with the selection and shows the result lines in the detail', async () => {
  const targets: ProbeTarget[] = [];
  const { t } = mount({ onProbe: (target) => (targets.push(target), Promise.resolve({ lines: ['10.244.1.5:8080 open (3 ms)', '10.244.2.6:8080 refused'] })) }, { columns: 100, rows: 50 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press('p');
  const f = await t.waitFor(has('10.244.2.6:8080 refused'), 'probe results');
  assert.match(f, /Probe/);
  assert.deepEqual(targets[0]?.select, { kind: 'Service', namespace: 'shop', name: 'web' });
});

test('refresh: r calls DataSource.refresh and says so', async () => {
  const { t, source } = mount();
  await t.waitFor(has('ClusterIP (2)'));
  t.press('r');
  await t.waitFor(has('refreshed'));
  assert.equal(source.refreshes, 1);
});

test('errors are screens: reason, what to do, and d opens the demo', async () => {
  let opened = 0;
  const demo = fakeSource(shopSnapshot({ type: 'demo', context: 'demo', serverVersion: 'v1.36.3' }));
  const t = renderTerm(
    <App error={{ message: 'cannot reach https://10.0.0.1:6443: connect ECONNREFUSED', hint: 'check the VPN, or pick another context' }} graceMs={0} analyse={fixtureAnalyse} onOpenDemo={() => (opened++, Promise.resolve(demo))} onSwitchContext={() => Promise.resolve(demo)} />,
    { columns: 80, rows: 24 },
  );
  mounted.push(t);
  const f = await t.waitFor(has('ECONNREFUSED'));
  assert.match(f, /What to do: check the VPN/);
  assert.match(f, /d +open the built-in DEMO cluster/);
  assert.match(f, /q +quit/);
  t.press('d');
  const d = await t.waitFor(has('ClusterIP (2)'), 'the demo');
  assert.match(d, /DEMO/);
  assert.equal(opened, 1);
});

test('errors are screens: c picks from the kubeconfig\'s contexts even though no source opened', async () => {
  const asked: string[] = [];
  const prod = fakeSource(shopSnapshot({ type: 'live', context: 'prod', serverVersion: 'v1.36.3' }));
  const t = renderTerm(
    <App error={{ message: 'cannot connect to https://127.0.0.1:1: connection refused' }} graceMs={0} analyse={fixtureAnalyse} kubeconfigContexts={() => ['dead', 'prod']} onSwitchContext={(ctx: string) => (asked.push(ctx), Promise.resolve(prod))} />,
    { columns: 80, rows: 24 },
  );
  mounted.push(t);
  const f = await t.waitFor(has('connection refused'));
  assert.match(f, /c +pick another context/);
  t.press('c');
  await t.waitFor(has('prod'), 'the picker lists the kubeconfig contexts');
  t.press('j');
  t.press('\r');
  await t.waitFor(has('ClusterIP (2)'), 'switched to prod');
  assert.deepEqual(asked, ['prod']);
});

test('errors are screens: a source that fails to read', async () => {
  const broken: DataSource = {
    type: 'live',
    current: () => {
      throw new Error('services is forbidden: User "dev" cannot list resource "services"');
    },
    subscribe: () => () => undefined,
    refresh: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const t = renderTerm(<App source={broken} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor(has('forbidden'));
  assert.match(t.frame(), /r +retry/);
  t.press('q');
  await t.exited;
});

test('error screen: :foo and a failing :ctx NAME answer on the screen', async () => {
  const t = renderTerm(
    <App error={{ message: 'no kubeconfig found', hint: 'pass --kubeconfig' }} graceMs={0} analyse={fixtureAnalyse} onSwitchContext={(c) => Promise.reject(new Error(`no kubeconfig found (context ${c})`))} />,
    { columns: 100, rows: 24 },
  );
  mounted.push(t);
  await t.waitFor(has('no kubeconfig found'));
  t.press(':', ...'foo', KEY.enter);
  await t.waitFor(has('unknown command ":foo"'), 'the unknown command is named');
  t.press(':', ...'ctx foo', KEY.enter);
  await t.waitFor(has('connecting to context foo failed: no kubeconfig found (context foo)'), 'the failed switch is named');
});

test('namespace picker: a filter lands on the first match; the picker opens on the current ● entry', async () => {
  const { t } = mount({}, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press('n');
  await t.waitFor((f) => /all namespaces/.test(selectedLine(f)), 'opens on ● all namespaces');
  t.press('/', ...'pay', KEY.enter);
  await t.waitFor((f) => /payments/.test(selectedLine(f)), 'the first match is selected');
  t.press(KEY.enter);
  await t.waitFor((f) => f.includes('ns payments') && !f.includes('all namespaces'), 'scoped to payments');
  t.press('n');
  await t.waitFor((f) => /● payments/.test(selectedLine(f)), 'reopens on the current namespace');
});

test('Esc from the YAML opened in a detail goes back to that detail, then to the list', async () => {
  const { t } = mount({}, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down, KEY.down, KEY.enter);
  await t.waitFor(has('Detail (y: YAML'), 'the overview');
  t.press('y');
  await t.waitFor((f) => f.includes('YAML (y: overview)') && f.includes('apiVersion'), 'the YAML');
  t.press(KEY.esc);
  await t.waitFor(has('Detail (y: YAML'), 'back in the overview');
  t.press(KEY.esc);
  await t.waitFor(has('ClusterIP (2)'), 'then the list');
});

test('Tab keeps the detail history of the view it leaves: Tab round the views, then Esc still goes back', async () => {
  const { t } = mount({}, { columns: 100, rows: 30 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down, KEY.down, KEY.enter);
  await t.waitFor((f) => f.includes('Service shop/web') && f.includes('Detail (y: YAML'), 'the detail');
  t.press(KEY.tab);
  await t.waitFor(has('Ingress shop/storefront'), 'routes');
  t.press(KEY.tab);
  await t.waitFor(has('Errors ('), 'problems');
  t.press(KEY.tab);
  await t.waitFor((f) => f.includes('Services › Service shop/web') && f.includes('Detail (y: YAML'), 'the detail again');
  t.press(KEY.esc);
  await t.waitFor((f) => f.includes('ClusterIP (2)') && /web/.test(selectedLine(f)), 'Esc back to the list, on web');
});

test('Services forbidden: Services and Problems say nothing could be checked, why and what to do; the header counts are not green', async () => {
  const msg = 'services is forbidden: User "dev" cannot list resource "services" at the cluster scope';
  const blind = snapshotFrom([], LIVE, TAKEN_AT, { seen: ['Namespace', 'Pod'], visibility: { Service: { state: 'forbidden', message: msg } } });
  const source = fakeSource(blind);
  const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} />, { columns: 100, rows: 24 });
  mounted.push(t);
  let f = await t.waitFor(has('Nothing could be checked'), 'the Services view message');
  assert.match(linesOf(f)[0] ?? '', /\? nothing visible/);
  assert.doesNotMatch(linesOf(f)[0] ?? '', /✗ 0/);
  assert.match(f, /cannot list resource "services"/);
  assert.match(f, /:ns NAME for a namespace you may read, or c to use another context/);
  t.press('3');
  f = await t.waitFor((x) => x.includes('Problems') && x.includes('Nothing could be checked'), 'the Problems view message');
  assert.doesNotMatch(f, /every check passed/);
  assert.match(f, /cannot list resource "services"/);
});

test('live update in a detail: the cursor stays on the same object, not the same screen line; Enter opens it', async () => {
  const { t, source } = mount({}, { columns: 100, rows: 40 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /shop +web/.test(selectedLine(f)), 'web selected');
  t.press(KEY.enter);
  await t.waitFor(has('Service shop/web'), 'the detail of shop/web');
  for (let i = 0; i < 12 && !/Ingress shop\/storefront/.test(selectedLine(t.frame())); i++) {
    const before = selectedLine(t.frame());
    t.press(KEY.down);
    await t.waitFor((f) => selectedLine(f) !== before, 'the cursor moved');
  }
  assert.match(selectedLine(t.frame()), /Ingress shop\/storefront/);
  // a new Ingress to web sorts above storefront: lines are added above the cursor
  source.push(snapshotOf([ingress('shop', 'deals', 'deals.example.com', 'web'), ingress('shop', 'aaa', 'aaa.example.com', 'web'), ...shopObjects()]));
  const f = await t.waitFor(has('shop/deals'), 'the update');
  assert.match(selectedLine(f), /Ingress shop\/storefront/, 'still on the same object');
  t.press(KEY.enter);
  await t.waitFor((x) => /› Ingress shop\/storefront/.test(linesOf(x)[1] ?? '') && x.includes('store.example.com/ (Prefix)'), 'Enter opened the same object');
});

test('connecting: the header shows … instead of provisional counts until the source is live', async () => {
  const source = fakeSource(shopSnapshot({ ...LIVE, state: 'connecting' }));
  const t = renderTerm(<App source={source} graceMs={0} analyse={fixtureAnalyse} />, { columns: 100, rows: 24 });
  mounted.push(t);
  let f = await t.waitFor(has('connecting…'), 'the connecting header');
  assert.match(linesOf(f)[0] ?? '', /connecting… +…/);
  assert.doesNotMatch(linesOf(f)[0] ?? '', /✗|⚠|ℹ/);
  source.push(shopSnapshot(LIVE));
  f = await t.waitFor(has('● live'), 'live');
  assert.match(linesOf(f)[0] ?? '', /✗ 2 .*⚠ 1 .*ℹ 1/);
});

test(':ctx with an unknown context keeps the working UI and says so in one line', async () => {
  const { t, source } = mount({ onSwitchContext: (c: string): Promise<DataSource> => Promise.reject(new Error(`context "${c}" not found in the kubeconfig`)) }, { columns: 120, rows: 24 });
  await t.waitFor(has('ClusterIP (2)'));
  t.press(KEY.down);
  await t.waitFor((f) => /cart/.test(selectedLine(f)), 'cart selected');
  t.press(':', ...'ctx nope', KEY.enter);
  const f = await t.waitFor(has('connecting to context nope failed: context "nope" not found in the kubeconfig (still on kind-test)'), 'the one-line message');
  assert.match(f, /ClusterIP \(2\)/, 'the services view is still there');
  assert.match(selectedLine(f), /cart/, 'the cursor is kept');
  assert.equal(source.closed, false);
  t.press(KEY.esc);
  await t.waitFor((x) => x.includes('ClusterIP (2)') && !x.includes('failed'), 'Esc clears the message, the UI stays');
});
