// Which tls.* findings (and served-certificate probes) of an Ingress concern one rule host (or
// one spec.tls entry): a certificate that misses one host breaks that host's HTTPS, not its neighbours'.
import type { Finding } from './types.js';

/**
 * The tls.* findings about `secret` (or about no particular Secret) that concern at least one
 * of `hosts`; a finding without `hosts` concerns every host the Secret serves.
 */
export function tlsFindingsFor(findings: readonly Finding[], secret: string | undefined, hosts?: readonly string[]): Finding[] {
  const wanted = hosts?.map((h) => h.toLowerCase());
  return findings.filter((f) => {
    if (!f.id.startsWith('tls.') && f.id !== 'probe.tls-served-cert') return false;
    const secrets = (f.related ?? []).filter((r) => r.kind === 'Secret');
    if (secret !== undefined && secrets.length > 0 && !secrets.some((r) => r.name === secret)) return false;
    return wanted === undefined || f.hosts === undefined || f.hosts.some((h) => wanted.includes(h.toLowerCase()));
  });
}
