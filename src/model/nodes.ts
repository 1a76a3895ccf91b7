// H6: node addresses and readiness.
import type { Node } from './types.js';

export function nodeReady(n: Node): boolean {
  return (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function nodeAddress(n: Node, type: string): string | undefined {
  return (n.status?.addresses ?? []).find((a) => a.type === type)?.address;
}

/** The address a client outside the cluster would try first: ExternalIP, then InternalIP. */
export function nodeDialAddress(n: Node): string | undefined {
  return nodeAddress(n, 'ExternalIP') ?? nodeAddress(n, 'InternalIP');
}

export function nodeExcludedFromLB(n: Node): boolean {
  return n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] !== undefined;
}
