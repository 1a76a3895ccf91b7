// Service checks (diagnostics.md §2).
import { endpointsOf, endpointsVisible, epReady, epServing } from '../../model/endpoints.js';
import { appliesTo, hasSelector, isHeadless } from '../../model/exposure.js';
import { indexes, nsName } from '../../model/index.js';
import { formatSelector, mapSelects, nearMiss } from '../../model/labels.js';
import { declaredPorts, isTerminating, podReady, protocolOf, resolveTargetPort, resolvesOnlyInSidecar, selectedPods } from '../../model/pods.js';
import { isVisible } from '../../model/snapshot.js';
import type { Node, Pod, Service, Workload } from '../../model/types.js';
import { finding, nn, type Check, type RunContext } from '../check.js';
import type { Finding } from '../types.js';
import { isControllerService } from './support/cluster.js';

const nsOf = (svc: Service): string => svc.metadata.namespace ?? '';

/** Workloads whose pod template matches the selector but run no replica (svc.backends-scaled-to-zero). */
export function scaledToZero(rc: RunContext, svc: Service): string[] {
  return zeroWorkloads(rc, svc).map((w) => `${w.kind} ${w.metadata.name}`);
}

function zeroWorkloads(rc: RunContext, svc: Service): Workload[] {
  return rc.s.workloads
    .filter((w) => w.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, w.spec?.template?.metadata?.labels))
    .filter((w) => (w.kind === 'DaemonSet' ? (w.status?.desiredNumberScheduled ?? 0) === 0 : w.spec?.replicas === 0))
    .filter((w) => !(w.kind === 'ReplicaSet' && (w.metadata.ownerReferences ?? []).some((o) => o.kind === 'Deployment')));
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
      const zero = zeroWorkloads(rc, svc);
      if (zero.length > 0) {
        // the field to change is the workload's spec.replicas (related), not the Service's
        out.push(finding('svc.backends-scaled-to-zero', 'info', svc, `Service ${nn(svc)}'s backend ${zero.map((w) => `${w.kind} ${w.metadata.name}`).join(', ')} is scaled to 0 replicas.`, `scale it up (check HPA/KEDA minReplicas) or stop exposing ${svc.metadata.name}`, { fields: ['spec.replicas'], related: zero }));
        continue;
      }
      // pods one selector entry away: name the entry, and the label they carry when it looks like a typo
      const near = nearMiss(svc.spec.selector ?? {}, rc.s.pods.filter((p) => p.metadata.namespace === nsOf(svc)).map((p) => p.metadata.labels ?? {}));
      const pods = near ? `${near.pods} pod${near.pods > 1 ? 's' : ''}` : '';
      const nearText = !near ? '' : near.instead ? ` ${pods} would match with ${near.instead} instead of ${near.missing}.` : ` ${pods} match${near.pods > 1 ? '' : 'es'} every label but ${near.missing}.`;
      const hint = near?.instead ? `did you mean ${near.instead}? Change spec.selector ${near.missing} to ${near.instead}` : `make spec.selector a subset of the workload's pod template labels (keys are ANDed, values case-sensitive); kubectl get pods -n ${nsOf(svc)} -l ${sel} must return pods`;
      out.push(finding('svc.selector-no-pods', 'error', svc, `Service ${nn(svc)} selects {${sel}} but no Pod in namespace ${nsOf(svc)} has all of these labels, so it has no backends.${nearText}`, hint, { fields: ['spec.selector'] }));
    }
    return out;
  },
};

