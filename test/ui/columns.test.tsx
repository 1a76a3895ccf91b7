import './force-color.js';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { afterEach, test } from 'node:test';
import { App } from '../../src/ui/app.js';
import { fitFinding, fitList } from '../../src/ui/rows/cells.js';
import { textWidth } from '../../src/ui/text.js';
import { fakeSource } from './fixtures.js';
import { KEY, linesOf, renderTerm, type Term } from './render.js';
import { wideAnalyse, wideSnapshot } from './wide-fixtures.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

function mount(columns: number, rows: number): Term {
  const t = renderTerm(<App source={fakeSource(wideSnapshot())} graceMs={0} analyse={wideAnalyse} />, { columns, rows });
  mounted.push(t);
  return t;
}

const ID = 'nodeport.etp-local-no-endpoints';

/** The finding cell of a line: whole, or cut after a whole word with its "+N" kept. */
function assertFindingNotCutMidWord(line: string): void {
  const m = /✗ (nodeport[a-z.-]*)(…?) \+2/.exec(line);
  assert.ok(m, `finding cell with its +2 suffix: ${line}`);
  const [, shown = '', cut] = m;
  if (cut === '') assert.equal(shown, ID);
  else assert.ok(ID.startsWith(shown) && /[.-]/.test(ID[shown.length] ?? ''), `cut between words: ${shown}`);
}

test('cells: lists keep whole items and "+N"; a finding id is cut only between words and keeps its suffix', () => {
  const items = ['203.0.113.11:30610', '203.0.113.12:30610', '203.0.113.13:30610'];
  assert.equal(fitList(items, 60), '203.0.113.11:30610, 203.0.113.12:30610, 203.0.113.13:30610');
  assert.equal(fitList(items, 41), '203.0.113.11:30610, 203.0.113.12:30610 +1');
  assert.equal(fitList(items, 40), '203.0.113.11:30610 +2');
  assert.equal(fitList(items, 21), '203.0.113.11:30610 +2');
  assert.equal(fitList(items, 12), '…11:30610 +2', 'cut from the left: the node port stays');
  assert.equal(fitList(['203.0.113.30', '203.0.113.31'], 10), '203.0.… +1', 'an address without a port is cut at its end');
  const f = { symbol: '✗', id: ID, others: 2 };
  assert.equal(fitFinding(f, 40), `✗ ${ID} +2`);
  assert.equal(fitFinding(f, 28), '✗ nodeport.etp-local-no… +2');
  assert.equal(fitFinding(f, 16), '✗ nodeport… +2');
  for (let w = 8; w <= 40; w++) assert.ok(textWidth(fitFinding(f, w)) <= w, `width ${w}`);
});

test('services on a wide terminal: every column at its natural width, nothing cut', async () => {
  const t = mount(240, 20);
  const f = await t.waitFor((x) => x.includes('LoadBalancer (1)'), 'the table');
  assert.match(f, /NAMESPACE +NAME +CLUSTER-IP +EXTERNAL +PORTS +READY +REACHED BY +WORST FINDING/);
  assert.match(f, /gateway-infra +envoy-gateway-infra-public-6f2b9c1d/);
  assert.match(f, new RegExp(`✗ ${ID.replace(/\./g, '\\.')} \\+2`));
  assert.match(f, /203\.0\.113\.30, 203\.0\.113\.11:30980, 203\.0\.113\.12:30980 \+1/);
  assert.match(f, /ing\/storefront, ing\/shop-www, ing\/blog, ing\/admin|ing\/admin, ing\/blog/);
  assert.ok(!f.includes('…'), 'nothing is cut at 240 columns');
  // at 200 the least important column gives way first, keeping whole items
  t.resize(200, 20);
  const l200 = await t.waitFor((x) => x.includes('ing/storefront +3'), 'reached-by in its compact form');
  assert.match(l200, new RegExp(`✗ ${ID.replace(/\./g, '\\.')} \\+2`));
  assert.match(l200, /gateway-infra +envoy-gateway-infra-public-6f2b9c1d/);
});

test('services at 120 and 80 columns: name, finding id (+N), external address with its port, ready stay readable', async () => {
  const t = mount(120, 30);
  const wide = await t.waitFor((x) => x.includes('LoadBalancer (1)'), 'the table at 120');
  for (const l of linesOf(wide)) assert.ok(textWidth(l) <= 120, l);
  const ledger = linesOf(wide).find((l) => /\bledger\b/.test(l)) ?? '';
  assert.match(ledger, /203\.0\.113\.11:30610/, 'the NodePort stays visible');
  assert.match(ledger, /443→8443:30610/, 'ports are kept at 120');
  assertFindingNotCutMidWord(ledger);
  assert.ok(!wide.includes('REACHED BY') && !wide.includes('CLUSTER-IP'), 'the least important columns went first');
  t.resize(80, 24);
  const narrow = await t.waitFor((x) => linesOf(x).length === 24 && !x.includes('PORTS'), 'the table at 80');
  for (const l of linesOf(narrow)) assert.ok(textWidth(l) <= 80, l);
  const l80 = linesOf(narrow).find((l) => /\bledger\b/.test(l)) ?? '';
  // across namespaces NAMESPACE outranks PORTS at 80 (two "web"s must be told apart; the detail shows the ports),
  // and the external address is shown whole (first one and "+N"), never cut mid-way
  assert.match(narrow, /NAMES… +NAME +EXTERNAL +READY +WORST FINDING/, 'NAMESPACE kept (narrowed), PORTS dropped at 80');
  assert.match(l80, /^  pay\S*… +ledger /, 'the namespace, cut at its end');
  assert.match(l80, /203\.0\.113\.11:30610 \+2/, 'the first node address whole, with its port and "+N"');
  assert.ok(!/\d…|…\d/.test(l80), `no address is cut mid-way: ${l80}`);
  assertFindingNotCutMidWord(l80);
  assert.match(l80, /1\/1|0\/0/);
});

