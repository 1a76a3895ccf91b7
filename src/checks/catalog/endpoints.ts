// EndpointSlice checks (diagnostics.md §3), with Appendix D's clarifications: the placeholder
// slice, only-terminating instead of no-ready, port-unserved only with a ready endpoint.
import { endpointsForPort, endpointsOf, endpointsVisible, epReady, epServing, epTerminating, MANAGED_BY, SLICE_CONTROLLER, slicesOf } from '../../model/endpoints.js';
import { appliesTo } from '../../model/exposure.js';
import { indexes, nsName } from '../../model/index.js';
import { isVisible } from '../../model/snapshot.js';
import type { Service } from '../../model/types.js';
import { finding, nn, type Check } from '../check.js';
import { scaledToZero } from './service.js';
import type { Finding } from '../types.js';

const selectorService = (svc: Service): boolean => appliesTo(svc).endpointChecks && svc.spec.publishNotReadyAddresses !== true;

const readiness: Check = {
  ids: ['eps.none', 'eps.no-ready', 'eps.only-terminating', 'eps.port-unserved', 'eps.single'],
  needs: ['Service'],
  needsOneOf: ['EndpointSlice', 'Endpoints'],
  run(rc) {
    const out: Finding[] = [];
    const gv = rc.g.serviceByKey;
    for (const svc of rc.s.services) {
      if (!appliesTo(svc).endpointChecks || !endpointsVisible(rc.s, svc.metadata.namespace)) continue;
      const view = gv.get(`Service/${svc.metadata.namespace ?? ''}/${svc.metadata.name}`);
      const eps = endpointsOf(rc.s, svc) ?? [];
      if (slicesOf(rc.s, svc).length === 0 && isVisible(rc.s, 'EndpointSlice', svc.metadata.namespace)) {
        const age = rc.ageMs(svc);
        if (age === undefined || age > 60_000)
          out.push(finding('eps.none', 'error', svc, `No EndpointSlice exists for Service ${nn(svc)}; the endpoint controllers are not processing it.`, 'check kube-controller-manager health and the Events of the Service', { fields: ['spec.selector'] }));
        continue;
      }
      if (!selectorService(svc)) continue;
      const ready = eps.filter((e) => epReady(e.endpoint));
      const terminating = eps.filter((e) => epTerminating(e.endpoint));
      if (ready.length === 0) {
        // a workload deliberately scaled to 0 is svc.backends-scaled-to-zero (info), not an outage
        if (eps.length === 0 && (view?.selectedPods ?? []).length === 0 && scaledToZero(rc, svc).length > 0) continue;
        if (eps.length > 0 && terminating.length === eps.length) {
          const serving = terminating.filter((e) => epServing(e.endpoint)).length;
          out.push(finding('eps.only-terminating', 'warning', svc, `All ${eps.length} backends of Service ${nn(svc)} are shutting down (${serving} still serving); only draining connections are served.`, 'check why replacement pods are not becoming Ready (stuck rollout, image pull, probes)', { fields: ['status'] }));
          continue;
        }
        const notReady = (view?.endpoints ?? []).filter((e) => !e.ready);
        const detail = eps.length === 0 ? 'it has no endpoints (no pod matches, or the targetPort resolves on no pod)' : `it has ${eps.length} endpoints but none is ready: ${notReady.slice(0, 3).map((e) => `${e.pod?.name ?? e.address} (${e.notReadyReason ?? 'not ready'})`).join(', ')}`;
        out.push(finding('eps.no-ready', 'error', svc, `Service ${nn(svc)} has no ready endpoint: ${detail}, so every connection fails.`, eps.length === 0 ? 'fix spec.selector or the targetPort (see the related finding)' : `fix the readiness of the pods shown; kubectl describe pod -n ${svc.metadata.namespace ?? ''} ${notReady[0]?.pod?.name ?? ''}`, { fields: eps.length === 0 ? ['spec.selector'] : ['pods: readiness'], related: notReady.flatMap((e) => (e.pod ? [e.pod] : [])).slice(0, 5) }));
        continue;
      }
      for (const [i, sp] of (svc.spec.ports ?? []).entries()) {
        const serving = endpointsForPort(eps, sp).filter(({ fe }) => epReady(fe.endpoint));
        if (serving.length === 0)
          out.push(finding('eps.port-unserved', 'error', svc, `Service ${nn(svc)} has ready backends, but none of them serves port '${sp.name ?? sp.port}' (its targetPort ${String(sp.targetPort ?? sp.port)} resolves on no ready pod).`, 'see svc.targetport-name-unresolved: declare the named container port on the pods, or use a numeric targetPort', { fields: [`spec.ports[${i}].targetPort`], discriminator: sp.name ?? String(sp.port) }));
      }
      const readyAddrs = new Set(ready.map((e) => e.endpoint.addresses[0]));
      if (readyAddrs.size === 1)
        out.push(finding('eps.single', 'info', svc, `Service ${nn(svc)} depends on a single ready pod; any restart causes an outage.`, 'run at least 2 replicas (plus a PodDisruptionBudget)', { fields: ['spec.replicas'] }));
    }
    return out;
  },
};

