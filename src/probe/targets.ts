// What to probe (pure): node ports on Ready nodes with the §11.2 expectation, health-check node
// ports (§11.6), UDP/SCTP ports that cannot be probed, and the Ingress probes (ingress-targets.ts).
import { endpointsOf, epReady, epServing, epTerminating, slicePortFor, type FlatEndpoint } from '../model/endpoints.js';
import type { ExposureGraph } from '../model/graph-types.js';
import { nodePortCidrs, servesNodePortsOn } from '../model/kube-proxy.js';
import { nodeDialAddress, nodeReady } from '../model/nodes.js';
import { refKey, refOf, type ClusterSnapshot, type Node, type ObjectRef, type Service, type ServicePort } from '../model/types.js';
import { ingressTargets } from './ingress-targets.js';
import type { Expectation, ProbeTarget } from './types.js';

export interface Selection {
  service?: ObjectRef;
  ingress?: ObjectRef;
}

/** Only what the Ingress probes read of the graph (buildGraph's output satisfies it). */
export type ProbeGraph = Pick<ExposureGraph, 'ingresses'>;

/** Ready nodes and the address a client dials (ExternalIP, then InternalIP), where kube-proxy serves node ports. */
export function dialableNodes(s: ClusterSnapshot): { node: Node; address: string }[] {
  const cidrs = nodePortCidrs(s);
  const out: { node: Node; address: string }[] = [];
  for (const node of s.nodes) {
    const address = nodeDialAddress(node);
    // kube-proxy refuses node ports outside nodePortAddresses: nothing to learn there
    if (nodeReady(node) && address && servesNodePortsOn(cidrs, address)) out.push({ node, address });
  }
  return out;
}

/** Node ports exist: NodePort, or LoadBalancer unless allocateLoadBalancerNodePorts is false. */
function hasNodePorts(svc: Service): boolean {
  return svc.spec.type === 'NodePort' || (svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
}

/**
 * kube-proxy uses ready endpoints and falls back to serving-terminating ones when there are
 * none (virtual-ips.md), per Service port; under eTP Local only those on the node itself count.
 */
function usable(eps: FlatEndpoint[]): FlatEndpoint[] {
  const ready = eps.filter((e) => epReady(e.endpoint));
  return ready.length > 0 ? ready : eps.filter((e) => epServing(e.endpoint) && epTerminating(e.endpoint));
}

function expectation(eps: FlatEndpoint[] | undefined, sp: ServicePort, local: boolean, node: string): Expectation {
  if (!eps) return 'unknown';
  const forPort = eps.filter((e) => slicePortFor(sp, e.ports) !== undefined);
  if (usable(forPort).length === 0) return 'refused';
  if (!local) return 'open';
  return usable(forPort.filter((e) => e.endpoint.nodeName === node)).length > 0 ? 'open' : 'dropped';
}

function serviceTargets(s: ClusterSnapshot, svc: Service, nodes: { node: Node; address: string }[]): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  const object = refOf(svc);
  const eps = endpointsOf(s, svc);
  const local = svc.spec.externalTrafficPolicy === 'Local';
  const ports = svc.spec.ports ?? [];
  ports.forEach((sp, portIndex) => {
    if (!sp.nodePort) return;
    const protocol = sp.protocol ?? 'TCP';
    if (protocol !== 'TCP') {
      out.push({ kind: 'unprobeable', object, host: '', port: sp.nodePort, protocol, servicePort: sp.port, portIndex });
      return;
    }
    for (const { node, address } of nodes)
      out.push({ kind: 'nodeport-tcp', object, host: address, port: sp.nodePort, node: node.metadata.name, portIndex, expect: expectation(eps, sp, local, node.metadata.name) });
  });
  const hc = svc.spec.healthCheckNodePort;
  if (svc.spec.type === 'LoadBalancer' && local && hc) {
    // the health check counts ready local endpoints only: terminating ones make it fail so LBs drain
    const ready = eps?.filter((e) => epReady(e.endpoint));
    for (const { node, address } of nodes) {
      // one pod is one endpoint even when dual-stack slices list it twice
      const n = ready ? new Set(ready.filter((e) => e.endpoint.nodeName === node.metadata.name).map((e) => e.endpoint.targetRef?.name ?? e.endpoint.addresses[0] ?? '')).size : undefined;
      out.push({ kind: 'healthcheck-nodeport', object, host: address, port: hc, node: node.metadata.name, ...(n !== undefined ? { localEndpoints: n } : {}) });
    }
  }
  return out;
}

/**
 * Every probe the snapshot calls for, or only those of the selected Service / Ingress.
 * Depends on the snapshot, plus graph.ingresses for the Ingress probes.
 */
export function probeTargets(s: ClusterSnapshot, g: ProbeGraph, select: Selection = {}): ProbeTarget[] {
  const any = !select.service && !select.ingress;
  const svcKey = select.service ? refKey(select.service) : undefined;
  const ingKey = select.ingress ? refKey(select.ingress) : undefined;
  const nodes = dialableNodes(s);
  const out: ProbeTarget[] = [];
  for (const svc of s.services) if (hasNodePorts(svc) && (any || refKey(refOf(svc)) === svcKey)) out.push(...serviceTargets(s, svc, nodes));
  for (const iv of g.ingresses) if (any || iv.key === ingKey) out.push(...ingressTargets(s, iv, nodes));
  return out;
}