const selectorlessNoEndpoints: Check = {
  ids: ['svc.selectorless-no-endpoints'],
  // EndpointSlices: a hand-made slice has no Endpoints object (mirroring goes the other way),
  // so the legacy Endpoints alone cannot prove that nothing feeds the Service
  needs: ['Service', 'EndpointSlice'],
  run(rc) {
    const out: Finding[] = [];
    const ix = indexes(rc.s);
    for (const svc of rc.s.services) {
      const ns = nsOf(svc);
      if (!appliesTo(svc).selectorless || !endpointsVisible(rc.s, ns)) continue;
      // default/kubernetes is fed by the apiserver itself (and may have none with --endpoint-reconciler-type=none)
      if (ns === 'default' && svc.metadata.name === 'kubernetes') continue;
      if (isVisible(rc.s, 'EndpointSlice', ns) && (endpointsOf(rc.s, svc) ?? []).length > 0) continue;
      // an Endpoints object with addresses counts too (the mirroring controller may lag or skip it)
      const legacy = isVisible(rc.s, 'Endpoints', ns) ? ix.endpointsByName.get(nsName(ns, svc.metadata.name)) : undefined;
      if ((legacy?.subsets ?? []).some((sub) => (sub.addresses ?? []).length + (sub.notReadyAddresses ?? []).length > 0)) continue;
      out.push(finding('svc.selectorless-no-endpoints', 'warning', svc, `Service ${nn(svc)} has no selector and nobody created EndpointSlices or Endpoints for it, so connections to it go nowhere.`, `create an EndpointSlice labelled kubernetes.io/service-name: ${svc.metadata.name} (kube-proxy ignores slices without that label), or an Endpoints object named ${svc.metadata.name}, or add spec.selector, or use type ExternalName`, { fields: ['spec.selector'] }));
    }
    return out;
  },
};

/** Ports a pod declares, native sidecars included (FindPort searches them too). */

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
              finding('svc.targetport-name-unresolved', all ? 'error' : 'warning', svc, all
                  ? `Port '${sp.name ?? sp.port}' of Service ${nn(svc)} targets port name '${tp}', but no selected pod declares a ${sp.protocol ?? 'TCP'} container port named '${tp}', so no pod receives traffic on it.`
                  : `Port '${sp.name ?? sp.port}' of Service ${nn(svc)} targets port name '${tp}', but ${unresolved.length} of ${pods.length} selected pods (${names}${unresolved.length > 3 ? ', …' : ''}) declare no ${sp.protocol ?? 'TCP'} container port named '${tp}', so those pods receive no traffic on it.`, `add ports: [{name: ${tp}, containerPort: N, protocol: ${sp.protocol ?? 'TCP'}}] to the pod template, or use a numeric targetPort`, { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }),
            );
          else
            out.push(finding('svc.targetport-name-unresolved', 'warning', svc, `Port '${sp.name ?? sp.port}' of Service ${nn(svc)} resolves '${tp}' only on a native sidecar container; clusters without native sidecar support ignore it.`, 'declare the port on a main container', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
        } else {
          const n = Number(tp);
          // containerPort is documentation: pods that declare nothing (or use the host network) prove nothing
          if (pods.some((p) => declaredPorts(p).length === 0 || p.spec.hostNetwork)) continue;
          if (pods.some((p) => declaredPorts(p).some((cp) => cp.containerPort === n && protocolOf(cp) === protocolOf(sp)))) continue;
          const declared = [...new Set(pods.flatMap((p) => declaredPorts(p).map((cp) => `${cp.containerPort}/${protocolOf(cp)}`)))].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
          out.push(finding('svc.targetport-not-declared', 'info', svc, `Service ${nn(svc)} forwards port ${sp.port}/${protocolOf(sp)} to ${n}/${protocolOf(sp)}, but its pods only declare ports [${declared.join(', ')}]; check the application listens on ${n}/${protocolOf(sp)}.`, 'correct spec.ports[].targetPort, or declare the port (declarations are informational)', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
        }
      }
    }
    return out;
  },
};

const TOLERATE_UNREADY = 'service.alpha.kubernetes.io/tolerate-unready-endpoints';

