// Snapshot → graph → report, the same for the CLI and the UI.
import { DEFAULT_GRACE_MS, runChecks } from '../checks/engine.js';
import type { Report } from '../checks/types.js';
import { buildGraph } from '../model/graph.js';
import type { ExposureGraph } from '../model/graph-types.js';
import type { ClusterSnapshot } from '../model/types.js';

export function analyse(s: ClusterSnapshot, graceMs = DEFAULT_GRACE_MS, now = new Date()): { graph: ExposureGraph; report: Report } {
  const graph = buildGraph(s);
  // Offline dumps are judged at the time they were taken, not today.
  const at = s.source.type === 'snapshot' ? s.takenAt : now.toISOString();
  return { graph, report: runChecks(s, graph, { now: at, graceMs }) };
}
