// Pure parts of the UI, without Ink: row builders, column layout, keymap, reducer, theme.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Key } from 'ink';
import { analyseWith } from '../../src/ui/analysis.js';
import { COMMAND_HELP, COMMANDS, KEYMAP, keyToCommand, parseCommandLine, splitKeys, type Mode } from '../../src/ui/keymap.js';
import { layoutColumns } from '../../src/ui/rows/columns.js';
import { detailRows, parseKey } from '../../src/ui/rows/detail.js';
import { problemRows } from '../../src/ui/rows/problems.js';
import { precomputeRoutes, routeRows } from '../../src/ui/rows/routes.js';
import { SERVICE_COLUMNS, SERVICE_SHRINK, externalCell, measureServices, precomputeServices, serviceRows } from '../../src/ui/rows/services.js';
import { scrollTop, visibleRange } from '../../src/ui/cursor.js';
import { initialState, reducer, selectedIndex, cursorOf, type UiState } from '../../src/ui/state.js';
import { colour, coloursEnabled, toneProps } from '../../src/ui/theme.js';
import { fit, textWidth, truncate } from '../../src/ui/text.js';
import type { Analysis, RowMeta, TextRow } from '../../src/ui/types.js';
import { bigSnapshot, fixtureAnalyse, shopSnapshot, snapshotOf, svc } from './fixtures.js';

const shop = (): Analysis => analyseWith(fixtureAnalyse, shopSnapshot(), 0);
const text = (r: RowMeta): string => ('segments' in r ? (r as TextRow).segments.map((s) => s.text).join('') : '');

test('services: groups in fixed order with counts, sorted by namespace/name, fold and scope', () => {
  const pre = precomputeServices(shop());
  const rows = serviceRows(pre, { filter: '', collapsed: [] });
  const heads = rows.filter((r) => r.kind === 'group').map((r) => (r.kind === 'group' ? `${r.group}:${r.count}` : ''));
  assert.deepEqual(heads, ['ClusterIP:2', 'Headless:1', 'NodePort:1', 'LoadBalancer:1', 'ExternalName:1']);
  assert.deepEqual(rows.filter((r) => r.kind === 'service').map((r) => r.id), [
    'Service/shop/cart',
    'Service/shop/web',
    'Service/shop/db',
    'Service/shop/storefront',
    'Service/payments/gateway',
    'Service/legacy/partner',
  ]);
  const folded = serviceRows(pre, { filter: '', collapsed: ['ClusterIP'] });
  assert.equal(folded.length, rows.length - 2);
  // a folded group says the worst severity inside and how many Services have it; an open one leaves that to its rows
  const bad = rows.filter((r) => r.kind === 'service' && r.data.group === 'ClusterIP' && r.data.findingTone === 'error').length;
  assert.ok(bad > 0, 'the fixture has a broken ClusterIP Service');
  const head = folded.find((r) => r.kind === 'group' && r.group === 'ClusterIP');
  assert.deepEqual(head?.kind === 'group' ? head.worst : undefined, { symbol: '✗', tone: 'error', services: bad });
  const open = rows.find((r) => r.kind === 'group' && r.group === 'ClusterIP');
  assert.equal(open?.kind === 'group' ? open.worst : 'not a group', undefined);
  // a filter opens the fold: a match inside a folded group is shown, not hidden behind "▸"
  const filtered = serviceRows(pre, { filter: 'cart', collapsed: ['ClusterIP'] });
  assert.ok(filtered.some((r) => r.id === 'Service/shop/cart'), 'filter match in a folded group is listed');
  const scoped = serviceRows(pre, { scope: 'payments', filter: '', collapsed: [] });
  assert.deepEqual(scoped.filter((r) => r.kind === 'service').map((r) => r.id), ['Service/payments/gateway']);
});

