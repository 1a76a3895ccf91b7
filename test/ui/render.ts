// Project render helper: a terminal of fixed columns AND rows. ink-testing-library's
// fake stdout hard-codes columns = 100 and has no rows (Ink then falls back to the real
// terminal size), so this helper mirrors its three stream fakes with a settable size and
// a resize() that emits 'resize' like a TTY. Keys are sent as the bytes a terminal sends.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
} as const;

class TermStdout extends EventEmitter {
  frames: string[] = [];
  private last: string | undefined;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  // Ink 8 waits on a write callback (an empty write is its flush barrier before
  // waitUntilExit resolves), which ink-testing-library 4 never calls.
  write = (frame: string, encodingOrCb?: BufferEncoding | (() => void), cb?: () => void): boolean => {
    if (frame !== '') {
      this.frames.push(frame);
      this.last = frame;
    }
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    if (done) setImmediate(done);
    return true;
  };
  lastFrame = (): string | undefined => this.last;
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class TermStderr extends EventEmitter {
  frames: string[] = [];
  write = (frame: string, encodingOrCb?: BufferEncoding | (() => void), cb?: () => void): boolean => {
    this.frames.push(frame);
    const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    if (done) setImmediate(done);
    return true;
  };
}

class TermStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

export interface Term {
  stdout: TermStdout;
  stdin: TermStdin;
  stderr: TermStderr;
  /** last frame with colours stripped */
  frame(): string;
  /** last frame as written (with SGR codes) */
  rawFrame(): string;
  press(...keys: string[]): void;
  /** poll the last frame until `pred` holds; throws with the frame on timeout */
  waitFor(pred: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): void;
  unmount(): void;
  exited: Promise<unknown>;
}

export function renderTerm(node: ReactElement, size: { columns: number; rows: number } = { columns: 80, rows: 24 }): Term {
  const stdout = new TermStdout(size.columns, size.rows);
  const stderr = new TermStderr();
  const stdin = new TermStdin();
  const instance = inkRender(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = (): string => stripAnsi(stdout.lastFrame() ?? '');
  return {
    stdout,
    stdin,
    stderr,
    frame,
    rawFrame: () => stdout.lastFrame() ?? '',
    press: (...keys) => {
      for (const k of keys) stdin.write(k);
    },
    waitFor: async (pred, what = 'a matching frame', timeoutMs = 4000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = frame();
        if (pred(f)) return f;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
        await new Promise<void>((resolve) => setTimeout(resolve, 5));
      }
    },
    resize: (c, r) => stdout.resize(c, r),
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
    exited: instance.waitUntilExit(),
  };
}

/** Lines of a frame (a full-screen frame has exactly `rows` lines). */
export function linesOf(frame: string): string[] {
  return frame.replace(/\n$/, '').split('\n');
}

/** The line holding the cursor mark. */
export function selectedLine(frame: string): string {
  return linesOf(frame).find((l) => l.startsWith('❯ ')) ?? '';
}
