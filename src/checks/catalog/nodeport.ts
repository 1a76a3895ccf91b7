// NodePort and externalIPs reachability (diagnostics.md §7): which nodes can answer.
// H10: only kube-proxy-handled shapes (not headless, not ExternalName) are judged.
import { appliesTo, isExternallyExposed, usesNodePorts } from '../../model/exposure.js';
import { nodeAddress, nodeReady } from '../../model/nodes.js';
import type { Service, ServicePort } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { localEndpoints } from './support2/local-endpoints.js';

/** Service ports with an allocated node port, with their index for JSON paths. */
function nodePorts(svc: Service): { p: ServicePort; i: number }[] {
  if (!usesNodePorts(svc) || !appliesTo(svc).proxyChecks) return [];
  return (svc.spec.ports ?? []).map((p, i) => ({ p, i })).filter((x) => (x.p.nodePort ?? 0) > 0);
}

const list = (xs: string[], max = 5): string => `${xs.slice(0, max).join(', ')}${xs.length > max ? ` and ${xs.length - max} more` : ''}`;

const noReadyNodes: Check = {
  ids: ['nodeport.no-ready-nodes'],
  needs: ['Service', 'Node'],
  run({ s }) {
    if (s.nodes.some(nodeReady)) return [];
    const out: Finding[] = [];
    for (const svc of s.services) {
      const np = nodePorts(svc);
      if (np.length === 0) continue;
      out.push(
        finding('nodeport.no-ready-nodes', 'error', svc, `No node is Ready (${s.nodes.length} nodes), so NodePort ${np.map((x) => x.p.nodePort).join(', ')} of Service ${nn(svc)} cannot answer anywhere.`, 'restore node health (kubelet, CNI, network): kubectl get nodes', {
          fields: np.map((x) => `spec.ports[${x.i}].nodePort`),
          related: s.nodes.slice(0, 5),
        }),
      );
    }
    return out;
  },
};

const etpLocal: Check = {
  ids: ['nodeport.etp-local-no-endpoints', 'nodeport.etp-local-partial'],
  needs: ['Service', 'Node'],
  // selectorless Services may be fed by hand-made slices that no Endpoints object mirrors
  alsoReads: { 'nodeport.etp-local-no-endpoints': ['EndpointSlice'], 'nodeport.etp-local-partial': ['EndpointSlice'] },
  needsOneOf: ['EndpointSlice', 'Endpoints'],
  run({ s }) {
    const out: Finding[] = [];
    const readyNodes = s.nodes.filter(nodeReady).map((n) => n.metadata.name);
    if (readyNodes.length === 0) return out; // nodeport.no-ready-nodes says it
    for (const svc of s.services) {
      if (svc.spec.externalTrafficPolicy !== 'Local' || !appliesTo(svc).proxyChecks || !isExternallyExposed(svc)) continue;
      const le = localEndpoints(s, svc);
      // no usable endpoint at all: eps.no-ready / eps.only-terminating is the cause
      if (!le || !le.usable) continue;
      const np = nodePorts(svc).map((x) => x.p.nodePort);
      const entry = np.length > 0 ? `NodePort ${np.join(', ')}` : svc.spec.type === 'LoadBalancer' ? 'the load balancer' : `externalIPs ${(svc.spec.externalIPs ?? []).join(', ')}`;
      if (le.local.size === 0) {
        const why =
          le.withoutNode > 0 && le.onUnreadyNodes.length === 0
            ? 'its endpoints carry no nodeName (hand-made EndpointSlice), so kube-proxy finds no local endpoint on any node'
            : `its ready backends run only on nodes that are not Ready (${list(le.onUnreadyNodes)})`;
        out.push(
          finding('nodeport.etp-local-no-endpoints', 'error', svc, `Service ${nn(svc)} has externalTrafficPolicy: Local, but no Ready node hosts a local endpoint: ${why}. Every external connection to ${entry} is dropped.`, le.withoutNode > 0 ? 'set spec.externalTrafficPolicy: Cluster for external or manual endpoints' : 'get the backends onto Ready nodes, or set spec.externalTrafficPolicy: Cluster', {
            fields: ['spec.externalTrafficPolicy'],
            related: le.onUnreadyNodes.slice(0, 5).map((name) => ({ kind: 'Node', name })),
          }),
        );
        continue;
      }
      const missing = readyNodes.filter((n) => !le.local.has(n));
      if (missing.length === 0 || (np.length === 0 && svc.spec.type === 'LoadBalancer')) continue;
      const lb = svc.spec.type === 'LoadBalancer';
      out.push(
        finding('nodeport.etp-local-partial', lb ? 'info' : 'warning', svc, `externalTrafficPolicy: Local: ${entry} of Service ${nn(svc)} answers only on ${list([...le.local])}; connections via ${list(missing)} time out.`, lb ? 'expected: the cloud load balancer health-checks healthCheckNodePort and skips those nodes; direct NodePort clients must pick the listed nodes' : 'point clients at the listed nodes, run the backend on every node (DaemonSet), or set externalTrafficPolicy: Cluster (loses the client IP)', {
          fields: ['spec.externalTrafficPolicy'],
        }),
      );
    }
    return out;
  },
};

