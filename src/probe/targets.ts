// What to probe (pure): NodePorts on Ready nodes, Ingress addresses with their hosts,
// served certificates, and kube-proxy health-check node ports (diagnostics.md §11).
import { endpointsOf, epReady } from '../model/endpoints.js';
import { usesNodePorts } from '../model/exposure.js';
import type { ExposureGraph } from '../model/graph-types.js';
import { nodePortCidrs, servesNodePortsOn } from '../model/kube-proxy.js';
import { nodeDialAddress, nodeReady } from '../model/nodes.js';
import { refKey, refOf, type ClusterSnapshot, type ObjectRef } from '../model/types.js';

export type ProbeKind = 'nodeport-tcp' | 'ingress-http' | 'tls-served-cert' | 'healthcheck-nodeport';

export interface ProbeTarget {
  kind: ProbeKind;
  /** the Service or Ingress this probe speaks for */
  object: ObjectRef;
  host: string;
  port: number;
  node?: string;
  /** Host header / SNI for Ingress probes */
  serverName?: string;
  path?: string;
  scheme?: 'http' | 'https';
  /** what Kubernetes state predicts: should this node answer? */
  expectOpen?: boolean;
  /** PEM of the Secret's leaf, to compare with the served certificate */
  secretCert?: string;
  /** ready local endpoints on this node, for health checks */
  localEndpoints?: number;
}

export interface Selection {
  service?: ObjectRef;
  ingress?: ObjectRef;
}

const wildcard = (h: string): string => (h.startsWith('*.') ? `kexplore-probe.${h.slice(2)}` : h);

export function probeTargets(s: ClusterSnapshot, g: ExposureGraph, select: Selection = {}): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  const wantSvc = (k: string): boolean => (select.service ? refKey(select.service) === k : !select.ingress);
  const wantIng = (k: string): boolean => (select.ingress ? refKey(select.ingress) === k : !select.service);
  const ready = s.nodes.filter(nodeReady);
  const cidrs = nodePortCidrs(s);
  for (const svc of s.services) {
    const ref = refOf(svc);
    if (!wantSvc(refKey(ref)) || !usesNodePorts(svc)) continue;
    const eps = endpointsOf(s, svc) ?? [];
    const readyEps = eps.filter((e) => epReady(e.endpoint));
    const local = new Set(readyEps.map((e) => e.endpoint.nodeName).filter((n): n is string => !!n));
    const isLocal = svc.spec.externalTrafficPolicy === 'Local';
    for (const n of ready) {
      const addr = nodeDialAddress(n);
      // kube-proxy refuses node ports outside nodePortAddresses: not worth a probe
      if (!addr || !servesNodePortsOn(cidrs, addr)) continue;
      for (const p of svc.spec.ports ?? []) {
        if (!p.nodePort || (p.protocol ?? 'TCP') !== 'TCP') continue;
        const expectOpen = readyEps.length > 0 && (!isLocal || local.has(n.metadata.name));
        out.push({ kind: 'nodeport-tcp', object: ref, host: addr, port: p.nodePort, node: n.metadata.name, expectOpen });
      }
      if (svc.spec.type === 'LoadBalancer' && isLocal && svc.spec.healthCheckNodePort)
        out.push({ kind: 'healthcheck-nodeport', object: ref, host: addr, port: svc.spec.healthCheckNodePort, node: n.metadata.name, localEndpoints: readyEps.filter((e) => e.endpoint.nodeName === n.metadata.name).length });
    }
  }
  for (const iv of g.ingresses) {
    if (!wantIng(iv.key)) continue;
    const addr = iv.addresses[0];
    if (!addr) continue;
    const seen = new Set<string>();
    for (const r of iv.routes) {
      if (r.isDefault || (r.pathType !== 'Prefix' && r.pathType !== 'Exact')) continue;
      const host = r.host ? wildcard(r.host) : '';
      const scheme = r.tlsSecret ? 'https' : 'http';
      const k = `${scheme}|${host}|${r.path}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ kind: 'ingress-http', object: iv.ref, host: addr, port: scheme === 'https' ? 443 : 80, scheme, ...(host ? { serverName: host } : {}), path: r.path || '/' });
      if (r.tlsSecret && host && !seen.has(`tls|${host}`)) {
        seen.add(`tls|${host}`);
        const sec = s.secrets.find((x) => x.metadata.namespace === iv.ref.namespace && x.metadata.name === r.tlsSecret);
        out.push({ kind: 'tls-served-cert', object: iv.ref, host: addr, port: 443, serverName: host, ...(sec?.tlsCrt ? { secretCert: sec.tlsCrt } : {}) });
      }
    }
  }
  return out;
}
