// Turn probe results into findings and one-line descriptions, always "from this machine".
import { X509Certificate } from 'node:crypto';
import type { Finding } from '../checks/types.js';
import { finding, nn } from '../checks/check.js';
import type { ExposureGraph } from '../model/graph-types.js';
import { refKey, type ClusterSnapshot } from '../model/types.js';
import type { ProbeResult } from './run.js';

const where = (r: ProbeResult): string => `${r.target.node ? `${r.target.node} (${r.target.host})` : r.target.host}`;

export function formatProbeResult(r: ProbeResult): string {
  const t = r.target;
  const obj = `${t.object.namespace ? `${t.object.namespace}/` : ''}${t.object.name}`;
  switch (t.kind) {
    case 'nodeport-tcp':
      return `From this machine, NodePort ${t.port} of ${obj} is ${r.outcome} on ${where(r)}${t.expectOpen === false ? ' (expected: no ready local backend)' : ''}.`;
    case 'ingress-http': {
      const url = `${t.scheme ?? 'http'}://${t.serverName ?? t.host}${t.path ?? '/'}`;
      if (r.outcome !== 'open') return `From this machine, GET ${url} via ${t.host} failed: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}.`;
      const meaning = r.status === 404 ? 'controller reached, no rule matched' : r.status === 503 ? 'backend has no endpoints' : r.status === 502 || r.status === 504 ? 'controller cannot reach the backend' : r.status === 301 || r.status === 308 ? 'redirect (ssl-redirect?)' : 'reachable';
      return `From this machine, GET ${url} via ${t.host} returned ${r.status ?? '?'} (${meaning}).`;
    }
    case 'tls-served-cert':
      if (!r.servedCert) return `From this machine, the TLS handshake with ${t.host}:443 for ${t.serverName ?? ''} failed: ${r.outcome}.`;
      return `From this machine, ${t.host} serves '${r.servedCert.subject}' for ${t.serverName ?? ''}${r.servedCert.coversHost ? '' : ' (does not cover the host)'}${r.servedCert.fakeIngressCert ? ' — the controller default certificate' : ''}.`;
    case 'healthcheck-nodeport':
      return `From this machine, health check ${t.host}:${t.port} on ${t.node ?? ''} answered ${r.outcome === 'open' ? `${r.status ?? '?'} with ${r.localEndpoints ?? '?'} local endpoints` : r.outcome}.`;
  }
}

function pemFingerprint(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

export function probeFindings(results: ProbeResult[], _s: ClusterSnapshot, _g: ExposureGraph): Finding[] {
  const out: Finding[] = [];
  const byObject = new Map<string, ProbeResult[]>();
  for (const r of results.filter((x) => x.target.kind === 'nodeport-tcp')) {
    const k = `${refKey(r.target.object)}|${r.target.port}`;
    byObject.set(k, [...(byObject.get(k) ?? []), r]);
  }
  for (const rs of byObject.values()) {
    const first = rs[0];
    if (!first) continue;
    const expected = rs.filter((r) => r.target.expectOpen);
    const failing = expected.filter((r) => r.outcome !== 'open');
    if (expected.length === 0 || failing.length === 0) continue;
    const none = expected.every((r) => r.outcome !== 'open');
    out.push(finding('nodeport.unreachable', none ? 'error' : 'warning', first.target.object, `From this machine, NodePort ${first.target.port} of ${nn(first.target.object)} is ${failing.map((r) => `${r.outcome} on ${where(r)}`).join(', ')} although Kubernetes state says it should answer there.`, 'open the NodePort range in cloud and node firewalls, and check kube-proxy on the failing nodes', { fields: ['spec.ports[].nodePort'], discriminator: String(first.target.port) }));
  }
  for (const r of results) {
    const t = r.target;
    if (t.kind === 'tls-served-cert' && r.servedCert) {
      if (r.servedCert.fakeIngressCert)
        out.push(finding('probe.tls-served-cert', 'error', t.object, `From this machine, ${t.host} serves the ingress controller's default 'Fake Certificate' for ${t.serverName ?? ''}: the TLS Secret is not in use.`, 'see the tls.* findings for the Secret the Ingress references', { fields: ['spec.tls'], discriminator: t.serverName ?? '' }));
      else if (!r.servedCert.coversHost)
        out.push(finding('probe.tls-served-cert', 'error', t.object, `From this machine, ${t.host} serves a certificate for [${r.servedCert.sans.join(', ')}] that does not cover ${t.serverName ?? ''}.`, 'reissue the certificate with the right SANs', { fields: ['spec.tls'], discriminator: t.serverName ?? '' }));
      else if (t.secretCert && pemFingerprint(t.secretCert) !== r.servedCert.fingerprint256)
        out.push(finding('probe.tls-served-cert', 'error', t.object, `From this machine, ${t.host} serves a different certificate for ${t.serverName ?? ''} than the one in the Ingress's Secret.`, 'check which Secret the controller loaded (its logs) and whether another Ingress claims the host', { fields: ['spec.tls'], discriminator: t.serverName ?? '' }));
    }
    if (t.kind === 'healthcheck-nodeport') {
      if (r.outcome !== 'open')
        out.push(finding('probe.healthcheck-nodeport', 'warning', t.object, `From this machine, health-check node port ${t.port} on ${where(r)} is ${r.outcome}; cloud load-balancer health checks will fail.`, 'check kube-proxy (or its replacement) on that node', { discriminator: t.node ?? t.host }));
      else if (r.localEndpoints !== undefined && t.localEndpoints !== undefined && r.localEndpoints !== t.localEndpoints)
        out.push(finding('probe.healthcheck-nodeport', 'warning', t.object, `Health check on ${where(r)} reports ${r.localEndpoints} local endpoints, EndpointSlices say ${t.localEndpoints}: kube-proxy there is stale.`, 'check kube-proxy on that node', { discriminator: t.node ?? t.host }));
    }
  }
  return out;
}