const noExternalAddress: Check = {
  ids: ['nodeport.no-external-address'],
  needs: ['Service', 'Node'],
  run({ s }) {
    const ready = s.nodes.filter(nodeReady);
    // on-prem InternalIPs are often routable: this stays an info
    if (ready.length === 0 || ready.some((n) => nodeAddress(n, 'ExternalIP'))) return [];
    const internal = ready.map((n) => nodeAddress(n, 'InternalIP')).filter((a): a is string => a !== undefined);
    const out: Finding[] = [];
    // only plain NodePort Services: a LoadBalancer's entry point is its LB address
    for (const svc of s.services) {
      if (svc.spec.type !== 'NodePort') continue;
      const np = nodePorts(svc);
      if (np.length === 0) continue;
      out.push(finding('nodeport.no-external-address', 'info', svc, `Nodes only have internal addresses (${list(internal, 3)}); NodePort ${np.map((x) => x.p.nodePort).join(', ')} of Service ${nn(svc)} is reachable only from networks that route to them.`, 'use a LoadBalancer or an Ingress for clients outside the node network, or make node addresses routable', { fields: ['spec.type'] }));
    }
    return out;
  },
};

const portFacts: Check = {
  ids: ['nodeport.out-of-default-range', 'nodeport.unprobeable-protocol'],
  needs: ['Service'],
  run({ s }) {
    const out: Finding[] = [];
    for (const svc of s.services) {
      for (const { p, i } of nodePorts(svc)) {
        const n = p.nodePort ?? 0;
        if (n < 30000 || n > 32767)
          out.push(finding('nodeport.out-of-default-range', 'info', svc, `NodePort ${n} of Service ${nn(svc)} is outside the default range 30000-32767; the cluster uses a custom --service-node-port-range.`, 'make sure firewalls and security groups open that range', { fields: [`spec.ports[${i}].nodePort`], discriminator: String(n) }));
      }
      if (!isExternallyExposed(svc) || !appliesTo(svc).proxyChecks) continue;
      for (const [i, p] of (svc.spec.ports ?? []).entries()) {
        const proto = p.protocol ?? 'TCP';
        if (proto !== 'UDP' && proto !== 'SCTP') continue;
        out.push(finding('nodeport.unprobeable-protocol', 'info', svc, `Port ${p.nodePort ?? p.port}/${proto} of Service ${nn(svc)} cannot be verified with a TCP probe; its reachability is unknown.`, `test it with a client that speaks ${proto} (e.g. dig @<node> -p ${p.nodePort ?? p.port})`, { fields: [`spec.ports[${i}].protocol`], discriminator: `${p.port}/${proto}` }));
      }
    }
    return out;
  },
};

export const nodePortChecks: Check[] = [noReadyNodes, etpLocal, noExternalAddress, portFacts];
