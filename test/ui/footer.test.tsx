import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { App } from '../../src/ui/app.js';
import { footerHints } from '../../src/ui/keymap.js';
import { problemRows } from '../../src/ui/rows/problems.js';
import { analyseWith } from '../../src/ui/analysis.js';
import { textWidth } from '../../src/ui/text.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { linesOf, renderTerm, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

test('footer: fits at every width, drops the least useful hints first, always keeps ? help and q quit', async () => {
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} />, { columns: 120, rows: 24 });
  mounted.push(t);
  for (const [columns, rows] of [
    [120, 24],
    [80, 24],
    [50, 12],
    [30, 10],
  ] as const) {
    t.resize(columns, rows);
    // the frame of the new size: its header line is cut to the new width
    const f = await t.waitFor((x) => linesOf(x).length === rows && linesOf(x).every((l) => textWidth(l) <= columns) && x.includes('ClusterIP'), `the ${columns}-column frame`);
    const footer = linesOf(f).at(-1) ?? '';
    assert.ok(!footer.includes('…'), `not cut: ${footer}`);
    assert.match(footer, /\? help {2}q quit$/, `? and q at ${columns}: ${footer}`);
    if (columns >= 80) assert.match(footer, /Enter open {2}Esc back {2}\/ filter/);
  }
  assert.equal(footerHints(0), '? help  q quit');
  assert.ok(!footerHints(200, ['p']).includes('probe'), 'a hint can be left out where it does not apply');
});

test('problems: "(root cause of N)" comes before the message, which is cut at the end of the line', async () => {
  const rows = problemRows(analyseWith(fixtureAnalyse, shopSnapshot(), 0), { filter: '' });
  const root = rows.find((r) => r.id.startsWith('svc.selector-no-pods'));
  const text = root?.segments.map((s) => s.text).join('') ?? '';
  assert.match(text, /svc\.selector-no-pods +Service shop\/cart +\(root cause of 1\) +Service shop\/cart selects/);
  const t = renderTerm(<App source={fakeSource(shopSnapshot())} graceMs={0} analyse={fixtureAnalyse} initialView="problems" />, { columns: 80, rows: 20 });
  mounted.push(t);
  await t.waitFor((x) => x.includes('(root cause of 1)'), 'visible at 80 columns');
});
