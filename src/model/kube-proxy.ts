// kube-proxy's nodePortAddresses (KubeProxyConfiguration in kube-system/kube-proxy, kubeadm
// layout): node ports answer only on node addresses inside those CIDRs.
import { parse } from 'yaml';
import { cidrContains } from './netpol.js';
import type { ClusterSnapshot } from './types.js';

/** CIDRs, or undefined when unrestricted / unknown ("primary" means the node's primary IPs). */
export function nodePortCidrs(s: ClusterSnapshot): string[] | undefined {
  const cm = s.configMaps.find((c) => c.metadata.namespace === 'kube-system' && c.metadata.name === 'kube-proxy');
  const conf = cm?.data?.['config.conf'];
  if (!conf) return undefined;
  try {
    const doc = parse(conf) as { nodePortAddresses?: unknown } | null;
    const list = Array.isArray(doc?.nodePortAddresses) ? doc.nodePortAddresses.filter((x): x is string => typeof x === 'string') : [];
    const cidrs = list.filter((x) => x.includes('/') && !x.includes(':'));
    return cidrs.length > 0 ? cidrs : undefined;
  } catch {
    return undefined;
  }
}

export function servesNodePortsOn(cidrs: string[] | undefined, address: string): boolean {
  return cidrs === undefined || cidrs.some((c) => cidrContains(c, address));
}
