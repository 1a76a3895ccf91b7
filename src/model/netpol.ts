// H8: Kubernetes NetworkPolicy semantics for ingress to a pod. Results are phrased as
// "no NetworkPolicy allows …": CNIs, AdminNetworkPolicy and CNI CRDs are out of view.
import { indexes } from './index.js';
import { selectorMatches } from './labels.js';
import { protocolOf } from './pods.js';
import type { ClusterSnapshot, LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod } from './types.js';

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

/**
 * Where a connection comes from: a pod (its pod IPs), or an address (a hostNetwork pod's node).
 * `alt` holds the node's other addresses (dual-stack): the one used depends on the destination family.
 */
export type PeerSource = { kind: 'pod'; pod: Pod } | { kind: 'ip'; ip: string; alt?: string[] };

export interface ParsedIp {
  family: 4 | 6;
  value: bigint;
}

function parseIpv4(ip: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n);
}

function parseIpv6(ip: string): bigint | undefined {
  const addr = ip.replace(/%[^%]+$/, ''); // zone (fe80::1%eth0)
  if (!/^[0-9a-fA-F:.]+$/.test(addr)) return undefined;
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string | undefined): string[] | undefined => (h === undefined || h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const words: number[] = [];
  const push = (parts: string[], last: boolean): boolean => {
    for (const [i, g] of parts.entries()) {
      if (last && i === parts.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g); // embedded IPv4 (::ffff:10.0.0.1)
        if (v4 === undefined) return false;
        words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) words.push(Number.parseInt(g, 16));
      else return false;
    }
    return true;
  };
  const twoParts = halves.length === 2;
  if (!push(head, !twoParts)) return undefined;
  const headLen = words.length;
  if (twoParts && !push(tail, true)) return undefined;
  if (twoParts) {
    if (words.length > 7) return undefined; // "::" stands for at least one group
    words.splice(headLen, 0, ...new Array<number>(8 - words.length).fill(0));
  }
  if (words.length !== 8) return undefined;
  return words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
}

/** IPv4 or IPv6 address; undefined when malformed. */
export function parseIp(ip: string): ParsedIp | undefined {
  const s = ip.trim();
  if (s.includes(':')) {
    const v = parseIpv6(s);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseIpv4(s);
  return v === undefined ? undefined : { family: 4, value: v };
}

/**
 * Is ip inside cidr (IPv4 or IPv6)? An address of the other family is never inside. undefined when
 * the cidr or the address is malformed.
 */
export function cidrMatch(cidr: string, ip: string): boolean | undefined {
  const parts = cidr.trim().split('/');
  if (parts.length > 2) return undefined;
  const base = parseIp(parts[0] ?? '');
  const addr = parseIp(ip);
  if (!base || !addr) return undefined;
  const width = base.family === 4 ? 32 : 128;
  const bitsS = parts[1];
  if (bitsS !== undefined && !/^\d{1,3}$/.test(bitsS)) return undefined;
  const bits = bitsS === undefined ? width : Number(bitsS);
  if (bits > width) return undefined;
  if (base.family !== addr.family) return false;
  const shift = BigInt(width - bits);
  return base.value >> shift === addr.value >> shift;
}

/** cidrMatch with malformed input counted as "not inside". */
export function cidrContains(cidr: string, ip: string): boolean {
  return cidrMatch(cidr, ip) === true;
}

/** Is ip admitted by the ipBlock (in cidr, not in an except)? undefined when some CIDR or the address is malformed. */
function ipBlockAdmits(block: { cidr: string; except?: string[] }, ip: string): boolean | undefined {
  const inCidr = cidrMatch(block.cidr, ip);
  if (inCidr !== true) return inCidr;
  let unknown = false;
  for (const e of block.except ?? []) {
    const x = cidrMatch(e, ip);
    if (x === true) return false;
    if (x === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

const podIps = (p: Pod): string[] => [...new Set([...(p.status?.podIPs ?? []).map((x) => x.ip), ...(p.status?.podIP ? [p.status.podIP] : [])].filter((x) => x !== ''))];

/** Several possible verdicts: all true → true, all false → false, else undefined. */
const unanimous = (vs: (boolean | undefined)[]): boolean | undefined => (vs.length > 0 && vs.every((v) => v === true) ? true : vs.every((v) => v === false) ? false : undefined);

/** Does the namespaceSelector select the namespace of q? undefined when Namespace labels are needed but not visible. */
function namespaceSelected(s: ClusterSnapshot, sel: LabelSelector, nsName: string): boolean | undefined {
  const NAME = 'kubernetes.io/metadata.name';
  const ns = indexes(s).namespaceByName.get(nsName);
  // the automatic kubernetes.io/metadata.name label is always there (and immutable)
  if (ns || s.visibility.Namespace.state === 'visible') return selectorMatches(sel, { ...(ns?.metadata.labels ?? {}), [NAME]: nsName });
  // labels not visible: only requirements on the name label can be decided
  const byName: LabelSelector = {
    ...(sel.matchLabels && NAME in sel.matchLabels ? { matchLabels: { [NAME]: sel.matchLabels[NAME] ?? '' } } : {}),
    matchExpressions: (sel.matchExpressions ?? []).filter((e) => e.key === NAME),
  };
  if (!selectorMatches(byName, { [NAME]: nsName })) return false;
  const other = Object.keys(sel.matchLabels ?? {}).some((k) => k !== NAME) || (sel.matchExpressions ?? []).some((e) => e.key !== NAME);
  return other ? undefined : true;
}

function peerMatches(s: ClusterSnapshot, np: NetworkPolicy, peer: NetworkPolicyPeer, src: PeerSource, dest: Pod): boolean | undefined {
  if (peer.ipBlock) {
    const block = peer.ipBlock;
    if (src.kind === 'ip') {
      // the source address has the family of the destination pod address
      const fams = new Set(podIps(dest).map((ip) => parseIp(ip)?.family));
      const all = [src.ip, ...(src.alt ?? [])];
      const cands = fams.has(undefined) || fams.size === 0 ? all : all.filter((ip) => fams.has(parseIp(ip)?.family));
      return unanimous((cands.length > 0 ? cands : all).map((ip) => ipBlockAdmits(block, ip)));
    }
    // whether a pod IP is matched by an ipBlock is CNI-dependent (Calico/Antrea do, Cilium does not):
    // a pod IP inside the block makes the verdict unknown, never "allowed" nor "blocked"
    const ips = podIps(src.pod);
    if (ips.length === 0) return undefined;
    return ips.map((ip) => ipBlockAdmits(block, ip)).some((v) => v !== false) ? undefined : false;
  }
  if (src.kind !== 'pod') return false;
  const q = src.pod;
  if (peer.namespaceSelector) {
    if (peer.podSelector && !selectorMatches(peer.podSelector, q.metadata.labels)) return false;
    return namespaceSelected(s, peer.namespaceSelector, q.metadata.namespace ?? '');
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
        const m = peerMatches(s, np, peer, src, pod);
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
