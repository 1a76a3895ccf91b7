// What run-e2e.sh exports for the end-to-end tests (kubeconfigs, paths), read once.
import { fileURLToPath } from 'node:url';

export function env(k: string): string {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: run through test/cluster/run-e2e.sh`);
  return v;
}

/** the kexplore executable, as a user runs it */
export const BIN = fileURLToPath(new URL('../../../../bin/kexplore.js', import.meta.url));

/** Poll `read` until it returns a value (the cluster decides when; no fixed sleeps). */
export async function until<T>(what: string, read: () => T | undefined, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
