// What to ask the API server's pod proxy (§11.5, pure): one ready pod per TCP port of each
// selector Service. Bounded on purpose: one pod answers for its siblings (same template), and
// every request goes through the user's API server.
import { endpointsOf, epReady, slicePortFor } from '../model/endpoints.js';
import { refKey, refOf, type ClusterSnapshot, type Service } from '../model/types.js';
import type { Selection } from './targets.js';
import type { BackendTarget } from './types.js';

/**
 * Selectorless Services (and ExternalName) have no pods behind them: the API server refuses to
 * proxy to endpoints a user wrote by hand, so there is nothing to ask.
 */
function hasSelector(svc: Service): boolean {
  return svc.spec.type !== 'ExternalName' && Object.keys(svc.spec.selector ?? {}).length > 0;
}

function serviceBackends(s: ClusterSnapshot, svc: Service): BackendTarget[] {
  const eps = endpointsOf(s, svc);
  if (!eps) return [];
  const object = refOf(svc);
  const ns = svc.metadata.namespace ?? '';
  const out: BackendTarget[] = [];
  (svc.spec.ports ?? []).forEach((sp, portIndex) => {
    // the proxy speaks HTTP over TCP only
    if ((sp.protocol ?? 'TCP') !== 'TCP') return;
    const candidates = eps
      .filter((e) => epReady(e.endpoint) && e.endpoint.targetRef?.kind === 'Pod' && e.endpoint.targetRef.name)
      .flatMap((e) => {
        const port = slicePortFor(sp, e.ports)?.port;
        const ref = e.endpoint.targetRef;
        return port !== undefined && ref?.name ? [{ pod: ref.name, ns: ref.namespace ?? ns, ip: e.endpoint.addresses[0] ?? '', port }] : [];
      })
      // the same pod every run, whatever the slice order
      .sort((a, b) => a.pod.localeCompare(b.pod));
    const first = candidates[0];
    if (!first || first.ns !== ns) return;
    out.push({ kind: 'backend-via-apiserver', object, host: first.ip, port: first.port, pod: first.pod, servicePort: sp.port, portIndex, ...(sp.name ? { portName: sp.name } : {}) });
  });
  return out;
}

/** Every selector Service's ports, or only those of the selected Service. */
export function backendTargets(s: ClusterSnapshot, select: Selection = {}): BackendTarget[] {
  if (select.ingress && !select.service) return [];
  const svcKey = select.service ? refKey(select.service) : undefined;
  return s.services.filter((svc) => hasSelector(svc) && (svcKey === undefined || refKey(refOf(svc)) === svcKey)).flatMap((svc) => serviceBackends(s, svc));
}
