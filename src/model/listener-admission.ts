// Whether a Gateway listener admits a route (Gateway API ParentReference / AllowedRoutes rules).
// One rule for the graph (which listeners a route attaches to) and the checks (why it does not).
import { gatewayHostsIntersect } from './hostnames.js';
import { indexes } from './index.js';
import { selectorMatches } from './labels.js';
import type { ClusterSnapshot, Gateway, GatewayListener, Route } from './types.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const NAME_LABEL = 'kubernetes.io/metadata.name';

export type ListenerVerdict = { listener: string; admits: true } | { listener: string; admits: false | 'unknown'; why: string };
type NamespaceSelector = NonNullable<NonNullable<GatewayListener['allowedRoutes']>['namespaces']>['selector'];

/**
 * The implementation lists the route kinds a listener carries in status.listeners[].supportedKinds:
 * one that supports HTTPRoute but not GRPCRoute leaves GRPCRoute out. Without status, assume it does.
 */
export function listenerSupports(gw: Gateway, listener: string, kind: string): boolean {
  const kinds = gw.status?.listeners?.find((x) => x.name === listener)?.supportedKinds ?? [];
  return kinds.length === 0 || kinds.some((k) => k.kind === kind && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP);
}

/** Labels of the route's Namespace object; undefined when they cannot be known. */
function namespaceLabels(s: ClusterSnapshot, ns: string): Record<string, string> | undefined {
  const obj = indexes(s).namespaceByName.get(ns);
  if (obj) return { [NAME_LABEL]: ns, ...(obj.metadata.labels ?? {}) };
  return s.visibility.Namespace.state === 'visible' ? { [NAME_LABEL]: ns } : undefined;
}

// The API server sets kubernetes.io/metadata.name on every Namespace: a selector on it alone is decidable unseen.
const onlyNameKey = (sel: NamespaceSelector): boolean =>
  Object.keys(sel?.matchLabels ?? {}).every((k) => k === NAME_LABEL) && (sel?.matchExpressions ?? []).every((e) => e.key === NAME_LABEL);

function selText(sel: NamespaceSelector): string {
  const ml = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const me = (sel?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(',')})` : ''}`);
  return [...ml, ...me].join(', ') || '{}';
}

/**
 * Does listener l admit the route? namespaces: Same / All / Selector matched against the route's
 * Namespace labels ("unknown" when they are not visible); kinds: allowedRoutes.kinds, else those
 * implied by the protocol, and those the implementation supports (status supportedKinds);
 * hostnames: H7 Gateway semantics.
 */
export function listenerVerdict(s: ClusterSnapshot, gw: Gateway, l: GatewayListener, route: Route): ListenerVerdict {
  const rns = route.metadata.namespace ?? '';
  const gns = gw.metadata.namespace ?? '';
  const ns = l.allowedRoutes?.namespaces;
  const from = ns?.from ?? 'Same';
  let unknown: string | undefined;
  if (from === 'Same' && rns !== gns) return { listener: l.name, admits: false, why: `allows routes from namespace ${gns} only (from: Same)` };
  if (from === 'None') return { listener: l.name, admits: false, why: 'allows no routes (from: None)' };
  if (from === 'Selector') {
    const sel = ns?.selector;
    const labels = namespaceLabels(s, rns) ?? (onlyNameKey(sel) ? { [NAME_LABEL]: rns } : undefined);
    if (!sel) return { listener: l.name, admits: false, why: 'from: Selector without a selector' };
    if (!labels) unknown = `allows routes from namespaces matching ${selText(sel)} (Namespace labels not visible)`;
    else if (!selectorMatches(sel, labels)) return { listener: l.name, admits: false, why: `only allows routes from namespaces labelled ${selText(sel)}; Namespace ${rns} is not` };
  }
  const kinds = l.allowedRoutes?.kinds ?? [];
  if (kinds.length > 0 ? !kinds.some((k) => k.kind === route.kind && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP) : !['HTTP', 'HTTPS'].includes(l.protocol))
    return { listener: l.name, admits: false, why: kinds.length > 0 ? `only allows kinds ${kinds.map((k) => k.kind).join(', ')}` : `protocol ${l.protocol} does not carry ${route.kind}s` };
  if (!listenerSupports(gw, l.name, route.kind))
    return { listener: l.name, admits: false, why: `its implementation does not support ${route.kind} there (status supportedKinds: ${(gw.status?.listeners?.find((x) => x.name === l.name)?.supportedKinds ?? []).map((k) => k.kind).join(', ')})` };
  const hosts = route.spec.hostnames ?? [];
  if (l.hostname && hosts.length > 0 && !hosts.some((h) => gatewayHostsIntersect(l.hostname ?? '', h)))
    return { listener: l.name, admits: false, why: `hostname ${l.hostname} matches none of the route's hostnames ${hosts.join(', ')}` };
  return unknown ? { listener: l.name, admits: 'unknown', why: unknown } : { listener: l.name, admits: true };
}

/** Candidate listeners of a parentRef (sectionName and port narrow them) and their verdicts. */
export function candidateVerdicts(s: ClusterSnapshot, gw: Gateway, route: Route, sectionName?: string, port?: number): ListenerVerdict[] {
  return gw.spec.listeners.filter((l) => (sectionName === undefined || l.name === sectionName) && (port === undefined || l.port === port)).map((l) => listenerVerdict(s, gw, l, route));
}
