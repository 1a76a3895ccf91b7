// Assemble a ClusterSnapshot from projected objects. Pure: the caller says what was visible.
import { KINDS } from './types.js';
import type { AnyObject, ClusterSnapshot, Kind, KindVisibility, ParameterLookup, SnapshotSource } from './types.js';

export function emptyVisibility(state: KindVisibility['state'] = 'absent'): Record<Kind, KindVisibility> {
  const v = {} as Record<Kind, KindVisibility>;
  for (const k of KINDS) v[k] = { state };
  return v;
}

export function emptySnapshot(source: SnapshotSource, takenAt: string): ClusterSnapshot {
  return {
    source,
    takenAt,
    visibility: emptyVisibility(),
    namespaces: [],
    nodes: [],
    services: [],
    endpointSlices: [],
    endpoints: [],
    pods: [],
    ingresses: [],
    ingressClasses: [],
    networkPolicies: [],
    secrets: [],
    events: [],
    workloads: [],
    gatewayClasses: [],
    gateways: [],
    httpRoutes: [],
    grpcRoutes: [],
    referenceGrants: [],
    validatingWebhooks: [],
    certificates: [],
    configMaps: [],
    parameterLookups: [],
  };
}

/** The snapshot array that holds objects of a kind. */
export function collectionOf(s: ClusterSnapshot, kind: Kind): AnyObject[] {
  switch (kind) {
    case 'Namespace': return s.namespaces;
    case 'Node': return s.nodes;
    case 'Service': return s.services;
    case 'EndpointSlice': return s.endpointSlices;
    case 'Endpoints': return s.endpoints;
    case 'Pod': return s.pods;
    case 'Ingress': return s.ingresses;
    case 'IngressClass': return s.ingressClasses;
    case 'NetworkPolicy': return s.networkPolicies;
    case 'Secret': return s.secrets;
    case 'Event': return s.events;
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'DaemonSet': return s.workloads;
    case 'GatewayClass': return s.gatewayClasses;
    case 'Gateway': return s.gateways;
    case 'HTTPRoute': return s.httpRoutes;
    case 'GRPCRoute': return s.grpcRoutes;
    case 'ReferenceGrant': return s.referenceGrants;
    case 'ValidatingWebhookConfiguration': return s.validatingWebhooks;
    case 'Certificate': return s.certificates;
    case 'ConfigMap': return s.configMaps;
  }
}

/** Build a snapshot from objects; kinds present among the objects (or listed in `seen`) are visible. */
export function snapshotFrom(
  objects: AnyObject[],
  source: SnapshotSource,
  takenAt: string,
  opts: { seen?: Iterable<Kind>; visibility?: Partial<Record<Kind, KindVisibility>>; namespace?: string; parameterLookups?: ParameterLookup[] } = {},
): ClusterSnapshot {
  const s = emptySnapshot(source, takenAt);
  if (opts.parameterLookups) s.parameterLookups = opts.parameterLookups;
  if (opts.namespace !== undefined) s.namespace = opts.namespace;
  for (const k of opts.seen ?? []) s.visibility[k] = { state: 'visible' };
  for (const o of objects) {
    const kind = o.kind as Kind;
    collectionOf(s, kind).push(o);
    if (s.visibility[kind].state === 'absent') s.visibility[kind] = { state: 'visible' };
  }
  for (const [k, v] of Object.entries(opts.visibility ?? {})) if (v) s.visibility[k as Kind] = v;
  return s;
}

/** Every object of a snapshot, once each (workload kinds share one collection), cluster-scoped first. */
export function allObjects(s: ClusterSnapshot): AnyObject[] {
  return [
    ...s.namespaces,
    ...s.nodes,
    ...s.ingressClasses,
    ...s.gatewayClasses,
    ...s.services,
    ...s.endpointSlices,
    ...s.endpoints,
    ...s.pods,
    ...s.workloads,
    ...s.ingresses,
    ...s.networkPolicies,
    ...s.secrets,
    ...s.events,
    ...s.gateways,
    ...s.httpRoutes,
    ...s.grpcRoutes,
    ...s.referenceGrants,
    ...s.validatingWebhooks,
    ...s.certificates,
    ...s.configMaps,
  ];
}

export function isVisible(s: ClusterSnapshot, kind: Kind, namespace?: string): boolean {
  const v = s.visibility[kind];
  if (v.state === 'visible') return true;
  if (v.state === 'partial') return namespace !== undefined && (v.namespaces ?? []).includes(namespace);
  return false;
}
