// netpol.dangling-selector (§10a): a policy's podSelector, or a peer selector, that selects
// nothing. Empty selectors select everything and are never dangling; ipBlocks are meant for
// cluster-external addresses and are never judged against pod IPs (unlike popeye 1206/1207).
import { indexes } from '../../../model/index.js';
import { selectorMatches } from '../../../model/labels.js';
import { isVisible } from '../../../model/snapshot.js';
import type { ClusterSnapshot, LabelSelector, NetworkPolicy, NetworkPolicyPeer } from '../../../model/types.js';
import { finding, nn } from '../../check.js';
import type { Finding } from '../../types.js';

const empty = (sel: LabelSelector | undefined): boolean => !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);

function nsLabels(s: ClusterSnapshot): { name: string; labels: Record<string, string> }[] {
  return s.namespaces.map((n) => ({ name: n.metadata.name, labels: { 'kubernetes.io/metadata.name': n.metadata.name, ...(n.metadata.labels ?? {}) } }));
}

/** true: selects nothing; false: selects something; undefined: cannot be known. */
function peerSelectsNothing(s: ClusterSnapshot, np: NetworkPolicy, peer: NetworkPolicyPeer): boolean | undefined {
  if (peer.ipBlock || (empty(peer.podSelector) && empty(peer.namespaceSelector) && peer.namespaceSelector === undefined)) return false;
  const ix = indexes(s);
  let namespaces: string[];
  if (peer.namespaceSelector === undefined) namespaces = [np.metadata.namespace ?? ''];
  else {
    if (s.visibility.Namespace.state !== 'visible') return undefined;
    namespaces = nsLabels(s).filter((n) => selectorMatches(peer.namespaceSelector, n.labels)).map((n) => n.name);
    if (namespaces.length === 0) return true;
    if (empty(peer.podSelector)) return false;
  }
  if (!namespaces.every((n) => isVisible(s, 'Pod', n))) return undefined;
  return !namespaces.some((n) => (ix.podsByNamespace.get(n) ?? []).some((p) => selectorMatches(peer.podSelector, p.metadata.labels)));
}

export function danglingSelectors(s: ClusterSnapshot, np: NetworkPolicy): Finding[] {
  const out: Finding[] = [];
  const pods = indexes(s).podsByNamespace.get(np.metadata.namespace ?? '') ?? [];
  if (!empty(np.spec.podSelector) && !pods.some((p) => selectorMatches(np.spec.podSelector, p.metadata.labels)))
    out.push(finding('netpol.dangling-selector', 'info', np, `Policy ${nn(np)} selects no pods in namespace ${np.metadata.namespace ?? ''}; it has no effect (typo in labels?).`, 'fix spec.podSelector or delete the policy', { fields: ['spec.podSelector'] }));
  const rules: [string, NetworkPolicyPeer[]][] = [
    ...(np.spec.ingress ?? []).map((r, i): [string, NetworkPolicyPeer[]] => [`spec.ingress[${i}].from`, r.from ?? []]),
    ...(np.spec.egress ?? []).map((r, i): [string, NetworkPolicyPeer[]] => [`spec.egress[${i}].to`, r.to ?? []]),
  ];
  for (const [path, peers] of rules)
    peers.forEach((peer, j) => {
      if (peerSelectsNothing(s, np, peer) === true)
        out.push(finding('netpol.dangling-selector', 'info', np, `Peer ${path}[${j}] of policy ${nn(np)} selects no ${peer.namespaceSelector && empty(peer.podSelector) ? 'namespace' : 'pod'}; that rule admits nobody.`, 'fix the peer podSelector / namespaceSelector labels', { fields: [`${path}[${j}]`], discriminator: `${path}[${j}]` }));
    });
  return out;
}
