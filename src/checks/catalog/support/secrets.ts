// Can kexplore tell whether a referenced Secret exists? Secrets are fetched by name
// (src/cluster/secrets.ts): a 404 leaves the Secret out, a 403 or other failure is recorded
// in visibility.Secret — state forbidden, or partial with `namespaces` (those whose lookups all
// succeeded) and a message "forbidden: ns/a, ns/b; failed: ns/c (reason)". Forbidden is never missing.
import { indexes, nsName } from '../../../model/index.js';
import { isVisible } from '../../../model/snapshot.js';
import type { ClusterSnapshot, Secret } from '../../../model/types.js';

export type SecretLookup = { state: 'found'; secret: Secret } | { state: 'missing' } | { state: 'unreadable'; why: string } | { state: 'unknown' };

/** "ns/name" entries the fetcher could not read, from the visibility message. */
function failedRefs(message: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (message ?? '').split(';')) {
    const m = /^\s*(forbidden|failed):\s*(.*)$/.exec(part);
    if (!m?.[2]) continue;
    for (const entry of m[2].split(/,\s*(?=[^\s,()]+\/[^\s,()]+)/)) {
      const ref = /^([^\s/]+\/[^\s(]+)/.exec(entry.trim())?.[1];
      if (ref) out.set(ref, m[1] === 'forbidden' ? 'forbidden by RBAC' : entry.trim().slice(ref.length).trim().replace(/^\(|\)$/g, '') || 'lookup failed');
    }
  }
  return out;
}

export function lookupSecret(s: ClusterSnapshot, ns: string, name: string): SecretLookup {
  const sec = indexes(s).secretByName.get(nsName(ns, name));
  if (sec) return { state: 'found', secret: sec };
  const v = s.visibility.Secret;
  if (v.state === 'absent' || v.state === 'not-installed') return { state: 'unknown' };
  if (isVisible(s, 'Secret', ns)) return { state: 'missing' };
  if (v.state === 'forbidden') return { state: 'unreadable', why: 'forbidden by RBAC' };
  if (v.state === 'failed') return { state: 'unreadable', why: v.message ?? 'lookup failed' };
  // partial: the namespace had a failed lookup; this one may still have been a plain 404
  const failed = failedRefs(v.message);
  const why = failed.get(`${ns}/${name}`);
  if (why !== undefined) return { state: 'unreadable', why };
  return failed.size > 0 ? { state: 'missing' } : { state: 'unreadable', why: `Secrets in namespace ${ns} are not readable` };
}
