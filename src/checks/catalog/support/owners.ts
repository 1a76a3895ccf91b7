// The workload that owns a pod, for findings that belong on a Deployment/DaemonSet, not a pod.
import { indexes } from '../../../model/index.js';
import type { ClusterSnapshot, ObjectRef, Pod } from '../../../model/types.js';

/** Top-level owner of a pod: Pod → ReplicaSet → Deployment collapses to the Deployment. */
export function topOwnerRef(s: ClusterSnapshot, p: Pod): ObjectRef {
  const ns = p.metadata.namespace;
  const o = (p.metadata.ownerReferences ?? []).find((r) => r.controller) ?? p.metadata.ownerReferences?.[0];
  if (!o) return { kind: 'Pod', ...(ns ? { namespace: ns } : {}), name: p.metadata.name };
  if (o.kind === 'ReplicaSet') {
    const rs = (indexes(s).workloadsByNamespace.get(ns ?? '') ?? []).find((w) => w.kind === 'ReplicaSet' && w.metadata.name === o.name);
    // its controller is the workload: a Deployment, or e.g. an Argo Rollout (stable and canary ReplicaSets)
    const d = rs?.metadata.ownerReferences?.find((r) => r.controller) ?? rs?.metadata.ownerReferences?.find((r) => r.kind === 'Deployment');
    if (d) return { kind: d.kind, ...(ns ? { namespace: ns } : {}), name: d.name };
    // without ReplicaSets visible, the pod-template-hash suffix names the Deployment
    const hash = p.metadata.labels?.['pod-template-hash'];
    if (hash && o.name.endsWith(`-${hash}`)) return { kind: 'Deployment', ...(ns ? { namespace: ns } : {}), name: o.name.slice(0, -hash.length - 1) };
  }
  return { kind: o.kind, ...(ns ? { namespace: ns } : {}), name: o.name };
}
