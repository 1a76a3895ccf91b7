// H2 (pods selected by a Service) and H3 (targetPort resolution per pod, like FindPort).
import { indexes } from './index.js';
import { mapSelects } from './labels.js';
import type { ClusterSnapshot, Container, Pod, Service, ServicePort } from './types.js';

export function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

export function isTerminating(p: Pod): boolean {
  return p.metadata.deletionTimestamp !== undefined;
}

export function podReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** H2. Undefined when it cannot be known (ExternalName, no selector). */
export function selectedPods(s: ClusterSnapshot, svc: Service): Pod[] | undefined {
  if (svc.spec.type === 'ExternalName') return undefined;
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  const pods = indexes(s).podsByNamespace.get(svc.metadata.namespace ?? '') ?? [];
  return pods.filter((p) => !isTerminal(p) && mapSelects(sel, p.metadata.labels));
}

export const protocolOf = (p: { protocol?: string }): string => p.protocol ?? 'TCP';

function containersForPorts(p: Pod): Container[] {
  // Native sidecars (restartable init containers) are searched too.
  return [...p.spec.containers, ...(p.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
}

/** Every container port the pod declares, native sidecars included (as H3 searches them). */
export function declaredPorts(p: Pod): NonNullable<Container['ports']> {
  return containersForPorts(p).flatMap((c) => c.ports ?? []);
}

/**
 * H3. The container port a Service port resolves to on this pod, or undefined when a named
 * targetPort has no match by name AND protocol (then the pod is not an endpoint for it).
 */
export function resolveTargetPort(sp: ServicePort, p: Pod): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  const proto = protocolOf(sp);
  for (const c of containersForPorts(p)) for (const cp of c.ports ?? []) if (cp.name === tp && protocolOf(cp) === proto) return cp.containerPort;
  return undefined;
}

/** Whether a named targetPort matched only in a native-sidecar init container. */
export function resolvesOnlyInSidecar(sp: ServicePort, p: Pod): boolean {
  const tp = sp.targetPort;
  if (typeof tp !== 'string') return false;
  const inMain = p.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === tp && protocolOf(cp) === protocolOf(sp)));
  return !inMain && resolveTargetPort(sp, p) !== undefined;
}

/** Why a pod is not ready, in a few words (for endpoint and path views). */
export function notReadyReason(p: Pod, nodeReady?: boolean): string {
  if (isTerminating(p)) return 'terminating';
  if (nodeReady === false) return `node ${p.spec.nodeName ?? '?'} NotReady`;
  if (!p.spec.nodeName) return 'not scheduled';
  if (p.status?.phase === 'Pending') return 'Pending';
  for (const cs of p.status?.containerStatuses ?? []) {
    const w = cs.state?.waiting?.reason;
    if (w) return cs.restartCount ? `${w} (${cs.restartCount} restarts)` : w;
    const t = cs.state?.terminated?.reason;
    if (t) return t;
  }
  const notReadyContainers = (p.status?.containerStatuses ?? []).filter((c) => !c.ready).map((c) => c.name);
  if (notReadyContainers.length > 0) return `readiness probe failing (${notReadyContainers.join(',')})`;
  const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready?.reason) return ready.reason;
  return 'not ready';
}
