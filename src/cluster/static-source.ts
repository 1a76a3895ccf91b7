// A DataSource over a fixed snapshot (dump files, demo): refresh() re-runs the loader.
import type { ClusterSnapshot } from '../model/types.js';
import type { DataSource } from './source-types.js';

export function staticSource(initial: ClusterSnapshot, reload?: () => Promise<ClusterSnapshot>): DataSource {
  let snap = initial;
  const listeners = new Set<(s: ClusterSnapshot) => void>();
  return {
    type: initial.source.type,
    current: () => snap,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async refresh() {
      if (!reload) return;
      snap = await reload();
      for (const l of listeners) l(snap);
    },
    async close() {
      listeners.clear();
    },
  };
}
