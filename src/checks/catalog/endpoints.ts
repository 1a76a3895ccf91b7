// EndpointSlice checks (diagnostics.md §3), with Appendix D's clarifications: the placeholder
// slice, only-terminating instead of no-ready, port-unserved only with a ready endpoint.
import { endpointsForPort, endpointsOf, endpointsVisible, epReady, epServing, epTerminating, MANAGED_BY, MIRROR_CONTROLLER, SLICE_CONTROLLER, slicesOf } from '../../model/endpoints.js';
import { appliesTo, hasSelector } from '../../model/exposure.js';
import { indexes, nsName } from '../../model/index.js';
import { nodeReady } from '../../model/nodes.js';
import { isVisible } from '../../model/snapshot.js';
import type { Service } from '../../model/types.js';
import { duration, finding, nn, type Check, type RunContext } from '../check.js';
import { scaledToZero } from './service.js';
import type { Finding } from '../types.js';

const nodeNotReady = (rc: RunContext, name: string): boolean => {
  const n = indexes(rc.s).nodeByName.get(name);
  return n !== undefined && !nodeReady(n);
};

const selectorService = (svc: Service): boolean => appliesTo(svc).endpointChecks && svc.spec.publishNotReadyAddresses !== true;

const readiness: Check = {
  ids: ['eps.none', 'eps.no-ready', 'eps.only-terminating', 'eps.port-unserved', 'eps.single'],
  needs: ['Service'],
  needsOneOf: ['EndpointSlice', 'Endpoints'],
  run(rc) {
    const out: Finding[] = [];
    const gv = rc.g.serviceByKey;
    const ix = indexes(rc.s);
    for (const svc of rc.s.services) {
      if (!appliesTo(svc).endpointChecks || !endpointsVisible(rc.s, svc.metadata.namespace)) continue;
      const view = gv.get(`Service/${svc.metadata.namespace ?? ''}/${svc.metadata.name}`);
      const eps = endpointsOf(rc.s, svc) ?? [];
      const ns = svc.metadata.namespace;
      const noSlice = isVisible(rc.s, 'EndpointSlice', ns) ? slicesOf(rc.s, svc).length === 0 : undefined;
      const noLegacy = isVisible(rc.s, 'Endpoints', ns) ? !ix.endpointsByName.has(nsName(ns, svc.metadata.name)) : undefined;
      // no slice (forbidden slices are unknown, never "none") and no Endpoints object where visible
      if (noSlice === true && noLegacy !== false) {
        const age = rc.ageMs(svc);
        if (age !== undefined && age > 60_000)
          out.push(finding('eps.none', 'error', svc, `No EndpointSlice${noLegacy ? ' or Endpoints object' : ''} exists for Service ${nn(svc)}, ${duration(age)} after it was created; the endpoint controllers are not processing it.`, `check kube-controller-manager health and the Events of the Service (kubectl describe service -n ${ns ?? ''} ${svc.metadata.name})`, {}));
        continue;
      }
      if (!selectorService(svc)) continue;
      const ready = eps.filter((e) => epReady(e.endpoint));
      const terminating = eps.filter((e) => epTerminating(e.endpoint));
      if (ready.length === 0) {
        // a workload deliberately scaled to 0 is svc.backends-scaled-to-zero (info), not an outage
        if (eps.length === 0 && (view?.selectedPods ?? []).length === 0 && scaledToZero(rc, svc).length > 0) continue;
        // counted per backend (the graph merges a pod's IPv4 and IPv6 endpoints), not per slice entry
        const backends = view?.endpoints ?? [];
        const count = backends.length || eps.length;
        if (eps.length > 0 && terminating.length === eps.length) {
          const serving = backends.length > 0 ? backends.filter((e) => e.serving).length : terminating.filter((e) => epServing(e.endpoint)).length;
          out.push(finding('eps.only-terminating', 'warning', svc, `All ${count} backends of Service ${nn(svc)} are shutting down (${serving} still serving); only draining connections are served.`, 'check why replacement pods are not becoming Ready (stuck rollout, image pull, probes)', { related: (view?.endpoints ?? []).flatMap((e) => (e.pod ? [e.pod] : [])).slice(0, 5) }));
          continue;
        }
        const notReady = (view?.endpoints ?? []).filter((e) => !e.ready);
        const detail = eps.length === 0 ? 'it has no endpoints (no pod matches, or the targetPort resolves on no pod)' : `it has ${count} endpoint${count === 1 ? '' : 's'} but none is ready: ${notReady.slice(0, 3).map((e) => `${e.pod?.name ?? e.address} (${e.notReadyReason ?? 'not ready'})`).join(', ')}`;
        // every not-ready backend sits on a NotReady node: the node is what to look at, not the pods
        const downNodes = [...new Set(notReady.map((e) => e.nodeName ?? ''))].filter((n) => n !== '' && nodeNotReady(rc, n));
        const onDownNodes = notReady.length > 0 && downNodes.length > 0 && notReady.every((e) => e.nodeName !== undefined && downNodes.includes(e.nodeName));
        const hint =
          eps.length === 0
            ? 'fix spec.selector or the targetPort (its root-cause finding says which)'
            : onDownNodes
              ? `node${downNodes.length > 1 ? 's' : ''} ${downNodes.join(', ')} ${downNodes.length > 1 ? 'are' : 'is'} NotReady: kubectl describe node ${downNodes[0] ?? ''}; the pods become ready when the node returns, or are replaced elsewhere after eviction`
              : `fix the readiness of the pods shown; kubectl describe pod -n ${svc.metadata.namespace ?? ''} ${notReady[0]?.pod?.name ?? ''}`;
        const related = [...(onDownNodes ? downNodes.map((n) => ({ kind: 'Node', name: n })) : []), ...notReady.flatMap((e) => (e.pod ? [e.pod] : []))].slice(0, 5);
        out.push(finding('eps.no-ready', 'error', svc, `Service ${nn(svc)} has no ready endpoint: ${detail}, so every connection fails.`, hint, eps.length === 0 ? { fields: ['spec.selector', 'spec.ports[].targetPort'] } : { related }));
        continue;
      }
      for (const [i, sp] of (svc.spec.ports ?? []).entries()) {
        const serving = endpointsForPort(eps, sp).filter(({ fe }) => epReady(fe.endpoint));
        if (serving.length === 0)
          out.push(finding('eps.port-unserved', 'error', svc, `Service ${nn(svc)} has ready backends, but none of them serves port '${sp.name ?? sp.port}' (its targetPort ${String(sp.targetPort ?? sp.port)} resolves on no ready pod).`, 'see svc.targetport-name-unresolved: declare the named container port on the pods, or use a numeric targetPort', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
      }
      // one pod is one backend even when dual-stack lists it in an IPv4 and an IPv6 slice
      const backends = new Set(ready.map((e) => (e.endpoint.targetRef?.name ? `pod/${e.endpoint.targetRef.namespace ?? ''}/${e.endpoint.targetRef.name}` : e.endpoint.addresses[0])));
      if (backends.size === 1)
        out.push(finding('eps.single', 'info', svc, `Service ${nn(svc)} depends on a single ready pod; any restart causes an outage.`, 'run at least 2 replicas of the workload (plus a PodDisruptionBudget)', { related: ready.flatMap((e) => (e.endpoint.targetRef?.kind === 'Pod' && e.endpoint.targetRef.name ? [{ kind: 'Pod', namespace: e.endpoint.targetRef.namespace ?? ns ?? '', name: e.endpoint.targetRef.name }] : [])).slice(0, 1) }));
    }
    return out;
  },
};

const LEADER = 'control-plane.alpha.kubernetes.io/leader';

/** Addresses kube-proxy cannot route to (k8s docs, "Custom EndpointSlices"). */
function badAddress(a: string, serviceIPs: Set<string>): string | undefined {
  if (serviceIPs.has(a)) return 'a Service IP';
  if (/^127\./.test(a) || a === '::1') return 'a loopback address';
  if (/^169\.254\./.test(a) || /^fe80:/i.test(a)) return 'a link-local address';
  if (/^224\.0\.0\./.test(a)) return 'a link-local multicast address';
  return undefined;
}

const serviceIPsOf = (rc: Parameters<Check['run']>[0]): Set<string> => new Set(rc.s.services.flatMap((s) => (s.spec.clusterIPs ?? (s.spec.clusterIP ? [s.spec.clusterIP] : [])).filter((ip) => ip !== 'None')));

const sliceHygiene: Check = {
  ids: ['eps.orphan', 'eps.invalid-manual-address'],
  needs: ['Service', 'EndpointSlice'],
  run(rc) {
    const out: Finding[] = [];
    const ix = indexes(rc.s);
    const serviceIPs = serviceIPsOf(rc);
    for (const slice of rc.s.endpointSlices) {
      const managedBy = slice.metadata.labels?.[MANAGED_BY];
      const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
      // controller-written slices are garbage-collected with their Service
      const k8sManaged = managedBy === SLICE_CONTROLLER || managedBy === MIRROR_CONTROLLER;
      if (!k8sManaged && isVisible(rc.s, 'Service', slice.metadata.namespace) && (!svcName || !ix.serviceByName.has(nsName(slice.metadata.namespace, svcName))))
        out.push(finding('eps.orphan', 'warning', slice, `EndpointSlice ${nn(slice)} is not attached to any Service (label kubernetes.io/service-name ${svcName ? `names '${svcName}', which does not exist` : 'is missing'}); kube-proxy ignores it.`, 'set the kubernetes.io/service-name label to the Service name, or delete the stale object', { fields: ['metadata.labels["kubernetes.io/service-name"]'] }));
      if (managedBy === SLICE_CONTROLLER) continue;
      (slice.endpoints ?? []).forEach((e, i) => {
        for (const a of e.addresses) {
          const why = badAddress(a, serviceIPs);
          if (why) out.push(finding('eps.invalid-manual-address', 'error', slice, `EndpointSlice ${nn(slice)}${svcName ? ` (Service ${svcName})` : ''} lists ${a}, ${why}; kube-proxy cannot route to it.`, 'use real pod or host IPs; for Service-to-Service aliasing use an ExternalName Service', { fields: [`endpoints[${i}].addresses`], discriminator: a, ...(svcName ? { related: [{ kind: 'Service', namespace: slice.metadata.namespace ?? '', name: svcName }] } : {}) }));
        }
      });
    }
    return out;
  },
};

const legacyHygiene: Check = {
  ids: ['eps.orphan', 'eps.invalid-manual-address', 'eps.over-capacity'],
  needs: ['Service', 'Endpoints'],
  run(rc) {
    const out: Finding[] = [];
    const ix = indexes(rc.s);
    const serviceIPs = serviceIPsOf(rc);
    for (const ep of rc.s.endpoints) {
      const ns = ep.metadata.namespace;
      const svc = ix.serviceByName.get(nsName(ns, ep.metadata.name));
      const svcRef = { kind: 'Service', namespace: ns ?? '', name: ep.metadata.name };
      // leader-election locks are Endpoints without a Service by design
      if (!svc && isVisible(rc.s, 'Service', ns) && ep.metadata.annotations?.[LEADER] === undefined)
        out.push(finding('eps.orphan', 'warning', ep, `Endpoints ${nn(ep)} belongs to no Service (no Service named ${ep.metadata.name} in ${ns ?? ''}).`, 'create the Service, or delete the stale Endpoints object', { fields: ['metadata.name'] }));
      if (ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'] === 'truncated')
        out.push(finding('eps.over-capacity', 'info', svc ?? svcRef, `Consumers of the legacy Endpoints API see only 1000 of ${nn(ep)}'s backends (endpoints.kubernetes.io/over-capacity: truncated).`, 'move consumers to the EndpointSlice API', { related: [ep] }));
      // selectorless Services: only when slices are not readable, else the mirrored slice is judged
      if (!svc || hasSelector(svc) || isVisible(rc.s, 'EndpointSlice', ns)) continue;
      for (const sub of ep.subsets ?? [])
        for (const a of [...(sub.addresses ?? []), ...(sub.notReadyAddresses ?? [])]) {
          const why = badAddress(a.ip, serviceIPs);
          if (why) out.push(finding('eps.invalid-manual-address', 'error', ep, `Endpoints ${nn(ep)} lists ${a.ip}, ${why}; kube-proxy cannot route to it.`, 'use real pod or host IPs; for Service-to-Service aliasing use an ExternalName Service', { fields: ['subsets[].addresses'], discriminator: a.ip, related: [svc] }));
        }
    }
    return out;
  },
};

export const endpointChecks: Check[] = [readiness, sliceHygiene, legacyHygiene];
