import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { App } from '../../src/ui/app.js';
import { moveCursor, resolveCursor } from '../../src/ui/cursor.js';
import type { RowMeta } from '../../src/ui/types.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { KEY, linesOf, renderTerm, selectedLine, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

const link = (id: string): RowMeta => ({ id, target: id });
const line = (id: string): RowMeta => ({ id });

test('cursor: stops only on rows that lead somewhere, scrolls through the rest, selects nothing when no link is in view', () => {
  const rows = [line('title'), line('blank'), link('a'), line('head'), line('t1'), line('t2'), line('t3'), line('t4'), line('t5'), line('t6'), link('b'), line('end')];
  let c = resolveCursor(rows, { index: 0, top: 0 }, 4);
  assert.deepEqual(c, { id: 'a', index: 2, top: 0 }, 'the first link in view, the top stays in view');
  c = moveCursor(rows, c, 'down', 4);
  assert.equal(c.top, 1, 'b is too far: one line of scrolling, nothing skipped unseen');
  assert.equal(c.id, 'a');
  for (let i = 0; i < 2; i++) c = moveCursor(rows, c, 'down', 4);
  assert.deepEqual([c.index, c.top], [-1, 3], 'no link in view: nothing selected');
  c = moveCursor(rows, c, 'down', 4);
  assert.deepEqual([c.id, c.top], ['b', 7], 'b is reached without skipping a line unseen');
  c = moveCursor(rows, c, 'down', 4);
  assert.deepEqual([c.id, c.top], ['b', 8], 'the lines after the last link can be scrolled into view');
  c = moveCursor(rows, c, 'top', 4);
  assert.deepEqual(c, { id: 'a', index: 2, top: 0 });
  c = moveCursor(rows, c, 'up', 4);
  assert.deepEqual(c, { id: 'a', index: 2, top: 0 });
});

test('detail: a fresh drill-in starts at the top; the cursor never rests on a blank line, a heading or a table', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 16 });
  mounted.push(t);
  await t.waitFor((f) => f.includes('ClusterIP (2)'));
  t.press(KEY.down, KEY.enter);
  await t.waitFor((f) => f.includes('Service shop/cart  ClusterIP'), 'the detail, from its first line');
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    t.press('j');
    await new Promise<void>((resolve) => setImmediate(resolve));
    const f = await t.waitFor(() => true);
    const sel = selectedLine(f);
    if (sel !== '') seen.push(sel);
  }
  const f = await t.waitFor((x) => x.includes('Esc back'), 'the end of the detail');
  assert.ok(linesOf(f).some((l) => l.includes('y YAML')), 'the last lines are reachable');
  assert.ok(seen.length > 0);
  for (const s of seen) {
    assert.ok(s.replace(/^❯\s*/, '') !== '', 'not a blank line');
    assert.doesNotMatch(s, /^❯ +(Addresses|Ports|Endpoints|Pods|Reached by|Findings|Paths|Probe)\b/, `not a heading: ${s}`);
    assert.doesNotMatch(s, /[┌├└│]/, `not a table: ${s}`);
  }
  t.press(KEY.esc);
  await t.waitFor((x) => x.includes('ClusterIP (2)') && /cart/.test(selectedLine(x)), 'back on the list, cart still selected');
  t.press(KEY.enter);
  await t.waitFor((x) => x.includes('Service shop/cart  ClusterIP'), 'reopened at the top, not where it was left');
});
