// LoadBalancer checks (diagnostics.md §8).
import { nodeExcludedFromLB, nodeReady } from '../../model/nodes.js';
import type { Service } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const lbAddress = (svc: Service): boolean => (svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip || i.hostname);

/** Evidence of something that implements type LoadBalancer (Appendix A). */
function implementationHint(services: Service[], nodes: { spec?: { providerID?: string } }[], podNames: string[]): string | undefined {
  if (nodes.some((n) => (n.spec?.providerID ?? '') !== '' && !(n.spec?.providerID ?? '').startsWith('kwok'))) return 'cloud provider';
  if (podNames.some((n) => /metallb|kube-vip|svclb-|cilium|aws-load-balancer-controller/.test(n))) return 'in-cluster controller';
  if (services.some(lbAddress)) return 'another LoadBalancer got an address';
  return undefined;
}

const pending: Check = {
  ids: ['lb.pending', 'lb.no-implementation', 'lb.requested-ip-not-assigned', 'lb.port-status-error', 'lb.no-eligible-nodes', 'lb.nodeports-disabled', 'lb.source-ranges', 'lb.mixed-protocol'],
  needs: ['Service'],
  run(rc) {
    const { s } = rc;
    const out: Finding[] = [];
    const lbs = s.services.filter((svc) => svc.spec.type === 'LoadBalancer');
    const impl = implementationHint(lbs, s.nodes, s.pods.map((p) => p.metadata.name));
    for (const svc of lbs) {
      const ing = svc.status?.loadBalancer?.ingress ?? [];
      if (!lbAddress(svc)) {
        if (rc.pastGrace(svc)) {
          const cls = svc.spec.loadBalancerClass;
          const age = Math.round((rc.ageMs(svc) ?? 0) / 60_000);
          out.push(finding('lb.pending', 'error', svc, `LoadBalancer Service ${nn(svc)} has had no external address for ${age} min${cls ? ` (loadBalancerClass ${cls})` : ''}; clients outside the cluster cannot reach it.`, impl ? `check the events of the Service (kubectl describe svc -n ${svc.metadata.namespace ?? ''} ${svc.metadata.name}) and the ${cls ?? 'load-balancer'} controller's logs` : 'no load-balancer implementation is visible: install one (cloud controller manager, MetalLB, kube-vip…) or use NodePort/Ingress', { fields: ['status.loadBalancer'] }));
          if (!impl && s.visibility.Pod.state === 'visible' && s.visibility.Node.state === 'visible')
            out.push(finding('lb.no-implementation', 'warning', svc, `Nothing in the cluster looks like a LoadBalancer implementation (no cloud providerID on nodes, no MetalLB/kube-vip/ServiceLB pods), so ${nn(svc)} will stay pending.`, 'install a load-balancer implementation or use NodePort/Ingress', { fields: ['spec.type'] }));
        }
      } else {
        const want = svc.spec.loadBalancerIP;
        if (want && !ing.some((i) => i.ip === want))
          out.push(finding('lb.requested-ip-not-assigned', 'warning', svc, `Service ${nn(svc)} requested ${want} but got ${ing.map((i) => i.ip ?? i.hostname).join(', ')}; the implementation ignored or could not honour the request.`, "use the provider's documented way to request an IP and make sure it is free and in its pool", { fields: ['spec.loadBalancerIP'] }));
      }
      for (const i of ing)
        for (const p of i.ports ?? [])
          if (p.error) out.push(finding('lb.port-status-error', 'error', svc, `The load balancer reports port ${p.port} of ${nn(svc)} as failed: ${p.error}.`, "read the provider's events for that port", { fields: ['status.loadBalancer.ingress[].ports'], discriminator: String(p.port) }));
      if (s.visibility.Node.state === 'visible' && s.nodes.length > 0 && s.nodes.every((n) => nodeExcludedFromLB(n) || !nodeReady(n)) && s.nodes.some((n) => (n.spec?.providerID ?? '') !== ''))
        out.push(finding('lb.no-eligible-nodes', 'error', svc, `All nodes are excluded from external load balancers or not Ready, so the load balancer of ${nn(svc)} has no backends.`, 'remove node.kubernetes.io/exclude-from-external-load-balancers from worker nodes, or restore node readiness', { fields: ['nodes: metadata.labels'] }));
      if (svc.spec.allocateLoadBalancerNodePorts === false)
        out.push(finding('lb.nodeports-disabled', 'info', svc, `Service ${nn(svc)} has no NodePorts; only load balancers that send traffic straight to pods can serve it.`, 'set allocateLoadBalancerNodePorts: true unless the LB targets pods directly', { fields: ['spec.allocateLoadBalancerNodePorts'] }));
      const ranges = svc.spec.loadBalancerSourceRanges ?? [];
      if (ranges.length > 0)
        out.push(finding('lb.source-ranges', 'info', svc, `Only clients from ${ranges.join(', ')} may connect to ${nn(svc)}; probes from elsewhere are expected to fail.`, 'add your client CIDR if this machine should be able to connect', { fields: ['spec.loadBalancerSourceRanges'] }));
      if (new Set((svc.spec.ports ?? []).map((p) => p.protocol ?? 'TCP')).size > 1)
        out.push(finding('lb.mixed-protocol', 'info', svc, `Service ${nn(svc)} mixes protocols on one load balancer; Kubernetes allows it but some providers reject it.`, 'split into one Service per protocol if the provider rejects it', { fields: ['spec.ports'] }));
    }
    return out;
  },
};

export const loadBalancerChecks: Check[] = [pending];
