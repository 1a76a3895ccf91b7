// What run-e2e.sh exports for the end-to-end tests (kubeconfigs, paths), read once.
import { fileURLToPath } from 'node:url';

export function env(k: string): string {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: run through test/cluster/run-e2e.sh`);
  return v;
}

/** the kexplore executable, as a user runs it */
export const BIN = fileURLToPath(new URL('../../../../bin/kexplore.js', import.meta.url));
