// The pods a NetworkPolicy verdict is about: ready backends of a Service port (H2 + H3),
// and the source a controller pod connects from (its pod, or its node when hostNetwork).
import { indexes, nsName } from '../../../model/index.js';
import type { PeerSource } from '../../../model/netpol.js';
import { nodeAddress } from '../../../model/nodes.js';
import { podReady, protocolOf, resolveTargetPort, selectedPods } from '../../../model/pods.js';
import type { ClusterSnapshot, ObjectRef, Pod, Service, ServicePort } from '../../../model/types.js';

export interface Backend {
  pod: Pod;
  /** resolved targetPort on this pod (what NetworkPolicy ports refer to) */
  port: number;
  protocol: string;
}

/** Ready pods behind one Service port with their resolved target port. */
export function readyBackends(s: ClusterSnapshot, svc: Service, sp: ServicePort): Backend[] {
  const out: Backend[] = [];
  for (const pod of selectedPods(s, svc) ?? []) {
    if (!podReady(pod)) continue;
    const port = resolveTargetPort(sp, pod);
    if (port !== undefined) out.push({ pod, port, protocol: protocolOf(sp) });
  }
  return out;
}

/** Where a controller's connections come from; undefined when that address is unknown. */
export function peerOf(s: ClusterSnapshot, c: Pod): PeerSource | undefined {
  if (!c.spec.hostNetwork) return { kind: 'pod', pod: c };
  const n = indexes(s).nodeByName.get(c.spec.nodeName ?? '');
  const ip = (n && nodeAddress(n, 'InternalIP')) ?? c.status?.hostIP;
  // dual-stack nodes: every InternalIP may be the source, depending on the destination family
  const alt = [...new Set((n?.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address))].filter((a) => a !== ip && a !== '');
  return ip ? { kind: 'ip', ip, ...(alt.length > 0 ? { alt } : {}) } : undefined;
}

export const podsOf = (s: ClusterSnapshot, refs: ObjectRef[]): Pod[] => refs.map((r) => indexes(s).podByName.get(nsName(r.namespace, r.name))).filter((p): p is Pod => p !== undefined);

export const portLabel = (sp: ServicePort): string => sp.name || String(sp.port);