const shapeNotes: Check = {
  ids: ['svc.externalname-invalid', 'svc.headless-selectorless-port-mismatch', 'svc.publish-not-ready', 'svc.proxy-name-label', 'svc.exposed-type', 'svc.traffic-policy-hint'],
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
          out.push(finding('svc.externalname-invalid', 'warning', svc, `ExternalName Service ${nn(svc)} points to '${spec.externalName ?? ''}'; cluster DNS treats spec.externalName as a hostname and cannot resolve it.`, 'for IPs use a selectorless Service with an EndpointSlice; otherwise set spec.externalName to an FQDN', { fields: ['spec.externalName'] }));
        continue;
      }
      (spec.ports ?? []).forEach((p, i) => {
        if (isHeadless(svc) && !hasSelector(svc) && p.targetPort !== undefined && String(p.targetPort) !== String(p.port))
          out.push(finding('svc.headless-selectorless-port-mismatch', 'info', svc, `Headless Service ${nn(svc)} has no selector, so port ${p.port} must equal targetPort ${String(p.targetPort)}: clients resolve the endpoint IPs and connect to port.`, `set spec.ports[${i}].targetPort equal to port (or omit it)`, { fields: [`spec.ports[${i}].targetPort`], discriminator: String(p.port) }));
      });
      // the annotation is honoured only by old releases; current endpoint controllers read the field
      const legacy = svc.metadata.annotations?.[TOLERATE_UNREADY] === 'true';
      if (spec.publishNotReadyAddresses || legacy)
        out.push(finding('svc.publish-not-ready', isHeadless(svc) ? 'info' : 'warning', svc, `Service ${nn(svc)} routes to pods that fail their readiness probe (${spec.publishNotReadyAddresses ? 'spec.publishNotReadyAddresses=true' : `${TOLERATE_UNREADY}, honoured only by old releases`}).`, 'remove the flag unless this is a StatefulSet peer-discovery headless Service', { fields: [spec.publishNotReadyAddresses ? 'spec.publishNotReadyAddresses' : `metadata.annotations["${TOLERATE_UNREADY}"]`] }));
      const proxy = svc.metadata.labels?.['service.kubernetes.io/service-proxy-name'];
      if (proxy !== undefined)
        out.push(finding('svc.proxy-name-label', 'warning', svc, `kube-proxy ignores Service ${nn(svc)} (service-proxy-name=${proxy}); it works only if proxy '${proxy}' handles it.`, 'remove the label or deploy the alternative proxy', { fields: ['metadata.labels["service.kubernetes.io/service-proxy-name"]'] }));
      // an ingress or gateway controller's own Service is meant to be exposed
      if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0) && !isControllerService(rc.s, svc)) {
        const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname).filter(Boolean).join(', ');
        const nodePorts = (spec.ports ?? []).map((p) => p.nodePort).filter(Boolean).join(', ');
        const what = spec.type === 'LoadBalancer' ? `load balancer ${lb || '(address pending)'}${nodePorts ? ` and NodePort ${nodePorts}` : ''}` : spec.type === 'NodePort' ? `NodePort ${nodePorts}` : `external IPs ${(spec.externalIPs ?? []).join(', ')}`;
        out.push(finding('svc.exposed-type', 'info', svc, `Service ${nn(svc)} is reachable from outside the cluster via ${what}.`, 'if external exposure is not intended, use ClusterIP behind an Ingress or Gateway; otherwise restrict it (loadBalancerSourceRanges, firewalls)', { fields: [spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? 'spec.type' : 'spec.externalIPs'] }));
      }
      const etp = spec.externalTrafficPolicy ?? 'Cluster';
      if (spec.type === 'LoadBalancer' && etp === 'Cluster')
        out.push(finding('svc.traffic-policy-hint', 'info', svc, `LoadBalancer Service ${nn(svc)} hides client IPs from its pods (externalTrafficPolicy: Cluster, source IPs are SNATed).`, 'set spec.externalTrafficPolicy: Local only if backends need the client IP, then check nodeport.etp-local-*', { fields: ['spec.externalTrafficPolicy'] }));
      if (spec.type === 'NodePort' && etp === 'Local')
        out.push(finding('svc.traffic-policy-hint', 'info', svc, `NodePort Service ${nn(svc)} answers only on nodes that run a ready backend (externalTrafficPolicy: Local).`, 'point clients at nodes with a backend, or set spec.externalTrafficPolicy: Cluster', { fields: ['spec.externalTrafficPolicy'] }));
    }
    return out;
  },
};

