// Reading tls.crt as ingress-nginx does (internal/net/ssl): the first PEM block must be a
// CERTIFICATE (the leaf), the following ones are the chain. SANs under RFC 6125 via sanCovers (H7).
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { commonName, dnsSans } from '../../../model/x509.js';

/** Clock skew tolerated before a certificate's notBefore counts as "not valid yet". */
export const CERT_SKEW_MS = 5 * 60_000;

export interface ParsedCert {
  leaf: X509Certificate;
  chain: X509Certificate[];
  /** DNS SANs; CN is not a fallback (browsers and Go ignore it when SANs exist, Go ≥1.15 always) */
  dnsSans: string[];
  cn?: string;
  notBefore: number;
  notAfter: number;
}

export type CertParse = { ok: true; cert: ParsedCert } | { ok: false; why: string };

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export function parseTlsCrt(pem: string | undefined): CertParse {
  const blocks = [...(pem ?? '').matchAll(BLOCK)];
  const first = blocks[0];
  if (!first) return { ok: false, why: 'tls.crt holds no PEM block' };
  if (first[1] !== 'CERTIFICATE') return { ok: false, why: `the first PEM block of tls.crt is ${first[1]}, not CERTIFICATE` };
  try {
    const [leaf, ...chain] = blocks.filter((b) => b[1] === 'CERTIFICATE').map((b) => new X509Certificate(b[0]));
    if (!leaf) return { ok: false, why: 'tls.crt holds no certificate' };
    const cn = commonName(leaf.subject);
    return { ok: true, cert: { leaf, chain, dnsSans: dnsSans(leaf), ...(cn ? { cn } : {}), notBefore: Date.parse(leaf.validFrom), notAfter: Date.parse(leaf.validTo) } };
  } catch (e) {
    return { ok: false, why: `x509 parse failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Issued by itself: same subject and issuer, and its own key verifies the signature. */
export function selfSigned(c: X509Certificate): boolean {
  if (c.subject !== c.issuer) return false;
  try {
    return c.verify(c.publicKey);
  } catch {
    return false;
  }
}

let roots: X509Certificate[] | undefined;
const systemRoots = (): X509Certificate[] => (roots ??= rootCertificates.flatMap((p) => {
  try {
    return [new X509Certificate(p)];
  } catch {
    return [];
  }
}));

/** Signed directly by a root that Node (Mozilla's store) trusts. */
export function issuedByTrustedRoot(c: X509Certificate): boolean {
  return systemRoots().some((r) => {
    try {
      return c.checkIssued(r) && c.verify(r.publicKey);
    } catch {
      return false;
    }
  });
}

export const isTrustedRoot = (c: X509Certificate): boolean => systemRoots().some((r) => r.fingerprint256 === c.fingerprint256);
