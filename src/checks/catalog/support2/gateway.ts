// Gateway API reading rules (diagnostics.md §9): CRD defaults for references, conditions
// located by type, ReferenceGrant matching, and per-listener attachment verdicts.
import { isVisible } from '../../../model/snapshot.js';
import { candidateVerdicts, GATEWAY_GROUP, type ListenerVerdict } from '../../../model/listener-admission.js';
import type { ClusterSnapshot, Condition, Gateway, HTTPRoute, ParentReference, Route } from '../../../model/types.js';

export const GROUP = GATEWAY_GROUP;

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

/** Candidate listeners of a parentRef (sectionName and port narrow them) and their verdicts. */
export function attachVerdicts(s: ClusterSnapshot, gw: Gateway, route: Route, p: Parent): ListenerVerdict[] {
  return candidateVerdicts(s, gw, route, p.sectionName, p.port);
}

export const gatewayVisible = (s: ClusterSnapshot, ns: string): boolean => isVisible(s, 'Gateway', ns);
