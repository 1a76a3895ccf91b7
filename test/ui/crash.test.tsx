import './force-color.js';
// A render error inside the UI becomes a screen with the reason and q to quit, never a crash
// that leaves the terminal in the alternate screen (runUi renders Root, which wraps App in it).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { ReactElement } from 'react';
import { ErrorBoundary } from '../../src/ui/components/error-boundary.js';
import { renderTerm, type Term } from './render.js';

const mounted: Term[] = [];
afterEach(() => {
  while (mounted.length > 0) mounted.pop()?.unmount();
});

function Broken({ name }: { name: string }): ReactElement {
  throw new Error(`cannot draw Service ${name}`);
}

test('a render error is a screen with the reason and q to quit; the message is sanitised', async () => {
  // React logs caught render errors to the console; keep the test output readable
  const quiet = console.error;
  console.error = () => undefined;
  try {
    const t = renderTerm(
      <ErrorBoundary>
        <Broken name={'web\u001b[2Jevil'} />
      </ErrorBoundary>,
      { columns: 80, rows: 24 },
    );
    mounted.push(t);
    const f = await t.waitFor((x) => x.includes('kexplore hit an internal error'), 'the crash screen');
    assert.match(f, /cannot draw Service web/);
    assert.match(f, /--debug/);
    assert.ok(!t.stdout.frames.some((x) => x.includes('\u001b[2J')), 'no escape sequence from the message reaches the terminal');
    t.press('q');
    await t.exited;
  } finally {
    console.error = quiet;
  }
});
