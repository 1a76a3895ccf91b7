// npm run bench (second part): how the terminal UI answers keys on a big cluster — 10,000
// Services at 120x40 through Ink's real renderer (ink-testing-library stand-in terminal).
// Latency = key press → the frame showing the new selection. Production React, as bin/ does.
process.env.NODE_ENV = 'production';

const { createElement } = await import('react');
const { App } = await import('../src/ui/app.js');
const { bigSnapshot, fakeSource, fixtureAnalyse } = await import('../test/ui/fixtures.js');
const { KEY, renderTerm, selectedLine } = await import('../test/ui/render.js');

// UI_SERVICES=N to change the size (arguments of `npm run bench -- …` go to the engine tiers)
const SERVICES = Number(process.env.UI_SERVICES ?? 10_000);
const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const round = (x: number): number => Math.round(x * 10) / 10;

const t0 = performance.now();
const t = renderTerm(createElement(App, { source: fakeSource(bigSnapshot(SERVICES)), graceMs: 0, analyse: (s) => fixtureAnalyse(s, 0) }), { columns: 120, rows: 40 });
await t.waitFor((f) => f.includes(`ClusterIP (${SERVICES})`), 'the list', 60_000);
const firstFrameMs = performance.now() - t0;

/** Press a key and wait until the selected line differs from before. */
async function timed(key: string): Promise<number> {
  const before = selectedLine(t.frame());
  const start = performance.now();
  t.press(key);
  await t.waitFor((f) => selectedLine(f) !== before, `a frame after ${JSON.stringify(key)}`, 10_000);
  return performance.now() - start;
}

const down: number[] = [];
for (let i = 0; i < 200; i++) down.push(await timed('j'));
const pages: number[] = [];
for (let i = 0; i < 40; i++) pages.push(await timed(KEY.pageDown));
const toEnd = await timed('G');
const toTop = await timed('g');
t.unmount();

const row = {
  services: SERVICES,
  firstFrameMs: Math.round(firstFrameMs),
  downP50Ms: round(percentile(down, 50)),
  downP95Ms: round(percentile(down, 95)),
  pageDownP50Ms: round(percentile(pages, 50)),
  pageDownP95Ms: round(percentile(pages, 95)),
  toEndMs: round(toEnd),
  toTopMs: round(toTop),
  heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
};
console.log(JSON.stringify({ bench: 'ui-scroll', ...row }));
console.table([row]);
process.exit(0);
