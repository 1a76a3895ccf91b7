// LoadBalancer checks (diagnostics.md §8). The LB address is written asynchronously by a
// controller: it is only judged after the grace period (creationTimestamp known).
import type { K8sObject, Service } from '../../model/types.js';
import { duration, finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';
import { cloudProvider, hasLbAddress, lbFailureEvent, lbImplementation, lbIpRival, noEligibleNodes, podTargeted, requestedIPs, svclbBlocked } from './support2/lb.js';

const lbServices = (rc: RunContext): Service[] => rc.s.services.filter((x) => x.spec.type === 'LoadBalancer');
const pendingPastGrace = (rc: RunContext, svc: Service): boolean => !hasLbAddress(svc) && rc.pastGrace(svc);

/** The hint for lb.pending, sub-rules in the catalog's order; related objects explain it. */
function pendingHint(rc: RunContext, svc: Service): { hint: string; related: K8sObject[] } {
  const { s } = rc;
  const cls = svc.spec.loadBalancerClass;
  if (cls) return { hint: `spec.loadBalancerClass is '${cls}': the default cloud controller ignores this Service; make sure the '${cls}' implementation runs (the field is immutable)`, related: [] };
  const ev = lbFailureEvent(s, svc);
  if (ev) return { hint: `${ev.reason ?? 'Warning'}: ${ev.message ?? ''}`, related: [] };
  if (s.visibility.Node.state === 'visible' && cloudProvider(s) && !podTargeted(svc) && noEligibleNodes(s)) return { hint: 'every node is excluded from external load balancers or not Ready (see lb.no-eligible-nodes)', related: [] };
  const svclb = svclbBlocked(s, svc);
  if (svclb) return { hint: `k3s ServiceLB pod ${svclb.metadata.name} cannot be scheduled: another pod already uses the host port`, related: [svclb] };
  if (lbImplementation(s) === false) return { hint: 'no load-balancer implementation was detected: install MetalLB, kube-vip or Cilium LB-IPAM, or use NodePort/Ingress', related: [] };
  const rival = lbIpRival(s, svc);
  if (rival) return { hint: `Service ${nn(rival.other)} requests the same IP ${rival.ip}`, related: [rival.other] };
  return { hint: `read the Service events (kubectl describe svc -n ${svc.metadata.namespace ?? ''} ${svc.metadata.name}) and the load-balancer controller's logs`, related: [] };
}

const pending: Check = {
  ids: ['lb.pending'],
  needs: ['Service'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of lbServices(rc)) {
      if (!pendingPastGrace(rc, svc)) continue;
      const { hint, related } = pendingHint(rc, svc);
      out.push(finding('lb.pending', 'error', svc, `LoadBalancer Service ${nn(svc)} has been waiting for an external address for ${duration(rc.ageMs(svc) ?? 0)}; nothing has provisioned a load balancer.`, hint, { fields: ['status.loadBalancer.ingress'], related }));
    }
    return out;
  },
};

const noImplementation: Check = {
  ids: ['lb.no-implementation'],
  needs: ['Service', 'Pod', 'Node'],
  run(rc) {
    // heuristic (some clouds set no providerID): warning, never error
    if (lbImplementation(rc.s) !== false) return [];
    return lbServices(rc)
      .filter((svc) => !hasLbAddress(svc))
      .map((svc) => finding('lb.no-implementation', 'warning', svc, `No load-balancer implementation was detected (no cloud provider on the nodes, no MetalLB, kube-vip, k3s ServiceLB or Cilium pods), so LoadBalancer Service ${nn(svc)} stays <pending>.`, 'install MetalLB, kube-vip or Cilium LB-IPAM, or expose the Service via NodePort or an Ingress', { fields: ['spec.type'] }));
  },
};

const noEligible: Check = {
  ids: ['lb.no-eligible-nodes'],
  needs: ['Service', 'Node'],
  run(rc) {
    const { s } = rc;
    if (!cloudProvider(s) || !noEligibleNodes(s)) return [];
    return lbServices(rc)
      .filter((svc) => !podTargeted(svc))
      .map((svc) => finding('lb.no-eligible-nodes', 'error', svc, `All ${s.nodes.length} nodes are labelled node.kubernetes.io/exclude-from-external-load-balancers or not Ready, so the load balancer of Service ${nn(svc)} has no backends.`, 'remove the exclude-from-external-load-balancers label from worker nodes, or restore node readiness', { fields: ['spec.type'], related: s.nodes.slice(0, 5) }));
  },
};

