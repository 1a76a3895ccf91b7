// Service checks (diagnostics.md §2).
import { endpointsOf, epReady } from '../../model/endpoints.js';
import { appliesTo, hasSelector, isHeadless } from '../../model/exposure.js';
import { formatSelector, mapSelects } from '../../model/labels.js';
import { isTerminating, resolveTargetPort, resolvesOnlyInSidecar, selectedPods } from '../../model/pods.js';
import { isVisible } from '../../model/snapshot.js';
import type { Service } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';

const nsOf = (svc: Service): string => svc.metadata.namespace ?? '';

/** Workloads whose pod template matches the selector but run no replica (svc.backends-scaled-to-zero). */
export function scaledToZero(rc: RunContext, svc: Service): string[] {
  return rc.s.workloads
    .filter((w) => w.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, w.spec?.template?.metadata?.labels))
    .filter((w) => (w.kind === 'DaemonSet' ? (w.status?.desiredNumberScheduled ?? 0) === 0 : w.spec?.replicas === 0))
    .filter((w) => !(w.kind === 'ReplicaSet' && (w.metadata.ownerReferences ?? []).some((o) => o.kind === 'Deployment')))
    .map((w) => `${w.kind} ${w.metadata.name}`);
}

const selectorNoPods: Check = {
  ids: ['svc.selector-no-pods', 'svc.backends-scaled-to-zero'],
  needs: ['Service', 'Pod'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services) {
      if (!appliesTo(svc).selectorChecks || !isVisible(rc.s, 'Pod', nsOf(svc))) continue;
      if ((selectedPods(rc.s, svc) ?? []).length > 0) continue;
      const sel = formatSelector(svc.spec.selector);
      const zero = scaledToZero(rc, svc);
      if (zero.length > 0) {
        out.push(finding('svc.backends-scaled-to-zero', 'info', svc, `Service ${nn(svc)}'s backend ${zero.join(', ')} is scaled to 0 replicas.`, `scale it up (check HPA/KEDA minReplicas) or stop exposing ${svc.metadata.name}`, { fields: ['spec.replicas'] }));
        continue;
      }
      out.push(
        finding('svc.selector-no-pods', 'error', svc, `Service ${nn(svc)} selects {${sel}} but no Pod in namespace ${nsOf(svc)} has all of these labels, so it has no backends.`, `make spec.selector a subset of the workload's pod template labels (keys are ANDed, values case-sensitive); kubectl get pods -n ${nsOf(svc)} -l ${sel} must return pods`, { fields: ['spec.selector'] }),
      );
    }
    return out;
  },
};

const selectorlessNoEndpoints: Check = {
  ids: ['svc.selectorless-no-endpoints'],
  needs: ['Service', 'EndpointSlice'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services) {
      if (!appliesTo(svc).selectorless) continue;
      const eps = endpointsOf(rc.s, svc);
      if (eps === undefined || eps.length > 0) continue;
      // default/kubernetes is fed by the apiserver itself (and may have none with --endpoint-reconciler-type=none)
      if (svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes') continue;
      out.push(finding('svc.selectorless-no-endpoints', 'warning', svc, `Service ${nn(svc)} has no selector and nobody created EndpointSlices or Endpoints for it, so connections to it go nowhere.`, `create an EndpointSlice labelled kubernetes.io/service-name: ${svc.metadata.name}, or add a selector, or use ExternalName`, { fields: ['spec.selector'] }));
    }
    return out;
  },
};

