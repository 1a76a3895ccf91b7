// The full-screen UI through the real executable on a pseudo-terminal (util-linux `script`):
// it enters the alternate screen, and leaves it with the cursor shown on q, SIGINT and SIGTERM,
// with the exit code a shell expects (0, 130, 143).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/kexplore.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'kexplore-tty-'));
const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

const hasScript = ((): boolean => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Session {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number>;
  /** resolves once the output contains the text, rejects after a timeout with what was seen */
  waitFor: (text: string, ms?: number) => Promise<void>;
}

function open(): Session {
  // -e: script exits with the child's code; -f: flush as it comes; the pty gets a fixed size
  const cmd = `stty cols 100 rows 30; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --demo`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'xterm-256color' } });
  let out = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  const waitFor = (text: string, ms = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; output so far:\n${out.slice(-2000)}`)), ms);
      const check = (): void => {
        if (out.includes(text)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { child, output: () => out, exited, waitFor };
}

/** The kexplore process: script's child (sh execs node). */
function kexplorePid(scriptPid: number): number {
  const pid = Number(execFileSync('pgrep', ['-P', String(scriptPid)], { encoding: 'utf8' }).trim().split('\n')[0]);
  assert.ok(pid > 0, 'kexplore runs under script');
  return pid;
}

function assertRestored(out: string): void {
  const entered = out.indexOf(ENTER_ALT);
  const left = out.lastIndexOf(LEAVE_ALT);
  assert.ok(entered >= 0, 'the UI uses the alternate screen');
  assert.ok(left > entered, 'and leaves it');
  assert.ok(out.lastIndexOf(SHOW_CURSOR) > entered, 'the cursor is shown again');
}

describe('the terminal is restored', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  for (const [how, signal, code] of [
    ['SIGTERM', 'SIGTERM', 143],
    ['SIGINT', 'SIGINT', 130],
  ] as const) {
    it(`on ${how}: alternate screen left, cursor shown, exit ${code}`, async () => {
      const s = open();
      await s.waitFor('DEMO');
      await s.waitFor('ClusterIP');
      process.kill(kexplorePid(s.child.pid ?? 0), signal);
      assert.equal(await s.exited, code);
      assertRestored(s.output());
    });
  }
  it('on q: exit 0', async () => {
    const s = open();
    await s.waitFor('ClusterIP');
    s.child.stdin.write('q');
    assert.equal(await s.exited, 0);
    assertRestored(s.output());
  });
});
