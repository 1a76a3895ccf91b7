// Conflict checks (diagnostics.md §10b): two objects claiming the same host/path, address or
// port. Pair conflicts sit on the younger object (Appendix D.6) and relate the older one.
import { controllerWatchesUnclassed } from '../../model/controllers.js';
import { effectiveClass } from '../../model/ingress-class.js';
import { isTerminal } from '../../model/pods.js';
import type { Ingress, K8sObject, Service } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';
import { requestedIPs, sharesIp } from './support2/lb.js';

const stamp = (o: K8sObject): string => `${o.metadata.creationTimestamp ?? ''}|${o.metadata.namespace ?? ''}/${o.metadata.name}`;
/** [younger, older]; ties broken by name so the result is stable. */
const byAge = <T extends K8sObject>(a: T, b: T): [T, T] => (stamp(a) >= stamp(b) ? [a, b] : [b, a]);

/** ingress-nginx GetBoolAnnotation("canary"): strconv.ParseBool, or missing. */
function canary(i: Ingress): 'true' | 'false' | 'missing' | 'invalid' {
  const v = i.metadata.annotations?.['nginx.ingress.kubernetes.io/canary'];
  if (v === undefined) return 'missing';
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return 'true';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return 'false';
  return 'invalid';
}

/** checkOverlap: both canary, or both without the annotation; any other pair is allowed. */
const overlapRefused = (a: Ingress, b: Ingress): boolean => (canary(a) === 'true' && canary(b) === 'true') || (canary(a) === 'missing' && canary(b) === 'missing');

const hostPath: Check = {
  ids: ['conflict.ingress-host-path'],
  needs: ['Ingress'],
  run({ s }) {
    const out: Finding[] = [];
    const unclassedServed = controllerWatchesUnclassed(s);
    const claims = new Map<string, Ingress[]>();
    for (const ing of s.ingresses) {
      const cls = effectiveClass(s, ing).name;
      // unclassed Ingresses are served only by a controller started with --watch-ingress-without-class
      if (cls === undefined && !unclassedServed) continue;
      const mine = new Set<string>();
      for (const r of ing.spec.rules ?? [])
        for (const p of r.http?.paths ?? []) {
          if (!p.backend.service) continue;
          // pathType is ignored and the path compared as written (empty → /)
          const k = `${cls ?? ''}\u0000${r.host ?? ''}\u0000${p.path || '/'}`;
          if (mine.has(k)) continue;
          mine.add(k);
          claims.set(k, [...(claims.get(k) ?? []), ing]);
        }
    }
    for (const [k, list] of claims) {
      const [cls, host, path] = k.split('\u0000');
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i];
          const b = list[j];
          if (!a || !b || !overlapRefused(a, b)) continue;
          const [young, old] = byAge(a, b);
          out.push(finding('conflict.ingress-host-path', 'warning', young, `Ingresses ${nn(old)} and ${nn(young)} both claim ${host || '*'}${path ?? '/'} (class ${cls || '<none>'}); only one of them receives the traffic.`, 'merge them, or use distinct hosts or paths; mark one nginx.ingress.kubernetes.io/canary: "true" for a deliberate split', { fields: ['spec.rules'], related: [old], discriminator: `${host ?? ''}${path ?? ''}|${nn(old)}` }));
        }
    }
    return out;
  },
};

const externalIpPort: Check = {
  ids: ['conflict.externalip-port'],
  needs: ['Service'],
  run({ s }) {
    const out: Finding[] = [];
    const first = new Map<string, Service>();
    for (const svc of s.services) {
      const addrs = new Set([...(svc.spec.externalIPs ?? []), ...(svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((x) => x !== '')]);
      for (const a of addrs)
        for (const p of svc.spec.ports ?? []) {
          const k = `${a}:${p.port}/${p.protocol ?? 'TCP'}`;
          const other = first.get(k);
          if (!other) {
            first.set(k, svc);
            continue;
          }
          if (other === svc) continue;
          const [young, old] = byAge(svc, other);
          const field = (young.spec.externalIPs ?? []).includes(a) ? 'spec.externalIPs' : 'spec.ports';
          out.push(finding('conflict.externalip-port', 'warning', young, `Services ${nn(old)} and ${nn(young)} both expose ${k}; connections go to either.`, 'use distinct IPs or ports', { fields: [field], related: [old], discriminator: k }));
        }
    }
    return out;
  },
};

const lbIp: Check = {
  ids: ['conflict.lb-ip'],
  needs: ['Service'],
  run({ s }) {
    const out: Finding[] = [];
    const byIp = new Map<string, Service[]>();
    for (const svc of s.services) if (svc.spec.type === 'LoadBalancer') for (const r of requestedIPs(svc)) byIp.set(r.ip, [...(byIp.get(r.ip) ?? []), svc]);
    for (const [ip, list] of byIp)
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i];
          const b = list[j];
          if (!a || !b || sharesIp(a, b)) continue;
          const [young, old] = byAge(a, b);
          const field = requestedIPs(young).find((r) => r.ip === ip)?.field ?? 'spec.loadBalancerIP';
          out.push(finding('conflict.lb-ip', 'warning', young, `${nn(old)} and ${nn(young)} both request ${ip} without a shared-IP key (or with overlapping ports); one of them stays <pending>.`, 'use distinct IPs, or the same metallb.io/allow-shared-ip key with disjoint ports (MetalLB)', { fields: [field], related: [old], discriminator: `${ip}|${nn(old)}` }));
        }
    return out;
  },
};

const hostPortVsNodePort: Check = {
  ids: ['conflict.hostport-vs-nodeport'],
  needs: ['Service', 'Pod'],
  run({ s }) {
    const out: Finding[] = [];
    const nodePorts = new Map<string, { svc: Service; i: number }>();
    for (const svc of s.services) (svc.spec.ports ?? []).forEach((p, i) => p.nodePort && nodePorts.set(`${p.nodePort}/${p.protocol ?? 'TCP'}`, { svc, i }));
    if (nodePorts.size === 0) return out;
    for (const pod of s.pods) {
      if (isTerminal(pod)) continue;
      for (const c of pod.spec.containers)
        for (const cp of c.ports ?? []) {
          // a hostNetwork pod occupies every declared containerPort
          const hp = cp.hostPort ?? (pod.spec.hostNetwork ? cp.containerPort : undefined);
          const hit = hp ? nodePorts.get(`${hp}/${cp.protocol ?? 'TCP'}`) : undefined;
          if (!hit || !hp) continue;
          out.push(finding('conflict.hostport-vs-nodeport', 'warning', hit.svc, `${cp.hostPort ? 'hostPort' : 'hostNetwork port'} ${hp} of pod ${nn(pod)} collides with NodePort ${hp} of Service ${nn(hit.svc)} on node ${pod.spec.nodeName ?? '?'}; which one receives traffic depends on the dataplane.`, 'keep hostPorts outside the NodePort range', { fields: [`spec.ports[${hit.i}].nodePort`], related: [pod], discriminator: `${nn(pod)}|${hp}` }));
        }
    }
    return out;
  },
};

export const conflictChecks: Check[] = [hostPath, externalIpPort, lbIp, hostPortVsNodePort];
