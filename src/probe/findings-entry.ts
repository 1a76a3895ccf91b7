// Findings from the Ingress HTTP (§11.3), served-certificate (§11.4) and health-check node
// port (§11.6) probes.
import { finding, nn } from '../checks/check.js';
import { EXPIRY_WARNING_MS } from '../checks/catalog/tls.js';
import type { Finding, Severity } from '../checks/types.js';
import { ingressHostMatches } from '../model/hostnames.js';
import { coverageText } from '../model/x509.js';
import type { ObjectRef } from '../model/types.js';
import { formatProbeResult } from './format.js';
import type { ProbeGraph } from './targets.js';
import type { HttpVerdict, IngressHttpTarget, ProbeResult } from './types.js';

const DAY = 24 * 3600 * 1000;
const SKEW_MS = 5 * 60_000;

const HTTP: Partial<Record<HttpVerdict, { severity: Severity; hint: string }>> = {
  'no-endpoints': { severity: 'error', hint: 'the backend Service has no ready endpoints: see eps.* and svc.* for it' },
  'backend-error': { severity: 'error', hint: "check the backend's targetPort and protocol, NetworkPolicies, and that the app answers" },
  'no-rule-matched': { severity: 'warning', hint: "check the Ingress class is claimed by this controller and that host and path match the rule (the application's own 404 looks the same)" },
};

/** Backend Services of the rules this request should hit (for `related`). */
function backendsOf(g: ProbeGraph, t: IngressHttpTarget): ObjectRef[] {
  const iv = g.ingresses.find((x) => x.ref.kind === t.object.kind && x.ref.namespace === t.object.namespace && x.ref.name === t.object.name);
  const rs = (iv?.routes ?? []).filter((r) => !r.isDefault && (r.path || '/') === t.path && (r.host === '' ? t.serverName === undefined : t.serverName !== undefined && ingressHostMatches(r.host, t.serverName)));
  // the Service as referenced, even when it does not exist (that is then the likely cause)
  return rs.flatMap((r): ObjectRef[] => (r.backend.service ? [r.backend.service] : r.backend.serviceName ? [{ kind: 'Service', namespace: r.backend.namespace, name: r.backend.serviceName }] : []));
}

export function ingressHttpFindings(results: ProbeResult[], g: ProbeGraph): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const t = r.target;
    if (t.kind !== 'ingress-http') continue;
    const disc = `${t.scheme}://${t.serverName ?? ''}${t.path}`;
    if (r.outcome !== 'open' || !r.http) {
      const hint = t.via === 'ingress-status' ? "check the controller's Service and load balancer, and firewalls between this machine and the address" : "check the controller's Service and firewalls between this machine and the address";
      out.push(finding('probe.ingress-http', 'warning', t.object, formatProbeResult(r), hint, { fields: ['status.loadBalancer.ingress'], discriminator: disc }));
      continue;
    }
    const rule = HTTP[r.http.verdict];
    if (!rule) continue;
    const severity = r.http.verdict === 'no-rule-matched' && r.http.defaultBackend ? 'error' : rule.severity;
    out.push(finding('probe.ingress-http', severity, t.object, formatProbeResult(r), rule.hint, { fields: ['spec.rules'], related: backendsOf(g, t), discriminator: disc }));
  }
  return out;
}

export function tlsFindings(results: ProbeResult[]): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const t = r.target;
    if (t.kind !== 'tls-served-cert') continue;
    const secret: ObjectRef[] = t.secretName ? [{ kind: 'Secret', namespace: t.object.namespace ?? '', name: t.secretName }] : [];
    const base = { fields: ['spec.tls'], related: secret };
    const where = `${t.host}${t.port === 443 ? '' : `:${t.port}`}`;
    // connect failures are reported by the https GET to the same address
    if (r.outcome !== 'open' || !r.cert) {
      if (r.phase === 'tls') out.push(finding('probe.tls-served-cert', 'warning', t.object, formatProbeResult(r), 'check that the controller terminates TLS on this port', { ...base, discriminator: t.ruleHost, hosts: [t.ruleHost] }));
      continue;
    }
    const c = r.cert;
    if (c.fake) {
      out.push(finding('probe.tls-served-cert', 'error', t.object, `From this machine, ${where} serves 'Kubernetes Ingress Controller Fake Certificate' for ${t.serverName}: ${t.secretName ? `Secret ${t.secretName} is not in use` : 'no certificate is configured for this host'}.`, "see the tls.* findings for the Secret, and the controller's logs for why it did not load it", { ...base, discriminator: t.ruleHost, hosts: [t.ruleHost] }));
      continue;
    }
    const secretFp = t.secretFingerprint256;
    if (secretFp !== undefined && secretFp === c.fingerprint256) continue; // the tls.* checks on the Secret already judge this certificate
    if (secretFp !== undefined)
      out.push(finding('probe.tls-served-cert', 'error', t.object, `From this machine, ${where} serves a different certificate for ${t.serverName} ('${c.cn ?? c.subject}') than the one in Secret ${t.secretName ?? ''}: the controller serves a different certificate.`, 'check which Secret the controller loaded (its logs) and whether another Ingress claims the host', { ...base, discriminator: t.ruleHost, hosts: [t.ruleHost] }));
    out.push(...servedLeafFindings(r, t.object, where, t.serverName, t.ruleHost, base));
  }
  return out;
}