const targetPortName: Check = {
  ids: ['svc.targetport-name-unresolved', 'svc.targetport-not-declared'],
  needs: ['Service', 'Pod'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services) {
      if (!appliesTo(svc).selectorChecks || !isVisible(rc.s, 'Pod', nsOf(svc))) continue;
      const pods = (selectedPods(rc.s, svc) ?? []).filter((p) => !isTerminating(p));
      if (pods.length === 0) continue;
      for (const [i, sp] of (svc.spec.ports ?? []).entries()) {
        const tp = sp.targetPort ?? sp.port;
        if (typeof tp === 'string' && !/^\d+$/.test(tp)) {
          const unresolved = pods.filter((p) => resolveTargetPort(sp, p) === undefined);
          const sidecarOnly = pods.filter((p) => resolvesOnlyInSidecar(sp, p));
          if (unresolved.length === 0 && sidecarOnly.length === 0) continue;
          const all = unresolved.length === pods.length;
          const names = unresolved.slice(0, 3).map((p) => p.metadata.name).join(', ');
          if (unresolved.length > 0)
            out.push(
              finding('svc.targetport-name-unresolved', all ? 'error' : 'warning', svc, `Port '${sp.name ?? sp.port}' of Service ${nn(svc)} targets port name '${tp}', but ${all ? 'no selected pod' : `pods ${names}`} declare${all ? 's' : ''} a ${sp.protocol ?? 'TCP'} container port named '${tp}', so ${all ? 'nothing' : 'they'} get${all ? 's' : ''} no traffic on it.`, `add ports: [{name: ${tp}, containerPort: N, protocol: ${sp.protocol ?? 'TCP'}}] to the pod template, or use a numeric targetPort`, { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }),
            );
          else
            out.push(finding('svc.targetport-name-unresolved', 'warning', svc, `Port '${sp.name ?? sp.port}' of Service ${nn(svc)} resolves '${tp}' only on a native sidecar container; clusters without native sidecar support ignore it.`, 'declare the port on a main container', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
        } else {
          const n = Number(tp);
          const declaring = pods.filter((p) => p.spec.containers.some((c) => (c.ports ?? []).length > 0));
          if (declaring.length !== pods.length || pods.some((p) => p.spec.hostNetwork)) continue;
          const matches = pods.some((p) => p.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.containerPort === n && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'))));
          if (matches) continue;
          const declared = [...new Set(pods.flatMap((p) => p.spec.containers.flatMap((c) => (c.ports ?? []).map((cp) => cp.containerPort))))].sort((a, b) => a - b);
          out.push(finding('svc.targetport-not-declared', 'info', svc, `Service ${nn(svc)} forwards port ${sp.port} to ${n}, but its pods only declare ports [${declared.join(', ')}]; check the application listens on ${n}.`, 'correct spec.ports[].targetPort, or declare the port (declarations are informational)', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
        }
      }
    }
    return out;
  },
};

const shapeNotes: Check = {
  ids: ['svc.externalname-invalid', 'svc.headless-selectorless-port-mismatch', 'svc.publish-not-ready', 'svc.proxy-name-label', 'svc.exposed-type', 'svc.traffic-policy-hint', 'svc.internal-traffic-local'],
  needs: ['Service'],
  run(rc) {
    const out: Finding[] = [];
    for (const svc of rc.s.services) {
      const spec = svc.spec;
      if (spec.type === 'ExternalName') {
        const name = (spec.externalName ?? '').replace(/\.$/, '');
        const ip = /^\d+\.\d+\.\d+\.\d+$/.test(name) || name.includes(':');
        const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) && name.length <= 253;
        if (ip || name === 'localhost' || !dns1123)
          out.push(finding('svc.externalname-invalid', 'warning', svc, `ExternalName Service ${nn(svc)} points to '${spec.externalName ?? ''}'; cluster DNS treats it as a hostname and cannot resolve it.`, 'for IPs use a selectorless Service with an EndpointSlice; otherwise use an FQDN', { fields: ['spec.externalName'] }));
        continue;
      }
      if (isHeadless(svc) && !hasSelector(svc) && (spec.ports ?? []).some((p) => p.targetPort !== undefined && String(p.targetPort) !== String(p.port)))
        out.push(finding('svc.headless-selectorless-port-mismatch', 'info', svc, `Headless Service ${nn(svc)} has no selector, so port must equal targetPort: clients resolve the endpoint IPs and connect to port.`, 'set targetPort equal to port (or omit it)', { fields: ['spec.ports'] }));
      if (spec.publishNotReadyAddresses)
        out.push(finding('svc.publish-not-ready', isHeadless(svc) ? 'info' : 'warning', svc, `Service ${nn(svc)} routes to pods that fail their readiness probe (publishNotReadyAddresses=true).`, 'remove the flag unless this is a StatefulSet peer-discovery headless Service', { fields: ['spec.publishNotReadyAddresses'] }));
      const proxy = svc.metadata.labels?.['service.kubernetes.io/service-proxy-name'];
      if (proxy !== undefined)
        out.push(finding('svc.proxy-name-label', 'warning', svc, `kube-proxy ignores Service ${nn(svc)} (service-proxy-name=${proxy}); it works only if proxy '${proxy}' handles it.`, 'remove the label or deploy the alternative proxy', { fields: ['metadata.labels'] }));
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0) {
        const what = spec.type === 'LoadBalancer' ? 'a load balancer' : spec.type === 'NodePort' ? `NodePort ${(spec.ports ?? []).map((p) => p.nodePort).filter(Boolean).join(', ')}` : 'external IPs';
        out.push(finding('svc.exposed-type', 'info', svc, `Service ${nn(svc)} is reachable from outside the cluster via ${what}.`, 'if external exposure is not intended, use ClusterIP behind an Ingress or Gateway; otherwise restrict it (loadBalancerSourceRanges, firewalls)', { fields: ['spec.type'] }));
      }
      if (spec.type === 'LoadBalancer' && (spec.externalTrafficPolicy ?? 'Cluster') === 'Cluster')
        out.push(finding('svc.traffic-policy-hint', 'info', svc, `LoadBalancer Service ${nn(svc)} hides client IPs from its pods (externalTrafficPolicy: Cluster).`, 'set externalTrafficPolicy: Local only if backends need the client IP', { fields: ['spec.externalTrafficPolicy'] }));
      if (spec.internalTrafficPolicy === 'Local' && hasSelector(svc) && isVisible(rc.s, 'EndpointSlice', svc.metadata.namespace)) {
        const eps = endpointsOf(rc.s, svc) ?? [];
        const local = new Set(eps.filter((e) => epReady(e.endpoint) && e.endpoint.nodeName).map((e) => e.endpoint.nodeName));
        const pods = selectedPods(rc.s, svc) ?? [];
        if (local.size === 0 && pods.length > 0)
          out.push(finding('svc.internal-traffic-local', 'error', svc, `internalTrafficPolicy=Local: no node has a ready backend of ${nn(svc)}, so every in-cluster client gets no answer.`, 'back it with a DaemonSet or use internalTrafficPolicy: Cluster', { fields: ['spec.internalTrafficPolicy'] }));
      }
    }
    return out;
  },
};

export const serviceChecks: Check[] = [selectorNoPods, selectorlessNoEndpoints, targetPortName, shapeNotes];
