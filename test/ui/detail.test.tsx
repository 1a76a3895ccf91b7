import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { analyseWith } from '../../src/ui/analysis.js';
import { App } from '../../src/ui/app.js';
import { detailRows } from '../../src/ui/rows/detail.js';
import { expandWrapped } from '../../src/ui/rows/wrap.js';
import { textWidth } from '../../src/ui/text.js';
import type { TextRow, ViewRow } from '../../src/ui/types.js';
import { fakeSource } from './fixtures.js';
import { KEY, linesOf, renderTerm, type Term } from './render.js';
import { LONG_HOP, LONG_MESSAGE, detailAnalyse, detailSnapshot } from './detail-fixtures.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

const text = (r: ViewRow): string => (r.kind === 'text' ? r.segments.map((s) => s.text).join('') : '');
const analysis = () => analyseWith(detailAnalyse, detailSnapshot(), 0);

function mount(columns: number, rows: number): Term {
  const t = renderTerm(<App source={fakeSource(detailSnapshot())} graceMs={0} analyse={detailAnalyse} />, { columns, rows });
  mounted.push(t);
  return t;
}

test('detail: messages wrap to the terminal width (not a fixed 72 columns)', async () => {
  const t = mount(160, 60);
  await t.waitFor((x) => x.includes('ClusterIP (1)'));
  t.press(KEY.down, KEY.enter);
  const f = await t.waitFor((x) => x.includes('Findings (1)'), 'the detail');
  const first = linesOf(f).find((l) => l.includes('Service payments/api has no ready endpoint')) ?? '';
  assert.ok(first.trim().length > 100, `the message uses the width: ${first}`);
  for (const l of linesOf(f)) assert.ok(textWidth(l) <= 160, l);
});

test('detail at 80 columns: path hops wrap instead of being cut, every line fits', () => {
  const rows = expandWrapped(detailRows(analysis(), 'Service/payments/api', 'overview'), 80);
  for (const r of rows) assert.ok(textWidth(text(r)) + 2 + 2 * (r.kind === 'text' ? r.depth : 0) <= 80, text(r));
  const start = rows.findIndex((r) => text(r).includes('endpoints  0/2 ready'));
  assert.ok(start > 0);
  const hop = rows.slice(start).filter((r, i) => i === 0 || r.id.startsWith(`${rows[start]?.id ?? ''}~`));
  assert.ok(hop.length >= 2, 'the hop takes several lines');
  assert.match(hop.map(text).join(' ').replace(/\s+/g, ' '), new RegExp(LONG_HOP.replace(/[()]/g, '\\$&')));
  const msg = rows.filter((r) => r.kind === 'text' && (r as TextRow).depth === 2).map(text);
  assert.ok(msg.join(' ').replace(/\s+/g, ' ').includes(LONG_MESSAGE), 'the whole message, over several lines');
});

test('detail: an endpoint on a NotReady node names the node once', () => {
  const lines = detailRows(analysis(), 'Service/payments/api', 'overview').map(text);
  const ep = lines.find((l) => l.includes('10.244.3.12') && l.includes('http:8080')) ?? '';
  assert.match(ep, /node node-c NotReady/);
  assert.equal(ep.split('node-c').length - 1, 1, ep);
});