test('services at 80×24 on the DEMO: namespace kept, addresses whole (first one and "+N"), every finding keeps its symbol and first word', async () => {
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const t = renderTerm(<App source={fakeSource(demoSnapshot(new Date()))} graceMs={0} />, { columns: 80, rows: 24 });
  mounted.push(t);
  const f = await t.waitFor((x) => x.includes('LoadBalancer (4)'), 'the DEMO table');
  for (const l of linesOf(f)) assert.ok(textWidth(l) <= 80, l);
  assert.match(f, /NAMES… +NAME +EXTERNAL +READY/);
  const line = (name: string): string => linesOf(f).find((l) => new RegExp(`^  \\S+ +${name} `).test(l)) ?? '';
  assert.match(line('api'), /203\.0\.113\.11:30443 \+2 +0\/2 +✗ eps\.no-ready/);
  assert.match(line('grafana'), /203\.0\.113\.20 \+3 +1\/1 +ℹ lb/);
  assert.ok(!/\d…|…\d/.test(f), `no IP cut mid-way:\n${f}`);
  // the last LoadBalancer is below the fold at 24 rows: G goes to the end
  t.press('G');
  const end = await t.waitFor((x) => /^  \S+ +gateway /m.test(x), 'the end of the list');
  const gw = linesOf(end).find((l) => /^  \S+ +gateway /.test(l)) ?? '';
  assert.match(gw, /<pending> \+3 +\d+\/\d+/);
  for (const l of linesOf(end)) assert.ok(textWidth(l) <= 80, l);
});

test('services: widths come from the rows shown, so a filter or a namespace gives the finding id its whole width', async () => {
  const t = mount(120, 30);
  await t.waitFor((x) => x.includes('LoadBalancer (1)'));
  t.press('/', ...'ledger', KEY.enter);
  const f = await t.waitFor((x) => x.includes('/ledger') && !x.includes('envoy'), 'filtered');
  assert.match(f, new RegExp(`✗ ${ID.replace(/\./g, '\\.')} \\+2`));
  t.press(KEY.esc);
  await t.waitFor((x) => x.includes('envoy'));
  t.press(':', ...'ns payments', KEY.enter);
  const scoped = await t.waitFor((x) => x.includes('ns payments') && !x.includes('envoy'), 'scoped');
  assert.match(scoped, new RegExp(`✗ ${ID.replace(/\./g, '\\.')} \\+2`));
  assert.ok(!scoped.includes('NAMESPACE'), 'one namespace in scope: no NAMESPACE column');
});

test('services layout: spare space goes to the finding, then ports, then name; ports stay while external is wide', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const { loadSnapshotFiles } = await import('../../src/cluster/snapshot-files.js');
  const { analyseWith } = await import('../../src/ui/analysis.js');
  const { precomputeServices, serviceRows, measureServices, SERVICE_COLUMNS, SERVICE_SHRINK } = await import('../../src/ui/rows/services.js');
  const { layoutColumns } = await import('../../src/ui/rows/columns.js');
  const shop = await loadSnapshotFiles([fileURLToPath(new URL('../../../test/fixtures/shop-cluster.json', import.meta.url))]);
  const layout = (s: Parameters<typeof analyse>[0], w: number): Record<string, number> => {
    const m = measureServices(serviceRows(precomputeServices(analyseWith((x, g) => analyse(x, g), s, 300_000)), { filter: '', collapsed: [] }));
    return Object.fromEntries(layoutColumns(SERVICE_COLUMNS, m, w - 2, SERVICE_SHRINK).map((c) => [c.id, c.width]));
  };
  const demo = demoSnapshot(new Date());
  const idWidth = textWidth('✗ netpol.blocks-ingress-controller');
  for (const w of [80, 100, 120]) {
    const l = layout(demo, w);
    assert.ok((l.external ?? 0) <= 24, `${w}: EXTERNAL does not keep blank cells (${JSON.stringify(l)})`);
  }
  assert.ok((layout(demo, 120).finding ?? 0) >= idWidth, '120: the finding id is whole');
  // at 100 across namespaces, NAMESPACE and PORTS both stay; the finding id is cut between words (its symbol and "+N" kept)
  const l100 = layout(demo, 100);
  assert.ok(l100.ports !== undefined && l100.namespace !== undefined && (l100.finding ?? 0) >= 20, `100: NAMESPACE and PORTS kept (${JSON.stringify(l100)})`);
  const l80 = layout(demo, 80);
  // across namespaces at 80: NAMESPACE (narrowed) and a whole first address outrank PORTS and the finding's full id
  assert.ok(l80.ports === undefined && (l80.namespace ?? 0) >= 6 && (l80.external ?? 0) >= textWidth('203.0.113.11:30443 +2'), `80: NAMESPACE kept, PORTS dropped, EXTERNAL whole (${JSON.stringify(l80)})`);
  const l60 = layout(demo, 60);
  assert.ok((l60.name ?? 0) <= 14 && (l60.finding ?? 0) >= 14 && (l60.external ?? 0) >= textWidth('203.0.113.11:30443 +2'), `60: NAME gives way; the address stays whole (${JSON.stringify(l60)})`);
  const s120 = layout(shop, 120);
  assert.ok(s120.ports !== undefined && (s120.external ?? 0) <= 24, `shop-cluster at 120: PORTS kept, EXTERNAL capped (${JSON.stringify(s120)})`);
});
