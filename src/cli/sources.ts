// Choose where the snapshot comes from: the embedded demo, dump files, or a live cluster.
// The live path is imported lazily so offline use never loads client-node.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { demoSnapshot } from '../cluster/demo.js';
import { loadSnapshotFiles, scopeTo } from '../cluster/snapshot-files.js';
import type { DataSource, SourceOptions } from '../cluster/source-types.js';
import { staticSource } from '../cluster/static-source.js';
import { collectionOf, snapshotFrom } from '../model/snapshot.js';
import { KINDS, type ClusterSnapshot } from '../model/types.js';

/** True when kubectl would find a cluster: --kubeconfig, KUBECONFIG, ~/.kube/config or in-cluster. */
export function clusterConfigured(opts: SourceOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  if (opts.kubeconfig) return true;
  if (env.KUBECONFIG && env.KUBECONFIG.split(':').some((f) => f !== '')) return true;
  if (existsSync(join(env.HOME ?? homedir(), '.kube', 'config'))) return true;
  return env.KUBERNETES_SERVICE_HOST !== undefined && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}

function scoped(s: ClusterSnapshot, ns: string | undefined): ClusterSnapshot {
  if (ns === undefined) return s;
  const vis = { ...s.visibility };
  const kept = scopeTo(ns, KINDS.flatMap((k) => collectionOf(s, k).filter((o) => o.kind === k)), vis);
  return snapshotFrom(kept, s.source, s.takenAt, { visibility: vis, namespace: ns });
}

export function demoData(opts: SourceOptions): ClusterSnapshot {
  return scoped(demoSnapshot(new Date()), opts.allNamespaces ? undefined : opts.namespace);
}

/** One-shot snapshot for `check` and `snapshot`. */
export async function loadOnce(opts: SourceOptions): Promise<ClusterSnapshot> {
  if (opts.demo) return demoData(opts);
  if (opts.snapshots && opts.snapshots.length > 0) {
    const s = await loadSnapshotFiles(opts.snapshots, opts.allNamespaces || opts.namespace === undefined ? {} : { namespace: opts.namespace });
    return s;
  }
  const live = await import('../cluster/live-source.js');
  return live.loadLiveSnapshot(opts);
}

/** A DataSource for the UI. */
export async function openSource(opts: SourceOptions): Promise<DataSource> {
  if (opts.demo) return staticSource(demoData(opts), () => Promise.resolve(demoData(opts)));
  if (opts.snapshots && opts.snapshots.length > 0) {
    const files = opts.snapshots;
    const load = (): Promise<ClusterSnapshot> => loadSnapshotFiles(files, opts.allNamespaces || opts.namespace === undefined ? {} : { namespace: opts.namespace });
    return staticSource(await load(), load);
  }
  const live = await import('../cluster/live-source.js');
  return live.openLiveSource(opts);
}
