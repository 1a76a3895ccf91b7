// NodePort checks (diagnostics.md §7): which nodes can answer on a node port.
import { endpointsOf, epReady } from '../../model/endpoints.js';
import { isExternallyExposed, usesNodePorts } from '../../model/exposure.js';
import { nodeAddress, nodeReady } from '../../model/nodes.js';
import { isVisible } from '../../model/snapshot.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const reachability: Check = {
  ids: ['nodeport.no-ready-nodes', 'nodeport.etp-local-no-endpoints', 'nodeport.etp-local-partial', 'nodeport.no-external-address', 'nodeport.out-of-default-range', 'nodeport.unprobeable-protocol'],
  needs: ['Service', 'Node'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const ready = s.nodes.filter((n) => nodeReady(n) && !n.spec?.unschedulable);
    const readyNames = new Set(s.nodes.filter(nodeReady).map((n) => n.metadata.name));
    for (const svc of s.services) {
      if (!usesNodePorts(svc)) continue;
      const ports = (svc.spec.ports ?? []).filter((p) => p.nodePort);
      if (ports.length === 0) continue;
      const np = ports.map((p) => p.nodePort).join(', ');
      if (s.nodes.filter(nodeReady).length === 0) {
        out.push(finding('nodeport.no-ready-nodes', 'error', svc, `NodePort ${np} of Service ${nn(svc)} cannot answer anywhere: no node is Ready (${s.nodes.length} nodes).`, 'restore node readiness (kubelet, network); kubectl get nodes', { fields: ['spec.ports[].nodePort'], related: s.nodes.slice(0, 5) }));
        continue;
      }
      if (svc.spec.externalTrafficPolicy === 'Local' && isVisible(s, 'EndpointSlice', svc.metadata.namespace)) {
        const eps = endpointsOf(s, svc) ?? [];
        // kube-proxy answers only on nodes that run a ready local endpoint
        const local = new Set(eps.filter((e) => epReady(e.endpoint) && e.endpoint.nodeName && readyNames.has(e.endpoint.nodeName)).map((e) => e.endpoint.nodeName ?? ''));
        const hasEndpoints = eps.length > 0;
        if (local.size === 0 && hasEndpoints)
          out.push(finding('nodeport.etp-local-no-endpoints', 'error', svc, `externalTrafficPolicy: Local, and no Ready node runs a ready backend of ${nn(svc)}: NodePort ${np} times out on every node.`, 'make the backends ready on Ready nodes, or set externalTrafficPolicy: Cluster', { fields: ['spec.externalTrafficPolicy'] }));
        else if (local.size > 0 && local.size < ready.length) {
          const missing = ready.filter((n) => !local.has(n.metadata.name)).map((n) => n.metadata.name);
          out.push(finding('nodeport.etp-local-partial', svc.spec.type === 'LoadBalancer' ? 'info' : 'warning', svc, `externalTrafficPolicy: Local: NodePort ${np} of ${nn(svc)} answers only on ${[...local].join(', ')}; it times out on ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}.`, svc.spec.type === 'LoadBalancer' ? 'expected: the load balancer health-checks nodes; clients using node ports directly must pick the right nodes' : 'spread backends over the nodes (DaemonSet) or set externalTrafficPolicy: Cluster', { fields: ['spec.externalTrafficPolicy'] }));
        }
      }
      if (s.nodes.length > 0 && !s.nodes.some((n) => nodeAddress(n, 'ExternalIP')) && svc.spec.type === 'NodePort')
        out.push(finding('nodeport.no-external-address', 'info', svc, `No node has an ExternalIP, so NodePort ${np} of ${nn(svc)} is reachable only from networks that route to the nodes' InternalIPs.`, 'use a LoadBalancer or an Ingress for clients outside the node network', { fields: ['spec.type'] }));
      for (const p of ports) {
        if ((p.nodePort ?? 0) < 30000 || (p.nodePort ?? 0) > 32767)
          out.push(finding('nodeport.out-of-default-range', 'info', svc, `NodePort ${p.nodePort ?? ''} of ${nn(svc)} is outside the default range 30000-32767 (the apiserver uses a custom --service-node-port-range).`, 'make sure firewalls open that range', { fields: ['spec.ports[].nodePort'], discriminator: String(p.nodePort) }));
        if ((p.protocol ?? 'TCP') !== 'TCP' && isExternallyExposed(svc))
          out.push(finding('nodeport.unprobeable-protocol', 'info', svc, `NodePort ${p.nodePort ?? ''}/${p.protocol ?? ''} of ${nn(svc)} cannot be probed (only TCP is).`, 'test it with a client of that protocol', { discriminator: String(p.nodePort) }));
      }
    }
    return out;
  },
};

export const nodePortChecks: Check[] = [reachability];