test('services: cells — headless None, LB <pending>, ExternalName name, ports port→target:nodePort, ready, reached by, worst finding', () => {
  const pre = precomputeServices(shop());
  const cell = (id: string): Record<string, string> => pre.rows.find((r) => r.id === id)?.cells ?? {};
  assert.equal(cell('Service/shop/db').clusterIP, 'None');
  assert.match(cell('Service/payments/gateway').external ?? '', /^<pending>/);
  assert.equal(cell('Service/payments/gateway').ports, '443→8443:31443');
  assert.equal(cell('Service/legacy/partner').external, 'api.partner.example');
  assert.equal(cell('Service/legacy/partner').ready, '-');
  assert.equal(cell('Service/shop/web').ready, '2/2');
  assert.equal(cell('Service/shop/web').reachedBy, 'ing/storefront');
  assert.equal(cell('Service/shop/cart').finding, '✗ svc.selector-no-pods');
  assert.equal(pre.rows.find((r) => r.id === 'Service/shop/cart')?.findingTone, 'error');
});

test('services: the filter matches name, namespace, host and labels; all terms must match', () => {
  const pre = precomputeServices(shop());
  const ids = (filter: string): string[] => serviceRows(pre, { filter, collapsed: [] }).flatMap((r) => (r.kind === 'service' ? [r.id] : []));
  assert.deepEqual(ids('team=storefront'), ['Service/shop/web']);
  assert.deepEqual(ids('store.example.com'), ['Service/shop/web']);
  assert.deepEqual(ids('payments'), ['Service/payments/gateway']);
  // deliberately changed: selectors are searched too, so storefront (selector app=web) matches "shop web"
  assert.deepEqual(ids('shop web').sort(), ['Service/shop/storefront', 'Service/shop/web']);
  assert.deepEqual(ids('app=cart'), ['Service/shop/cart'], '/app=cart finds the Service by its selector');
  assert.deepEqual(ids('nothing-like-this'), []);
});

