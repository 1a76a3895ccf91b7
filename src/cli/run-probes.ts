// The probes of one run, shared by `check --probe` and the UI's `p`: direct dials from this
// machine, plus the backend probe through the API server's pod proxy when the data is live.
import type { SourceOptions } from '../cluster/source-types.js';
import type { ProbeGraph, ProbeResult, Selection } from '../probe/index.js';
import type { ClusterSnapshot } from '../model/types.js';

/** What was left out: backend proxy targets beyond the per-run limit, as a line for the user. */
export function backendLimitNote(total: number, limit: number): string | undefined {
  return total > limit ? `Through the API server proxy, ${limit} of ${total} Service ports were probed (Services reached from outside first); narrow with -n NAMESPACE or probe one Service in the UI.` : undefined;
}

export async function runProbesFor(s: ClusterSnapshot, graph: ProbeGraph, select: Selection, opts: SourceOptions): Promise<ProbeResult[]> {
  return (await runProbesWithNotes(s, graph, select, opts)).results;
}

export async function runProbesWithNotes(s: ClusterSnapshot, graph: ProbeGraph, select: Selection, opts: SourceOptions): Promise<{ results: ProbeResult[]; notes: string[] }> {
  const probe = await import('../probe/index.js');
  const backend = probe.backendTargetsWithTotal(s, select);
  const note = s.source.type === 'live' ? backendLimitNote(backend.total, probe.BACKEND_PROBE_LIMIT) : undefined;
  const targets = [...probe.probeTargets(s, graph, select), ...backend.targets];
  // a snapshot or the demo has no API server to proxy through: those targets report why
  const needsProxy = s.source.type === 'live' && targets.some((t) => t.kind === 'backend-via-apiserver');
  const proxy = needsProxy ? (await import('../cluster/pod-proxy.js')).openPodProxy({ ...opts, ...(s.source.context ? { context: s.source.context } : {}) }) : undefined;
  try {
    return { results: await probe.runProbes(targets, proxy ? { podProxy: proxy } : {}), notes: note ? [note] : [] };
  } finally {
    proxy?.close();
  }
}