/** tls.cert-expired/expiring/not-yet-valid/host-not-covered on what is actually served, at the probe's time. */
function servedLeafFindings(r: ProbeResult, ing: ObjectRef, where: string, serverName: string, ruleHost: string, base: { fields: string[]; related: ObjectRef[] }): Finding[] {
  const c = r.cert;
  if (!c) return [];
  const out: Finding[] = [];
  const now = Date.parse(r.at);
  const notAfter = Date.parse(c.notAfter);
  const notBefore = Date.parse(c.notBefore);
  const extra = { ...base, discriminator: `served|${ruleHost}`, hosts: [ruleHost] };
  const served = `From this machine, the certificate ${where} serves for ${serverName}`;
  if (now > notAfter) out.push(finding('tls.cert-expired', 'error', ing, `${served} expired on ${c.notAfter.slice(0, 10)}.`, 'renew the certificate and make sure the controller reloads it', extra));
  else if (notAfter - now < EXPIRY_WARNING_MS) out.push(finding('tls.cert-expiring', 'warning', ing, `${served} expires in ${Math.floor((notAfter - now) / DAY)} days (${c.notAfter.slice(0, 10)}).`, 'renew now and verify automatic renewal', extra));
  if (now + SKEW_MS < notBefore) out.push(finding('tls.cert-not-yet-valid', 'error', ing, `${served} is not valid before ${c.notBefore}.`, 'check issuer and clocks, or wait until NotBefore before rolling it out', extra));
  if (!c.coversHost) {
    const covers = coverageText(c.dnsSans, c.cn);
    out.push(finding('tls.host-not-covered', 'error', ing, `${served} ${covers}, not ${ruleHost}; browsers will reject it.`, 'reissue the certificate with a SAN for this host (a wildcard covers one label only)', extra));
  }
  return out;
}

export function healthFindings(results: ProbeResult[]): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const t = r.target;
    if (t.kind !== 'healthcheck-nodeport') continue;
    const extra = { fields: ['spec.healthCheckNodePort'], related: [{ kind: 'Node', name: t.node }], discriminator: t.node };
    const h = r.health;
    if (r.outcome !== 'open' || !h) {
      out.push(finding('probe.healthcheck-nodeport', 'warning', t.object, `${formatProbeResult(r)} Cloud load-balancer health checks against this node will fail.`, 'check kube-proxy (or its replacement) on that node', extra));
      continue;
    }
    if (h.service !== undefined && h.service !== nn(t.object)) {
      out.push(finding('probe.healthcheck-nodeport', 'warning', t.object, `From this machine, health-check node port ${t.port} on ${t.node} answers for ${h.service}, not ${nn(t.object)}: kube-proxy there is stale.`, 'check kube-proxy on that node', extra));
      continue;
    }
    // kube-proxy's count and ours may differ in detail (dual-stack, per port); what the LB sees is zero vs non-zero
    if (h.localEndpoints === undefined || t.localEndpoints === undefined || h.localEndpoints > 0 === t.localEndpoints > 0) continue;
    out.push(finding('probe.healthcheck-nodeport', 'warning', t.object, `From this machine, the health check of ${nn(t.object)} on ${t.node} reports ${h.localEndpoints} local endpoints (HTTP ${h.status}), EndpointSlices say ${t.localEndpoints}: kube-proxy there is stale${h.localEndpoints === 0 ? ', and the cloud LB will not send it traffic' : ''}.`, 'check kube-proxy (or its replacement) on that node', extra));
  }
  return out;
}
