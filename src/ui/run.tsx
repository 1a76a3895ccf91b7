// Entry point: full screen (alternate screen), resolves when the user quits. The terminal is
// restored on quit, on a render error (error screen, then quit), and on SIGINT/SIGTERM/exit
// (Ink unmounts through signal-exit; the handlers below also let runUi resolve normally so
// the caller can close its sources).
import { render } from 'ink';
import type { ReactElement } from 'react';
import { App, type AppProps } from './app.js';
import { ErrorBoundary } from './components/error-boundary.js';
import type { RunUiOptions } from './types.js';

export type { RunUiOptions, ProbeTarget, ProbeFn, ViewId, UiError } from './types.js';
export { ErrorScreen } from './components/error-screen.js';
export { App } from './app.js';

export function Root(props: AppProps): ReactElement {
  return (
    <ErrorBoundary>
      <App {...props} />
    </ErrorBoundary>
  );
}

/** Resolves with the exit code: 0 after q, 128 + signal number after SIGINT (130) or SIGTERM (143), as shells expect. */
export async function runUi(opts: RunUiOptions & Pick<AppProps, 'analyse'>): Promise<number> {
  const instance = render(<Root {...opts} />, {
    alternateScreen: true,
    exitOnCtrlC: false, // ctrl-c is a key in the keymap (quit), also while typing a filter
    patchConsole: true,
    maxFps: 30,
  });
  let code = 0;
  const onInt = (): void => {
    code = 130;
    instance.unmount();
  };
  const onTerm = (): void => {
    code = 143;
    instance.unmount();
  };
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    instance.cleanup();
  }
  return code;
}