/** Cordoned, or tainted so that ordinary pods are not scheduled there (kubeadm control-plane nodes). */
const unschedulable = (n: Node): boolean => n.spec?.unschedulable === true || (n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');

/** Nodes that run a Ready pod: the in-cluster clients of a Service. */
const clientNodes = (pods: Pod[]): Set<string> => new Set(pods.filter((p) => podReady(p) && p.spec.nodeName).map((p) => p.spec.nodeName ?? ''));

const internalTrafficLocal: Check = {
  ids: ['svc.internal-traffic-local'],
  needs: ['Service'],
  needsOneOf: ['EndpointSlice', 'Endpoints'],
  run(rc) {
    const out: Finding[] = [];
    let clients: Set<string> | undefined;
    for (const svc of rc.s.services) {
      if (svc.spec.internalTrafficPolicy !== 'Local' || !appliesTo(svc).proxyChecks || !endpointsVisible(rc.s, nsOf(svc))) continue;
      const eps = endpointsOf(rc.s, svc) ?? [];
      // a serving endpoint without nodeName (hand-made slices): which node is local is unknown
      if (eps.some((e) => epServing(e.endpoint) && !e.endpoint.nodeName)) continue;
      const local = new Set(eps.filter((e) => epReady(e.endpoint)).map((e) => e.endpoint.nodeName ?? ''));
      // kube-proxy falls back to serving-terminating endpoints when a node has no ready one
      for (const e of eps) if (epServing(e.endpoint) && e.endpoint.nodeName) local.add(e.endpoint.nodeName);
      const backends = isVisible(rc.s, 'Pod', nsOf(svc)) ? selectedPods(rc.s, svc) : undefined;
      if (local.size === 0) {
        if ((backends ?? []).length > 0)
          out.push(finding('svc.internal-traffic-local', 'error', svc, `internalTrafficPolicy=Local: no node has a ready backend of ${nn(svc)}, so every in-cluster client gets no answer.`, 'back it with a DaemonSet or set spec.internalTrafficPolicy: Cluster', { fields: ['spec.internalTrafficPolicy'] }));
        continue;
      }
      if (rc.s.visibility.Pod.state !== 'visible' && rc.s.visibility.Pod.state !== 'partial') continue;
      clients ??= clientNodes(rc.s.pods);
      // node-local agents (DaemonSet backends) are meant for the nodes the DaemonSet schedules on:
      // clients on cordoned or NoSchedule/NoExecute-tainted nodes are out of its scope
      const daemonSet = (backends ?? []).length > 0 && (backends ?? []).every((p) => (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet'));
      const outOfScope = daemonSet && rc.s.visibility.Node.state === 'visible' ? new Set(rc.s.nodes.filter(unschedulable).map((n) => n.metadata.name)) : new Set<string>();
      const missing = [...clients].filter((n) => !local.has(n) && !outOfScope.has(n)).sort();
      if (missing.length > 0)
        out.push(finding('svc.internal-traffic-local', 'info', svc, `internalTrafficPolicy=Local: clients on node${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? `, … (${missing.length})` : ''} get no answer from ${nn(svc)} because no backend runs there (backends on ${[...local].sort().slice(0, 5).join(', ')}).`, 'back it with a DaemonSet covering every node, or set spec.internalTrafficPolicy: Cluster', { fields: ['spec.internalTrafficPolicy'] }));
    }
    return out;
  },
};

export const serviceChecks: Check[] = [selectorNoPods, selectorlessNoEndpoints, targetPortName, shapeNotes, internalTrafficLocal];