const hygiene: Check = {
  ids: ['eps.orphan', 'eps.invalid-manual-address', 'eps.over-capacity'],
  needs: ['Service', 'EndpointSlice'],
  run(rc) {
    const out: Finding[] = [];
    const ix = indexes(rc.s);
    const serviceIPs = new Set(rc.s.services.flatMap((s) => s.spec.clusterIPs ?? (s.spec.clusterIP ? [s.spec.clusterIP] : [])));
    for (const slice of rc.s.endpointSlices) {
      const managedBy = slice.metadata.labels?.[MANAGED_BY];
      const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
      const k8sManaged = managedBy === SLICE_CONTROLLER || managedBy === 'endpointslicemirroring-controller.k8s.io';
      if (!k8sManaged && isVisible(rc.s, 'Service', slice.metadata.namespace) && (!svcName || !ix.serviceByName.has(nsName(slice.metadata.namespace, svcName))))
        out.push(finding('eps.orphan', 'warning', slice, `EndpointSlice ${nn(slice)} is not attached to any Service (label kubernetes.io/service-name ${svcName ? `names '${svcName}', which does not exist` : 'is missing'}).`, 'set kubernetes.io/service-name to the Service name, or delete the stale object', { fields: ['metadata.labels'] }));
      if (managedBy === SLICE_CONTROLLER) continue;
      for (const e of slice.endpoints ?? [])
        for (const a of e.addresses)
          if (/^127\./.test(a) || a === '::1' || /^169\.254\./.test(a) || /^224\.0\.0\./.test(a) || /^fe80:/i.test(a) || serviceIPs.has(a))
            out.push(finding('eps.invalid-manual-address', 'error', slice, `EndpointSlice ${nn(slice)} lists ${a}, ${serviceIPs.has(a) ? 'a Service IP' : 'a loopback, link-local or multicast address'}; kube-proxy cannot route to it.`, 'use real pod or host IPs; for Service-to-Service aliasing use ExternalName', { fields: ['endpoints[].addresses'], discriminator: a }));
    }
    for (const ep of rc.s.endpoints)
      if (ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'] === 'truncated')
        out.push(finding('eps.over-capacity', 'info', { kind: 'Service', ...(ep.metadata.namespace ? { namespace: ep.metadata.namespace } : {}), name: ep.metadata.name }, `Consumers of the legacy Endpoints API see only 1000 of ${nn(ep)}'s backends.`, 'move consumers to the EndpointSlice API', { fields: ['metadata.annotations'] }));
    return out;
  },
};

export const endpointChecks: Check[] = [readiness, hygiene];
