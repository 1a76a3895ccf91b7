// IngressClass spec.parameters point at an object of any kind (often a controller's CRD).
// Find its resource through discovery, then GET it by name: found / missing / unknown.
// Forbidden or failing lookups are unknown, never "missing".
import { referencedParameters } from '../model/ingress-class.js';
import type { IngressClass, IngressClassParameters, ParameterLookup } from '../model/types.js';
import { isApiError, type ApiClient } from './api-client.js';
import { mapLimit } from './rbac.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Resource {
  groupVersion: string;
  plural: string;
  namespaced: boolean;
}

/** The group's served versions, preferred first (the order /apis lists them in). */
const versionsOf = (group: string, groupVersions: Iterable<string>): string[] => (group === '' ? ['v1'] : [...groupVersions].filter((gv) => gv.startsWith(`${group}/`)));

async function resourceFor(client: ApiClient, p: IngressClassParameters, groupVersions: Iterable<string>, timeoutMs?: number): Promise<Resource | string> {
  const group = p.apiGroup ?? '';
  const versions = versionsOf(group, groupVersions);
  if (versions.length === 0) return `API group ${group} is not served`;
  for (const gv of versions) {
    const list = await client.getJson(group === '' ? '/api/v1' : `/apis/${gv}`, timeoutMs ? { idleTimeoutMs: timeoutMs } : {});
    const resources = isObj(list) && Array.isArray(list.resources) ? list.resources.filter(isObj) : [];
    const r = resources.find((x) => x.kind === p.kind && typeof x.name === 'string' && !x.name.includes('/'));
    if (r && typeof r.name === 'string') return { groupVersion: gv, plural: r.name, namespaced: r.namespaced === true };
  }
  return `kind ${p.kind} is not served in ${group || 'the core group'}`;
}

async function lookupOne(client: ApiClient, key: string, p: IngressClassParameters, groupVersions: Iterable<string>, timeoutMs?: number): Promise<ParameterLookup> {
  try {
    const res = await resourceFor(client, p, groupVersions, timeoutMs);
    if (typeof res === 'string') return { key, state: 'missing', reason: res };
    const namespaced = p.scope === 'Namespace';
    if (res.namespaced !== namespaced) return { key, state: 'missing', reason: `${p.kind} is ${res.namespaced ? 'namespaced' : 'cluster-scoped'} but scope is ${p.scope ?? 'Cluster'}` };
    const base = res.groupVersion === 'v1' ? '/api/v1' : `/apis/${res.groupVersion}`;
    const ns = namespaced ? `/namespaces/${encodeURIComponent(p.namespace ?? '')}` : '';
    await client.getJson(`${base}${ns}/${res.plural}/${encodeURIComponent(p.name)}`, timeoutMs ? { idleTimeoutMs: timeoutMs } : {});
    return { key, state: 'found' };
  } catch (err) {
    if (isApiError(err, 404)) return { key, state: 'missing' };
    if (isApiError(err, 403)) return { key, state: 'unknown', reason: 'forbidden' };
    return { key, state: 'unknown', reason: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err) };
  }
}

/** One lookup per distinct parameters object the classes reference. */
export async function lookupParameters(client: ApiClient, classes: readonly IngressClass[], groupVersions: Iterable<string>, timeoutMs?: number): Promise<ParameterLookup[]> {
  const refs = [...referencedParameters(classes)];
  const out = await mapLimit(refs, 4, ([key, p]) => lookupOne(client, key, p, groupVersions, timeoutMs));
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
