// N_local for externalTrafficPolicy: Local (diagnostics.md §7): the Ready nodes on which
// kube-proxy has a local endpoint. kube-proxy prefers ready local endpoints and falls back
// to serving-but-terminating ones when a node has no ready one (virtual-ips.md).
import { endpointsOf, epReady, epServing, epTerminating } from '../../../model/endpoints.js';
import { indexes } from '../../../model/index.js';
import { nodeReady } from '../../../model/nodes.js';
import type { ClusterSnapshot, Service } from '../../../model/types.js';

export interface LocalEndpoints {
  /** some endpoint anywhere can serve (ready, or serving while terminating) */
  usable: boolean;
  /** Ready nodes hosting a usable endpoint */
  local: Set<string>;
  /** usable endpoints that carry no nodeName (hand-made slices) */
  withoutNode: number;
  /** usable endpoints on nodes that are missing or not Ready */
  onUnreadyNodes: string[];
}

/** Undefined when no endpoint data is visible for the Service's namespace. */
export function localEndpoints(s: ClusterSnapshot, svc: Service): LocalEndpoints | undefined {
  const eps = endpointsOf(s, svc);
  if (!eps) return undefined;
  const ix = indexes(s);
  const usable = eps.filter((e) => epReady(e.endpoint) || (epServing(e.endpoint) && epTerminating(e.endpoint)));
  const byNode = new Map<string, boolean>();
  let withoutNode = 0;
  const unready = new Set<string>();
  for (const fe of usable) {
    const n = fe.endpoint.nodeName;
    if (!n) {
      withoutNode++;
      continue;
    }
    const node = ix.nodeByName.get(n);
    if (!node || !nodeReady(node)) {
      unready.add(n);
      continue;
    }
    byNode.set(n, true);
  }
  return { usable: usable.length > 0, local: new Set(byNode.keys()), withoutNode, onUnreadyNodes: [...unready] };
}
