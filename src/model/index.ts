// Lookups built once per snapshot so every helper and check is O(1) per object
// instead of scanning whole collections (10,000 Services × 150,000 pods must stay cheap).
import type { ClusterSnapshot, EndpointSlice, Endpoints, Namespace, Node, Pod, Secret, Service, Workload } from './types.js';

export interface Indexes {
  snapshot: ClusterSnapshot;
  serviceByName: Map<string, Service>; // ns/name
  slicesByService: Map<string, EndpointSlice[]>; // ns/name
  endpointsByName: Map<string, Endpoints>; // ns/name
  podsByNamespace: Map<string, Pod[]>;
  podByName: Map<string, Pod>; // ns/name
  nodeByName: Map<string, Node>;
  namespaceByName: Map<string, Namespace>;
  secretByName: Map<string, Secret>; // ns/name
  workloadsByNamespace: Map<string, Workload[]>;
}

export const nsName = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`;

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

const cache = new WeakMap<ClusterSnapshot, Indexes>();

export function indexes(s: ClusterSnapshot): Indexes {
  const hit = cache.get(s);
  if (hit) return hit;
  const ix: Indexes = {
    snapshot: s,
    serviceByName: new Map(),
    slicesByService: new Map(),
    endpointsByName: new Map(),
    podsByNamespace: new Map(),
    podByName: new Map(),
    nodeByName: new Map(),
    namespaceByName: new Map(),
    secretByName: new Map(),
    workloadsByNamespace: new Map(),
  };
  for (const o of s.services) ix.serviceByName.set(nsName(o.metadata.namespace, o.metadata.name), o);
  for (const o of s.endpointSlices) {
    const svc = o.metadata.labels?.['kubernetes.io/service-name'];
    if (svc) push(ix.slicesByService, nsName(o.metadata.namespace, svc), o);
  }
  for (const o of s.endpoints) ix.endpointsByName.set(nsName(o.metadata.namespace, o.metadata.name), o);
  for (const o of s.pods) {
    push(ix.podsByNamespace, o.metadata.namespace ?? '', o);
    ix.podByName.set(nsName(o.metadata.namespace, o.metadata.name), o);
  }
  for (const o of s.nodes) ix.nodeByName.set(o.metadata.name, o);
  for (const o of s.namespaces) ix.namespaceByName.set(o.metadata.name, o);
  for (const o of s.secrets) ix.secretByName.set(nsName(o.metadata.namespace, o.metadata.name), o);
  for (const o of s.workloads) push(ix.workloadsByNamespace, o.metadata.namespace ?? '', o);
  cache.set(s, ix);
  return ix;
}
