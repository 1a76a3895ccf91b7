// Gateway API reading rules (diagnostics.md §9): CRD defaults for references, conditions
// located by type, ReferenceGrant matching, and per-listener attachment verdicts.
import { gatewayHostsIntersect } from '../../../model/hostnames.js';
import { indexes } from '../../../model/index.js';
import { selectorMatches } from '../../../model/labels.js';
import { isVisible } from '../../../model/snapshot.js';
import { listenerSupports } from '../../../model/graph.js';
import type { ClusterSnapshot, Condition, Gateway, GatewayListener, HTTPRoute, ParentReference, Route } from '../../../model/types.js';

export const GROUP = 'gateway.networking.k8s.io';
const NAME_LABEL = 'kubernetes.io/metadata.name';

export const condOf = (cs: Condition[] | undefined, type: string): Condition | undefined => (cs ?? []).find((c) => c.type === type);
export const condText = (c: Condition): string => `${c.reason ?? c.status}${c.message ? ` (${c.message})` : ''}`;

export interface Parent {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** A parentRef with the CRD defaults applied (group gateway.networking.k8s.io, kind Gateway, route namespace). */
export function parentOf(p: ParentReference, routeNs: string): Parent {
  const out: Parent = { group: p.group ?? GROUP, kind: p.kind ?? 'Gateway', namespace: p.namespace ?? routeNs, name: p.name };
  if (p.sectionName !== undefined) out.sectionName = p.sectionName;
  if (p.port !== undefined) out.port = p.port;
  return out;
}

const sameParent = (a: Parent, b: Parent): boolean => a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.sectionName === b.sectionName && a.port === b.port;

/** The status.parents entry written for this parentRef (all fields compared after defaulting). */
export type ParentStatus = NonNullable<NonNullable<HTTPRoute['status']>['parents']>[number];

export function parentStatus(route: Route, p: Parent): ParentStatus | undefined {
  const ns = route.metadata.namespace ?? '';
  return (route.status?.parents ?? []).find((st) => sameParent(parentOf(st.parentRef, ns), p));
}

/** A ReferenceGrant in `toNs` lets `fromKind` objects of `fromNs` refer to `toKind` `toName` (group ""). */
export function referenceGranted(s: ClusterSnapshot, fromKind: string, fromNs: string, toNs: string, toKind: string, toName: string): boolean {
  return s.referenceGrants.some(
    (g) =>
      g.metadata.namespace === toNs &&
      g.spec.from.some((f) => f.group === GROUP && f.kind === fromKind && f.namespace === fromNs) &&
      g.spec.to.some((t) => (t.group ?? '') === '' && t.kind === toKind && (t.name === undefined || t.name === '' || t.name === toName)),
  );
}

export type ListenerVerdict = { listener: string; admits: true } | { listener: string; admits: false | 'unknown'; why: string };

/** Labels of the route's Namespace object; undefined when they cannot be known. */
function namespaceLabels(s: ClusterSnapshot, ns: string): Record<string, string> | undefined {
  const obj = indexes(s).namespaceByName.get(ns);
  if (obj) return { [NAME_LABEL]: ns, ...(obj.metadata.labels ?? {}) };
  return s.visibility.Namespace.state === 'visible' ? { [NAME_LABEL]: ns } : undefined;
}

const onlyNameKey = (sel: NonNullable<NonNullable<GatewayListener['allowedRoutes']>['namespaces']>['selector']): boolean =>
  Object.keys(sel?.matchLabels ?? {}).every((k) => k === NAME_LABEL) && (sel?.matchExpressions ?? []).every((e) => e.key === NAME_LABEL);

/**
 * Does listener l admit the route (spec rules of ParentReference / AllowedRoutes)?
 * namespaces: Same / All / Selector matched against the route's Namespace object labels;
 * kinds: allowedRoutes.kinds, else those implied by the protocol, and those the implementation says it
 * supports (status.listeners[].supportedKinds); hostnames: H7 Gateway semantics.
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
  if (kinds.length > 0 ? !kinds.some((k) => k.kind === route.kind && (k.group ?? GROUP) === GROUP) : !['HTTP', 'HTTPS'].includes(l.protocol))
    return { listener: l.name, admits: false, why: kinds.length > 0 ? `only allows kinds ${kinds.map((k) => k.kind).join(', ')}` : `protocol ${l.protocol} does not carry ${route.kind}s` };
  if (!listenerSupports(gw, l.name, route.kind))
    return { listener: l.name, admits: false, why: `its implementation does not support ${route.kind} there (status supportedKinds: ${(gw.status?.listeners?.find((x) => x.name === l.name)?.supportedKinds ?? []).map((k) => k.kind).join(', ')})` };
  const hosts = route.spec.hostnames ?? [];
  if (l.hostname && hosts.length > 0 && !hosts.some((h) => gatewayHostsIntersect(l.hostname ?? '', h)))
    return { listener: l.name, admits: false, why: `hostname ${l.hostname} matches none of the route's hostnames ${hosts.join(', ')}` };
  return unknown ? { listener: l.name, admits: 'unknown', why: unknown } : { listener: l.name, admits: true };
}

function selText(sel: NonNullable<NonNullable<GatewayListener['allowedRoutes']>['namespaces']>['selector']): string {
  const ml = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const me = (sel?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(',')})` : ''}`);
  return [...ml, ...me].join(', ') || '{}';
}

/** Candidate listeners of a parentRef (sectionName and port narrow them) and their verdicts. */
export function attachVerdicts(s: ClusterSnapshot, gw: Gateway, route: Route, p: Parent): ListenerVerdict[] {
  return gw.spec.listeners.filter((l) => (p.sectionName === undefined || l.name === p.sectionName) && (p.port === undefined || l.port === p.port)).map((l) => listenerVerdict(s, gw, l, route));
}

export const gatewayVisible = (s: ClusterSnapshot, ns: string): boolean => isVisible(s, 'Gateway', ns);
