// NetworkPolicy checks (diagnostics.md §10a), with Kubernetes NetworkPolicy semantics (H8).
// Phrased as "no NetworkPolicy allows …": CNIs and AdminNetworkPolicy are out of view.
import { controllerStatus } from '../../model/controllers.js';
import { isExternallyExposed } from '../../model/exposure.js';
import { indexes, nsName } from '../../model/index.js';
import { selectorMatches } from '../../model/labels.js';
import { allows, anyRuleOpensPort, ingressPoliciesFor, isIsolated, type PeerSource } from '../../model/netpol.js';
import { nodeAddress } from '../../model/nodes.js';
import { protocolOf, resolveTargetPort, selectedPods } from '../../model/pods.js';
import { isVisible } from '../../model/snapshot.js';
import type { Pod, Service } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';

/** Ready backend pods of a Service with the resolved target port per Service port. */
function backends(rc: RunContext, svc: Service): { pod: Pod; port: number; protocol: string; svcPort: number }[] {
  const out: { pod: Pod; port: number; protocol: string; svcPort: number }[] = [];
  for (const p of selectedPods(rc.s, svc) ?? [])
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(sp, p);
      if (port !== undefined) out.push({ pod: p, port, protocol: protocolOf(sp), svcPort: sp.port });
    }
  return out;
}

/** A hostNetwork controller connects from its node's address, others from the pod. */
function peerOf(rc: RunContext, c: Pod): PeerSource {
  if (!c.spec.hostNetwork) return { kind: 'pod', pod: c };
  const n = indexes(rc.s).nodeByName.get(c.spec.nodeName ?? '');
  return { kind: 'ip', ip: (n && nodeAddress(n, 'InternalIP')) ?? '' };
}

const controllerPath: Check = {
  ids: ['netpol.blocks-ingress-controller', 'netpol.blocks-all-clients', 'netpol.service-port-instead-of-target', 'netpol.external-traffic-blocked'],
  needs: ['NetworkPolicy', 'Pod', 'Service'],
  run(rc) {
    const { s, g } = rc;
    const out: Finding[] = [];
    const ix = indexes(s);
    const judged = new Set<string>();
    // Ingress backends: can the class's controller pods reach the backend pods?
    for (const iv of g.ingresses) {
      if (!iv.controller || iv.controllerPresence !== 'present') continue;
      const ctl = controllerStatus(s, iv.controller).readyPods;
      for (const r of iv.routes) {
        const svc = r.backend.service ? ix.serviceByName.get(nsName(r.backend.service.namespace, r.backend.service.name)) : undefined;
        if (!svc || !isVisible(s, 'NetworkPolicy', svc.metadata.namespace)) continue;
        const key = `${iv.key}|${svc.metadata.namespace ?? ''}/${svc.metadata.name}`;
        if (judged.has(key)) continue;
        judged.add(key);
        const bs = backends(rc, svc).filter((b) => r.backend.servicePort === undefined || b.svcPort === r.backend.servicePort.port);
        const isolated = bs.filter((b) => isIsolated(s, b.pod));
        if (isolated.length === 0) continue;
        const blocked = isolated.filter((b) => ctl.every((c) => allows(s, b.pod, peerOf(rc, c), b.port, b.protocol) === false));
        if (blocked.length === 0 || ctl.length === 0) continue;
        const pols = [...new Set(blocked.flatMap((b) => ingressPoliciesFor(s, b.pod).map((p) => p.metadata.name)))];
        const b0 = blocked[0];
        const c0 = ctl[0];
        if (!b0 || !c0) continue;
        out.push(
          finding('netpol.blocks-ingress-controller', 'error', svc, `Policy ${pols.map((p) => `${svc.metadata.namespace ?? ''}/${p}`).join(', ')} isolates the pods behind Service ${nn(svc)} and no NetworkPolicy allows the ${iv.controller} controller (namespace ${c0.metadata.namespace ?? ''}) to reach port ${b0.port}: Ingress ${nn(iv.ref)} will return 502/504.`, `add an ingress rule from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${c0.metadata.namespace ?? ''}}}}], ports: [{port: ${b0.port}}]`, { fields: ['NetworkPolicy spec.ingress'], related: [iv.ref, ...ingressPoliciesFor(s, b0.pod)], discriminator: iv.key }),
        );
      }
    }
    for (const svc of s.services) {
      if (!isVisible(s, 'NetworkPolicy', svc.metadata.namespace)) continue;
      const bs = backends(rc, svc).filter((b) => isIsolated(s, b.pod));
      if (bs.length === 0) continue;
      const closed = bs.filter((b) => !anyRuleOpensPort(s, b.pod, b.port, b.protocol));
      if (closed.length === bs.length) {
        const b0 = closed[0];
        if (!b0) continue;
        const pols = ingressPoliciesFor(s, b0.pod);
        const usesSvcPort = pols.some((np) => (np.spec.ingress ?? []).some((r) => (r.ports ?? []).some((pp) => pp.port === b0.svcPort && b0.svcPort !== b0.port)));
        if (usesSvcPort)
          out.push(finding('netpol.service-port-instead-of-target', 'warning', svc, `A policy selecting the pods of ${nn(svc)} opens port ${b0.svcPort} (the Service port), but the pods listen on ${b0.port}; NetworkPolicy ports refer to pod ports.`, `use the targetPort number ${b0.port} or the container port name`, { fields: ['NetworkPolicy spec.ingress[].ports'], related: pols }));
        else
          out.push(finding('netpol.blocks-all-clients', 'warning', svc, `No NetworkPolicy rule opens port ${b0.port} on the pods of Service ${nn(svc)} (isolated by ${pols.map((p) => p.metadata.name).join(', ')}); every client is blocked.`, `add an ingress rule for port ${b0.port} from the intended clients`, { fields: ['NetworkPolicy spec.ingress'], related: pols }));
        continue;
      }
      if (isExternallyExposed(svc)) {
        const anyExternal = bs.some((b) => ingressPoliciesFor(s, b.pod).some((np) => (np.spec.ingress ?? []).some((r) => (r.from ?? []).length === 0 || (r.from ?? []).some((p) => p.ipBlock))));
        if (!anyExternal)
          out.push(finding('netpol.external-traffic-blocked', 'warning', svc, `NodePort/LoadBalancer traffic to Service ${nn(svc)} is probably blocked: its pods only accept traffic from in-cluster pods.`, 'add an ipBlock rule for the client CIDRs (externalTrafficPolicy Local) or the node CIDRs (Cluster), per your CNI', { fields: ['NetworkPolicy spec.ingress[].from'], related: bs[0] ? ingressPoliciesFor(s, bs[0].pod) : [] }));
      }
    }
    return out;
  },
};

const dangling: Check = {
  ids: ['netpol.dangling-selector'],
  needs: ['NetworkPolicy', 'Pod'],
  run(rc) {
    const out: Finding[] = [];
    const ix = indexes(rc.s);
    for (const np of rc.s.networkPolicies) {
      if (!isVisible(rc.s, 'Pod', np.metadata.namespace)) continue;
      const pods = ix.podsByNamespace.get(np.metadata.namespace ?? '') ?? [];
      if (!pods.some((p) => selectorMatches(np.spec.podSelector, p.metadata.labels)))
        out.push(finding('netpol.dangling-selector', 'info', np, `Policy ${nn(np)} selects no pods; it has no effect (typo in labels?).`, 'fix spec.podSelector or delete the policy', { fields: ['spec.podSelector'] }));
    }
    return out;
  },
};

export const netpolChecks: Check[] = [controllerPath, dangling];