test('services: every cluster string is sanitised once, at precompute time', () => {
  const a = analyseWith(fixtureAnalyse, snapshotOf([svc('ns\u001b]0;x\u0007', '\u001b[31mevil', { externalIPs: ['1.2.3.4\u001b[2J'] })]), 0);
  const row = precomputeServices(a).rows[0];
  assert.ok(row);
  for (const v of Object.values(row.cells)) assert.doesNotMatch(v, /[\u0000-\u001f]/);
  assert.equal(row.cells.name, '^[[31mevil');
  assert.match(row.cells.external, /1\.2\.3\.4\^\[\[2J/);
});

test('externalCell: LB first, duplicates once, +N past three', () => {
  assert.equal(
    externalCell([
      { kind: 'nodePort', host: '10.0.0.1', port: 30080, node: 'a' },
      { kind: 'loadBalancer', host: '', pending: true },
      { kind: 'nodePort', host: '10.0.0.2', port: 30080, node: 'b' },
      { kind: 'nodePort', host: '10.0.0.3', port: 30080, node: 'c' },
      { kind: 'nodePort', host: '10.0.0.3', port: 30080, node: 'c' },
    ]),
    '<pending>, 10.0.0.1:30080, 10.0.0.2:30080 +1',
  );
});

test('column layout: everything fits when wide; narrow drops the least important columns first and never exceeds the width', () => {
  const content = measureServices(serviceRows(precomputeServices(shop()), { filter: '', collapsed: [] }));
  const sum = (l: { width: number }[]): number => l.reduce((n, c) => n + c.width, 0) + 2 * (l.length - 1);
  const wide = layoutColumns(SERVICE_COLUMNS, content, 200, SERVICE_SHRINK);
  assert.equal(wide.length, SERVICE_COLUMNS.length);
  for (const total of [200, 120, 100, 80, 60, 40, 20]) {
    const l = layoutColumns(SERVICE_COLUMNS, content, total, SERVICE_SHRINK);
    assert.ok(sum(l) <= total || l.length === 1, `${total}: ${sum(l)}`);
    assert.ok(l.some((c) => c.id === 'name'), 'NAME is never dropped');
  }
  const at80 = layoutColumns(SERVICE_COLUMNS, content, 78, SERVICE_SHRINK).map((c) => c.id);
  assert.ok(at80.includes('ready') && at80.includes('finding') && at80.includes('namespace'), `across namespaces NAMESPACE stays at 80: ${at80.join(',')}`);
  assert.ok(!at80.includes('ports'), 'PORTS gives way to NAMESPACE (the detail shows the ports)');
  // narrower still, the external address (how the service is exposed) outlasts the namespace
  const at56 = layoutColumns(SERVICE_COLUMNS, content, 56, SERVICE_SHRINK).map((c) => c.id);
  assert.ok(at56.includes('external') && !at56.includes('namespace'), at56.join(','));
  assert.ok(!at80.includes('clusterIP') && !at80.includes('reachedBy'), 'least important columns go first');
  assert.ok(!layoutColumns(SERVICE_COLUMNS, content, 200, SERVICE_SHRINK, ['namespace']).some((c) => c.id === 'namespace'));
});

test('routes tree: Ingress → host/path → backend → endpoints with ready marks; filter keeps whole objects', () => {
  const blocks = precomputeRoutes(shop());
  const rows = routeRows(blocks, { filter: '' });
  const lines = rows.map((r) => `${'  '.repeat(r.depth)}${text(r)}`);
  const i = lines.findIndex((l) => l.startsWith('Ingress shop/storefront'));
  assert.ok(i >= 0);
  assert.match(lines[i + 1] ?? '', /^ {2}store\.example\.com\/ \(Prefix\) +→ shop\/web:http \(80→http\) +✓ ok/);
  assert.match(lines[i + 2] ?? '', /^ {4}✓ 10\.244\.1\.5:8080 +pod web-1 +node node-a/);
  assert.equal(rows[i + 2]?.target, 'Pod/shop/web-1');
  const cart = routeRows(blocks, { filter: 'cart.example.com' });
  assert.ok(cart.every((r) => r.id.startsWith('Ingress/shop/cart')));
  assert.ok(cart.length >= 2);
});

test('problems: by severity, root cause then its consequences, hints stay for the detail', () => {
  const rows = problemRows(shop(), { filter: '' });
  const lines = rows.map((r) => `${r.depth}:${text(r)}`);
  assert.match(lines[0] ?? '', /^0:✗ Errors \(2: 1 finding \+ 1 consequence under their root cause\)$/);
  assert.match(lines[1] ?? '', /^1:✗ svc\.selector-no-pods +Service shop\/cart .*\(root cause of 1\)/);
  assert.match(lines[2] ?? '', /^2:↳ ✗ ing\.backend-no-endpoints/);
  assert.match(lines[3] ?? '', /^0:⚠ Warnings \(1\)/);
  assert.equal(rows[2]?.target, 'Ingress/shop/cart');
  const scoped = problemRows(shop(), { scope: 'payments', filter: '' });
  assert.deepEqual(scoped.map((r) => r.id).filter((id) => !id.startsWith('sev:')), ['lb.pending|Service/payments/gateway']);
});

test('problems: a heading names consequences of another severity nested under its roots ("incl. 1 warning")', () => {
  const a = shop();
  const root = a.report.findings.find((f) => f.id === 'svc.selector-no-pods');
  const warning = a.report.findings.find((f) => f.severity === 'warning');
  assert.ok(root && warning, 'the shop fixture has an error root and a warning');
  // the warning as a consequence of the error root (what linkRootCauses writes for a chain across severities)
  const linked: Analysis = { ...a, report: { ...a.report, rootCauses: a.report.rootCauses.map((rc) => (rc.root === root.key ? { ...rc, consequences: [...rc.consequences, warning.key] } : rc)) } };
  const lines = problemRows(linked, { filter: '' }).map((r) => `${r.depth}:${text(r)}`);
  assert.match(lines[0] ?? '', /^0:✗ Errors \(3: 1 finding \+ 2 consequences under their root cause, incl\. 1 warning\)$/);
  assert.ok(lines.some((l) => l.startsWith('2:↳ ⚠')), 'the warning sits under its root');
  assert.ok(!lines.some((l) => l.startsWith('0:⚠ Warnings')), 'and not again under its own heading');
});

test('detail: ports table sized for its rows, endpoints, findings with hint and field, paths; YAML is sanitised', () => {
  const a = shop();
  const rows = detailRows(a, 'Service/shop/cart', 'overview');
  const table = rows.find((r) => r.kind === 'table');
  assert.ok(table && table.kind === 'table');
  assert.equal(table.height, 2 * table.data.length + 3);
  assert.deepEqual(table.data[0], { name: 'http', port: '80', targetPort: 'http', protocol: 'TCP', nodePort: '-', served: '-' });
  const all = rows.map(text).join('\n');
  assert.match(all, /hint: did you mean app=cart\?/);
  assert.match(all, /fix: spec\.selector/);
  assert.match(all, /✗ http:\/\/cart\.example\.com\//);
  const web = detailRows(a, 'Service/shop/web', 'overview').map(text).join('\n');
  assert.match(web, /✓ 10\.244\.1\.5 .*pod web-1 +node node-a/);
  assert.match(web, /Ingress shop\/storefront/);
  const gone = detailRows(a, 'Service/shop/nope', 'overview').map(text).join('\n');
  // deliberately changed: a missing object is named as missing, not as "deleted, or outside the visible scope"
  assert.match(gone, /no such Service in the snapshot: Service shop\/nope/);
  const evil = analyseWith(fixtureAnalyse, snapshotOf([svc('shop', 'x', { selector: { app: 'x' } }, { note: 'a\u001b[2Jb' })]), 0);
  const yaml = detailRows(evil, 'Service/shop/x', 'yaml').map(text);
  assert.ok(yaml.includes('kind: Service'));
  assert.ok(yaml.every((l) => !/[\u0000-\u001f]/.test(l)));
  assert.deepEqual(parseKey('Pod/shop/web-1'), { kind: 'Pod', namespace: 'shop', name: 'web-1' });
  assert.deepEqual(parseKey('Node//node-a'), { kind: 'Node', name: 'node-a' });
});

// ------------------------------------------------------------------------ keymap
const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const k = (p: Partial<Key> = {}): Key => ({ ...NO_KEY, ...p });

test('keymap: one path from keys to commands; typing mode keeps letters as text', () => {
  assert.deepEqual(keyToCommand('', k({ downArrow: true }), 'normal'), { type: 'move', by: 'down' });
  assert.deepEqual(keyToCommand('j', k(), 'normal'), { type: 'move', by: 'down' });
  assert.deepEqual(keyToCommand('d', k({ ctrl: true }), 'normal'), { type: 'move', by: 'pageDown' });
  assert.deepEqual(keyToCommand('G', k({ shift: true }), 'normal'), { type: 'move', by: 'bottom' });
  assert.deepEqual(keyToCommand('q', k(), 'normal'), { type: 'quit' });
  assert.deepEqual(keyToCommand('q', k(), 'input'), { type: 'inputChar', text: 'q' });
  assert.deepEqual(keyToCommand('j', k(), 'input'), { type: 'inputChar', text: 'j' });
  assert.deepEqual(keyToCommand('c', k({ ctrl: true }), 'input'), { type: 'quit', now: true });
  assert.deepEqual(keyToCommand('', k({ downArrow: true }), 'input'), { type: 'move', by: 'down' });
  assert.deepEqual(keyToCommand('', k({ return: true }), 'input'), { type: 'inputSubmit' });
  assert.deepEqual(keyToCommand('d', k(), 'error'), { type: 'openDemo' });
  assert.equal(keyToCommand('d', k(), 'normal'), undefined);
  assert.deepEqual(keyToCommand('ab\u0007c', k(), 'input'), { type: 'inputChar', text: 'abc' }, 'control characters are never typed');
});

test('keymap: no two bindings answer the same key in the same mode, every binding is described', () => {
  const samples: [string, Partial<Key>][] = [];
  for (const b of KEYMAP) {
    assert.ok(b.description.length > 3 && b.label.length > 0);
    for (const spec of b.keys) samples.push([spec.input ?? '', { ...(spec.key ? { [spec.key]: true } : {}), ...(spec.ctrl ? { ctrl: true } : {}) }]);
  }
  for (const mode of ['normal', 'input', 'error'] as Mode[]) {
    for (const [input, key] of samples) {
      const hits = KEYMAP.filter((b) => b.modes.includes(mode) && keyToCommand(input, k(key), mode) !== undefined && b.keys.some((s) => (s.input ?? '') === input && (!s.key || key[s.key] === true) && Boolean(s.ctrl) === Boolean(key.ctrl)));
      assert.ok(hits.length <= 1, `${mode}: "${input}" ${JSON.stringify(key)} bound ${hits.length} times`);
    }
  }
});

test('keymap: a chunk of several keys is split (fast typing), text runs stay whole while typing', () => {
  assert.deepEqual(
    splitKeys('jj\r', k(), false).map((x) => (x.key.return ? 'Enter' : x.input)),
    ['j', 'j', 'Enter'],
  );
  assert.deepEqual(
    splitKeys('shop\r', k(), true).map((x) => (x.key.return ? 'Enter' : x.input)),
    ['shop', 'Enter'],
  );
  assert.equal(splitKeys('', k({ downArrow: true }), false).length, 1);
  assert.deepEqual(
    splitKeys('2', k({ meta: true }), false).map((x) => (x.key.escape ? 'Esc' : x.input)),
    ['Esc', '2'],
    'Esc then a key, sent together, reads as meta+key',
  );
});

test('command line: aliases, :ns NAME / all, :ctx NAME, unknown', () => {
  assert.deepEqual(parseCommandLine('svc'), { type: 'view', view: 'services' });
  assert.deepEqual(parseCommandLine(':ing'), { type: 'view', view: 'routes' });
  assert.deepEqual(parseCommandLine('problems'), { type: 'view', view: 'problems' });
  assert.deepEqual(parseCommandLine('ns shop'), { type: 'setNamespace', namespace: 'shop' });
  assert.deepEqual(parseCommandLine('ns all'), { type: 'setNamespace', namespace: undefined });
  assert.deepEqual(parseCommandLine('ns'), { type: 'pickNamespace' });
  assert.deepEqual(parseCommandLine('ctx prod-eu'), { type: 'switchContext', context: 'prod-eu' });
  assert.deepEqual(parseCommandLine('ctx'), { type: 'pickContext' });
  assert.deepEqual(parseCommandLine('q'), { type: 'quit' });
  assert.equal(parseCommandLine('frobnicate').type, 'invalid');
  assert.deepEqual(parseCommandLine('PB'), { type: 'view', view: 'problems' }, 'case-insensitive');
});

test('command line: the help lists exactly what the parser understands, and so does the unknown-command message', () => {
  assert.equal(COMMAND_HELP.length, COMMANDS.length);
  for (const c of COMMANDS) {
    const usageVerb = c.usage.split(/\s+/)[0] ?? '';
    assert.notEqual(parseCommandLine(usageVerb).type, 'invalid', `the help's ${c.usage} parses`);
    for (const n of c.names) assert.deepEqual(parseCommandLine(n), parseCommandLine(usageVerb), `:${n} is an alias of ${usageVerb}`);
  }
  const unknown = parseCommandLine('frobnicate');
  assert.ok(unknown.type === 'invalid');
  for (const c of COMMANDS) assert.ok(unknown.message.includes(`:${c.names[0] ?? ''}`), unknown.message);
});

// ------------------------------------------------------------------------ reducer
const rowsOf = (ids: string[]): RowMeta[] => ids.map((id) => ({ id, target: id }));

test('reducer: moves clamp, the scroll window keeps the cursor visible, the selection follows the id', () => {
  const rows = rowsOf(Array.from({ length: 100 }, (_, i) => `r${i}`));
  let s: UiState = initialState('services');
  s = reducer(s, { type: 'move', by: 'up', rows, viewport: 10 });
  assert.equal(cursorOf(s).index, 0);
  // a page scrolls the view by a page, the cursor keeps its place on the screen
  s = reducer(s, { type: 'move', by: 'pageDown', rows, viewport: 10 });
  assert.deepEqual(cursorOf(s), { id: 'r9', index: 9, top: 9 });
  s = reducer(s, { type: 'move', by: 'pageUp', rows, viewport: 10 });
  assert.deepEqual(cursorOf(s), { id: 'r0', index: 0, top: 0 });
  for (let i = 0; i < 10; i++) s = reducer(s, { type: 'move', by: 'down', rows, viewport: 10 });
  assert.deepEqual(cursorOf(s), { id: 'r10', index: 10, top: 1 });
  s = reducer(s, { type: 'move', by: 'bottom', rows, viewport: 10 });
  assert.deepEqual(cursorOf(s), { id: 'r99', index: 99, top: 90 });
  // a new row above: the same object stays selected
  const moved = rowsOf(['new', ...rows.map((r) => r.id)]);
  assert.equal(selectedIndex(moved, cursorOf(s)), 100);
  // the object disappears: fall back to the remembered index
  assert.equal(selectedIndex(rowsOf(['a', 'b']), cursorOf(s)), 1);
  assert.deepEqual(visibleRange(rows, 90, 10), { from: 90, to: 100 });
  assert.equal(scrollTop(rows, 50, 0, 10), 41);
  assert.equal(scrollTop(rows, 5, 40, 10), 5);
  const tall: RowMeta[] = [{ id: 'a' }, { id: 't', height: 7 }, { id: 'b' }, { id: 'c' }];
  assert.equal(scrollTop(tall, 3, 0, 8), 2, 'tall rows count by their height');
});

test('reducer: history, views, filter and input line', () => {
  let s = initialState('services');
  s = reducer(s, { type: 'push', screen: { kind: 'detail', target: 'Service/a/b', mode: 'overview' } });
  s = reducer(s, { type: 'push', screen: { kind: 'detail', target: 'Service/a/b', mode: 'overview' } });
  assert.equal(s.stack.length, 2, 'no duplicate entry');
  s = reducer(s, { type: 'toggleYaml' });
  // deliberately changed: the YAML stacks on the overview, so back returns to the overview first
  assert.deepEqual(s.stack[2], { kind: 'detail', target: 'Service/a/b', mode: 'yaml' });
  s = reducer(s, { type: 'back' });
  assert.deepEqual(s.stack[1], { kind: 'detail', target: 'Service/a/b', mode: 'overview' });
  s = reducer(s, { type: 'back' });
  assert.equal(s.stack.length, 1);
  s = reducer(s, { type: 'inputStart', kind: 'filter' });
  s = reducer(s, { type: 'inputChar', text: 'we' });
  s = reducer(s, { type: 'inputChar', text: 'bx' });
  s = reducer(s, { type: 'inputBackspace' });
  assert.equal(s.filters['list:services'], 'web');
  s = reducer(s, { type: 'inputEnd', keepFilter: true });
  assert.equal(s.input, undefined);
  assert.equal(s.filters['list:services'], 'web');
  s = reducer(s, { type: 'back' });
  assert.equal(s.filters['list:services'], undefined, 'Esc at the root clears the filter');
  s = reducer(s, { type: 'nextView' });
  s = reducer(s, { type: 'nextView' });
  assert.deepEqual(s.stack, [{ kind: 'list', view: 'problems' }]);
  s = reducer(s, { type: 'nextView' });
  assert.deepEqual(s.stack, [{ kind: 'list', view: 'services' }]);
});

test('theme: NO_COLOR turns every colour off; info is never red', () => {
  assert.equal(coloursEnabled({}), true);
  assert.equal(coloursEnabled({ NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
  assert.equal(coloursEnabled({ NO_COLOR: '1' }), false);
  const saved = process.env.NO_COLOR;
  try {
    delete process.env.NO_COLOR;
    assert.equal(colour('error'), 'red');
    assert.notEqual(colour('info'), 'red');
    assert.equal(colour('ok'), 'green');
    assert.equal(colour('warning'), 'yellow');
    process.env.NO_COLOR = '1';
    for (const tone of ['error', 'warning', 'info', 'ok', 'muted', 'accent', 'heading', 'demo'] as const) assert.deepEqual(toneProps(tone), {});
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  }
});

test('text: widths and truncation count terminal cells', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('日本'), 4);
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('日本語', 4), '日…');
  assert.equal(fit('ab', 4), 'ab  ');
});

test('precompute scales: 10,000 services precompute once, filtering is a linear scan', () => {
  const a = analyseWith(fixtureAnalyse, bigSnapshot(10_000), 0);
  const t0 = performance.now();
  const pre = precomputeServices(a);
  const t1 = performance.now();
  const rows = serviceRows(pre, { filter: 'svc-0999', collapsed: [] });
  const t2 = performance.now();
  assert.equal(rows.filter((r) => r.kind === 'service').length, 10);
  assert.ok(t1 - t0 < 2000, `precompute ${t1 - t0} ms`);
  assert.ok(t2 - t1 < 200, `filter ${t2 - t1} ms`);
});

test('header: source state labels (DEMO clearly, live states, stale since, snapshot file)', async () => {
  const { sourceLabel } = await import('../../src/ui/components/header.js');
  assert.match(sourceLabel({ type: 'demo' }).text, /DEMO/);
  assert.equal(sourceLabel({ type: 'live', state: 'connecting' }).text, 'connecting…');
  assert.equal(sourceLabel({ type: 'live', state: 'reconnecting' }).tone, 'warning');
  assert.equal(sourceLabel({ type: 'live', state: 'live' }).tone, 'ok');
  assert.match(sourceLabel({ type: 'live', state: 'stale', staleSince: '2026-05-01T12:00:00Z' }).text, /^stale since \d\d:\d\d:\d\d$/);
  assert.equal(sourceLabel({ type: 'snapshot', files: ['/tmp/dumps/cluster.json', 'b.yaml'] }).text, 'snapshot file cluster.json +1');
});

test('detail wraps long finding messages at word boundaries instead of truncating them', async () => {
  const { wrapSegments } = await import('../../src/ui/rows/wrap.js');
  const msg = 'Service shop/checkout selects {app=chekout} but no Pod in namespace shop has all of these labels, so it has no backends.';
  const lines = wrapSegments([{ text: msg }], 40).map((l) => l.map((x) => x.text).join(''));
  assert.ok(lines.every((l) => l.length <= 40));
  assert.equal(lines.join(' '), msg);
  assert.deepEqual(
    wrapSegments([{ text: 'x'.repeat(90) }], 40).map((l) => l.map((x) => x.text).join('').length),
    [40, 40, 10],
  );
});

test('wrap: long tokens break after "," or "=", a symbol and a label stay with their word, a field with "fix"', async () => {
  const { wrapSegments } = await import('../../src/ui/rows/wrap.js');
  const text = (segs: { text: string }[][]): string[] => segs.map((l) => l.map((x) => x.text).join(''));
  const sel = 'app.kubernetes.io/component=controller,app.kubernetes.io/name=ingress-nginx';
  const lines = text(wrapSegments([{ text: 'selector ' }, { text: sel }], 40));
  assert.ok(lines.every((l) => l.length <= 40), lines.join('\n'));
  for (const l of lines) assert.ok(/(^|[,=\s])$|[a-z]$/.test(l) && !/controll$|ingress-ng$/.test(l), `no mid-word cut: ${lines.join(' | ')}`);
  assert.equal(lines.join('').replace(/\s+/g, ''), `selector${sel}`.replace(/\s+/g, ''));
  assert.ok(lines.some((l) => l.endsWith('component=')) || lines.some((l) => l.includes('component=controller')), lines.join(' | '));
  // a symbol keeps its word
  const ok = text(wrapSegments([{ text: 'Ingress shop/blog  class traefik  ' }, { text: '✓ controller traefik.io/ingress-controller' }], 36));
  assert.ok(!ok.some((l) => /✓\s*$/.test(l)), ok.join(' | '));
  // "fix FIELD" is one unit; "fix:" stays with its value
  const hop = text(wrapSegments([{ text: '✗ Ingress shop/admin  class nginx-internal (no such IngressClass)' }, { text: '  fix spec.ingressClassName', nowrap: true }], 70, 2));
  assert.ok(hop.some((l) => l.includes('fix spec.ingressClassName')), hop.join(' | '));
  const label = text(wrapSegments([{ text: 'a finding message that fills the line up to here fix:' }, { text: ' spec.rules' }], 54, 5));
  assert.ok(!label.some((l) => /fix:\s*$/.test(l)), label.join(' | '));
  // only a piece longer than the line is cut
  assert.deepEqual(text(wrapSegments([{ text: 'x'.repeat(90) }], 40)).map((l) => l.length), [40, 40, 10]);
});
