import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { App, type AppProps } from '../../src/ui/app.js';
import type { ProbeTarget } from '../../src/ui/types.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { KEY, renderTerm, selectedLine, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

const RESULT = ['10.244.1.5:8080 open (3 ms)', '10.244.2.6:8080 refused'];

function mount(props: Partial<AppProps>, demo = false): { t: Term; asked: ProbeTarget[] } {
  const asked: ProbeTarget[] = [];
  const snap = demo ? shopSnapshot({ type: 'demo', context: 'demo', serverVersion: 'v1.36.3' }) : shopSnapshot();
  const t = renderTerm(<App source={fakeSource(snap)} graceMs={0} analyse={fixtureAnalyse} onProbe={(x) => (asked.push(x), Promise.resolve({ lines: RESULT }))} {...props} />, { columns: 80, rows: 24 });
  mounted.push(t);
  return { t, asked };
}

test('p from a list at 80x24: the detail opens with the probe result on screen, under the title', async () => {
  const { t, asked } = mount({});
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press('p');
  const f = await t.waitFor((x) => x.includes('10.244.2.6:8080 refused'), 'the result, without scrolling');
  assert.match(f, /Service shop\/web/);
  assert.equal(asked.length, 1);
});

test('p inside a detail scrolled down: back to the top, where the result is', async () => {
  const { t } = mount({});
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down, KEY.enter);
  await t.waitFor((f) => f.includes('Service shop/web  ClusterIP'));
  t.press('G');
  await t.waitFor((f) => !f.includes('Service shop/web  ClusterIP'), 'scrolled to the end');
  t.press('p');
  await t.waitFor((x) => x.includes('10.244.2.6:8080 refused') && x.includes('Service shop/web  ClusterIP'), 'the result at the top');
});

test('the DEMO is not probed and does not advertise p; it says once that probes need a real cluster', async () => {
  const { t, asked } = mount({}, true);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down, KEY.enter);
  const d = await t.waitFor((f) => f.includes('Service shop/web  ClusterIP'));
  assert.ok(!d.includes('p: probe') && !d.includes('press p'), d);
  t.press('G');
  const end = await t.waitFor((f) => f.includes('Esc back') && !f.includes('Service shop/web  ClusterIP'));
  assert.ok(!end.includes('press p') && !end.includes('p probe'), end);
  t.press('p');
  await t.waitFor((f) => f.includes('probes need a real cluster'), 'the one line');
  assert.equal(asked.length, 0);
});

test('kinds that cannot be probed (Pod, Node, Secret, IngressClass) do not advertise p', async () => {
  const { t, asked } = mount({});
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down, KEY.enter);
  await t.waitFor((f) => f.includes('Service shop/web  ClusterIP'));
  // the first link of the Service detail is an endpoint: its pod
  t.press(KEY.enter);
  const pod = await t.waitFor((f) => f.includes('phase Running'), 'the pod');
  assert.ok(!pod.includes('p: probe'), pod);
  t.press('G');
  const end = await t.waitFor((f) => f.includes('Esc back'));
  assert.ok(!end.includes('press p') && !end.includes('p probe'), end);
  t.press('p');
  await t.waitFor((f) => f.includes('nothing to probe on a Pod'));
  assert.equal(asked.length, 0);
});

/** Probe shop/web with a prober that finds nothing; the frame showing the empty result. */
async function emptyProbeOfWeb(source: Parameters<typeof shopSnapshot>[0], size: { columns: number; rows: number }): Promise<string> {
  const t = renderTerm(<App source={fakeSource(shopSnapshot(source))} graceMs={0} analyse={fixtureAnalyse} onProbe={() => Promise.resolve({ lines: [] })} />, size);
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press('p');
  return t.waitFor((x) => x.includes('no probe results'), 'the empty result');
}

test('the probe block comes after the whole title block, and an empty result says why', async () => {
  const f = await emptyProbeOfWeb({ type: 'snapshot', files: ['/tmp/cluster.json'] }, { columns: 80, rows: 24 });
  const lines = f.split('\n');
  const title = lines.findIndex((l) => l.includes('Service shop/web'));
  const selector = lines.findIndex((l) => /selector /.test(l));
  const probe = lines.findIndex((l) => /^\s*Probe\s*$/.test(l));
  assert.ok(title >= 0 && title < selector && selector < probe, `title, selector, then Probe:\n${f}`);
  assert.match(f.replace(/\s+/g, ' '), /no probe results: a snapshot has no live cluster, so only direct dials were possible/);
});

test('live: an empty probe of a Service says there was nothing to dial and no ready pod to ask', async () => {
  const f = await emptyProbeOfWeb({ type: 'live', context: 'kind-test', state: 'live' }, { columns: 100, rows: 30 });
  assert.match(f.replace(/\s+/g, ' '), /nothing to probe for this Service \(this Service has no NodePort, load-balancer or external address to dial; and it has no ready pod to ask through the API server\)/);
});

test('probe findings join the analysis: the finding shows in the detail and the header counts it', async () => {
  const { finding } = await import('../../src/checks/check.js');
  const refused = finding('probe.backend-via-apiserver', 'error', { kind: 'Service', namespace: 'shop', name: 'web' }, 'From this machine through the API server, pod web-1 refuses port 8080 (targetPort http of port 80): nothing listens there.', 'fix spec.ports[0].targetPort of Service shop/web (port 80 http), or the port the application listens on (8080 now)', { fields: ['spec.ports[0].targetPort'], related: [{ kind: 'Pod', namespace: 'shop', name: 'web-1' }], discriminator: 'http' });
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} onProbe={() => Promise.resolve({ lines: ['web-1 10.244.1.5:8080 refused'], findings: [refused] })} />, { columns: 120, rows: 60 });
  mounted.push(t);
  const before = await t.waitFor((f) => f.includes('ClusterIP (2)'));
  const errors = (f: string): number => Number(/✗ (\d+) error/.exec(f.split('\n')[0] ?? '')?.[1] ?? 0);
  t.press(KEY.down, KEY.down);
  await t.waitFor((f) => /web/.test(selectedLine(f)));
  t.press('p');
  const f = await t.waitFor((x) => x.includes('probe.backend-via-apiserver') && x.includes('10.244.1.5:8080 refused'), 'the probe finding in the detail');
  assert.equal(errors(f), errors(before) + 1, `the header counts the probe's error:\n${f.split('\n')[0] ?? ''}`);
  assert.match(f, /spec\.ports\[0\]\.targetPort/, 'the field to fix');
});
