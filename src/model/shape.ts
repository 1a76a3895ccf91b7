// A dump edited by hand (or not from a cluster) can hold fields of the wrong type, which the
// API server would have refused. Say which field, instead of failing deep in the model.
import type { AnyObject } from './types.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields that must be lists of objects (or of strings), per kind, as dotted paths. */
const LISTS: Partial<Record<string, { objects?: string[]; strings?: string[] }>> = {
  Service: { objects: ['spec.ports'], strings: ['spec.externalIPs', 'spec.clusterIPs', 'spec.ipFamilies'] },
  Node: { objects: ['status.addresses', 'status.conditions'] },
  Gateway: { objects: ['spec.listeners', 'status.addresses', 'status.listeners', 'status.conditions'] },
  HTTPRoute: { objects: ['spec.parentRefs', 'spec.rules', 'status.parents'], strings: ['spec.hostnames'] },
  GRPCRoute: { objects: ['spec.parentRefs', 'spec.rules', 'status.parents'], strings: ['spec.hostnames'] },
  GatewayClass: { objects: ['status.conditions'] },
  ReferenceGrant: { objects: ['spec.from', 'spec.to'] },
  NetworkPolicy: { objects: ['spec.ingress', 'spec.egress'], strings: ['spec.policyTypes'] },
};
/** Lists the API server requires (the CRD schema or the core validation). */
const REQUIRED: Partial<Record<string, string[]>> = { Gateway: ['spec.listeners'] };
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
  return v;
}

/** The first field of `o` whose type the API server would have refused, or undefined. */
export function shapeProblem(o: AnyObject): string | undefined {
  for (const path of REQUIRED[o.kind] ?? []) if (at(o, path) === undefined || at(o, path) === null) return `${path} is missing`;
  const rules = LISTS[o.kind];
  for (const path of rules?.objects ?? []) {
    const v = at(o, path);
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return `${path} is not a list`;
    const i = v.findIndex((e) => !isObj(e));
    if (i >= 0) return `${path}[${i}] is not an object`;
  }
  for (const path of rules?.strings ?? []) {
    const v = at(o, path);
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return `${path} is not a list`;
    const i = v.findIndex((e) => typeof e !== 'string');
    if (i >= 0) return `${path}[${i}] is not a string`;
  }
  if (o.kind === 'Service') {
    const t = at(o, 'spec.type');
    if (t !== undefined && t !== null && !SERVICE_TYPES.includes(t as string)) return `spec.type "${String(t)}" is not one of ${SERVICE_TYPES.join(', ')}`;
    const sel = at(o, 'spec.selector');
    if (sel !== undefined && sel !== null && !isObj(sel)) return 'spec.selector is not a map';
  }
  return undefined;
}
