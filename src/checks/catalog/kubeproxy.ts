// nodeport.address-filter (§7): kube-proxy serves node ports only on addresses inside nodePortAddresses.
import { nodePortCidrs, servesNodePortsOn } from '../../model/kube-proxy.js';
import { nodeDialAddress } from '../../model/nodes.js';
import { finding, type Check } from '../check.js';
import type { Finding } from '../types.js';

const addressFilter: Check = {
  ids: ['nodeport.address-filter'],
  needs: ['ConfigMap', 'Node', 'Service'],
  run(rc) {
    const { s } = rc;
    const cidrs = nodePortCidrs(s);
    const cm = s.configMaps.find((c) => c.metadata.name === 'kube-proxy');
    if (!cidrs || !cm || !s.services.some((x) => (x.spec.ports ?? []).some((p) => p.nodePort))) return [];
    const outside = s.nodes.map((n) => ({ n, a: nodeDialAddress(n) })).filter((x) => x.a && !servesNodePortsOn(cidrs, x.a));
    const out: Finding[] = [];
    if (outside.length > 0)
      out.push(finding('nodeport.address-filter', 'info', cm, `kube-proxy only serves NodePorts on ${cidrs.join(', ')}; ${outside.slice(0, 5).map((x) => `${x.n.metadata.name} (${x.a ?? ''})`).join(', ')}${outside.length > 5 ? ` and ${outside.length - 5} more` : ''} will refuse node-port connections.`, 'use node addresses inside nodePortAddresses for NodePort clients (probes do so already)', { fields: ['data["config.conf"].nodePortAddresses'] }));
    return out;
  },
};

export const kubeProxyChecks: Check[] = [addressFilter];
