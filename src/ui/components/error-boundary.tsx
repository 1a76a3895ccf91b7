// A render error becomes a screen (with `q` to quit), never a crash that leaves the
// terminal in the alternate screen.
import { Component, type ErrorInfo, type ReactElement, type ReactNode } from 'react';
import { useApp, useInput, useWindowSize } from 'ink';
import { ErrorScreen } from './error-screen.js';

function CrashScreen({ message }: { message: string }): ReactElement {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c') || key.escape) exit();
  });
  return (
    <ErrorScreen
      title="kexplore hit an internal error"
      message={message}
      hint="quit and run again with --debug; `kexplore check` gives the same findings without the UI"
      actions={[{ key: 'q', label: 'quit' }]}
      width={columns}
      height={rows}
    />
  );
}

interface State {
  error?: Error;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // the screen shows it; nothing else to do
  }

  override render(): ReactNode {
    if (this.state.error) return <CrashScreen message={this.state.error.message} />;
    return this.props.children;
  }
}
