// Conflict checks (diagnostics.md §10b): two objects claiming the same host/path, address or port.
import { effectiveClass } from '../../model/ingress-class.js';
import type { Ingress, Service } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import type { Finding } from '../types.js';

const canary = (i: Ingress): boolean => i.metadata.annotations?.['nginx.ingress.kubernetes.io/canary'] === 'true';
const younger = (a: Ingress, b: Ingress): [Ingress, Ingress] => ((a.metadata.creationTimestamp ?? '') >= (b.metadata.creationTimestamp ?? '') ? [a, b] : [b, a]);

const hostPath: Check = {
  ids: ['conflict.ingress-host-path'],
  needs: ['Ingress'],
  run(rc) {
    const out: Finding[] = [];
    const claims = new Map<string, Ingress>();
    for (const ing of rc.s.ingresses) {
      const cls = effectiveClass(rc.s, ing).name ?? '';
      const mine = new Set<string>();
      for (const r of ing.spec.rules ?? [])
        for (const p of r.http?.paths ?? []) {
          if (!p.backend.service) continue;
          // ingress-nginx semantics: pathType is ignored, trailing slashes are not
          const path = p.path && p.path !== '' ? p.path : '/';
          const k = `${cls}|${r.host ?? ''}|${path}`;
          if (mine.has(k)) continue;
          mine.add(k);
          const other = claims.get(k);
          if (other && canary(other) === canary(ing)) {
            const [young, old] = younger(ing, other);
            out.push(finding('conflict.ingress-host-path', 'warning', young, `Ingresses ${nn(old)} and ${nn(young)} both claim ${r.host ?? '*'}${path} (class ${cls || 'none'}); only one of them receives the traffic.`, 'merge them, or use distinct hosts or paths; use canary annotations for deliberate splits', { fields: ['spec.rules'], related: [old], discriminator: k }));
          } else if (!other) claims.set(k, ing);
        }
    }
    return out;
  },
};

const addresses: Check = {
  ids: ['conflict.externalip-port', 'conflict.lb-ip', 'conflict.hostport-vs-nodeport'],
  needs: ['Service'],
  run(rc) {
    const out: Finding[] = [];
    const byAddrPort = new Map<string, Service>();
    for (const svc of rc.s.services) {
      const addrs = [...(svc.spec.externalIPs ?? []), ...(svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((x) => x !== '')];
      for (const a of new Set(addrs))
        for (const p of svc.spec.ports ?? []) {
          const k = `${a}:${p.port}/${p.protocol ?? 'TCP'}`;
          const other = byAddrPort.get(k);
          if (other && other !== svc) out.push(finding('conflict.externalip-port', 'warning', svc, `Services ${nn(other)} and ${nn(svc)} both expose ${k}; connections go to either.`, 'use distinct IPs or ports', { fields: ['spec.externalIPs'], related: [other], discriminator: k }));
          else byAddrPort.set(k, svc);
        }
    }
    const requested = new Map<string, Service>();
    const shareKey = (s: Service): string | undefined => s.metadata.annotations?.['metallb.io/allow-shared-ip'] ?? s.metadata.annotations?.['metallb.universe.tf/allow-shared-ip'];
    for (const svc of rc.s.services.filter((x) => x.spec.type === 'LoadBalancer')) {
      const ann = svc.metadata.annotations ?? {};
      const ips = [svc.spec.loadBalancerIP, ann['metallb.io/loadBalancerIPs'], ann['metallb.universe.tf/loadBalancerIPs'], ann['kube-vip.io/loadbalancerIPs']].flatMap((v) => (v ? v.split(',').map((x) => x.trim()) : []));
      for (const ip of new Set(ips)) {
        const other = requested.get(ip);
        const shared = other && shareKey(other) !== undefined && shareKey(other) === shareKey(svc) && !(other.spec.ports ?? []).some((p) => (svc.spec.ports ?? []).some((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP')));
        if (other && !shared) out.push(finding('conflict.lb-ip', 'warning', svc, `${nn(other)} and ${nn(svc)} both request ${ip} without a shared-IP key; one of them stays <pending>.`, 'use distinct IPs, or the same allow-shared-ip key with disjoint ports (MetalLB)', { fields: ['spec.loadBalancerIP'], related: [other], discriminator: ip }));
        else if (!other) requested.set(ip, svc);
      }
    }
    const nodePorts = new Map<string, Service>();
    for (const svc of rc.s.services) for (const p of svc.spec.ports ?? []) if (p.nodePort) nodePorts.set(`${p.nodePort}/${p.protocol ?? 'TCP'}`, svc);
    for (const pod of rc.s.pods)
      for (const c of pod.spec.containers)
        for (const cp of c.ports ?? []) {
          const hp = cp.hostPort ?? (pod.spec.hostNetwork ? cp.containerPort : undefined);
          const svc = hp ? nodePorts.get(`${hp}/${cp.protocol ?? 'TCP'}`) : undefined;
          if (svc && hp) out.push(finding('conflict.hostport-vs-nodeport', 'warning', svc, `hostPort ${hp} of pod ${nn(pod)} collides with NodePort ${hp} of Service ${nn(svc)} on node ${pod.spec.nodeName ?? '?'}; which one receives traffic depends on the dataplane.`, 'keep hostPorts outside the NodePort range', { fields: ['spec.ports[].nodePort'], related: [pod], discriminator: `${pod.metadata.namespace ?? ''}/${pod.metadata.name}|${hp}` }));
        }
    return out;
  },
};

export const conflictChecks: Check[] = [hostPath, addresses];
