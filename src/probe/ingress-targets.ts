// Ingress probe targets (§11.3, §11.4): the address comes from the Ingress status, else the
// controller Service's LB address, else a Ready node with the controller Service's node port.
import { frontServices } from '../checks/catalog/support/cluster.js';
import { parseTlsCrt } from '../checks/catalog/support/certs.js';
import type { IngressView } from '../model/graph-types.js';
import type { ClusterSnapshot, Node, Pod, Service, ServicePort } from '../model/types.js';
import type { IngressVia, ProbeTarget } from './types.js';

/** Wildcard rule hosts get a concrete left-most label: one label, as the Ingress wildcard allows. */
export const WILDCARD_LABEL = 'kexplore-probe';
const concrete = (h: string): string => (h.startsWith('*.') ? `${WILDCARD_LABEL}.${h.slice(2)}` : h);

interface Entry {
  host: string;
  http?: number;
  https?: number;
  via: IngressVia;
  node?: string;
}

function servicePort(svc: Service, number: number, name: string): ServicePort | undefined {
  const tcp = (svc.spec.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
  return tcp.find((p) => p.port === number) ?? tcp.find((p) => p.name === name);
}

function controllerPods(s: ClusterSnapshot, iv: IngressView): Pod[] {
  const want = new Set(iv.controllerPods.map((r) => `${r.namespace ?? ''}/${r.name}`));
  return s.pods.filter((p) => want.has(`${p.metadata.namespace ?? ''}/${p.metadata.name}`));
}

/** Where to send the Ingress probes, or undefined when nothing published or fronting it is known. */
export function ingressEntry(s: ClusterSnapshot, iv: IngressView, nodes: { node: Node; address: string }[]): Entry | undefined {
  const published = iv.addresses[0];
  if (published) return { host: published, http: 80, https: 443, via: 'ingress-status' };
  const fronts = frontServices(s, controllerPods(s, iv));
  for (const svc of fronts) {
    const lb = svc.status?.loadBalancer?.ingress?.find((i) => i.ip ?? i.hostname);
    const http = servicePort(svc, 80, 'http');
    const https = servicePort(svc, 443, 'https');
    if (lb && svc.spec.type === 'LoadBalancer') return { host: lb.ip ?? lb.hostname ?? '', ...(http ? { http: http.port } : {}), ...(https ? { https: https.port } : {}), via: 'controller-lb' };
  }
  const first = nodes[0];
  if (!first) return undefined;
  for (const svc of fronts) {
    const http = servicePort(svc, 80, 'http')?.nodePort;
    const https = servicePort(svc, 443, 'https')?.nodePort;
    if (http || https) return { host: first.address, ...(http ? { http } : {}), ...(https ? { https } : {}), via: 'controller-nodeport', node: first.node.metadata.name };
  }
  return undefined;
}

export function ingressTargets(s: ClusterSnapshot, iv: IngressView, nodes: { node: Node; address: string }[]): ProbeTarget[] {
  const e = ingressEntry(s, iv, nodes);
  if (!e) return [];
  const out: ProbeTarget[] = [];
  const seen = new Set<string>();
  const once = (k: string): boolean => {
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const base = { object: iv.ref, host: e.host, via: e.via, ...(e.node ? { node: e.node } : {}) };
  for (const r of iv.routes) {
    // ImplementationSpecific paths may be regexes: no URL can be built from them
    if (r.isDefault || (r.pathType !== 'Prefix' && r.pathType !== 'Exact')) continue;
    const serverName = r.host ? concrete(r.host) : undefined;
    const path = r.path || '/';
    const tlsHost = r.host !== '' && (r.tlsSecret !== undefined || iv.tls.some((t) => t.hosts.includes(r.host)));
    const sn = serverName ? { serverName } : {};
    if (e.http && once(`http|${r.host}|${path}`)) out.push({ kind: 'ingress-http', ...base, port: e.http, scheme: 'http', ...sn, path });
    if (!tlsHost || !e.https || !serverName) continue;
    if (once(`https|${r.host}|${path}`)) out.push({ kind: 'ingress-http', ...base, port: e.https, scheme: 'https', serverName, path });
    if (once(`tls|${r.host}`)) {
      const sec = r.tlsSecret ? s.secrets.find((x) => x.metadata.namespace === iv.ref.namespace && x.metadata.name === r.tlsSecret) : undefined;
      const leaf = sec?.tlsCrt ? parseTlsCrt(sec.tlsCrt) : undefined;
      const fp = leaf?.ok ? { secretFingerprint256: leaf.cert.leaf.fingerprint256 } : {};
      out.push({ kind: 'tls-served-cert', object: iv.ref, host: e.host, port: e.https, serverName, ruleHost: r.host, via: e.via, ...(r.tlsSecret ? { secretName: r.tlsSecret } : {}), ...fp });
    }
  }
  return out;
}
