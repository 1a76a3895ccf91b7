// Facts about LoadBalancer implementations (diagnostics.md §8, Appendix A) shared by lb.* checks.
import { nodeExcludedFromLB, nodeReady } from '../../../model/nodes.js';
import { isVisible } from '../../../model/snapshot.js';
import type { ClusterSnapshot, Event, Pod, Service } from '../../../model/types.js';

export const hasLbAddress = (svc: Service): boolean => (svc.status?.loadBalancer?.ingress ?? []).some((i) => (i.ip ?? '') !== '' || (i.hostname ?? '') !== '');

/** A real cloud provider: kind/kwok/k3s set providerIDs without any load-balancer support. */
export function cloudProvider(s: ClusterSnapshot): boolean {
  return s.nodes.some((n) => {
    const id = n.spec?.providerID ?? '';
    return id !== '' && !/^(kind|kwok|k3s|fake):\/\//.test(id);
  });
}

const IMPL_POD: RegExp[] = [/metallb/, /kube-vip/, /^svclb-/, /cilium/, /openelb|porter-manager/, /purelb/, /aws-load-balancer-controller/, /loxilb/];

function implPod(p: Pod): boolean {
  const names = [p.metadata.name, ...p.spec.containers.map((c) => c.image ?? '')];
  return p.metadata.namespace === 'metallb-system' || names.some((n) => IMPL_POD.some((re) => re.test(n)));
}

/**
 * Evidence of something that implements type LoadBalancer: a cloud provider, a known
 * in-cluster implementation, or another LoadBalancer that did get an address.
 * Undefined when it cannot be judged (pods of all namespaces or nodes not visible).
 */
const implCache = new WeakMap<ClusterSnapshot, { v: string | undefined | false }>();

export function lbImplementation(s: ClusterSnapshot): string | undefined | false {
  // asked once per pending Service: scan the pods once per snapshot
  const hit = implCache.get(s);
  if (hit) return hit.v;
  const v = detectImplementation(s);
  implCache.set(s, { v });
  return v;
}

function detectImplementation(s: ClusterSnapshot): string | undefined | false {
  if (cloudProvider(s)) return 'cloud provider';
  if (s.services.some((x) => x.spec.type === 'LoadBalancer' && hasLbAddress(x))) return 'another LoadBalancer Service has an address';
  const pod = s.pods.find(implPod);
  if (pod) return `pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
  if (s.visibility.Pod.state !== 'visible' || s.namespace !== undefined || s.visibility.Node.state !== 'visible') return undefined;
  return false;
}

/** Addresses the Service asks for: spec.loadBalancerIP (deprecated) and provider annotations. */
export function requestedIPs(svc: Service): { ip: string; field: string }[] {
  const ann = svc.metadata.annotations ?? {};
  const out: { ip: string; field: string }[] = [];
  if (svc.spec.loadBalancerIP) out.push({ ip: svc.spec.loadBalancerIP, field: 'spec.loadBalancerIP' });
  for (const k of ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs', 'kube-vip.io/loadbalancerIPs'])
    for (const ip of (ann[k] ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')) out.push({ ip, field: `metadata.annotations["${k}"]` });
  return out.filter((x, i) => out.findIndex((y) => y.ip === x.ip) === i);
}

/** MetalLB's sharing key (new and old annotation prefix). */
export const sharedIpKey = (svc: Service): string | undefined => svc.metadata.annotations?.['metallb.io/allow-shared-ip'] ?? svc.metadata.annotations?.['metallb.universe.tf/allow-shared-ip'];

/** Load balancers that send traffic straight to pod IPs do not need nodes or node ports. */
export function podTargeted(svc: Service): boolean {
  const ann = svc.metadata.annotations ?? {};
  return ann['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] === 'ip' || ann['alb.ingress.kubernetes.io/target-type'] === 'ip';
}

/** Every node is excluded from external load balancers or not Ready. */
export const noEligibleNodes = (s: ClusterSnapshot): boolean => s.nodes.length > 0 && s.nodes.every((n) => nodeExcludedFromLB(n) || !nodeReady(n));

const LB_REASONS = ['SyncLoadBalancerFailed', 'AllocationFailed'];
const evTime = (e: Event): string => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';

/** The newest Warning event of the cloud service controller / MetalLB about this Service. */
export function lbFailureEvent(s: ClusterSnapshot, svc: Service): Event | undefined {
  if (!isVisible(s, 'Event', svc.metadata.namespace)) return undefined;
  return s.events
    .filter((e) => e.type === 'Warning' && LB_REASONS.includes(e.reason ?? '') && e.involvedObject.kind === 'Service' && e.involvedObject.name === svc.metadata.name && (e.involvedObject.namespace ?? e.metadata.namespace) === svc.metadata.namespace)
    .sort((a, b) => evTime(b).localeCompare(evTime(a)))[0];
}

/** k3s ServiceLB pods of this Service that cannot be scheduled for lack of free host ports. */
const svclbCache = new WeakMap<ClusterSnapshot, Pod[]>();

export function svclbBlocked(s: ClusterSnapshot, svc: Service): Pod | undefined {
  let candidates = svclbCache.get(s);
  if (!candidates) {
    candidates = s.pods.filter((p) => p.metadata.labels?.['svccontroller.k3s.cattle.io/svcname'] !== undefined);
    svclbCache.set(s, candidates);
  }
  return candidates.find((p) => {
    const l = p.metadata.labels ?? {};
    if (l['svccontroller.k3s.cattle.io/svcname'] !== svc.metadata.name) return false;
    if ((l['svccontroller.k3s.cattle.io/svcnamespace'] ?? svc.metadata.namespace) !== svc.metadata.namespace) return false;
    const c = (p.status?.conditions ?? []).find((x) => x.type === 'PodScheduled');
    return c?.status === 'False' && /didn't have free ports/.test(c.message ?? '');
  });
}

/** Another LoadBalancer Service requesting one of the same IPs without a valid MetalLB share. */
export function lbIpRival(s: ClusterSnapshot, svc: Service): { other: Service; ip: string } | undefined {
  const mine = requestedIPs(svc).map((x) => x.ip);
  for (const other of s.services) {
    if (other === svc || other.spec.type !== 'LoadBalancer') continue;
    const ip = requestedIPs(other).find((x) => mine.includes(x.ip))?.ip;
    if (ip && !sharesIp(svc, other)) return { other, ip };
  }
  return undefined;
}

/** MetalLB shares an IP between Services with the same allow-shared-ip key and disjoint ports. */
export function sharesIp(a: Service, b: Service): boolean {
  const ka = sharedIpKey(a);
  if (ka === undefined || ka !== sharedIpKey(b)) return false;
  return !(a.spec.ports ?? []).some((p) => (b.spec.ports ?? []).some((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP')));
}
