// The probes of one run, shared by `check --probe` and the UI's `p`: direct dials from this
// machine, plus the backend probe through the API server's pod proxy when the data is live.
import type { SourceOptions } from '../cluster/source-types.js';
import type { ProbeGraph, ProbeResult, Selection } from '../probe/index.js';
import type { ClusterSnapshot } from '../model/types.js';

export async function runProbesFor(s: ClusterSnapshot, graph: ProbeGraph, select: Selection, opts: SourceOptions): Promise<ProbeResult[]> {
  const probe = await import('../probe/index.js');
  const targets = [...probe.probeTargets(s, graph, select), ...probe.backendTargets(s, select)];
  // a snapshot or the demo has no API server to proxy through: those targets report why
  const needsProxy = s.source.type === 'live' && targets.some((t) => t.kind === 'backend-via-apiserver');
  const proxy = needsProxy ? (await import('../cluster/pod-proxy.js')).openPodProxy({ ...opts, ...(s.source.context ? { context: s.source.context } : {}) }) : undefined;
  try {
    return await probe.runProbes(targets, proxy ? { podProxy: proxy } : {});
  } finally {
    proxy?.close();
  }
}
