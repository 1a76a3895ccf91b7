// H9 (every address a client could use) and H10 (which check families apply to a Service shape).
import type { ExposureAddress, ServiceGroup } from './graph-types.js';
import { nodeDialAddress, nodeReady } from './nodes.js';
import type { ClusterSnapshot, Service } from './types.js';

export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

export function hasSelector(svc: Service): boolean {
  return Object.keys(svc.spec.selector ?? {}).length > 0;
}

export function serviceGroup(svc: Service): ServiceGroup {
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ExternalName':
      return 'ExternalName';
    case 'NodePort':
      return 'NodePort';
    case 'LoadBalancer':
      return 'LoadBalancer';
    case 'ClusterIP':
      return isHeadless(svc) ? 'Headless' : 'ClusterIP';
  }
}

/** NodePort or LoadBalancer with allocated node ports. */
export function usesNodePorts(svc: Service): boolean {
  const t = svc.spec.type;
  if (t === 'NodePort') return true;
  if (t === 'LoadBalancer') return svc.spec.allocateLoadBalancerNodePorts !== false || (svc.spec.ports ?? []).some((p) => p.nodePort);
  return false;
}

export function isExternallyExposed(svc: Service): boolean {
  return svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer' || (svc.spec.externalIPs ?? []).length > 0;
}

const NODE_PORT_SAMPLE = 5;

/** H9: addresses in the order a user thinks of them: cluster IP, LB, external IPs, node ports. */
export function exposureAddresses(s: ClusterSnapshot, svc: Service): ExposureAddress[] {
  const out: ExposureAddress[] = [];
  const ports = svc.spec.ports ?? [];
  if (svc.spec.type === 'ExternalName') {
    out.push({ kind: 'externalName', host: svc.spec.externalName ?? '' });
    return out;
  }
  const cips = svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : []);
  for (const ip of cips) if (ip !== 'None') for (const p of ports) out.push({ kind: 'clusterIP', host: ip, port: p.port, protocol: p.protocol ?? 'TCP' });
  if (svc.spec.type === 'LoadBalancer') {
    const ing = svc.status?.loadBalancer?.ingress ?? [];
    if (ing.length === 0) out.push({ kind: 'loadBalancer', host: '', pending: true });
    for (const i of ing) for (const p of ports) out.push({ kind: 'loadBalancer', host: i.ip ?? i.hostname ?? '', port: p.port, protocol: p.protocol ?? 'TCP' });
  }
  for (const ip of svc.spec.externalIPs ?? []) for (const p of ports) out.push({ kind: 'externalIP', host: ip, port: p.port, protocol: p.protocol ?? 'TCP' });
  if (usesNodePorts(svc)) {
    // Every node answers on a node port: list a few (Ready first) and count the rest, so
    // 5,000 nodes × 1,000 NodePort Services do not become 5 million addresses.
    const dialable = s.nodes.filter((n) => nodeDialAddress(n) !== undefined);
    const ordered = [...dialable.filter(nodeReady), ...dialable.filter((n) => !nodeReady(n))];
    const shown = ordered.slice(0, NODE_PORT_SAMPLE);
    for (const p of ports) {
      if (!p.nodePort) continue;
      shown.forEach((n, i) => {
        const a: ExposureAddress = { kind: 'nodePort', host: nodeDialAddress(n) ?? '', port: p.nodePort, protocol: p.protocol ?? 'TCP', node: n.metadata.name, nodeReady: nodeReady(n) };
        if (i === shown.length - 1 && ordered.length > shown.length) a.moreNodes = ordered.length - shown.length;
        out.push(a);
      });
    }
  }
  return out;
}

/** H10: the check families that apply to this Service's shape. */
export function appliesTo(svc: Service): { selectorChecks: boolean; endpointChecks: boolean; proxyChecks: boolean; selectorless: boolean } {
  const ext = svc.spec.type === 'ExternalName';
  const sel = hasSelector(svc);
  return {
    selectorChecks: !ext && sel,
    endpointChecks: !ext && sel,
    proxyChecks: !ext && !isHeadless(svc),
    selectorless: !ext && !sel,
  };
}
