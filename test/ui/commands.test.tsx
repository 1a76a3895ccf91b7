import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { DataSource } from '../../src/cluster/source-types.js';
import { App } from '../../src/ui/app.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { KEY, renderTerm, selectedLine, type Term } from './render.js';

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
