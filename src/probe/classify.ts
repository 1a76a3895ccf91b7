// Pure readings of what a probe saw: the §11.3 meaning of an HTTP status, the served leaf
// certificate (§11.4) and the kube-proxy health-check answer (§11.6).
import type { X509Certificate } from 'node:crypto';
import { sanCovers } from '../model/hostnames.js';
import { commonName, dnsSans } from '../model/x509.js';
import type { HealthAnswer, HttpAnswer, HttpVerdict, ServedCert } from './types.js';
import type { RawAnswer } from './dial.js';

export const FAKE_CERT_CN = 'Kubernetes Ingress Controller Fake Certificate';

export function httpVerdict(status: number, location: string | undefined): HttpVerdict {
  if (status === 404) return 'no-rule-matched';
  if (status === 503) return 'no-endpoints';
  if (status === 502 || status === 504) return 'backend-error';
  if (status === 301 || status === 308) return location?.toLowerCase().startsWith('https:') ? 'ssl-redirect' : 'redirect';
  if (status >= 300 && status < 400) return 'redirect';
  if ((status >= 200 && status < 300) || status === 401 || status === 403) return 'reachable';
  return 'other';
}

export function httpAnswer(raw: RawAnswer): HttpAnswer {
  const a: HttpAnswer = { status: raw.status, verdict: httpVerdict(raw.status, raw.location) };
  if (raw.location) a.location = raw.location;
  // ingress-nginx's default backend answers "default backend - 404": the 404 is the controller's
  if (raw.status === 404 && raw.head.includes('default backend')) a.defaultBackend = true;
  return a;
}

/**
 * kube-proxy (and Cilium's replacement) answer {"service":{"namespace","name"},"localEndpoints":N}
 * with 200 when N > 0, else 503.
 */
export function healthAnswer(raw: RawAnswer): HealthAnswer {
  const a: HealthAnswer = { status: raw.status };
  try {
    const j = JSON.parse(raw.head) as { service?: { namespace?: unknown; name?: unknown }; localEndpoints?: unknown } | null;
    if (typeof j?.localEndpoints === 'number') a.localEndpoints = j.localEndpoints;
    const ns = j?.service?.namespace;
    const name = j?.service?.name;
    if (typeof ns === 'string' && typeof name === 'string') a.service = `${ns}/${name}`;
  } catch {
    // not the health-check JSON: the caller reports the bare status
  }
  return a;
}

/**
 * RFC 6125 as Go's VerifyHostname (H7): DNS SANs only (CN ignored), a wildcard is a whole
 * left-most label matching exactly one label, no partial wildcards ("f*.example.com").
 * An Ingress wildcard host is covered only by that same wildcard SAN.
 */
export function certCovers(c: X509Certificate, ruleHost: string, serverName: string): boolean {
  if (ruleHost.startsWith('*.')) return dnsSans(c).some((s) => sanCovers(s, ruleHost));
  return c.checkHost(serverName, { subject: 'never', wildcards: true, partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false }) !== undefined;
}

export function servedCert(c: X509Certificate, ruleHost: string, serverName: string): ServedCert {
  const cn = commonName(c.subject);
  return {
    subject: c.subject.split('\n').join(', '),
    ...(cn !== undefined ? { cn } : {}),
    dnsSans: dnsSans(c),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    fingerprint256: c.fingerprint256,
    fake: cn === FAKE_CERT_CN,
    coversHost: certCovers(c, ruleHost, serverName),
  };
}
