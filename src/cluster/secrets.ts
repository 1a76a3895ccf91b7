// TLS Secrets are never listed: only the ones Ingresses and Gateway listeners name are
// fetched, one GET each, and reduced by slim() (the private key is checked, then dropped).
import { slim } from '../model/slim.js';
import type { Gateway, Ingress, KindVisibility, Secret } from '../model/types.js';
import { isApiError, type ApiClient } from './api-client.js';
import { mapLimit } from './rbac.js';

/** "namespace/name" of every Secret the objects reference. */
export function referencedSecrets(ingresses: readonly Ingress[], gateways: readonly Gateway[]): string[] {
  const refs = new Set<string>();
  for (const ing of ingresses) {
    const ns = ing.metadata.namespace ?? 'default';
    for (const t of ing.spec.tls ?? []) if (t.secretName) refs.add(`${ns}/${t.secretName}`);
  }
  for (const gw of gateways) {
    const ns = gw.metadata.namespace ?? 'default';
    for (const l of gw.spec.listeners)
      for (const r of l.tls?.certificateRefs ?? [])
        if ((r.group ?? '') === '' && (r.kind ?? 'Secret') === 'Secret') refs.add(`${r.namespace ?? ns}/${r.name}`);
  }
  return [...refs].sort();
}

export interface SecretFetch {
  secrets: Secret[];
  visibility: KindVisibility;
}

/**
 * GET each referenced Secret. 404 → simply absent (the checks report it missing).
 * 403 or another failure → the secret is unknown, and that must survive into the snapshot,
 * which has no per-object visibility. Choice: visibility.Secret is
 *   - visible   when every GET succeeded or 404'd;
 *   - partial   when some failed: `namespaces` = namespaces whose referenced secrets were all
 *               read, so isVisible(snapshot, 'Secret', ns) is false exactly where a lookup
 *               failed (checks say "unreadable", never "missing"); `message` names each one
 *               ("forbidden: ns/name, …; failed: ns/name (reason)") for the text;
 *   - forbidden when every referenced GET was forbidden.
 */
export async function fetchSecrets(client: ApiClient, refs: readonly string[], timeoutMs?: number): Promise<SecretFetch> {
  const forbidden: string[] = [];
  const failed: string[] = [];
  const secrets: Secret[] = [];
  await mapLimit(refs, 8, async (ref) => {
    const [ns = '', name = ''] = ref.split('/');
    try {
      const raw = await client.getJson(`/api/v1/namespaces/${encodeURIComponent(ns)}/secrets/${encodeURIComponent(name)}`, timeoutMs ? { idleTimeoutMs: timeoutMs } : {});
      const s = slim(raw, 'Secret');
      if (s?.kind === 'Secret') secrets.push(s);
    } catch (err) {
      if (isApiError(err, 404)) return;
      if (isApiError(err, 403)) forbidden.push(ref);
      else failed.push(`${ref} (${err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err)})`);
    }
  });
  secrets.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  return { secrets, visibility: secretVisibility(refs, forbidden.sort(), failed.sort()) };
}

export function secretVisibility(refs: readonly string[], forbidden: string[], failed: string[]): KindVisibility {
  if (forbidden.length === 0 && failed.length === 0) return { state: 'visible' };
  const parts = [forbidden.length ? `forbidden: ${forbidden.join(', ')}` : '', failed.length ? `failed: ${failed.join(', ')}` : ''].filter(Boolean);
  const message = parts.join('; ');
  if (failed.length === 0 && forbidden.length === refs.length) return { state: 'forbidden', message };
  const bad = new Set([...forbidden, ...failed].map((r) => r.split('/')[0]));
  const namespaces = [...new Set(refs.map((r) => r.split('/')[0] ?? ''))].filter((ns) => !bad.has(ns)).sort();
  return { state: 'partial', namespaces, message };
}