const serviceFacts: Check = {
  ids: ['lb.requested-ip-not-assigned', 'lb.port-status-error', 'lb.nodeports-disabled', 'lb.source-ranges', 'lb.mixed-protocol'],
  needs: ['Service'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of lbServices(rc)) {
      const ing = svc.status?.loadBalancer?.ingress ?? [];
      const got = ing.map((i) => i.ip ?? i.hostname ?? '').filter((x) => x !== '');
      // judged once assigned, or when still pending after the grace period
      if (got.length > 0 || pendingPastGrace(rc, svc))
        for (const r of requestedIPs(svc))
          if (!got.includes(r.ip))
            out.push(finding('lb.requested-ip-not-assigned', 'warning', svc, `Service ${nn(svc)} requested ${r.ip} (${r.field}) but got ${got.length > 0 ? got.join(', ') : 'nothing'}; the implementation ignored or could not honour the request.`, "use the provider's documented way to request an IP, and make sure the IP is in its pool and unused", { fields: [r.field], discriminator: r.ip }));
      ing.forEach((i, ii) =>
        (i.ports ?? []).forEach((p, pi) => {
          if (p.error) out.push(finding('lb.port-status-error', 'error', svc, `The load balancer reports port ${p.port}/${p.protocol ?? 'TCP'} of Service ${nn(svc)} as failed: ${p.error}.`, "read the provider's events for that port", { fields: [`status.loadBalancer.ingress[${ii}].ports[${pi}].error`], discriminator: `${i.ip ?? i.hostname ?? ''}|${p.port}` }));
        }),
      );
      if (svc.spec.allocateLoadBalancerNodePorts === false) {
        // node ports are not de-allocated automatically when the field is flipped
        const stale = (svc.spec.ports ?? []).some((p) => p.nodePort);
        const needsNodePorts = pendingPastGrace(rc, svc) && cloudProvider(rc.s) && !podTargeted(svc);
        out.push(finding('lb.nodeports-disabled', stale || needsNodePorts ? 'warning' : 'info', svc, `Service ${nn(svc)} has allocateLoadBalancerNodePorts: false${stale ? ', yet node ports are still set (they are not de-allocated automatically)' : needsNodePorts ? ' and is still pending on a cloud whose load balancers target node ports' : ''}; only load balancers that send traffic straight to pods can serve it.`, 'set allocateLoadBalancerNodePorts: true unless the load balancer targets pods directly', { fields: ['spec.allocateLoadBalancerNodePorts'] }));
      }
      const ann = svc.metadata.annotations?.['service.beta.kubernetes.io/load-balancer-source-ranges'];
      const ranges = [...(svc.spec.loadBalancerSourceRanges ?? []), ...(ann ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')];
      if (ranges.length > 0)
        out.push(finding('lb.source-ranges', 'info', svc, `Only clients from ${ranges.join(', ')} may connect to Service ${nn(svc)}; probes from elsewhere are expected to fail.`, 'add your client CIDR if this machine should be able to connect', { fields: [(svc.spec.loadBalancerSourceRanges ?? []).length > 0 ? 'spec.loadBalancerSourceRanges' : 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]'] }));
      const protos = [...new Set((svc.spec.ports ?? []).map((p) => p.protocol ?? 'TCP'))];
      if (protos.length > 1)
        out.push(finding('lb.mixed-protocol', 'info', svc, `Service ${nn(svc)} mixes ${protos.join(' and ')} on one load balancer; Kubernetes allows it (MixedProtocolLBService, GA 1.26) but some providers reject it.`, 'split into one Service per protocol if the provider rejects it', { fields: ['spec.ports'] }));
    }
    return out;
  },
};

export const loadBalancerChecks: Check[] = [pending, noImplementation, noEligible, serviceFacts];