test('detail of a NotReady Node: its conditions with reason, message and since when, addresses, the Service endpoints on it', async () => {
  const t = mount(100, 50);
  await t.waitFor((x) => x.includes('ClusterIP (1)'));
  t.press(KEY.down, KEY.enter);
  await t.waitFor((x) => x.includes('Findings (1)'));
  // endpoints lead to pods, pods lead to their node
  t.press(KEY.enter);
  const p = await t.waitFor((x) => x.includes('phase Running'), 'the pod');
  assert.match(p, /Pod payments\/api-1 +✗ not ready: node node-c NotReady/);
  assert.match(p, /phase Running/);
  assert.match(p, /node node-c +✗ NotReady/);
  assert.match(p, /app +✗ CrashLoopBackOff +restarts 7/, 'container waiting reason and restarts');
  assert.match(p, /Related findings \(1\)/, 'the Service finding that names this pod');
  assert.match(p, /✗ eps\.no-ready +Service payments\/api/);
  // the node line is the first line of the pod that leads somewhere
  t.press(KEY.enter);
  const n = await t.waitFor((x) => x.includes('Service endpoints on this node'), 'the node');
  assert.match(n, /Node node-c +✗ NotReady \(NodeStatusUnknown\)/);
  assert.match(n, /addresses InternalIP 10\.0\.1\.13, ExternalIP 203\.0\.113\.13/);
  assert.match(n, /Conditions/);
  assert.match(n, /\? Ready Unknown +NodeStatusUnknown/);
  assert.match(n, /Service endpoints on this node \(1 Service, 1 affected\)/);
  assert.match(n, /✗ Service payments\/api +0\/2 ready here/);
  assert.match(n, /✗ pod api-1 +10\.244\.3\.12/);
  assert.match(n, /Related findings \(1\)/);
  assert.ok(!n.includes('✓ no findings') || n.includes('Related findings'), 'more than "no findings"');
});

test('detail of an Ingress whose IngressClass does not exist says so instead of "controller ? unknown"', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const a = analyseWith((s, g) => analyse(s, g), demoSnapshot(new Date()), 300_000);
  const text = detailRows(a, 'Ingress/shop/admin', 'overview').map((r) => ('segments' in r ? (r as TextRow).segments.map((s) => s.text).join('') : ''));
  const line = text.find((l) => l.trim().startsWith('controller')) ?? '';
  assert.match(line, /controller none: no IngressClass nginx-internal says which controller/);
  assert.ok(!text.some((l) => /\? unknown|controller \?/.test(l)), text.join('\n'));
});

test('detail: a controller-written status field is "watch", never "fix" (ing.not-admitted on the demo shop/blog)', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const a = analyseWith((s, g) => analyse(s, g), demoSnapshot(new Date()), 300_000);
  const text = detailRows(a, 'Ingress/shop/blog', 'overview').map((r) => ('segments' in r ? (r as TextRow).segments.map((s) => s.text).join('') : ''));
  const at = text.findIndex((l) => l.includes('ing.not-admitted'));
  assert.ok(at >= 0, text.join('\n'));
  const block = text.slice(at, at + 8).join('\n');
  assert.match(block, /fix: spec\.ingressClassName/);
  assert.match(block, /watch: status\.loadBalancer\.ingress \(written by a controller\)/);
  assert.ok(!text.some((l) => /fix: .*status\./.test(l)), 'no status field offered as a fix');
});

test('detail of an IngressClass: its controller and whether it runs, and the Ingresses that use it (demo traefik and nginx)', async () => {
  const { analyse } = await import('../../src/cli/analyse.js');
  const { demoSnapshot } = await import('../../src/cluster/demo.js');
  const a = analyseWith((s, g) => analyse(s, g), demoSnapshot(new Date()), 300_000);
  const lines = (key: string): string[] => detailRows(a, key, 'overview').map((r) => ('segments' in r ? (r as TextRow).segments.map((s) => s.text).join('') : ''));
  const traefik = lines('IngressClass//traefik');
  assert.ok(traefik.some((l) => /controller traefik\.io\/ingress-controller +✗ not running/.test(l)), traefik.join('\n'));
  assert.ok(traefik.some((l) => /Used by \(1\)/.test(l)));
  assert.ok(traefik.some((l) => /Ingress shop\/blog/.test(l)));
  const nginx = lines('IngressClass//nginx');
  assert.ok(nginx.some((l) => /controller k8s\.io\/ingress-nginx +✓ running/.test(l)), nginx.join('\n'));
});
