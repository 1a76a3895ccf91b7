// The first source of a live cluster opens after the first frame: the screen says "connecting"
// at once (a large or unreachable cluster can take seconds), then shows the cluster or the error.
import './force-color.js';
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { DataSource } from '../../src/cluster/source-types.js';
import { App } from '../../src/ui/app.js';
import { fakeSource, fixtureAnalyse, shopSnapshot } from './fixtures.js';
import { renderTerm, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

/** An open() the test resolves or rejects when it wants. */
function pendingOpen(): { run: () => Promise<DataSource>; resolve: (s: DataSource) => void; reject: (e: Error) => void; calls: () => number } {
  let calls = 0;
  let resolve: (s: DataSource) => void = () => undefined;
  let reject: (e: Error) => void = () => undefined;
  const p = new Promise<DataSource>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { run: () => (calls++, p), resolve, reject, calls: () => calls };
}

const has = (s: string) => (f: string) => f.includes(s);

test('connecting: the first frame says so before the source opens, then the cluster replaces it', async () => {
  const open = pendingOpen();
  const t = renderTerm(<App open={{ label: 'connecting to context prod…', run: open.run }} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 24 });
  mounted.push(t);
  const first = await t.waitFor(has('connecting to context prod…'));
  assert.match(first, /q quit/);
  assert.equal(open.calls(), 1);
  // keys other than quit do nothing while nothing is open (no view to move in, no error screen yet)
  t.press('j', '2', 'd');
  open.resolve(fakeSource(shopSnapshot({ type: 'live', context: 'prod', serverVersion: 'v1.34.0', state: 'live' })));
  const f = await t.waitFor((x) => x.includes('ctx prod') && x.includes('ClusterIP (2)'), 'the cluster');
  assert.match(f, /1 Services/);
  assert.doesNotMatch(f, /DEMO/);
});

test('connecting: a failure is the error screen with its reason and hint, said once', async () => {
  const open = pendingOpen();
  const t = renderTerm(<App open={{ label: 'connecting to context far…', run: open.run }} graceMs={0} analyse={fixtureAnalyse} onOpenDemo={() => Promise.resolve(fakeSource(shopSnapshot()))} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor(has('connecting to context far…'));
  open.reject(Object.assign(new Error('cannot reach https://10.255.255.1:6443: connect ETIMEDOUT'), { hint: 'check the VPN, or pick another context' }));
  const f = await t.waitFor(has('ETIMEDOUT'));
  assert.match(f, /What to do: check the VPN/);
  assert.equal(f.split('ETIMEDOUT').length - 1, 1, 'no second "connecting … failed" line repeating the message');
});

test('connecting: q quits before the source has opened', async () => {
  const open = pendingOpen();
  const t = renderTerm(<App open={{ label: 'connecting to context slow…', run: open.run }} graceMs={0} analyse={fixtureAnalyse} />, { columns: 80, rows: 24 });
  mounted.push(t);
  await t.waitFor(has('connecting to context slow…'));
  t.press('q');
  await t.exited;
  // the source that arrives after the UI has gone is closed, not leaked
  const late = fakeSource(shopSnapshot());
  open.resolve(late);
  await new Promise((r) => setImmediate(r));
  assert.equal(late.closed, true);
});
