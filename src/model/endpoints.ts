// H1: endpoints of a Service, EndpointSlice first, legacy Endpoints as fallback.
import { indexes, nsName } from './index.js';
import { isVisible } from './snapshot.js';
import type { ClusterSnapshot, Endpoint, EndpointSlice, Service, ServicePort } from './types.js';

export const epReady = (e: Endpoint): boolean => e.conditions?.ready !== false; // nil means ready
export const epServing = (e: Endpoint): boolean => e.conditions?.serving ?? epReady(e);
export const epTerminating = (e: Endpoint): boolean => e.conditions?.terminating === true;

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const MIRROR_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';

export interface FlatEndpoint {
  endpoint: Endpoint;
  slice?: EndpointSlice;
  /** port entries of the slice (name '' for unnamed) */
  ports: { name: string; port?: number; protocol: string }[];
}

/** Whether endpoint data for the Service's namespace is visible (slices, or Endpoints fallback). */
export function endpointsVisible(s: ClusterSnapshot, ns: string | undefined): boolean {
  return isVisible(s, 'EndpointSlice', ns) || isVisible(s, 'Endpoints', ns);
}

export function slicesOf(s: ClusterSnapshot, svc: Service): EndpointSlice[] {
  return indexes(s).slicesByService.get(nsName(svc.metadata.namespace, svc.metadata.name)) ?? [];
}

/** All endpoints with the ports their slice serves. Undefined when not visible. */
export function endpointsOf(s: ClusterSnapshot, svc: Service): FlatEndpoint[] | undefined {
  const ns = svc.metadata.namespace;
  if (isVisible(s, 'EndpointSlice', ns)) {
    const out: FlatEndpoint[] = [];
    for (const slice of slicesOf(s, svc)) {
      const ports = (slice.ports ?? []).map((p) => ({ name: p.name ?? '', ...(p.port !== undefined ? { port: p.port } : {}), protocol: p.protocol ?? 'TCP' }));
      for (const e of slice.endpoints ?? []) out.push({ endpoint: e, slice, ports });
    }
    return out;
  }
  if (isVisible(s, 'Endpoints', ns)) {
    const ep = indexes(s).endpointsByName.get(nsName(ns, svc.metadata.name));
    const out: FlatEndpoint[] = [];
    for (const sub of ep?.subsets ?? []) {
      const ports = (sub.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' }));
      for (const a of sub.addresses ?? [])
        out.push({ endpoint: { addresses: [a.ip], conditions: { ready: true }, ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(a.targetRef ? { targetRef: a.targetRef } : {}) }, ports });
      for (const a of sub.notReadyAddresses ?? [])
        out.push({ endpoint: { addresses: [a.ip], conditions: { ready: false }, ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(a.targetRef ? { targetRef: a.targetRef } : {}) }, ports });
    }
    return out;
  }
  return undefined;
}

/** The slice port entry that serves Service port sp (matched by name and protocol). */
export function slicePortFor(sp: ServicePort, ports: FlatEndpoint['ports']): FlatEndpoint['ports'][number] | undefined {
  const name = sp.name ?? '';
  const proto = sp.protocol ?? 'TCP';
  return ports.find((p) => p.name === name && p.protocol === proto);
}

/** Endpoints serving a given Service port. */
export function endpointsForPort(all: FlatEndpoint[], sp: ServicePort): { fe: FlatEndpoint; port?: number }[] {
  const out: { fe: FlatEndpoint; port?: number }[] = [];
  for (const fe of all) {
    const p = slicePortFor(sp, fe.ports);
    if (p) out.push(p.port !== undefined ? { fe, port: p.port } : { fe });
  }
  return out;
}
