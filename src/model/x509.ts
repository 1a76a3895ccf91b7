// Readings of an X.509 certificate shared by the TLS checks (the Secret's certificate) and the
// probes (the certificate actually served): one place for what counts as a name (H7).
import type { X509Certificate } from 'node:crypto';

/** DNS SANs only: CN is no fallback (browsers and Go ignore it; Go ≥ 1.15 always). */
export function dnsSans(c: X509Certificate): string[] {
  return (c.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((x) => x.startsWith('DNS:'))
    .map((x) => x.slice(4));
}

/** The CN of a distinguished name as node:crypto prints it ("C=US\nO=…\nCN=…"). */
export function commonName(dn: string): string | undefined {
  return /(?:^|\n)CN=([^\n]*)/.exec(dn)?.[1];
}

/** "covers [a, b]", or why it covers nothing, for messages. */
export function coverageText(sans: readonly string[], cn: string | undefined): string {
  return sans.length > 0 ? `covers [${sans.join(', ')}]` : `has no DNS SAN (CN=${cn ?? '?'} only, which clients ignore)`;
}
