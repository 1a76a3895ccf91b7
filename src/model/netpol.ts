// H8: Kubernetes NetworkPolicy semantics for ingress to a pod. Results are phrased as
// "no NetworkPolicy allows …": CNIs, AdminNetworkPolicy and CNI CRDs are out of view.
import { indexes } from './index.js';
import { selectorMatches } from './labels.js';
import { protocolOf } from './pods.js';
import type { ClusterSnapshot, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod } from './types.js';

export function policyTypes(np: NetworkPolicy): string[] {
  if (np.spec.policyTypes && np.spec.policyTypes.length > 0) return np.spec.policyTypes;
  return (np.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Policies that select the pod for ingress (same namespace, podSelector matches, Ingress type). */
export function ingressPoliciesFor(s: ClusterSnapshot, pod: Pod): NetworkPolicy[] {
  return s.networkPolicies.filter(
    (np) => np.metadata.namespace === pod.metadata.namespace && policyTypes(np).includes('Ingress') && selectorMatches(np.spec.podSelector, pod.metadata.labels),
  );
}

export function isIsolated(s: ClusterSnapshot, pod: Pod): boolean {
  return ingressPoliciesFor(s, pod).length > 0;
}

/** A policy port matches the pod's destination port (resolved targetPort, never the Service port). */
export function portMatches(pp: NetworkPolicyPort, pod: Pod, port: number, protocol: string): boolean {
  if (protocolOf(pp) !== protocol) return false;
  if (pp.port === undefined) return true;
  if (typeof pp.port === 'number') return pp.endPort !== undefined ? port >= pp.port && port <= pp.endPort : port === pp.port;
  if (/^\d+$/.test(pp.port)) return Number(pp.port) === port;
  // named port: a container port of the destination pod with that name and protocol
  return pod.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === pp.port && cp.containerPort === port && protocolOf(cp) === protocol));
}

export type PeerSource = { kind: 'pod'; pod: Pod } | { kind: 'ip'; ip: string };

function ipToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return m.slice(1).reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsS] = cidr.split('/');
  const b = ipToInt(base ?? '');
  const i = ipToInt(ip);
  if (b === undefined || i === undefined) return false;
  const bits = Number(bitsS ?? '32');
  if (bits === 0) return true;
  const mask = bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  return ((b & mask) >>> 0) === ((i & mask) >>> 0);
}

function peerMatches(s: ClusterSnapshot, np: NetworkPolicy, peer: NetworkPolicyPeer, src: PeerSource): boolean | undefined {
  if (peer.ipBlock) {
    if (src.kind !== 'ip') return false;
    return cidrContains(peer.ipBlock.cidr, src.ip) && !(peer.ipBlock.except ?? []).some((e) => cidrContains(e, src.ip));
  }
  if (src.kind !== 'pod') return false;
  const q = src.pod;
  if (peer.namespaceSelector) {
    const ns = indexes(s).namespaceByName.get(q.metadata.namespace ?? '');
    // namespace labels: the automatic kubernetes.io/metadata.name label is always there
    const nsLabels = { 'kubernetes.io/metadata.name': q.metadata.namespace ?? '', ...(ns?.metadata.labels ?? {}) };
    if (!ns && s.visibility.Namespace.state !== 'visible' && Object.keys(peer.namespaceSelector.matchLabels ?? {}).some((k) => k !== 'kubernetes.io/metadata.name')) return undefined;
    if (!selectorMatches(peer.namespaceSelector, nsLabels)) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, q.metadata.labels) : true;
  }
  if (peer.podSelector) return q.metadata.namespace === np.metadata.namespace && selectorMatches(peer.podSelector, q.metadata.labels);
  return false;
}

/**
 * Does some NetworkPolicy allow src to reach pod on port/protocol? true when the pod is not
 * isolated. undefined when the answer depends on data that is not visible.
 */
export function allows(s: ClusterSnapshot, pod: Pod, src: PeerSource, port: number, protocol: string): boolean | undefined {
  const policies = ingressPoliciesFor(s, pod);
  if (policies.length === 0) return true;
  let unknown = false;
  for (const np of policies)
    for (const rule of np.spec.ingress ?? []) {
      const portOk = (rule.ports ?? []).length === 0 || (rule.ports ?? []).some((pp) => portMatches(pp, pod, port, protocol));
      if (!portOk) continue;
      const from = rule.from ?? [];
      if (from.length === 0) return true;
      for (const peer of from) {
        const m = peerMatches(s, np, peer, src);
        if (m === true) return true;
        if (m === undefined) unknown = true;
      }
    }
  return unknown ? undefined : false;
}

/** Some rule of a policy selecting the pod opens this port (to anyone). */
export function anyRuleOpensPort(s: ClusterSnapshot, pod: Pod, port: number, protocol: string): boolean {
  return ingressPoliciesFor(s, pod).some((np) => (np.spec.ingress ?? []).some((r) => (r.ports ?? []).length === 0 || (r.ports ?? []).some((pp) => portMatches(pp, pod, port, protocol))));
}
