// What the server serves: its version, its API groups, and which Gateway API kinds exist
// at which version. A kind whose group/version is not served is 'not-installed'.
import type { Kind } from '../model/types.js';
import type { ApiClient } from './api-client.js';
import { GATEWAY_GROUP, GATEWAY_KINDS, groupVersion, type ResourceDef } from './resources.js';

export interface Discovery {
  /** "v1.34.1" */
  serverVersion?: string;
  /** served group versions: "v1", "apps/v1", "gateway.networking.k8s.io/v1" … */
  groupVersions: Set<string>;
  /** Gateway API kinds that are served, at the version chosen for each */
  gatewayResources: ResourceDef[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function serverVersion(client: ApiClient): Promise<string | undefined> {
  const v = await client.getJson('/version');
  return isObj(v) && typeof v.gitVersion === 'string' ? v.gitVersion : undefined;
}

/**
 * Before 1.31 a LIST without resourceVersion is read from etcd (slow at scale); RV=0 reads
 * the watch cache. From 1.31 consistent reads are served from the cache (KEP-2340).
 */
export function prefersAnyVersion(version: string | undefined): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  return Number(m[1]) === 1 && Number(m[2]) < 31;
}

export async function discover(client: ApiClient): Promise<Discovery> {
  const groupVersions = new Set<string>(['v1']);
  const groups = await client.getJson('/apis');
  const gatewayVersions: string[] = [];
  if (isObj(groups) && Array.isArray(groups.groups)) {
    for (const g of groups.groups.filter(isObj)) {
      const versions = Array.isArray(g.versions) ? g.versions.filter(isObj) : [];
      // The server lists versions in preference order; keep that order for Gateway API.
      for (const v of versions) {
        if (typeof v.groupVersion === 'string') groupVersions.add(v.groupVersion);
        if (g.name === GATEWAY_GROUP && typeof v.version === 'string') gatewayVersions.push(v.version);
      }
    }
  }
  return { groupVersions, gatewayResources: await gatewayResources(client, gatewayVersions) };
}

/**
 * For each Gateway API kind, the first served version (preferring v1) that lists it:
 * ReferenceGrant is often only at v1beta1 while the others are at v1.
 */
async function gatewayResources(client: ApiClient, versions: string[]): Promise<ResourceDef[]> {
  if (versions.length === 0) return [];
  const ordered = [...new Set(['v1', ...versions])].filter((v) => versions.includes(v));
  const served = new Map<string, Set<string>>();
  for (const version of ordered) {
    try {
      const list = await client.getJson(`/apis/${GATEWAY_GROUP}/${version}`);
      const names = isObj(list) && Array.isArray(list.resources) ? list.resources.filter(isObj).map((r) => r.name) : [];
      served.set(version, new Set(names.filter((n): n is string => typeof n === 'string')));
    } catch {
      served.set(version, new Set());
    }
  }
  const out: ResourceDef[] = [];
  for (const k of GATEWAY_KINDS) {
    const version = ordered.find((v) => served.get(v)?.has(k.plural));
    if (version) out.push({ kind: k.kind, group: GATEWAY_GROUP, version, plural: k.plural, namespaced: k.namespaced });
  }
  return out;
}

export const isServed = (d: ResourceDef, disc: Discovery): boolean => disc.groupVersions.has(groupVersion(d));

export const gatewayKinds = (): Kind[] => GATEWAY_KINDS.map((k) => k.kind);
